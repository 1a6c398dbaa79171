"""Column-wise parsing of sheet chunks: each distinct cell value is parsed once.

Shop sheets repeat the same phones, prices, products and payment words thousands of times, and
per-cell Python work, not reading the file, is what made large imports slow.  The import takes
rows in chunks, turns them into columns and maps each column through a cache of parsed values
with C-level map() calls, so Python code runs once per distinct value instead of once per cell.

Cache keys: text cells are their own key; when a chunk holds ints or bools, every non-text key
carries its type, because 1 == 1.0 == True would otherwise share one cache entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import itemgetter
from typing import Any

from shopcrm.errors import ValidationError
from shopcrm.io.values import is_empty

CACHE_LIMIT = 200_000  # distinct values remembered per column; unique columns (receipt nos.) stop there


class CellError:
    """A cell that did not parse, stored in place of its value; `error` says why."""

    __slots__ = ("error",)

    def __init__(self, error: ValidationError) -> None:
        self.error = error


def column(rows: Sequence[Sequence[Any]], index: int) -> list[Any]:
    """One column of a chunk; rows too short for it (CSV) read as empty."""
    if rows and min(map(len, rows)) > index:
        return list(map(itemgetter(index), rows))
    return [row[index] if index < len(row) else None for row in rows]


def _keys(values: list[Any]) -> list[Any]:
    types = set(map(type, values))
    if int in types or bool in types:
        return list(zip(map(type, values), values))
    return values


def _raw(key: Any, typed: bool) -> Any:
    return key[1] if typed else key


class CachedColumn:
    """Parses a column through `parse`, once per distinct value.

    Empty cells (None, '', spaces, '-', '无' ...) become None without calling `parse`; a
    ValidationError from `parse` becomes a CellError in that cell's place."""

    def __init__(self, parse: Callable[[Any], Any], limit: int = CACHE_LIMIT) -> None:
        self._parse = parse
        self._cache: dict[Any, Any] = {None: None}
        self._limit = limit
        self._bad: set[Any] = set()  # keys whose value failed to parse

    def _one(self, value: Any) -> Any:
        if value is None or (value.__class__ is str and is_empty(value)):
            return None
        try:
            return self._parse(value)
        except ValidationError as exc:
            return CellError(exc)

    def map(self, values: list[Any]) -> tuple[list[Any], bool]:
        """(parsed values, whether any of them is a CellError)."""
        cache = self._cache
        keys = _keys(values)
        typed = keys is not values
        distinct = set(keys)
        new = [k for k in distinct if k not in cache]
        lookup = cache
        if new:
            if len(cache) + len(new) > self._limit:
                lookup = {k: cache[k] for k in distinct if k in cache}
            for k in new:
                parsed = self._one(_raw(k, typed))
                lookup[k] = parsed
                if parsed.__class__ is CellError:
                    self._bad.add(k)
        has_errors = bool(self._bad) and not self._bad.isdisjoint(distinct)
        return list(map(lookup.__getitem__, keys)), has_errors


class FilledColumn:
    """Which cells of a column hold something (not None, '', or an empty mark like '-' or '无')."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self._text: dict[Any, bool] = {None: False}
        self._limit = limit

    def map(self, values: list[Any]) -> list[bool]:
        text = self._text
        strings = {v for v in set(values) if v.__class__ is str}
        new = [v for v in strings if v not in text]
        lookup = text
        if new:
            if len(text) + len(new) > self._limit:
                lookup = {v: text[v] for v in strings if v in text}
                lookup[None] = False
            for v in new:
                lookup[v] = not is_empty(v)
        # Keys are only text and None: numbers and dates never equal them, so they read as filled.
        return list(map(lookup.get, values, repeat(True)))
