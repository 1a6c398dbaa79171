"""GUI test fixtures: an AppContext over a fresh SQLite shop, and helpers to fill it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from shopcrm.db.engine import Database
from shopcrm.gui.context import AppContext


@pytest.fixture
def ctx(qapp: Any, sqlite_db: Database) -> Iterator[AppContext]:
    from shopcrm.gui.style import apply_style

    apply_style(qapp)
    context = AppContext(sqlite_db)
    context.set_language("en")
    yield context
    context.wait_idle(10)
    context.shutdown()
    context.set_language("en")
