"""A compact 'pick several' filter: a button naming the choices made, with a checkable menu.

Promotion lists need "gold or platinum", "at risk or churned": a combo box picks one value only,
a list widget per filter takes too much room.  Nothing checked means 'any'.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget


class MultiChoice(QToolButton):
    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._actions: list[QAction] = []
        self._update_text()

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        """(value, label) pairs; the values already chosen stay chosen if still offered."""
        chosen = set(self.values())
        self._menu.clear()
        self._actions = []
        for value, label in choices:
            action = QAction(label, self._menu)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            action.toggled.connect(self._toggled)
            self._menu.addAction(action)
            self._actions.append(action)
        if self._actions:
            self._menu.addSeparator()
            clear = self._menu.addAction(self.tr("Any"))
            clear.triggered.connect(self.clear)
        self.setEnabled(bool(self._actions))
        self._update_text()

    def values(self) -> list[object]:
        return [a.data() for a in self._actions if a.isChecked()]

    def set_values(self, values: Sequence[object]) -> None:
        wanted = set(values)
        changed = False
        for action in self._actions:
            state = action.data() in wanted
            if action.isChecked() != state:
                action.blockSignals(True)
                action.setChecked(state)
                action.blockSignals(False)
                changed = True
        self._update_text()
        if changed:
            self.changed.emit()

    def clear(self) -> None:
        self.set_values([])

    def choices(self) -> list[object]:
        return [a.data() for a in self._actions]

    def _toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [a.text() for a in self._actions if a.isChecked()]
        if not chosen:
            text = self.tr("{title}: any").format(title=self.title)
        elif len(chosen) <= 2:
            text = f"{self.title}: {', '.join(chosen)}"
        else:
            text = self.tr("{title}: {n} chosen").format(title=self.title, n=len(chosen))
        self.setText(text)
        self.setToolTip(f"{self.title}: {', '.join(chosen)}" if chosen else self.title)
