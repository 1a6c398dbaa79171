from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.db.engine import Database, open_database
from shopcrm.db.migrate import current_revision, head_revision
from shopcrm.errors import ShopError


def test_new_database_is_at_head_with_pragmas(sqlite_db: Database) -> None:
    assert current_revision(sqlite_db) == head_revision()
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("hello, this is a shopping list")
    with pytest.raises(ShopError, match="not a ShopCRM database"):
        open_database(bogus)
    assert bogus.read_text() == "hello, this is a shopping list"


def test_refuses_a_foreign_sqlite_database(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(ShopError, match="not a ShopCRM database"):
        open_database(other)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ShopError, match="does not exist"):
        open_database(tmp_path / "nope" / "shop.db")


def test_models_match_migrations(sqlite_db: Database) -> None:
    """A model change without a migration would silently diverge: compare them."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from shopcrm.db.base import Base

    with sqlite_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
