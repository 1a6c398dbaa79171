"""Make the app icon files from resources/icons/shopcrm.svg (the icon the window shows).

Windows wants an .ico, macOS an .icns, Linux desktops a PNG.  They are generated at build time so
they never drift from the SVG: Qt's SVG renderer draws each size, Pillow writes the containers.

    python packaging/make_icons.py [OUT_DIR]      (default: build/pyinstaller/icons)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "shopcrm.svg"
DEFAULT_OUT = ROOT / "build" / "pyinstaller" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size pixels with a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication(sys.argv[:1])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(out_dir: Path = DEFAULT_OUT, svg: Path = SOURCE) -> dict[str, Path]:
    """Write shopcrm.png (512 px), shopcrm.ico and shopcrm.icns into out_dir; returns their paths."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    images = {size: Image.open(io.BytesIO(render_png(svg, size))).convert("RGBA") for size in SIZES}
    paths = {"png": out_dir / "shopcrm.png", "ico": out_dir / "shopcrm.ico", "icns": out_dir / "shopcrm.icns"}
    images[512].save(paths["png"])
    images[256].save(paths["ico"], format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    images[1024].save(paths["icns"], format="ICNS", append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    return paths


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    for kind, path in make_icons(out).items():
        print(f"{kind:5} {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
