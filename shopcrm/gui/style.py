"""The window's look: Fusion style, a calm palette, and the icons in resources/icons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from shopcrm.paths import resource_dir

ACCENT = "#b5651d"  # warm bakery brown
ACCENT_LIGHT = "#f6ead8"
WARNING = "#b3261e"
OK = "#2e7d32"

STYLE_SHEET = f"""
QListWidget#navigation {{
    background: #3b2f2a; color: #f3ece6; border: none; font-size: 11pt; outline: 0;
}}
QListWidget#navigation::item {{ padding: 9px 10px; border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{ background: #5a463d; border-left: 4px solid {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #4a3b34; }}
QLabel#screenTitle {{ font-size: 15pt; font-weight: 600; color: #3b2f2a; }}
QLabel#fieldError {{ color: {WARNING}; }}
QLabel#bigFigure {{ font-size: 16pt; font-weight: 600; }}
QLabel#warning {{ color: {WARNING}; font-weight: 600; }}
QLabel#hint {{ color: #6b6b6b; }}
QFrame#card {{ background: white; border: 1px solid #e0d6cc; border-radius: 6px; }}
QFrame#memberCard {{ background: {ACCENT_LIGHT}; border: 1px solid #e0cdb3; border-radius: 6px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: none; border-radius: 4px; padding: 6px 16px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #d9c2ab; }}
QPushButton#primary:focus {{ border: 2px solid #3b2f2a; }}
"""


def icon_path(name: str) -> Path:
    return resource_dir() / "icons" / name


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#faf7f3"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f4eee7"))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    # Chinese text falls back to the platform's CJK font; name the usual ones so Qt picks a good one.
    QFont.insertSubstitutions(font.family(), ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                                              "WenQuanYi Micro Hei", "Source Han Sans SC"])
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
