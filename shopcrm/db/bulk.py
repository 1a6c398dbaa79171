"""Bulk writes: hundreds of thousands of rows inside one open transaction (imports, snapshots, demo).

SQLAlchemy's per-row parameter processing and RETURNING batches cost more than the database
itself at this size, so the hot tables are written through the same Core connection with the
driver's fastest path: executemany of plain tuples on SQLite, COPY on PostgreSQL (what its own
bulk loading uses).  Primary keys that other rows refer to are reserved up front (max(id) under
SQLite's write lock, nextval() on PostgreSQL), so purchases, their lines and their points can be
written without reading anything back.  `BulkWriter` also drops the plain indexes of the tables it
fills and rebuilds them once at the end (building an index from sorted data is several times
faster than keeping it up to date row by row); unique constraints stay, so the data is still
checked.  Values go in the text form SQLite stores: dates as YYYY-MM-DD, times as
'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's SQLite format), booleans as 0/1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy as np
from sqlalchemy import Connection, Index, Table, text

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError

CHUNK = 20_000
DAY = 86_400


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


@contextmanager
def large_cache(conn: Connection, mebibytes: int = 64) -> Iterator[None]:
    """A bigger SQLite page cache for this connection while a bulk write runs.

    The default 2 MB cache spills index pages of the purchases and points tables to the WAL
    over and again during a large import; the connection's own setting is put back after."""
    if not is_sqlite(conn):
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)  # -2000: SQLite's default
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(mebibytes) * 1024}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def reserve_ids(conn: Connection, table: Table, count: int) -> list[int]:
    """`count` fresh primary keys for `table`, safe against other writers."""
    if count <= 0:
        return []
    if is_sqlite(conn):
        # The import holds SQLite's write lock (BEGIN IMMEDIATE) until it commits.
        start = int(conn.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"')).scalar_one()) + 1
        return list(range(start, start + count))
    seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar_one()
    ids: list[int] = []
    while len(ids) < count:
        n = min(count - len(ids), 200_000)
        ids.extend(r[0] for r in conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"), {"s": seq, "n": n}))
    return ids


def sqlite_datetime(value: dt.datetime | None) -> str | None:
    """The text form SQLAlchemy's SQLite DateTime type stores and compares."""
    if value is None:
        return None
    return value.isoformat(" ", "microseconds")


def sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else dt.date.isoformat(value)


def datetime_param(conn: Connection) -> Callable[[dt.datetime | None], Any]:
    """How a datetime goes to this driver: SQLAlchemy's text form on SQLite, as is on PostgreSQL."""
    return sqlite_datetime if is_sqlite(conn) else _same


def _same(value: Any) -> Any:
    return value


def converter(conn: Connection, table: Table, columns: Sequence[str]) -> Callable[[Sequence[Any]], tuple[Any, ...]] | None:
    """Per-row conversion of Python values to what the driver takes for these columns (None: as is)."""
    if not is_sqlite(conn):
        return None
    from sqlalchemy import Date, DateTime, Numeric

    funcs: list[Callable[[Any], Any] | None] = []
    for name in columns:
        col_type = table.c[name].type
        if isinstance(col_type, DateTime):
            funcs.append(sqlite_datetime)
        elif isinstance(col_type, Date):
            funcs.append(sqlite_date)
        elif isinstance(col_type, Numeric):
            funcs.append(lambda v: None if v is None else float(v))
        else:
            funcs.append(None)
    if all(f is None for f in funcs):
        return None
    active = [(i, f) for i, f in enumerate(funcs) if f is not None]

    def convert(row: Sequence[Any]) -> tuple[Any, ...]:
        out = list(row)
        for i, f in active:
            out[i] = f(out[i])
        return tuple(out)

    return convert


def write_chunks(conn: Connection, table: Table, columns: Sequence[str],
                 chunks: Iterable[Sequence[Sequence[Any]]], on_chunk: Callable[[int], None] | None = None) -> int:
    """Write rows arriving a chunk at a time (values as the driver takes them); returns the row count.

    The one place that talks to the driver: executemany per chunk on SQLite, one COPY on PostgreSQL.
    `on_chunk` gets the running total after each chunk."""
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    written = 0
    if is_sqlite(conn):
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
        for chunk in chunks:
            if not chunk:
                continue
            conn.exec_driver_sql(sql, list(chunk))  # type: ignore[arg-type]
            written += len(chunk)
            if on_chunk:
                on_chunk(written)
        return written
    dbapi: Any = conn.connection.dbapi_connection  # a psycopg 3 connection
    with dbapi.cursor() as cur:
        with cur.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for chunk in chunks:
                for row in chunk:
                    copy.write_row(row)
                written += len(chunk)
                if on_chunk and chunk:
                    on_chunk(written)
    return written


def insert_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    on_chunk: Callable[[int], None] | None = None,
    converted: bool = False,
) -> int:
    """Insert tuples (values in `columns` order); returns the number of rows written.

    converted=True: the values are already what the driver takes (datetime_param for dates and
    times, floats for numerics on SQLite), so rows go to executemany untouched."""
    convert = None if converted or not is_sqlite(conn) else converter(conn, table, columns)
    source = iter(map(convert, rows) if convert else rows)
    chunks = iter(lambda: list(islice(source, CHUNK)), [])
    written = write_chunks(conn, table, columns, chunks, on_chunk)
    if written:
        refresh_statistics(conn, [table])
    return written


@contextmanager
def indexes_deferred(conn: Connection, coming: Sequence[tuple[Table, int]]) -> Iterator[None]:
    """Write (table, rows coming) with their plain (non-unique) indexes dropped, and build them
    again after the write, in the same transaction, when that is cheaper: on SQLite, for a table
    holding fewer rows than are coming (building an index from the whole table at once beats
    keeping it up to date row by row only while the table is not much larger than the write; a
    measured 0.6 s of 3.2 s for a 500k-line import into a fresh shop).  Unique indexes stay, so the
    data is checked as it goes in.  If the body fails the transaction is rolled back, and with it
    the drop.  The planner's statistics of the rebuilt tables are refreshed after."""
    dropped: list[Index] = []
    if is_sqlite(conn):
        quote = conn.dialect.identifier_preparer.quote
        for table, count in coming:
            if count <= 0:
                continue
            held = int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {quote(table.name)}").scalar() or 0)
            if held < count:
                for index in sorted(table.indexes, key=lambda i: str(i.name)):
                    if not index.unique:
                        index.drop(conn)
                        dropped.append(index)
    yield
    for index in dropped:
        index.create(conn)
    if dropped:
        refresh_statistics(conn, {i.table.name: i.table for i in dropped if isinstance(i.table, Table)}.values())


# Rows per index SQLite's ANALYZE looks at: enough for the planner's choices, and a few
# milliseconds whatever the table's size (a full ANALYZE of a 1M-row table takes seconds).
ANALYSIS_LIMIT = 1000
# PostgreSQL's ANALYZE samples 300 rows per unit of default_statistics_target (100: 30,000 rows).
# light=True samples 3,000: about 50 ms instead of 0.5-0.8 s for a snapshot_members of a few
# 50,000-member snapshots on the shared 2-core machine, enough to know the new rows are there.
LIGHT_STATISTICS_TARGET = 10


def refresh_statistics(conn: Connection, tables: Iterable[Table], *, light: bool = False) -> None:
    """Update the planner's statistics of tables a bulk write just filled.

    Without them (a fresh shop after its first import) SQLite picks the low-selectivity status
    index for the counter's last-4-digits search and ignores the covering purchases index for
    per-member aggregates.  PostgreSQL's autovacuum would get there too, but only later.
    light: on PostgreSQL, from a smaller sample (LIGHT_STATISTICS_TARGET); SQLite's is small anyway."""
    names = sorted({t.name for t in tables})
    if not names:
        return
    quote = conn.dialect.identifier_preparer.quote
    if not is_sqlite(conn):
        if light:
            conn.exec_driver_sql(f"SET LOCAL default_statistics_target = {LIGHT_STATISTICS_TARGET}")
        for name in names:
            conn.exec_driver_sql(f"ANALYZE {quote(name)}")
        if light:
            conn.exec_driver_sql("SET LOCAL default_statistics_target = DEFAULT")
        return
    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    try:
        for name in names:
            conn.exec_driver_sql(f"ANALYZE {quote(name)}")
    finally:
        conn.exec_driver_sql("PRAGMA analysis_limit = 0")


@lru_cache(maxsize=1)
def _clock() -> list[str]:
    """'HH:MM:SS.000000' for every second of a day."""
    return [f"{h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)]


def time_texts(start: dt.date, seconds: np.ndarray, missing: int | None = -1) -> list[str | None]:
    """Seconds after midnight of `start` -> stored datetime text; `missing` marks NULL."""
    if seconds.size == 0:
        return []
    if missing is not None:
        present = np.flatnonzero(seconds != missing)
        if present.size < seconds.size // 2:  # mostly NULL (voided_at): format only the others
            out: list[str | None] = [None] * seconds.size
            for i, text in zip(present.tolist(), time_texts(start, seconds[present], None), strict=True):
                out[i] = text
            return out
    days = seconds // DAY
    lo, hi = int(days.min()), int(days.max())
    dates = [(start + dt.timedelta(days=d)).isoformat() + " " for d in range(lo, hi + 1)]
    clock = _clock()
    texts: list[str | None] = [
        dates[d - lo] + clock[s] for d, s in zip(days.tolist(), (seconds % DAY).tolist(), strict=True)
    ]
    if missing is not None:
        for i in np.flatnonzero(seconds == missing).tolist():
            texts[i] = None
    return texts


def date_texts(start: dt.date, days: np.ndarray) -> list[str]:
    lo, hi = int(days.min()), int(days.max())
    dates = [(start + dt.timedelta(days=d)).isoformat() for d in range(lo, hi + 1)]
    return [dates[d - lo] for d in days.tolist()]


class BulkWriter:
    """Inserts rows of plain values into tables over one connection (one transaction)."""

    def __init__(self, conn: Connection, progress: Callable[[int], None] | None = None) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        if self.dialect not in ("sqlite", "postgresql"):
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "Bulk writing needs an SQLite or PostgreSQL database."),
            )
        self._progress = progress
        self._filled: dict[str, Table] = {}

    def _quote(self, name: str) -> str:
        return self.conn.dialect.identifier_preparer.quote(name)

    def insert(self, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert rows that are already built (small tables)."""
        self.insert_chunks(table, columns, len(rows), lambda lo, hi: list(rows[lo:hi]))

    def insert_chunks(self, table: Table, columns: Sequence[str], count: int,
                      make_rows: Callable[[int, int], list[tuple[Any, ...]]]) -> None:
        """Insert `count` rows built a chunk at a time by make_rows(lo, hi), so memory stays flat."""
        if count <= 0:
            return
        self._filled[table.name] = table
        chunks = (make_rows(lo, min(lo + CHUNK, count)) for lo in range(0, count, CHUNK))
        before = [0]

        def tick(total: int) -> None:
            self._tick(total - before[0])
            before[0] = total

        write_chunks(self.conn, table, columns, chunks, tick)

    def _tick(self, n: int) -> None:
        if self._progress is not None:
            self._progress(n)

    @contextmanager
    def loading(self, tables: Sequence[Table]) -> Iterator[None]:
        """Drop the tables' plain indexes (and enlarge SQLite's page cache) for the load, then rebuild."""
        dropped: list[Index] = []
        with large_cache(self.conn, mebibytes=256):
            for table in tables:
                for index in sorted(table.indexes, key=lambda i: str(i.name)):
                    if not index.unique:
                        index.drop(self.conn)
                        dropped.append(index)
            yield
            for index in dropped:
                index.create(self.conn)

    def finish(self, *, light_statistics: bool = False) -> None:
        """Refresh the planner's statistics of the filled tables (see refresh_statistics); on
        PostgreSQL also move each id sequence past the ids written explicitly."""
        refresh_statistics(self.conn, self._filled.values(), light=light_statistics)
        if self.dialect != "postgresql":
            return
        for table in sorted(self._filled.values(), key=lambda t: t.name):
            if [c.name for c in table.primary_key.columns] != ["id"]:
                continue
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT MAX(id) FROM {self._quote(table.name)}))"
            )
