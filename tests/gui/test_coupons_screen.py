"""Coupons screen: define a coupon by keyboard, issue it to a saved list and to this week's birthdays
(lunar ones too, also from the Dashboard's birthday list), make it the welcome coupon behind the owner
password, and save the vouchers as a PDF.  Real keys and clicks through the dialogs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member, product
from input_events import choose, click, click_row, file_name, show_active, when_dialog
from lunardate import LunarDate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.coupons.dialogs import DefineCouponDialog, IssueCouponDialog
from shopcrm.gui.coupons.view import CouponsView
from shopcrm.gui.owner_password_dialog import OwnerPasswordDialog
from shopcrm.services.campaigns.lists import promotion_filter, save_campaign
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.coupons import define_coupon, list_coupons, list_definitions
from shopcrm.services.shop.owner_password import set_owner_password
from shopcrm.services.shop.settings import load_settings

TODAY = dt.date.today()


def _open_view(qtbot: Any, ctx: AppContext) -> CouponsView:
    """The screen opened on what the shop holds now."""
    screen = CouponsView(ctx)
    qtbot.addWidget(screen)
    screen.resize(824, 740)
    show_active(screen)
    return screen


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> CouponsView:
    product(ctx.db, "Croissant", 1200)
    return _open_view(qtbot, ctx)


def _modal(qtbot: Any, kind: type[QDialog]) -> Any:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5000)
    return QApplication.activeModalWidget()


def _retype(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def _cells(view: CouponsView, row: int = 0) -> list[str]:
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


def test_define_a_coupon_by_keyboard(qtbot: Any, ctx: AppContext, view: CouponsView) -> None:
    assert "No coupon defined yet" in view.issued_title.text()
    assert not view.list_button.isEnabled() and not view.pdf_button.isEnabled()
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _modal(qtbot, DefineCouponDialog)
    QTest.keyClicks(dialog.name, "Autumn 15%")
    choose(dialog.kind, "Percentage off")
    assert dialog.percent.isVisible() and not dialog.amount.isVisible()
    _retype(dialog.percent, "15")
    _retype(dialog.min_spend, "30")
    QTest.keyClick(dialog.min_spend, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert _cells(view)[:2] == ["Autumn 15%", "15% off on a purchase of ¥30.00 or more"]
    assert view.message.text() == "Coupon defined: issue it to members now."
    d = list_definitions(ctx.db)[0]
    assert (d.kind, d.percent, d.min_spend_cents, d.valid_from) == ("percent", 15, 3000, TODAY)


def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(qtbot: Any, ctx: AppContext,
                                                                   view: CouponsView) -> None:
    click(view.new_button)
    dialog = _modal(qtbot, DefineCouponDialog)
    QTest.keyClicks(dialog.name, "Too precise")
    QTest.keyClicks(dialog.amount, "5.555")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and "2 decimal" in dialog.errors._labels["amount"].text()
    _retype(dialog.amount, "60")
    _retype(dialog.min_spend, "50")
    QTest.keyClick(dialog.min_spend, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.errors._labels["amount"].isVisible(), timeout=5000)
    assert dialog.errors._labels["amount"].text() == "The money off is larger than the minimum spend."
    choose(dialog.kind, "A free item")
    assert dialog.product.currentText() == "Croissant"
    dialog.valid_to.setFocus()
    QTest.keyClicks(dialog.valid_to, "2020-01-01")
    click(dialog.buttons.buttons()[0])
    qtbot.waitUntil(lambda: dialog.errors._labels["valid_to"].isVisible(), timeout=5000)
    assert dialog.errors._labels["valid_to"].text() == "The start date is after the end date."
    assert list_definitions(ctx.db) == []
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_issue_to_a_saved_list_and_save_its_vouchers(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    for i in range(2):
        member(ctx.db, f"1380000010{i}", f"Member {i}", consent=True)
    save_campaign(ctx.db, "Regulars", promotion_filter())
    define_coupon(ctx.db, "¥10 off", "amount", amount_cents=1000, min_spend_cents=5000, valid_from=TODAY,
                  valid_to=TODAY + dt.timedelta(days=30))
    view = _open_view(qtbot, ctx)  # opened once the coupon and the list are there
    click_row(view.table, 0)
    click(view.list_button)
    dialog = _modal(qtbot, IssueCouponDialog)
    assert dialog.campaign.currentText() == "Regulars (2 members)"
    click(dialog.issue_button)
    qtbot.waitUntil(lambda: dialog.outcome.text() == "Coupons issued: 2.", timeout=5000)
    assert not dialog.issue_button.isEnabled()  # issued once; the dialog does not issue twice
    target = tmp_path / "vouchers.pdf"
    choose(dialog.paper, "A4")
    when_dialog(file_name(target), kind=QFileDialog)  # the path typed into the real save dialog
    click(dialog.pdf_button)
    assert dialog.outcome.text() == f"Vouchers saved: 2, in {target}."
    assert target.read_bytes().startswith(b"%PDF")
    click(dialog.close_button)
    qtbot.waitUntil(lambda: _cells(view)[3] == "2", timeout=5000)
    assert view.issued_model.rowCount() == 2
    assert {view.issued_model.index(r, 2).data() for r in range(2)} == {"saved list"}


def test_birthday_coupons_from_the_dashboard_list_reach_lunar_birthdays(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shopcrm.gui.charts.loader import chart_library
    from shopcrm.gui.dashboard.view import DashboardView

    in_two_days = TODAY + dt.timedelta(days=2)
    lunar = LunarDate.from_solar_date(in_two_days.year, in_two_days.month, in_two_days.day)
    if lunar.is_leap_month:
        pytest.skip("today's lunar date is in a leap month")  # stored birthdays name the regular month
    lunar_born = register_member(ctx.db, MemberInput(phone="13800000201", name="Old Wang",
                                                     birthday=f"{lunar.month:02d}-{lunar.day:02d}",
                                                     lunar_birthday=True)).id
    solar_born = member(ctx.db, "13800000202", "Young Li", birthday=f"1990-{TODAY.month:02d}-{TODAY.day:02d}").id
    later = TODAY + dt.timedelta(days=10)
    member(ctx.db, "13800000203", "Later", birthday=f"1990-{later.month:02d}-{later.day:02d}")
    gift = define_coupon(ctx.db, "Birthday cake", "amount", amount_cents=800, valid_from=TODAY,
                         valid_to=TODAY + dt.timedelta(days=30))
    dashboard = DashboardView(ctx)
    qtbot.addWidget(dashboard)
    dashboard.resize(1024, 768)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.birthday_model.rowCount() == 2, timeout=10_000)
    click(dashboard.birthday_coupon_button)
    dialog = _modal(qtbot, IssueCouponDialog)
    assert dialog.definition.currentData() == gift
    assert dialog.preview.text() == "Members with a birthday in these days who get a coupon: 2."
    QTest.keyClick(dialog.issue_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.outcome.text() == "Coupons issued: 2.", timeout=5000)
    assert {c.member_id for c in list_coupons(ctx.db, definition_id=gift)} == {lunar_born, solar_born}
    assert {c.issued_via for c in list_coupons(ctx.db, definition_id=gift)} == {"birthday"}
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    # the same days again: nobody gets a second one, and the dialog says so before anything is issued
    click(dashboard.birthday_coupon_button)
    again = _modal(qtbot, IssueCouponDialog)
    assert again.preview.text() == ("Members with a birthday in these days who get a coupon: 0. "
                                    "Already given this coupon for their birthday: 2.")
    assert not again.issue_button.isEnabled()
    QTest.keyClick(again, Qt.Key.Key_Escape)
    chart_library().start()  # the dashboard loads its charts on a thread: let it finish before the view goes
    qtbot.waitUntil(lambda: chart_library().state in ("ready", "failed"), timeout=60_000)


def test_the_welcome_coupon_needs_the_owner_password(qtbot: Any, ctx: AppContext) -> None:
    gift = define_coupon(ctx.db, "Welcome", "amount", amount_cents=500, valid_from=TODAY,
                         valid_to=TODAY + dt.timedelta(days=90))
    set_owner_password(ctx.db, "owner-only")
    view = _open_view(qtbot, ctx)  # opened once the coupon is there
    click_row(view.table, 0)
    assert view.welcome_button.text().replace("&", "") == "Give to new members"

    def answer(dialog: QWidget) -> None:
        QTest.keyClicks(dialog.password, "owner-only")  # type: ignore[attr-defined]
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    when_dialog(answer, kind=OwnerPasswordDialog)
    click(view.welcome_button)
    qtbot.waitUntil(lambda: view.message.text() == "Every new member now gets this coupon.", timeout=5000)
    assert load_settings(ctx.db).registration_coupon_id == gift
    assert _cells(view)[5] == "new members"
    newcomer = member(ctx.db, "13800000301", "New")
    assert [c.definition_id for c in list_coupons(ctx.db, member_id=newcomer.id)] == [gift]

    when_dialog(lambda d: QTest.keyClick(d, Qt.Key.Key_Escape), kind=OwnerPasswordDialog)
    click(view.welcome_button)  # cancelled: nothing changes
    assert load_settings(ctx.db).registration_coupon_id == gift


def test_ctrl_0_opens_the_screen_and_a_language_switch_rebuilds_it(qtbot: Any, ctx: AppContext,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.gui import registry
    from shopcrm.gui.main_window import MainWindow

    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in ("counter", "coupons")])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "coupons" and isinstance(window.view("coupons"), CouponsView)
    old = window.view("coupons")
    ctx.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.view("coupons") is not None and window.view("coupons") is not old, timeout=5000)
    ctx.reload_settings()  # heard by the new view only: the old one is gone with its connection
    define_coupon(ctx.db, "欢迎券", "amount", amount_cents=500, valid_from=TODAY, valid_to=TODAY)
    ctx.reload_settings()
    assert window.view("coupons").model.rowCount() == 1
