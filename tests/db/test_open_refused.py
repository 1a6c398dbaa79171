"""A database the program refuses to open leaves no connection behind (the psycopg warning
"connection ... was deleted while still open" came from the engine of a refused database)."""

from __future__ import annotations

import gc
import warnings

import pytest
from sqlalchemy import text

from shopcrm.db.engine import Database
from shopcrm.db.opening import open_database
from shopcrm.errors import ShopError


def test_a_database_made_by_a_newer_shopcrm_is_refused_without_leaking_its_connection(db: Database) -> None:
    with db.engine.begin() as conn:
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.engine.dispose()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(ShopError, match="newer"):
                open_database(db.url)
            gc.collect()
        assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
