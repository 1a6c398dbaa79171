"""A ratings sheet through the import wizard, as the owner does it: choose "ratings", check, import,
see the rejected rows with their row numbers, import again (nothing added), undo."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from input_events import show_active
from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from test_import_wizard import to_columns

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, ImportBatch
from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.view import ImportWizard
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.products import add_product

pytestmark = pytest.mark.gui

HEADER = ["手机", "日期", "打分", "产品", "备注"]
ROWS = [
    ["会员评价表"],
    HEADER,
    ["139 0000 1111", "2025/3/5", "4,0", "牛角包", "好吃"],  # row 3
    ["13800002222", "2025-03-06", "2", "", "排队太久"],  # row 4
    ["13700009999", "2025-03-07", "5", "", ""],  # row 5: nobody has this phone
    [],
    ["13800002222", "20250231", "3", "", ""],  # row 7: no 31 February
    ["13900001111", "2025-03-08", "9", "", ""],  # row 8: not 1-5
    ["139 0000 1111", "2025/3/5", "4,0", "牛角包", "好吃"],  # row 9: row 3 again, a second piece of feedback
    ["合计"],
]


def ratings_file(path: Path) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="gbk", newline="") as f:
            csv.writer(f).writerows(ROWS)
        return path
    wb = Workbook()
    for row in ROWS:
        wb.active.append(row)
    wb.save(path)
    return path


def feedback_count(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (int(s.scalar(select(func.count()).select_from(Feedback)) or 0),
                int(s.scalar(select(func.count()).select_from(ImportBatch)) or 0))


@pytest.fixture
def wizard(qtbot: Any, ctx: AppContext) -> ImportWizard:
    register_member(ctx.db, MemberInput(phone="13900001111", name="王芳"))
    register_member(ctx.db, MemberInput(phone="13800002222", name="李雷"))
    add_product(ctx.db, "牛角包", price_cents=800)
    view = ImportWizard(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    show_active(view)
    return view


def choose_ratings(qtbot: Any, wizard: ImportWizard) -> None:
    """Click the "ratings" choice on its round button (the widget may be wider than its text)."""
    radio = wizard.file_page.ratings_radio
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def check(qtbot: Any, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_ratings_sheet_through_the_wizard(qtbot: Any, ctx: AppContext, wizard: ImportWizard, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    path = ratings_file(tmp_path / f"ratings{suffix}")
    choose_ratings(qtbot, wizard)
    assert wizard.kind() == "ratings"
    to_columns(qtbot, wizard, path)
    columns = wizard.columns_page
    assert columns.mapping_model.fields == ["phone", "date", "rating", "product", "comment"]
    assert not columns.kind_button.isVisible() and columns.check_button.isEnabled()

    check(qtbot, wizard)
    page = wizard.check_page
    assert feedback_count(ctx.db) == (0, 0)  # the check writes nothing
    labels = page.check_labels
    assert (labels["rows"].text(), labels["imported"].text(), labels["rejected"].text()) == ("6", "3", "3")
    assert labels["duplicates"].text() == "0" and not labels["purchases"].isVisible()
    assert not labels["members_created"].isVisible()
    rejects = page.check_rejects
    assert [rejects.index(r, 1).data() for r in range(rejects.rowCount())] == ["5", "7", "8"]
    assert "No member has the phone" in rejects.index(0, 2).data()
    assert rejects.index(1, 2).data().startswith("日期")
    assert page.import_button.text().replace("&", "") == "Import 3 rows"

    with qtbot.waitSignal(wizard.finished, timeout=30_000) as done:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert done.args[0].result.imported == 3 and feedback_count(ctx.db) == (3, 1)
    result = wizard.result_page
    assert wizard.step() == "result" and not result.segments_button.isVisible()
    assert [result.result_rejects.index(r, 1).data() for r in range(3)] == ["5", "7", "8"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(wizard.undone, timeout=30_000):
        qtbot.mouseClick(result.undo_button, Qt.MouseButton.LeftButton)
    assert feedback_count(ctx.db) == (0, 1) and "3 ratings removed" in result.result_title.text()

    # imported again after the undo, then once more: the second time adds nothing
    for round_ in (1, 2):
        qtbot.mouseClick(result.again_button, Qt.MouseButton.LeftButton)
        assert wizard.step() == "file" and wizard.kind() == "ratings"
        to_columns(qtbot, wizard, path)
        check(qtbot, wizard)
        if round_ == 1:
            with qtbot.waitSignal(wizard.finished, timeout=30_000):
                qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.check_labels["duplicates"].text() == "3" and page.check_labels["imported"].text() == "0"
    assert not page.import_button.isEnabled() and "imported before" in page.check_notes.text()
    assert feedback_count(ctx.db) == (3, 2)

    # back to the first page, where the earlier import is listed, and undo it from there
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(columns.back_button, Qt.MouseButton.LeftButton)
    earlier = wizard.file_page.earlier
    qtbot.waitUntil(lambda: earlier.batch_model.rowCount() == 2, timeout=10_000)
    assert earlier.batch_model.index(0, 2).data() == "Ratings"
    table = earlier.batch_table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 1)).center())
    assert earlier.batch_undo.isEnabled() and earlier.batch_save.isEnabled()
    with qtbot.waitSignal(wizard.undone, timeout=30_000):
        qtbot.mouseClick(earlier.batch_undo, Qt.MouseButton.LeftButton)
    assert feedback_count(ctx.db) == (0, 2)
    qtbot.waitUntil(lambda: earlier.batch_model.row(0).status == "undone", timeout=10_000)

def test_a_sales_file_chosen_as_ratings_is_recognised(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["日期", "手机", "商品", "实收"])
    wb.active.append(["2025-03-01", "13900001111", "牛角包", 8])
    path = tmp_path / "sales.xlsx"
    wb.save(path)
    choose_ratings(qtbot, wizard)
    to_columns(qtbot, wizard, path)
    columns = wizard.columns_page
    assert not columns.check_button.isEnabled() and "Rating" in columns.mapping_error.text()
    assert columns.kind_button.isVisible() and "past sales" in columns.kind_hint.text()
    with qtbot.waitSignal(wizard.preview_loaded, timeout=20_000):
        qtbot.mouseClick(columns.kind_button, Qt.MouseButton.LeftButton)
    assert wizard.kind() == "sales" and columns.check_button.isEnabled()


def test_a_ratings_sheet_read_as_sales_offers_to_import_it_as_ratings(qtbot: Any, wizard: ImportWizard,
                                                                     tmp_path: Path) -> None:
    path = ratings_file(tmp_path / "ratings.xlsx")
    assert wizard.kind() == "sales"  # the first choice, left as it was
    to_columns(qtbot, wizard, path)
    columns = wizard.columns_page
    assert not columns.check_button.isEnabled()  # no amount: not a sales sheet
    assert columns.kind_button.isVisible() and "ratings" in columns.kind_hint.text()
    assert columns.kind_button.text() == "Import as ratings"
    with qtbot.waitSignal(wizard.preview_loaded, timeout=20_000):
        qtbot.mouseClick(columns.kind_button, Qt.MouseButton.LeftButton)
    assert wizard.kind() == "ratings" and wizard.file_page.ratings_radio.isChecked()
    assert columns.check_button.isEnabled() and not columns.kind_button.isVisible()
