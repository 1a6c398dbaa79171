"""First start: language, shop name, then demo shop / empty / import."""

from __future__ import annotations

from typing import Any

import pytest
from input_events import choose, click
from PySide6.QtCore import Qt

from shopcrm.gui import first_start
from shopcrm.gui.context import AppContext
from shopcrm.gui.first_start import FirstStartDialog
from shopcrm.services.reports.stats import shop_stats
from shopcrm.services.shop.settings import load_settings

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot: Any, ctx: AppContext) -> FirstStartDialog:
    d = FirstStartDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    choose(d.language_box, "English")  # the keyboard on the language box, as the owner picks it
    return d


def test_start_empty_stores_name_language_and_done(qtbot: Any, ctx: AppContext, dialog: FirstStartDialog) -> None:
    qtbot.keyClicks(dialog.shop_name, "Sunny Bakery")
    qtbot.keyClick(dialog.shop_name, Qt.Key.Key_Return)  # Enter = Next
    assert dialog.pages.currentIndex() == 1
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(dialog.empty_button)
    stored = load_settings(ctx.db)
    assert stored.shop_name == "Sunny Bakery" and stored.language == "en" and stored.first_start_done
    assert dialog.start_screen() == "counter"


def test_chinese_switches_the_dialog_at_once(qtbot: Any, ctx: AppContext, dialog: FirstStartDialog) -> None:
    assert dialog.windowTitle() == "Welcome to ShopCRM"
    choose(dialog.language_box, "简体中文")
    assert dialog.windowTitle() == "欢迎使用 ShopCRM"
    assert dialog.next_button.text() == "下一步(&N)"
    dialog.shop_name.insert("阳光烘焙坊")  # Chinese arrives through the input method, not as key codes
    click(dialog.next_button)
    assert dialog.demo_button.text() == "打开示例门店(&D)"
    assert dialog.start_title.text() == "您想怎样开始？"  # full-width question mark
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(dialog.empty_button)
    stored = load_settings(ctx.db)
    assert stored.language == "zh_CN" and stored.shop_name == "阳光烘焙坊" and stored.first_start_done


def test_too_long_shop_name_is_shown_beside_the_field(qtbot: Any, dialog: FirstStartDialog) -> None:
    qtbot.keyClicks(dialog.shop_name, "x" * 101)
    click(dialog.next_button)
    assert dialog.pages.currentIndex() == 0
    assert dialog.shop_name_error.isVisible() and "too long" in dialog.shop_name_error.text()


def test_demo_shop_is_created_with_progress(qtbot: Any, ctx: AppContext, dialog: FirstStartDialog,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_start, "DEMO_MEMBERS", 60)
    monkeypatch.setattr(first_start, "DEMO_MONTHS", 3)
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    click(dialog.next_button)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        click(dialog.demo_button)
    stats = shop_stats(ctx.db)
    assert stats["members"] == 60 and stats["purchases"] > 0
    stored = load_settings(ctx.db)
    assert stored.first_start_done and stored.shop_name  # the demo names the shop when the owner did not
    assert seen and max(seen) > 0
    assert dialog.start_screen() is None
    from shopcrm.services.classification.queries import member_classes

    assert member_classes(ctx.db, 1) is not None  # the demo shop opens classified


def test_import_choice_shown_only_with_the_import_screen(qtbot: Any, ctx: AppContext) -> None:
    from shopcrm.gui.registry import screen

    import_screen = screen("import")
    d = FirstStartDialog(ctx)
    qtbot.addWidget(d)
    assert d.import_button.isHidden() != bool(import_screen and import_screen.available())
