from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.db.engine import Database
from shopcrm.db.migrate import current_revision, head_revision
from shopcrm.db.opening import open_database
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


# The Dashboard's index by day is an expression, which SQLAlchemy cannot reflect: compared by name below.
def test_models_match_migrations(sqlite_db: Database) -> None:
    """A model change without a migration would silently diverge: compare them."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from shopcrm.db.base import Base

    with sqlite_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        day_index = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'ix_purchases_day_member'").scalar()
    assert diff == []
    assert day_index is not None and "substr(purchased_at, 1, 10)" in day_index


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _foreign_variants(template: Path) -> list[tuple[str, str]]:
    """(label, SQL run on a copy of a real ShopCRM database) for every way a file can be almost ShopCRM's:
    each table dropped in turn, a column missing, an extra table, an unknown or missing revision."""
    import sqlite3

    from shopcrm.db.schema_check import read_schema

    conn = sqlite3.connect(template)
    try:
        schema = read_schema(conn)
    finally:
        conn.close()
    variants = [(f"drop {t}", f'DROP TABLE "{t}"') for t in sorted(schema) if t != "alembic_version"]
    variants += [
        ("no revision", "DELETE FROM alembic_version"),
        ("no alembic table", "DROP TABLE alembic_version"),
        ("unknown revision", "UPDATE alembic_version SET version_num = 'zz_future'"),
        ("extra table", "CREATE TABLE recipes (id INTEGER)"),
        ("missing column", "ALTER TABLE members DROP COLUMN notes"),
        ("only alembic", "; ".join(f'DROP TABLE "{t}"' for t in sorted(schema) if t != "alembic_version")),
    ]
    return variants


@pytest.mark.parametrize("journal", ["delete", "truncate"])
def test_a_foreign_or_partial_sqlite_file_is_refused_without_a_byte_changed(
    _sqlite_template: Path, tmp_path: Path, journal: str
) -> None:
    """Item 11: every almost-ShopCRM file is refused read-only; header (journal mode) and folder unchanged."""
    import shutil
    import sqlite3

    for label, sql in _foreign_variants(_sqlite_template):
        folder = tmp_path / f"{journal}-{label.replace(' ', '_')}"
        folder.mkdir()
        path = folder / "foreign.db"
        shutil.copyfile(_sqlite_template, path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA foreign_keys=OFF")
        for statement in sql.split("; "):
            conn.execute(statement)
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.execute("VACUUM")
        conn.close()
        before = _folder_bytes(folder)
        with pytest.raises(ShopError) as raised:
            open_database(path)
        assert "ShopCRM" in raised.value.message(), label
        assert _folder_bytes(folder) == before, label  # not switched to WAL, no -wal/-shm left


def test_cli_with_a_foreign_db_is_one_line_and_leaves_the_file(tmp_path: Path) -> None:
    import sqlite3
    import subprocess
    import sys

    path = tmp_path / "recipes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.commit()
    conn.close()
    before = _folder_bytes(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(path), "stats"], capture_output=True, text=True,
                          env={**__import__("os").environ, "SHOPCRM_LANG": "en"})
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "not a complete ShopCRM database" in proc.stderr
    assert _folder_bytes(tmp_path) == before
