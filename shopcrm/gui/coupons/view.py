"""Coupons screen (Ctrl+0): the coupons the owner defined, with how many were issued and used; define
a new one, issue it to a saved list or to this week's birthdays, make it the welcome coupon every new
member gets, and save the vouchers (code and QR code) as a PDF for the receipt printer or A4."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.coupons.dialogs import (
    DefineCouponDialog,
    IssueCouponDialog,
    currency_symbol,
    save_vouchers_pdf,
)
from shopcrm.gui.formatting import date_text, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.widgets import hint_label, member_table_view, title_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.sales.coupons import (
    CouponView,
    DefinitionSummary,
    definition_summaries,
    list_coupons,
    offer_text,
)
from shopcrm.services.sales.coupons import set_welcome_coupon as store_welcome_coupon
from shopcrm.services.shop.clock import now

CTX = "Coupons"
ISSUED_ROWS = 2000
VIA_LABELS = {
    "campaign": QT_TRANSLATE_NOOP("Coupons", "saved list"),
    "birthday": QT_TRANSLATE_NOOP("Coupons", "birthday"),
    "registration": QT_TRANSLATE_NOOP("Coupons", "new member"),
    "manual": QT_TRANSLATE_NOOP("Coupons", "by hand"),
}


def create_view(ctx: AppContext) -> QWidget:
    return CouponsView(ctx)


def _via(c: CouponView) -> str:
    return QCoreApplication.translate(CTX, VIA_LABELS.get(c.issued_via, c.issued_via))


class CouponsView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("couponsView")
        self.ctx = ctx
        symbol = currency_symbol(ctx)
        currency = ctx.settings.currency

        def welcome(x: DefinitionSummary) -> str:
            return self.tr("new members") if x.definition.id == self.ctx.settings.registration_coupon_id else ""

        self.model: ListTableModel[DefinitionSummary] = ListTableModel([
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Coupon"), CTX, lambda x: x.definition.name),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Gives"), CTX,
                       lambda x: offer_text(x.definition, x.product_name, symbol),
                       tooltip=lambda x: offer_text(x.definition, x.product_name, symbol)),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Valid"), CTX,
                       lambda x: f"{x.definition.valid_from.isoformat()} – {x.definition.valid_to.isoformat()}"),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Issued"), CTX, lambda x: f"{x.issued:,}", numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Used"), CTX, lambda x: f"{x.used:,}", numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Welcome coupon"), CTX, welcome),
        ], parent=self)
        self.table = member_table_view(self.model, "couponTable")
        self.table.setSortingEnabled(False)
        for col, width in enumerate((150, 260, 160, 55, 55)):  # the last, "Welcome coupon", takes the rest
            self.table.horizontalHeader().resizeSection(col, width)
        self.issued_model: ListTableModel[CouponView] = ListTableModel([
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Code"), CTX, lambda c: c.shown_code),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Member card"), CTX, lambda c: c.member_card or ""),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Issued for"), CTX, _via),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Issued on"), CTX, lambda c: date_text(c.issued_at.date())),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Used on"), CTX,
                       lambda c: date_text(c.redeemed_at) if c.redeemed_at else ""),
            ListColumn(QT_TRANSLATE_NOOP("Coupons", "Discount"), CTX,
                       lambda c: money(c.discount_cents, currency) if c.redeemed_at else "", numeric=True),
        ], parent=self)
        self.issued_table: QTableView = member_table_view(self.issued_model, "issuedCouponTable")
        self.issued_table.setSortingEnabled(False)
        for col, width in enumerate((110, 110, 100, 100, 130)):
            self.issued_table.horizontalHeader().resizeSection(col, width)
        self.issued_title = QLabel()
        self.issued_title.setObjectName("sectionTitle")

        self.new_button = QPushButton(self.tr("&New coupon…"))
        self.new_button.setObjectName("newCoupon")
        self.list_button = QPushButton(self.tr("Issue to a saved &list…"))
        self.list_button.setObjectName("issueToList")
        self.birthday_button = QPushButton(self.tr("&Birthday coupons…"))
        self.birthday_button.setObjectName("issueBirthdays")
        self.welcome_button = QPushButton()
        self.welcome_button.setObjectName("welcomeCoupon")
        self.paper = QComboBox()
        self.paper.setObjectName("voucherPaper")
        self.paper.addItem(self.tr("80 mm receipt"), "80mm")
        self.paper.addItem(self.tr("A4"), "a4")
        self.pdf_button = QPushButton(self.tr("&Vouchers as PDF…"))
        self.pdf_button.setObjectName("vouchersPdf")
        self.pdf_button.setToolTip(self.tr("One voucher with its code and QR code for every unused coupon of the "
                                           "selected kind"))
        self.message = hint_label()
        self.message.setObjectName("couponMessage")

        actions = QHBoxLayout()
        for b in (self.new_button, self.list_button, self.birthday_button, self.welcome_button):
            actions.addWidget(b)
        actions.addStretch(1)
        printing = QHBoxLayout()
        printing.addWidget(self.issued_title, 1)
        printing.addWidget(self.paper)
        printing.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Coupons")))
        layout.addWidget(hint_label(self.tr(
            "Define a coupon, then issue it: one per member of a saved list, one per birthday this week (solar "
            "or lunar), or one to every new member as the welcome coupon. Each can be used once at the counter, "
            "by its code or from the member card; uses count as responses to the list it was issued to.")))
        layout.addLayout(actions)
        layout.addWidget(self.table, 3)
        layout.addLayout(printing)
        layout.addWidget(self.issued_table, 2)
        layout.addWidget(self.message)

        self.new_button.clicked.connect(self.new_coupon)
        self.list_button.clicked.connect(lambda: self.issue("campaign"))
        self.birthday_button.clicked.connect(lambda: self.issue("birthday"))
        self.welcome_button.clicked.connect(self.toggle_welcome)
        self.pdf_button.clicked.connect(self.save_vouchers)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self._new_shortcut.activated.connect(self.new_coupon)
        ctx.operation_finished.connect(self._operation_finished)
        ctx.settings_changed.connect(self._settings_changed)  # bound: dropped with the view
        self.reload()

    # ---- data ----------------------------------------------------------------------------------
    def selected(self) -> DefinitionSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def reload(self, select: int | None = None) -> None:
        if select is None:
            current = self.selected()
            select = current.definition.id if current else None
        try:
            summaries = definition_summaries(self.ctx.db)
        except ShopError as exc:
            self.message.setText(exc.message())
            return
        self.model.set_rows(summaries)
        row = next((i for i, x in enumerate(summaries) if x.definition.id == select), 0 if summaries else None)
        if row is not None:
            self.table.selectRow(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        x = self.selected()
        today = now().date()
        valid = x is not None and x.definition.valid_to >= today
        self.pdf_button.setEnabled(x is not None and x.issued > x.used)
        self.welcome_button.setEnabled(x is not None and (valid or self._is_welcome(x)))
        self.welcome_button.setText(self.tr("Stop giving to new &members") if x is not None and self._is_welcome(x)
                                    else self.tr("Give to new &members"))
        rows = [self.model.row(i) for i in range(self.model.rowCount())]
        self.list_button.setEnabled(any(r.definition.valid_to >= today for r in rows))
        self.birthday_button.setEnabled(self.list_button.isEnabled())
        if x is None:
            self.issued_title.setText(self.tr("No coupon defined yet: press New coupon."))
            self.issued_model.set_rows([])
            return
        self.issued_title.setText(self.tr("Issued coupons of {name}").format(name=x.definition.name))
        self.issued_model.set_rows(list_coupons(self.ctx.db, definition_id=x.definition.id, limit=ISSUED_ROWS))

    def _is_welcome(self, x: DefinitionSummary) -> bool:
        return x.definition.id == self.ctx.settings.registration_coupon_id

    def _settings_changed(self, _settings: object) -> None:
        self.reload()  # the welcome coupon and the currency come from the settings

    def _operation_finished(self, kind: str) -> None:
        if kind in ("coupon", "purchase", "member", "restore", "demo", "settings-saved"):
            self.reload()

    def initial_focus(self) -> None:
        self.table.setFocus()

    # ---- actions -------------------------------------------------------------------------------
    def new_coupon(self) -> None:
        dialog = DefineCouponDialog(self.ctx, self)
        dialog.saved.connect(lambda definition_id: self._defined(definition_id))
        dialog.open()

    def _defined(self, definition_id: int) -> None:
        self.reload(select=definition_id)
        self.message.setText(self.tr("Coupon defined: issue it to members now."))

    def issue(self, mode: str) -> None:
        x = self.selected()
        dialog = IssueCouponDialog(self.ctx, mode, self, definition_id=x.definition.id if x else None)
        dialog.issued.connect(lambda definition_id, _codes: self.reload(select=definition_id))
        dialog.open()

    def toggle_welcome(self) -> None:
        x = self.selected()
        if x is None:
            return
        ok, password = ask_owner_password(self.ctx.db, self, self.tr("Changing the welcome coupon needs the owner "
                                                                     "password."))
        if not ok:
            return
        target = None if self._is_welcome(x) else x.definition.id
        db = self.ctx.db
        self.ctx.run(lambda _c: store_welcome_coupon(db, target, owner_password=password),
                     label=self.tr("Welcome coupon"), kind="coupon", on_done=self._welcome_done,
                     on_error=self._failed, parent=self)

    def _welcome_done(self, definition_id: int | None) -> None:
        self.ctx.reload_settings()  # every screen hears settings_changed; this one reloads its table
        self.message.setText(self.tr("New members now get no welcome coupon.") if definition_id is None
                             else self.tr("Every new member now gets this coupon."))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            self.message.setText(exc.message())
        else:
            self.ctx.show_error(exc, self)

    def save_vouchers(self) -> None:
        x = self.selected()
        if x is None:
            return
        text = save_vouchers_pdf(self.ctx, self, x.definition.id, self.paper.currentData())
        if text:
            self.message.setText(text)

