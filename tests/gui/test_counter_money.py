"""Money at the counter from the keyboard: top up, then a sale with a coupon, points and stored value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui_helpers import member
from input_events import file_name, show_active, when_dialog
from PySide6.QtCore import Qt

from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.money_panel import TopupDialog
from shopcrm.gui.counter.view import CounterView
from shopcrm.services.sales.coupons import define_coupon, issue_to_members, list_coupons, show_code
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.sales.stored_value import stored_balance
from shopcrm.services.shop.settings import BonusRule, update_settings

pytestmark = pytest.mark.gui


@pytest.fixture
def counter(qtbot: Any, ctx: AppContext) -> CounterView:
    view = CounterView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    show_active(view)
    view.initial_focus()
    return view


def _pick(qtbot: Any, counter: CounterView, digits: str) -> None:
    qtbot.keyClicks(counter.search, digits)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert counter.member is not None


def test_topup_then_sale_with_coupon_points_and_stored_value(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    update_settings(ctx.db, stored_value_bonus_rules=(BonusRule(20_000, 2_000),))
    m = member(ctx.db, "13800005678", "Zhang Wei")
    record_purchase(ctx.db, PurchaseInput(member_id=m.id, total_cents=50_000))  # 500 points
    today = dt.date.today()
    coupon = define_coupon(ctx.db, "满50减10", "amount", amount_cents=1_000, min_spend_cents=5_000, valid_from=today, valid_to=today)
    [code] = issue_to_members(ctx.db, coupon, [m.id])
    _pick(qtbot, counter, "5678")
    assert "Coupons: " + show_code(code) in counter.money.card_summary.text()
    qtbot.keyClick(counter, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counter.money.findChild(TopupDialog) is not None and counter.money.findChild(TopupDialog).isVisible())
    dialog = counter.money.findChild(TopupDialog)
    qtbot.keyClicks(dialog.amount, "200")
    assert "¥20.00" in dialog.bonus.text()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Topped up" in counter.result_label.text(), timeout=5000)
    assert stored_balance(ctx.db, m.id).total_cents == 22_000
    assert "¥220.00" in counter.money.card_summary.text()

    counter.product.setFocus()
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)  # on to the amount
    qtbot.keyClicks(counter.amount, "80")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Tab)
    assert counter.money.coupon.hasFocus()
    qtbot.keyClicks(counter.money.coupon, code.lower())
    qtbot.keyClick(counter.money.coupon, Qt.Key.Key_Tab)
    assert counter.money.points.hasFocus()
    qtbot.keyClicks(counter.money.points, "300")
    qtbot.keyClick(counter.money.points, Qt.Key.Key_Tab)
    assert counter.money.stored.hasFocus()
    qtbot.keyClicks(counter.money.stored, "all")
    qtbot.keyClick(counter.money.stored, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    text = counter.result_label.text()
    assert "¥67.00" in text and "coupon −¥10.00" in text and "300 points −¥3.00" in text and "left ¥153.00" in text
    assert stored_balance(ctx.db, m.id).total_cents == 22_000 - 6_700
    assert list_coupons(ctx.db, member_id=m.id)[0].redeemed_at is not None
    assert counter.money.coupon.text() == "" and counter.money.points.text() == ""


def test_refusals_are_shown_and_nothing_is_saved(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    m = member(ctx.db, "13800005678", "Zhang Wei")
    _pick(qtbot, counter, "5678")
    counter.product.setFocus()
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.amount, "30")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Tab)
    qtbot.keyClick(counter.money.coupon, Qt.Key.Key_Tab)
    qtbot.keyClick(counter.money.points, Qt.Key.Key_Tab)
    qtbot.keyClicks(counter.money.stored, "12.345")
    qtbot.keyClick(counter.money.stored, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.sale_error.isVisible(), timeout=3000)
    assert "more than 2 decimals" in counter.sale_error.text()
    qtbot.keyClick(counter.money.stored, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # typed over
    qtbot.keyClick(counter.money.stored, Qt.Key.Key_Backspace)
    qtbot.keyClicks(counter.money.stored, "all")
    qtbot.keyClick(counter.money.stored, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Not enough stored value" in counter.sale_error.text(), timeout=5000)
    assert counter.member is not None and counter.member.id == m.id  # the sale is still there to fix
    from shopcrm.services.sales.purchases import member_history

    assert member_history(ctx.db, m.id) == []


def test_takings_dialog_from_f9_and_saved_for_the_receipt_printer(
    qtbot: Any, ctx: AppContext, counter: CounterView, tmp_path: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from shopcrm.gui.counter.takings_dialog import TakingsDialog

    record_purchase(ctx.db, PurchaseInput(member_id=None, total_cents=1_850, payment_method="cash"))
    qtbot.keyClick(counter, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: counter.findChild(TakingsDialog) is not None and counter.findChild(TakingsDialog).isVisible())
    dialog = counter.findChild(TakingsDialog)
    assert dialog.value_of("Money taken") == "¥18.50"
    shown = dialog.day.date()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)  # an earlier date (the section under the cursor): nothing sold
    assert dialog.day.date() < shown and dialog.value_of("Money taken") == "¥0.00"
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)
    target = tmp_path / "day.pdf"
    when_dialog(file_name(target), kind=QFileDialog)  # the path typed into the real save dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.stat().st_size > 0 and "Saved to" in dialog.saved.text()


def test_ctrl_t_without_a_member_says_to_find_one_first(qtbot: Any, counter: CounterView) -> None:
    qtbot.keyClick(counter.search, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert counter.sale_error.isVisible() and counter.sale_error.text() == "Find the member first, then top up."
    assert counter.money.findChild(TopupDialog) is None
