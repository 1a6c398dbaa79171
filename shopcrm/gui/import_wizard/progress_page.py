"""Step 4: the import itself on the writer thread, in one transaction, with progress and Cancel.

A cancel leaves the shop as it was; a cancel that arrives after the commit is reported as the
import it was (jobs.import_job)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.common import JobSlot, phase_text, set_busy, show_progress, translate
from shopcrm.gui.import_wizard.jobs import ImportPlan, Outcome, import_job
from shopcrm.gui.widgets import hint_label


class ProgressPage(QWidget):
    imported = Signal(object)  # Outcome
    stopped = Signal(object)  # None when cancelled, else the failure's message (str)

    def __init__(self, ctx: AppContext, slot: JobSlot) -> None:
        super().__init__()
        self.ctx = ctx
        self.slot = slot
        self.run_title = QLabel()
        self.run_title.setObjectName("sectionTitle")
        self.run_progress = QProgressBar()
        self.run_progress.setObjectName("importProgress")
        self.run_phase = hint_label()
        self.run_cancel = QPushButton(translate("ImportWizard", "&Cancel import"))
        self.run_cancel.setObjectName("cancelImport")
        self.run_cancel.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.run_progress, 1)
        row.addWidget(self.run_cancel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.run_title)
        layout.addLayout(row)
        layout.addWidget(self.run_phase)
        layout.addWidget(hint_label(translate("ImportWizard", "Cancel leaves the shop exactly as it was: all rows are "
                                                              "written in one go at the end.")))
        layout.addStretch(2)

    def start(self, plan: ImportPlan) -> bool:
        if self.slot.busy():
            return False
        self.run_title.setText(translate("ImportWizard", "Importing {file} ...").format(file=plan.path.name))
        self.run_phase.setText(phase_text("reading"))
        set_busy(self.run_progress, self.run_cancel, True)
        job = self.slot.hold(self.ctx.run(
            import_job(self.ctx.db, plan.path, plan.kind, plan.mappings, plan.sheets, plan.date_orders),
            label=translate("ImportWizard", "Importing {file}").format(file=plan.path.name), kind="import",
            on_done=self._imported, on_error=self._failed, show_progress=True))
        job.progressed.connect(lambda d, t, p: show_progress(self.run_progress, self.run_phase, d, t, p))
        job.cancelled.connect(self._cancelled)
        return True

    def cancel(self) -> None:
        if self.slot.busy() and self.slot.job is not None:
            self.slot.job.cancel()
            self.run_cancel.setEnabled(False)
            self.run_phase.setText(translate("ImportWizard", "Cancelling ..."))

    def _failed(self, exc: BaseException) -> None:
        set_busy(self.run_progress, self.run_cancel, False)
        self.stopped.emit(exc.message() if isinstance(exc, ShopError) else "")
        if not isinstance(exc, ShopError):
            self.ctx.show_error(exc, self)

    def _cancelled(self) -> None:
        set_busy(self.run_progress, self.run_cancel, False)
        self.stopped.emit(None)

    def _imported(self, outcome: Outcome) -> None:
        set_busy(self.run_progress, self.run_cancel, False)
        self.imported.emit(outcome)
