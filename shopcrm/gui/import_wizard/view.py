"""Import wizard: file -> columns (the guessed mapping, editable) -> check -> import -> result.

Reading the file for the preview and checking every row (a dry run) happen on the reader thread;
the import itself on the writer thread, in one transaction, with progress and Cancel.  The result
page lists the rejected rows (saved as a spreadsheet the owner can fix and import again) and can
undo the whole batch.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text
from shopcrm.gui.import_wizard.jobs import (
    Outcome,
    check_job,
    import_job,
    preview_job,
    save_rejects_job,
    undo_job,
)
from shopcrm.gui.import_wizard.models import FIELD_ROLE, MappingModel, RejectedModel, SampleModel, field_text
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.widgets import ErrorLabel, hint_label, title_label
from shopcrm.gui.window_state import remember_splitter, restore_splitter
from shopcrm.gui.worker import Job
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.io.headers import IGNORE, REASON, fields_for, required_missing
from shopcrm.services.importing.review import BatchLine, recent_batches
from shopcrm.services.importing.sheets import FilePreview, SheetPreview, field_label

FILE_FILTER = "*.xlsx *.xlsm *.xls *.csv *.txt"
STEPS = ("file", "columns", "check", "import", "result")
Index = QModelIndex | QPersistentModelIndex


def create_view(ctx: AppContext) -> QWidget:
    return ImportWizard(ctx)


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the fields a column can be imported as."""

    def __init__(self, model: MappingModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        box.setObjectName(f"field_{index.row()}")
        for name in self.model.choices:
            box.addItem(field_text(name), name)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(FIELD_ROLE))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, i))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ImportWizard(QWidget):
    read_button: QPushButton  # built after the file field whose edits enable it

    step_changed = Signal(str)
    preview_loaded = Signal()
    checked = Signal()
    finished = Signal(object)  # Outcome of the import, or None when cancelled
    undone = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.preview: FilePreview | None = None
        self.path: Path | None = None
        self.mappings: dict[str, dict[int, str]] = {}
        self.date_orders: dict[str, str] = {}  # sheet -> dmy | mdy | ymd, where its text dates leave the order open
        self.selected: dict[str, bool] = {}
        self.check_outcome: Outcome | None = None
        self.outcome: Outcome | None = None
        self.job: Job | None = None
        self._workdir = Path(tempfile.mkdtemp(prefix="shopcrm-import-"))

        self.step_label = QLabel()
        self.step_label.setObjectName("hint")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._columns_page())
        self.stack.addWidget(self._check_page())
        self.stack.addWidget(self._run_page())
        self.stack.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(title_label(self.tr("Import")))
        header.addSpacing(16)
        header.addWidget(self.step_label, 1)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.destroyed.connect(lambda _o=None, d=self._workdir: shutil.rmtree(d, ignore_errors=True))
        ctx.operation_finished.connect(self._operation_finished)
        self.go("file")
        self.refresh_batches()

    def _operation_finished(self, kind: str) -> None:
        if kind in ("import", "undo-import", "restore", "demo"):
            self.refresh_batches()

    # ---- pages ----------------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.sales_radio = QRadioButton(self.tr("Past &sales (one row per sale or per sale line)"))
        self.members_radio = QRadioButton(self.tr("A &member list"))
        self.sales_radio.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.sales_radio)
        group.addButton(self.members_radio)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setPlaceholderText(self.tr("Choose a spreadsheet, or drop it here"))
        self.file_edit.returnPressed.connect(lambda: self.read_file())
        self.file_edit.textChanged.connect(lambda t: self.read_button.setEnabled(bool(t.strip())))
        browse = QPushButton(self.tr("C&hoose file ..."))
        browse.clicked.connect(self.choose_file)
        self.read_button = QPushButton(self.tr("&Next: columns"))
        self.read_button.setObjectName("primary")
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(lambda: self.read_file())
        self.file_error = ErrorLabel()
        self.file_busy = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("What is in the file"), self.sales_radio)
        form.addRow("", self.members_radio)
        form.addRow(self.tr("File"), row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_busy, 1)
        buttons.addWidget(self.read_button)
        self.batch_model: ListTableModel[BatchLine] = ListTableModel(self._batch_columns(), parent=self)
        self.batch_table = QTableView()
        self.batch_table.setObjectName("batchTable")
        self.batch_table.setModel(self.batch_model)
        self.batch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.batch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.batch_table.verticalHeader().setVisible(False)
        self.batch_table.horizontalHeader().setStretchLastSection(True)
        self.batch_table.selectionModel().selectionChanged.connect(lambda *_a: self._batch_selected())
        self.batch_undo = QPushButton(self.tr("U&ndo the selected import ..."))
        self.batch_undo.setEnabled(False)
        self.batch_undo.clicked.connect(self.confirm_undo_batch)
        self.batch_save = QPushButton(self.tr("Save its rejected rows as ..."))
        self.batch_save.setEnabled(False)
        self.batch_save.clicked.connect(self.save_batch_rejects)
        batch_buttons = QHBoxLayout()
        batch_buttons.addStretch(1)
        batch_buttons.addWidget(self.batch_save)
        batch_buttons.addWidget(self.batch_undo)
        earlier = QLabel(self.tr("Earlier imports"))
        earlier.setObjectName("sectionTitle")
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.file_error)
        layout.addWidget(hint_label(self.tr(
            "Excel (.xlsx, .xlsm, .xls) or CSV (UTF-8 or GBK). Title rows above the header, merged cells, several "
            "sheets, blank and total rows are fine. Nothing is written before the last step, and an import can be "
            "undone.")))
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(earlier)
        layout.addWidget(self.batch_table, 1)
        layout.addLayout(batch_buttons)
        return page

    def _batch_columns(self) -> list[ListColumn[BatchLine]]:
        c = "ImportWizard"

        def status(b: BatchLine) -> str:
            if b.status == "undone":
                return QCoreApplication.translate("ImportWizard", "Undone {when}").format(when=date_text(b.undone_at))
            return QCoreApplication.translate("ImportWizard", "Imported")

        def kind(b: BatchLine) -> str:
            return (QCoreApplication.translate("ImportWizard", "Sales") if b.kind == "sales"
                    else QCoreApplication.translate("ImportWizard", "Members"))

        return [
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "No."), c, lambda b: str(b.id), numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "When"), c, lambda b: date_text(b.started_at)),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "What"), c, kind),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "File"), c, lambda b: b.file_name),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Imported"), c, lambda b: f"{b.imported:,}", numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Duplicates"), c, lambda b: f"{b.duplicates:,}",
                       numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Rejected"), c, lambda b: f"{b.rejected:,}", numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Status"), c, status),
        ]

    def refresh_batches(self) -> None:
        db = self.ctx.db
        self.ctx.read(lambda _c: recent_batches(db), on_done=self._batches_arrived)

    def _batches_arrived(self, rows: list[BatchLine]) -> None:
        self.batch_model.set_rows(rows)
        self.batch_table.resizeColumnsToContents()
        self._batch_selected()

    def selected_batch(self) -> BatchLine | None:
        rows = self.batch_table.selectionModel().selectedRows()
        return self.batch_model.row(rows[0].row()) if rows else None

    def _batch_selected(self) -> None:
        batch = self.selected_batch()
        self.batch_undo.setEnabled(batch is not None and batch.status == "done")
        self.batch_save.setEnabled(batch is not None and batch.rejected > 0)

    def confirm_undo_batch(self) -> None:
        batch = self.selected_batch()
        if batch is None or batch.status != "done":
            return
        answer = QMessageBox.question(
            self, self.tr("Undo import"),
            self.tr("Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.")
            .format(batch=batch.id, rows=f"{batch.imported:,}", file=batch.file_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.batch_undo.setEnabled(False)
            self.ctx.run(undo_job(self.ctx.db, batch.id), label=self.tr("Undoing the import"), kind="undo-import",
                         on_done=lambda _r: self.undone.emit(), parent=self)

    def save_batch_rejects(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        target = self._ask_rejects_path(batch.file_name)
        if target is not None:
            self.ctx.run(save_rejects_job(self.ctx.db, target, batch_id=batch.id), label=self.tr("Saving rejected rows"),
                         parent=self, on_done=lambda path: self.file_busy.setText(
                             self.tr("Rejected rows saved to {path}.").format(path=path)))

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("sheetBox")
        self.sheet_box.currentIndexChanged.connect(lambda _i: self._show_sheet())
        self.sheet_check = QCheckBox(self.tr("Import this sheet"))
        self.sheet_check.toggled.connect(self._sheet_toggled)
        self.mapping_hint = hint_label()
        self.kind_hint = hint_label()
        self.kind_button = QPushButton()
        self.kind_button.hide()
        self.kind_button.clicked.connect(self._switch_kind)
        self.mapping_error = ErrorLabel()
        self.date_hint = hint_label()
        self.date_order_box = QComboBox()
        self.date_order_box.setObjectName("dateOrderBox")
        self.date_order_box.currentIndexChanged.connect(lambda _i: self._date_order_chosen())
        self.date_hint.hide()
        self.date_order_box.hide()
        self.mapping_model = MappingModel(self)
        self.mapping_model.changed.connect(self._mapping_changed)
        self.mapping_table = QTableView()
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setModel(self.mapping_model)
        self.mapping_table.setItemDelegateForColumn(MappingModel.FIELD_COLUMN, FieldDelegate(self.mapping_model, self))
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.verticalHeader().setDefaultSectionSize(30)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 160)
        header.resizeSection(3, 230)
        self.sample_model = SampleModel(self.mapping_model, self)
        self.sample_table = QTableView()
        self.sample_table.setObjectName("sampleTable")
        self.sample_table.setModel(self.sample_model)
        self.sample_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample_table.setWordWrap(False)
        self.sample_table.horizontalHeader().setDefaultSectionSize(120)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("importMappingSplitter")
        splitter.addWidget(self.mapping_table)
        splitter.addWidget(self.sample_table)
        splitter.setSizes([300, 200])
        restore_splitter(splitter)
        remember_splitter(splitter)
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self.go("file"))
        self.check_button = QPushButton(self.tr("&Next: check the rows"))
        self.check_button.setObjectName("primary")
        self.check_button.clicked.connect(self.run_check)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sheet")))
        top.addWidget(self.sheet_box, 1)
        top.addWidget(self.sheet_check)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_hint, 1)
        kind_row.addWidget(self.kind_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.mapping_hint)
        layout.addLayout(kind_row)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_hint, 1)
        date_row.addWidget(self.date_order_box)
        layout.addLayout(date_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.mapping_error)
        layout.addLayout(buttons)
        return page

    def _summary_form(self) -> tuple[QFormLayout, dict[str, QLabel]]:
        form = QFormLayout()
        labels: dict[str, QLabel] = {}
        for key, text in (("rows", self.tr("Rows read")), ("imported", self.tr("Rows to import")),
                          ("purchases", self.tr("Sales")), ("duplicates", self.tr("Already imported (skipped)")),
                          ("in_file_duplicates", self.tr("Lines repeated in the file (counted once)")),
                          ("rejected", self.tr("Rejected")), ("members_created", self.tr("New members")),
                          ("members_updated", self.tr("Members updated")),
                          ("skipped", self.tr("Blank, total and repeated header rows left out"))):
            label = QLabel()
            label.setObjectName(f"sum_{key}")
            labels[key] = label
            form.addRow(text, label)
        return form, labels

    def _rejects_table(self, model: RejectedModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 90)
        header.resizeSection(1, 50)
        header.resizeSection(2, 330)
        header.setStretchLastSection(True)
        return table

    def _check_page(self) -> QWidget:
        page = QWidget()
        self.check_title = QLabel()
        self.check_title.setObjectName("sectionTitle")
        self.check_progress = QProgressBar()
        self.check_cancel = QPushButton(self.tr("Cancel"))
        self.check_cancel.clicked.connect(self.cancel_job)
        self.check_form, self.check_labels = self._summary_form()
        self.check_notes = hint_label()
        self.check_rejects = RejectedModel(self)
        self.check_table = self._rejects_table(self.check_rejects, "checkRejects")
        self.check_save = QPushButton(self.tr("&Save rejected rows as ..."))
        self.check_save.clicked.connect(self.save_rejects)
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self.go("columns"))
        self.import_button = QPushButton()
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.run_import)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.check_progress, 1)
        progress_row.addWidget(self.check_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_save)
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_title)
        layout.addLayout(progress_row)
        layout.addLayout(self.check_form)
        layout.addWidget(self.check_notes)
        layout.addWidget(self.check_table, 1)
        layout.addLayout(buttons)
        return page

    def _run_page(self) -> QWidget:
        page = QWidget()
        self.run_title = QLabel()
        self.run_title.setObjectName("sectionTitle")
        self.run_progress = QProgressBar()
        self.run_progress.setObjectName("importProgress")
        self.run_phase = hint_label()
        self.run_cancel = QPushButton(self.tr("&Cancel import"))
        self.run_cancel.setObjectName("cancelImport")
        self.run_cancel.clicked.connect(self.cancel_job)
        row = QHBoxLayout()
        row.addWidget(self.run_progress, 1)
        row.addWidget(self.run_cancel)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.run_title)
        layout.addLayout(row)
        layout.addWidget(self.run_phase)
        layout.addWidget(hint_label(self.tr("Cancel leaves the shop exactly as it was: all rows are written in "
                                            "one go at the end.")))
        layout.addStretch(2)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_title = QLabel()
        self.result_title.setObjectName("sectionTitle")
        self.result_form, self.result_labels = self._summary_form()
        self.result_notes = hint_label()
        self.result_rejects = RejectedModel(self)
        self.result_table = self._rejects_table(self.result_rejects, "resultRejects")
        self.result_save = QPushButton(self.tr("&Save rejected rows as ..."))
        self.result_save.clicked.connect(self.save_rejects)
        self.undo_button = QPushButton(self.tr("&Undo this import"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.confirm_undo)
        self.segments_button = QPushButton(self.tr("See &tiers and segments"))
        self.segments_button.clicked.connect(lambda: self.ctx.navigate_requested.emit("segments", None))
        again = QPushButton(self.tr("Import &another file"))
        again.setObjectName("primary")
        again.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_save)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.segments_button)
        buttons.addWidget(again)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_title)
        layout.addLayout(self.result_form)
        layout.addWidget(self.result_notes)
        layout.addWidget(self.result_table, 1)
        layout.addLayout(buttons)
        return page

    # ---- navigation ---------------------------------------------------------------------------------
    def step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def go(self, step: str) -> None:
        self.stack.setCurrentIndex(STEPS.index(step))
        names = (self.tr("1 File"), self.tr("2 Columns"), self.tr("3 Check"), self.tr("4 Import"), self.tr("5 Done"))
        current = STEPS.index(step)
        self.step_label.setText("  ›  ".join(f"<b>{n}</b>" if i == current else n for i, n in enumerate(names)))
        self.step_changed.emit(step)

    def kind(self) -> str:
        return "members" if self.members_radio.isChecked() else "sales"

    def restart(self) -> None:
        self.preview = None
        self.check_outcome = self.outcome = None
        self.file_edit.clear()
        self.file_error.clear_message()
        self.go("file")

    # ---- step 1: file -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.step() == "file" and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.file_edit.setText(urls[0].toLocalFile())
            self.read_file()

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a spreadsheet"), "", self.tr("Spreadsheets ({patterns})").format(
                patterns=FILE_FILTER))
        if name:
            self.file_edit.setText(name)
            self.read_file()

    def read_file(self, kind: str | None = None) -> None:
        text = self.file_edit.text().strip().strip('"')
        if not text or (self.job is not None and not self.job.done):
            return
        if kind in ("sales", "members"):
            (self.members_radio if kind == "members" else self.sales_radio).setChecked(True)
        self.path = Path(text).expanduser()
        self.file_error.clear_message()
        self.file_busy.setText(self.tr("Reading {file} ...").format(file=self.path.name))
        self.read_button.setEnabled(False)
        self.job = self.ctx.read(preview_job(self.ctx.db, self.path, self.kind()), on_done=self._previewed,
                                 on_error=self._preview_failed)

    def _preview_failed(self, exc: BaseException) -> None:
        self.file_busy.setText("")
        self.read_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.file_error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)
        self.go("file")

    def _previewed(self, preview: FilePreview) -> None:
        self.file_busy.setText("")
        self.read_button.setEnabled(True)
        self.preview = preview
        self.mappings = {s.name: dict(s.mapping) for s in preview.sheets}
        self.date_orders = {}
        self.selected = {s.name: s.header_row is not None and not s.missing and not s.hidden for s in preview.sheets}
        if not any(self.selected.values()):  # let the owner fix the first sheet with a header
            first = next((s for s in preview.sheets if s.header_row is not None), None)
            if first is not None:
                self.selected[first.name] = True
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for s in preview.sheets:
            note = "" if s.header_row is not None else " " + self.tr("(no header found)")
            rows = "" if s.total_rows is None else " " + self.tr("({rows} rows)").format(rows=f"{s.total_rows:,}")
            self.sheet_box.addItem(s.name + rows + note, s.name)
        first_selected = next((i for i, s in enumerate(preview.sheets) if self.selected[s.name]), 0)
        self.sheet_box.setCurrentIndex(first_selected)
        self.sheet_box.blockSignals(False)
        self.sheet_box.setEnabled(len(preview.sheets) > 1)
        other = preview.kind_guess if preview.kind_guess != self.kind() else None
        if other is not None:
            self.kind_hint.setText(self.tr("This file looks like a member list.") if other == "members"
                                   else self.tr("This file looks like past sales."))
            self.kind_button.setText(self.tr("Import as a member list") if other == "members"
                                     else self.tr("Import as sales"))
            self.kind_button.setProperty("kind", other)
        self.kind_hint.setVisible(other is not None)
        self.kind_button.setVisible(other is not None)
        self._show_sheet()
        self.go("columns")
        self.preview_loaded.emit()

    def _switch_kind(self) -> None:
        kind = self.kind_button.property("kind")
        if kind:
            self.read_file(str(kind))

    # ---- step 2: columns ----------------------------------------------------------------------------
    def current_sheet(self) -> SheetPreview | None:
        if self.preview is None:
            return None
        name = self.sheet_box.currentData()
        return next((s for s in self.preview.sheets if s.name == name), None)

    def field_choices(self) -> list[str]:
        choices = [*fields_for(self.kind()), IGNORE]
        if any(REASON in m.values() for m in self.mappings.values()):
            choices.append(REASON)
        return choices

    def _show_sheet(self) -> None:
        sheet = self.current_sheet()
        self.mapping_model.set_sheet(sheet, self.field_choices(), self.mappings.get(sheet.name) if sheet else None)
        for row in range(self.mapping_model.rowCount()):
            self.mapping_table.openPersistentEditor(self.mapping_model.index(row, MappingModel.FIELD_COLUMN))
        self.sheet_check.blockSignals(True)
        self.sheet_check.setChecked(bool(sheet and self.selected.get(sheet.name)))
        self.sheet_check.setEnabled(sheet is not None and sheet.header_row is not None)
        self.sheet_check.blockSignals(False)
        if sheet is None:
            self.mapping_hint.setText("")
        elif sheet.header_row is None:
            self.mapping_hint.setText(self.tr("No header row was recognised in this sheet; it is not imported."))
        elif sheet.source == "remembered":
            self.mapping_hint.setText(self.tr("Header found in row {row}. The columns are set as you set them last "
                                              "time for a file laid out like this.").format(row=sheet.header_row))
        else:
            self.mapping_hint.setText(self.tr("Header found in row {row}. The columns were recognised from their "
                                              "headers: check them, and change any that is wrong.").format(
                row=sheet.header_row))
        self._show_date_order(sheet)
        self.sample_table.resizeColumnsToContents()
        self._validate()

    def _order_name(self, order: str) -> str:
        return {"dmy": self.tr("day/month/year"), "mdy": self.tr("month/day/year"), "ymd": self.tr("year/month/day")}[order]

    def _show_date_order(self, sheet: SheetPreview | None) -> None:
        """Text dates like 03/04/25 whose order the column leaves open: the owner says which it is."""
        needed = sheet is not None and sheet.needs_date_order
        self.date_hint.setVisible(needed)
        self.date_order_box.setVisible(needed)
        if not needed or sheet is None:
            return
        text, readings = sheet.date_examples[0] if sheet.date_examples else ("", {})
        shown = self.tr(" or ").join(self.tr("{date} ({order})").format(date=d.isoformat(), order=self._order_name(o))
                                     for o, d in sorted(readings.items()))
        self.date_hint.setText(self.tr("Its dates do not show their order: \"{value}\" can be {readings}. "
                                       "Choose how this sheet writes dates.").format(value=text, readings=shown))
        self.date_order_box.blockSignals(True)
        self.date_order_box.clear()
        self.date_order_box.addItem(self.tr("Choose the date order"), None)
        for order in sheet.date_orders or ("dmy", "mdy", "ymd"):
            self.date_order_box.addItem(self._order_name(order), order)
        self.date_order_box.setCurrentIndex(max(0, self.date_order_box.findData(self.date_orders.get(sheet.name))))
        self.date_order_box.blockSignals(False)

    def _date_order_chosen(self) -> None:
        sheet = self.current_sheet()
        if sheet is None:
            return
        order = self.date_order_box.currentData()
        if order:
            self.date_orders[sheet.name] = order
        else:
            self.date_orders.pop(sheet.name, None)
        self._validate()

    def _sheet_toggled(self, on: bool) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            self.selected[sheet.name] = on
        self._validate()

    def _mapping_changed(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            self.mappings[sheet.name] = self.mapping_model.mapping()
        self._validate()

    def missing_fields(self, sheet_name: str) -> list[str]:
        used = {f for f in self.mappings.get(sheet_name, {}).values() if f not in (IGNORE, REASON)}
        return required_missing(self.kind(), used)

    def chosen_sheets(self) -> list[str]:
        return [name for name, on in self.selected.items() if on]

    def duplicated_fields(self, sheet_name: str) -> list[str]:
        seen: set[str] = set()
        twice: list[str] = []
        for f in self.mappings.get(sheet_name, {}).values():
            if f not in (IGNORE, REASON):
                if f in seen and f not in twice:
                    twice.append(f)
                seen.add(f)
        return twice

    def _validate(self) -> bool:
        problems = []
        for name in self.chosen_sheets():
            missing = self.missing_fields(name)
            if missing:
                problems.append(self.tr("Sheet \"{sheet}\": choose the column with {fields}.").format(
                    sheet=name, fields=", ".join(field_label(m) for m in missing)))
            sheet = next((p for p in self.preview.sheets if p.name == name), None) if self.preview else None
            if sheet is not None and sheet.needs_date_order and name not in self.date_orders:
                problems.append(self.tr("Sheet \"{sheet}\": choose the order of day, month and year of its dates.").format(
                    sheet=name))
            twice = self.duplicated_fields(name)
            if twice:
                problems.append(self.tr("Sheet \"{sheet}\": {fields} is chosen for two columns.").format(
                    sheet=name, fields=", ".join(field_label(m) for m in twice)))
        if not self.chosen_sheets():
            problems.append(self.tr("Choose at least one sheet to import."))
        self.mapping_error.show_message(" ".join(problems))
        self.check_button.setEnabled(not problems)
        return not problems

    def given_mappings(self) -> dict[str, dict[int, str]]:
        return {name: dict(self.mappings[name]) for name in self.chosen_sheets()}

    # ---- step 3: check ------------------------------------------------------------------------------
    def run_check(self) -> None:
        if self.path is None or not self._validate() or (self.job is not None and not self.job.done):
            return
        self.go("check")
        self.check_title.setText(self.tr("Checking every row of {file} ...").format(file=self.path.name))
        for label in self.check_labels.values():
            label.setText("")
        self.check_notes.setText("")
        self.check_rejects.set_rows([])
        self.check_outcome = None
        self.import_button.setEnabled(False)
        self.check_save.setEnabled(False)
        self._busy(self.check_progress, self.check_cancel, True)
        job = self.ctx.read(check_job(self.ctx.db, self.path, self.kind(), self.given_mappings(), self.chosen_sheets(),
                                      self._workdir, dict(self.date_orders)), on_done=self._checked, on_error=self._check_failed)
        job.progressed.connect(lambda d, t, p: self._progress(self.check_progress, None, d, t, p))
        job.cancelled.connect(lambda: self._check_cancelled())
        self.job = job

    def _busy(self, bar: QProgressBar, cancel: QPushButton, on: bool) -> None:
        bar.setVisible(on)
        bar.setRange(0, 0)
        cancel.setVisible(on)
        cancel.setEnabled(on)

    def phase_text(self, phase: str) -> str:
        texts = {"reading": self.tr("Reading the rows"), "checking": self.tr("Checking members and duplicates"),
                 "writing": self.tr("Writing to the shop"), "done": self.tr("Done")}
        return texts.get(phase, phase)

    def _progress(self, bar: QProgressBar, label: QLabel | None, done: float, total: float, phase: str) -> None:
        if total > 0:
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * min(1.0, done / total)))
        else:
            bar.setRange(0, 0)
        if label is not None:
            label.setText(self.phase_text(phase) + (f" ({int(done):,} / {int(total):,})" if total > 0 else ""))

    def _check_failed(self, exc: BaseException) -> None:
        self._busy(self.check_progress, self.check_cancel, False)
        self.go("columns")
        if isinstance(exc, ShopError):
            self.mapping_error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)

    def _check_cancelled(self) -> None:
        self._busy(self.check_progress, self.check_cancel, False)
        self.go("columns")

    def _checked(self, outcome: Outcome) -> None:
        self._busy(self.check_progress, self.check_cancel, False)
        self.check_outcome = outcome
        r = outcome.result
        self.check_title.setText(self.tr("{file}: checked, nothing written yet").format(file=r.file_name))
        self._fill_summary(self.check_labels, outcome)
        self.check_notes.setText(self._notes(outcome, checking=True))
        self.check_rejects.set_rows(outcome.rejects)
        self.check_save.setEnabled(outcome.rejects_file is not None)
        self.import_button.setText(self.tr("&Import {n} rows").format(n=f"{r.imported:,}"))
        self.import_button.setEnabled(r.imported > 0 or r.members_updated > 0)
        self.checked.emit()

    def _fill_summary(self, labels: dict[str, QLabel], outcome: Outcome) -> None:
        r = outcome.result
        sales = r.kind == "sales"
        for key, label in labels.items():
            value = getattr(r, key, 0) or 0
            if key == "duplicates":  # only rows already in the shop; lines repeated in this file are apart
                value -= r.in_file_duplicates
            label.setText(f"{value:,}")
            shown = not ((key == "purchases" and not sales) or (key == "members_updated" and sales)
                         or (key == "in_file_duplicates" and not value))
            label.setVisible(shown)
            form = self.check_form if labels is self.check_labels else self.result_form
            form.labelForField(label).setVisible(shown)
        labels["rejected"].setStyleSheet("color: #b3261e; font-weight: 600;" if r.rejected else "")

    def _notes(self, outcome: Outcome, *, checking: bool) -> str:
        r = outcome.result
        notes = list(r.notes)
        if r.earlier_batches and checking:
            notes.append(self.tr("This file was imported before (import {batches}); rows already in the shop are "
                                 "skipped.").format(batches=", ".join(str(b) for b in r.earlier_batches)))
        if r.rejected:
            notes.append(self.tr("Rejected rows are not imported. Save them, fix the cells, and import that file "
                                 "again."))
        return "\n".join(notes)

    # ---- step 4: import -----------------------------------------------------------------------------
    def run_import(self) -> None:
        """Import what the check found importable (the button is enabled only then)."""
        checked = self.check_outcome
        if self.path is None or checked is None or (self.job is not None and not self.job.done):
            return
        if not (checked.result.imported or checked.result.members_updated):
            return
        self.go("import")
        self.run_title.setText(self.tr("Importing {file} ...").format(file=self.path.name))
        self.run_phase.setText(self.phase_text("reading"))
        self._busy(self.run_progress, self.run_cancel, True)
        job = self.ctx.run(import_job(self.ctx.db, self.path, self.kind(), self.given_mappings(),
                                      self.chosen_sheets(), dict(self.date_orders)),
                           label=self.tr("Importing {file}").format(file=self.path.name), kind="import",
                           on_done=self._imported, on_error=self._import_failed, show_progress=True)
        job.progressed.connect(lambda d, t, p: self._progress(self.run_progress, self.run_phase, d, t, p))
        job.cancelled.connect(self._import_cancelled)
        self.job = job

    def cancel_job(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.run_cancel.setEnabled(False)
            self.check_cancel.setEnabled(False)
            self.run_phase.setText(self.tr("Cancelling ..."))

    def _import_failed(self, exc: BaseException) -> None:
        self._busy(self.run_progress, self.run_cancel, False)
        self.go("check")
        self.check_notes.setText(exc.message() if isinstance(exc, ShopError) else "")
        if not isinstance(exc, ShopError):
            self.ctx.show_error(exc, self)
        self.finished.emit(None)

    def _import_cancelled(self) -> None:
        self._busy(self.run_progress, self.run_cancel, False)
        self.go("check")
        self.check_title.setText(self.tr("Import cancelled; nothing was imported."))
        self.finished.emit(None)

    def _imported(self, outcome: Outcome) -> None:
        self._busy(self.run_progress, self.run_cancel, False)
        self.outcome = outcome
        r = outcome.result
        self.result_title.setText(self.tr("{file} imported (import no. {batch})").format(
            file=r.file_name, batch=r.batch))
        self._fill_summary(self.result_labels, outcome)
        self.result_notes.setText(self._notes(outcome, checking=False))
        self.result_rejects.set_rows(outcome.rejects)
        self.result_save.setEnabled(r.rejected > 0 and r.batch is not None)
        self.undo_button.setEnabled(r.batch is not None)
        self.undo_button.setText(self.tr("&Undo this import"))
        self.segments_button.setVisible(r.kind == "sales")
        self.go("result")
        self.finished.emit(outcome)

    # ---- step 5: result -----------------------------------------------------------------------------
    def save_rejects(self) -> None:
        on_result = self.step() == "result"
        outcome = self.outcome if on_result else self.check_outcome
        if outcome is None:
            return
        target = self._ask_rejects_path(outcome.result.file_name)
        if target is None:
            return
        job_fn = (save_rejects_job(self.ctx.db, target, batch_id=outcome.result.batch) if on_result
                  else save_rejects_job(self.ctx.db, target, checked_file=outcome.rejects_file))
        self.ctx.run(job_fn, label=self.tr("Saving rejected rows"), parent=self,
                     on_done=lambda path: self._saved(Path(path)))

    def _ask_rejects_path(self, file_name: str) -> Path | None:
        stem = Path(file_name).stem
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save rejected rows"), str(Path.home() / self.tr("{name} rejected.xlsx").format(name=stem)),
            self.tr("Excel workbook (*.xlsx)"))
        if not name:
            return None
        return Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")

    def _saved(self, path: Path) -> None:
        notes = self.result_notes if self.step() == "result" else self.check_notes
        notes.setText(notes.text() + "\n" + self.tr("Rejected rows saved to {path}.").format(path=path))

    def confirm_undo(self) -> None:
        if self.outcome is None or self.outcome.result.batch is None:
            return
        r = self.outcome.result
        answer = QMessageBox.question(
            self, self.tr("Undo import"),
            self.tr("Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.")
            .format(batch=r.batch, rows=f"{r.imported:,}", file=r.file_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.undo()

    def undo(self) -> None:
        if self.outcome is None or self.outcome.result.batch is None:
            return
        self.undo_button.setEnabled(False)
        self.ctx.run(undo_job(self.ctx.db, self.outcome.result.batch), label=self.tr("Undoing the import"),
                     kind="undo-import", on_done=self._undone, on_error=self._undo_failed, parent=self)

    def _undo_failed(self, exc: BaseException) -> None:
        self.undo_button.setEnabled(True)
        self.ctx.show_error(exc, self)

    def _undone(self, result: Any) -> None:
        summary: dict[str, Any] = getattr(result, "summary", lambda: {})()
        self.result_title.setText(self.tr("Import no. {batch} undone: {purchases} sales and {members} members "
                                          "removed.").format(batch=summary.get("batch", ""),
                                                             purchases=f"{summary.get('purchases_removed', 0):,}",
                                                             members=f"{summary.get('members_removed', 0):,}"))
        self.undo_button.setText(self.tr("Undone"))
        self.result_save.setEnabled(False)
        self.undone.emit()
