"""Taking, listing and rotating backups with SQLite's online backup API (restoring one: shopcrm.db.restore).

Automatic backups (daily on start, before a migration, an import, a restore, an erasure) go to the
shop's backup folder as single self-contained files named

    shopcrm-YYYYMMDD-HHMMSS-ffffff-<reason>-<db tag>.db

where <db tag> identifies the database file, so two shops sharing a folder never rotate away, or
count as, each other's backups.  Rotation keeps the newest `backup_keep` (setting, default 14) of
each reason per database: a burst of imports cannot push the daily history out.

Settings are read with plain SQL, not the ORM, because the migration backup is taken before the
schema is upgraded, when the models may not match the tables yet.

The file helpers a restore needs as well (copy_to_file, online_backup, require_space, file_size,
setting_value, require_sqlite, SIDE_FILES) are public here; this module does not import the restore.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.io.output_files import write_failure_reason
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
# Inside each backup file, the settings row holding the checksum of its contents when it was made.
CHECK_KEY = "backup_check"
# The shop's identity (a random id made once), so a restore can tell another shop's backup.
SHOP_ID_KEY = "shop_id"
# The files SQLite may keep beside a database it writes.
SIDE_FILES = ("-journal", "-wal", "-shm")
# Left-over .part / .restore files older than this belong to a copy that was killed.
STALE_AFTER_SECONDS = 600
# Room kept free beyond the file being written (SQLite's journal, the file system's own needs).
SPACE_MARGIN = 1024 * 1024


@dataclass(frozen=True)
class BackupInfo:
    """One backup file in the backup folder, as the settings screen lists it."""

    path: Path
    taken_at: dt.datetime
    reason: str
    tag: str | None
    size: int


def require_sqlite(db: Database) -> Path:
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
    path = require_sqlite(db)
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


def content_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 over every row of every table (the checksum row itself left out), in a fixed order.

    Over the rows rather than the file's bytes so that it can live inside the file it describes:
    a backup copied, renamed or moved to another PC still carries it."""
    digest = hashlib.sha256()
    tables = sorted(
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    )
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        where = f" WHERE key <> '{CHECK_KEY}'" if table == "settings" else ""
        digest.update(b"\x00table\x00" + table.encode("utf-8"))
        # Ordered by the values, not by rowid: a VACUUM may renumber rowids without changing a row.
        width = len(conn.execute(f"PRAGMA table_info({quoted})").fetchall())
        order = ", ".join(str(i) for i in range(1, width + 1))
        for row in conn.execute(f"SELECT * FROM {quoted}{where} ORDER BY {order}"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def setting_value(conn: sqlite3.Connection, key: str) -> object:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None or not isinstance(row[0], str):
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def ensure_shop_id(db: Database) -> str | None:
    """The live database's shop id, made on first need (SQLite; None when the file has no settings yet)."""
    path = require_sqlite(db)
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        current = setting_value(conn, SHOP_ID_KEY)
        if isinstance(current, str) and current:
            return current
        new = uuid.uuid4().hex
        try:
            conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (SHOP_ID_KEY, json.dumps(new)))
        except sqlite3.Error:
            return None  # no settings table yet (a new file), or a read-only file
        stored = setting_value(conn, SHOP_ID_KEY)
        return stored if isinstance(stored, str) else None
    finally:
        conn.close()


def online_backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """SQLite's online backup, all pages in one step (a seam where tests inject a full disk, here and
    in shopcrm.db.restore, which calls it by its own reference)."""
    src.backup(dst)


def _stamp_checksum(dst: sqlite3.Connection, reason: str) -> None:
    """Record, inside the new backup, the checksum of what it holds."""
    record = {"sha256": content_digest(dst), "made_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
              "reason": reason}
    dst.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (CHECK_KEY, json.dumps(record)))
    dst.commit()


def copy_to_file(src: sqlite3.Connection, target: Path, *, stamp_reason: str | None = None) -> None:
    """Online-backup `src` into a new single-file database at `target` (written as .part, then renamed).

    Whatever fails, no .part file is left behind."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            online_backup(src, dst)
            if stamp_reason is not None:
                _stamp_checksum(dst, stamp_reason)
            # A backup is one self-contained file: no -wal/-shm beside it, copyable as is.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(tmp, target)
    except BaseException:
        for leftover in [tmp, *(tmp.with_name(tmp.name + end) for end in SIDE_FILES)]:
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove %s", leftover)
        raise


def file_size(path: Path) -> int:
    total = 0
    for part in (path, Path(str(path) + "-wal")):
        try:
            total += part.stat().st_size
        except OSError:
            pass
    return total


def require_space(needs: Iterable[tuple[Path, int]]) -> None:
    """Refuse before writing anything when a folder's drive has too little room for what goes there."""
    per_device: dict[int, tuple[Path, int]] = {}
    for folder, size in needs:
        try:
            device = folder.stat().st_dev
        except OSError:
            continue  # a missing folder is reported by the write itself
        known = per_device.get(device)
        per_device[device] = (folder, size + (known[1] if known else 0))
    for folder, size in per_device.values():
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            continue
        if free < size + SPACE_MARGIN:
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "There is not enough free space in {folder}: {need} MB are needed, {free} MB are free."),
                folder=str(folder),
                need=max(1, (size + SPACE_MARGIN) // 1_000_000),
                free=free // 1_000_000,
            )


def remove_stale_files(paths: Iterable[Path], *, older_than: float | None = STALE_AFTER_SECONDS) -> list[Path]:
    """Delete left-overs of a killed copy (older than `older_than` seconds; None: whatever their age)."""
    removed = []
    now = time.time()
    for path in paths:
        try:
            if older_than is not None and now - path.stat().st_mtime < older_than:
                continue
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not remove the left-over %s: %s", path, exc)
            continue
        removed.append(path)
    return removed


def backup_database(
    db: Database, dest: str | Path | None = None, *, reason: str = "manual", keep: int | None = None
) -> Path:
    """Copy the live database (consistent even while in use) to DEST or the rotating backup folder.

    Without DEST the copy is named after `reason` and this database, and the oldest copies of the
    same reason beyond `keep` (default: the backup_keep setting) are deleted."""
    src_path = require_sqlite(db)
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
    folder = target.parent
    if not folder.is_dir():
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "The backup could not be written to {path}: {reason}"),
            path=str(target), reason=write_failure_reason(FileNotFoundError(errno.ENOENT, "missing"), folder),
        )
    require_space([(folder, file_size(src_path))])
    ensure_shop_id(db)
    src = sqlite3.connect(str(src_path), timeout=30)
    try:
        try:
            copy_to_file(src, target, stamp_reason=reason)
        except (OSError, sqlite3.Error) as exc:
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "The backup could not be written to {path}: {reason}"),
                path=str(target),
                reason=write_failure_reason(exc, folder),
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
    # A backup killed half-way (power cut, full disk in an older version) leaves its .part file.
    stale = [p for p in folder.glob(f"{BACKUP_PREFIX}*.db.part*")
             if (i := _NAME.match(p.name[: p.name.rindex(".db.part") + 3])) is not None and (tag is None or i["tag"] == tag)]
    removed += remove_stale_files(stale)
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
