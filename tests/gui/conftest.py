"""GUI test fixtures: an AppContext over a fresh SQLite shop; every window closed when its test ends;
the window under test active before its keys are sent; an X display of its own per test process
(SHOPCRM_TEST_XVFB=1)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopcrm.db.engine import Database
from shopcrm.gui.context import AppContext

_HERE = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    """SHOPCRM_TEST_XVFB=1: this process runs its tests on an X display of its own (own_display.py).
    Only processes that run tests start one: each xdist worker, not the controller that hands out work."""
    if os.environ.get("SHOPCRM_TEST_XVFB") != "1":
        return
    controller = getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput")
    if not controller:
        from own_display import use_own_display

        use_own_display()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """The window the test's fixtures opened has the keyboard when the test begins, as a window a
    person just opened has it once the window manager activates it.  The offscreen platform activates
    at once; on a real display it takes a moment, and keys sent before then go nowhere."""
    if "qapp" not in getattr(item, "fixturenames", ()):
        return
    from input_events import show_active
    from PySide6.QtWidgets import QApplication

    if QApplication.activeWindow() is not None:
        return
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    opened = QApplication.activeModalWidget() or (shown[0] if len(shown) == 1 else None)
    if opened is not None:
        show_active(opened)


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
def _no_window_outlives_its_test(qapp: Any, _no_unexpected_dialogs: None) -> Iterator[None]:
    """Every window a test opened is closed and deleted when it ends, before the next test starts.

    pytest-qt closes the widgets given to `qtbot.addWidget` but only schedules their deletion, and knows
    nothing of the dialogs and windows they opened.  Left over, a modal dialog blocks the next test's
    window, and on a real display an old window keeps (or takes back) the keyboard from the new one.
    (Closed while message boxes still fail the test: a question on closing must not wait for a click.)"""
    from input_events import stop_looking_for_dialogs
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    yield
    stop_looking_for_dialogs()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
            widget.deleteLater()
    QCoreApplication.processEvents()  # what the closing set off runs while its windows still exist
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


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


@pytest.fixture(scope="module")
def charts_loaded() -> None:
    """matplotlib loaded and warmed up once per module of chart tests."""
    from shopcrm.gui.charts.loader import chart_library

    chart_library().load_now()


@pytest.fixture
def no_missing_glyphs(charts_loaded: None) -> Iterator[None]:
    """The test fails if a chart drew a character its font lacks (a box instead of 会员)."""
    from shopcrm.gui.charts.glyphs import record_missing_glyphs

    with record_missing_glyphs() as missing:
        yield
    assert not missing, missing
