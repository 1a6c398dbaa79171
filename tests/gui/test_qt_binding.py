"""Guard against a Qt binding that corrupts reference counts on this Python.

PySide6 6.12.0 on Python 3.11 returns None and booleans from every void/bool method without a
reference, so a window crashes ("deallocating None") after a few thousand calls.  This fails fast
if such a build is installed again.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

pytestmark = pytest.mark.gui


def test_void_and_bool_calls_keep_reference_counts(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    none_before, true_before, false_before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        QCoreApplication.processEvents()
        label.setText("x")
        label.isVisible()
        label.isHidden()
    assert sys.getrefcount(None) >= none_before - 50
    assert sys.getrefcount(True) >= true_before - 50
    assert sys.getrefcount(False) >= false_before - 50
