"""The Qt application the command line needs to lay out a PDF (fonts and paint devices need one).

No window is ever shown.  On Linux the 'offscreen' platform is used, so `print members` works over
SSH and in cron without a display; on Windows and macOS the native platform finds the system fonts
(the Chinese ones among them) and needs no display either.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

_app: list[QGuiApplication] = []  # keeps the application alive for the process


def ensure_print_application() -> QGuiApplication:
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication([sys.argv[0] if sys.argv else "shopcrm"])
    _app.append(app)
    return app
