"""Choosing and ordering a list's columns: tick what to print, move it up or down."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.services.campaigns.columns import COLUMN_BY_KEY, COLUMNS, DEFAULT_COLUMNS, MAX_COLUMNS


class ColumnsDialog(QDialog):
    def __init__(self, chosen: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns of the list"))
        self.list = QListWidget()
        self.list.setObjectName("columnsList")
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        order = [k for k in chosen if k in COLUMN_BY_KEY] + [c.key for c in COLUMNS if c.key not in chosen]
        for key in order:
            item = QListWidgetItem(COLUMN_BY_KEY[key].heading())
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.up = QPushButton(self.tr("Move &up"))
        self.down = QPushButton(self.tr("Move &down"))
        self.reset = QPushButton(self.tr("&Default"))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.reset.clicked.connect(lambda: self.set_chosen(DEFAULT_COLUMNS))
        self.note = QLabel(self.tr("At most {n} columns fit across the page.").format(n=MAX_COLUMNS))
        self.note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.list.itemChanged.connect(lambda _i: self._update())
        side = QVBoxLayout()
        for b in (self.up, self.down, self.reset):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._update()

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, keys: Sequence[str]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                               else Qt.CheckState.Unchecked)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _update(self) -> None:
        n = len(self.chosen())
        self.ok_button.setEnabled(0 < n <= MAX_COLUMNS)

    def _accept(self) -> None:
        if 0 < len(self.chosen()) <= MAX_COLUMNS:
            self.accept()
