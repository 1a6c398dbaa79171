"""Chunks, caches and fast paths of the import, each against its slow twin on generated input.

The reader takes rows in chunks, parses each column through a cache of distinct values and
takes fast paths where a chunk is plain.  Every one of these must give exactly what parsing
each cell on its own gives, across every chunk edge and cache limit: the sizes are injected
small (ImportTuning) so that a few dozen generated rows cross them all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_factory import csv_file, xlsx

from shopcrm.errors import ValidationError
from shopcrm.io.columns import CachedColumn, CellError, FilledColumn, bulk_codes, bulk_sale_datetimes
from shopcrm.io.values import is_empty, parse_code, parse_sale_datetime
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.options import ImportOptions, ImportTuning
from shopcrm.services.importing.preview import prepare_sheets
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.sales_plan import plan_purchases
from shopcrm.services.importing.sales_rows import Reading, SaleRow, read_sheets, sale_place

NOW = dt.datetime(2026, 6, 1, 12, 0)
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# ------------------------------------------------------------------ CachedColumn against one parse per cell

_CELL = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "-", "无", "N/A", "a", "b", "c", "A1", "1", "1.0", "x"]),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 1.5, -2.0]),
    st.booleans(),
    st.text(alphabet="abc12 ", max_size=3),
)


def _parse(value: Any) -> Any:
    """A parser that tells 1, 1.0 and True apart and fails on some values, as the real ones do."""
    if value.__class__ is str and "x" in value:
        raise ValidationError("bad {value}", "field", value=value)
    if value == 2:
        raise ValidationError("two", "field")
    return (type(value).__name__, value)


def _one(value: Any) -> Any:
    if value is None or (value.__class__ is str and is_empty(value)):
        return None
    try:
        return _parse(value)
    except ValidationError as exc:
        return ("error", exc.message())


def _plain(value: Any) -> Any:
    return ("error", value.error.message()) if value.__class__ is CellError else value


def _running(steps: list[int]) -> list[str]:
    """Receipt-like values: each one the last plus 0, 1 or 2, so most are new but some repeat across an edge."""
    out, n = [], 0
    for step in steps:
        n += step
        out.append(f"r{n}")
    return out


# Cells of a column: a few values that come back (phones, products) mixed into mostly new ones (receipts, times).
_COLUMN = st.one_of(
    st.lists(_CELL, max_size=80),
    st.builds(lambda a, b: a + b, st.lists(st.sampled_from([0, 1, 1, 1, 1, 2]), max_size=60).map(_running),
              st.lists(_CELL, max_size=10)),
    st.lists(st.one_of(_CELL, st.integers(0, 40).map(lambda i: f"r{i}")), max_size=80),
)


@SETTINGS
@given(
    cells=_COLUMN,
    size=st.integers(1, 12),
    limit=st.one_of(st.integers(0, 12), st.just(10**6)),
    unique_after=st.integers(0, 6),
    bulk_from=st.integers(0, 4),
    with_bulk=st.booleans(),
)
def test_cached_column_by_chunks_equals_each_cell_parsed_alone(
    cells: list[Any], size: int, limit: int, unique_after: int, bulk_from: int, with_bulk: bool
) -> None:
    def bulk(values: list[Any]) -> list[Any] | None:  # a bulk parser that declines when any value would fail
        if any(v.__class__ is not str or "x" in v or is_empty(v) for v in values):
            return None
        return [_parse(v) for v in values]

    col = CachedColumn(_parse, limit, bulk if with_bulk else None, unique_after=unique_after, bulk_from=bulk_from)
    for start in range(0, len(cells), size):
        chunk = cells[start : start + size]
        parsed, has_errors = col.map(chunk)
        assert [_plain(v) for v in parsed] == [_one(v) for v in chunk]
        assert has_errors == any(v.__class__ is CellError for v in parsed)


def test_running_receipts_across_every_chunk_size_and_cache_limit() -> None:
    """Receipt nos. that run on with lines repeating the one before, for every small size and limit."""
    cells = _running([0, 1, 1, 0, 1, 2, 0, 1, 1, 1, 0, 0, 1, 1, 2, 1, 0, 1] * 3)
    for size in range(1, 13):
        for limit in (*range(0, 8), 10**6):
            for unique_after in range(0, 6):
                col = CachedColumn(str.upper, limit, unique_after=unique_after)
                for start in range(0, len(cells), size):
                    chunk = cells[start : start + size]
                    assert col.map(chunk)[0] == [c.upper() for c in chunk], (size, limit, unique_after)


def test_receipt_across_the_chunk_edge_of_a_mostly_new_column() -> None:
    """The crash of issue 12: the cache was dropped after `new` was computed against it."""
    col = CachedColumn(lambda v: v.upper(), unique_after=3)
    col.map([f"r{i}" for i in range(6)])
    parsed, _ = col.map(["r5", "r6", "r7", "r8", "r9", "r10"])  # r5 was in the chunk before
    assert parsed == ["R5", "R6", "R7", "R8", "R9", "R10"]


@SETTINGS
@given(cells=_COLUMN, size=st.integers(1, 7), limit=st.integers(0, 8), unique_after=st.integers(0, 5))
def test_filled_column_by_chunks_equals_is_empty(cells: list[Any], size: int, limit: int, unique_after: int) -> None:
    col = FilledColumn(limit, unique_after=unique_after)
    for start in range(0, len(cells), size):
        chunk = cells[start : start + size]
        assert col.map(chunk) == [not is_empty(v) for v in chunk]


# ------------------------------------------------------------------ bulk parsers against their slow twins

_CODES = st.lists(
    st.one_of(
        st.text(alphabet="0123456789ABX-_ ．１２ｅ+.", min_size=1, max_size=12),
        st.sampled_from(["1.0", "12.0", "1e5", "1E+5", "123", " A-1 ", "Ａ１２", "-", "无", "x" * 70]),
    ),
    min_size=1,
    max_size=30,
)


def _slow(parse: Any, value: Any) -> Any:
    try:
        return parse(value)
    except ValidationError as exc:
        return ("error", exc.message())


@SETTINGS
@given(values=_CODES)
def test_bulk_codes_equals_parse_code(values: list[str]) -> None:
    done = bulk_codes(64)(values)
    if done is not None:  # when it takes them, it must give what parse_code gives one by one
        assert done == [_slow(lambda v: parse_code(v, field="receipt"), v) for v in values]


_WHEN = st.one_of(
    st.datetimes(min_value=dt.datetime(1979, 12, 30), max_value=dt.datetime(2026, 6, 3)),
    st.dates(min_value=dt.date(1979, 12, 30), max_value=dt.date(2026, 6, 3)),
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2026, 1, 1), timezones=st.just(dt.UTC)),
)


@SETTINGS
@given(values=st.lists(_WHEN, min_size=1, max_size=30))
def test_bulk_sale_datetimes_equals_parse_sale_datetime(values: list[Any]) -> None:
    done = bulk_sale_datetimes(NOW)(values)
    slow = [_slow(lambda v: parse_sale_datetime(v, now=NOW), v) for v in values]
    if done is not None:
        assert done == slow
    else:  # it declines only when some value needs the careful path
        assert any(isinstance(v, tuple) for v in slow)


# ------------------------------------------------------------------ a whole sheet: small chunks and slow paths against one big chunk

_RECEIPTS = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", None]
_PHONES = ["13812345678", "13900001111", "13700002222", None, "12345", "散客"]
_DATES: list[Any] = [
    dt.datetime(2025, 1, 24, 22, 46), dt.datetime(2025, 1, 24, 22, 46), "2025年01月24日 22:46", "2025-01-25 09:00",
    "2024/12/31 23:59", dt.datetime(2024, 3, 1, 8, 0), "not a date", None, "03/04/2025 10:00", "25/03/2025",
]
_PRODUCTS = ["拿铁", "牛角包", "吐司", None]
_AMOUNTS: list[Any] = [16, 18.5, "12.50", "¥1,018.00", "-8", "(5.00)", "abc", None, "12,50", "1.234,50", "1,234"]
_ROW = st.tuples(
    st.sampled_from(_DATES), st.sampled_from(_RECEIPTS), st.sampled_from(_PHONES), st.sampled_from(_PRODUCTS),
    st.sampled_from([1, 2, -1, "2件", None]), st.sampled_from(_AMOUNTS), st.integers(0, 2),
).map(list)


def _with_running_receipts(rows: list[list[Any]]) -> list[list[Any]]:
    """Most rows get the next receipt no. or the same as the row before (a receipt of several lines)."""
    n, out = 0, []
    for row in rows:
        if len(row) == 7:
            step = row.pop()
            n += step
            if row[1] is not None:
                row[1] = f"X{n}" if step or row[1] != "R1" else row[1]
        out.append(row)
    return out
_EXTRA = st.sampled_from([[None] * 6, ["合计", None, None, None, None, 100]])
HEADER = ["销售日期", "小票号", "会员手机", "商品名称", "数量", "实收金额"]


def _reading(path: Path, tuning: ImportTuning) -> tuple[Any, ...]:
    options = ImportOptions(tuning=tuning)
    stats, reading = RowStats(), Reading()
    with open_workbook(path) as wb:
        prepared, _ = prepare_sheets(None, wb, "sales", options)
        read_sheets(prepared, options, stats, reading, now=NOW)
    groups = {k: sorted(v if isinstance(v, list) else [v]) for k, v in reading.receipt_groups()}
    rejects = sorted((r.sheet, r.row_number, r.reason) for r in reading.rejects)
    plan = plan_purchases(reading, tuning.fast_paths)  # slow twin: every receipt through the general path
    purchases = sorted((p.ref, p.total, p.phone, len(p.rows)) for p in plan.purchases)
    planned = sorted((r.row, why) for r, why in plan.rejected)
    return groups, sorted(reading.singles), rejects, sorted(reading.rejected_receipts), stats.skipped, purchases, planned


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    rows=st.lists(st.one_of(_ROW, _ROW, _ROW, _EXTRA), min_size=1, max_size=60).map(_with_running_receipts),
    chunk_rows=st.integers(1, 12),
    cache_limit=st.one_of(st.integers(0, 6), st.just(10**6)),
    unique_after=st.integers(0, 4),
    as_csv=st.booleans(),
)
def test_reading_by_small_chunks_and_slow_paths_equals_one_chunk(
    tmp_path_factory: Any, rows: list[list[Any]], chunk_rows: int, cache_limit: int, unique_after: int, as_csv: bool
) -> None:
    folder = tmp_path_factory.mktemp("chunks")
    table = [["门店流水"], HEADER, *rows]
    path = csv_file(folder / "s.csv", table) if as_csv else xlsx(folder / "s.xlsx", {"流水": table})
    whole = _reading(path, ImportTuning(chunk_rows=100_000))
    small = _reading(path, ImportTuning(chunk_rows=chunk_rows, cache_limit=cache_limit, unique_after=unique_after, bulk_from=0))
    slow = _reading(path, ImportTuning(chunk_rows=chunk_rows, fast_paths=False))  # also: conventions scanned first
    assert small == whole
    assert slow == whole


def test_multi_year_sheet_read_at_every_small_chunk_size_equals_one_chunk(tmp_path: Path) -> None:
    """The shape of the crash in issue 12 at small scale: receipts of several lines across the chunk
    edge, phones that return, repeated timestamps and text dates, in every chunk size up to 12."""
    rows: list[list[Any]] = []
    n = 0
    start = dt.datetime(2023, 1, 1, 8)
    for i in range(90):
        n += (0, 1, 1, 2)[i % 4]
        when: Any = start + dt.timedelta(hours=n * 7)
        if i % 5 == 0:
            when = f"{when.year}年{when.month:02d}月{when.day:02d}日 {when.hour:02d}:{when.minute:02d}"
        rows.append([when, f"X{n}", _PHONES[n % 3], _PRODUCTS[i % 3], 1 + i % 2, 8 + i % 7])
    path = xlsx(tmp_path / "years.xlsx", {"流水": [HEADER, *rows]})
    whole = _reading(path, ImportTuning(chunk_rows=100_000))
    assert len(whole[5]) == len({r[1] for r in rows})  # one purchase per receipt
    for size in range(1, 13):
        for unique_after in (0, 2, 3, 5):
            tuning = ImportTuning(chunk_rows=size, cache_limit=10**6, unique_after=unique_after, bulk_from=0)
            assert _reading(path, tuning) == whole, (size, unique_after)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.integers(0, 2), st.integers(0, 1)), max_size=12),
                min_size=1, max_size=4))
def test_receipt_groups_are_each_receipt_and_day_across_sheets(sheets: list[list[tuple[str, int, int]]]) -> None:
    """Reading keys its groups by receipt no. (a receipt seen again on another day under (receipt, day)):
    against its slow twin, a plain dict by (receipt, day), with receipts coming back on other days and sheets."""
    reading, expected, n = Reading(), {}, 0  # type: ignore[var-annotated]
    for rows in sheets:
        part = Reading()
        for receipt, day, minute in rows:
            n += 1
            when = dt.datetime(2024, 3, 1 + day, 9, minute)
            row = SaleRow(0, sale_place(n, n), when, receipt, None, None, None, "p", None, 1000, 100, 100, 0, None, None, "store")
            part.add(receipt, when.date(), row)
            expected.setdefault((receipt, when.date()), []).append(row)
        reading.merge(part)
    assert {key: rows if isinstance(rows, list) else [rows] for key, rows in reading.receipt_groups()} == expected
    assert len(list(reading.receipt_groups())) == len(expected)


@given(st.integers(1, 1_000_001), st.integers(-(2**63), 2**63 - 1))
def test_a_sale_rows_place_gives_back_its_row_number_and_cell_hash(number: int, raw: int) -> None:
    row = SaleRow(0, sale_place(number, raw), dt.datetime(2024, 3, 1), None, None, None, None, None, None, 1000, None, 0, 0,
                  None, None, "store")
    assert (row.row, row.raw) == (number, raw)
