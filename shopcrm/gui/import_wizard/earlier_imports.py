"""The list of earlier imports on the file page: each can be undone, or its rejected rows saved."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text
from shopcrm.gui.import_wizard.common import ask_rejects_path, translate
from shopcrm.gui.import_wizard.jobs import save_rejects_job, undo_job
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.importing.review import BatchLine, recent_batches

CTX = "ImportWizard"


def batch_columns() -> list[ListColumn[BatchLine]]:
    def status(b: BatchLine) -> str:
        if b.status == "undone":
            return translate("ImportWizard", "Undone {when}").format(when=date_text(b.undone_at))
        return translate("ImportWizard", "Imported")

    def kind(b: BatchLine) -> str:
        names = {"sales": translate("ImportWizard", "Sales"), "members": translate("ImportWizard", "Members"),
                 "ratings": translate("ImportWizard", "Ratings")}
        return names.get(b.kind, b.kind)

    return [
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "No."), CTX, lambda b: str(b.id), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "When"), CTX, lambda b: date_text(b.started_at)),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "What"), CTX, kind),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "File"), CTX, lambda b: b.file_name),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Imported"), CTX, lambda b: f"{b.imported:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Duplicates"), CTX, lambda b: f"{b.duplicates:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Rejected"), CTX, lambda b: f"{b.rejected:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("ImportWizard", "Status"), CTX, status),
    ]


class EarlierImports(QWidget):
    undone = Signal()
    saved = Signal(str)  # where the rejected rows went

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.batch_model: ListTableModel[BatchLine] = ListTableModel(batch_columns(), parent=self)
        self.batch_table = QTableView()
        self.batch_table.setObjectName("batchTable")
        self.batch_table.setModel(self.batch_model)
        self.batch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.batch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.batch_table.verticalHeader().setVisible(False)
        self.batch_table.horizontalHeader().setStretchLastSection(True)
        self.batch_table.selectionModel().selectionChanged.connect(lambda *_a: self._batch_selected())
        self.batch_undo = QPushButton(translate("ImportWizard", "U&ndo the selected import ..."))
        self.batch_undo.setEnabled(False)
        self.batch_undo.clicked.connect(self.confirm_undo_batch)
        self.batch_save = QPushButton(translate("ImportWizard", "Save its rejected rows as ..."))
        self.batch_save.setEnabled(False)
        self.batch_save.clicked.connect(self.save_batch_rejects)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.batch_save)
        buttons.addWidget(self.batch_undo)
        title = QLabel(translate("ImportWizard", "Earlier imports"))
        title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.batch_table, 1)
        layout.addLayout(buttons)
        ctx.operation_finished.connect(self._operation_finished)
        self.refresh()

    def _operation_finished(self, kind: str) -> None:
        if kind in ("import", "undo-import", "restore", "demo"):
            self.refresh()

    def refresh(self) -> None:
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
            self, translate("ImportWizard", "Undo import"),
            translate(
                "ImportWizard", "Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.")
            .format(batch=batch.id, rows=f"{batch.imported:,}", file=batch.file_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.batch_undo.setEnabled(False)
            self.ctx.run(undo_job(self.ctx.db, batch.id), label=translate("ImportWizard", "Undoing the import"),
                         kind="undo-import", on_done=lambda _r: self.undone.emit(), parent=self)

    def save_batch_rejects(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        target = ask_rejects_path(self, batch.file_name)
        if target is not None:
            self.ctx.run(save_rejects_job(self.ctx.db, target, batch_id=batch.id),
                         label=translate("ImportWizard", "Saving rejected rows"), parent=self,
                         on_done=lambda path: self.saved.emit(str(path)))
