"""At 1024×768 and 1366×768, in Chinese and in English, every screen of the window shows its
labels, buttons, tabs and combo texts whole (measured, and saved as PNGs to look at)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clipping import clipped_texts

from shopcrm.db.engine import Database

pytestmark = pytest.mark.gui

SIZES = [(1024, 768), (1366, 768)]
SHOTS = os.environ.get("SHOPCRM_SCREENSHOTS")  # a folder to keep the PNGs in, to look at


@pytest.fixture(scope="module")
def demo_shops(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from shopcrm.demo.shop import generate_demo
    from shopcrm.i18n import set_language
    from shopcrm.services.classification.run import classify
    from shopcrm.services.shop.database import open_shop_database

    shops: dict[str, Path] = {}
    for language in ("zh_CN", "en"):
        set_language(language)
        path = tmp_path_factory.mktemp(f"demo-{language}") / "shop.db"
        db = open_shop_database(path)
        generate_demo(db, members=150, months=6, seed=3)
        classify(db)
        db.dispose()
        shops[language] = path
    set_language("en")
    return shops


@pytest.fixture
def shop_window(qapp: Any, request: pytest.FixtureRequest, demo_shops: dict[str, Path], tmp_path: Path) -> Iterator[Any]:
    import shutil

    from shopcrm.gui.context import AppContext
    from shopcrm.gui.main_window import MainWindow
    from shopcrm.gui.style import apply_style
    from shopcrm.services.shop.database import open_shop_database

    language = request.param
    apply_style(qapp)
    path = tmp_path / "shop.db"
    shutil.copyfile(demo_shops[language], path)
    db: Database = open_shop_database(path)
    ctx = AppContext(db)
    ctx.set_language(language)
    window = MainWindow(ctx)
    yield language, ctx, window
    window.close()
    window.deleteLater()
    ctx.wait_idle(20)
    ctx.shutdown()
    ctx.set_language("en")
    db.dispose()


def _settle(qtbot: Any, ctx: Any) -> None:
    for _ in range(3):
        ctx.wait_idle(30)
        qtbot.wait(150)


@pytest.mark.parametrize("shop_window", ["zh_CN", "en"], indirect=True)
def test_no_text_is_cut_off_at_1024_and_1366(qtbot: Any, shop_window: Any) -> None:
    language, ctx, window = shop_window
    window.show()
    problems: list[str] = []
    for width, height in SIZES:
        window.resize(width, height)
        for key in window.screen_keys():
            view = window.show_screen(key)
            _settle(qtbot, ctx)
            if SHOTS:
                folder = Path(SHOTS) / language
                folder.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(folder / f"{width}x{height}-{key}.png"))
            problems += [f"{width}x{height} {key}: {p}" for p in clipped_texts(view)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("shop_window", ["zh_CN", "en"], indirect=True)
def test_every_dialog_fits_1024_by_768_with_its_text_whole(qtbot: Any, shop_window: Any) -> None:
    from shopcrm.gui.campaigns.columns_dialog import ColumnsDialog
    from shopcrm.gui.first_start import FirstStartDialog
    from shopcrm.gui.members.detail import FeedbackDialog, PointsDialog
    from shopcrm.gui.members.member_dialog import MemberDialog
    from shopcrm.gui.owner_password_dialog import OwnerPasswordDialog
    from shopcrm.services.campaigns.columns import DEFAULT_COLUMNS
    from shopcrm.services.members.records import get_member

    language, ctx, window = shop_window
    member = get_member(ctx.db, 1)
    dialogs = {
        "first start": FirstStartDialog(ctx, window),
        "member": MemberDialog(ctx, member, parent=window),
        "new member": MemberDialog(ctx, phone="139", parent=window),
        "points": PointsDialog(ctx, member, "adjust", window),
        "feedback": FeedbackDialog(ctx, member.id, window),
        "columns": ColumnsDialog(DEFAULT_COLUMNS, window),
        "owner password": OwnerPasswordDialog(ctx.db, "Saving the settings needs the owner password.", window),
    }
    problems: list[str] = []
    for name, dialog in dialogs.items():
        dialog.show()
        qtbot.wait(50)
        hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
        if hint.width() > 1024 or hint.height() > 768 - 40:
            problems.append(f"{name}: needs {hint.width()}×{hint.height()}")
        if SHOTS:
            folder = Path(SHOTS) / language
            folder.mkdir(parents=True, exist_ok=True)
            dialog.grab().save(str(folder / f"dialog-{name.replace(' ', '-')}.png"))
        problems += [f"{name}: {p}" for p in clipped_texts(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("shop_window", ["zh_CN", "en"], indirect=True)
def test_member_details_at_1024_show_every_line_whole(qtbot: Any, shop_window: Any) -> None:
    """The overview tab beside the members table: wrapped lines keep their height (scrolled, not
    squeezed over each other) and the classes table keeps room for several rows."""
    from input_events import click_row, open_screen, show_active
    from PySide6.QtWidgets import QLabel, QScrollArea

    language, ctx, window = shop_window
    window.resize(1024, 768)
    show_active(window)
    view = open_screen(window, "members")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    click_row(view.table, 0)
    qtbot.waitUntil(lambda: view.detail.member is not None, timeout=10_000)
    _settle(qtbot, ctx)
    page = view.detail.tabs.widget(0)
    overview = page.widget() if isinstance(page, QScrollArea) else page
    shown = [w for w in (overview.layout().itemAt(i).widget() for i in range(overview.layout().count()))
             if w is not None and w.isVisible()]
    problems = []
    for widget in shown:
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                problems.append(f"{widget.text()[:40]!r}: {widget.height()} px of {needed}")
    for upper, lower in zip(shown, shown[1:], strict=False):
        if lower.y() < upper.y() + upper.height():
            problems.append(f"{type(lower).__name__} drawn over {type(upper).__name__}")
    table = view.detail.classes_view
    if table.height() < 5 * table.verticalHeader().defaultSectionSize():
        problems.append(f"classes table only {table.height()} px high")
    columns = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    if columns > table.viewport().width() + 1:
        problems.append(f"classes table scrolls sideways: {columns} px in {table.viewport().width()}")
    assert not problems, f"{language}: " + "; ".join(problems)
