"""What a product's name, code and price may be: the one set of rules for the form, the CLI and
the price-list import, so each refuses the same things with the same words.

Limits (chosen for a bakery or tea shop, where a whole cake or a gift box is a few hundred yuan):
a price is more than ¥0 and less than ¥100,000, with at most 2 decimals; a name has 1-100
characters; a code 1-32 characters (letters, digits, - _ . /).  ¥0 is refused because a free
item at the counter is a coupon, not a product price; ¥100,000 and above is a typing slip.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.member_fields import clean_text
from shopcrm.io.values import is_empty, parse_amount, parse_date

MAX_PRICE_CENTS = 100_000 * 100  # exclusive
NAME_LENGTH = 100
CODE_LENGTH = 32
CATEGORY_LENGTH = 50
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_./]*")
_DECIMAL_COMMA = re.compile(r"^[^,.]*\d,\d{1,2}$")  # '12,5' or '¥12,50': a comma before 1-2 digits
_EURO = re.compile(r"^[^,.]*\d{1,3}(?:\.\d{3})+,\d{1,2}$")  # '1.234,50'
_DECIMALS = re.compile(r"[.](\d+)")


def product_name(raw: object) -> str:
    clean = clean_text(raw, NAME_LENGTH + 1)
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A product needs a name."), "name")
    if len(clean) > NAME_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The product name is too long (100 characters at most)."), "name")
    return clean


def product_code(raw: object) -> str | None:
    """None when empty; a number from a sheet loses its '.0'."""
    if is_empty(raw):
        return None
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        raw = int(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return None
    if len(text) > CODE_LENGTH or not _CODE.fullmatch(text):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "errors", "\"{value}\" is not a product code: use up to 32 letters, digits, - _ . or /."
            ),
            "code",
            value=text[:40],
        )
    return text.upper()


def category_name(raw: object) -> str | None:
    clean = clean_text(raw, CATEGORY_LENGTH + 1)
    if clean and len(clean) > CATEGORY_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The category name is too long (50 characters at most)."), "category")
    return clean


def check_price(cents: int | None) -> int | None:
    """None (no list price: the counter types the amount) or within the limits of the module doc."""
    if cents is None:
        return None
    if cents <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price must be more than ¥0."), "price")
    if cents >= MAX_PRICE_CENTS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "A price must be less than ¥100,000 ({value} was given)."),
            "price",
            value=f"{cents / 100:,.2f}",
        )
    return cents


def _too_many_decimals(raw: object) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("errors", "The price {value} has more than 2 decimals."), "price", value=str(raw)[:40]
    )


def parse_price(raw: object) -> int | None:
    """A price as typed or as a sheet holds it -> cents, or None when empty.

    Accepts what parse_amount does ('¥1,234.50', '１２.５', '30元') and a decimal comma
    ('12,50', '1.234,50'); refuses more than 2 decimals rather than rounding them away."""
    if is_empty(raw):
        return None
    if isinstance(raw, bool):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), "price", value=str(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), "price", value=str(raw))
        if abs(raw * 100 - round(raw * 100)) > 1e-6:
            raise _too_many_decimals(raw)
    elif isinstance(raw, Decimal):
        if raw.is_finite() and raw != raw.quantize(Decimal("0.01")):
            raise _too_many_decimals(raw)
    elif isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
        if _EURO.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        found = _DECIMALS.search(text)
        if found and len(found.group(1).rstrip("0")) > 2:
            raise _too_many_decimals(raw)
        raw = text
    try:
        cents = parse_amount(raw, field="price", allow_negative=True)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), "price", value=str(raw)[:40]) from exc
    return check_price(cents)


def parse_launch_date(raw: object) -> dt.date | None:
    if is_empty(raw):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return parse_date(raw)
    except ValidationError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date (e.g. 2025-03-05)."), "launched_on", value=str(raw)[:40]
        ) from exc
