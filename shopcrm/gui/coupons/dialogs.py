"""The Coupons screen's dialogs: define a coupon, and issue one to a saved list or to the members
whose birthday (solar or 农历) falls in some days, then save the vouchers just issued as a PDF.
The birthday dialog is also opened from the Dashboard's birthday list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.form_saving import save_and_close
from shopcrm.gui.formatting import CURRENCY_SYMBOLS
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label
from shopcrm.money import parse_money
from shopcrm.services.campaigns.lists import list_campaigns
from shopcrm.services.sales.coupons import (
    DefinitionSummary,
    birthday_recipients,
    birthday_week,
    define_coupon,
    definition_summaries,
    issue_to_birthdays_between,
    issue_to_campaign,
    offer_text,
)
from shopcrm.services.sales.products import list_products
from shopcrm.services.sales.slips import voucher_slips
from shopcrm.services.shop.clock import now

DEFAULT_DAYS_VALID = 30
CTX = "Coupons"  # translation context of the module-level texts


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> dt.date:
    value = edit.date().toPython()
    assert isinstance(value, dt.date)
    return value


def currency_symbol(ctx: AppContext) -> str:
    return CURRENCY_SYMBOLS.get(ctx.settings.currency, ctx.settings.currency + " ")


class DefineCouponDialog(QDialog):
    """A new coupon: money off over a minimum spend, a percentage off, or a free item; valid from/to."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("defineCouponDialog")
        self.setWindowTitle(self.tr("New coupon"))
        today = now().date()
        self.name = QLineEdit()
        self.name.setObjectName("couponName")
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("e.g. ¥10 off over ¥50"))
        self.kind = QComboBox()
        self.kind.setObjectName("couponKind")
        self.kind.addItem(self.tr("Money off"), "amount")
        self.kind.addItem(self.tr("Percentage off"), "percent")
        self.kind.addItem(self.tr("A free item"), "item")
        self.amount = QLineEdit()
        self.amount.setObjectName("couponAmount")
        self.percent = QSpinBox()
        self.percent.setObjectName("couponPercent")
        self.percent.setRange(1, 100)
        self.percent.setValue(10)
        self.percent.setSuffix(" %")
        self.product = QComboBox()
        self.product.setObjectName("couponProduct")
        for p in list_products(ctx.db, active_only=True):
            self.product.addItem(p.name, p.id)
        self.min_spend = QLineEdit("0")
        self.min_spend.setObjectName("couponMinimum")
        self.valid_from = _date_edit(today, "couponFrom")
        self.valid_to = _date_edit(today + dt.timedelta(days=DEFAULT_DAYS_VALID), "couponTo")
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Name"), self.name)
        self._row_with_error("name", self.name)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&Money off"), self.amount)
        self._row_with_error("amount", self.amount)
        self.form.addRow(self.tr("&Percentage off"), self.percent)
        self._row_with_error("percent", self.percent)
        self.form.addRow(self.tr("&Free item"), self.product)
        self._row_with_error("product", self.product)
        self.form.addRow(self.tr("Minimum &spend"), self.min_spend)
        self._row_with_error("min_spend", self.min_spend)
        self.form.addRow(self.tr("Valid f&rom"), self.valid_from)
        self.form.addRow(self.tr("Valid &to"), self.valid_to)
        self._row_with_error("valid_to", self.valid_to)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr("Each coupon issued from it can be used once, by the member it was "
                                            "issued to, from the first to the last day.")))
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        self._show_kind()
        self.name.setFocus()

    def _row_with_error(self, field: str, widget: QWidget) -> None:
        error = ErrorLabel()
        self.form.addRow("", error)
        self.errors.add(field, error, widget)

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        self.form.setRowVisible(self.amount, kind == "amount")
        self.form.setRowVisible(self.percent, kind == "percent")
        self.form.setRowVisible(self.product, kind == "item")

    def save(self) -> None:
        self.errors.clear()
        kind = self.kind.currentData()
        try:
            amount = parse_money(self.amount.text(), field="amount", exact=True) if kind == "amount" else 0
            minimum = parse_money(self.min_spend.text() or "0", field="min_spend", exact=True)
        except ShopError as exc:
            self.errors.show(exc)
            return
        db, name, percent = self.ctx.db, self.name.text(), self.percent.value()
        product = self.product.currentData() if kind == "item" else None
        start, end = _day(self.valid_from), _day(self.valid_to)
        save_and_close(
            self, self.ctx, self.errors,
            lambda _c: define_coupon(db, name, kind, amount_cents=amount, percent=percent, product_id=product,
                                     min_spend_cents=minimum, valid_from=start, valid_to=end),
            kind="coupon", saved=self.saved.emit)


class IssueCouponDialog(QDialog):
    """Issue one coupon to each member of a saved list ("campaign") or with a birthday in some days
    ("birthday"); afterwards the vouchers just issued can be saved as a PDF (80 mm or A4)."""

    issued = Signal(int, list)  # definition id, the codes

    def __init__(self, ctx: AppContext, mode: str, parent: QWidget | None = None, *,
                 definition_id: int | None = None, days: tuple[dt.date, dt.date] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.mode = ctx, mode
        self.codes: list[str] = []
        self.issued_definition: int | None = None
        self.setObjectName("issueCouponDialog")
        self.setWindowTitle(self.tr("Birthday coupons") if mode == "birthday" else self.tr("Coupons for a saved list"))
        today = now().date()
        symbol = currency_symbol(ctx)
        self.definition = QComboBox()
        self.definition.setObjectName("issueDefinition")
        self.summaries: list[DefinitionSummary] = [x for x in definition_summaries(ctx.db)
                                                   if x.definition.valid_to >= today]
        for x in self.summaries:
            d = x.definition
            self.definition.addItem(self.tr("{name}: {offer}, until {end}").format(
                name=d.name, offer=offer_text(d, x.product_name, symbol), end=d.valid_to.isoformat()), d.id)
        if definition_id is not None and self.definition.findData(definition_id) >= 0:
            self.definition.setCurrentIndex(self.definition.findData(definition_id))
        form = QFormLayout()
        form.addRow(self.tr("&Coupon"), self.definition)
        self.campaign = QComboBox()
        self.campaign.setObjectName("issueCampaign")
        start, end = days or birthday_week(today)
        self.start = _date_edit(start, "birthdayFrom")
        self.end = _date_edit(end, "birthdayTo")
        if mode == "campaign":
            for c in list_campaigns(ctx.db):
                self.campaign.addItem(self.tr("{name} ({count} members)").format(name=c.name, count=c.member_count), c.id)
            form.addRow(self.tr("Saved &list"), self.campaign)
        else:
            form.addRow(self.tr("Birthdays &from"), self.start)
            form.addRow(self.tr("&to"), self.end)
        self.preview = hint_label()
        self.preview.setObjectName("issuePreview")
        self.outcome = QLabel()
        self.outcome.setObjectName("issueOutcome")
        self.outcome.setWordWrap(True)
        self.general_error = ErrorLabel()
        self.issue_button = QPushButton(self.tr("&Issue"))
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("80 mm receipt"), "80mm")
        self.paper.addItem(self.tr("A4"), "a4")
        self.pdf_button = QPushButton(self.tr("&Vouchers as PDF…"))
        self.pdf_button.setObjectName("vouchersPdf")
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.save_vouchers)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.paper)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        if mode == "birthday":
            layout.addWidget(hint_label(self.tr("Members whose birthday falls on one of these days get one coupon "
                                                "each; a lunar (农历) birthday counts on this year's solar date. "
                                                "Nobody gets the same coupon twice for one birthday.")))
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.outcome)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())
        for combo in (self.definition, self.campaign):
            combo.currentIndexChanged.connect(lambda _i: self.update_preview())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.update_preview())
        self.update_preview()
        self.definition.setFocus()

    def update_preview(self) -> None:
        self.general_error.clear_message()
        definition = self.definition.currentData()
        ready = definition is not None
        if definition is None:
            self.preview.setText(self.tr("Define a coupon that is still valid first."))
        elif self.mode == "campaign":
            ready = self.campaign.currentData() is not None
            self.preview.setText(self.tr("Every active member of the list gets one coupon.") if ready
                                 else self.tr("There is no saved list yet: save one in Campaigns first."))
        else:
            try:
                found = birthday_recipients(self.ctx.db, definition, _day(self.start), _day(self.end))
            except ShopError as exc:
                self.preview.setText("")
                self.general_error.show_message(exc.message())
                ready = False
            else:
                ready = bool(found.member_ids)
                text = self.tr("Members with a birthday in these days who get a coupon: {count}.").format(
                    count=len(found.member_ids))
                if found.already:
                    text += " " + self.tr("Already given this coupon for their birthday: {count}.").format(
                        count=found.already)
                self.preview.setText(text)
        self.issue_button.setEnabled(ready and not self.codes)

    def issue(self) -> None:
        definition = self.definition.currentData()
        if definition is None:
            return
        db = self.ctx.db
        self.issue_button.setEnabled(False)
        mode, campaign, start, end = self.mode, self.campaign.currentData(), _day(self.start), _day(self.end)

        def job(_c: object) -> list[str]:
            if mode == "campaign":
                return issue_to_campaign(db, definition, campaign)
            return issue_to_birthdays_between(db, definition, start, end)

        self.ctx.run(job, label=self.windowTitle(), kind="coupon", on_done=lambda codes: self._done(definition, codes),
                     on_error=self._failed, parent=self)

    def _done(self, definition: int, codes: list[str]) -> None:
        self.codes, self.issued_definition = list(codes), definition
        self.outcome.setText(self.tr("Coupons issued: {count}.").format(count=len(codes)))
        self.pdf_button.setEnabled(bool(codes))
        for w in (self.definition, self.campaign, self.start, self.end):
            w.setEnabled(False)
        self.issued.emit(definition, list(codes))
        (self.pdf_button if codes else self.close_button).setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.issue_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.general_error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)

    def save_vouchers(self) -> None:
        if self.issued_definition is None or not self.codes:
            return
        message = save_vouchers_pdf(self.ctx, self, self.issued_definition, self.paper.currentData(), set(self.codes))
        if message:
            self.outcome.setText(message)


def save_vouchers_pdf(ctx: AppContext, parent: QWidget, definition_id: int, paper: str,
                      codes: set[str] | None = None) -> str:
    """Ask where, write one voucher per coupon (code and QR code); returns what to tell the owner."""
    # the printing layer loads on first use (start-up speed)
    from shopcrm.gui.printing.slip import write_slips_pdf

    path = ask_save_name(parent, QCoreApplication.translate("Coupons", "Save vouchers"),
                         f"vouchers-{definition_id}.pdf", QCoreApplication.translate("Coupons", "PDF (*.pdf)"))
    if not path:
        return ""
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        pages = write_slips_pdf(voucher_slips(ctx.db, definition_id, codes=codes), path, paper)
    except ShopError as exc:
        return exc.message()
    return QCoreApplication.translate("Coupons", "Vouchers saved: {count}, in {path}.").format(count=pages, path=path)
