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
    """The last 4 digits of the national number (the counter's quick search)."""
    if e164.startswith("+86") and len(e164) >= 7 and e164[3:].isdigit():  # parsing costs 60 µs; imports ask 100k times
        return e164[-4:]
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


_CN_MOBILE: re.Pattern[str] | None = None


def _cn_mobile_pattern() -> re.Pattern[str]:
    """libphonenumber's own pattern for Chinese mobiles, so the fast path accepts exactly what it does."""
    global _CN_MOBILE
    if _CN_MOBILE is None:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
        pattern = metadata.mobile.national_number_pattern if metadata and metadata.mobile else r"(?!)"
        _CN_MOBILE = re.compile(f"(?:{pattern})")
    return _CN_MOBILE


def normalise_phone_fast(raw: object, region: str = DEFAULT_REGION) -> str:
    """normalise_phone with a shortcut for Chinese mobiles (imports see hundreds of thousands).

    Same result as normalise_phone for every input: the shortcut only answers when the number
    matches libphonenumber's CN mobile pattern, everything else goes the full way."""
    if region == "CN" and raw is not None:
        text = _clean(str(raw))
        if text.startswith("+86"):
            text = text[3:]
        if len(text) == 11 and text[0] == "1" and text.isdigit() and _cn_mobile_pattern().fullmatch(text):
            return "+86" + text
    return normalise_phone(raw, region)
