"""GUI test fixtures: an AppContext over a fresh SQLite shop, and helpers to fill it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopcrm.db.engine import Database
from shopcrm.gui.context import AppContext

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives Qt widgets: mark it `gui` here rather than by hand in each file."""
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.gui)


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


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody expected fails the test at once instead of waiting for a click forever.
    Tests that expect one patch QMessageBox themselves (their patch replaces this one)."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args: Any, **kwargs: Any) -> Any:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: refuse(box.text()))
