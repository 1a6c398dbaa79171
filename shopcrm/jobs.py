"""How long work reports progress and is cancelled: one protocol for the GUI worker, imports,
classification and exports, without Qt.

A service takes a `Progress` callable and a `CancelToken`.  It reports with
`progress(done, total, phase)` (total 0 while unknown; `phase` a short code or a text) and calls
`token.check()` at the points where stopping leaves nothing half-written; `check` raises
`Cancelled`, a ShopError, so the transaction rolls back and the message reaches the user like any
other.  The GUI's writer thread hands each job its own token, set by the Cancel button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError

Progress = Callable[[float, float, str], None]
"""done, total (0 while unknown), phase code or text."""

CANCELLED = QT_TRANSLATE_NOOP("errors", "Cancelled; nothing was saved.")


class Cancelled(ShopError):
    """The user cancelled; the work's transaction was rolled back."""

    def __init__(self, text: str = CANCELLED, **params: Any) -> None:
        super().__init__(text, **params)


class CancelToken:
    """Set from any thread (a Cancel button, a signal handler); checked by the work between units."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self, text: str = CANCELLED) -> None:
        """Raise Cancelled (with the work's own message) once the token is set."""
        if self._event.is_set():
            raise Cancelled(text)
