"""Campaigns screen: ready-made list -> live count -> save -> tick contacted -> preview, PDF, export
-> response; the owner password before full phone numbers; the screen in the main window."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from input_events import (
    allow_message_boxes,
    click,
    click_row,
    click_tab,
    file_name,
    press,
    show_active,
    type_and_enter,
    when_dialog,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from shopcrm.gui.campaigns.multichoice import MultiChoice
from shopcrm.gui.campaigns.view import CampaignsView
from shopcrm.gui.context import AppContext
from shopcrm.services.campaigns.lists import get_campaign, list_campaigns, promotion_filter, save_campaign
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import set_owner_password

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from campaign_shop import CampaignShop  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(ctx: AppContext) -> CampaignShop:
    """12 lapsed gold members (8 consenting), 3 active gold, 5 lapsed iron."""
    shop = CampaignShop(ctx.db, when=dt.datetime.now().replace(microsecond=0))
    shop.snapshot(dt.date.today())
    for i in range(12):
        shop.member(f"Lapsed {i:02d}", consent=i < 8,
                    classes={"pyramid": "gold", "lifecycle": "churned" if i % 2 else "at_risk", "segment": "at_risk"})
    for i in range(3):
        shop.member(f"Active {i}", classes={"pyramid": "gold", "lifecycle": "active", "segment": "champions"})
    for i in range(5):
        shop.member(f"Iron {i}", classes={"pyramid": "iron", "lifecycle": "churned", "segment": "lost"})
    return shop


def _open_view(qtbot: Any, ctx: AppContext) -> CampaignsView:
    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    show_active(view)
    qtbot.waitUntil(lambda: view.builder.count is not None, timeout=10000)
    return view


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, shop: CampaignShop) -> CampaignsView:
    return _open_view(qtbot, ctx)


@pytest.fixture
def gold(ctx: AppContext, shop: CampaignShop) -> Any:
    """A saved list of the gold members (11 consenting)."""
    return save_campaign(ctx.db, "Gold", promotion_filter(pyramid=("gold",)))


@pytest.fixture
def gold_view(qtbot: Any, ctx: AppContext, gold: Any) -> CampaignsView:
    """The screen opened after the Gold list was saved, the list clicked in "Saved lists"."""
    view = _open_view(qtbot, ctx)
    click_tab(view.tabs, "Saved lists")
    qtbot.waitUntil(lambda: view.saved.list.rowCount() == 1, timeout=10000)
    click_row(view.saved.list, 0)
    qtbot.waitUntil(lambda: view.saved.current is not None and view.saved.current.id == gold.id, timeout=10000)
    return view


def _count(view: CampaignsView) -> int | None:
    return view.builder.count.members if view.builder.count else None


def _wait_count(qtbot: Any, view: CampaignsView, n: int) -> None:
    qtbot.waitUntil(lambda: _count(view) == n and view.builder.count_label.text() == f"{n} members", timeout=10000)


def _toggle_in_menu(qtbot: Any, choice: MultiChoice, value: object) -> None:
    """Click the filter button, then the entry for `value` in the menu it opens (ticking or unticking it)."""
    menu = choice.menu()
    action = next(a for a in menu.actions() if a.data() == value)

    def click_entry() -> None:
        qtbot.waitUntil(menu.isVisible, timeout=5000)
        click(menu, menu.actionGeometry(action).center())
        if menu.isVisible():
            menu.close()

    QTimer.singleShot(0, click_entry)
    click(choice)


def test_ready_made_list_live_count_and_save(qtbot: Any, ctx: AppContext, view: CampaignsView) -> None:
    _wait_count(qtbot, view, 16)  # every consenting member
    click(view.builder.preset_buttons["lapsed_gold"])
    _wait_count(qtbot, view, 8)
    assert view.builder.choices["pyramid"].values() == ["platinum", "gold"]
    assert "Customer pyramid: Platinum or Gold" in view.builder.words_label.text()
    assert view.builder.model.rowCount() == 8

    click(view.builder.consent)  # the owner's override shows a warning
    _wait_count(qtbot, view, 12)
    assert view.builder.consent_warning.isVisibleTo(view)
    click(view.builder.consent)
    lifecycle = view.builder.choices["lifecycle"]
    _toggle_in_menu(qtbot, lifecycle, "at_risk")  # the button's menu: untick "At risk", leaving "Churned"
    _wait_count(qtbot, view, 4)
    assert lifecycle.values() == ["churned"]
    click(view.builder.preset_buttons["lapsed_gold"])
    _wait_count(qtbot, view, 8)

    when_dialog(type_and_enter("Call this week"), kind=QInputDialog)
    click(view.builder.save_button)
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: view.tabs.currentWidget() is view.saved and view.saved.model.rowCount() == 8,
                    timeout=10000)
    saved = list_campaigns(ctx.db)
    assert [(c.name, c.member_count) for c in saved] == [("Call this week", 8)]
    assert view.saved.title.text() == "Call this week"
    names = {view.saved.model.index(r, 1).data() for r in range(8)}
    assert names == {f"Lapsed {i:02d}" for i in range(8)}
    assert all("****" in view.saved.model.index(r, 2).data() for r in range(8))


def test_contacted_ticks_are_stored(qtbot: Any, ctx: AppContext, gold: Any, gold_view: CampaignsView, shop: CampaignShop) -> None:
    view, campaign = gold_view, gold  # saved before the screen opened, clicked in "Saved lists"
    qtbot.waitUntil(lambda: view.saved.model.rowCount() == 11, timeout=10000)
    model = view.saved.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Contacted"
    index = model.index(0, column)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    table = view.saved.members
    for row in (0, 1):  # select the tick's cell, Space ticks it
        click_row(table, row, column)
        if model.index(row, column).data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked:
            qtbot.keyClick(table, Qt.Key.Key_Space)
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: get_campaign(ctx.db, campaign.id).contacted == 2, timeout=10000)
    qtbot.waitUntil(lambda: view.saved.list.item(0, 3).text() == "2", timeout=10000)
    assert model.index(0, column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    click_row(table, 0, column)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # and Space again takes it off
    ctx.wait_idle(10)
    qtbot.waitUntil(lambda: get_campaign(ctx.db, campaign.id).contacted == 1, timeout=10000)


def test_preview_shows_every_page(qtbot: Any, ctx: AppContext, gold_view: CampaignsView) -> None:
    from shopcrm.gui.printing.output import pdf_page_count

    view = gold_view  # saved before the screen opened, clicked in "Saved lists"
    pages: list[int] = []

    def count_pages_and_close(dialog: QWidget) -> None:  # what the preview shows, then Esc closes it
        pages.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog(count_pages_and_close, kind=QPrintPreviewDialog)
    before = len(audit.list_events(ctx.db, action=audit.PRINT))
    click(view.saved.preview_button)
    qtbot.waitUntil(lambda: bool(pages), timeout=20000)
    prepared = view.saved.source().prepare(ctx.db, True, None)
    assert pages == [pdf_page_count(prepared)] == [1]
    qtbot.waitUntil(lambda: not view.outputs.last_preview.isVisible(), timeout=5000)
    assert len(audit.list_events(ctx.db, action=audit.PRINT)) == before  # closed, not printed


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_and_export_from_the_screen(qtbot: Any, ctx: AppContext, gold_view: CampaignsView, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    view = gold_view  # saved before the screen opened, clicked in "Saved lists"
    target = tmp_path / "gold.pdf"
    when_dialog(file_name(target), kind=QFileDialog)  # the path typed into the real save dialog
    click(view.saved.pdf_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: "saved to" in view.saved.message.text(), timeout=10000)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Lapsed 07" in text and "Lapsed 08" not in text and "139****0001" in text and "13900000001" not in text

    # Full phone numbers: the owner password is asked, and a wrong one writes nothing.
    set_owner_password(ctx.db, "owner-pw")
    click(view.saved.unmasked)
    allow_message_boxes(monkeypatch)
    errors: list[str] = []
    full = tmp_path / "full.xlsx"
    when_dialog(type_and_enter("wrong"), kind=QInputDialog)  # the owner password, typed wrong
    when_dialog(file_name(full), kind=QFileDialog)
    when_dialog(press(QMessageBox.StandardButton.Ok), kind=QMessageBox, seen=errors)  # the error, read and closed
    click(view.saved.export_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert not full.exists() and "owner password is wrong" in errors[0]
    when_dialog(type_and_enter("owner-pw"), kind=QInputDialog)
    when_dialog(file_name(full), kind=QFileDialog)
    click(view.saved.export_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(full.exists, timeout=10000)
    phones = [row[2] for row in load_workbook(full).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "13900000001" in phones
    events = [e for e in audit.list_events(ctx.db) if e.action in (audit.EXPORT, audit.PRINT)]
    assert [(e.action, e.detail["masked"]) for e in events] == [(audit.EXPORT, False), (audit.PRINT, True)]
    qtbot.waitUntil(lambda: view.saved.list.item(0, 5).text() != "", timeout=10000)  # exported stamp


def test_response_tab(qtbot: Any, ctx: AppContext, shop: CampaignShop) -> None:
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=40)
    campaign = save_campaign(ctx.db, "October", promotion_filter(pyramid=("gold",)), when=when)
    shop.buy(1, when + dt.timedelta(days=2), 2500)
    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 860)
    show_active(view)
    click_tab(view.tabs, "Saved lists")
    qtbot.waitUntil(lambda: view.saved.list.rowCount() == 1, timeout=10000)
    click_row(view.saved.list, 0)
    click_tab(view.saved.detail_tabs, "Did they come back?")
    panel = view.saved.response
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.campaign_id == campaign.id, timeout=10000)
    assert panel.table.item(0, 0).text() == "11" and panel.table.item(0, 1).text() == "1"
    assert "Nobody on this list is marked as contacted" in panel.summary.text()  # so no effect is claimed
    click(panel.days)  # the days typed over
    QTest.keyClick(panel.days, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.days, "1")
    QTest.keyClick(panel.days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.report is not None and panel.report.days == 1, timeout=10000)
    assert panel.table.item(0, 1).text() == "0"
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=20000)


def test_screen_opens_from_the_main_window_and_takes_a_filter(qtbot: Any, ctx: AppContext, shop: CampaignShop) -> None:
    from shopcrm.gui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    assert "campaigns" in window.screen_keys()
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F6)  # the screen's key
    qtbot.waitUntil(lambda: window.current_key() == "campaigns", timeout=5000)
    view = window.view("campaigns")
    assert isinstance(view, CampaignsView)
    qtbot.waitUntil(lambda: _count(view) == 16, timeout=10000)
    _toggle_in_menu(qtbot, view.builder.choices["pyramid"], "iron")  # the filter ticked in its menu
    qtbot.waitUntil(lambda: _count(view) == 5, timeout=10000)
    assert view.builder.choices["pyramid"].values() == ["iron"]


def _print_to_pdf_file(path: Path) -> Any:
    """A print dialog's answer (Qt's own dialog, as on Linux): pick "Print to File (PDF)" in the printer
    list from the keyboard, type the file's path and click Print.  (No real printer can be attached to
    the test machine; the PDF printer is one the dialog itself offers.)"""
    from input_events import button, choose
    from PySide6.QtWidgets import QComboBox, QLineEdit

    def answer(dialog: QWidget) -> None:
        printers = dialog.findChild(QComboBox, "printers")
        assert printers is not None, f"no printer list in {dialog!r}"
        choose(printers, next(printers.itemText(i) for i in range(printers.count())
                              if "PDF" in printers.itemText(i)))
        field = dialog.findChild(QLineEdit, "filename")
        assert field is not None and field.isVisible(), "no file name field for the PDF printer"
        click(field)
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(field, str(path))
        click(button(dialog, "Print"))

    return answer


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
def test_print_dialog_then_worker_thread_printing(qtbot: Any, ctx: AppContext, gold: Any, gold_view: CampaignsView, tmp_path: Path) -> None:
    """The system dialog picks the printer; the pages are painted on the worker (here into the dialog's
    own "Print to File (PDF)" printer, as a real one cannot be attached to the test machine)."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QToolButton

    target = tmp_path / "printer.pdf"
    when_dialog(_print_to_pdf_file(target), kind=QPrintDialog)
    view, campaign = gold_view, gold  # saved before the screen opened, clicked in "Saved lists"
    click(view.saved.print_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: get_campaign(ctx.db, campaign.id).printed_at is not None, timeout=10000)
    out = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in out

    # Printing from the preview dialog is recorded too: its Print button, then the print dialog again.
    again = tmp_path / "from-preview.pdf"

    def print_from_preview(dialog: QWidget) -> None:
        print_button = next(b for b in dialog.findChildren(QToolButton)
                            if b.isVisible() and b.defaultAction() is not None
                            and b.defaultAction().text().replace("&", "") == "Print")
        when_dialog(_print_to_pdf_file(again), kind=QPrintDialog)
        click(print_button)

    when_dialog(print_from_preview, kind=QPrintPreviewDialog)
    before = len(audit.list_events(ctx.db, action=audit.PRINT))
    click(view.saved.preview_button)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: len(audit.list_events(ctx.db, action=audit.PRINT)) == before + 1, timeout=20000)
    assert audit.list_events(ctx.db, action=audit.PRINT)[0].detail["target"] == "printer"
    qtbot.waitUntil(again.exists, timeout=10000)
