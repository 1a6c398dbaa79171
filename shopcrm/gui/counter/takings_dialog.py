"""End-of-day takings (日结) on screen: pick the day, read the figures, save them for the receipt
printer (80 mm) or A4.  Opened from the counter with F11."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.services.sales.slips import Slip, takings_slip


class TakingsDialog(QDialog):
    def _day(self) -> dt.date:
        chosen = self.day.date().toPython()
        assert isinstance(chosen, dt.date)
        return chosen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.slip: Slip | None = None
        self.setWindowTitle(self.tr("Takings"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("takingsDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("takingsTable")
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("80 mm receipt"), "80mm")
        self.paper.addItem(self.tr("A4"), "a4")
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.saved = hint_label()
        self.errors = ErrorLabel()
        day_caption = QLabel(self.tr("&Day"))
        day_caption.setBuddy(self.day)
        top = QHBoxLayout()
        top.addWidget(day_caption)
        top.addWidget(self.day)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.paper)
        bottom.addWidget(self.save_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved)
        layout.addWidget(self.errors)
        layout.addLayout(bottom)
        self.resize(460, 560)
        self.reload()

    def reload(self) -> None:
        self.errors.clear_message()
        try:
            self.slip = takings_slip(self.ctx.db, self._day())
        except ShopError as exc:
            self.errors.show_message(exc.message())
            return
        self.table.setRowCount(len(self.slip.lines))
        for row, line in enumerate(self.slip.lines):
            for col, text in enumerate((line.label, line.value)):
                item = QTableWidgetItem(text)
                if line.bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def value_of(self, caption: str) -> str:
        """The figure shown beside a caption (what a person reads on the screen)."""
        for row in range(self.table.rowCount()):
            cells = self.table.item(row, 0), self.table.item(row, 1)
            if cells[0] is not None and cells[1] is not None and cells[0].text().strip() == caption:
                return cells[1].text()
        raise KeyError(caption)

    def save_pdf(self) -> None:
        # lazy: Qt's printing loads only when something is printed, keeping start-up fast
        from shopcrm.gui.printing.slip import write_slips_pdf

        if self.slip is None:
            return
        day = self._day().isoformat()
        path = ask_save_name(self, self.tr("Save takings"), f"takings-{day}.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_slips_pdf([self.slip], path, self.paper.currentData())
        except ShopError as exc:
            self.errors.show_message(exc.message())
            return
        self.saved.setText(self.tr("Saved to {path}.").format(path=path))
