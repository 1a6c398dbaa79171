"""Member details, Stored value tab: the owner refunds an unspent top-up and adjusts a balance behind
the owner password (real keys and clicks through the dialogs); erasing a member who still holds
stored value is refused with the service's message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member
from input_events import (
    allow_message_boxes,
    click,
    click_row,
    click_tab,
    file_name,
    press,
    show_active,
    when_dialog,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.members.detail import MemberDetail
from shopcrm.gui.members.stored_value import AdjustDialog, RefundDialog
from shopcrm.gui.owner_password_dialog import OwnerPasswordDialog
from shopcrm.services.members.records import get_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.sales.stored_value import ledger_sum, stored_balance, topup
from shopcrm.services.shop.audit import list_events
from shopcrm.services.shop.owner_password import set_owner_password
from shopcrm.services.shop.settings import BonusRule, update_settings

PASSWORD = "owner-only"


@pytest.fixture
def shop(ctx: AppContext) -> dict[str, Any]:
    update_settings(ctx.db, stored_value_bonus_rules=(BonusRule(20_000, 2_000),))
    m = member(ctx.db, "13800000011", "Chen Jing")
    first = topup(ctx.db, m.id, 20_000, "wechat")  # ¥200 + ¥20 bonus
    record_purchase(ctx.db, PurchaseInput(member_id=m.id, total_cents=5_000, payment_method="stored_value"))
    set_owner_password(ctx.db, PASSWORD)
    return {"member": m, "topup": first}


@pytest.fixture
def detail(qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> MemberDetail:
    """The Members screen, the member's row clicked, its details on the Stored value tab."""
    from shopcrm.gui.members.view import MembersView

    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    show_active(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=5000)
    click_row(view.table, 0)
    qtbot.waitUntil(lambda: view.detail.member is not None and view.detail.member.id == shop["member"].id,
                    timeout=5000)
    click_tab(view.detail.tabs, "Stored value")
    return view.detail


def _type_password(text: str) -> None:
    """When the owner-password dialog opens: type the password and press Enter."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, OwnerPasswordDialog)
        QTest.keyClicks(dialog.password, text)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)

    when_dialog(answer, kind=OwnerPasswordDialog)


def _open_dialog(qtbot: Any, kind: type[QDialog]) -> Any:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5000)
    return QApplication.activeModalWidget()


def _type(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    QTest.keyClicks(widget, text)


def test_the_tab_shows_the_balance_and_the_ledger(detail: MemberDetail) -> None:
    page = detail.stored_value
    assert page.balance_label.text() == "Balance ¥170.00"  # 200 + 20 bonus - 50 spent
    assert "¥20.00" in page.bonus_label.text()
    kinds = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert kinds == ["Spent", "Top-up"]  # newest first


def test_refund_asks_the_owner_password_and_refunds_only_what_is_unspent(
    qtbot: Any, ctx: AppContext, detail: MemberDetail, shop: dict[str, Any]
) -> None:
    m = shop["member"]
    _type_password(PASSWORD)
    click(detail.stored_value.refund_button)
    dialog = _open_dialog(qtbot, RefundDialog)
    assert dialog.amount.text() == "150.00"  # 200 paid in, 50 spent
    _type(dialog.amount, "150.01")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.general_error.isVisible() or dialog.amount_error.isVisible(), timeout=5000)
    shown = dialog.general_error.text() + dialog.amount_error.text()
    assert "Only ¥150.00" in shown or "Only 150.00" in shown
    assert stored_balance(ctx.db, m.id).total_cents == 17_000  # nothing written

    _type(dialog.amount, "100")
    QTest.keyClicks(dialog.note, "moving away")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    balance = stored_balance(ctx.db, m.id)
    assert balance.principal_cents == 5_000 and balance.bonus_cents == 1_000  # bonus back in proportion
    assert ledger_sum(ctx.db, m.id) == balance
    assert detail.stored_value.message.text() == "Refund recorded."
    assert detail.stored_value.model.index(0, 1).data() == "Refund"
    assert any(e.detail.get("kind") == "refund" for e in list_events(ctx.db, action="stored_value"))


def test_a_wrong_password_opens_nothing(qtbot: Any, ctx: AppContext, detail: MemberDetail,
                                        shop: dict[str, Any]) -> None:
    errors: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, OwnerPasswordDialog)
        QTest.keyClicks(dialog.password, "wrong")
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)
        errors.append(dialog.error.text())
        QTest.keyClick(dialog.password, Qt.Key.Key_Escape)

    when_dialog(answer, kind=OwnerPasswordDialog)
    click(detail.stored_value.adjust_button)
    assert errors == ["The owner password is wrong."]
    assert not isinstance(QApplication.activeModalWidget(), AdjustDialog)
    assert stored_balance(ctx.db, shop["member"].id).total_cents == 17_000


def test_adjust_needs_a_reason_and_never_goes_below_zero(qtbot: Any, ctx: AppContext, detail: MemberDetail,
                                                       shop: dict[str, Any]) -> None:
    m = shop["member"]
    _type_password(PASSWORD)
    click(detail.stored_value.adjust_button)
    dialog = _open_dialog(qtbot, AdjustDialog)
    QTest.keyClicks(dialog.amount, "-200")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.note_error.isVisible(), timeout=5000)
    assert dialog.note_error.text() == "Say why the balance is adjusted."

    QTest.keyClicks(dialog.note, "counted wrong")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: dialog.general_error.isVisible(), timeout=5000)
    assert dialog.general_error.text() == ("The balance cannot go below zero: ¥150.00 is there, "
                                           "the adjustment takes ¥200.00.")
    assert stored_balance(ctx.db, m.id).total_cents == 17_000

    _type(dialog.amount, "12.345")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.amount_error.isVisible() and dialog.isVisible()

    _type(dialog.amount, "-20.50")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert stored_balance(ctx.db, m.id).total_cents == 14_950
    assert ledger_sum(ctx.db, m.id).total_cents == 14_950
    assert detail.stored_value.balance_label.text() == "Balance ¥149.50"
    row = [detail.stored_value.model.index(0, c).data() for c in range(7)]
    assert row[1] == "Adjustment" and row[2] == "-¥20.50" and row[6] == "counted wrong"


def test_statement_saved_as_pdf(qtbot: Any, detail: MemberDetail, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "statement.pdf"
    when_dialog(file_name(target), kind=QFileDialog)  # the path typed into the real save dialog
    click(detail.stored_value.print_button)
    assert target.read_bytes().startswith(b"%PDF")
    assert detail.stored_value.message.text() == f"Saved to {target}."


def test_erasing_a_member_with_stored_value_is_refused(qtbot: Any, ctx: AppContext, shop: dict[str, Any],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.gui.members.view import MembersView

    allow_message_boxes(monkeypatch)
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    show_active(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=5000)
    click_row(view.table, 0)
    seen: list[str] = []

    def press_erase(box: Any) -> None:
        click(next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole))
        _type_password(PASSWORD)
        when_dialog(press(QMessageBox.StandardButton.Ok), kind=QMessageBox, seen=seen)

    when_dialog(press_erase, kind=QMessageBox)
    click(view.erase_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    card = shop["member"].card_no
    assert seen == [f"Member {card} still has ¥170.00 of stored value. Refund or adjust the balance to zero first "
                    "(member details, Stored value tab), then erase."]
    kept = get_member(ctx.db, shop["member"].id)
    assert kept.status == "active" and kept.name == "Chen Jing"
