"""A rating cell of a feedback sheet: a whole number from 1 to 5, as people write it.

4, 4.0, "4,0" (a decimal comma), "４", "4分", "4星", "4 stars", "4/5", "★★★★☆".  A rating is a
whole number: 4.5 or 6 is refused with the reason, never rounded or capped."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.values import is_empty, text_of

LOWEST, HIGHEST = 1, 5
_STARS = re.compile(r"^[★☆✩✭✰⭐\s]+$")
_NUMBER = re.compile(r"^(?P<n>\d+(?:[.,]\d+)?)\s*(?:分|星|颗星|stars?|points?|pts?|/\s*5(?:\s*分)?)?$", re.IGNORECASE)


def _not_a_rating(value: object, field: str) -> ValidationError:
    return ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a rating from 1 to 5."), field,
                           value=text_of(value)[:30])


def parse_rating(value: object, field: str = "rating") -> int | None:
    """The rating in a cell, or None for an empty cell."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise _not_a_rating(value, field)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise _not_a_rating(value, field)
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if _STARS.match(text):
            return _checked(Decimal(sum(1 for ch in text if ch in "★✭⭐")), value, field)
        m = _NUMBER.match(text)
        if m is None:
            raise _not_a_rating(value, field)
        try:
            # A rating never has a thousands separator, so "4,0" can only be a decimal comma.
            number = Decimal(m.group("n").replace(",", "."))
        except InvalidOperation:
            raise _not_a_rating(value, field) from None
    return _checked(number, value, field)


def _checked(number: Decimal, value: object, field: str) -> int:
    if number != number.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\": a rating is a whole number from 1 to 5."), field,
                              value=text_of(value)[:30])
    if not LOWEST <= number <= HIGHEST:
        raise _not_a_rating(value, field)
    return int(number)
