"""The Messages tab of a saved campaign, driven by keys and clicks: pick a ready-made template,
write a text with a field, see one member's text and its SMS length, export the CSV, copy a text."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from input_events import click_tab, file_name, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from shopcrm.gui.campaigns.view import CampaignsView
from shopcrm.gui.context import AppContext
from shopcrm.services.campaigns.lists import get_campaign, promotion_filter, save_campaign
from shopcrm.services.shop import audit
from shopcrm.services.shop.settings import update_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from campaign_shop import CampaignShop  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> CampaignsView:
    update_settings(ctx.db, shop_name="Sunny Bakery")
    ctx.reload_settings()
    shop = CampaignShop(ctx.db, when=dt.datetime.now().replace(microsecond=0))
    shop.snapshot(dt.date.today())
    for i, name in enumerate(("Ann", "Bob", "Cy")):
        shop.member(name, consent=i < 2, points_balance=10 * (i + 1),
                    classes={"lifecycle": "at_risk", "segment": "at_risk"})
    save_campaign(ctx.db, "Win back", promotion_filter(lifecycle=("at_risk",)))
    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    click_tab(view.tabs, view.tabs.tabText(view.tabs.indexOf(view.saved)).replace("&", ""))
    qtbot.waitUntil(lambda: view.saved.current is not None, timeout=10000)
    tabs = view.saved.detail_tabs
    index = tabs.indexOf(view.messages)
    QTest.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center())
    assert tabs.currentWidget() is view.messages
    qtbot.waitUntil(lambda: view.messages.member.count() == 2, timeout=10000)  # Cy did not agree
    return view


def test_write_a_text_preview_it_export_and_copy(qtbot: Any, ctx: AppContext, view: CampaignsView, tmp_path: Path) -> None:
    panel = view.messages
    # the ready-made "We miss you" template, chosen with the keyboard
    panel.template.setFocus()
    while panel.template.currentData() != "win_back":
        QTest.keyClick(panel.template, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.text.startswith("Hello Ann, we have missed you"),
                    timeout=10000)
    assert "Sunny Bakery" in panel.preview_label.text() and "10 points" in panel.preview_label.text()

    # the owner's own text, typed, with a field inserted from the field picker
    QTest.mouseClick(panel.body.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(panel.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.body, Qt.Key.Key_Delete)
    QTest.keyClicks(panel.body, "Dear ")
    # the field picker: "Points {points}" then "Name {name}" chosen with the keyboard; each inserts
    QTest.mouseClick(panel.field, Qt.MouseButton.LeftButton)  # focus, and the popup opens
    popup = panel.field.view()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    panel.field.setFocus()
    QTest.keyClick(panel.field, Qt.Key.Key_Down)  # -> points
    QTest.keyClick(panel.field, Qt.Key.Key_Up)  # -> name
    assert panel.body.toPlainText() == "Dear {points}{name}"
    for _ in range(len("{name}")):
        QTest.keyClick(panel.body, Qt.Key.Key_Left)
    for _ in range(len("{points}")):
        QTest.keyClick(panel.body, Qt.Key.Key_Backspace)
    QTest.keyClick(panel.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.body, ", fresh bread awaits at ")
    QTest.keyClick(panel.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.body, "{shop}!")
    qtbot.waitUntil(lambda: panel.preview is not None
                    and panel.preview.text == "Dear Ann, fresh bread awaits at Sunny Bakery!", timeout=10000)
    assert panel.length_label.text().startswith("1 SMS · 45 characters (GSM-7: 160 per SMS)")

    # the other member, chosen in the member picker
    panel.member.setFocus()
    QTest.keyClick(panel.member, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.preview is not None and panel.preview.text.startswith("Dear Bob,"), timeout=10000)

    # export: the path typed into the real save dialog, the CSV holds both consenting members
    target = tmp_path / "texts.csv"
    when_dialog(file_name(target), kind=QFileDialog)
    QTest.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: "2 texts (2 SMS) saved to" in panel.status.text(), timeout=10000)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["phone", "text"], ["139****0001", "Dear Ann, fresh bread awaits at Sunny Bakery!"],
                    ["139****0002", "Dear Bob, fresh bread awaits at Sunny Bakery!"]]
    campaign_id = view.saved.current.id if view.saved.current else 0
    assert get_campaign(ctx.db, campaign_id).contacted == 2

    # copy one text for WeChat
    QTest.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "Dear Bob, fresh bread awaits at Sunny Bakery!",
                    timeout=10000)
    events = audit.list_events(ctx.db, action=audit.MESSAGES)
    assert [e.detail["shape"] for e in events] == ["copy", "text"]


def test_a_typo_in_a_field_is_shown_instead_of_the_preview(qtbot: Any, view: CampaignsView) -> None:
    panel = view.messages
    QTest.mouseClick(panel.body.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(panel.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.body, "Hi {nmae}")
    qtbot.waitUntil(lambda: "{nmae} is not a message field" in panel.preview_label.text(), timeout=10000)
    assert panel.preview is None
