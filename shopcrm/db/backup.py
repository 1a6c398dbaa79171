"""Backups with SQLite's online backup API, rotation, and verified restore."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from shopcrm.db.engine import SQLITE_MAGIC, Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.paths import default_backup_dir

DEFAULT_KEEP = 14
BACKUP_PREFIX = "shopcrm-"


def _require_sqlite(db: Database) -> Path:
    path = db.path
    if path is None:
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "Backups of a PostgreSQL database are made on the server (pg_dump), not by ShopCRM."
            )
        )
    return path


def backup_dir_for(db: Database) -> Path:
    from shopcrm.services.settings import load_settings

    configured = load_settings(db).backup_dir
    path = Path(configured) if configured else default_backup_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_database(
    db: Database, dest: str | Path | None = None, *, reason: str = "manual", keep: int | None = None
) -> Path:
    """Copy the live database (consistent even while in use) to DEST or the rotating backup folder."""
    src_path = _require_sqlite(db)
    if dest is None:
        folder = default_backup_dir() if reason == "migration" else backup_dir_for(db)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{BACKUP_PREFIX}{stamp}-{reason}.db"
    else:
        target = Path(dest).expanduser()
        if target.is_dir():
            target = target / f"{BACKUP_PREFIX}{dt.datetime.now():%Y%m%d-%H%M%S}.db"
        if not target.parent.exists():
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), folder=str(target.parent)
            )
        if target.resolve() == src_path.resolve():
            raise ShopError(QT_TRANSLATE_NOOP("errors", "A backup cannot overwrite the database itself."))
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(str(src_path))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    if dest is None:
        rotate_backups(target.parent, keep if keep is not None else DEFAULT_KEEP)
    return target


def rotate_backups(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`; returns what was removed."""
    backups = sorted(folder.glob(f"{BACKUP_PREFIX}*.db"))
    removed = backups[: max(0, len(backups) - keep)]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def verify_backup_file(path: Path) -> str:
    """Integrity check and schema version of a backup; returns its revision or raises ShopError."""
    from shopcrm.db.migrate import known_revisions

    if not path.is_file():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "File not found: {path}"), path=str(path))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            if not result or result[0] != "ok":
                raise ShopError(
                    QT_TRANSLATE_NOOP("errors", "{path} is damaged (integrity check failed)."), path=str(path)
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path)) from exc
    if not row or row[0] not in known_revisions():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path))
    return str(row[0])


def restore_database(db: Database, source: str | Path) -> Path:
    """Replace the database with a verified backup, after backing up the current one."""
    target = _require_sqlite(db)
    source_path = Path(source).expanduser()
    verify_backup_file(source_path)
    safety = backup_database(db, reason="before-restore")
    db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(str(source_path))
    try:
        tmp = target.with_name(target.name + ".restore")
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    shutil.move(str(tmp), str(target))
    return safety
