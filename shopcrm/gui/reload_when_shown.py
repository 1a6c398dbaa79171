"""One way for a screen to follow the shop's data: reload now if it is on view, else once, the next
time the main window shows it (a hidden screen does no work for changes nobody sees yet).

The main window calls a screen's `on_shown()` each time it brings the screen up; a screen hands that
to `ReloadWhenShown.shown()` and connects `data_changed` to `AppContext.operation_finished`."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QObject):
    """The screen's reload, run now or when next shown.  A child of the screen, so the signal
    connections to it go with the screen."""

    def __init__(self, screen: QWidget, reload: Callable[[], None], kinds: Collection[str] | None = None) -> None:
        super().__init__(screen)
        self._screen = screen
        self._reload = reload
        self._kinds = None if kinds is None else frozenset(kinds)
        self._stale = False

    @property
    def stale(self) -> bool:
        return self._stale

    def data_changed(self, kind: str) -> None:
        """For `operation_finished(kind)`: only the kinds of write this screen shows count."""
        if self._kinds is None or kind in self._kinds:
            self.request()

    def request(self) -> None:
        """Reload now if the screen is on view, else when it is next shown."""
        if self._screen.isVisible():
            self._stale = False
            self._reload()
        else:
            self._stale = True

    def mark_stale(self) -> None:
        """Reload when the screen is next shown, even if it is on view now."""
        self._stale = True

    def shown(self) -> None:
        """The main window brought the screen up: catch up on what changed while it was hidden."""
        if self._stale:
            self._stale = False
            self._reload()
