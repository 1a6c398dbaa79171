"""The 'festival buyers' ready-made list on the New list tab, by keys and clicks: the festival and
category chosen, the count follows, the condition is described and can be removed."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from shopcrm.db.models import Category, Product, Purchase, PurchaseLine
from shopcrm.gui.campaigns.view import CampaignsView
from shopcrm.gui.context import AppContext
from shopcrm.services.reports.seasons import last_festival_before

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from campaign_shop import CampaignShop  # noqa: E402

pytestmark = pytest.mark.gui


def test_last_festivals_buyers_from_the_ready_made_list(qtbot: Any, ctx: AppContext) -> None:
    today = dt.date.today()
    shop = CampaignShop(ctx.db, when=dt.datetime.now().replace(microsecond=0))
    buyers = [shop.member(f"Buyer {i}") for i in range(3)]
    with ctx.db.transaction() as s:
        gifts, bread = Category(name="Gift box"), Category(name="Bread")
        s.add_all([gifts, bread])
        s.flush()
        box, toast = Product(name="Mooncake box", category_id=gifts.id), Product(name="Toast", category_id=bread.id)
        s.add_all([box, toast])
        s.flush()
        festival = last_festival_before("dragon_boat", today)
        assert festival is not None
        for member, product in zip(buyers, (box.id, box.id, toast.id), strict=True):
            at = dt.datetime.combine(festival - dt.timedelta(days=5), dt.time(11))
            p = Purchase(member_id=member, purchased_at=at, total_cents=8800, channel="store", origin="counter")
            s.add(p)
            s.flush()
            s.add(PurchaseLine(purchase_id=p.id, product_id=product, quantity=Decimal(1), unit_price_cents=8800,
                               amount_cents=8800))
    for i in range(4):
        shop.member(f"Other {i}")
    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitUntil(lambda: view.builder.count is not None and view.builder.count.members == 7, timeout=10000)
    preset = view.builder.festival_preset
    assert not preset.active.isVisible()
    preset.festival.setFocus()
    while preset.festival.currentData() != "dragon_boat":
        QTest.keyClick(preset.festival, Qt.Key.Key_Up)
    preset.category.setFocus()
    preset.category.lineEdit().selectAll()
    QTest.keyClicks(preset.category.lineEdit(), "Gift box")
    QTest.mouseClick(preset.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.builder.count is not None and view.builder.count.members == 2, timeout=10000)
    assert preset.active.isVisible() and "Bought Gift box from" in preset.active.text()
    assert view.builder.suggested_name == "Dragon Boat Festival buyers of Gift box"
    # anything bought: the bread buyer too
    preset.category.lineEdit().selectAll()
    QTest.keyClick(preset.category.lineEdit(), Qt.Key.Key_Delete)
    QTest.mouseClick(preset.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.builder.count is not None and view.builder.count.members == 3, timeout=10000)
    QTest.mouseClick(preset.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.builder.count is not None and view.builder.count.members == 7, timeout=10000)
    assert not preset.active.isVisible()
