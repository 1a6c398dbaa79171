"""Input as a person gives it: clicks on the widget, keys into the focused field, and answers to
modal dialogs (found with a QTimer while the dialog's own event loop runs).

Imported by the GUI tests as a plain module, like gui_helpers.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QWidget,
)

# File dialogs are Qt's own, whatever desktop runs the tests: offscreen and a bare X server with openbox
# have no platform theme and give Qt's dialog anyway, but a developer's GNOME/KDE session would put up the
# desktop's native one, which keys sent through Qt cannot reach.  The app's calls are the same either way.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)

# The real message boxes, kept before the GUI conftest replaces them with "unexpected dialog" traps.
REAL_MESSAGE_BOX = {name: getattr(QMessageBox, name) for name in ("warning", "critical", "information", "question")}
REAL_MESSAGE_BOX_EXEC = QMessageBox.exec


def allow_message_boxes(monkeypatch: Any) -> None:
    """Let QMessageBox open for real (a test that answers it with input events)."""
    for name, real in REAL_MESSAGE_BOX.items():
        monkeypatch.setattr(QMessageBox, name, real)
    monkeypatch.setattr(QMessageBox, "exec", REAL_MESSAGE_BOX_EXEC)


def show_active(widget: QWidget, timeout_ms: int = 5000) -> None:
    """Show a window and wait until it is the active one, as a person's window is once the window
    manager hands it the keyboard.  On a real X display that takes a round trip to the window manager:
    until then keys go nowhere, shortcuts do not fire and `hasFocus()` is False.  (pytest-qt's
    `qtbot.waitActive`/`waitExposed` only wait when used as `with` blocks; called bare they do nothing.)"""
    window = widget.window()
    window.show()
    window.raise_()
    window.activateWindow()
    assert QTest.qWaitForWindowExposed(window, timeout_ms), f"{window!r} was not shown within {timeout_ms} ms"
    assert QTest.qWaitForWindowActive(window, timeout_ms), (
        f"{window!r} did not become the active window within {timeout_ms} ms "
        f"(active: {QApplication.activeWindow()!r}, modal: {QApplication.activeModalWidget()!r})")


def key_to_focus(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard goes: an open popup (a completer's list) first, else the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    QTest.keyClick(target, key, modifier)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into the widget: ASCII as key presses; any other run of characters (Chinese) as the
    input method hands it over, a commit of the composed text (QTest's keys carry Latin-1 only)."""
    for ascii_run, chars in itertools.groupby(text, key=str.isascii):
        run = "".join(chars)
        if ascii_run:
            QTest.keyClicks(widget, run)
        else:
            assert widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled), f"{widget!r} takes no input method"
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click on the widget (its centre unless `pos`)."""
    assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget!r}: hidden or disabled"
    if pos is None and isinstance(widget, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(widget, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        pos = widget.style().subElementRect(element, option, widget).center()  # the box, not empty room
    if pos is None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def hover(widget: QWidget, pos: QPoint) -> None:
    """The mouse pointer comes to rest on `pos` of the widget, reported to its window as the platform
    reports a move.  (QTest.mouseMove on a widget warps the real pointer on X11: the move arrives later,
    and not at all when the pointer already stands there, e.g. after a click on the same point.)"""
    top = widget.window()
    handle = top.windowHandle()
    assert handle is not None and top.isVisible(), f"{widget!r} is not on screen"
    QTest.mouseMove(handle, widget.mapTo(top, pos))


def click_tab(tabs: QTabWidget, text: str) -> None:
    """Click the tab whose title is `text` (without the & of its shortcut)."""
    bar = tabs.tabBar()
    index = next((i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == text), -1)
    assert index >= 0, f"no tab {text!r}"
    click(bar, bar.tabRect(index).center())


def click_row(view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click the cell of a table or list where a person sees it."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid(), f"row {row} is not on screen"
    click(view.viewport(), rect.center())


def double_click_row(view: QAbstractItemView, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    center = view.visualRect(index).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, center)


def open_screen(window: Any, key: str) -> QWidget:
    """Click the screen's entry in the main window's list on the left; return the screen shown."""
    keys = window.screen_keys()
    assert key in keys, f"no screen {key!r} in {keys}"
    navigation: QListWidget = window.navigation
    click_row(navigation, keys.index(key))
    assert window.current_key() == key, f"clicking {navigation.item(keys.index(key)).text()!r} showed {window.current_key()!r}"
    view: QWidget = window.view(key)
    return view


def choose_data(combo: QComboBox, data: Any) -> None:
    """Pick, from the keyboard, the combo entry that stands for `data` (by the text a person reads)."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not in {combo!r}"
    choose(combo, combo.itemText(index))


def choose(combo: QComboBox, text: str) -> None:
    """Pick an entry of a combo box from the keyboard: focus it, then arrow keys until it shows `text`."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setFocus()
    key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == index:
            break
        QTest.keyClick(combo, key)
    assert combo.currentText() == text


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button whose text (without the & of its shortcut) is `text`."""
    for b in parent.findChildren(QAbstractButton):
        if b.isVisible() and b.text().replace("&", "") == text.replace("&", ""):
            return b
    shown = [b.text() for b in parent.findChildren(QAbstractButton) if b.isVisible()]
    raise AssertionError(f"no button {text!r} in {parent!r}: {shown}")


def standard_button(dialog: QWidget, which: QDialogButtonBox.StandardButton | QMessageBox.StandardButton) -> QAbstractButton:
    if isinstance(dialog, QMessageBox):
        found = dialog.button(which)  # type: ignore[arg-type]
    else:
        box = dialog.findChild(QDialogButtonBox)
        found = box.button(which) if box is not None else None  # type: ignore[arg-type]
    assert found is not None, f"no standard button {which} on {dialog!r}"
    return found


_LOOKING: list[list[bool]] = []  # one "stop" flag per when_dialog still looking for its dialog


def stop_looking_for_dialogs() -> None:
    """When a test ends: its unanswered `when_dialog`s stop, so they never answer a later test's dialog."""
    for stop in _LOOKING:
        stop[0] = True
    _LOOKING.clear()


def when_dialog(action: Callable[[QWidget], None], *, timeout: float = 10.0,
                kind: type[QWidget] = QDialog, seen: list[str] | None = None) -> Callable[[], None]:
    """Answer the next modal dialog of `kind`: `action(dialog)` runs once it is shown, inside its own
    event loop, the way a person answers it.  `seen` (optional) receives what the dialog said
    (a message box's text, else its window title), read before answering.  Returns a function that
    stops looking (for a dialog that may rightly not come)."""
    deadline = time.monotonic() + timeout
    stop = [False]
    _LOOKING.append(stop)

    def done() -> None:
        stop[0] = True
        if stop in _LOOKING:
            _LOOKING.remove(stop)

    def poll() -> None:
        if stop[0]:
            return
        widget = QApplication.activeModalWidget()
        # Answered once it has the keyboard: on a real display the window manager activates it a
        # moment after it is shown, and keys sent before then are lost.
        if isinstance(widget, kind) and widget.isVisible() and widget.isActiveWindow():
            done()
            if seen is not None:
                seen.append(widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle())
            try:
                action(widget)
            except BaseException:
                if isinstance(widget, QDialog):
                    widget.reject()  # a failed answer must fail the test, not leave it waiting forever
                raise
            return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, poll)
            return
        # Nothing to answer in time: close what is open so the test fails here instead of waiting forever.
        done()
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
        raise AssertionError(f"no active {kind.__name__} to answer within {timeout} s (modal: {widget!r}, "
                             f"active window: {QApplication.activeWindow()!r})")

    QTimer.singleShot(0, poll)
    return done


def type_and_enter(text: str, *, clear: bool = True) -> Callable[[QWidget], None]:
    """A dialog answer: type `text` into the dialog's text field and press Enter."""

    def answer(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None, f"no text field in {dialog!r}"
        field.setFocus()
        if clear:
            field.selectAll()
            QTest.keyClick(field, Qt.Key.Key_Backspace)
        type_text(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    return answer


def press(which: QDialogButtonBox.StandardButton | QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    """A dialog answer: click one of its standard buttons (Yes, OK, Save, Cancel …)."""
    return lambda dialog: click(standard_button(dialog, which))


def file_name(path: Any) -> Callable[[QWidget], None]:
    """A file dialog's answer (Qt's own dialog, as on a desktop without a native one): type the file's
    full path into the file name field (a Chinese name through the input method) and press Enter."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), f"{dialog!r} is not a file dialog"
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None and field.isVisible(), f"no file name field in {dialog!r}"
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Backspace)
        type_text(field, str(path))
        assert field.text() == str(path), f"typed {str(path)!r}, the field shows {field.text()!r}"
        popup = QApplication.activePopupWidget()
        if popup is not None:  # the field's completer offering names: Esc closes it, as a person would
            QTest.keyClick(popup, Qt.Key.Key_Escape)
        QTest.keyClick(field, Qt.Key.Key_Return)

    return answer


def press_key(key: Qt.Key) -> Callable[[QWidget], None]:
    """A dialog answer: one key (Esc closes, Enter accepts the default button)."""
    return lambda dialog: QTest.keyClick(dialog, key)
