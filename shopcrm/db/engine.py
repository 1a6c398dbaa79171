"""Opening the shop's database: URL resolution, SQLite pragmas, sessions, upgrade on open."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.paths import default_database_path

SQLITE_MAGIC = b"SQLite format 3\x00"
# How long a statement waits for a lock before "database is locked" (PRAGMA busy_timeout); a writer
# waiting for the write lock at BEGIN polls as long (see WRITE_LOCK_POLL).
BUSY_TIMEOUT_MS = 10_000
# A writer that finds SQLite's write lock taken tries again every WRITE_LOCK_POLL seconds.  SQLite's
# own busy handler sleeps 1, 2, 5, 10, 15, 20, 25, 25 ... ms between tries, so a sale waiting behind
# a classification's short write transactions slept through the gaps between them (it woke up after
# the next one had begun) and waited 65-193 ms behind chunks of 20-40 ms; polling every millisecond
# it takes the lock within about a millisecond of its release.
WRITE_LOCK_POLL = 0.001


def resolve_url(target: str | os.PathLike[str] | None) -> str:
    """--db PATH|URL, else SHOPCRM_DATABASE_URL, else the per-user default file."""
    if target is None or str(target) == "":
        target = os.environ.get("SHOPCRM_DATABASE_URL") or default_database_path()
    text = str(target)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise ShopError(QT_TRANSLATE_NOOP("errors", "Not a database address: {target}"), target=text) from exc
        if url.drivername == "postgresql":  # psycopg 3 rather than psycopg2
            url = url.set(drivername="postgresql+psycopg")
        if url.drivername.startswith("postgres") and url.drivername != "postgresql+psycopg":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    path = Path(text).expanduser().resolve()
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if not u.drivername.startswith("sqlite") or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN so two writers queue instead of failing mid-way.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode != "IMMEDIATE":
            conn.exec_driver_sql(f"BEGIN {mode}")
            return
        raw = conn.connection.driver_connection
        timeout_ms = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
        raw.execute("PRAGMA busy_timeout=0")
        try:
            if not _poll_for_write_lock(raw, timeout_ms / 1000):
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # once more: the error as SQLAlchemy reports it
        finally:
            raw.execute(f"PRAGMA busy_timeout={timeout_ms}")


def _poll_for_write_lock(raw: sqlite3.Connection, timeout: float) -> bool:
    """BEGIN IMMEDIATE, tried every WRITE_LOCK_POLL seconds while another connection writes, for up
    to the connection's busy timeout (set to 0 meanwhile); False if it never got the lock or failed
    otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            raw.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                return False
        time.sleep(WRITE_LOCK_POLL)


def make_engine(url: str, **kwargs: Any) -> Engine:
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        engine = create_engine(url, **kwargs)
        _install_sqlite_pragmas(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


@dataclass
class Database:
    """An open shop database.  Services take one of these and run each use case in a transaction."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _writer_sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer_bind = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._writer_sessions = sessionmaker(writer_bind, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back everything on any error."""
        with self._writer_sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end)."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
