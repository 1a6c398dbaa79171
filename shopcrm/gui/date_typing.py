"""Typing a whole date into a date field: 20260906 as well as 2026-9-6, 2026/9/6 or 2026年9月6日.

With the whole date selected, QDateEdit took the first digit for the whole text and kept the old
year; a separator typed after a part it had completed (and moved on from) skipped the next part.
This filter starts a typed date at its first part, swallows such a separator, and treats / . 年 月
like the field's own '-'.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit

SEPARATORS = "-/.年月日 "


class DateTyping(QObject):
    """Install on a QDateEdit (`DateTyping.install(edit)`)."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self._last_digit_section: QDateTimeEdit.Section | None = None  # the part the last digit went to

    @classmethod
    def install(cls, edit: QDateTimeEdit) -> DateTyping:
        typing = cls(edit)
        edit.installEventFilter(typing)
        return typing

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self._last_digit_section = None
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        section = self.edit.currentSection()
        if text and text in SEPARATORS:
            if self._last_digit_section is not None and section != self._last_digit_section:
                self._last_digit_section = None
                return True  # the part was complete and the field moved on already: the separator is typed
            following = self._next(section)
            if following is not None:
                self.edit.setSelectedSection(following)
            self._last_digit_section = None
            return True
        if not text or not text.isdigit():
            self._last_digit_section = None
            return False
        line = self.edit.lineEdit()
        if line is not None and len(line.selectedText()) > len(self.edit.sectionText(section)):
            # The whole date is selected (Ctrl+A, a double click): a typed date starts at its first part.
            order = self._order()
            if order:
                self.edit.setSelectedSection(order[0])
                section = order[0]
        self._last_digit_section = section
        return False

    def _next(self, section: QDateTimeEdit.Section) -> QDateTimeEdit.Section | None:
        order = self._order()
        if section in order and order.index(section) + 1 < len(order):
            return order[order.index(section) + 1]
        return None

    def _order(self) -> list[QDateTimeEdit.Section]:
        """The date's parts in the order the field shows them."""
        order = [s for s in (QDateTimeEdit.Section.YearSection, QDateTimeEdit.Section.MonthSection,
                             QDateTimeEdit.Section.DaySection) if self.edit.displayedSections() & s]
        order.sort(key=lambda s: self.edit.displayFormat().find({QDateTimeEdit.Section.YearSection: "y",
                                                                 QDateTimeEdit.Section.MonthSection: "M",
                                                                 QDateTimeEdit.Section.DaySection: "d"}[s]))
        return order
