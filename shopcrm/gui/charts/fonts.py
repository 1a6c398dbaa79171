"""One font setup for every chart, so Chinese labels never render as empty boxes.

Matplotlib does not use Qt's font fallback: it needs font families that contain the glyphs.  We
name, once, the families that carry Simplified Chinese on each platform and keep only those that
are installed (or bundled in resources/fonts), so matplotlib neither warns about unknown families
nor falls back to a Latin-only font.  Its per-glyph fallback then walks this list.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# Windows, macOS, Linux (Noto / Source Han / WenQuanYi), then older or rarer ones.
CJK_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft JhengHei",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
# Covers what CJK fonts may lack (a few symbols); matplotlib always ships it.
LATIN_FALLBACK = "DejaVu Sans"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

_lock = threading.Lock()
_configured: list[str] = []  # the family list in use, once configured


def bundled_font_files(folder: Path | None = None) -> list[Path]:
    """Fonts shipped in resources/fonts (a frozen build may bundle one for machines without)."""
    if folder is None:
        from shopcrm.paths import resource_dir

        folder = resource_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def installed_cjk_families() -> list[str]:
    """The families of CJK_FAMILIES that matplotlib can find here, in preference order."""
    from matplotlib import font_manager

    for path in bundled_font_files():
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError) as exc:  # a broken bundled file must not stop the charts
            log.warning("cannot load bundled font %s: %s", path, exc)
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [family for family in CJK_FAMILIES if family in installed]


def configure_fonts() -> list[str]:
    """Set matplotlib's sans-serif list once (thread-safe); returns the family list in use."""
    with _lock:
        if _configured:
            return list(_configured)
        import matplotlib

        families = installed_cjk_families()
        if not families:
            log.warning("no font with Chinese characters found for charts; install e.g. Noto Sans CJK SC")
        chain = [*families, LATIN_FALLBACK]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["font.sans-serif"] = chain + [
            f for f in matplotlib.rcParams["font.sans-serif"] if f not in chain]
        # CJK fonts often lack U+2212 (the typographic minus); use the ASCII hyphen.
        matplotlib.rcParams["axes.unicode_minus"] = False
        _configured[:] = chain
        return list(chain)


def chart_font_family() -> str:
    """The family Chinese text is drawn with ('' before configure_fonts or when none is installed)."""
    return _configured[0] if _configured and _configured[0] != LATIN_FALLBACK else ""
