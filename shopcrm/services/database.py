"""Opening the shop's database for the GUI and the CLI (one place for start-up policy)."""

from __future__ import annotations

import os

from shopcrm.db.engine import Database, open_database


def open_shop_database(target: str | os.PathLike[str] | None = None) -> Database:
    """Open and upgrade the database named by --db, SHOPCRM_DATABASE_URL or the default file."""
    return open_database(target)
