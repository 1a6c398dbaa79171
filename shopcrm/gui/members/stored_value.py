"""The Stored value tab of the member details: balance, the ledger, and the owner's refund of an
unspent top-up and manual adjustment (both behind the owner password, both audited by the service),
and the member's statement as a PDF for the receipt printer or A4."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.form_saving import save_and_close
from shopcrm.gui.formatting import date_text, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import PAYMENT_LABELS, label
from shopcrm.money import format_cents, parse_money
from shopcrm.services.members.records import MemberView
from shopcrm.services.sales.slips import statement_slip
from shopcrm.services.sales.stored_value import (
    RefundableTopup,
    StatementLine,
    StoredBalance,
    adjust_stored_value,
    refund_topup,
    refundable_topups,
    statement,
)

KIND_LABELS = {
    "topup": QT_TRANSLATE_NOOP("StoredValue", "Top-up"),
    "spend": QT_TRANSLATE_NOOP("StoredValue", "Spent"),
    "refund": QT_TRANSLATE_NOOP("StoredValue", "Refund"),
    "adjust": QT_TRANSLATE_NOOP("StoredValue", "Adjustment"),
    "return": QT_TRANSLATE_NOOP("StoredValue", "Returned (void)"),
}
LEDGER_ROWS = 500


def ledger_model(currency: str, parent: Any = None) -> ListTableModel[StatementLine]:
    ctx = "StoredValue"

    def kind(e: StatementLine) -> str:
        return QCoreApplication.translate(ctx, KIND_LABELS.get(e.kind, e.kind))

    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Date"), ctx, lambda e: date_text(e.at)),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Movement"), ctx, kind),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Amount"), ctx,
                   lambda e: _signed(e.principal_cents + e.bonus_cents, currency), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "of which bonus"), ctx,
                   lambda e: _signed(e.bonus_cents, currency) if e.bonus_cents else "", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Balance"), ctx, lambda e: money(e.balance_cents, currency),
                   numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Paid by"), ctx,
                   lambda e: label(PAYMENT_LABELS, e.pay_method) if e.pay_method else ""),
        ListColumn(QT_TRANSLATE_NOOP("StoredValue", "Note"), ctx, lambda e: e.note or "", tooltip=lambda e: e.note or ""),
    ], parent=parent)


def _signed(cents: int, currency: str) -> str:
    return ("+" if cents > 0 else "-" if cents < 0 else "") + money(abs(cents), currency)


class StoredValuePage(QWidget):
    """The tab; `changed` after a refund or adjustment was stored."""

    changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberView | None = None
        self.balance = StoredBalance(0, 0)
        self.balance_label = QLabel()
        self.balance_label.setObjectName("bigFigure")
        self.bonus_label = hint_label()
        self.refund_button = QPushButton(self.tr("Re&fund top-up …"))
        self.refund_button.setObjectName("refundTopup")
        self.refund_button.clicked.connect(self.refund)
        self.adjust_button = QPushButton(self.tr("Adjust &balance …"))
        self.adjust_button.setObjectName("adjustStoredValue")
        self.adjust_button.clicked.connect(self.adjust)
        self.print_button = QPushButton(self.tr("&Statement as PDF …"))
        self.print_button.clicked.connect(self.save_statement)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("80 mm receipt"), "80mm")
        self.paper.addItem(self.tr("A4"), "a4")
        self.message = hint_label()
        self.model = ledger_model(ctx.settings.currency, self)
        self.table = QTableView()
        self.table.setObjectName("storedValueLedger")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Stacked rather than side by side: the details pane is narrow on a 1024×768 counter PC.
        owner = QHBoxLayout()
        owner.addWidget(self.refund_button)
        owner.addWidget(self.adjust_button)
        owner.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.paper)
        bottom.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance_label)
        layout.addWidget(self.bonus_label)
        layout.addLayout(owner)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def show_member(self, member: MemberView | None) -> None:
        self.member = member
        self.message.setText("")
        if member is None:
            self.model.set_rows([])
            self.balance_label.setText("")
            self.bonus_label.setText("")
            return
        st = statement(self.ctx.db, member.id)
        self.balance = st.closing
        currency = self.ctx.settings.currency
        self.balance_label.setText(self.tr("Balance {amount}").format(amount=money(st.closing.total_cents, currency)))
        self.bonus_label.setText(self.tr("of which bonus money {bonus} (spent last, never refunded)").format(
            bonus=money(st.closing.bonus_cents, currency)))
        self.model.set_rows(list(reversed(st.lines))[:LEDGER_ROWS])
        active = member.status == "active"
        self.refund_button.setEnabled(active)
        self.adjust_button.setEnabled(active)
        self.print_button.setEnabled(bool(st.lines))

    # ---- owner actions -------------------------------------------------------------------------
    def _password(self, reason: str) -> tuple[bool, str | None]:
        return ask_owner_password(self.ctx.db, self, reason)

    def refund(self) -> None:
        if self.member is None:
            return
        ok, password = self._password(self.tr("Refunding stored value needs the owner password."))
        if not ok:
            return
        dialog = RefundDialog(self.ctx, self.member, password, self)
        dialog.saved.connect(lambda: self._saved(self.tr("Refund recorded.")))
        dialog.open()

    def adjust(self) -> None:
        if self.member is None:
            return
        ok, password = self._password(self.tr("Adjusting stored value needs the owner password."))
        if not ok:
            return
        dialog = AdjustDialog(self.ctx, self.member, self.balance, password, self)
        dialog.saved.connect(lambda: self._saved(self.tr("Adjustment recorded.")))
        dialog.open()

    def _saved(self, text: str) -> None:
        if self.member is not None:
            member_id = self.member.id
            self.show_member(self.member)
            self.changed.emit(member_id)  # the Members screen shows the member again, clearing this page ...
            self.message.setText(text)  # ... so the outcome is written after, where the owner sees it

    def save_statement(self) -> None:
        # the printing layer loads on first use (start-up speed)
        from shopcrm.gui.printing.slip import write_slips_pdf

        if self.member is None:
            return
        path = ask_save_name(self, self.tr("Save statement"), f"statement-{self.member.card_no}.pdf",
                             self.tr("PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_slips_pdf([statement_slip(self.ctx.db, self.member.id)], path, self.paper.currentData())
        except ShopError as exc:
            self.message.setText(exc.message())
            return
        self.message.setText(self.tr("Saved to {path}.").format(path=path))


class RefundDialog(QDialog):
    """Give back money from one top-up, only what is unspent; bonus money goes with it in proportion."""

    saved = Signal()

    def __init__(self, ctx: AppContext, member: MemberView, password: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member, self.password = ctx, member, password
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund top-up"))
        currency = ctx.settings.currency
        self.topups: list[RefundableTopup] = [t for t in refundable_topups(ctx.db, member.id) if t.refundable_cents > 0]
        self.topup = QComboBox()
        for t in self.topups:
            self.topup.addItem(self.tr("{date}: {paid} paid by {method}, {left} refundable").format(
                date=date_text(t.at), paid=money(t.paid_cents, currency), method=label(PAYMENT_LABELS, t.pay_method),
                left=money(t.refundable_cents, currency)), t.id)
        self.amount = QLineEdit()
        self.amount.setObjectName("refundAmount")
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.amount_error = ErrorLabel()
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("amount", self.amount_error, self.amount)
        self.topup.currentIndexChanged.connect(self._fill_amount)
        form = QFormLayout()
        form.addRow(self.tr("&Top-up"), self.topup)
        form.addRow(self.tr("&Amount to refund"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("&Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.topups:
            self.general_error.show_message(self.tr("Nothing to refund: every top-up of this member is spent or "
                                                    "already refunded."))
            self.topup.setEnabled(False)
            self.amount.setEnabled(False)
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            if ok is not None:
                ok.setEnabled(False)
        else:
            layout.addWidget(hint_label(self.tr("Only money paid in and not yet spent can be refunded; the bonus "
                                                "that came with the top-up is taken back in proportion.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._fill_amount()
        self.amount.setFocus()

    def _fill_amount(self) -> None:
        index = self.topup.currentIndex()
        if 0 <= index < len(self.topups):
            self.amount.setText(format_cents(self.topups[index].refundable_cents, ""))
            self.amount.selectAll()

    def save(self) -> None:
        self.errors.clear()
        try:
            cents = parse_money(self.amount.text(), field="amount", exact=True)
        except ShopError as exc:
            self.errors.show(exc)
            return
        db, topup_id, password, note = self.ctx.db, self.topup.currentData(), self.password, self.note.text() or None
        save_and_close(self, self.ctx, self.errors,
                       lambda _c: refund_topup(db, topup_id, cents, owner_password=password, note=note),
                       kind="stored_value", saved=lambda _r: self.saved.emit())


class AdjustDialog(QDialog):
    """A correction of the balance by the owner, up or down (never below zero), with its reason."""

    saved = Signal()

    def __init__(self, ctx: AppContext, member: MemberView, balance: StoredBalance, password: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member, self.password = ctx, member, password
        self.setObjectName("adjustStoredValueDialog")
        self.setWindowTitle(self.tr("Adjust stored value"))
        currency = ctx.settings.currency
        self.amount = QLineEdit()
        self.amount.setObjectName("adjustAmount")
        self.amount.setPlaceholderText(self.tr("e.g. 20 or -20"))
        self.bonus = QCheckBox(self.tr("B&onus money (not refundable)"))
        self.note = QLineEdit()
        self.note.setObjectName("adjustNote")
        self.note.setMaxLength(200)
        self.amount_error = ErrorLabel()
        self.note_error = ErrorLabel()
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("amount", self.amount_error, self.amount)
        self.errors.add("note", self.note_error, self.note)
        form = QFormLayout()
        form.addRow(self.tr("Balance"), QLabel(self.tr("{total} (of which bonus {bonus})").format(
            total=money(balance.total_cents, currency), bonus=money(balance.bonus_cents, currency))))
        form.addRow(self.tr("&Change (+/-)"), self.amount)
        form.addRow("", self.amount_error)
        form.addRow("", self.bonus)
        form.addRow(self.tr("&Reason"), self.note)
        form.addRow("", self.note_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.amount.setFocus()

    def save(self) -> None:
        self.errors.clear()
        try:
            cents = parse_money(self.amount.text(), field="amount", allow_negative=True, exact=True)
        except ShopError as exc:
            self.errors.show(exc)
            return
        db, member_id, password, note, bonus = (self.ctx.db, self.member.id, self.password, self.note.text(),
                                                self.bonus.isChecked())
        save_and_close(self, self.ctx, self.errors,
                       lambda _c: adjust_stored_value(db, member_id, cents, note, owner_password=password, bonus=bonus),
                       kind="stored_value", saved=lambda _r: self.saved.emit())
