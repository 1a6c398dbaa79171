"""Money as integer cents: parsing what people type or sheets hold, and formatting it back."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

_CURRENCY = re.compile(r"(?i)(rmb|cny|元|¥|￥|\$)")
MAX_CENTS = 10**12  # ten billion yuan: anything above is a typo or garbage


def parse_money(raw: object, *, field: str = "amount", allow_negative: bool = False, exact: bool = False) -> int:
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
        text = _CURRENCY.sub("", text).replace(",", "").replace(" ", "").strip()
        if text.startswith("-"):
            negative, text = not negative, text[1:]
        elif text.startswith("+"):
            text = text[1:]
        if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), field, value=str(raw)[:40]
            )
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
