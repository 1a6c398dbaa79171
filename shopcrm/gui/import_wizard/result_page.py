"""Step 5: what was imported, the rejected rows (to save, fix and import again), and Undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.common import (
    SummaryForm,
    ask_rejects_path,
    outcome_notes,
    rejects_table,
    translate,
)
from shopcrm.gui.import_wizard.jobs import Outcome, save_rejects_job, undo_job
from shopcrm.gui.import_wizard.models import RejectedModel
from shopcrm.gui.widgets import hint_label


class ResultPage(QWidget):
    undone = Signal()
    restart_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.outcome: Outcome | None = None
        self.result_title = QLabel()
        self.result_title.setObjectName("sectionTitle")
        self.result_form = SummaryForm()
        self.result_labels = self.result_form.labels
        self.result_notes = hint_label()
        self.result_rejects = RejectedModel(self)
        self.result_table = rejects_table(self.result_rejects, "resultRejects")
        self.result_save = QPushButton(translate("ImportWizard", "&Save rejected rows as ..."))
        self.result_save.clicked.connect(self.save_rejects)
        self.undo_button = QPushButton(translate("ImportWizard", "&Undo this import"))
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.confirm_undo)
        self.segments_button = QPushButton(translate("ImportWizard", "See &tiers and segments"))
        self.segments_button.clicked.connect(lambda: self.ctx.navigate_requested.emit("segments", None))
        self.again_button = again = QPushButton(translate("ImportWizard", "Import &another file"))
        again.setObjectName("primary")
        again.clicked.connect(self.restart_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_save)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.segments_button)
        buttons.addWidget(again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_title)
        layout.addLayout(self.result_form)
        layout.addWidget(self.result_notes)
        layout.addWidget(self.result_table, 1)
        layout.addLayout(buttons)

    def show_outcome(self, outcome: Outcome) -> None:
        self.outcome = outcome
        r = outcome.result
        self.result_title.setText(translate("ImportWizard", "{file} imported (import no. {batch})").format(
            file=r.file_name, batch=r.batch))
        self.result_form.fill(outcome)
        self.result_notes.setText(outcome_notes(outcome, checking=False))
        self.result_rejects.set_rows(outcome.rejects)
        self.result_save.setEnabled(r.rejected > 0 and r.batch is not None)
        self.undo_button.setEnabled(r.batch is not None)
        self.undo_button.setText(translate("ImportWizard", "&Undo this import"))
        self.segments_button.setVisible(r.kind == "sales")

    def save_rejects(self) -> None:
        if self.outcome is None or self.outcome.result.batch is None:
            return
        target = ask_rejects_path(self, self.outcome.result.file_name)
        if target is None:
            return
        self.ctx.run(save_rejects_job(self.ctx.db, target, batch_id=self.outcome.result.batch),
                     label=translate("ImportWizard", "Saving rejected rows"), parent=self,
                     on_done=lambda path: self.result_notes.setText(self.result_notes.text() + "\n" + translate(
                         "ImportWizard", "Rejected rows saved to {path}.").format(path=path)))

    def confirm_undo(self) -> None:
        if self.outcome is None or self.outcome.result.batch is None:
            return
        r = self.outcome.result
        answer = QMessageBox.question(
            self, translate("ImportWizard", "Undo import"),
            translate("ImportWizard",
                      "Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.")
            .format(batch=r.batch, rows=f"{r.imported:,}", file=r.file_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.undo()

    def undo(self) -> None:
        if self.outcome is None or self.outcome.result.batch is None:
            return
        self.undo_button.setEnabled(False)
        self.ctx.run(undo_job(self.ctx.db, self.outcome.result.batch), label=translate("ImportWizard", "Undoing the import"),
                     kind="undo-import", on_done=self._undone, on_error=self._undo_failed, parent=self)

    def _undo_failed(self, exc: BaseException) -> None:
        self.undo_button.setEnabled(True)
        self.ctx.show_error(exc, self)

    def _undone(self, result: Any) -> None:
        summary: dict[str, Any] = getattr(result, "summary", lambda: {})()
        if self.outcome is not None and self.outcome.result.kind == "ratings":
            self.result_title.setText(translate("ImportWizard", "Import no. {batch} undone: {feedback} ratings removed.")
                                      .format(batch=summary.get("batch", ""),
                                              feedback=f"{summary.get('feedback_removed', 0):,}"))
        else:
            self.result_title.setText(translate(
                "ImportWizard", "Import no. {batch} undone: {purchases} sales and {members} members removed.").format(
                batch=summary.get("batch", ""), purchases=f"{summary.get('purchases_removed', 0):,}",
                members=f"{summary.get('members_removed', 0):,}"))
        self.undo_button.setText(translate("ImportWizard", "Undone"))
        self.result_save.setEnabled(False)
        self.undone.emit()
