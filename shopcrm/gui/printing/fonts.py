"""The font printed lists use: one that carries Simplified Chinese, so names never print as boxes.

Qt embeds the glyphs it draws into the PDF (or sends them to the printer), so the printout reads the
same on a machine without the font.  We name the usual CJK family of each platform and take the
first one installed; Qt's own fallback covers any character it lacks.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

# Windows, macOS, Linux, then less common ones.
PRINT_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Hiragino Sans GB",
    "Noto Sans SC",
    "SimHei",
    "WenQuanYi Zen Hei",
)


def print_family() -> str:
    """The first installed family of PRINT_FAMILIES, else the first that writes Simplified Chinese, else ''."""
    installed = set(QFontDatabase.families())
    for family in PRINT_FAMILIES:
        if family in installed:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else ""


def print_font(point_size: float, *, bold: bool = False) -> QFont:
    family = print_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # Hinting would snap glyphs to screen pixels; on paper it only distorts widths.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # Noto Sans CJK's 'locl' feature swaps digits inside Latin text ("Page 1 of 3") for glyphs no
    # character maps to, so the PDF's text layer would lose them (searching or copying "2025"
    # finds nothing).  The Simplified Chinese face's default glyphs are the right ones anyway.
    if hasattr(font, "setFeature"):
        font.setFeature(QFont.Tag("locl"), 0)
    return font
