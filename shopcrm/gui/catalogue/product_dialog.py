"""Add or edit a product; each validation message appears under the field it is about."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ConflictError, ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text, money
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label
from shopcrm.money import cents_to_decimal
from shopcrm.services.sales.catalogue import PriceChangeView, edit_product, list_categories, price_history
from shopcrm.services.sales.product_rules import parse_launch_date, parse_price
from shopcrm.services.sales.products import ProductView, add_product

HISTORY_SHOWN = 5


class ProductDialog(QDialog):
    """New product (product=None) or edit; emits `saved(ProductView)` once the writer stored it."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, product: ProductView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.ctx = ctx
        self.product = product
        self.result_product: ProductView | None = None
        self.setWindowTitle(self.tr("Edit product") if product else self.tr("New product"))
        self.setMinimumWidth(520)

        self.name = QLineEdit(product.name if product else "")
        self.code = QLineEdit(product.code or "" if product else "")
        self.code.setPlaceholderText(self.tr("optional, e.g. B012"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItem("")
        for cat in list_categories(ctx.db):
            self.category.addItem(cat.name)
        self.category.setCurrentText(product.category or "" if product else "")
        self.price = QLineEdit(str(cents_to_decimal(product.price_cents)) if product and product.price_cents else "")
        self.price.setPlaceholderText(self.tr("e.g. 12.50 (more than 0, less than 100,000)"))
        self.launched = QLineEdit(date_text(product.launched_on) if product else "")
        self.launched.setPlaceholderText(self.tr("YYYY-MM-DD, optional"))
        self.active = QCheckBox(self.tr("On sale"))
        self.active.setChecked(product.active if product else True)
        self.launched.setToolTip(self.tr("From this day the product counts as new (for the new-product triers)"))
        self.review_note = hint_label()
        if product is not None and product.needs_review:
            self.review_note.setText(self.tr("An import created this product and guessed its price: saving confirms it."))
        self.review_note.setVisible(bool(self.review_note.text()))
        self.history = QLabel()
        self.history.setObjectName("hint")

        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("name", self.tr("&Name"), self.name),
            ("code", self.tr("C&ode"), self.code),
            ("category", self.tr("&Category"), self.category),
            ("price", self.tr("&Price"), self.price),
            ("launched_on", self.tr("&Launch date"), self.launched),
        )
        for field, caption, widget in rows:
            error = ErrorLabel()
            error.setObjectName(f"fieldError_{field}")
            form.addRow(caption, widget)
            form.addRow("", error)
            self.errors.add(field, error, widget)
        form.addRow("", self.active)
        if product is not None:
            self._show_history(price_history(ctx.db, product.id))
            form.addRow(self.tr("Price history"), self.history)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.review_note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        (self.price if product else self.name).setFocus()

    def _show_history(self, changes: list[PriceChangeView]) -> None:
        if not changes:
            self.history.setText(self.tr("No change yet."))
            return
        currency = self.ctx.settings.currency
        lines = [
            self.tr("{when}: {old} → {new}").format(
                when=date_text(c.changed_at), old=money(c.old_price_cents, currency) or "–", new=money(c.new_price_cents, currency) or "–")
            for c in changes[:HISTORY_SHOWN]
        ]
        self.history.setText("\n".join(lines))

    def save(self) -> None:
        self.errors.clear()
        db, product = self.ctx.db, self.product
        name, code, category = self.name.text(), self.code.text(), self.category.currentText()
        price_text, launched_text, active = self.price.text(), self.launched.text(), self.active.isChecked()

        def write(_control: Any) -> ProductView:
            price = parse_price(price_text)  # checked in the job so its message lands beside the field
            launched = parse_launch_date(launched_text.strip())
            if product is None:
                return add_product(db, name, category=category, price_cents=price, launched_on=launched, code=code,
                                   active=active)
            return edit_product(db, product.id, name=name, code=code, category=category, price_cents=price,
                                launched_on=launched, active=active)

        self.buttons.setEnabled(False)
        self._job = self.ctx.run(write, label=self.tr("Saving product"), kind="product", on_done=self._saved,
                                 on_error=self._failed, parent=self)

    def _saved(self, view: ProductView) -> None:
        self.buttons.setEnabled(True)
        self.result_product = view
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ShopError):
            self.ctx.show_error(exc, self)
            return
        if isinstance(exc, ConflictError):
            # A name or code another product already has belongs beside that field.
            field = "code" if "code" in exc.params else "name"
            self.errors.clear()
            self.errors.label(field).show_message(exc.message())
            (self.code if field == "code" else self.name).setFocus()
            return
        self.errors.show(exc)
