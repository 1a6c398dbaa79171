"""The counter's member card follows what is done to the member elsewhere, at once: an edit in the
Members screen's dialog, an archive or an erasure (the clerk must never sell against a stale card)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui_helpers import member
from input_events import allow_message_boxes, click, click_row, double_click_row, show_active, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from shopcrm.gui import registry
from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.view import CounterView
from shopcrm.gui.main_window import MainWindow
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.gui.members.view import MembersView
from shopcrm.services.members.table import COLUMN_KEYS

pytestmark = pytest.mark.gui


def _window(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in ("counter", "members")])
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show_active(w)
    return w


def _settle(qtbot: Any, window: MainWindow) -> None:
    """The background class keeping started by the edits ends before the window closes (a card
    update that finds the shop never classified starts a full run when it reports back, and since
    classification has its own thread that report can come a moment after the sale's)."""
    for _ in range(3):
        qtbot.waitUntil(lambda: not window.classes_keeper.updating, timeout=30_000)
        window.ctx.wait_idle(30)
        qtbot.wait(100)
    assert not window.classes_keeper.updating


def _counter(qtbot: Any, window: MainWindow, digits: str) -> CounterView:
    qtbot.keyClick(window, Qt.Key.Key_F2)
    counter = window.view("counter")
    assert isinstance(counter, CounterView)
    qtbot.keyClicks(counter.search, digits)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.member is not None, timeout=5000)
    return counter


def _members(qtbot: Any, window: MainWindow) -> MembersView:
    qtbot.keyClick(window, Qt.Key.Key_F3)
    view = window.view("members")
    assert isinstance(view, MembersView), (window.screen_keys(), window.current_key())
    qtbot.waitUntil(lambda: view.isVisible() and view.model.rowCount() > 0 and not view.model.loading, timeout=5000)
    return view


def _row(view: MembersView, member_id: int) -> int:
    return view.model.row_of(member_id)


def test_an_edit_in_the_members_screen_shows_on_the_counter_card(qtbot: Any, ctx: AppContext,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    zhang = member(ctx.db, "13800005678", "Zhang Wei")
    window = _window(qtbot, ctx, monkeypatch)
    counter = _counter(qtbot, window, "5678")
    assert counter.card_name.text() == "Zhang Wei" and not counter.card_birthday.isVisibleTo(counter)
    qtbot.keyClicks(counter.amount, "12")  # a sale under way when the owner corrects the record

    members = _members(qtbot, window)
    double_click_row(members.table, _row(members, zhang.id), COLUMN_KEYS.index("name"))
    qtbot.waitUntil(lambda: members.findChild(MemberDialog) is not None
                    and members.findChild(MemberDialog).isVisible(), timeout=5000)
    dialog = members.findChild(MemberDialog)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " Jr")
    today = dt.date.today()
    dialog.birthday.setFocus()
    qtbot.keyClicks(dialog.birthday, f"{today.month:02d}-{today.day:02d}")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: counter.card_name.text() == "Zhang Wei Jr", timeout=5000)
    assert "Birthday today" in counter.card_birthday.text() and counter.card_birthday.isVisibleTo(counter)

    qtbot.keyClick(window, Qt.Key.Key_F2)  # back at the counter: the sale is as it was
    assert counter.member is not None and counter.member.name == "Zhang Wei Jr"
    assert counter.amount.text() == "12"
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved ¥12.00 for Zhang Wei Jr" in counter.result_label.text(), timeout=5000)
    _settle(qtbot, window)


def test_an_erased_member_leaves_the_counter_card(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    allow_message_boxes(monkeypatch)
    li = member(ctx.db, "13800002222", "Li Na")
    member(ctx.db, "13800003333", "Wang Fang")
    window = _window(qtbot, ctx, monkeypatch)
    counter = _counter(qtbot, window, "2222")
    assert counter.card_name.text() == "Li Na"

    qtbot.keyClicks(counter.amount, "9")
    members = _members(qtbot, window)
    click_row(members.table, _row(members, li.id), COLUMN_KEYS.index("name"))

    def press_erase(box: Any) -> None:
        click(next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole))

    when_dialog(press_erase, kind=QMessageBox)
    click(members.erase_button)
    qtbot.waitUntil(lambda: counter.member is None, timeout=5000)
    assert counter.card_name.text() == "Walk-in sale (no member)"
    assert "no longer" in counter.search_hint.text()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)  # the sale goes on as a walk-in sale, not to the erased member
    qtbot.waitUntil(lambda: "Saved ¥9.00 for walk-in" in counter.result_label.text(), timeout=5000)
    _settle(qtbot, window)



def test_a_member_registered_at_the_counter_gets_a_useful_card(qtbot: Any, ctx: AppContext,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """In a classified shop, a new member's card is brought up to date in the background at once;
    before and after, it tells the clerk something to do rather than "Not classified yet"."""
    from PySide6.QtTest import QTest

    from shopcrm.demo.shop import generate_demo
    from shopcrm.services.classification.run import classify

    generate_demo(ctx.db, members=80, months=3, seed=7, end=dt.datetime.now() - dt.timedelta(hours=3))
    classify(ctx.db)
    window = _window(qtbot, ctx, monkeypatch)
    counter = window.view("counter")
    assert isinstance(counter, CounterView)
    qtbot.waitUntil(lambda: window.classification_label.text().startswith("Classes as of "), timeout=10_000)
    qtbot.keyClicks(counter.search, "139 0000 4321")
    qtbot.keyClick(counter, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.findChild(MemberDialog) is not None and counter.findChild(MemberDialog).isVisible())
    dialog = counter.findChild(MemberDialog)
    qtbot.keyClicks(dialog.name, "Zhou Min")
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.member is not None and counter.member.name == "Zhou Min", timeout=5000)
    welcome = "New member: no purchase yet. Welcome them and tell them how points work."
    assert counter.card_classes.text().endswith(welcome)  # at once (usually before the background update)
    qtbot.waitUntil(lambda: "Segment: Never bought" in counter.card_classes.text(), timeout=30_000)  # then classed
    assert counter.card_classes.text().endswith("\n" + welcome) and "Not classified" not in counter.card_classes.text()
    _settle(qtbot, window)
