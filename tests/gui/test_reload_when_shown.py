"""A screen follows the shop's data through ReloadWhenShown: at once when on view, and once, when the
owner next opens it, for what changed while it was hidden."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui_helpers import product
from input_events import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopcrm.gui import registry
from shopcrm.gui.catalogue.view import CatalogueView
from shopcrm.gui.context import AppContext
from shopcrm.gui.main_window import MainWindow
from shopcrm.services.importing.run import import_file

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in ("members", "catalogue")])
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show_active(w)
    return w


def _import_sales(ctx: AppContext, path: Path, text: str) -> None:
    """On the writer thread, as the import wizard runs it: every screen hears "import" finish."""
    path.write_text("日期,商品,数量,金额\n" + text, encoding="utf-8")
    ctx.run(lambda _c: import_file(ctx.db, path, "sales"), label="import", kind="import")
    ctx.wait_idle(20)


def _products(view: CatalogueView) -> list[str]:
    return sorted(p.name for p in view.products)


def test_a_hidden_screen_reloads_when_opened_and_a_shown_one_at_once(qtbot: Any, ctx: AppContext, window: MainWindow,
                                                                       tmp_path: Path) -> None:
    product(ctx.db, "Croissant", 900)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.current_key() == "catalogue"
    catalogue = window.views["catalogue"]
    assert isinstance(catalogue, CatalogueView)
    qtbot.waitUntil(lambda: _products(catalogue) == ["Croissant"], timeout=5000)

    qtbot.keyClick(window, Qt.Key.Key_F3)  # away to Members: the catalogue is hidden
    assert window.current_key() == "members" and not catalogue.isVisible()
    _import_sales(ctx, tmp_path / "tea.csv", "2025-03-01,奶茶,1,15.50\n")
    QApplication.processEvents()
    assert _products(catalogue) == ["Croissant"]  # nobody sees it: no reload yet
    assert catalogue.reloader.stale

    qtbot.keyClick(window, Qt.Key.Key_F8)  # back: it catches up once
    qtbot.waitUntil(lambda: _products(catalogue) == ["Croissant", "奶茶"], timeout=5000)
    assert not catalogue.reloader.stale

    _import_sales(ctx, tmp_path / "cake.csv", "2025-03-02,蛋糕,1,25.00\n")  # on view: at once
    qtbot.waitUntil(lambda: _products(catalogue) == ["Croissant", "奶茶", "蛋糕"], timeout=5000)
    assert not catalogue.reloader.stale


def test_writes_of_other_kinds_leave_a_hidden_screen_alone(qtbot: Any, ctx: AppContext, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F8)
    catalogue = window.views["catalogue"]
    qtbot.keyClick(window, Qt.Key.Key_F3)
    ctx.run(lambda _c: None, label="feedback", kind="feedback")  # a write the catalogue does not show
    ctx.wait_idle(20)
    QApplication.processEvents()
    assert not catalogue.reloader.stale
