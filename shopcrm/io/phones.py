"""Phone numbers as shops write them: spaces, dashes, +86/86/0086, full-width digits."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

DEFAULT_REGION = "CN"
_KEEP = re.compile(r"[^0-9+]")


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text.endswith(".0") and text[:-2].isdigit():  # a phone stored as a number in a spreadsheet
        text = text[:-2]
    text = _KEEP.sub("", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("86") and len(text) == 13 and text[2] == "1":
        text = "+" + text
    return text


def normalise_phone(raw: object, region: str = DEFAULT_REGION) -> str:
    """E.164 form (+8613812345678) or ValidationError with a message a clerk understands."""
    if raw is None or str(raw).strip() == "":
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A phone number is required."), "phone")
    text = _clean(str(raw))
    if not text or len(text) > 20:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a phone number."), "phone", value=str(raw)[:40])
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a phone number."), "phone", value=str(raw)[:40]
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a valid phone number."), "phone", value=str(raw)[:40]
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalise_phone(raw: object, region: str = DEFAULT_REGION) -> str | None:
    try:
        return normalise_phone(raw, region)
    except ValidationError:
        return None


def national_digits(e164: str) -> str:
    """The number as dialled at home: 13812345678 for +8613812345678."""
    number = phonenumbers.parse(e164, None)
    return str(number.national_number)


def last4(e164: str) -> str:
    return national_digits(e164)[-4:]


def mask_phone(e164_or_national: str | None) -> str:
    """138****5678: keeps the first 3 and last 4 digits for printed lists."""
    if not e164_or_national:
        return ""
    digits = national_digits(e164_or_national) if e164_or_national.startswith("+") else e164_or_national
    if len(digits) <= 7:
        return "*" * max(0, len(digits) - 4) + digits[-4:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def display_phone(e164: str | None) -> str:
    """How a phone is shown: national digits for China, international form otherwise."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    if number.country_code == 86:
        return str(number.national_number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
