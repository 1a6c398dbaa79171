"""Backup use cases for the GUI and the CLI: back up now, list, and restore (verified, audited).

The mechanics (SQLite's online backup API, rotation; verification and restore) live in shopcrm.db.backup
and shopcrm.db.restore; this
is the layer the screens and commands call."""

from __future__ import annotations

from pathlib import Path

from shopcrm.db import backup as _backup
from shopcrm.db import restore as _restore
from shopcrm.db.backup import BackupInfo
from shopcrm.db.engine import Database
from shopcrm.db.restore import OtherShopError
from shopcrm.services.shop.owner_password import require_owner

__all__ = ["BackupInfo", "OtherShopError", "backup_folder", "backup_now", "list_backups", "restore_backup"]


def backup_now(db: Database, dest: str | Path | None = None, *, keep: int | None = None) -> Path:
    """A manual backup into DEST or the rotating backup folder."""
    return _backup.backup_database(db, dest, reason="manual", keep=keep)


def list_backups(db: Database) -> list[BackupInfo]:
    """This shop's backup files, newest first."""
    return _backup.list_backups(db)


def backup_folder(db: Database) -> Path:
    return _backup.backup_dir_for(db)


def restore_backup(
    db: Database, source: str | Path, *, password: str | None = None, other_shop: str | None = None
) -> Path:
    """Replace the database with a verified backup; returns where the previous data was saved.

    Guarded by the owner password when one is set: a restore replaces everything the shop entered.
    Another shop's backup raises OtherShopError (its `other` and `this` params name both shops)
    unless `other_shop` names the shop the backup is of."""
    require_owner(db, password)
    return _restore.restore_database(db, source, other_shop=other_shop)
