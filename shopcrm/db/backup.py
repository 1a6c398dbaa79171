"""Backups with SQLite's online backup API, rotation, and verified restore.

Automatic backups (daily on start, before a migration, an import, a restore, an erasure) go to the
shop's backup folder as single self-contained files named

    shopcrm-YYYYMMDD-HHMMSS-ffffff-<reason>-<db tag>.db

where <db tag> identifies the database file, so two shops sharing a folder never rotate away, or
count as, each other's backups.  Rotation keeps the newest `backup_keep` (setting, default 14) of
each reason per database: a burst of imports cannot push the daily history out.

Settings are read with plain SQL, not the ORM, because the migration backup is taken before the
schema is upgraded, when the models may not match the tables yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from shopcrm.db.engine import SQLITE_MAGIC, Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.paths import default_backup_dir

log = logging.getLogger(__name__)

DEFAULT_KEEP = 14
BACKUP_PREFIX = "shopcrm-"
DAILY = "daily"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(
    r"^shopcrm-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z][a-z0-9-]*?)(?:-(?P<tag>[0-9a-f]{8}))?\.db$"
)
_REASON = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file in the backup folder, as the settings screen lists it."""

    path: Path
    taken_at: dt.datetime
    reason: str
    tag: str | None
    size: int


def _require_sqlite(db: Database) -> Path:
    path = db.path
    if path is None:
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "Backups of a PostgreSQL database are made on the server (pg_dump), not by ShopCRM."
            )
        )
    return path


def database_tag(db: Database) -> str:
    """Eight hex digits naming the database file (stable while the file stays where it is)."""
    path = _require_sqlite(db)
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]


def _raw_setting(db: Database, key: str) -> object:
    """One setting by plain SQL: works before migrations, and on a database with no settings yet."""
    try:
        with db.engine.connect() as conn:
            value = conn.execute(text("SELECT value FROM settings WHERE key = :key"), {"key": key}).scalar()
    except SQLAlchemyError:
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def keep_setting(db: Database) -> int:
    value = _raw_setting(db, "backup_keep")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000:
        return value
    return DEFAULT_KEEP


def _usable_folder(configured: object) -> Path | None:
    if not isinstance(configured, str) or not configured.strip():
        return None
    folder = Path(configured).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


def backup_dir_for(db: Database) -> Path:
    """The owner's backup folder, or the per-user default when none is set or it is unavailable
    (an unplugged USB drive must not stop the automatic backups)."""
    configured = _raw_setting(db, "backup_dir")
    folder = _usable_folder(configured)
    if folder is None:
        if configured:
            log.warning("backup folder %s is not available; using the default folder", configured)
        folder = default_backup_dir()
    return folder


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """Online-backup `src` into a new single-file database at `target` (written as .part, then renamed)."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dst = sqlite3.connect(str(tmp))
    try:
        src.backup(dst)
        # A backup is one self-contained file: no -wal/-shm beside it, copyable as is.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
    os.replace(tmp, target)


def _open_source(path: Path) -> sqlite3.Connection:
    """Open a file we only read from.  Without a WAL beside it, open it immutable so that reading a
    backup never leaves -wal/-shm files next to it (and works on read-only media)."""
    if Path(str(path) + "-wal").exists():
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)


def backup_database(
    db: Database, dest: str | Path | None = None, *, reason: str = "manual", keep: int | None = None
) -> Path:
    """Copy the live database (consistent even while in use) to DEST or the rotating backup folder.

    Without DEST the copy is named after `reason` and this database, and the oldest copies of the
    same reason beyond `keep` (default: the backup_keep setting) are deleted."""
    src_path = _require_sqlite(db)
    if not _REASON.match(reason):
        raise ValueError(f"bad backup reason {reason!r}")
    if dest is None:
        folder = backup_dir_for(db)
        stamp = dt.datetime.now().strftime(_STAMP_FORMAT)
        target = folder / f"{BACKUP_PREFIX}{stamp}-{reason}-{database_tag(db)}.db"
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
    src = sqlite3.connect(str(src_path), timeout=30)
    try:
        try:
            _copy(src, target)
        except OSError as exc:
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "The backup could not be written to {path}: {reason}"),
                path=str(target),
                reason=exc.strerror or str(exc),
            ) from exc
    finally:
        src.close()
    if dest is None:
        rotate_backups(target.parent, keep if keep is not None else keep_setting(db), tag=database_tag(db), reason=reason)
    return target


def backup_before(db: Database, action: str) -> Path | None:
    """The automatic backup before a risky action ("import", "restore", "erase", "undo-import" ...).

    Returns the copy, or None on PostgreSQL (the server's own backups apply there)."""
    if not db.is_sqlite:
        return None
    return backup_database(db, reason=f"before-{action}")


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path=path, taken_at=taken, reason=match["reason"], tag=match["tag"], size=size)


def list_backups(db: Database, *, all_databases: bool = False) -> list[BackupInfo]:
    """Backups of this database in its backup folder (and the default folder), newest first."""
    folders = {backup_dir_for(db).resolve(), default_backup_dir().resolve()}
    tag = None if all_databases else database_tag(db)
    found: dict[Path, BackupInfo] = {}
    for folder in folders:
        for path in folder.glob(f"{BACKUP_PREFIX}*.db"):
            info = parse_backup_name(path)
            if info is not None and (tag is None or info.tag == tag):
                found[path.resolve()] = info
    return sorted(found.values(), key=lambda b: b.taken_at, reverse=True)


def rotate_backups(folder: Path, keep: int, *, tag: str | None = None, reason: str | None = None) -> list[Path]:
    """Delete the oldest backups beyond `keep`; returns what was removed.

    With `tag` and `reason`, only that database's backups of that reason are considered.  Files
    that do not carry ShopCRM's automatic name (copies the owner made) are never touched."""
    keep = max(1, keep)
    infos = [i for i in (parse_backup_name(p) for p in folder.glob(f"{BACKUP_PREFIX}*.db")) if i is not None]
    groups: dict[tuple[str | None, str], list[BackupInfo]] = {}
    for info in infos:
        if (tag is not None and info.tag != tag) or (reason is not None and info.reason != reason):
            continue
        groups.setdefault((info.tag, info.reason), []).append(info)
    removed: list[Path] = []
    for group in groups.values():
        group.sort(key=lambda b: (b.taken_at, b.path.name))
        for old in group[: max(0, len(group) - keep)]:
            old.path.unlink(missing_ok=True)
            removed.append(old.path)
    return removed


def daily_backup_if_due(db: Database, today: dt.date | None = None) -> Path | None:
    """Take today's automatic backup unless there already is one; None when none was needed."""
    if not db.is_sqlite or db.path is None or not db.path.exists():
        return None
    today = today or dt.date.today()
    tag = database_tag(db)
    folder = backup_dir_for(db)
    newest = max(
        (
            i.taken_at
            for i in (parse_backup_name(p) for p in folder.glob(f"{BACKUP_PREFIX}*-{DAILY}-{tag}.db"))
            if i is not None and i.reason == DAILY and i.tag == tag
        ),
        default=None,
    )
    if newest is not None and newest.date() >= today:
        return None
    return backup_database(db, reason=DAILY)


def _revision_of(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def verify_backup_file(path: Path) -> str:
    """Integrity check and schema version of a backup; returns its revision or raises ShopError."""
    from shopcrm.db.migrate import known_revisions

    path = Path(path).expanduser()
    if not path.is_file():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "File not found: {path}"), path=str(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} cannot be read."), path=str(path)) from exc
    if head != SQLITE_MAGIC:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path))
    try:
        conn = _open_source(path)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            if not result or result[0] != "ok":
                raise ShopError(
                    QT_TRANSLATE_NOOP("errors", "{path} is damaged (integrity check failed)."), path=str(path)
                )
            revision = _revision_of(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path)) from exc
    if revision is None:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path))
    if revision not in known_revisions():
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "{path} was made by a newer ShopCRM (schema {revision}); please update the program first."
            ),
            path=str(path),
            revision=revision,
        )
    return revision


def restore_database(db: Database, source: str | Path) -> Path:
    """Replace the database with a verified backup, after backing up the current one.

    The backup is first copied next to the database and that copy is verified, so what is checked
    is exactly what is restored.  It is then written into the live database with the online backup
    API in one transaction: a crash or power cut mid-restore leaves the old data or the new, and
    other open connections see the restored data at once.  The restore is recorded in the restored
    database's audit log.  Returns the safety copy of the data that was replaced."""
    target = _require_sqlite(db)
    source_path = Path(source).expanduser()
    verify_backup_file(source_path)
    if source_path.resolve() == target.resolve():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "A database cannot be restored from itself."))
    staged = target.with_name(target.name + ".restore")
    try:
        src = _open_source(source_path)
        try:
            _copy(src, staged)
        finally:
            src.close()
        revision = verify_backup_file(staged)
        safety = backup_database(db, reason="before-restore")
        db.dispose()
        _write_into_live(staged, target, source_path, safety, revision)
        # A backup from an older version is brought to this program's schema at once (after its
        # own migration backup), so the open Database stays usable.
        from shopcrm.db.migrate import upgrade_on_open

        upgrade_on_open(db)
    except OSError as exc:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "The backup could not be restored: {reason}"), reason=exc.strerror or str(exc)
        ) from exc
    finally:
        staged.unlink(missing_ok=True)
    return safety


def _write_into_live(staged: Path, target: Path, source: Path, safety: Path, revision: str) -> None:
    src = sqlite3.connect(f"{staged.resolve().as_uri()}?immutable=1", uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=30, isolation_level=None)
        try:
            dst.execute("PRAGMA busy_timeout=30000")
            try:
                src.backup(dst)
            except sqlite3.OperationalError as exc:
                raise ShopError(
                    QT_TRANSLATE_NOOP("errors", "The database is in use by another program; close it and try again ({reason})."),
                    reason=str(exc),
                ) from exc
            detail = {"source": str(source), "previous_saved_as": str(safety), "revision": revision}
            dst.execute(
                "INSERT INTO audit_log (at, action, detail) VALUES (?, 'restore', ?)",
                (dt.datetime.now().replace(microsecond=0).isoformat(sep=" "), json.dumps(detail, ensure_ascii=False)),
            )
            check = dst.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise ShopError(
                    QT_TRANSLATE_NOOP("errors", "The restored database failed its check; restore {path} to go back."),
                    path=str(safety),
                )
        finally:
            dst.close()
    finally:
        src.close()
