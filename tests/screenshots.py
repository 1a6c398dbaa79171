"""Open every screen of the window on the demo shop, in Chinese and English, and save PNGs.

    python tests/screenshots.py OUT_DIR [--lang zh_CN en] [--members 2000] [--size 1280x800]

Runs offscreen when there is no display (or under `xvfb-run -a`).  Each language gets its own
temporary demo shop (names and products in that language), classified once, so every screen shows
real data: OUT_DIR/<lang>/NN-<screen>.png, plus the first-start dialog, the member dialog with a
validation message, and each Settings tab.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pump(app: Any, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _settle(app: Any, ctx: Any, seconds: float = 0.4) -> None:
    """Let queued reads/writes report back and the widgets repaint."""
    for _ in range(3):
        ctx.wait_idle(60)
        _pump(app, seconds)


def _save(widget: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def _demo_shop(folder: Path, language: str, members: int) -> Path:
    from shopcrm.demo.shop import generate_demo
    from shopcrm.i18n import set_language
    from shopcrm.services.shop.database import open_shop_database

    set_language(language)
    path = folder / f"demo-{language}.db"
    db = open_shop_database(path)
    try:
        generate_demo(db, members=members, seed=1)
        try:
            from shopcrm.services.classification.run import classify
        except ImportError:  # before the classification service exists: screens show "not classified"
            classify = None
        if classify is not None:
            classify(db)
    finally:
        db.dispose()
    return path


def shoot_language(app: Any, out: Path, language: str, members: int, size: tuple[int, int], work: Path) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QDialogButtonBox

    from shopcrm.gui.context import AppContext
    from shopcrm.gui.first_start import FirstStartDialog
    from shopcrm.gui.main_window import MainWindow
    from shopcrm.gui.members.member_dialog import MemberDialog
    from shopcrm.services.shop.database import open_shop_database
    from shopcrm.services.shop.settings import save_settings

    folder = out / language
    # The first start, on an empty shop.
    empty = open_shop_database(work / f"empty-{language}.db")
    ctx = AppContext(empty)
    ctx.set_language(language)
    dialog = FirstStartDialog(ctx)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(language))
    dialog.shop_name.setText("阳光烘焙坊" if language == "zh_CN" else "Sunny Bakery")
    dialog.show()
    _pump(app, 0.2)
    _save(dialog, folder / "00-first-start-1.png")
    dialog.next_button.click()
    _pump(app, 0.2)
    _save(dialog, folder / "00-first-start-2.png")
    dialog.close()
    ctx.shutdown()

    db = open_shop_database(_demo_shop(work, language, members))
    ctx = AppContext(db)
    save_settings(db, replace(ctx.settings, language=language, first_start_done=True))
    ctx.reload_settings()
    ctx.set_language(language)
    window = MainWindow(ctx)
    window.resize(*size)
    window.show()
    _settle(app, ctx)
    for number, key in enumerate(window.screen_keys(), start=1):
        view = window.show_screen(key)
        _settle(app, ctx, 0.8 if key in ("dashboard", "segments") else 0.3)
        if key == "counter" and view is not None:
            _counter_scene(app, ctx, view)
        if key == "members" and view is not None:
            _members_scene(app, ctx, view)
        _save(window, folder / f"{number:02d}-{key}.png")
        if key == "settings" and view is not None:
            for tab in range(1, view.tabs.count()):
                view.tabs.setCurrentIndex(tab)
                _pump(app, 0.2)
                _save(window, folder / f"{number:02d}-{key}-{tab}.png")
        if key == "members" and view is not None:
            view.detail.tabs.setCurrentIndex(1)
            _pump(app, 0.2)
            _save(window, folder / f"{number:02d}-{key}-purchases.png")
    # The member dialog with a message under the phone field.
    member_dialog = MemberDialog(ctx, phone="12345", name="王芳" if language == "zh_CN" else "Wang Fang")
    member_dialog.show()
    member_dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    _settle(app, ctx, 0.2)
    _save(member_dialog, folder / "90-member-dialog-error.png")
    member_dialog.close()
    window.close()
    ctx.shutdown()


def _counter_scene(app: Any, ctx: Any, view: Any) -> None:
    """A clerk mid-sale: a member picked by the last 4 digits, two products in the basket."""
    from shopcrm.services.members.table import MemberFilter, member_ids

    ids, _snap = member_ids(ctx.db, MemberFilter(churn_level=("high",)), sort_key="spend_cents", descending=True)
    ids = ids or member_ids(ctx.db, MemberFilter(), sort_key="points", descending=True)[0]
    if not ids:
        return
    from shopcrm.services.members.records import get_member

    member = get_member(ctx.db, ids[0])
    view.search.setText(member.phone_display[-4:])
    view.update_matches()
    view.pick_current()
    for name in list(view.products)[:2]:
        view.add_line(view.products[name])
    _pump(app, 0.2)


def _members_scene(app: Any, ctx: Any, view: Any) -> None:
    row = min(2, view.model.rowCount() - 1)
    if row >= 0:
        view.select_row(row)
    _pump(app, 0.3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("--lang", nargs="+", default=["zh_CN", "en"], choices=["zh_CN", "en"])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    width, height = (int(x) for x in args.size.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="shopcrm-shots-") as tmp:
        os.environ["SHOPCRM_DATA_DIR"] = tmp  # backups and settings of the throwaway shops stay here
        from shopcrm.gui.launch import ensure_application

        app = ensure_application()
        started = time.perf_counter()
        for language in args.lang:
            shoot_language(app, args.out, language, args.members, (width, height), Path(tmp))
        print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
