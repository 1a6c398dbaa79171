"""The counter's product completer: typing a name, a code or pinyin initials ("mmc") offers 毛毛虫面包.

Each row shows the product's name; the completer matches on a hidden search key made of the
name, the code and the pinyin initials stored with the product (computed when the name was
saved, not per keystroke).  Choosing a row puts the plain name into the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter

from shopcrm.services.sales.products import ProductView

SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def search_key(product: ProductView) -> str:
    """What the completer matches against (case-insensitively, anywhere in the text)."""
    return "\u2002".join(part for part in (product.name, product.code or "", product.initials or "") if part)


class ProductCompletionModel(QStandardItemModel):
    def set_products(self, products: Iterable[ProductView]) -> None:
        self.clear()
        for product in products:
            item = QStandardItem(product.name)
            item.setData(search_key(product), SEARCH_ROLE)
            item.setData(product.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.appendRow(item)


class ProductCompleter(QCompleter):
    """A QCompleter over a ProductCompletionModel that matches the search key but inserts the name."""

    def __init__(self, parent: Any = None) -> None:
        self.product_model = ProductCompletionModel(parent)
        super().__init__(self.product_model, parent)
        self.setCompletionRole(SEARCH_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_products(self, products: Iterable[ProductView]) -> None:
        self.product_model.set_products(products)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt override
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")
