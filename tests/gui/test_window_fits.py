"""The window and its dialogs fit the screen they open on (1024×768 counter PCs, 1366×768 laptops),
and come back at the size and place the owner left them.  Each screen size runs in its own process:
Qt's offscreen platform takes the screen geometry from a config file at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from shopcrm.gui.launch import ensure_application
    from shopcrm.gui.context import AppContext
    from shopcrm.gui.main_window import MainWindow
    from shopcrm.services.shop.database import open_shop_database

    app = ensure_application()
    db = open_shop_database(Path(sys.argv[1]))
    ctx = AppContext(db)
    free = app.primaryScreen().availableGeometry()
    out = {"screen": [free.width(), free.height()]}

    def inside(w):
        g = w.frameGeometry()
        return free.contains(g) and w.width() <= free.width() and w.height() <= free.height()

    window = MainWindow(ctx)
    window.show_fitted()
    app.processEvents()
    out["maximised"] = window.isMaximized()
    out["fits"] = inside(window)
    out["size"] = [window.width(), window.height()]

    from shopcrm.gui.campaigns.outputs import ListOutputs
    from shopcrm.services.campaigns.output import prepare_filter_list
    from shopcrm.services.campaigns.lists import promotion_filter
    from shopcrm.services.members.filters import MemberFilter
    outputs = ListOutputs(ctx, window)
    preview = outputs.make_preview(prepare_filter_list(db, promotion_filter(consent_only=False), masked=True))
    preview.show()
    app.processEvents()
    out["preview_fits"] = inside(preview)
    preview.close()

    if len(sys.argv) > 2:  # the owner makes the window smaller and moves it, then closes it
        window.showNormal()
        window.setGeometry(free.x() + 60, free.y() + 50, 1000, 640)
        app.processEvents()
        out["left_at"] = [window.x(), window.y(), window.width(), window.height()]
        window.close()
        again = MainWindow(ctx)
        again.show_fitted()
        app.processEvents()
        out["reopened_at"] = [again.x(), again.y(), again.width(), again.height()]
        out["reopened_maximised"] = again.isMaximized()
    else:
        window.close()
    ctx.wait_idle(10)
    ctx.shutdown()
    print("RESULT " + json.dumps(out))
''')


def _run(tmp_path: Path, width: int, height: int, *extra: str) -> dict[str, object]:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", SHOPCRM_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "shop.db"), *extra], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, proc.stdout + proc.stderr
    return dict(json.loads(line[len("RESULT "):]))


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768)])
def test_small_screens_open_maximised_and_everything_fits(tmp_path: Path, width: int, height: int) -> None:
    result = _run(tmp_path, width, height)
    assert result["screen"] == [width, height]
    assert result["maximised"] is True
    assert result["fits"] is True, result["size"]
    assert result["preview_fits"] is True  # the print preview used to open 900×1000


def test_size_and_place_are_remembered_on_a_big_screen(tmp_path: Path) -> None:
    result = _run(tmp_path, 1920, 1080, "move")
    assert result["maximised"] is False and result["fits"] is True
    assert result["reopened_maximised"] is False
    assert result["reopened_at"][2:] == result["left_at"][2:] == [1000, 640]
    assert abs(result["reopened_at"][0] - result["left_at"][0]) <= 20
