"""Step 3: every row checked (a dry run on the reader thread), nothing written: the figures, the
rejected rows with their row numbers, and the button that imports what the check found importable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.common import (
    JobSlot,
    SummaryForm,
    ask_rejects_path,
    outcome_notes,
    rejects_table,
    set_busy,
    show_progress,
    translate,
)
from shopcrm.gui.import_wizard.jobs import ImportPlan, Outcome, check_job, save_rejects_job
from shopcrm.gui.import_wizard.models import RejectedModel
from shopcrm.gui.widgets import hint_label


class CheckPage(QWidget):
    checked = Signal(object)  # Outcome of the check
    stopped = Signal(str)  # the check failed (its message) or was cancelled (""): back to the columns
    back_requested = Signal()
    import_requested = Signal(object)  # the ImportPlan that was checked

    def __init__(self, ctx: AppContext, slot: JobSlot, workdir: Path) -> None:
        super().__init__()
        self.ctx = ctx
        self.slot = slot
        self.workdir = workdir
        self.plan: ImportPlan | None = None
        self.outcome: Outcome | None = None
        self.check_title = QLabel()
        self.check_title.setObjectName("sectionTitle")
        self.check_progress = QProgressBar()
        self.check_cancel = QPushButton(translate("ImportWizard", "Cancel"))
        self.check_cancel.clicked.connect(self.cancel)
        self.check_form = SummaryForm()
        self.check_labels = self.check_form.labels
        self.check_notes = hint_label()
        self.check_rejects = RejectedModel(self)
        self.check_table = rejects_table(self.check_rejects, "checkRejects")
        self.check_save = QPushButton(translate("ImportWizard", "&Save rejected rows as ..."))
        self.check_save.clicked.connect(self.save_rejects)
        self.back_button = back = QPushButton(translate("ImportWizard", "&Back"))
        back.clicked.connect(self.back_requested)
        self.import_button = QPushButton()
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.request_import)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.check_progress, 1)
        progress_row.addWidget(self.check_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_save)
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.check_title)
        layout.addLayout(progress_row)
        layout.addLayout(self.check_form)
        layout.addWidget(self.check_notes)
        layout.addWidget(self.check_table, 1)
        layout.addLayout(buttons)

    def start(self, plan: ImportPlan) -> bool:
        """Check every row of the plan's file; False when another job still runs."""
        if self.slot.busy():
            return False
        self.plan = plan
        self.outcome = None
        self.check_title.setText(translate("ImportWizard", "Checking every row of {file} ...").format(file=plan.path.name))
        for label in self.check_labels.values():
            label.setText("")
        self.check_notes.setText("")
        self.check_rejects.set_rows([])
        self.import_button.setEnabled(False)
        self.check_save.setEnabled(False)
        set_busy(self.check_progress, self.check_cancel, True)
        job = self.slot.hold(self.ctx.read(
            check_job(self.ctx.db, plan.path, plan.kind, plan.mappings, plan.sheets, self.workdir, plan.date_orders),
            on_done=self._checked, on_error=self._failed))
        job.progressed.connect(lambda d, t, p: show_progress(self.check_progress, None, d, t, p))
        job.cancelled.connect(self._cancelled)
        return True

    def cancel(self) -> None:
        if self.slot.busy() and self.slot.job is not None:
            self.slot.job.cancel()
            self.check_cancel.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        set_busy(self.check_progress, self.check_cancel, False)
        if isinstance(exc, ShopError):
            self.stopped.emit(exc.message())
        else:
            self.stopped.emit("")
            self.ctx.show_error(exc, self)

    def _cancelled(self) -> None:
        set_busy(self.check_progress, self.check_cancel, False)
        self.stopped.emit("")

    def _checked(self, outcome: Outcome) -> None:
        set_busy(self.check_progress, self.check_cancel, False)
        self.outcome = outcome
        r = outcome.result
        self.check_title.setText(translate("ImportWizard", "{file}: checked, nothing written yet").format(file=r.file_name))
        self.check_form.fill(outcome)
        self.check_notes.setText(outcome_notes(outcome, checking=True))
        self.check_rejects.set_rows(outcome.rejects)
        self.check_save.setEnabled(outcome.rejects_file is not None)
        self.import_button.setText(translate("ImportWizard", "&Import {n} rows").format(n=f"{r.imported:,}"))
        self.import_button.setEnabled(r.imported > 0 or r.members_updated > 0)
        self.checked.emit(outcome)

    def request_import(self) -> None:
        """Import what the check found importable (the button is enabled only then)."""
        if self.plan is None or self.outcome is None or self.slot.busy():
            return
        if self.outcome.result.imported or self.outcome.result.members_updated:
            self.import_requested.emit(self.plan)

    def show_import_failed(self, message: str) -> None:
        self.check_notes.setText(message)

    def show_import_cancelled(self) -> None:
        self.check_title.setText(translate("ImportWizard", "Import cancelled; nothing was imported."))

    def save_rejects(self) -> None:
        outcome = self.outcome
        if outcome is None or outcome.rejects_file is None:
            return
        target = ask_rejects_path(self, outcome.result.file_name)
        if target is None:
            return
        self.ctx.run(save_rejects_job(self.ctx.db, target, checked_file=outcome.rejects_file),
                     label=translate("ImportWizard", "Saving rejected rows"), parent=self,
                     on_done=lambda path: self.check_notes.setText(self.check_notes.text() + "\n" + translate(
                         "ImportWizard", "Rejected rows saved to {path}.").format(path=path)))
