"""Is an SQLite file a whole ShopCRM database?  Checked read-only, before anything writes to it.

A file that merely carries an `alembic_version` row is not enough: opening it would switch it to
WAL mode, and restoring it would replace the shop's data with tables the program cannot use.  The
expected tables and columns of a revision are built once per process by running the migrations into
an in-memory database (about 70 ms).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from shopcrm.db import migrate
from shopcrm.db.engine import Database
from shopcrm.db.migrate import known_revisions, upgrade
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.i18n import translate
from shopcrm.paths import data_dir

# (column name, declared type, not null, primary key position)
ColumnShape = tuple[str, str, int, int]
Schema = dict[str, tuple[ColumnShape, ...]]


def read_schema(conn: sqlite3.Connection) -> Schema:
    """Tables and their columns as SQLite reports them (SQLite's own tables left out)."""
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    ]
    schema: Schema = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        schema[name] = tuple(
            (str(r[1]), str(r[2]).upper(), int(r[3]), int(r[5])) for r in conn.execute(f"PRAGMA table_info({quoted})")
        )
    return schema


def expected_schema(revision: str) -> Schema:
    """The tables and columns a database at `revision` has, built in memory from the migrations
    (remembered on disk per revision and migration files: building it loads Alembic and takes
    0.2 s of every start-up otherwise)."""
    cache = _cache_file(migrate.MIGRATIONS_DIR, revision)
    if cache is not None:
        try:
            stored = json.loads(cache.read_text(encoding="utf-8"))
            return {table: tuple((str(c[0]), str(c[1]), int(c[2]), int(c[3])) for c in columns)
                    for table, columns in stored.items()}
        except (OSError, ValueError, TypeError, IndexError, AttributeError):
            pass  # missing or damaged: built again below
    schema = _schema_from_migrations(str(migrate.MIGRATIONS_DIR), revision)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(schema), encoding="utf-8")
            os.replace(partial, cache)
        except OSError:
            pass  # a read-only data folder only costs the time
    return schema


def _cache_file(migrations: Path, revision: str) -> Path | None:
    """Where the schema of `revision` is remembered: named by a hash of every migration file, so an
    edited or added migration never meets an old answer."""
    digest = hashlib.sha256(revision.encode())
    try:
        for path in sorted((migrations / "versions").glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return data_dir() / "cache" / f"schema-{digest.hexdigest()[:24]}.json"
    except OSError:
        return None


@lru_cache(maxsize=8)
def _schema_from_migrations(_migrations_dir: str, revision: str) -> Schema:


    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        upgrade(Database(url="sqlite://", engine=engine), revision)
        raw = engine.raw_connection()
        try:
            return read_schema(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    finally:
        engine.dispose()


def schema_difference(actual: Schema, expected: Schema) -> str | None:
    """The first difference, in the user's language (a missing table or column), or None."""
    for table in sorted(expected):
        if table not in actual:
            return translate("errors", "table {table} is missing").format(table=table)
        have = {c[0]: c for c in actual[table]}
        for column in expected[table]:
            found = have.get(column[0])
            if found is None:
                return translate("errors", "column {column} is missing").format(column=f"{table}.{column[0]}")
            if found != column:
                return translate("errors", "column {column} is not as ShopCRM made it").format(column=f"{table}.{column[0]}")
    extra = sorted(set(actual) - set(expected))
    if extra:
        return translate("errors", "it has a table ShopCRM does not make: {table}").format(table=extra[0])
    return None


def revision_of(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def check_shopcrm_schema(conn: sqlite3.Connection, path: Path, *, allow_empty: bool) -> str | None:
    """Raise ShopError unless `conn` holds a whole ShopCRM database of a known revision.

    Returns the revision, or None for an empty database when `allow_empty` (a new shop)."""

    try:
        actual = read_schema(conn)
        revision = revision_of(conn)
    except sqlite3.DatabaseError as exc:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM database ({reason})."), path=str(path), reason=str(exc)
        ) from exc
    if not actual and allow_empty:
        return None
    if revision is None:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "{path} is not a ShopCRM database (it holds other data)."), path=str(path)
        )
    if revision not in known_revisions():
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors", "{path} was made by a newer ShopCRM (schema {revision}); please update the program first."
            ),
            path=str(path),
            revision=revision,
        )
    problem = schema_difference(actual, expected_schema(revision))
    if problem is not None:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "{path} is not a complete ShopCRM database ({problem})."),
            path=str(path),
            problem=problem,
        )
    return revision


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open a file without writing a byte to it: immutable when no write-ahead log is beside it
    (nothing created next to it either), else read-only through its log."""
    if Path(str(path) + "-wal").exists():
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
