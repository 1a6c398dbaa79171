"""Opening a shop's database: a foreign file is refused read-only, an older schema is upgraded after a backup.

The policy above the plain engine (engine.py), the migrations (migrate.py), the schema check
(schema_check.py) and backups (backup.py), so that none of those needs to know about the others'
callers.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from shopcrm.db.backup import backup_database
from shopcrm.db.engine import SQLITE_MAGIC, Database, make_engine, resolve_url, sqlite_path
from shopcrm.db.migrate import upgrade_on_open
from shopcrm.db.schema_check import check_shopcrm_schema, open_read_only
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a whole ShopCRM database (read-only) before SQLAlchemy touches it."""
    if not path.exists():
        if not path.parent.exists():
            raise ShopError(QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), folder=str(path.parent))
        return
    if path.is_dir():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a database file."), path=str(path))
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM database (it is not an SQLite file)."),
            path=str(path),
        )
    # Known to be ShopCRM's before SQLAlchemy connects: connecting switches the file to WAL mode,
    # which rewrites its header, and a foreign file must leave exactly as it came.
    conn = open_read_only(path)
    try:
        check_shopcrm_schema(conn, path, allow_empty=True)
    finally:
        conn.close()


def _migration_backup(db: Database) -> None:
    backup_database(db, reason="migration")


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    upgrade: bool = True,
    backup_before_upgrade: bool = True,
) -> Database:
    """Open (creating if needed) and upgrade a shop database, taking a backup before migrating."""
    url = resolve_url(target)
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
    engine = make_engine(url)
    try:
        db = Database(url=url, engine=engine)
        if upgrade:
            upgrade_on_open(db, before_upgrade=_migration_backup if backup_before_upgrade else None)
        if db.is_sqlite:
            # Keep planner statistics fresh (cheap; SQLite skips tables that do not need it).
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize=0x10002")
    except BaseException as exc:
        # A database refused (made by a newer ShopCRM, unreachable, damaged) must not leave its
        # pooled connection open: psycopg warns "connection ... deleted while still open" at exit.
        engine.dispose()
        if not isinstance(exc, OperationalError):
            raise
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "Cannot open the database {target}: {reason}"),
            target=path or make_url(url).render_as_string(hide_password=True),
            reason=str(exc.orig).splitlines()[0] if exc.orig else str(exc).splitlines()[0],
        ) from exc
    return db
