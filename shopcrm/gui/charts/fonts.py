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

from shopcrm.paths import resource_dir

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
        folder = resource_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def _add_fonts(paths: list[Path]) -> None:
    from matplotlib import font_manager

    for path in paths:
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError) as exc:  # a broken font file must not stop the charts
            log.warning("cannot load font %s: %s", path, exc)


def fontconfig_cjk_files() -> list[Path]:
    """Font files fontconfig knows to carry Chinese (Linux, some macOS setups); [] without fc-list."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = {line.strip().rstrip(":").strip() for line in out.splitlines() if line.strip()}
    return sorted(Path(f) for f in files if Path(f).suffix.lower() in FONT_SUFFIXES and Path(f).is_file())


def _known_cjk_families() -> list[str]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [family for family in CJK_FAMILIES if family in installed]


def installed_cjk_families() -> list[str]:
    """The families of CJK_FAMILIES that matplotlib can find here, in preference order.

    Matplotlib reads its font list from a cache built the first time it ran: a CJK font installed
    after that is unknown to it.  So when none is found, the fonts fontconfig reports for Chinese
    are added, and if that finds nothing either, the font list is rebuilt from the system folders.
    """
    _add_fonts(bundled_font_files())
    families = _known_cjk_families()
    if families:
        return families
    _add_fonts(fontconfig_cjk_files())
    families = _known_cjk_families()
    if families:
        return families
    from matplotlib import font_manager

    try:
        rebuild = getattr(font_manager, "_load_fontmanager")  # noqa: B009 - matplotlib's own loader, private
        font_manager.fontManager = rebuild(try_read_cache=False)
    except Exception as exc:  # noqa: BLE001 - a failed rebuild keeps the old list
        log.warning("cannot rebuild matplotlib's font list: %s", exc)
        return []
    _add_fonts(bundled_font_files())
    return _known_cjk_families()


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
