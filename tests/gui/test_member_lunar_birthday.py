"""The member form takes a lunar (农历) birthday: typed as people write it, 'Lunar' chosen with the
keyboard; the counter card's birthday note uses this year's solar date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import birthday_note
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.services.members.records import find_members

pytestmark = pytest.mark.gui


def type_text(widget: QWidget, text: str) -> None:
    """Type as a person does: ASCII on the keyboard, Chinese committed by the input method (QTest's
    key clicks take ASCII only)."""
    widget.setFocus()
    for ch in text:
        if ch.isascii():
            QTest.keyClick(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def test_a_lunar_birthday_is_entered_and_kept(qtbot: Any, ctx: AppContext) -> None:
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.phone, "13900001234")
    QTest.keyClicks(dialog.name, "Granny Wang")
    type_text(dialog.birthday, "1950年闰四月初八")
    dialog.birthday_calendar.setFocus()
    QTest.keyClick(dialog.birthday_calendar, Qt.Key.Key_Down)
    assert dialog.birthday_calendar.currentData() == "lunar"
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_member is not None, timeout=5000)
    member = find_members(ctx.db, "1234")[0]
    assert (member.birth_month, member.birth_day, member.birth_calendar, member.birth_leap_month) == (4, 8, "lunar", True)
    assert member.birthday == "1950 农历闰四月初八"

    # edited again: the form shows the lunar birthday and keeps it as it is
    edit = MemberDialog(ctx, member)
    qtbot.addWidget(edit)
    assert edit.birthday.text() == "1950 农历闰四月初八" and edit.birthday_calendar.currentData() == "lunar"
    assert edit.data().lunar_birthday


def test_a_text_that_is_no_lunar_date_shows_its_error_beside_the_field(qtbot: Any, ctx: AppContext) -> None:
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.phone, "13900001235")
    type_text(dialog.birthday, "四月三十二")
    dialog.birthday_calendar.setFocus()
    QTest.keyClick(dialog.birthday_calendar, Qt.Key.Key_Down)
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.label("birthday").isVisible(), timeout=5000)
    assert "lunar" in dialog.errors.label("birthday").text()


def test_the_counter_note_shows_a_lunar_birthday_in_its_week() -> None:
    # 农历四月初八 is 24 May 2026
    assert birthday_note(4, 8, dt.date(2026, 5, 20), calendar="lunar", leap_month=False) == "Birthday this week (05-24)"
    assert birthday_note(4, 8, dt.date(2026, 5, 24), calendar="lunar") == "Birthday today!"
    assert birthday_note(4, 8, dt.date(2026, 4, 5), calendar="lunar") == ""
    assert birthday_note(4, 8, dt.date(2026, 4, 5)) == "Birthday this week (04-08)"
