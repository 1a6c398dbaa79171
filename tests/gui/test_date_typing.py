"""Typed dates (issue 13.6): a date field takes 20260906, 2026-9-6 and 2026/09/06, and says why it
does not take 20250231 (just below the field), leaving the date it had."""

from __future__ import annotations

from typing import Any

import pytest
from input_events import show_active
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QVBoxLayout, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.dashboard.view import DashboardView
from shopcrm.gui.date_typing import DateTyping

pytestmark = pytest.mark.gui

START = QDate(2026, 3, 1)


@pytest.fixture
def form(qtbot: Any) -> tuple[QWidget, QDateEdit, QLineEdit]:
    window = QWidget()
    field = QDateEdit()
    field.setDisplayFormat("yyyy-MM-dd")
    field.setMaximumDate(QDate(2026, 12, 31))
    DateTyping.install(field)
    field.setDate(START)
    other = QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(other)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(500, 300)
    show_active(window)
    return window, field, other


def type_date(qtbot: Any, field: QDateEdit, typed: str, end: Qt.Key | None = Qt.Key.Key_Return) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, typed)
    if end is not None:
        qtbot.keyClick(field, end)
    qtbot.wait(10)


def message(window: QWidget) -> QLabel | None:
    label = window.findChild(QLabel, "dateTypingMessage")
    return label if label is not None and label.isVisible() else None


@pytest.mark.parametrize("typed", ["20260906", "2026-9-6", "2026/09/06", "2026.9.6"])
def test_a_typed_date_is_taken(qtbot: Any, form: tuple[QWidget, QDateEdit, QLineEdit], typed: str) -> None:
    window, field, _ = form
    type_date(qtbot, field, typed)
    assert field.date() == QDate(2026, 9, 6) and message(window) is None


@pytest.mark.parametrize(("typed", "said"), [
    ("20250231", "\"20250231\" is not a date: month 2 of 2025 has 28 days."),
    ("2024-2-30", "\"2024-2-30\" is not a date: month 2 of 2024 has 29 days."),
    ("20251301", "\"20251301\" is not a date: there is no month 13."),
    ("2026/04/31", "\"2026/04/31\" is not a date: month 4 of 2026 has 30 days."),
    ("20270105", "2027-01-05 is after 2026-12-31, the latest date this field takes."),
])
def test_an_impossible_typed_date_is_refused_with_the_reason(qtbot: Any, form: tuple[QWidget, QDateEdit, QLineEdit],
                                                             typed: str, said: str) -> None:
    window, field, _ = form
    changes: list[QDate] = []
    field.dateChanged.connect(changes.append)
    type_date(qtbot, field, typed)
    label = message(window)
    assert field.date() == START  # the date it had
    assert changes == [] or changes[-1] == START
    assert label is not None and label.text() == said
    below = label.mapTo(window, label.rect().topLeft()).y()
    assert field.mapTo(window, field.rect().bottomLeft()).y() <= below <= field.mapTo(window, field.rect().bottomLeft()).y() + 8
    type_date(qtbot, field, "2026-9-6")  # typing again answers it
    assert field.date() == QDate(2026, 9, 6) and message(window) is None


def test_an_unfinished_date_is_named_when_the_field_is_left(qtbot: Any,
                                                            form: tuple[QWidget, QDateEdit, QLineEdit]) -> None:
    window, field, other = form
    type_date(qtbot, field, "2026-9", end=None)
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(window) is not None, timeout=2_000)
    assert "not a whole date" in message(window).text() and field.date() == START  # type: ignore[union-attr]


def test_the_dashboard_says_why_and_keeps_its_date(qtbot: Any, ctx: AppContext) -> None:
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    shown = view.as_of.date()
    type_date(qtbot, view.as_of, "20250231")
    assert view.as_of.date() == shown
    label = message(view)
    assert label is not None and "month 2 of 2025 has 28 days" in label.text()
    type_date(qtbot, view.as_of, "20250228")
    qtbot.waitUntil(lambda: view.data is not None and view.data.kpis.as_of.isoformat() == "2025-02-28", timeout=10_000)
    assert message(view) is None
