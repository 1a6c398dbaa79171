"""Money as integer cents: parsing what people type or sheets hold, and formatting it back."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

_CURRENCY = re.compile(r"(?i)(rmb|cny|元|¥|￥|\$)")
MAX_CENTS = 10**12  # ten billion yuan: anything above is a typo or garbage


# What separators may do in an amount.  A comma (or dot) group that is not 3 digits is never a
# thousands separator: '12,50' is not 1250, '1.234,50' is not 1.23, '12 50' is not 1250.
_GROUPS_SPACE = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_DOT_DECIMAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_COMMA_DECIMAL = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "'": None})


def number_text(text: str, decimal_comma: bool | None = False) -> str | None:
    """An unsigned amount as plain '1234.50' text, or None when its separators do not fit.

    decimal_comma: False - '.' is the decimal mark, ',' groups thousands (the shop's own forms);
    True - the other way round ('1.234,50', a ';'-separated export); None - the file shows both
    conventions about equally, so only a text that reads the same either way is taken."""
    text = text.translate(_SPACES).strip()
    if " " in text:
        if not _GROUPS_SPACE.fullmatch(text):
            return None
        text = text.replace(" ", "")
    dot = text.replace(",", "") if _DOT_DECIMAL.fullmatch(text) else None
    comma = text.replace(".", "").replace(",", ".") if _COMMA_DECIMAL.fullmatch(text) else None
    if decimal_comma is False:
        return dot
    if decimal_comma is True:
        return comma
    if dot is None or comma is None or Decimal(dot) != Decimal(comma):
        return None  # the file shows both marks: only what reads the same with either is taken
    return dot


def depends_on_mark(text: str) -> bool:
    """Whether this unsigned amount text reads differently (or only) with one of the two decimal marks."""
    dot, comma = number_text(text, False), number_text(text, True)
    if dot is None or comma is None:
        return dot is not comma
    return Decimal(dot) != Decimal(comma)


def decimal_mark_evidence(text: str) -> str | None:
    """'comma' or 'dot' when this unsigned amount text can only be read with that decimal mark."""
    dot, comma = number_text(text, False), number_text(text, True)
    if dot is not None and comma is None:
        return "dot"
    if comma is not None and dot is None:
        return "comma"
    return None


def bad_number_message(text: str, decimal_comma: bool | None) -> str:
    """Why `text` is not taken as an amount (a translatable source string)."""
    if decimal_comma is None and (number_text(text, False) is not None or number_text(text, True) is not None):
        return QT_TRANSLATE_NOOP("errors", "\"{value}\" depends on the decimal mark, and the file uses both a decimal comma and a decimal point.")
    if re.search(r"[.,]\d{1,2}$|[.,]\d{4,}$|\d[.,]\d{1,2}[.,]|\d \d{1,2}(?!\d)", text):
        return QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount: its separators do not fit this file (a thousands group has exactly 3 digits).")
    return QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount.")


def parse_money(raw: object, *, field: str = "amount", allow_negative: bool = False,
                decimal_comma: bool | None = False, exact: bool = False) -> int:
    """'¥1,234.50', '１２.５', 'RMB 30', '30元', '(12.00)' or a number -> cents.

    `exact`: money typed at the counter is refused with more than 2 decimals instead of rounded."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An amount is required."), field)
    if isinstance(raw, bool):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), field, value=str(raw))
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), field, value=str(raw))
        value = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        negative = False
        if text.startswith("(") and text.endswith(")"):
            negative, text = True, text[1:-1]
        text = _CURRENCY.sub("", text).strip()
        if text.startswith("-"):
            negative, text = not negative, text[1:].strip()
        elif text.startswith("+"):
            text = text[1:].strip()
        plain = number_text(text, decimal_comma)
        if plain is None:
            raise ValidationError(bad_number_message(text, decimal_comma), field, value=str(raw)[:40])
        text = plain
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), field, value=str(raw)[:40]
            ) from exc
        if negative:
            value = -value
    if not value.is_finite():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), field, value=str(raw)[:40])
    if abs(value) * 100 >= MAX_CENTS:  # before quantize, which fails beyond 28 digits (1e221 in a cell)
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount {value} is too large."), field, value=str(raw)[:40])
    if exact and value != value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" has more than 2 decimals."), field, value=str(raw)[:40]
        )
    cents = int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if abs(cents) >= MAX_CENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount {value} is too large."), field, value=str(raw)[:40])
    if cents < 0 and not allow_negative:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount cannot be negative."), field)
    return cents


def format_cents(cents: int | None, symbol: str = "¥") -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{symbol}{whole:,}.{frac:02d}"


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))
