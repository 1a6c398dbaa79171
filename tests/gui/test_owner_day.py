"""The owner's evening, by keyboard and mouse: campaigns from a ready-made list to 'did they come
back', settings and the language across a restart.  Every step is a click or a key press on the
widget a person would use; modal dialogs are answered the same way (see input_events)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member
from input_events import choose, click, click_row, file_name, show_active, type_and_enter, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QWidget

from shopcrm.gui.campaigns.view import CampaignsView
from shopcrm.gui.context import AppContext
from shopcrm.gui.main_window import MainWindow
from shopcrm.services.campaigns.lists import get_campaign, list_campaigns
from shopcrm.services.shop import audit
from shopcrm.services.shop.settings import load_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from campaign_shop import CampaignShop  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(ctx: AppContext) -> CampaignShop:
    """12 lapsed gold members (8 consenting), 3 active gold, 5 lapsed iron; classified 40 days ago."""
    shop = CampaignShop(ctx.db, when=dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=40))
    shop.snapshot(dt.date.today() - dt.timedelta(days=40))
    for i in range(12):
        shop.member(f"Lapsed {i:02d}", consent=i < 8,
                    classes={"pyramid": "gold", "lifecycle": "churned" if i % 2 else "at_risk", "segment": "at_risk"})
    for i in range(3):
        shop.member(f"Active {i}", classes={"pyramid": "gold", "lifecycle": "active", "segment": "champions"})
    for i in range(5):
        shop.member(f"Iron {i}", classes={"pyramid": "iron", "lifecycle": "churned", "segment": "lost"})
    return shop


def _tab(tabs: Any, text: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == text)
    click(bar, bar.tabRect(index).center())


def test_campaign_from_ready_made_list_to_did_they_come_back(qtbot: Any, ctx: AppContext, shop: CampaignShop,
                                                              tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from shopcrm.gui.counter.view import CounterView
    from shopcrm.services.members.records import get_member

    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 700)
    show_active(view)
    builder = view.builder
    qtbot.waitUntil(lambda: builder.count is not None, timeout=10000)

    # Build: a ready-made list, its live count.
    click(builder.preset_buttons["lapsed_gold"])
    qtbot.waitUntil(lambda: builder.count is not None and builder.count.members == 8
                    and builder.count_label.text() == "8 members", timeout=10000)

    # Save: the button asks for a name (it used to say "Give the list a name." and save nothing).
    asked: list[str] = []
    when_dialog(type_and_enter("Call this week"), kind=QInputDialog, seen=asked)
    click(builder.save_button)
    assert asked == ["Save as campaign"]
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: view.tabs.currentWidget() is view.saved and view.saved.model.rowCount() == 8,
                    timeout=10000)
    [campaign] = list_campaigns(ctx.db)
    assert (campaign.name, campaign.member_count) == ("Call this week", 8)
    saved = view.saved
    assert saved.title.text() == "Call this week"

    # Print preview: every page there, the dialog fits the screen; Esc closes it.
    pages: list[int] = []
    fits: list[bool] = []

    def look_at_preview(dialog: QWidget) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)  # laid out when the dialog was shown
        pages.append(preview.pageCount())
        fits.append(dialog.screen().availableGeometry().contains(dialog.frameGeometry()))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog(look_at_preview, kind=QPrintPreviewDialog, timeout=20)
    click(saved.preview_button)
    qtbot.waitUntil(lambda: bool(pages), timeout=20000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    assert pages == [1] and fits == [True]

    # PDF, then Excel: the path typed into the real save dialog.
    pdf = tmp_path / "call.pdf"
    when_dialog(file_name(pdf), kind=QFileDialog)
    click(saved.pdf_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: "saved to" in saved.message.text(), timeout=20000)
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Lapsed 07" in text and "Lapsed 08" not in text and "****" in text
    xlsx = tmp_path / "call.xlsx"
    when_dialog(file_name(xlsx), kind=QFileDialog)
    click(saved.export_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: "exported to" in saved.message.text(), timeout=20000)
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len([r for r in rows if r and r[1] and str(r[1]).startswith("Lapsed")]) == 8
    assert {e.action for e in audit.list_events(ctx.db)} >= {audit.PRINT, audit.EXPORT}

    # Mark two members contacted: click their tick, Space on the next.
    table = saved.members
    contacted = saved.model.columnCount() - 1
    click_row(table, 0, contacted)
    if saved.model.index(0, contacted).data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked:
        qtbot.keyClick(table, Qt.Key.Key_Space)
    click_row(table, 1, contacted)
    if saved.model.index(1, contacted).data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked:
        qtbot.keyClick(table, Qt.Key.Key_Space)
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: get_campaign(ctx.db, campaign.id).contacted == 2, timeout=10000)
    qtbot.waitUntil(lambda: saved.list.item(0, 3).text() == "2", timeout=10000)

    # Did they come back: one listed member buys at the counter after the list was saved.
    listed = saved.model.member_id(0)
    assert listed is not None
    _tab(saved.detail_tabs, "Did they come back?")
    panel = saved.response
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.listed.buyers == 0, timeout=10000)
    qtbot.wait(1100)  # the sale comes after the list was saved (times are kept to the second)
    counter = CounterView(ctx)  # the counter window, rung up by keys; the campaigns screen hears the sale
    qtbot.addWidget(counter)
    show_active(counter)
    counter.initial_focus()
    qtbot.keyClicks(counter.search, get_member(ctx.db, listed).phone[-11:])
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert counter.member is not None and counter.member.id == listed
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)  # no products: on to the amount
    qtbot.keyClicks(counter.amount, "25")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    counter.close()
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.listed.buyers == 1, timeout=10000)
    assert panel.isVisible() and panel.table.item(0, 1).text() == "1"
    assert panel.summary.text()


def _nav(window: MainWindow, key: str) -> None:
    click_row(window.navigation, window.screen_keys().index(key))


def test_language_from_settings_survives_a_restart_and_settings_save_again(qtbot: Any, ctx: AppContext) -> None:
    """A shop made by `shopcrm demo` (members, no first start): the language chosen in Settings is kept,
    and saving settings after the switch raises no error about a deleted widget."""
    from shopcrm.gui.launch import apply_stored_language, needs_first_start

    member(ctx.db, "13800005678", "Zhang Wei")
    assert not needs_first_start(ctx) and not ctx.settings.first_start_done
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1024, 740)
    show_active(window)
    _nav(window, "campaigns")  # a screen that listens to settings changes
    qtbot.waitUntil(lambda: window.current_key() == "campaigns", timeout=5000)
    _nav(window, "settings")
    settings = window.view("settings")
    choose(settings.language_box, "简体中文")
    click(settings.save_button)
    qtbot.waitUntil(lambda: ctx.language.language == "zh_CN", timeout=10000)
    qtbot.waitUntil(lambda: window.view("settings") is not None and window.view("settings") is not settings,
                    timeout=10000)
    rebuilt = window.view("settings")
    assert rebuilt.save_button.text() == "保存设置(&S)"
    click(rebuilt.save_button)  # used to show a libshiboken "already deleted" error dialog
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: rebuilt.saved_label.text() != "", timeout=10000)
    stored = load_settings(ctx.db)
    assert stored.language == "zh_CN" and stored.first_start_done

    # Restart: a new process starts in English (the system language), then the shop's choice applies.
    window.close()
    ctx.set_language("en")
    again = AppContext(ctx.db)
    try:
        apply_stored_language(again)
        assert again.language.language == "zh_CN"
        reopened = MainWindow(again)
        qtbot.addWidget(reopened)
        assert reopened.navigation.item(0).text() != "Dashboard"
    finally:
        again.wait_idle(10)
        again.shutdown()
