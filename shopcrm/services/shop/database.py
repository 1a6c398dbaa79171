"""Opening the shop's database for the GUI and the CLI (one place for start-up policy).

Start-up policy: open (creating if needed), back up and upgrade an older schema (shopcrm.db.migrate),
then take the day's automatic backup if there is none yet.  A failed automatic backup must not
keep the counter from selling, so it is logged and kept in `startup_warnings()` for the GUI to show.
"""

from __future__ import annotations

import logging
import os
import sqlite3

from shopcrm.db.backup import daily_backup_if_due, remove_stale_files
from shopcrm.db.engine import Database, resolve_url, sqlite_path
from shopcrm.db.opening import open_database
from shopcrm.db.restore import restore_leftovers
from shopcrm.errors import ShopError
from shopcrm.i18n import translate
from shopcrm.services.members.points import expire_points

__all__ = ["Database", "open_shop_database", "startup_warnings", "take_daily_backup"]  # Database: the handle the GUI holds

log = logging.getLogger(__name__)
_warnings: list[str] = []


def startup_warnings() -> list[str]:
    """Problems met while opening the database that did not stop it from opening (newest last)."""
    return list(_warnings)


def _has_data_file(target: str | os.PathLike[str] | None) -> bool:
    """A brand-new database has nothing worth a backup yet."""
    try:
        path = sqlite_path(resolve_url(target))
        return path is not None and path.is_file() and path.stat().st_size > 0
    except (OSError, ShopError):
        return False


def open_shop_database(target: str | os.PathLike[str] | None = None, *, daily_backup: bool = True) -> Database:
    """Open and upgrade the database named by --db, SHOPCRM_DATABASE_URL or the default file,
    and take today's automatic backup (SQLite) if the newest one is from an earlier day."""
    existed = _has_data_file(target)
    db = open_database(target)
    if db.path is not None:
        remove_stale_files(restore_leftovers(db.path))  # a restore killed half-way left its copy
    if daily_backup and existed:
        take_daily_backup(db)
    _expire_points(db)
    return db


def take_daily_backup(db: Database) -> str | None:
    """Today's automatic backup (SQLite) if the newest one is from an earlier day.

    A failure must not keep the counter from selling: it is logged, kept in startup_warnings() and
    returned as the message to show.  The window takes it on a background thread after it shows (at
    100,000 members it takes seconds; opening the program must not wait for it)."""
    if not db.is_sqlite:
        return None
    try:
        daily_backup_if_due(db)
    except (OSError, sqlite3.Error, ShopError) as exc:
        message = translate("backup", "Today's automatic backup failed: {reason}").format(
            reason=exc.message() if isinstance(exc, ShopError) else str(exc)
        )
        log.warning("%s", message)
        _warnings.append(message)
        return message
    return None


def _expire_points(db: Database) -> None:
    """The daily points expiry pass (idempotent, so every start may run it); a failure must not
    keep the counter from selling."""
    try:
        expire_points(db)
    except Exception as exc:  # noqa: BLE001 - logged and shown, the shop still opens
        message = translate("points", "Expired points could not be written off: {reason}").format(
            reason=exc.message() if isinstance(exc, ShopError) else str(exc)
        )
        log.warning("%s", message)
        _warnings.append(message)
