"""What this PC remembers about the window between starts: size, position, splitters, the counter's
last payment method.  Kept in an ini file beside the shop's data (not in the shop database: two
counters sharing one PostgreSQL shop have different screens)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from shopcrm.paths import data_dir

# Screens up to this width open maximised: a 1366×768 laptop or a 1024×768 counter PC.
MAXIMISE_UP_TO_WIDTH = 1366


def ui_settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def remembered(key: str, default: Any = None) -> Any:
    return ui_settings().value(key, default)


def remember(key: str, value: Any) -> None:
    settings = ui_settings()
    settings.setValue(key, value)
    settings.sync()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a top-level window to (width, height) but never beyond the screen's free area, centred on it."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    # Leave room for the title bar and frame the window manager adds around the window.
    w = min(width, free.width() - 16)
    h = min(height, free.height() - 48)
    window.resize(max(200, w), max(200, h))
    window.move(free.x() + (free.width() - window.width()) // 2, free.y() + max(0, (free.height() - window.height() - 32) // 2))


def restore_window(window: QWidget, name: str, width: int, height: int) -> bool:
    """Restore the remembered geometry of `window` if it still fits a screen; else fit (width, height).
    Returns True when the window should be shown maximised."""
    saved = remembered(f"{name}/geometry")
    maximised = str(remembered(f"{name}/maximised", "")).lower() == "true"
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        screen = window.screen() or QApplication.primaryScreen()
        if screen is None or screen.availableGeometry().intersects(window.frameGeometry()):
            fit_inside(window)
            return maximised
    fit_to_screen(window, width, height)
    screen = window.screen() or QApplication.primaryScreen()
    small = screen is not None and screen.availableGeometry().width() <= MAXIMISE_UP_TO_WIDTH
    return small or maximised


def fit_inside(window: QWidget) -> None:
    """Shrink and move a restored window so that all of it is on its screen (the screen may be smaller now)."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    w, h = min(window.width(), free.width() - 16), min(window.height(), free.height() - 48)
    window.resize(w, h)
    x = min(max(window.x(), free.x()), free.right() - w)
    y = min(max(window.y(), free.y()), free.bottom() - h - 32)
    window.move(x, max(free.y(), y))


def save_window(window: QWidget, name: str) -> None:
    settings = ui_settings()
    settings.setValue(f"{name}/geometry", window.saveGeometry())
    settings.setValue(f"{name}/maximised", window.isMaximized())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def restore_splitter(splitter: QSplitter) -> None:
    """Give a named splitter the proportions the owner left it in."""
    state = remembered(f"splitters/{splitter.objectName()}")
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)


def remember_splitter(splitter: QSplitter) -> None:
    """Store a named splitter's proportions once the owner has finished dragging it (half a second
    after the last move: a drag moves it many times a second)."""
    timer = QTimer(splitter)
    timer.setSingleShot(True)
    timer.setInterval(500)
    timer.timeout.connect(lambda: remember(f"splitters/{splitter.objectName()}", splitter.saveState()))
    splitter.splitterMoved.connect(lambda _pos, _index: timer.start())
