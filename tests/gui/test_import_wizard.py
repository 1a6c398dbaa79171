"""Import wizard, driven like an owner: file -> columns -> check -> import -> rejected rows -> undo; cancel."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from input_events import allow_message_boxes, button, click_row, file_name, press, show_active, when_dialog
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, Member, Purchase
from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard import jobs
from shopcrm.gui.import_wizard.models import MappingModel
from shopcrm.gui.import_wizard.view import ImportWizard
from shopcrm.io.headers import IGNORE

pytestmark = pytest.mark.gui

HEADER = ["日期", "手机", "商品", "数量", "实收", "备注"]


def sales_file(path: Path, rows: int = 6, *, bad_phone: bool = True) -> Path:
    """A title row, a header with Chinese names, sales of three members and walk-ins, a bad phone,
    a blank row and a 合计 row, as a hand-kept sheet looks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "三月流水"
    ws.append(["小麦烘焙 3 月销售", None, None, None, None, None])
    ws.append(HEADER)
    phones = ["13800001111", "139 0000 2222", None, "+86 137-0000-3333"]
    for i in range(rows):
        ws.append([dt.datetime(2025, 3, 1 + i % 28, 9 + i % 10, i % 60), phones[i % 4], "牛角包", 1 + i % 3,
                   8 * (1 + i % 3), f"第{i}单"])
    if bad_phone:
        ws.append([dt.datetime(2025, 3, 30, 10), "12345", "拿铁", 1, 18, "电话写错"])
    ws.append([None] * 6)
    ws.append(["合计", None, None, None, None, None])
    wb.save(path)
    return path


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return (int(s.scalar(select(func.count()).select_from(Purchase)) or 0),
                int(s.scalar(select(func.count()).select_from(Member)) or 0),
                int(s.scalar(select(func.count()).select_from(ImportBatch)) or 0))


@pytest.fixture
def wizard(qtbot: Any, ctx: AppContext) -> ImportWizard:
    view = ImportWizard(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    show_active(view)
    return view


def type_path(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    """The owner types (or pastes) the file's path into the field, over what is there."""
    qtbot.mouseClick(wizard.file_page.file_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(wizard.file_page.file_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(wizard.file_page.file_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(wizard.file_page.file_edit, str(path))
    assert wizard.file_page.file_edit.text() == str(path)


def to_columns(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    """An ASCII path typed into the field and Next clicked; a Chinese file name chosen with
    "Choose file ..." in the real file dialog (its name typed there through the input method)."""
    with qtbot.waitSignal(wizard.preview_loaded, timeout=20_000):
        if str(path).isascii():
            type_path(qtbot, wizard, path)
            qtbot.mouseClick(wizard.file_page.read_button, Qt.MouseButton.LeftButton)
        else:
            when_dialog(file_name(path), kind=QFileDialog)
            qtbot.mouseClick(button(wizard.file_page, "Choose file ..."), Qt.MouseButton.LeftButton)
    assert wizard.step() == "columns" and wizard.file_page.file_edit.text() == str(path)


def field_box(wizard: ImportWizard, column: int) -> QComboBox:
    box = wizard.columns_page.mapping_table.indexWidget(wizard.columns_page.mapping_model.index(column, MappingModel.FIELD_COLUMN))
    assert isinstance(box, QComboBox)
    return box


def choose(qtbot: Any, wizard: ImportWizard, column: int, field: str) -> None:
    """Pick a field in a column's combo box with the keyboard, as a user does."""
    box = field_box(wizard, column)
    box.setFocus()
    target = box.findData(field)
    assert target >= 0
    while box.currentIndex() != target:
        qtbot.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up)


def test_import_a_sheet_through_the_wizard_and_undo_it(qtbot: Any, qtmodeltester: Any, ctx: AppContext,
                                                       wizard: ImportWizard, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = sales_file(tmp_path / "三月流水.xlsx")
    to_columns(qtbot, wizard, path)
    model = wizard.columns_page.mapping_model
    qtmodeltester.check(model)
    qtmodeltester.check(wizard.columns_page.sample_model)
    assert [model.index(c, 1).data() for c in range(model.rowCount())] == HEADER
    assert model.fields[:5] == ["date", "phone", "product", "quantity", "amount"]
    assert "row 2" in wizard.columns_page.mapping_hint.text()
    assert wizard.columns_page.check_button.isEnabled()

    # the owner takes the date away by mistake: Next is refused with the reason, then puts it back
    choose(qtbot, wizard, 0, IGNORE)
    assert not wizard.columns_page.check_button.isEnabled() and "Date" in wizard.columns_page.mapping_error.text()
    assert wizard.columns_page.sample_model.headerData(0, Qt.Orientation.Horizontal).endswith("→ —")
    choose(qtbot, wizard, 0, "date")
    choose(qtbot, wizard, 5, "name")  # and imports the note column as the name, then thinks better of it
    assert model.fields[5] == "name" and model.fields[0] == "date"  # passing "Date" on the way took nothing
    choose(qtbot, wizard, 5, "phone")
    assert not wizard.columns_page.check_button.isEnabled() and "two columns" in wizard.columns_page.mapping_error.text()
    choose(qtbot, wizard, 5, IGNORE)
    assert wizard.columns_page.check_button.isEnabled() and not wizard.columns_page.mapping_error.isVisible()

    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert wizard.step() == "check" and counts(ctx.db) == (0, 0, 0)  # nothing written by the check
    labels = wizard.check_page.check_labels
    assert (labels["rows"].text(), labels["imported"].text(), labels["rejected"].text()) == ("7", "6", "1")
    assert labels["members_created"].text() == "3"
    qtmodeltester.check(wizard.check_page.check_rejects)
    assert wizard.check_page.check_rejects.rowCount() == 1
    assert "12345" in wizard.check_page.check_rejects.index(0, 2).data()
    assert wizard.check_page.import_button.text().replace("&", "") == "Import 6 rows"

    saved = tmp_path / "checked rejects.xlsx"
    when_dialog(file_name(saved), kind=QFileDialog)  # the path typed into the real save dialog
    qtbot.mouseClick(wizard.check_page.check_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(saved.exists, timeout=10_000)

    with qtbot.waitSignal(wizard.finished, timeout=30_000) as done:
        qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    outcome = done.args[0]
    assert wizard.step() == "result" and outcome.result.imported == 6 and outcome.result.batch is not None
    assert counts(ctx.db) == (6, 3, 1)
    assert wizard.result_page.result_labels["purchases"].text() == "6"
    assert wizard.result_page.result_rejects.rowCount() == 1 and wizard.result_page.result_rejects.index(0, 1).data() == "9"  # its sheet row

    rejects = tmp_path / "result rejects.xlsx"
    when_dialog(file_name(rejects.with_suffix("")), kind=QFileDialog)
    qtbot.mouseClick(wizard.result_page.result_save, Qt.MouseButton.LeftButton)  # ".xlsx" is added
    qtbot.waitUntil(rejects.exists, timeout=10_000)
    from shopcrm.services.importing.review import read_rejects_file

    assert [r.values[1] for r in read_rejects_file(rejects)] == ["12345"]

    allow_message_boxes(monkeypatch)
    asked: list[str] = []
    when_dialog(press(QMessageBox.StandardButton.Yes), kind=QMessageBox, seen=asked)  # "Undo this import?": Yes
    with qtbot.waitSignal(wizard.undone, timeout=30_000):
        qtbot.mouseClick(wizard.result_page.undo_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert counts(ctx.db)[:2] == (0, 0) and "undone" in wizard.result_page.result_title.text()
    assert not wizard.result_page.undo_button.isEnabled()


def test_importing_the_same_file_again_adds_nothing(qtbot: Any, ctx: AppContext, wizard: ImportWizard,
                                                    tmp_path: Path) -> None:
    path = sales_file(tmp_path / "sales.xlsx", bad_phone=False)
    for round_ in (1, 2):
        to_columns(qtbot, wizard, path)
        with qtbot.waitSignal(wizard.checked, timeout=30_000):
            qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
        if round_ == 1:
            with qtbot.waitSignal(wizard.finished, timeout=30_000):
                qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(wizard.result_page.again_button, Qt.MouseButton.LeftButton)  # "Import another file"
            assert wizard.step() == "file" and not wizard.file_page.file_edit.text()
    assert wizard.check_page.check_labels["duplicates"].text() == "6" and wizard.check_page.check_labels["imported"].text() == "0"
    assert not wizard.check_page.import_button.isEnabled()
    assert "imported before" in wizard.check_page.check_notes.text()
    assert counts(ctx.db)[0] == 6


def test_earlier_imports_are_listed_and_can_be_undone(qtbot: Any, qtmodeltester: Any, ctx: AppContext,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.services.importing.run import import_file

    result = import_file(ctx.db, sales_file(tmp_path / "old.xlsx"), "sales")
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 760)
    show_active(wizard)
    qtbot.waitUntil(lambda: wizard.file_page.earlier.batch_model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(wizard.file_page.earlier.batch_model)
    assert wizard.file_page.earlier.batch_model.index(0, 3).data() == "old.xlsx" and wizard.file_page.earlier.batch_model.index(0, 6).data() == "1"
    click_row(wizard.file_page.earlier.batch_table, 0)
    assert wizard.file_page.earlier.batch_undo.isEnabled() and wizard.file_page.earlier.batch_save.isEnabled()
    allow_message_boxes(monkeypatch)
    when_dialog(press(QMessageBox.StandardButton.Yes), kind=QMessageBox)  # "Undo this import?": Yes
    with qtbot.waitSignal(wizard.undone, timeout=30_000):
        qtbot.mouseClick(wizard.file_page.earlier.batch_undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.file_page.earlier.batch_model.rowCount() == 1 and wizard.file_page.earlier.batch_model.row(0).status == "undone",
                    timeout=10_000)
    assert counts(ctx.db)[0] == 0 and result.batch == wizard.file_page.earlier.batch_model.row(0).id
    assert wizard.file_page.earlier.batch_model.index(0, 7).data().startswith("Undone")


def test_a_bad_file_gets_a_message_on_the_first_page(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    type_path(qtbot, wizard, empty)
    qtbot.mouseClick(wizard.file_page.read_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.file_page.file_error.isVisible(), timeout=20_000)
    assert wizard.step() == "file" and "empty" in wizard.file_page.file_error.text()
    assert wizard.file_page.read_button.isEnabled()
    text = tmp_path / "notes.xlsx"  # plain text: read as a CSV without any header
    text.write_text("this is not a sales list\nnor is this\n", encoding="utf-8")
    to_columns(qtbot, wizard, text)
    assert "No header row" in wizard.columns_page.mapping_hint.text()
    assert not wizard.columns_page.check_button.isEnabled() and wizard.columns_page.mapping_error.text()


def test_a_member_list_is_recognised_and_the_kind_switched(qtbot: Any, ctx: AppContext, wizard: ImportWizard,
                                                          tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["会员卡号", "姓名", "手机号", "生日", "性别"])
    wb.active.append(["VIP001", "王芳", "13800001111", "1990-05-03", "女"])
    wb.active.append(["VIP002", "李雷", "13900002222", "05-04", "男"])
    path = tmp_path / "会员.xlsx"
    wb.save(path)
    to_columns(qtbot, wizard, path)
    assert wizard.columns_page.kind_button.isVisible() and "member list" in wizard.columns_page.kind_hint.text()
    with qtbot.waitSignal(wizard.preview_loaded, timeout=20_000):
        qtbot.mouseClick(wizard.columns_page.kind_button, Qt.MouseButton.LeftButton)
    assert wizard.kind() == "members" and not wizard.columns_page.kind_button.isVisible()
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert wizard.check_page.check_labels["members_created"].text() == "2"
    assert not wizard.check_page.check_labels["purchases"].isVisible()
    with qtbot.waitSignal(wizard.finished, timeout=30_000):
        qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    assert counts(ctx.db)[1] == 2 and not wizard.result_page.segments_button.isVisible()


def test_cancel_during_the_import_writes_nothing(qtbot: Any, ctx: AppContext, wizard: ImportWizard,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = sales_file(tmp_path / "big.xlsx", rows=12_000)
    pressed = threading.Event()
    real = jobs.import_file

    def held_import(db: Database, p: Path, kind: str, options: Any) -> Any:
        report = options.progress

        def progress(done: float, total: float, phase: str) -> None:
            report(done, total, phase)
            if phase == "reading" and not options.dry_run:
                pressed.wait(20)  # hold the run until the owner has pressed Cancel

        options.progress = progress
        return real(db, p, kind, options)

    monkeypatch.setattr(jobs, "import_file", held_import)
    to_columns(qtbot, wizard, path)
    with qtbot.waitSignal(wizard.checked, timeout=60_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    assert wizard.step() == "import"
    qtbot.waitUntil(lambda: wizard.progress_page.run_cancel.isVisible() and wizard.job is not None and wizard.job.state == "running",
                    timeout=20_000)
    with qtbot.waitSignal(wizard.finished, timeout=60_000) as done:
        qtbot.mouseClick(wizard.progress_page.run_cancel, Qt.MouseButton.LeftButton)
        pressed.set()
    assert done.args == [None] and wizard.job.state == "cancelled"
    assert wizard.step() == "check" and "nothing was imported" in wizard.check_page.check_title.text()
    assert counts(ctx.db) == (0, 0, 0)


def test_a_cancel_after_the_commit_reports_the_import(ctx: AppContext, tmp_path: Path) -> None:
    """The service checks the cancel token once more after committing; the wizard must not say
    "nothing was imported" for rows that are in the shop."""
    from shopcrm.gui.worker import Job, JobControl

    job = Job(lambda _c: None, "", "")

    class Control(JobControl):
        def progress(self, done: float, total: float = 0, text: str = "") -> None:
            if text == "writing" and total and done >= total:  # the last chunk is written: Cancel pressed
                job.cancel()

    outcome = jobs.import_job(ctx.db, sales_file(tmp_path / "late.xlsx"), "sales", {}, [])(Control(job, ctx.worker))
    assert outcome.result.batch is not None and outcome.result.imported == 6
    assert counts(ctx.db)[0] == 6 and len(outcome.rejects) == 1


def test_dates_that_do_not_show_their_order_are_asked(qtbot: Any, ctx: AppContext, wizard: ImportWizard,
                                                      tmp_path: Path) -> None:
    """25/01/02 is 2002-01-25 or 2025-01-02: the columns step asks, Next waits for the answer."""
    path = tmp_path / "yy.csv"
    path.write_text("日期,手机,实收\n25/01/02 10:00,13800001111,20\n25/01/03 11:00,13800001111,30\n", encoding="utf-8")
    to_columns(qtbot, wizard, path)
    box = wizard.columns_page.date_order_box
    assert box.isVisible() and wizard.columns_page.date_hint.isVisible() and "25/01/02 10:00" in wizard.columns_page.date_hint.text()
    assert [box.itemData(i) for i in range(box.count())] == [None, "dmy", "ymd"]
    assert not wizard.columns_page.check_button.isEnabled() and "order of day, month and year" in wizard.columns_page.mapping_error.text()
    box.setFocus()
    while box.currentData() != "ymd":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert wizard.columns_page.check_button.isEnabled()
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert wizard.check_page.check_labels["imported"].text() == "2" and wizard.check_page.check_labels["rejected"].text() == "0"
    with qtbot.waitSignal(wizard.finished, timeout=30_000):
        qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        assert sorted(s.scalars(select(Purchase.purchased_at))) == [dt.datetime(2025, 1, 2, 10), dt.datetime(2025, 1, 3, 11)]


def messy_receipts_file(path: Path) -> Path:
    """A till export: title rows, merged title, receipt nos., one line exported twice (same receipt,
    same everything), a phone with a typo, a subtotal row, amounts with ¥ and full-width digits."""
    wb = Workbook()
    ws = wb.active
    ws.title = "流水"
    ws.append(["阳光烘焙 POS 导出", None, None, None, None, None])
    ws.merge_cells("A1:F1")
    ws.append(["导出时间：2025-04-01", None, None, None, None, None])
    ws.append(["销售单号", "销售日期", "联系方式", "品名", "数量", "实收"])
    ws.append(["R001", "2025/3/5 14:32", "138 0000 1111", "牛角包", 2, "¥16.00"])
    ws.append(["R001", "2025/3/5 14:32", "138 0000 1111", "拿铁", 1, "¥18.00"])
    ws.append(["R001", "2025/3/5 14:32", "138 0000 1111", "拿铁", 1, "¥18.00"])  # the same line twice
    ws.append(["R002", "2025年3月6日", "+86 139-0000-2222", "吐司", 1, "１２"])
    ws.append(["R003", "2025-03-07", "1390000222", "蛋挞", 3, "15"])  # a phone with a digit missing: row 8
    ws.append(["小计", None, None, None, None, "79"])
    wb.save(path)
    return path


def test_check_step_shows_rejected_row_numbers_and_repeated_lines_apart(qtbot: Any, ctx: AppContext,
                                                                         wizard: ImportWizard, tmp_path: Path) -> None:
    path = messy_receipts_file(tmp_path / "pos.xlsx")
    to_columns(qtbot, wizard, path)
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert counts(ctx.db) == (0, 0, 0)
    rejects = wizard.check_page.check_rejects
    assert rejects.rowCount() == 1
    assert rejects.index(0, 1).data() == "8"  # the row number in the sheet, before anything is imported
    assert "1390000222" in rejects.index(0, 3).data()
    labels = wizard.check_page.check_labels
    assert labels["duplicates"].text() == "0"  # a first import: nothing is "already imported"
    assert labels["in_file_duplicates"].text() == "1" and labels["in_file_duplicates"].isVisible()
    assert wizard.check_page.check_form.labelForField(labels["in_file_duplicates"]).text() == \
        "Lines repeated in the file (counted once)"

    with qtbot.waitSignal(wizard.finished, timeout=30_000):
        qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    assert counts(ctx.db)[0] == 2  # R001 and R002 (R003 rejected)
    qtbot.mouseClick(wizard.result_page.again_button, Qt.MouseButton.LeftButton)
    to_columns(qtbot, wizard, path)  # the same file again: now its rows are already in the shop
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert int(wizard.check_page.check_labels["duplicates"].text()) >= 3


def test_check_step_of_a_member_list_shows_row_numbers_and_repeats_apart(qtbot: Any, ctx: AppContext,
                                                                          wizard: ImportWizard, tmp_path: Path) -> None:
    """A member list with one member twice and a bad phone: on a first import nobody is "already
    imported"; the bad row's number shows before anything is written; the second time, all are."""
    wb = Workbook()
    ws = wb.active
    ws.append(["会员名单"])
    ws.append(["会员卡号", "姓名", "手机号"])
    ws.append(["VIP001", "王芳", "13800001111"])
    ws.append(["VIP002", "李雷", "1380000222"])  # row 4: a digit missing
    ws.append(["VIP001", "王芳", "13800001111"])  # row 5: the same member again
    ws.append(["VIP003", "张三", "13900003333"])
    path = tmp_path / "members.xlsx"
    wb.save(path)
    qtbot.mouseClick(wizard.file_page.members_radio, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, wizard.file_page.members_radio.height() // 2))
    assert wizard.kind() == "members"
    to_columns(qtbot, wizard, path)
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    page = wizard.check_page
    assert counts(ctx.db) == (0, 0, 0)
    assert [page.check_rejects.index(r, 1).data() for r in range(page.check_rejects.rowCount())] == ["4"]
    labels = page.check_labels
    assert labels["duplicates"].text() == "0"  # a first import: nothing is "already imported"
    assert labels["in_file_duplicates"].isVisible() and labels["in_file_duplicates"].text() == "1"
    assert labels["members_created"].text() == "2" and labels["rejected"].text() == "1"
    with qtbot.waitSignal(wizard.finished, timeout=30_000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert counts(ctx.db)[1] == 2
    qtbot.mouseClick(wizard.result_page.again_button, Qt.MouseButton.LeftButton)
    to_columns(qtbot, wizard, path)
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    assert labels["duplicates"].text() == "2" and labels["in_file_duplicates"].text() == "1"
    assert labels["imported"].text() == "0" and not page.import_button.isEnabled()


def test_a_file_dropped_on_the_first_step_is_read(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    """Dragging a spreadsheet from the file manager onto the wizard (its title or its page) reads it."""
    path = sales_file(tmp_path / "dropped.xlsx")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPointF(40, 10)  # over the title "Import", outside the page
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(wizard, enter)
    assert enter.isAccepted()
    drop = QDropEvent(where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=20_000):
        QApplication.sendEvent(wizard, drop)
    assert wizard.step() == "columns" and wizard.file_page.file_edit.text() == str(path)
