"""Alembic, driven from code: the app upgrades an older database on open after a backup."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def upgrade_on_open(db: Database, *, before_upgrade: Callable[[Database], object] | None = None) -> None:
    """Bring the database to this program's schema; `before_upgrade` (a backup, on SQLite) runs first
    when an existing shop is about to change."""
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return
    if current is None:
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"alembic_version"}:
            raise ShopError(
                QT_TRANSLATE_NOOP("errors", "{target} holds other data and is not a ShopCRM database."),
                target=db.display_name(),
            )
        upgrade(db)
        return
    if current not in known_revisions():
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "This database was made by a newer ShopCRM (schema {revision}); please update the program."
            ),
            revision=current,
        )
    if before_upgrade is not None and db.is_sqlite:
        before_upgrade(db)
    upgrade(db)
