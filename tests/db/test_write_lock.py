"""A writer that finds SQLite's write lock taken polls for it (shopcrm.db.engine): it goes through as
soon as the other writer is done, gives up with "database is locked" after the connection's busy
timeout as before, and leaves that timeout as it was."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError

from shopcrm.db.engine import Database, make_engine
from shopcrm.db.models import Category


@pytest.fixture
def path(sqlite_db: Database) -> Iterator[Path]:
    assert sqlite_db.path is not None
    yield sqlite_db.path


def _hold_the_write_lock(path: Path, seconds: float, started: threading.Event) -> threading.Thread:
    """Another connection (as another process would) writes a category and keeps the lock `seconds`."""
    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO categories (name) VALUES ('held')")
        started.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    started.wait(10)
    return thread


def _busy_timeout(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0)


def test_a_writer_waiting_for_the_lock_goes_through_once_it_is_free(path: Path) -> None:
    db = Database(f"sqlite:///{path}", make_engine(f"sqlite:///{path}"))
    try:
        holder = _hold_the_write_lock(path, 0.2, threading.Event())
        with db.transaction() as s:  # waits for the other connection's commit
            s.add(Category(name="mine"))
        holder.join()
        with db.read() as s:
            assert sorted(s.scalars(select(Category.name)).all()) == ["held", "mine"]
        assert _busy_timeout(db) == 10_000
    finally:
        db.dispose()


def test_a_writer_gives_up_after_its_busy_timeout_with_database_is_locked(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _short_wait(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=50")

    db = Database(f"sqlite:///{path}", engine)
    try:
        holder = _hold_the_write_lock(path, 1.0, threading.Event())
        try:
            with pytest.raises(OperationalError, match="database is locked"), db.transaction() as s:
                s.add(Category(name="mine"))
            assert _busy_timeout(db) == 50  # the connection's own timeout is back
        finally:
            holder.join()
        with db.transaction() as s:  # and the connection writes again once the lock is free
            s.add(Category(name="later"))
        with db.read() as s:
            assert sorted(s.scalars(select(Category.name)).all()) == ["held", "later"]
            assert s.execute(text("SELECT 1")).scalar() == 1
    finally:
        db.dispose()
