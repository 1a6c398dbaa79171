"""Main window: navigation, shortcuts, status bar, pluggable screens, language switch."""

from __future__ import annotations

from typing import Any

import pytest
from input_events import choose, click, click_row, open_screen, show_active
from PySide6.QtCore import Qt

from shopcrm.gui import registry
from shopcrm.gui.context import AppContext
from shopcrm.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


MY_SCREENS = ("counter", "members", "settings")


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # Only this suite's screens: the charts screens are tested by their own suite.
    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in MY_SCREENS])
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    show_active(w)
    return w


def test_missing_screens_are_hidden_not_placeholders(qtbot: Any, ctx: AppContext,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    screens = [*registry.SCREENS, registry.Screen("ghost", "Ghost", "shopcrm.gui.no_such_screen.view", (), "x.svg")]
    monkeypatch.setattr(registry, "SCREENS", screens)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    keys = w.screen_keys()
    assert "ghost" not in keys
    assert {"counter", "members", "settings"} <= set(keys)
    assert w.navigation.count() == len(keys)


def test_shortcuts_switch_screens(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "members"
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_key() == "counter"
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.current_key() == "settings"
    assert window.navigation.currentItem().text() == "Settings"


def test_the_list_on_the_left_opens_each_screen(qtbot: Any, window: MainWindow) -> None:
    for key in ("members", "settings", "counter"):
        view = open_screen(window, key)
        assert window.stack.currentWidget() is view and view.isVisible()


def test_status_bar_shows_database_and_classification(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    from gui_helpers import member, snapshot

    assert str(ctx.db.path) in window.db_label.text()
    # how fresh the classes are is read on a reader thread
    qtbot.waitUntil(lambda: window.classification_label.text() == "Not classified yet", timeout=10_000)
    m = member(ctx.db, "13800138000", "Li Na")
    # A classification written on the writer thread, as every run is: the window hears it finish from there.
    ctx.run(lambda _c: snapshot(ctx.db, {m.id: {}}), label="classify", kind="classification")
    assert ctx.wait_idle(20)
    qtbot.waitUntil(lambda: window.classification_label.text().startswith("Classes as of "), timeout=10_000)


def test_a_member_found_on_the_members_screen_is_rung_up_at_the_counter(qtbot: Any, window: MainWindow,
                                                                      ctx: AppContext) -> None:
    from gui_helpers import member

    member(ctx.db, "13900001111", "Wang Fang")
    m = member(ctx.db, "13800138000", "Li Na")
    members = open_screen(window, "members")
    qtbot.keyClicks(members.search, "8000")
    qtbot.keyClick(members.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not members.model.loading and members.model.rowCount() == 1, timeout=5000)
    click_row(members.table, 0, 1)
    qtbot.waitUntil(lambda: members.counter_button.isEnabled(), timeout=5000)
    click(members.counter_button)
    counter = window.view("counter")
    assert window.current_key() == "counter" and counter is not None
    qtbot.waitUntil(lambda: counter.member is not None and counter.member.id == m.id, timeout=5000)
    assert counter.card_name.text() == "Li Na"


def test_language_switch_rebuilds_the_window_in_chinese(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    settings = open_screen(window, "settings")
    choose(settings.language_box, "简体中文")
    click(settings.save_button)
    qtbot.waitUntil(lambda: ctx.language.language == "zh_CN", timeout=5000)
    open_screen(window, "counter")
    qtbot.waitUntil(lambda: window.view("counter") is not None and window.view("counter").save_button.text().startswith("保存"),
                    timeout=5000)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "收银台" in titles and "会员" in titles and "设置" in titles
    qtbot.waitUntil(lambda: window.classification_label.text() == "尚未分类", timeout=10_000)
