"""Detecting text that matplotlib drew as empty boxes.

When no font in the list has a character, matplotlib warns "Glyph N (...) missing from font(s)
...".  Tests wrap chart drawing in `record_missing_glyphs` and fail on any such warning.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

MISSING_GLYPH = re.compile(r"Glyph \d+ .*missing from", re.DOTALL)


def is_missing_glyph(message: str) -> bool:
    return bool(MISSING_GLYPH.search(message))


@contextmanager
def record_missing_glyphs() -> Iterator[list[str]]:
    """Collect (instead of print) matplotlib's missing-glyph warnings raised inside the block.

    Every warning is recorded while inside (so the first one is not hidden by the default
    'once per location' filter); others are re-issued unchanged when the block ends."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield found
    for w in caught:
        text = str(w.message)
        if is_missing_glyph(text):
            found.append(text)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
