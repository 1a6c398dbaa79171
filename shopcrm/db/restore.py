"""Restoring a backup: the checks that a file may be restored (integrity, the whole schema of its
revision, the checksum recorded when it was made, which shop it belongs to) and the restore itself.

Taking, listing and rotating backups is shopcrm.db.backup; the restore builds on its copy, free-space
and settings helpers, and takes its safety copy with it, but nothing there needs the restore.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from shopcrm.db.backup import (
    CHECK_KEY,
    SHOP_ID_KEY,
    SIDE_FILES,
    backup_database,
    backup_dir_for,
    content_digest,
    copy_to_file,
    file_size,
    online_backup,
    remove_stale_files,
    require_space,
    require_sqlite,
    setting_value,
)
from shopcrm.db.engine import SQLITE_MAGIC, Database
from shopcrm.db.migrate import upgrade_on_open
from shopcrm.db.schema_check import check_shopcrm_schema, open_read_only
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.i18n import translate
from shopcrm.io.output_files import write_failure_reason


class OtherShopError(ShopError):
    """The backup belongs to another shop: restoring it needs a confirmation naming that shop."""


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
    shop_id = setting_value(conn, SHOP_ID_KEY)
    name = setting_value(conn, "shop_name")
    return ShopIdentity(shop_id if isinstance(shop_id, str) and shop_id else None, name.strip() if isinstance(name, str) else "")


def restore_leftovers(target: Path) -> list[Path]:
    """The files a restore of `target` stages beside it (with SQLite's own files beside those)."""
    staged = target.with_name(target.name + ".restore")
    part = staged.with_name(staged.name + ".part")
    return [staged, part, *(p.with_name(p.name + end) for p in (staged, part) for end in SIDE_FILES)]


def _open_source(path: Path) -> sqlite3.Connection:
    """Open a file we only read from, without writing a byte to or beside it."""
    return open_read_only(path)


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
            recorded = setting_value(conn, CHECK_KEY)
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
    target = require_sqlite(db)
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
    live_size = file_size(target)
    source_size = source_path.stat().st_size
    require_space([(target.parent, source_size + max(0, source_size - live_size)), (backup_dir_for(db), live_size)])
    safety: Path | None = None
    try:
        src = _open_source(source_path)
        try:
            copy_to_file(src, staged)
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
                online_backup(src, dst)
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
