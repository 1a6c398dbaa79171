"""Writing a million generated rows fast inside one open transaction.

SQLite gets one prepared INSERT run by the driver's executemany over plain tuples; PostgreSQL gets
COPY, which is what its own bulk loading uses.  Secondary indexes of the filled tables are dropped
for the load and rebuilt once at the end (building an index from sorted data is several times
faster than keeping it up to date row by row); unique constraints stay, so the data is still
checked.  Values arrive already in the text form both databases store: dates as YYYY-MM-DD,
times as 'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's SQLite format), booleans as 0/1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Connection, Index, Table

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError

CHUNK = 50_000
DAY = 86_400


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
                QT_TRANSLATE_NOOP("errors", "The demo shop can only be written to SQLite or PostgreSQL."),
            )
        self._progress = progress
        self._filled: dict[str, Table] = {}
        self._saved_cache: Any = None

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
        cols = ", ".join(self._quote(c) for c in columns)
        name = self._quote(table.name)
        if self.dialect == "sqlite":
            sql = f"INSERT INTO {name} ({cols}) VALUES ({', '.join('?' * len(columns))})"
            for lo in range(0, count, CHUNK):
                chunk = make_rows(lo, min(lo + CHUNK, count))
                self.conn.exec_driver_sql(sql, chunk)  # type: ignore[arg-type]
                self._tick(len(chunk))
            return
        dbapi: Any = self.conn.connection.dbapi_connection  # a psycopg 3 connection
        with dbapi.cursor() as cur:
            with cur.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
                for lo in range(0, count, CHUNK):
                    chunk = make_rows(lo, min(lo + CHUNK, count))
                    for row in chunk:
                        copy.write_row(row)
                    self._tick(len(chunk))

    def _tick(self, n: int) -> None:
        if self._progress is not None:
            self._progress(n)

    @contextmanager
    def loading(self, tables: Sequence[Table]) -> Iterator[None]:
        """Drop the tables' plain indexes (and enlarge SQLite's page cache) for the load, then rebuild."""
        dropped: list[Index] = []
        if self.dialect == "sqlite":
            self._saved_cache = self.conn.exec_driver_sql("PRAGMA cache_size").scalar()
            self.conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB while loading
        try:
            for table in tables:
                for index in sorted(table.indexes, key=lambda i: str(i.name)):
                    if not index.unique:
                        index.drop(self.conn)
                        dropped.append(index)
            yield
            for index in dropped:
                index.create(self.conn)
        finally:
            if self.dialect == "sqlite" and self._saved_cache is not None:
                self.conn.exec_driver_sql(f"PRAGMA cache_size={int(self._saved_cache)}")

    def finish(self) -> None:
        """Refresh the planner's statistics of the filled tables; on PostgreSQL also move each id
        sequence past the ids written explicitly.

        Without statistics SQLite picks the low-selectivity status index for the counter's
        last-4-digits search and ignores the covering purchases index for per-member aggregates.
        """
        for table in sorted(self._filled.values(), key=lambda t: t.name):
            self.conn.exec_driver_sql(f"ANALYZE {self._quote(table.name)}")
        if self.dialect != "postgresql":
            return
        for table in sorted(self._filled.values(), key=lambda t: t.name):
            if [c.name for c in table.primary_key.columns] != ["id"]:
                continue
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT MAX(id) FROM {self._quote(table.name)}))"
            )
