"""The row loop of an import: a prepared sheet's data rows in chunks, with merged cells filled in
and blank, summary and repeated-header rows left out, column-wise (shopcrm.io.columns).

Its chunk and cache sizes come from ImportTuning so that tests can cross every boundary; each fast
path has a slow twin that `ImportTuning(fast_paths=False)` selects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from shopcrm.io.columns import FilledColumn, column, text_values
from shopcrm.io.headers import IGNORE, REASON, normalise_header
from shopcrm.io.values import is_empty, is_subtotal_label
from shopcrm.services.importing.options import PROGRESS_EVERY, ImportOptions, ImportTuning, report_progress
from shopcrm.services.importing.preview import PreparedSheet

_SUBTOTAL_FIRST = set("合小总累汇本全tsgTSG")
CHUNK_ROWS = 10_000


@dataclass
class RowStats:
    skipped: int = 0


class Chunk:
    """Data rows of one sheet, a few thousand at a time, with their columns taken once."""

    __slots__ = ("numbers", "rows", "originals", "_columns", "_texts")

    def __init__(self, numbers: Sequence[int], rows: list[list[Any]], originals: dict[int, list[Any]],
                 columns: dict[int, list[Any]] | None = None) -> None:
        self.numbers = numbers  # 1-based row numbers as Excel shows them
        self.rows = rows  # cells, merged cells filled in
        self.originals = originals  # row number -> cells as in the file, where filling changed them
        self._columns = columns or {}
        self._texts: dict[int, set[str]] = {}

    def texts(self, index: int) -> set[str]:
        """The distinct text cells of a column."""
        found = self._texts.get(index)
        if found is None:
            found = self._texts[index] = text_values(self.column(index))
        return found

    def column(self, index: int) -> list[Any]:
        col = self._columns.get(index)
        if col is None:
            col = self._columns[index] = column(self.rows, index)
        return col

    def original(self, i: int) -> list[Any]:
        return self.originals.get(self.numbers[i], self.rows[i])


@lru_cache(maxsize=65536)
def _subtotal_text(text: str) -> bool:
    return text.lstrip()[:1] in _SUBTOTAL_FIRST and is_subtotal_label(text)


def data_chunks(prepared: PreparedSheet, stats: RowStats, size: int = CHUNK_ROWS, tuning: ImportTuning | None = None) -> Iterator[Chunk]:
    """The sheet's data rows after its header: merged cells filled, blank/summary/repeated-header rows left out.

    A row counts when at least 2 mapped cells hold something; a row with a 合计/小计/Total label
    anywhere, or that repeats the header, is skipped (and counted as skipped); blank rows are
    not counted at all.  The checks run column-wise over each chunk (see shopcrm.io.columns)."""
    mapped = [c for c, f in prepared.mapping.items() if f not in (IGNORE, REASON)]
    header_norm = [normalise_header(h) for h in prepared.headers]
    first = min(mapped) if mapped else 0  # a repeated header row is checked only when this cell reads like its header
    tops: dict[int, list[tuple[int, int, int]]] = {}
    for r0, c0, r1, c1 in prepared.sheet.merged:
        if r1 <= prepared.header_index or c0 < 0:
            continue
        tops.setdefault(r0, []).append((c0, c1, r1))
    carried: dict[int, list[tuple[int, int, Any]]] = {}
    if tuning is not None:
        size = tuning.chunk_rows
    tuning = tuning or ImportTuning()
    filled_columns = {c: FilledColumn(tuning.cache_limit, unique_after=tuning.unique_after) for c in mapped}
    for start, rows in prepared.sheet.chunks(size):
        numbers: Sequence[int] = range(start, start + len(rows))
        originals: dict[int, list[Any]] = {}
        if tops or carried:
            _fill_merged(rows, start, tops, carried, originals)
        head = min(len(rows), max(0, prepared.header_index + 2 - start))  # rows up to the header
        if head:
            rows, numbers = rows[head:], numbers[head:]
        if not rows:
            continue
        chunk = Chunk(numbers, rows, originals)
        dropped = _summary_rows(chunk) | _repeated_headers(chunk, first, header_norm)
        if tuning.fast_paths and not dropped and _two_always_filled(chunk, mapped, filled_columns):
            yield chunk  # the usual chunk: nothing to leave out, no row-by-row count needed
            continue
        flags = [filled_columns[c].map(chunk.column(c)) for c in mapped]
        counts = list(map(sum, zip(*flags, strict=True))) if flags else [0] * len(rows)
        keep = []
        for i, filled in enumerate(counts):
            if filled == 0:
                continue  # blank row: not counted anywhere
            if filled < 2 or i in dropped:
                stats.skipped += 1
                continue
            keep.append(i)
        if keep:
            if len(keep) == len(rows):
                yield chunk
            else:
                yield Chunk([numbers[i] for i in keep], [rows[i] for i in keep], originals)


def _fill_merged(rows: list[list[Any]], start: int, tops: dict[int, list[tuple[int, int, int]]],
                 carried: dict[int, list[tuple[int, int, Any]]], originals: dict[int, list[Any]]) -> None:
    """Give every cell of a merged range below the header the value of the range's first cell."""
    for i, cells in enumerate(rows):
        index = start - 1 + i
        if index in tops:
            for c0, c1, r1 in tops[index]:
                value = cells[c0] if c0 < len(cells) else None
                for r in range(index, r1 + 1):
                    carried.setdefault(r, []).append((c0, c1, value))
        if index in carried:
            originals[index + 1] = cells
            cells = list(cells)
            for c0, c1, value in carried.pop(index):
                while len(cells) <= c1:
                    cells.append(None)
                for c in range(c0, c1 + 1):
                    if is_empty(cells[c]):
                        cells[c] = value
            rows[i] = cells


def _two_always_filled(chunk: Chunk, mapped: list[int], filled_columns: dict[int, FilledColumn]) -> bool:
    """Whether at least 2 mapped columns are filled in every row of the chunk (so every row counts)."""
    found = 0
    for c in mapped:
        if filled_columns[c].all_filled(chunk.column(c), chunk.texts(c)):
            found += 1
            if found == 2:
                return True
    return False


_first_character = itemgetter(slice(0, 1))


def _summary_rows(chunk: Chunk) -> set[int]:
    found: set[int] = set()
    for c in range(max(map(len, chunk.rows))):
        strings = chunk.texts(c)
        if not strings or _SUBTOTAL_FIRST.isdisjoint(map(_first_character, map(str.lstrip, strings))):
            continue  # no text here begins like 合计, 小计, Total ...
        labels = {v for v in strings if v and _subtotal_text(v)}
        if labels:
            found.update(i for i, v in enumerate(chunk.column(c)) if v in labels)
    return found


def _repeated_headers(chunk: Chunk, first: int, header_norm: list[str]) -> set[int]:
    if first >= len(header_norm):
        return set()
    col = chunk.column(first)
    like = {v for v in set(col) if v.__class__ is str and normalise_header(v) == header_norm[first]}
    if not like:
        return set()
    width = len(header_norm)
    return {
        i for i, v in enumerate(col)
        if v in like and [normalise_header(c) for c in chunk.rows[i][:width]] == header_norm
    }


def data_rows(prepared: PreparedSheet, stats: RowStats, tuning: ImportTuning | None = None) -> Iterator[tuple[int, list[Any]]]:
    """data_chunks row by row: (row number, cells)."""
    for chunk in data_chunks(prepared, stats, tuning=tuning):
        yield from zip(chunk.numbers, chunk.rows, strict=True)


def numbered_rows(prepared: Sequence[PreparedSheet], stats: RowStats,
                  options: ImportOptions) -> Iterator[tuple[PreparedSheet, int, list[Any]]]:
    """Every data row of the sheets, (sheet, row number, cells), reporting the reading progress
    (and so checking for a cancel) every PROGRESS_EVERY rows."""
    total = sum(p.sheet.total_rows or 0 for p in prepared) or None
    done = 0
    for sheet in prepared:
        for number, cells in data_rows(sheet, stats, options.tuning):
            done += 1
            if done % PROGRESS_EVERY == 0:
                report_progress(options, "reading", done, total)
            yield sheet, number, cells
