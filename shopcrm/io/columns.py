"""Column-wise parsing of sheet chunks: each distinct cell value is parsed once.

Shop sheets repeat the same phones, prices, products and payment words thousands of times, and
per-cell Python work, not reading the file, is what made large imports slow.  The import takes
rows in chunks, turns them into columns and maps each column through a cache of parsed values
with C-level map() calls, so Python code runs once per distinct value instead of once per cell.

Cache keys: text cells are their own key; when a chunk holds ints or bools, every non-text key
carries its type, because 1 == 1.0 == True would otherwise share one cache entry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial
from itertools import repeat
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

from shopcrm.errors import ValidationError
from shopcrm.io.values import EARLIEST, EMPTY_MARKS, SCIENTIFIC, is_empty

CACHE_LIMIT = 50_000  # distinct values remembered per column
UNIQUE_AFTER = 5_000  # a column whose chunks keep bringing mostly new values (receipt nos., times) stops caching


def text_values(values: list[Any], types: set[type] | None = None) -> set[str]:
    """The distinct text cells of a column."""
    types = set(map(type, values)) if types is None else types
    if str not in types:
        return set()
    distinct = set(values)
    if types <= {str, type(None)}:
        distinct.discard(None)
        return distinct
    return {v for v in distinct if v.__class__ is str}


def _mostly_new(cached: int, new: list[Any], distinct: set[Any], unique_after: int = UNIQUE_AFTER) -> bool:
    return cached >= unique_after and len(new) > 0.8 * len(distinct)


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
        return list(zip(map(type, values), values, strict=True))
    return values


def _raw(key: Any, typed: bool) -> Any:
    return key[1] if typed else key


class CachedColumn:
    """Parses a column through `parse`, once per distinct value.

    Empty cells (None, '', spaces, '-', '无' ...) become None without calling `parse`; a
    ValidationError from `parse` becomes a CellError in that cell's place."""

    def __init__(
        self,
        parse: Callable[[Any], Any],
        limit: int = CACHE_LIMIT,
        bulk: Callable[[list[Any]], list[Any] | None] | None = None,
        *,
        unique_after: int = UNIQUE_AFTER,
        bulk_from: int = 16,
    ) -> None:
        self._parse = parse
        self._bulk = bulk  # parses many new values at once when they are all plain; None: it declines
        self._cache: dict[Any, Any] = {None: None}
        self._limit = limit
        self._unique_after = unique_after
        self._bulk_from = bulk_from  # fewer new values than this go one by one (tests set 0 to reach the bulk path)
        self._bad: set[Any] = set()  # keys whose value failed to parse
        self._full = False

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
            drop = False
            if not self._full:
                drop = _mostly_new(len(cache), new, distinct, self._unique_after)
                if drop or len(cache) + len(new) > self._limit:
                    self._full = True  # from now on new values are parsed for their chunk only
            if self._full:
                # Values this chunk shares with earlier ones (a receipt across the chunk edge, a returning
                # phone) are taken from the cache BEFORE it is dropped: `new` was computed against it.
                lookup = {k: cache[k] for k in distinct if k in cache}
                lookup[None] = None
            if drop:  # receipt nos., times: a cache would only cost memory
                self._cache = {None: None}
            done = self._bulk(new) if self._bulk is not None and not typed and len(new) > self._bulk_from else None
            if done is not None:
                lookup.update(zip(new, done, strict=True))
                new = []
            for k in new:
                parsed = self._one(_raw(k, typed))
                lookup[k] = parsed
                if parsed.__class__ is CellError:
                    self._bad.add(k)
        has_errors = bool(self._bad) and not self._bad.isdisjoint(distinct)
        return list(map(lookup.__getitem__, keys)), has_errors


class FilledColumn:
    """Which cells of a column hold something (not None, '', or an empty mark like '-' or '无')."""

    def __init__(self, limit: int = CACHE_LIMIT, *, unique_after: int = UNIQUE_AFTER) -> None:
        self._text: dict[Any, bool] = {None: False}
        self._limit = limit
        self._unique_after = unique_after
        self._full = False

    def all_filled(self, values: list[Any], strings: set[str]) -> bool:
        """Whether every cell holds something (checked on the distinct values only); strings: its text cells."""
        if None in values:
            return False
        if not strings:
            return True
        lookup = self._learn(strings)
        return all(map(lookup.__getitem__, strings))

    def _learn(self, strings: set[str]) -> dict[Any, bool]:
        text = self._text
        new = [v for v in strings if v not in text]
        lookup = text
        if new:
            if not self._full and (len(text) + len(new) > self._limit or _mostly_new(len(text), new, strings, self._unique_after)):
                self._full = True
            if self._full:
                lookup = {v: text[v] for v in strings if v in text}
                lookup[None] = False
            stripped = list(map(str.strip, new))
            if all(stripped) and EMPTY_MARKS.isdisjoint(map(str.lower, stripped)):
                lookup.update(zip(new, repeat(True)))  # the usual case: none of them is empty
            else:
                for v in new:
                    lookup[v] = not is_empty(v)
        return lookup

    def map(self, values: list[Any]) -> list[bool]:
        lookup = self._learn(text_values(values))
        # Keys are only text and None: numbers and dates never equal them, so they read as filled.
        return list(map(lookup.get, values, repeat(True)))


_nfkc = partial(unicodedata.normalize, "NFKC")
_ends_with_zero = methodcaller("endswith", ".0")
_no_microseconds = methodcaller("replace", microsecond=0, tzinfo=None)
_microsecond = attrgetter("microsecond")
_tzinfo = attrgetter("tzinfo")


def bulk_codes(limit: int) -> Callable[[list[Any]], list[str] | None]:
    """parse_code for many text cells at once; declines (None) when any needs the careful path."""

    def codes(values: list[Any]) -> list[str] | None:
        if set(map(type, values)) != {str} or not EMPTY_MARKS.isdisjoint(map(str.lower, map(str.strip, values))):
            return None
        texts = list(map(str.strip, map(_nfkc, values)))
        if any(map(SCIENTIFIC.match, texts)) or any(map(_ends_with_zero, texts)) or max(map(len, texts)) > limit:
            return None
        return texts

    return codes


def bulk_sale_datetimes(now: dt.datetime) -> Callable[[list[Any]], list[dt.datetime] | None]:
    """parse_sale_datetime for many real date cells at once; declines when any is not a plain date or datetime in range."""
    latest = now + dt.timedelta(days=1)

    def datetimes(values: list[Any]) -> list[dt.datetime] | None:
        types = set(map(type, values))
        if not types <= {dt.datetime, dt.date}:
            return None
        if dt.date in types:  # calamine gives whole days as dates
            out = [v if v.__class__ is dt.datetime else dt.datetime(v.year, v.month, v.day) for v in values]
        else:
            out = values
        if any(map(_microsecond, out)) or any(map(_tzinfo, out)):
            out = list(map(_no_microseconds, out))
        if min(out) < EARLIEST or max(out) > latest:
            return None
        return out

    return datetimes
