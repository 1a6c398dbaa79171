"""Money at the counter, beside the sale: a coupon, points as money off, stored value, top-ups.

Keyboard flow after the amount: Tab -> coupon code (its completer lists the member's usable
coupons) -> points to redeem -> stored value to pay ("all" or an amount) -> payment -> Enter saves.
Ctrl+T tops up the member's stored value; F11 shows the day's takings.  The member card shows the balances and usable coupons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.takings_dialog import TakingsDialog
from shopcrm.gui.formatting import money
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.labels import PAYMENT_LABELS, label
from shopcrm.money import parse_money
from shopcrm.services.members.records import MemberView
from shopcrm.services.sales.coupons import list_coupons, show_code
from shopcrm.services.sales.purchases import PurchaseInput, PurchaseResult
from shopcrm.services.sales.stored_value import TOPUP_METHODS, TopupResult, stored_balance, topup
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.settings import load_settings


class TopupDialog(QDialog):
    """Amount and how it was paid; the bonus of the owner's rules is shown as the amount is typed."""

    def __init__(self, ctx: AppContext, member: MemberView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.result_topup: TopupResult | None = None
        self.setWindowTitle(self.tr("Top up stored value"))
        self.amount = QLineEdit()
        self.amount.setObjectName("topupAmount")
        self.amount.setPlaceholderText(self.tr("e.g. 200"))
        self.method = QComboBox()
        for code in TOPUP_METHODS:
            self.method.addItem(label(PAYMENT_LABELS, code), code)
        self.bonus = hint_label()
        self.errors = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Member"), QLabel(member.name or member.card_no))
        form.addRow(self.tr("&Amount"), self.amount)
        form.addRow(self.tr("Paid &by"), self.method)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bonus)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self._settings = load_settings(ctx.db)
        self.amount.textEdited.connect(self._show_bonus)
        self.amount.returnPressed.connect(self.save)

    def _show_bonus(self, text: str) -> None:
        self.errors.clear_message()
        try:
            cents = parse_money(text, exact=True)
        except ShopError:
            self.bonus.setText("")
            return
        extra = self._settings.topup_bonus(cents)
        self.bonus.setText(self.tr("Bonus {bonus}").format(bonus=money(extra, self.ctx.settings.currency)) if extra else "")

    def save(self) -> None:
        try:
            cents = parse_money(self.amount.text(), exact=True)
            self.result_topup = topup(self.ctx.db, self.member.id, cents, self.method.currentData())
        except ShopError as exc:
            self.errors.show_message(exc.message())
            self.amount.setFocus()
            return
        self.accept()


class MoneyPanel(QWidget):
    """The coupon, points and stored-value fields of a sale, and the member card's balances."""

    def __init__(self, ctx: AppContext, counter: QWidget, *, save: Callable[[], None], say: Callable[[str], None],
                 complain: Callable[[str], None]) -> None:
        """`counter` owns the panel's keys (Ctrl+T, F11); Enter in a field calls `save`; `say` puts a
        line on the counter's result line, `complain` on its error line."""
        super().__init__()
        self.ctx = ctx
        self._say = say
        self._complain = complain
        self.member: MemberView | None = None
        self.coupon = QLineEdit()
        self.coupon.setObjectName("counterCoupon")
        self.coupon.setPlaceholderText(self.tr("Coupon code"))
        self._coupons = QStringListModel(self)
        completer = QCompleter(self._coupons, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.coupon.setCompleter(completer)
        self.points = QLineEdit()
        self.points.setObjectName("counterPoints")
        self.points.setPlaceholderText(self.tr("Points"))
        self.points.setMaximumWidth(110)
        self.stored = QLineEdit()
        self.stored.setObjectName("counterStoredValue")
        self.stored.setPlaceholderText(self.tr("Stored value: amount or \"all\""))
        self.topup_button = QPushButton(self.tr("&Top up (Ctrl+T)"))
        self.topup_button.clicked.connect(self.open_topup)
        for field in (self.coupon, self.points, self.stored):
            field.returnPressed.connect(save)
        grid = QGridLayout(self)  # two rows: at 1024 px one row cut the placeholders short
        grid.setContentsMargins(0, 0, 0, 0)
        self.coupon_caption = QLabel(self.tr("C&oupon"))
        self.coupon_caption.setBuddy(self.coupon)
        self.points_caption = QLabel(self.tr("Poi&nts"))
        self.points_caption.setBuddy(self.points)
        self.stored_caption = QLabel(self.tr("Stored &value"))
        self.stored_caption.setBuddy(self.stored)
        self.takings_button = QPushButton(self.tr("Takings (F11)"))
        self.takings_button.clicked.connect(self.open_takings)
        for field in (self.coupon, self.stored):  # room for the whole placeholder text
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance(field.placeholderText()) + 24)
        grid.addWidget(self.coupon_caption, 0, 0)
        grid.addWidget(self.coupon, 0, 1)
        grid.addWidget(self.points_caption, 0, 2)
        grid.addWidget(self.points, 0, 3)
        grid.addWidget(self.topup_button, 0, 4)
        grid.addWidget(self.stored_caption, 1, 0)
        grid.addWidget(self.stored, 1, 1)
        grid.addWidget(self.takings_button, 1, 4)
        grid.setColumnStretch(1, 1)
        # On the member card: balances and usable coupons.
        self.card_summary = QLabel()
        self.card_summary.setObjectName("cardMoney")
        self.card_summary.setWordWrap(True)
        shortcut = QShortcut(QKeySequence("Ctrl+T"), counter)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.open_topup)
        takings_key = QShortcut(QKeySequence("F11"), counter)
        takings_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        takings_key.activated.connect(self.open_takings)
        self.set_member(None)

    def chain_tab_order(self, before: QWidget, after: QWidget) -> None:
        """Tab from the amount goes coupon -> points -> stored value -> payment."""
        chain = [before, self.coupon, self.points, self.stored, after]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ---- the member -------------------------------------------------------------------------
    def set_member(self, member: MemberView | None) -> None:
        self.member = member
        enabled = member is not None
        for w in (self.points, self.stored, self.topup_button):
            w.setEnabled(enabled)
        if member is None:
            self.card_summary.setText("")
            self.card_summary.hide()
            self._coupons.setStringList([])
            return
        try:
            balance = stored_balance(self.ctx.db, member.id)
            usable = list_coupons(self.ctx.db, member_id=member.id, usable_on=now().date(), limit=20)
            settings = load_settings(self.ctx.db)
        except ShopError as exc:
            self.card_summary.setText(exc.message())
            self.card_summary.show()
            return
        currency = self.ctx.settings.currency
        parts = [self.tr("Stored value: {total} (bonus {bonus})").format(
            total=money(balance.total_cents, currency), bonus=money(balance.bonus_cents, currency))]
        worth = settings.points_value_cents(member.points_balance)
        if worth:
            parts.append(self.tr("points worth {amount}").format(amount=money(worth, currency)))
        if usable:
            parts.append(self.tr("Coupons: {codes}").format(codes=", ".join(f"{show_code(c.code)} {c.name}" for c in usable[:3])))
        self.card_summary.setText(" · ".join(parts))
        self.card_summary.show()
        self._coupons.setStringList([show_code(c.code) for c in usable])

    def open_takings(self) -> None:
        TakingsDialog(self.ctx, self).open()

    def open_topup(self) -> None:
        if self.member is None:
            self._complain(self.tr("Find the member first, then top up."))
            return
        dialog = TopupDialog(self.ctx, self.member, self)
        dialog.accepted.connect(lambda: self._topped_up(dialog.result_topup))
        dialog.open()

    def _topped_up(self, result: TopupResult | None) -> None:
        if result is None or self.member is None:
            return
        currency = self.ctx.settings.currency
        self._say(self.tr("Topped up {amount} (+{bonus} bonus); balance {balance}.").format(
            amount=money(result.paid_cents, currency), bonus=money(result.bonus_cents, currency),
            balance=money(result.balance.total_cents, currency)))
        self.set_member(self.member)
        self.ctx.operation_finished.emit("stored_value")

    # ---- the sale ---------------------------------------------------------------------------
    def apply(self, data: PurchaseInput) -> PurchaseInput:
        """The sale with the coupon, points and stored value typed here; ValidationError if unreadable."""
        from dataclasses import replace

        code = self.coupon.text().strip() or None
        points_text = self.points.text().strip()
        points = 0
        if points_text:
            if not points_text.isdigit():
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "Points must be a whole number."), "points")
            points = int(points_text)
        stored_text = self.stored.text().strip()
        stored: int | None = None
        payment = data.payment_method
        if stored_text.lower() in ("all", self.tr("all").lower(), "*"):
            payment = "stored_value"
        elif stored_text:
            stored = parse_money(stored_text, field="stored_value", exact=True)
        return replace(data, coupon_code=code, redeem_points=points, stored_value_cents=stored, payment_method=payment)

    def describe(self, result: PurchaseResult) -> str:
        """What the sale took off and from the balance, for the result line."""
        currency = self.ctx.settings.currency
        parts = []
        if result.coupon_discount_cents:
            parts.append(self.tr("coupon −{amount}").format(amount=money(result.coupon_discount_cents, currency)))
        if result.points_discount_cents:
            parts.append(self.tr("{points} points −{amount}").format(
                points=result.points_redeemed, amount=money(result.points_discount_cents, currency)))
        if result.stored_value_cents and result.stored_value_balance_cents is not None:
            parts.append(self.tr("stored value {amount}, left {balance}").format(
                amount=money(result.stored_value_cents, currency), balance=money(result.stored_value_balance_cents, currency)))
        return " · ".join(parts)

    def reset(self) -> None:
        for field in (self.coupon, self.points, self.stored):
            field.clear()
