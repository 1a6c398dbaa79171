"""Main window: navigation, shortcuts, status bar, pluggable screens, language switch."""

from __future__ import annotations

from typing import Any

import pytest
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
    w.show()
    qtbot.waitExposed(w)
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
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "members"
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.current_key() == "counter"
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert window.current_key() == "settings"
    assert window.navigation.currentItem().text() == "Settings"


def test_status_bar_shows_database_and_classification(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    from gui_helpers import member, snapshot

    assert str(ctx.db.path) in window.db_label.text()
    # how fresh the classes are is read on a reader thread
    qtbot.waitUntil(lambda: window.classification_label.text() == "Not classified yet", timeout=10_000)
    m = member(ctx.db, "13800138000", "Li Na")
    snapshot(ctx.db, {m.id: {}})
    ctx.operation_finished.emit("classification")
    qtbot.waitUntil(lambda: window.classification_label.text().startswith("Classes as of "), timeout=10_000)


def test_navigate_to_a_member_from_anywhere(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    from gui_helpers import member

    m = member(ctx.db, "13800138000", "Li Na")
    ctx.navigate_requested.emit("members", m.id)
    view = window.view("members")
    assert window.current_key() == "members" and view is not None
    qtbot.waitUntil(lambda: view.detail.member is not None and view.detail.member.id == m.id, timeout=5000)


def test_language_switch_rebuilds_the_window_in_chinese(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    window.show_screen("counter")
    ctx.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.view("counter") is not None and window.view("counter").save_button.text().startswith("保存"),
                    timeout=5000)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "收银台" in titles and "会员" in titles and "设置" in titles
    qtbot.waitUntil(lambda: window.classification_label.text() == "尚未分类", timeout=10_000)
