"""Small widgets every screen uses: a screen title, field-attached error messages, a busy hint,
the read-only member table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QTableView, QWidget

from shopcrm.errors import ShopError, ValidationError


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("screenTitle")
    return label


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def member_table_view(model: QAbstractItemModel, object_name: str) -> QTableView:
    """A read-only, row-selecting, sortable table over a member model (sorted in SQL by the model)."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(96)
    header.setStretchLastSection(True)
    return table


class FittingFrame(QFrame):
    """A frame as tall as its wrapped lines need at its present width.  Box layouts do not pass
    height-for-width up through a screen stack, so a card of wrapped text got the height of its
    one-line size hint and its last lines were cut at 1024x768."""

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
            if need > 0 and need != self.minimumHeight():
                self.setMinimumHeight(need)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a line's text changed: it may wrap differently
            self._fit()
        return handled


class ErrorLabel(QLabel):
    """A red line under a field; empty and hidden when the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


class FieldErrors:
    """Maps a ValidationError's field name to the ErrorLabel beside that field.

    Errors naming no known field go to the `fallback` label, so nothing is ever swallowed."""

    def __init__(self, fallback: ErrorLabel) -> None:
        self._labels: dict[str, ErrorLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.fallback = fallback

    def add(self, field: str, label: ErrorLabel, widget: QWidget | None = None) -> None:
        self._labels[field] = label
        if widget is not None:
            self._widgets[field] = widget

    def clear(self) -> None:
        for label in {*self._labels.values(), self.fallback}:
            label.clear_message()

    def show(self, exc: ShopError) -> str:
        """Show the message beside its field (and focus it); returns the field name used."""
        self.clear()
        field = exc.field if isinstance(exc, ValidationError) else None
        label = self._labels.get(field or "", self.fallback)
        label.show_message(exc.message())
        widget = self._widgets.get(field or "")
        if widget is not None:
            widget.setFocus()
        return field if field in self._labels else ""

    def label(self, field: str) -> ErrorLabel:
        return self._labels.get(field, self.fallback)
