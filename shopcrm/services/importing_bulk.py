"""Bulk writes for imports: hundreds of thousands of rows inside the import's one transaction.

SQLAlchemy's per-row parameter processing and RETURNING batches cost more than the database
itself at this size, so the hot tables are written through the same Core connection with the
driver's fastest path: executemany of plain tuples on SQLite (values pre-formatted the way
SQLAlchemy stores them), COPY on PostgreSQL.  Primary keys that other rows refer to are
reserved up front (max(id) under SQLite's write lock, nextval() on PostgreSQL), so purchases,
their lines and their points can be written without reading anything back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, text

CHUNK = 20_000


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
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
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
    convert = None if converted else converter(conn, table, columns)
    names = ", ".join(f'"{c}"' for c in columns)
    written = 0
    if is_sqlite(conn):
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
        source = iter(map(convert, rows) if convert else rows)
        while True:
            chunk = list(islice(source, CHUNK))
            if not chunk:
                break
            conn.exec_driver_sql(sql, chunk)
            written += len(chunk)
            if on_chunk:
                on_chunk(written)
        return written
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:  # type: ignore[union-attr]
        with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
                if on_chunk and written % CHUNK == 0:
                    on_chunk(written)
    if on_chunk:
        on_chunk(written)
    return written

