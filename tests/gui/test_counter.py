"""The counter, driven from the keyboard like a clerk in the rush hour."""

from __future__ import annotations

from typing import Any

import pytest
from gui_helpers import member, product, snapshot
from input_events import show_active
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.view import CounterView
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.services.members.records import find_members
from shopcrm.services.sales.purchases import member_history

pytestmark = pytest.mark.gui


@pytest.fixture
def counter(qtbot: Any, ctx: AppContext) -> CounterView:
    view = CounterView(ctx)
    qtbot.addWidget(view)
    show_active(view)
    view.initial_focus()
    return view


def _open_dialog(qtbot: Any, counter: CounterView) -> MemberDialog:
    qtbot.waitUntil(lambda: counter.findChild(MemberDialog) is not None and counter.findChild(MemberDialog).isVisible())
    return counter.findChild(MemberDialog)


def test_register_member_from_the_counter(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    qtbot.keyClicks(counter.search, "139 0000 1234")
    qtbot.keyClick(counter, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(qtbot, counter)
    assert dialog.phone.text() == "139 0000 1234"  # the typed phone is carried over
    dialog.name.insert("王芳")  # Chinese arrives through the input method, not as key codes
    dialog.birthday.insert("5月3日")
    QTest.mouseClick(dialog.consent, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.member is not None, timeout=5000)
    assert counter.member.name == "王芳" and counter.member.phone_display == "13900001234"
    assert counter.card_name.text() == "王芳"
    assert counter.focusWidget() is counter.product  # where typing goes once the window is active
    stored = find_members(ctx.db, "1234")
    assert [m.name for m in stored] == ["王芳"] and stored[0].birthday == "05-03" and stored[0].consent


def test_register_shows_validation_under_the_field(qtbot: Any, counter: CounterView) -> None:
    qtbot.keyClick(counter, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(qtbot, counter)
    qtbot.keyClicks(dialog.phone, "12345")
    qtbot.keyClicks(dialog.birthday, "31.31")
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.label("phone").isVisible(), timeout=5000)
    assert "is not a valid phone number" in dialog.errors.label("phone").text()
    assert dialog.isVisible()
    dialog.phone.selectAll()
    qtbot.keyClicks(dialog.phone, "13900001111")
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.label("birthday").isVisible(), timeout=5000)
    assert not dialog.errors.label("phone").isVisible()
    assert "31.31" in dialog.errors.label("birthday").text()


def test_duplicate_phone_is_shown_beside_the_phone(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13900001234", "Li Na")
    qtbot.keyClick(counter, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(qtbot, counter)
    qtbot.keyClicks(dialog.phone, "+86 139-0000-1234")
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.label("phone").isVisible(), timeout=5000)
    assert "already belongs to member" in dialog.errors.label("phone").text()


def test_find_by_last_four_digits_and_pick_with_enter(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13800005678", "Zhang Wei")
    member(ctx.db, "13911115678", "Chen Jing")
    member(ctx.db, "13922220000", "Wang Fang")
    qtbot.keyClicks(counter.search, "5678")
    qtbot.waitUntil(lambda: counter.matches.count() == 2, timeout=3000)
    shown = [counter.matches.item(i).text() for i in range(counter.matches.count())]
    assert any("Zhang Wei" in t for t in shown) and any("Chen Jing" in t for t in shown)
    first = counter.matches.item(0).text()
    qtbot.keyClick(counter.search, Qt.Key.Key_Down)
    second = counter.matches.currentItem().text()
    assert second != first
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert counter.member is not None and counter.member.name in second
    assert counter.card_name.text() == counter.member.name
    assert counter.search.text() == "" and counter.matches.count() == 0


def test_enter_while_still_typing_searches_first(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13800005678", "Zhang Wei")
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)  # before the search delay has passed
    assert counter.member is not None and counter.member.name == "Zhang Wei"


def test_record_an_amount_and_see_it_in_history(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    m = member(ctx.db, "13800005678", "Zhang Wei")
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)  # empty product field: on to the amount
    assert counter.amount.hasFocus()
    counter.amount.insert("¥")
    qtbot.keyClicks(counter.amount, "23.50")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    assert "¥23.50" in counter.result_label.text() and "Zhang Wei" in counter.result_label.text()
    assert "+23 points, balance 23" in counter.result_label.text()
    history = member_history(ctx.db, m.id, 10)
    assert [p.total_cents for p in history] == [2350]
    assert counter.member is None and counter.amount.text() == ""  # ready for the next customer
    assert counter.recent_list.count() == 1


def test_products_then_enter_saves_lines(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    m = member(ctx.db, "13800005678", "Zhang Wei")
    product(ctx.db, "Croissant", 1200)
    product(ctx.db, "Milk tea", 1500, "Drinks")
    counter.reload_products()
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    for name in ("Croissant", "Milk tea", "Croissant"):
        qtbot.keyClicks(counter.product, name)
        qtbot.keyClick(counter.product, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: counter.product.text() == "", timeout=3000)
    assert counter.lines_table.rowCount() == 2
    assert counter.lines_table.item(0, 1).text() == "2" and counter.lines_table.item(0, 3).text() == "¥24.00"
    assert counter.amount.placeholderText() == "¥39.00"
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    [sale] = member_history(ctx.db, m.id, 10)
    assert sale.total_cents == 3900
    assert sorted((line.product_name, int(line.quantity)) for line in sale.lines) == [("Croissant", 2), ("Milk tea", 1)]


def test_unknown_product_and_bad_amount_are_explained(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    counter.product.selectAll()
    qtbot.keyClicks(counter.product, "Unicorn cake")
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)
    assert counter.sale_error.isVisible() and "Unicorn cake" in counter.sale_error.text()
    qtbot.keyClicks(counter.amount, "twelve")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    assert "is not an amount" in counter.sale_error.text()
    counter.amount.clear()
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Enter products or an amount" in counter.sale_error.text(), timeout=5000)


def test_member_card_shows_birthday_churn_and_recommendations(qtbot: Any, ctx: AppContext,
                                                               counter: CounterView) -> None:
    import datetime as dt

    today = dt.date.today()
    m = member(ctx.db, "13800005678", "Zhang Wei", birthday=f"{today.month:02d}-{today.day:02d}")
    cake = product(ctx.db, "Mango cake", 3800, "Cake")
    snapshot(ctx.db, {m.id: {"pyramid": "gold", "segment": "at_risk", "churn_level": "high",
                             "reasons": {"churn_level": "last visit 47 days ago; usually every 6 days"},
                             "recommendations": [cake.id]}})
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert "Birthday today" in counter.card_birthday.text()
    assert "Tier: Gold" in counter.card_classes.text() and "Segment: Slipping away" in counter.card_classes.text()
    assert "last visit 47 days ago" in counter.card_churn.text() and counter.card_churn.isVisible()
    assert "Mango cake" in counter.card_recommend.text()


def test_escape_starts_over(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13800005678", "Zhang Wei")
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.amount, "12")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Escape)
    assert counter.member is None and counter.amount.text() == ""


class _Flaky:
    """record_purchase that fails its first call: before booking ("database is locked") or after
    booking (the answer lost on the way back); every call's sale reference is kept."""

    def __init__(self, fail_after_booking: bool) -> None:
        from shopcrm.services.sales import purchases

        self.real = purchases.record_purchase
        self.fail_after_booking = fail_after_booking
        self.refs: list[str | None] = []

    def __call__(self, db: Any, data: Any) -> Any:
        from sqlalchemy.exc import OperationalError

        self.refs.append(data.external_ref)
        if len(self.refs) == 1:
            if self.fail_after_booking:
                self.real(db, data)
            raise OperationalError("INSERT INTO purchases ...", {}, Exception("database is locked"))
        return self.real(db, data)


@pytest.mark.parametrize("fail_after_booking", [False, True], ids=["failed-before-booking", "answer-lost"])
def test_a_retried_save_books_the_sale_once(qtbot: Any, ctx: AppContext, counter: CounterView,
                                            monkeypatch: pytest.MonkeyPatch, fail_after_booking: bool) -> None:
    from shopcrm.gui.counter import view as counter_view

    flaky = _Flaky(fail_after_booking)
    monkeypatch.setattr(counter_view, "record_purchase", flaky)
    errors: list[BaseException] = []
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: errors.append(exc))
    m = member(ctx.db, "13800005678", "Zhang Wei")
    qtbot.keyClicks(counter.search, "5678")
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.keyClicks(counter.amount, "23.50")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(errors) and counter.save_button.isEnabled(), timeout=5000)
    assert "database is locked" in str(errors[0])
    assert counter.member is not None and counter.amount.text() == "23.50"  # the sale is still there

    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)  # the clerk presses Enter again
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    assert len(flaky.refs) == 2 and flaky.refs[0] == flaky.refs[1] and len(flaky.refs[0] or "") == 32
    assert [p.total_cents for p in member_history(ctx.db, m.id, 10)] == [2350]
    assert counter.recent_list.count() == 1 and len(errors) == 1

    qtbot.keyClicks(counter.amount, "5")  # the next customer: a new sale, a new reference
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 2, timeout=5000)
    assert len(flaky.refs) == 3 and flaky.refs[2] != flaky.refs[0]


def test_a_sale_given_up_after_a_failure_gets_a_new_reference(qtbot: Any, ctx: AppContext, counter: CounterView,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.gui.counter import view as counter_view
    from shopcrm.services.reports.stats import shop_stats

    flaky = _Flaky(fail_after_booking=False)
    monkeypatch.setattr(counter_view, "record_purchase", flaky)
    monkeypatch.setattr(ctx, "show_error", lambda exc, parent=None: None)
    qtbot.keyClicks(counter.amount, "8")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(flaky.refs) == 1 and counter.save_button.isEnabled(), timeout=5000)
    qtbot.keyClick(counter.amount, Qt.Key.Key_Escape)  # Esc: this sale is dropped
    qtbot.keyClicks(counter.amount, "9")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 1, timeout=5000)
    assert flaky.refs[1] != flaky.refs[0] and shop_stats(ctx.db)["purchases"] == 1


# ---- input events through the completer, the payment box, the void question -------------------------------
from input_events import allow_message_boxes, click, click_row, key_to_focus, press, when_dialog  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402


def _pick_member(qtbot: Any, counter: CounterView, digits: str) -> None:
    qtbot.keyClicks(counter.search, digits)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)


def _popup_shows(qtbot: Any, counter: CounterView) -> Any:
    popup = counter.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    return popup


def test_product_picked_from_the_suggestion_list_with_enter_is_added_once(qtbot: Any, ctx: AppContext,
                                                                          counter: CounterView) -> None:
    m = member(ctx.db, "13800005678", "Zhang Wei")
    product(ctx.db, "Croissant", 1200)
    product(ctx.db, "Cream bun", 800)
    counter.reload_products()
    _pick_member(qtbot, counter, "5678")
    qtbot.keyClicks(counter.product, "rois")  # contains-match: "Croissant"
    _popup_shows(qtbot, counter)
    key_to_focus(Qt.Key.Key_Down)  # highlight the suggestion
    key_to_focus(Qt.Key.Key_Return)  # and take it
    qtbot.waitUntil(lambda: counter.product.text() == "", timeout=3000)
    assert counter.lines_table.rowCount() == 1
    assert counter.lines_table.item(0, 0).text() == "Croissant" and counter.lines_table.item(0, 1).text() == "1"
    qtbot.keyClick(counter.product, Qt.Key.Key_Return)  # empty field: on to the amount
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    assert "+12 points" in counter.result_label.text()
    [sale] = member_history(ctx.db, m.id, 10)
    assert sale.total_cents == 1200 and [int(line.quantity) for line in sale.lines] == [1]


def test_product_clicked_in_the_suggestion_list_is_added_once(qtbot: Any, ctx: AppContext,
                                                              counter: CounterView) -> None:
    product(ctx.db, "Croissant", 1200)
    product(ctx.db, "Cream bun", 800)
    counter.reload_products()
    counter.product.setFocus()
    qtbot.keyClicks(counter.product, "cr")
    popup = _popup_shows(qtbot, counter)
    row = next(r for r in range(popup.model().rowCount()) if popup.model().index(r, 0).data() == "Cream bun")
    click_row(popup, row)
    qtbot.waitUntil(lambda: counter.lines_table.rowCount() == 1, timeout=3000)
    qtbot.wait(50)
    assert counter.lines_table.item(0, 0).text() == "Cream bun" and counter.lines_table.item(0, 1).text() == "1"
    assert counter.product.text() == ""


def test_typed_product_names_and_quantity(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    product(ctx.db, "Croissant", 1200)
    product(ctx.db, "Milk tea", 1500, "Drinks")
    counter.reload_products()
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)  # no member: a walk-in sale, on to the products
    assert counter.product.hasFocus()
    for name in ("Croissant", "Milk tea"):
        qtbot.keyClicks(counter.product, name)
        key_to_focus(Qt.Key.Key_Return)  # the whole name typed: Enter adds it, the suggestions close
        qtbot.waitUntil(lambda: counter.product.text() == "", timeout=3000)
    qtbot.keyClick(counter.quantity, Qt.Key.Key_Up)  # × 2
    qtbot.keyClicks(counter.product, "Croissant")
    key_to_focus(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.product.text() == "", timeout=3000)
    assert [counter.lines_table.item(r, 0).text() for r in range(2)] == ["Croissant", "Milk tea"]
    assert [counter.lines_table.item(r, 1).text() for r in range(2)] == ["3", "1"]
    assert not counter.completer.popup().isVisible()


def test_payment_method_is_kept_from_sale_to_sale(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    assert counter.payment.currentData() == "cash"  # never "no payment method" unless the shop picks it
    counter.payment.setFocus()
    while counter.payment.currentData() != "wechat":
        qtbot.keyClick(counter.payment, Qt.Key.Key_Down)
    qtbot.keyClicks(counter.amount, "8")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 1, timeout=5000)
    assert counter.payment.currentData() == "wechat"  # the next customer pays the same way, usually
    qtbot.keyClicks(counter.amount, "9")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 2, timeout=5000)
    again = CounterView(ctx)  # the next start of the program
    qtbot.addWidget(again)
    assert again.payment.currentData() == "wechat"
    with ctx.db.read() as s:
        from sqlalchemy import select

        from shopcrm.db.models import Purchase

        assert s.scalars(select(Purchase.payment_method)).all() == ["wechat", "wechat"]


def test_saved_line_goes_with_escape_and_with_the_next_member(qtbot: Any, ctx: AppContext,
                                                              counter: CounterView) -> None:
    member(ctx.db, "13800005678", "Zhang Wei")
    member(ctx.db, "13911112222", "Chen Jing")
    _pick_member(qtbot, counter, "5678")
    qtbot.keyClicks(counter.amount, "12")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved ¥12.00 for Zhang Wei" in counter.result_label.text(), timeout=5000)
    _pick_member(qtbot, counter, "2222")  # the next customer
    assert counter.member.name == "Chen Jing" and counter.result_label.text() == ""
    qtbot.keyClicks(counter.amount, "3")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved ¥3.00" in counter.result_label.text(), timeout=5000)
    qtbot.keyClick(counter.search, Qt.Key.Key_Escape)
    assert counter.result_label.text() == ""


def test_new_member_card_and_birthday_icon(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    import datetime as dt

    today = dt.date.today()
    member(ctx.db, "13800005678", "Zhang Wei", birthday=f"{today.month:02d}-{today.day:02d}")
    _pick_member(qtbot, counter, "5678")
    assert "New member: no purchase yet" in counter.card_classes.text()
    assert "Not classified" not in counter.card_classes.text()
    assert "🎂" not in counter.card_birthday.text() and "birthday.svg" in counter.card_birthday.text()
    assert "Birthday today" in counter.card_birthday.text()


def test_void_through_the_question(qtbot: Any, ctx: AppContext, counter: CounterView,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.services.reports.stats import shop_stats

    allow_message_boxes(monkeypatch)
    qtbot.keyClicks(counter.amount, "8")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 1, timeout=5000)
    click_row(counter.recent_list, 0)
    asked: list[str] = []
    when_dialog(press(QMessageBox.StandardButton.No), kind=QMessageBox, seen=asked)
    click(counter.void_button)
    assert asked and "Void sale #" in asked[0] and shop_stats(ctx.db)["purchases"] == 1
    when_dialog(press(QMessageBox.StandardButton.Yes), kind=QMessageBox)
    click(counter.void_button)
    qtbot.waitUntil(lambda: "voided" in counter.recent_list.item(0).text(), timeout=5000)
    assert shop_stats(ctx.db)["purchases"] == 0
    assert QApplication.activeModalWidget() is None


def test_sale_channel_chosen_by_keyboard_is_saved_and_kept(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    from sqlalchemy import select

    from shopcrm.db.models import Purchase

    m = member(ctx.db, "13800005678", "Zhang Wei")
    assert counter.channel.currentData() == "store"  # a first start: sales are in the shop
    _pick_member(qtbot, counter, "5678")
    qtbot.keyClicks(counter.amount, "18")
    key_to_focus(Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hannel
    assert QApplication.focusWidget() is counter.channel
    key_to_focus(Qt.Key.Key_Down)
    assert counter.channel.currentText() == "Delivery"
    key_to_focus(Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 1, timeout=5000)
    assert "(Delivery)" in counter.recent_list.item(0).text()
    assert counter.channel.currentData() == "delivery"  # the next sale comes the same way, usually
    qtbot.keyClicks(counter.amount, "7")  # a walk-in delivery order
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 2, timeout=5000)
    again = CounterView(ctx)  # the next start of the program
    qtbot.addWidget(again)
    assert again.channel.currentData() == "delivery"
    with ctx.db.read() as s:
        saved = s.execute(select(Purchase.member_id, Purchase.channel).order_by(Purchase.id)).all()
    assert [tuple(r) for r in saved] == [(m.id, "delivery"), (None, "delivery")]
    key_to_focus(Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    key_to_focus(Qt.Key.Key_Up)  # back in the shop
    key_to_focus(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Amount
    qtbot.keyClicks(counter.amount, "5")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.recent_list.count() == 3, timeout=5000)
    with ctx.db.read() as s:
        assert s.scalars(select(Purchase.channel).order_by(Purchase.id.desc()).limit(1)).one() == "store"
    assert counter.recent_list.item(0).text().endswith("¥5.00")  # a sale in the shop needs no note


def test_tab_from_the_amount_reaches_the_channel_then_save(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13800005678", "Zhang Wei")
    _pick_member(qtbot, counter, "5678")  # points and stored value take part only with a member
    key_to_focus(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    seen = [QApplication.focusWidget()]
    for _ in range(6):
        key_to_focus(Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [counter.amount, counter.money.coupon, counter.money.points, counter.money.stored,
                    counter.payment, counter.channel, counter.save_button]


def test_a_refused_sale_does_not_change_the_next_sales_payment_or_channel(qtbot: Any, ctx: AppContext,
                                                                          counter: CounterView) -> None:
    """Only a saved sale tells how customers pay: a refused one leaves the remembered choice alone."""
    from shopcrm.services.members.records import archive_member

    m = member(ctx.db, "13800005678", "Zhang Wei")
    _pick_member(qtbot, counter, "5678")
    counter.payment.setFocus()
    while counter.payment.currentData() != "wechat":
        qtbot.keyClick(counter.payment, Qt.Key.Key_Down)
    key_to_focus(Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hannel
    key_to_focus(Qt.Key.Key_Down)
    assert counter.channel.currentData() == "delivery"
    key_to_focus(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Amount
    qtbot.keyClicks(counter.amount, "18")
    archive_member(ctx.db, m.id)  # meanwhile, on the owner's PC
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)  # refused by the sale itself
    qtbot.waitUntil(lambda: "archived" in counter.sale_error.text() and counter.save_button.isEnabled(), timeout=5000)
    assert counter.recent_list.count() == 0
    again = CounterView(ctx)  # the next start of the program
    qtbot.addWidget(again)
    assert (again.payment.currentData(), again.channel.currentData()) == ("cash", "store")
