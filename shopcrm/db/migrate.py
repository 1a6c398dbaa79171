"""Alembic, driven from code: the app upgrades an older database on open after a backup."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=(.*)$", re.M)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def alembic_config(db: Database | None = None) -> Config:
    from alembic.config import Config  # here, not at module level: Alembic stays unloaded at start-up

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if db is not None:
        cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory  # here, not at module level: makes start-up fast

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this program knows: read from the files when they parse into one chain
    (start-up checks each file it opens), else by Alembic."""
    revisions, _parents = _scan()
    if scanned_head() is not None:
        return revisions
    return alembic_revisions()


def alembic_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # here, not at module level: makes start-up fast

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext  # here, not at module level: makes start-up fast

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command  # here, not at module level: makes start-up fast

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _scan() -> tuple[set[str], set[str]]:
    """Revision ids of the revision files, and the ids they name as their parents."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        if down is not None:
            parents.update(_QUOTED.findall(down.group(1)))
    return revisions, parents


def scanned_head() -> str | None:
    """The head revision read straight from the revision files (None unless exactly one, with every
    parent among them): importing Alembic takes a tenth of a second, which a shop whose schema is
    current should not wait for."""
    revisions, parents = _scan()
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 and parents <= revisions else None


def stored_revision(db: Database) -> str | None:
    """The database's revision without Alembic (None: no version table, or not one row)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return str(rows[0]) if len(rows) == 1 else None


def upgrade_on_open(db: Database, *, before_upgrade: Callable[[Database], object] | None = None) -> None:
    """Bring the database to this program's schema; `before_upgrade` (a backup, on SQLite) runs first
    when an existing shop is about to change."""
    stored = stored_revision(db)
    if stored is not None and stored == scanned_head():
        return  # current: the common case, decided without loading Alembic
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
