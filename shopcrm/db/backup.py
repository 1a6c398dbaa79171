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

from shopcrm.db.engine import SQLITE_MAGIC, Database
from shopcrm.db.migrate import upgrade_on_open
from shopcrm.db.schema_check import check_shopcrm_schema, open_read_only
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.i18n import translate
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
_SIDE_FILES = ("-journal", "-wal", "-shm")
# Left-over .part / .restore files older than this belong to a copy that was killed.
STALE_AFTER_SECONDS = 600
# Room kept free beyond the file being written (SQLite's journal, the file system's own needs).
SPACE_MARGIN = 1024 * 1024


class OtherShopError(ShopError):
    """The backup belongs to another shop: restoring it needs a confirmation naming that shop."""


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


def _setting_value(conn: sqlite3.Connection, key: str) -> object:
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


@dataclass(frozen=True)
class ShopIdentity:
    """Which shop a database belongs to: its id (None in files from before ids) and its name."""

    shop_id: str | None
    name: str

    def display(self) -> str:
        if self.name:
            return self.name
        if self.shop_id:
            return translate("backup", "unnamed shop {id}").format(id=self.shop_id[:8])
        return translate("backup", "unnamed shop")

    def same_shop(self, other: ShopIdentity) -> bool:
        if self.shop_id and other.shop_id:
            return self.shop_id == other.shop_id
        # A file from before shop ids: the names tell, when both have one.
        return not (self.name and other.name) or self.name == other.name

    def confirmed_by(self, answer: str | None) -> bool:
        text = (answer or "").strip().casefold()
        names = {self.name.strip().casefold(), self.display().casefold()}
        if self.shop_id:
            names |= {self.shop_id.casefold(), self.shop_id[:8].casefold()}
        return bool(text) and text in names


def identity_of(conn: sqlite3.Connection) -> ShopIdentity:
    shop_id = _setting_value(conn, SHOP_ID_KEY)
    name = _setting_value(conn, "shop_name")
    return ShopIdentity(shop_id if isinstance(shop_id, str) and shop_id else None, name.strip() if isinstance(name, str) else "")


def ensure_shop_id(db: Database) -> str | None:
    """The live database's shop id, made on first need (SQLite; None when the file has no settings yet)."""
    path = _require_sqlite(db)
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        current = _setting_value(conn, SHOP_ID_KEY)
        if isinstance(current, str) and current:
            return current
        new = uuid.uuid4().hex
        try:
            conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (SHOP_ID_KEY, json.dumps(new)))
        except sqlite3.Error:
            return None  # no settings table yet (a new file), or a read-only file
        stored = _setting_value(conn, SHOP_ID_KEY)
        return stored if isinstance(stored, str) else None
    finally:
        conn.close()


def _online_backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """SQLite's online backup, all pages in one step (a seam where tests inject a full disk)."""
    src.backup(dst)


def _stamp_checksum(dst: sqlite3.Connection, reason: str) -> None:
    """Record, inside the new backup, the checksum of what it holds."""
    record = {"sha256": content_digest(dst), "made_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
              "reason": reason}
    dst.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (CHECK_KEY, json.dumps(record)))
    dst.commit()


def _copy(src: sqlite3.Connection, target: Path, *, stamp_reason: str | None = None) -> None:
    """Online-backup `src` into a new single-file database at `target` (written as .part, then renamed).

    Whatever fails, no .part file is left behind."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            _online_backup(src, dst)
            if stamp_reason is not None:
                _stamp_checksum(dst, stamp_reason)
            # A backup is one self-contained file: no -wal/-shm beside it, copyable as is.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.replace(tmp, target)
    except BaseException:
        for leftover in [tmp, *(tmp.with_name(tmp.name + end) for end in _SIDE_FILES)]:
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove %s", leftover)
        raise


def _file_size(path: Path) -> int:
    total = 0
    for part in (path, Path(str(path) + "-wal")):
        try:
            total += part.stat().st_size
        except OSError:
            pass
    return total


def _require_space(needs: Iterable[tuple[Path, int]]) -> None:
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


def restore_leftovers(target: Path) -> list[Path]:
    """The files a restore of `target` stages beside it (with SQLite's own files beside those)."""
    staged = target.with_name(target.name + ".restore")
    part = staged.with_name(staged.name + ".part")
    return [staged, part, *(p.with_name(p.name + end) for p in (staged, part) for end in _SIDE_FILES)]


def _open_source(path: Path) -> sqlite3.Connection:
    """Open a file we only read from, without writing a byte to or beside it."""
    return open_read_only(path)


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
    folder = target.parent
    if not folder.is_dir():
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "The backup could not be written to {path}: {reason}"),
            path=str(target), reason=write_failure_reason(FileNotFoundError(errno.ENOENT, "missing"), folder),
        )
    _require_space([(folder, _file_size(src_path))])
    ensure_shop_id(db)
    src = sqlite3.connect(str(src_path), timeout=30)
    try:
        try:
            _copy(src, target, stamp_reason=reason)
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


@dataclass(frozen=True)
class BackupFacts:
    """What the checks found out about a backup file."""

    revision: str
    shop: ShopIdentity
    # True: its checksum was recorded when it was made and still matches; False: made without one
    # (by an older ShopCRM, or a database file copied by hand).
    checksum_verified: bool


def inspect_backup(path: Path) -> BackupFacts:
    """Integrity check, whole schema of its revision, and the checksum recorded when it was made.

    Raises ShopError for anything that must not be restored; reads without writing a byte."""
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
            revision = check_shopcrm_schema(conn, path, allow_empty=False)
            assert revision is not None
            recorded = _setting_value(conn, CHECK_KEY)
            verified = False
            if recorded is not None:
                expected = recorded.get("sha256") if isinstance(recorded, dict) else None
                if not isinstance(expected, str) or content_digest(conn) != expected:
                    raise ShopError(
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "{path} has changed since the backup was made (its checksum does not match); it is not restored.",
                        ),
                        path=str(path),
                    )
                verified = True
            shop = identity_of(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM backup."), path=str(path)) from exc
    return BackupFacts(revision, shop, verified)


def verify_backup_file(path: Path) -> str:
    """Check a backup as a restore would; returns its schema revision or raises ShopError."""
    return inspect_backup(path).revision


def _live_identity(target: Path) -> ShopIdentity | None:
    """This shop's identity, or None when the live file cannot be read (restoring a damaged database)."""
    try:
        conn = _open_source(target)
        try:
            return identity_of(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def restore_database(db: Database, source: str | Path, *, other_shop: str | None = None) -> Path:
    """Replace the database with a verified backup, after backing up the current one.

    Everything is checked before a byte of the live database changes: the file (integrity, the
    whole schema of its revision, the checksum recorded when it was made), that it is this shop's
    (another shop's backup needs `other_shop` naming that shop), and the free space.  The backup is
    copied next to the database and that copy is checked again, so what is checked is exactly what
    is restored; the audit entry goes into the copy, which is then written into the live database
    with the online backup API in one step: a crash or power cut leaves the old data or the new, and
    other open connections see the restored data at once.  Returns the safety copy of the data that
    was replaced; any failure after it was made names it."""
    target = _require_sqlite(db)
    source_path = Path(source).expanduser()
    facts = inspect_backup(source_path)
    if source_path.resolve() == target.resolve():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "A database cannot be restored from itself."))
    live = _live_identity(target)
    if live is not None and not live.same_shop(facts.shop) and not facts.shop.confirmed_by(other_shop):
        raise OtherShopError(
            QT_TRANSLATE_NOOP(
                "errors",
                "{file} is a backup of the shop \"{other}\", not of this shop \"{this}\". To replace the data of "
                "\"{this}\" with \"{other}\", confirm with the other shop's name (restore --other-shop \"{other}\").",
            ),
            file=source_path.name,
            other=facts.shop.display(),
            this=live.display(),
        )
    staged = target.with_name(target.name + ".restore")
    leftovers = restore_leftovers(target)
    remove_stale_files(leftovers, older_than=None)  # a restore killed before this one
    live_size = _file_size(target)
    source_size = source_path.stat().st_size
    _require_space([(target.parent, source_size + max(0, source_size - live_size)), (backup_dir_for(db), live_size)])
    safety: Path | None = None
    try:
        src = _open_source(source_path)
        try:
            _copy(src, staged)
        finally:
            src.close()
        staged_facts = inspect_backup(staged)
        safety = backup_database(db, reason="before-restore")
        _prepare_staged(staged, source_path, safety, staged_facts.revision, keep_shop_id=live.shop_id if live else None)
        db.dispose()
        _write_into_live(staged, target)
        # A backup from an older version is brought to this program's schema at once (after its
        # own migration backup), so the open Database stays usable.
        upgrade_on_open(db, before_upgrade=lambda d: backup_database(d, reason="migration"))
    except (OSError, sqlite3.Error, ShopError) as exc:
        if isinstance(exc, ShopError):
            reason = exc.message()
        else:
            reason = write_failure_reason(exc, target.parent)
        if safety is None:
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "The backup could not be restored, nothing was changed: {reason}"), reason=reason
            ) from exc
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "The backup could not be restored: {reason}. The data as it was before is saved in {path}."
            ),
            reason=reason,
            path=str(safety),
        ) from exc
    finally:
        remove_stale_files(leftovers, older_than=None)
    return safety


def _prepare_staged(staged: Path, source: Path, safety: Path, revision: str, *, keep_shop_id: str | None) -> None:
    """Make the checked copy what the live database will be: without the backup's checksum row, with
    this shop's id when the backup is from before shop ids, and with the restore in its audit log."""
    conn = sqlite3.connect(str(staged), isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM settings WHERE key = ?", (CHECK_KEY,))
        if keep_shop_id:
            conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (SHOP_ID_KEY, json.dumps(keep_shop_id)))
        detail = {"source": str(source), "previous_saved_as": str(safety), "revision": revision}
        conn.execute(
            "INSERT INTO audit_log (at, action, detail) VALUES (?, 'restore', ?)",
            (dt.datetime.now().replace(microsecond=0).isoformat(sep=" "), json.dumps(detail, ensure_ascii=False)),
        )
        conn.execute("COMMIT")
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise ShopError(QT_TRANSLATE_NOOP("errors", "The copy of the backup failed its check."))
    finally:
        conn.close()


def _write_into_live(staged: Path, target: Path) -> None:
    src = sqlite3.connect(f"{staged.resolve().as_uri()}?immutable=1", uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=30, isolation_level=None)
        try:
            dst.execute("PRAGMA busy_timeout=30000")
            try:
                _online_backup(src, dst)
            except sqlite3.OperationalError as exc:
                if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
                    raise ShopError(
                        QT_TRANSLATE_NOOP(
                            "errors", "The database is in use by another program; close it and try again ({reason})."
                        ),
                        reason=str(exc),
                    ) from exc
                raise
            check = dst.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise ShopError(QT_TRANSLATE_NOOP("errors", "The restored database failed its check."))
        finally:
            dst.close()
    finally:
        src.close()
