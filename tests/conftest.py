"""Shared fixtures: a fresh migrated database per test on SQLite, and on PostgreSQL when configured.

`db` runs each test on SQLite and, where SHOPCRM_TEST_POSTGRES_URL is set (CI sets it), again on a
real PostgreSQL server.  `sqlite_db` is SQLite only, for tests of file-level behaviour.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# matplotlib's font cache of this test run, not the user's global one (which may predate a font install).
if "MPLCONFIGDIR" not in os.environ:
    import atexit
    import tempfile

    os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="shopcrm-mpl-")
    atexit.register(shutil.rmtree, os.environ["MPLCONFIGDIR"], True)
os.environ.setdefault("SHOPCRM_LANG", "en")

from shopcrm.db.base import Base  # noqa: E402
from shopcrm.db.engine import Database, make_engine
from shopcrm.db.opening import open_database  # noqa: E402
from shopcrm.i18n import set_language  # noqa: E402

POSTGRES_URL = os.environ.get("SHOPCRM_TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real per-user data folder; start every test in English."""
    monkeypatch.setenv("SHOPCRM_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.delenv("SHOPCRM_DATABASE_URL", raising=False)
    set_language("en")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    db.dispose()
    return path


@pytest.fixture
def sqlite_db(_sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "shop.db"
    shutil.copyfile(_sqlite_template, path)
    db = open_database(path)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def _postgres_ready() -> str:
    """A database of its own for this pytest-xdist worker, migrated to head once."""
    assert POSTGRES_URL
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from shopcrm.db.engine import resolve_url

    base = make_url(resolve_url(POSTGRES_URL))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{base.database}_{worker}"
    admin = make_engine(base.set(database="postgres").render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    db = open_database(url)
    db.dispose()
    return url


def _truncate_all(db: Database) -> None:
    from sqlalchemy import text

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_db")
        return
    if not POSTGRES_URL:
        pytest.skip("SHOPCRM_TEST_POSTGRES_URL not set")
    url = request.getfixturevalue("_postgres_ready")
    database = open_database(url)
    _truncate_all(database)
    yield database
    database.dispose()
