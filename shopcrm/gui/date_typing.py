"""Typing a whole date into a date field: 20260906 as well as 2026-9-6, 2026/9/6 or 2026年9月6日.

With the whole date selected, QDateEdit took the first digit for the whole text and kept the old
year; a separator typed after a part it had completed (and moved on from) skipped the next part.
This filter starts a typed date at its first part, swallows such a separator, and treats / . 年 月
like the field's own '-'.

QDateEdit also refuses, without a word, a keystroke that would make an impossible date (the last
1 of 20250231) and leaves whatever part it had.  So the keys of a date typed from its start are
followed as well: when the date is complete (8 digits, a two-digit day, Enter, or leaving the
field) it is read as a whole, and a date that does not exist, or that the field does not take,
puts the field back to the date it had and says why just below it.
"""

from __future__ import annotations

import calendar
import re

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit, QLabel

SEPARATORS = "-/.年月日 "
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SEPARATED = re.compile(r"^(\d{4})[-/.年月日 ]+(\d{1,2})[-/.年月日 ]+(\d{1,2})[-/.年月日 ]*$")
_COMPLETE_SEPARATED = re.compile(r"^\d{4}[-/.年月日 ]+\d{1,2}[-/.年月日 ]+\d{2}$")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def typed_date_problem(typed: str, first: QDate, last: QDate) -> tuple[QDate | None, str]:
    """The date typed keys make, or None with the reason a person reads (in the current language)."""
    translate = QCoreApplication.translate
    m = _COMPACT.match(typed) or _SEPARATED.match(typed)
    if m is None:
        return None, translate("DateTyping", "\"{typed}\" is not a whole date: type the year, month and day, e.g. 20260906 "
                                      "or 2026-9-6.").format(typed=typed)
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return None, translate("DateTyping", "\"{typed}\" is not a date: there is no month {month}.").format(
            typed=typed, month=month)
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        return None, translate("DateTyping", "\"{typed}\" is not a date: month {month} of {year} has {days} days.").format(
            typed=typed, month=month, year=year, days=days)
    date = QDate(year, month, day)
    if date > last:
        return None, translate("DateTyping", "{date} is after {last}, the latest date this field takes.").format(
            date=date.toString("yyyy-MM-dd"), last=last.toString("yyyy-MM-dd"))
    if date < first:
        return None, translate("DateTyping", "{date} is before {first}, the earliest date this field takes.").format(
            date=date.toString("yyyy-MM-dd"), first=first.toString("yyyy-MM-dd"))
    return date, ""


class DateTyping(QObject):
    """Install on a QDateEdit (`DateTyping.install(edit)`)."""

    refused = Signal(str)  # a typed date was not taken: the reason shown below the field

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self._last_digit_section: QDateTimeEdit.Section | None = None  # the part the last digit went to
        self._typed: str | None = None  # the keys of a date typed from its start, None when not typing one
        self._before = QDate()  # the field's date when that typing began
        self._message: QLabel | None = None
        self._kept = QDate()  # the date the field was put back to when the message was shown
        edit.dateChanged.connect(self._date_changed)

    @classmethod
    def install(cls, edit: QDateTimeEdit) -> DateTyping:
        typing = cls(edit)
        edit.installEventFilter(typing)
        return typing

    # ---- the message below the field --------------------------------------------------------------
    def message(self) -> QLabel:
        """The label that says why a typed date was not taken (over the window, just below the field)."""
        window = self.edit.window()
        if self._message is None or self._message.parentWidget() is not window:
            self._message = QLabel(window)
            self._message.setObjectName("dateTypingMessage")
            self._message.setWordWrap(True)
            self._message.setStyleSheet("QLabel { color: #b3261e; background: #fff4f2; border: 1px solid #e6b8b2;"
                                        " border-radius: 4px; padding: 4px 8px; }")
            self._message.hide()
        return self._message

    def _say(self, text: str) -> None:
        label = self.message()
        label.setText(text)
        window = self.edit.window()
        width = min(max(self.edit.width(), 320), max(window.width() - 16, 120))
        label.setFixedWidth(width)
        label.adjustSize()
        below = self.edit.mapTo(window, QPoint(0, self.edit.height() + 2))
        x = max(8, min(below.x(), window.width() - width - 8))
        label.move(x, below.y())
        label.show()
        label.raise_()
        self.refused.emit(text)

    def _quiet(self) -> None:
        if self._message is not None:
            self._message.hide()

    def _date_changed(self, date: QDate) -> None:
        if date != self._kept:  # another date taken (typed, picked, set) answers the message
            self._quiet()

    # ---- typing -----------------------------------------------------------------------------------
    def _finish(self, *, complete_only: bool) -> bool:
        """Read the typed date once it is whole; True when it was refused (the field is put back)."""
        typed = self._typed
        if typed is None or (complete_only and not (_COMPACT.match(typed) or _COMPLETE_SEPARATED.match(typed))):
            return False
        self._typed = None
        date, problem = typed_date_problem(typed, self.edit.minimumDate(), self.edit.maximumDate())
        if date is None:
            self._kept = self._before
            self.edit.setDate(self._before)
            self._say(problem)
            return True
        QTimer.singleShot(0, lambda d=date: self._taken(d))
        return False

    def _taken(self, date: QDate) -> None:
        """After the field had the last key: it should show the typed date; else put it back and say so."""
        if self.edit.date() != date:
            self.edit.setDate(date)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self._last_digit_section = None
        if event.type() == QEvent.Type.FocusOut:
            self._finish(complete_only=False)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() in ENTER_KEYS:
            refused = self._finish(complete_only=False)
            return refused  # a refused date does not also "press Enter" in the screen
        text = event.text()
        section = self.edit.currentSection()
        if text and text in SEPARATORS:
            if self._typed is not None:
                self._typed += text
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
            self._typed = None  # arrows, Backspace ...: the owner edits part by part now
            return False
        line = self.edit.lineEdit()
        order = self._order()
        whole = line is not None and len(line.selectedText()) > len(self.edit.sectionText(section))
        if whole and order:
            # The whole date is selected (Ctrl+A, a double click): a typed date starts at its first part.
            self.edit.setSelectedSection(order[0])
            section = order[0]
        starting = whole or (bool(order) and section == order[0] and line is not None
                             and line.selectedText() == self.edit.sectionText(section) != "")
        if starting:
            self._typed, self._before = "", self.edit.date()
            self._quiet()
        if self._typed is not None:
            self._typed += text
            if self._finish(complete_only=True):
                self._last_digit_section = None
                return True  # the key that made the date impossible is not typed
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
