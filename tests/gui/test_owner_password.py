"""The owner-password dialog and the Settings page that sets, changes and removes the password.

`answer_password_dialog` drives the real modal dialog (typing, pressing OK or Cancel); the members,
settings and counter tests import it from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from input_events import click
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from shopcrm.gui.context import AppContext
from shopcrm.gui.owner_password_dialog import OwnerPasswordDialog, ask_owner_password
from shopcrm.gui.settings.owner_password_section import OwnerPasswordSection
from shopcrm.services.shop.owner_password import has_owner_password, set_owner_password, verify_owner_password

pytestmark = pytest.mark.gui


@dataclass
class PasswordAnswers:
    """What happened in the dialog: opened or not, its reason, the error after each refused try."""

    opened: int = 0
    reasons: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def retype(field: QLineEdit, text: str) -> None:
    """Click into the field, select what is there and type over it."""
    click(field)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, text)
    assert field.text() == text


def answer_password_dialog(*passwords: str, attempts: int = 300) -> PasswordAnswers:
    """When the next owner-password dialog opens: type each password in turn and press OK, noting
    the error shown after each one refused; press Cancel if it is still open after the last."""
    seen = PasswordAnswers()

    def act(left: int) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, OwnerPasswordDialog) and w.isVisible()), None)
        if dialog is None or not dialog.isActiveWindow():  # typed once it has the keyboard
            if left:
                QTimer.singleShot(10, lambda: act(left - 1))
            return
        seen.opened += 1
        seen.reasons.append(dialog.reason.text())
        seen.titles.append(dialog.windowTitle())
        for password in passwords:
            retype(dialog.password, password)
            click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
            if not dialog.isVisible():
                return
            seen.errors.append(dialog.error.text())
        click(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    QTimer.singleShot(0, lambda: act(attempts))
    return seen


def test_nothing_is_asked_when_no_password_is_set(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(OwnerPasswordDialog, "exec", lambda self: pytest.fail("the dialog was opened"))
    assert ask_owner_password(ctx.db, None, "Because.") == (True, None)


def test_a_wrong_password_is_refused_in_the_dialog_and_the_right_one_taken(qtbot: Any, ctx: AppContext) -> None:
    set_owner_password(ctx.db, "counter-secret")
    seen = answer_password_dialog("", "wrong", "counter-secret")
    assert ask_owner_password(ctx.db, None, "Erasing a member needs the owner password.") == (True, "counter-secret")
    assert seen.opened == 1 and seen.reasons == ["Erasing a member needs the owner password."]
    assert seen.titles == ["Owner password"]
    assert seen.errors == ["Type the owner password.", "The owner password is wrong."]


def test_cancel_after_a_wrong_password_goes_no_further(qtbot: Any, ctx: AppContext) -> None:
    set_owner_password(ctx.db, "counter-secret")
    seen = answer_password_dialog("guess")
    assert ask_owner_password(ctx.db, None, "Because.") == (False, None)
    assert seen.errors == ["The owner password is wrong."]


def test_the_dialog_speaks_chinese(qtbot: Any, ctx: AppContext) -> None:
    set_owner_password(ctx.db, "counter-secret")
    ctx.set_language("zh_CN")
    seen = answer_password_dialog("", "guess")
    assert ask_owner_password(ctx.db, None, "x") == (False, None)
    assert seen.titles == ["店主密码"]
    assert seen.errors == ["请输入店主密码。", "店主密码错误。"]


@pytest.fixture
def section(qtbot: Any, ctx: AppContext) -> OwnerPasswordSection:
    view = OwnerPasswordSection(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def _fill(section: OwnerPasswordSection, current: str, new: str, repeat: str) -> None:
    for widget, text in ((section.current, current), (section.new, new), (section.repeat, repeat)):
        if not widget.isVisible():  # the current password's field shows once one is set
            assert text == "", f"cannot type {text!r} into a hidden field"
            continue
        retype(widget, text)


def _settle(qtbot: Any, ctx: AppContext, section: OwnerPasswordSection) -> None:
    assert ctx.wait_idle(10)
    qtbot.waitUntil(lambda: section.set_button.isEnabled(), timeout=5000)


def test_set_change_and_remove_the_owner_password(qtbot: Any, ctx: AppContext, section: OwnerPasswordSection) -> None:
    assert section.state_label.text().startswith("No owner password is set")
    assert not section.current.isVisible() and not section.remove_button.isEnabled()
    assert section.set_button.text() == "Set &password"

    _fill(section, "", "first-pass", "first-pas")
    click(section.set_button)
    assert section.new_error.text() == "The two new passwords are not the same."
    _fill(section, "", "abc", "abc")
    click(section.set_button)
    _settle(qtbot, ctx, section)
    assert section.new_error.text() == "The password needs at least 4 characters."
    assert not has_owner_password(ctx.db)

    _fill(section, "", "first-pass", "first-pass")
    QTest.keyClick(section.repeat, Qt.Key.Key_Return)  # Enter in the last field sets it
    _settle(qtbot, ctx, section)
    assert section.result_label.text() == "The owner password is set."
    assert verify_owner_password(ctx.db, "first-pass")
    assert section.state_label.text() == "An owner password is set."
    assert section.current.isVisible() and section.remove_button.isEnabled()
    assert section.set_button.text() == "&Change password"
    assert section.new.text() == section.repeat.text() == ""

    _fill(section, "", "second-pass", "second-pass")
    click(section.set_button)
    assert section.current_error.text() == "Type the current owner password."
    _fill(section, "nope", "second-pass", "second-pass")
    click(section.set_button)
    _settle(qtbot, ctx, section)
    assert section.current_error.text() == "The owner password is wrong."
    assert verify_owner_password(ctx.db, "first-pass")
    _fill(section, "first-pass", "second-pass", "second-pass")
    click(section.set_button)
    _settle(qtbot, ctx, section)
    assert section.result_label.text() == "The owner password was changed."
    assert verify_owner_password(ctx.db, "second-pass") and not verify_owner_password(ctx.db, "first-pass")

    _fill(section, "first-pass", "", "")
    click(section.remove_button)
    _settle(qtbot, ctx, section)
    assert section.current_error.text() == "The owner password is wrong."
    assert has_owner_password(ctx.db)
    _fill(section, "second-pass", "", "")
    click(section.remove_button)
    _settle(qtbot, ctx, section)
    assert section.result_label.text() == "The owner password was removed."
    assert not has_owner_password(ctx.db)
    assert not section.current.isVisible() and not section.remove_button.isEnabled()
