"""The Catalogue screen (SPEC §8): every product with its code, category, price, launch date and
state; filters by category, on sale / retired and the review list; add, edit, retire, categories
and price-list import.  The catalogue is a few hundred rows, read at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.catalogue.categories_dialog import CategoriesDialog
from shopcrm.gui.catalogue.price_list_dialog import PriceListDialog
from shopcrm.gui.catalogue.product_dialog import ProductDialog
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.widgets import hint_label, member_table_view, title_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.sales.catalogue import list_catalogue, list_categories, mark_reviewed
from shopcrm.services.sales.products import ProductView, set_product_active

CTX = "CatalogueView"
REASONS = {
    "sales_import": QT_TRANSLATE_NOOP("CatalogueView", "price guessed from sales"),
    "price_list": QT_TRANSLATE_NOOP("CatalogueView", "added by a price-list import"),
}
TO_CHECK = QT_TRANSLATE_NOOP("CatalogueView", "to check")
QT_TRANSLATE_NOOP("CatalogueView", "Code")
QT_TRANSLATE_NOOP("CatalogueView", "Product")
QT_TRANSLATE_NOOP("CatalogueView", "Category")
QT_TRANSLATE_NOOP("CatalogueView", "Price")
QT_TRANSLATE_NOOP("CatalogueView", "Launch date")
QT_TRANSLATE_NOOP("CatalogueView", "On sale")
QT_TRANSLATE_NOOP("CatalogueView", "Review")


def _yes_no(flag: bool) -> str:
    return QCoreApplication.translate("CatalogueView", "yes") if flag else QCoreApplication.translate("CatalogueView", "retired")


def _review(p: ProductView) -> str:
    if not p.needs_review:
        return ""
    return QCoreApplication.translate(CTX, REASONS.get(p.review_reason or "", TO_CHECK))


def create_view(ctx: AppContext) -> QWidget:
    return CatalogueView(ctx)


class CatalogueView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("catalogueView")
        self.ctx = ctx
        self.products: list[ProductView] = []
        currency = ctx.settings.currency
        columns: list[ListColumn[ProductView]] = [
            ListColumn("Code", CTX, lambda p: p.code or ""),
            ListColumn("Product", CTX, lambda p: p.name),
            ListColumn("Category", CTX, lambda p: p.category or ""),
            ListColumn("Price", CTX, lambda p: money(p.price_cents, currency), numeric=True),
            ListColumn("Launch date", CTX, lambda p: date_text(p.launched_on)),
            ListColumn("On sale", CTX, lambda p: _yes_no(p.active)),
            ListColumn("Review", CTX, _review, tooltip=_review),
        ]
        self.model: ListTableModel[ProductView] = ListTableModel(columns, parent=self)
        self.table = member_table_view(self.model, "catalogueTable")
        self.table.setSortingEnabled(False)  # kept in name order by the service
        header = self.table.horizontalHeader()
        for col, width in enumerate((70, 160, 100, 80, 95, 60)):
            header.resizeSection(col, width)

        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(self.tr("Name, code or pinyin initials (mmc)"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setObjectName("categoryFilter")
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.state.addItem(self.tr("On sale"), True)
        self.state.addItem(self.tr("Retired"), False)
        self.state.addItem(self.tr("All products"), None)
        self.review_only = QCheckBox(self.tr("Only products to &review"))
        self.count_label = QLabel()

        self.new_button = QPushButton(self.tr("&New product…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.retire_button = QPushButton(self.tr("Re&tire"))
        self.reviewed_button = QPushButton(self.tr("Price &checked"))
        self.reviewed_button.setToolTip(self.tr("Take the selected product off the review list as it is"))
        self.categories_button = QPushButton(self.tr("C&ategories…"))
        self.import_button = QPushButton(self.tr("&Import price list…"))
        for b in (self.edit_button, self.retire_button, self.reviewed_button):
            b.setEnabled(False)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(self.tr("Category:")))
        filters.addWidget(self.category, 1)
        filters.addWidget(self.state)
        filters.addWidget(self.review_only)
        actions = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.retire_button, self.reviewed_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.categories_button)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Catalogue")))
        layout.addWidget(hint_label(self.tr(
            "Prices here are what the counter charges; a new price never changes a sale already made. "
            "Products an import created are marked for review until you check their price.")))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)

        self.search.textChanged.connect(self._apply_filter)
        self.category.currentIndexChanged.connect(self._apply_filter)
        self.state.currentIndexChanged.connect(self._apply_filter)
        self.review_only.toggled.connect(self._apply_filter)
        self.review_only.toggled.connect(lambda on: self.state.setEnabled(not on))  # the review list holds both
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_product())
        self.table.activated.connect(lambda _i: self.edit_product())
        self.new_button.clicked.connect(self.new_product)
        self.edit_button.clicked.connect(self.edit_product)
        self.retire_button.clicked.connect(self.toggle_active)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.categories_button.clicked.connect(self.edit_categories)
        self.import_button.clicked.connect(self.import_price_list)
        self._new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self._new_shortcut.activated.connect(self.new_product)
        self._find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self._find_shortcut.activated.connect(lambda: self.search.setFocus())
        self.reloader = ReloadWhenShown(self, self.reload, ("product", "import", "demo", "restore"))
        ctx.operation_finished.connect(self.reloader.data_changed)
        self.reload()

    # ---- data ----------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        if select is None:
            current = self.selected()
            select = current.id if current else None
        try:
            self.products = list_catalogue(self.ctx.db)
            categories = list_categories(self.ctx.db)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            return
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for cat in categories:
            self.category.addItem(cat.name, cat.name)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)) if chosen else 0)
        self.category.blockSignals(False)
        self._apply_filter(select=select)

    def visible_products(self) -> list[ProductView]:
        text = self.search.text().strip()
        category = self.category.currentData()
        state = self.state.currentData()
        review = self.review_only.isChecked()
        return [
            p for p in self.products
            if (not text or p.matches(text))
            and (category is None or p.category == category)
            # the review list holds retired products too: their price needs a look all the same
            and (p.needs_review if review else (state is None or p.active == state))
        ]

    def _apply_filter(self, *_args: Any, select: int | None = None) -> None:
        rows = self.visible_products()
        self.model.set_rows(rows)
        to_review = sum(1 for p in self.products if p.needs_review)
        self.count_label.setText(self.tr("{shown} of {total} products; {review} to review").format(
            shown=len(rows), total=len(self.products), review=to_review))
        if select is not None:
            for i, p in enumerate(rows):
                if p.id == select:
                    self.table.selectRow(i)
                    break
        self._update_buttons()

    def selected(self) -> ProductView | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        row = indexes[0].row()
        return self.model.row(row) if 0 <= row < self.model.rowCount() else None

    def _update_buttons(self) -> None:
        p = self.selected()
        self.edit_button.setEnabled(p is not None)
        self.retire_button.setEnabled(p is not None)
        self.reviewed_button.setEnabled(p is not None and p.needs_review)
        self.retire_button.setText(self.tr("Put on &sale") if p is not None and not p.active else self.tr("Re&tire"))

    def on_shown(self) -> None:
        self.reloader.shown()

    def initial_focus(self) -> None:
        self.search.setFocus()

    # ---- actions -------------------------------------------------------------------------------
    def new_product(self) -> None:
        dialog = ProductDialog(self.ctx, parent=self)
        dialog.saved.connect(lambda view: self.reload(select=view.id))
        dialog.open()

    def edit_product(self) -> None:
        p = self.selected()
        if p is None:
            return
        dialog = ProductDialog(self.ctx, p, parent=self)
        dialog.saved.connect(lambda view: self.reload(select=view.id))
        dialog.open()

    def toggle_active(self) -> None:
        p = self.selected()
        if p is None:
            return
        db, pid, active = self.ctx.db, p.id, not p.active
        self.ctx.run(lambda _c: set_product_active(db, pid, active), label=self.tr("Saving product"), kind="product",
                     on_done=lambda view: self.reload(select=view.id), parent=self)

    def mark_reviewed(self) -> None:
        p = self.selected()
        if p is None:
            return
        db, pid = self.ctx.db, p.id
        self.ctx.run(lambda _c: mark_reviewed(db, [pid]), label=self.tr("Saving product"), kind="product", parent=self)

    def edit_categories(self) -> None:
        CategoriesDialog(self.ctx, self).open()

    def import_price_list(self) -> None:
        PriceListDialog(self.ctx, self).open()
