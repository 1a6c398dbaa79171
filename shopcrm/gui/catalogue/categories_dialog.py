"""Categories (bread, cake, drink ...): add one, or rename one for every product in it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.services.sales.catalogue import CategoryView, add_category, list_categories, rename_category


class CategoriesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoriesDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Categories"))
        self.setMinimumWidth(380)
        self.list = QListWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("category name, e.g. 面包"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.rename_button = QPushButton(self.tr("&Rename"))
        self.rename_button.setEnabled(False)
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.rename_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr("Renaming a category renames it for every product in it.")))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.name.returnPressed.connect(self.add)
        self.list.currentItemChanged.connect(self._picked)
        self.reload()
        self.name.setFocus()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for cat in list_categories(self.ctx.db):
            item = QListWidgetItem(self.tr("{name} ({count} products)").format(name=cat.name, count=cat.products))
            item.setData(Qt.ItemDataRole.UserRole, cat.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, cat.name)
            self.list.addItem(item)
            if cat.id == select:
                self.list.setCurrentItem(item)

    def _picked(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        self.rename_button.setEnabled(item is not None)
        if item is not None:
            self.name.setText(str(item.data(Qt.ItemDataRole.UserRole + 1)))

    def add(self) -> None:
        text = self.name.text()
        self._write(lambda _c: add_category(self.ctx.db, text))

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        cat_id, text = int(item.data(Qt.ItemDataRole.UserRole)), self.name.text()
        self._write(lambda _c: rename_category(self.ctx.db, cat_id, text))

    def _write(self, fn: Any) -> None:
        self.error.clear_message()
        self.ctx.run(fn, label=self.tr("Saving category"), kind="product", on_done=self._done, on_error=self._failed, parent=self)

    def _done(self, cat: CategoryView) -> None:
        self.reload(select=cat.id)
        self.name.clear()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            self.error.show_message(exc.message())
            self.name.setFocus()
        else:
            self.ctx.show_error(exc, self)
