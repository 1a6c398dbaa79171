"""The bulk writer leaves planner statistics behind (SQLite and PostgreSQL): a fresh shop's first
import must not leave the counter's lookups to a planner that knows nothing of the tables."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.db.models import Member


def _analysed(conn: object, table: str) -> bool:
    if conn.dialect.name == "sqlite":  # type: ignore[attr-defined]
        has = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar_one()  # type: ignore[attr-defined]
        return bool(has) and bool(conn.execute(  # type: ignore[attr-defined]
            text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = :t"), {"t": table}).scalar_one())
    return conn.execute(  # type: ignore[attr-defined]
        text("SELECT count(*) FROM pg_stats WHERE tablename = :t"), {"t": table}).scalar_one() > 0


def test_insert_rows_refreshes_statistics_of_the_table_it_filled(db: Database) -> None:
    now = dt.datetime(2026, 1, 2, 3, 4, 5)
    rows = [(i + 1, f"C{i:05d}", f"139{i:08d}", f"{i % 10000:04d}", "active", 0, 0, False, now.date(), now, now)
            for i in range(1500)]
    with db.transaction() as s:
        conn = s.connection()
        fresh = conn.dialect.name == "sqlite"  # PostgreSQL keeps statistics across the tests' TRUNCATEs
        assert not (fresh and _analysed(conn, "members"))
        written = bulk.insert_rows(conn, Member.__table__, ["id", "card_no", "phone", "phone_last4", "status",
                                                            "points_balance", "level", "consent", "registered_on", "created_at",
                                                            "updated_at"], rows)
        assert written == 1500 and _analysed(conn, "members")
        if conn.dialect.name == "sqlite":  # the bounded analysis does not stay on for later ANALYZEs
            assert conn.exec_driver_sql("PRAGMA analysis_limit").scalar_one() == 0
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM members")).scalar_one() == 1500


def test_an_empty_write_analyses_nothing(db: Database) -> None:
    with db.transaction() as s:
        conn = s.connection()
        assert bulk.insert_rows(conn, Member.__table__, ["id", "card_no"], []) == 0
        if conn.dialect.name == "sqlite":  # PostgreSQL keeps statistics across the tests' TRUNCATEs
            assert not _analysed(conn, "members")
