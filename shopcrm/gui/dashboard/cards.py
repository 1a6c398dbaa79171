"""A KPI card: a caption, a big figure and one line of context under it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from shopcrm.gui.style import OK, WARNING


class KpiCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(caption)
        self.caption.setObjectName("hint")
        self.figure = QLabel("—")
        self.figure.setObjectName("bigFigure")
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.figure)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_value(self, figure: str, note: str = "", *, trend: int = 0, tooltip: str = "") -> None:
        """`trend` > 0 colours the note green (better than before), < 0 red, 0 neutral."""
        self.figure.setText(figure)
        self.note.setText(note)
        color = OK if trend > 0 else WARNING if trend < 0 else ""
        self.note.setStyleSheet(f"color: {color};" if color else "")
        self.setToolTip(tooltip)
