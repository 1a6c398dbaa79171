"""Pinyin initials of a product name, so the counter finds 毛毛虫面包 by typing "mmc".

Computed once when a name is stored (pypinyin's dictionary lookup is far too slow to run per
keystroke over the whole catalogue); the search is then a plain LIKE on the stored initials.
"""

from __future__ import annotations

import re
import unicodedata

INITIALS_LENGTH = 100
_WORDS = re.compile(r"[A-Za-z]+|\d+")


def _latin_initials(chunk: str) -> list[str]:
    """'Matcha roll 2' -> ['m', 'r', '2']: first letters of words, numbers whole."""
    return [w if w.isdigit() else w[0] for w in _WORDS.findall(chunk)]


def pinyin_initials(name: str) -> str:
    """毛毛虫面包 -> 'mmcmb'; 'A4奶茶' -> 'a4nc'; 'Matcha roll' -> 'mr' (lower case)."""
    # Imported here, not at module level, to make start-up fast: loading pypinyin's phrase
    # dictionary takes half a second, and only storing a product name needs it.
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", name or "")
    # errors= gets each run of characters that have no pinyin (Latin words, digits, marks).
    pieces = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chunk: "".join(_latin_initials(chunk)))
    return "".join(pieces).lower()[:INITIALS_LENGTH]
