"""How many SMS a text costs: GSM 7-bit or UCS-2, single or concatenated parts (3GPP TS 23.038 / 23.040)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")  # two septets each: escape + the character
GSM7_SINGLE, GSM7_PART = 160, 153  # septets in one SMS / in each part of a long one (UDH takes 7)
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 code units likewise


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int  # SMS a phone company bills; 0 for an empty text
    per_segment: int  # units one segment holds for this text (160/153, 70/67)


def _pack(sizes: Sequence[int], capacity: int) -> int:
    """Segments needed when no character (escape pair, surrogate pair) may be split."""
    segments, used = 1, 0
    for size in sizes:
        if used + size > capacity:
            segments, used = segments + 1, 0
        used += size
    return segments


def sms_length(text: str) -> SmsLength:
    """How many SMS the text takes: GSM-7 when every character is in the GSM alphabet (160 in one,
    153 per part), otherwise UCS-2 (70 in one, 67 per part; Chinese text always)."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text):
        sizes = [2 if c in GSM7_EXTENSION else 1 for c in text]
        units = sum(sizes)
        if units <= GSM7_SINGLE:
            return SmsLength("GSM-7", units, 1 if units else 0, GSM7_SINGLE)
        parts = math.ceil(units / GSM7_PART) if units == len(text) else _pack(sizes, GSM7_PART)
        return SmsLength("GSM-7", units, parts, GSM7_PART)
    sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
    units = sum(sizes)
    if units <= UCS2_SINGLE:
        return SmsLength("UCS-2", units, 1, UCS2_SINGLE)
    parts = math.ceil(units / UCS2_PART) if units == len(text) else _pack(sizes, UCS2_PART)
    return SmsLength("UCS-2", units, parts, UCS2_PART)
