"""Starting the window: no display is one line, a bad database a message box, never a trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shopcrm.gui import launch
from shopcrm.gui.context import AppContext

pytestmark = pytest.mark.gui


def test_display_problem_on_linux_without_display() -> None:
    message = launch.display_problem({}, "linux")
    assert message is not None and "xvfb-run -a shopcrm" in message and "\n" not in message
    assert launch.display_problem({"DISPLAY": ":0"}, "linux") is None
    assert launch.display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert launch.display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert launch.display_problem({}, "win32") is None
    assert launch.display_problem({}, "darwin") is None


def test_cli_without_display_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["SHOPCRM_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(tmp_path / "shop.db")], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "xvfb-run -a shopcrm" in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_bad_database_is_a_message_box(qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("shopping list: flour, sugar", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, _t, text, *a, **k: shown.append(text)))
    assert launch.launch_gui(str(not_a_db)) == 1
    assert len(shown) == 1 and "not a ShopCRM database" in shown[0]


def test_needs_first_start_only_for_a_new_empty_shop(ctx: AppContext) -> None:
    from dataclasses import replace

    from gui_helpers import member

    from shopcrm.services.shop.settings import save_settings

    assert launch.needs_first_start(ctx)
    member(ctx.db, "13800138000", "Li Na")
    assert not launch.needs_first_start(ctx)  # a shop filled by the CLI skips the first start
    save_settings(ctx.db, replace(ctx.settings, first_start_done=True))
    ctx.reload_settings()
    assert not launch.needs_first_start(ctx)


def test_run_window_opens_the_main_window_and_returns_its_exit_code(qapp: Any, qtbot: Any, ctx: AppContext) -> None:
    """The launch path on a shop that already has members: no first start, the main window, and
    the event loop's exit code.  (The real loop is not quit: the test application lives on.)"""
    from gui_helpers import member
    from PySide6.QtWidgets import QApplication

    from shopcrm.gui.main_window import MainWindow

    member(ctx.db, "13800138000", "Li Na")
    seen: list[str] = []

    class EventLoop:
        def exec(self) -> int:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            for w in windows:
                qtbot.addWidget(w)
                seen.append(w.windowTitle())
                w.close()
            return 0

    assert launch.run_window(ctx, EventLoop()) == 0  # type: ignore[arg-type]
    assert seen and seen[0].endswith("ShopCRM")


def test_todays_backup_is_taken_after_the_window_shows(qapp: Any, qtbot: Any, ctx: AppContext) -> None:
    """Opening the window does not wait for today's backup (seconds on a large shop); it is taken
    on the housekeeping thread once the window is up, and still taken."""
    from gui_helpers import member
    from PySide6.QtWidgets import QApplication

    from shopcrm.gui.main_window import MainWindow
    from shopcrm.services.shop.backups import list_backups

    member(ctx.db, "13800138000", "Li Na")
    assert not [b for b in list_backups(ctx.db) if b.reason == "daily"]
    at_show: list[int] = []

    class EventLoop:
        def exec(self) -> int:
            at_show.append(len(ctx.housekeeper.pending_jobs()))
            for w in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]:
                qtbot.addWidget(w)
                w.close()
            return 0

    assert launch.run_window(ctx, EventLoop()) == 0  # type: ignore[arg-type]
    assert at_show == [1]  # the window showed with the backup queued behind it
    qtbot.waitUntil(lambda: not ctx.housekeeper.pending_jobs(), timeout=20_000)
    assert len([b for b in list_backups(ctx.db) if b.reason == "daily"]) == 1
