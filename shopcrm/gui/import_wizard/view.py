"""Import wizard: file -> columns (the guessed mapping, editable) -> check -> import -> result.

Each step is a page of its own module; the wizard only passes what one page hands on to the next
and runs one job at a time (JobSlot).  Reading the file for the preview and checking every row (a
dry run) happen on the reader thread; the import itself on the writer thread, in one transaction,
with progress and Cancel.  The result page lists the rejected rows and can undo the whole batch.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.check_page import CheckPage
from shopcrm.gui.import_wizard.columns_page import ColumnsPage
from shopcrm.gui.import_wizard.common import JobSlot, translate
from shopcrm.gui.import_wizard.file_page import FilePage
from shopcrm.gui.import_wizard.jobs import ImportPlan, LoadedFile, Outcome
from shopcrm.gui.import_wizard.progress_page import ProgressPage
from shopcrm.gui.import_wizard.result_page import ResultPage
from shopcrm.gui.widgets import title_label
from shopcrm.gui.worker import Job

STEPS = ("file", "columns", "check", "import", "result")


def create_view(ctx: AppContext) -> QWidget:
    return ImportWizard(ctx)


class ImportWizard(QWidget):
    step_changed = Signal(str)
    preview_loaded = Signal()
    checked = Signal()
    finished = Signal(object)  # Outcome of the import, or None when cancelled
    undone = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.slot = JobSlot()
        self._workdir = Path(tempfile.mkdtemp(prefix="shopcrm-import-"))
        self.file_page = FilePage(ctx, self.slot)
        self.columns_page = ColumnsPage()
        self.check_page = CheckPage(ctx, self.slot, self._workdir)
        self.progress_page = ProgressPage(ctx, self.slot)
        self.result_page = ResultPage(ctx)
        self.step_label = QLabel()
        self.step_label.setObjectName("hint")
        self.stack = QStackedWidget()
        for page in (self.file_page, self.columns_page, self.check_page, self.progress_page, self.result_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(title_label(translate("ImportWizard", "Import")))
        header.addSpacing(16)
        header.addWidget(self.step_label, 1)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.destroyed.connect(lambda _o=None, d=self._workdir: shutil.rmtree(d, ignore_errors=True))

        self.file_page.previewed.connect(self._previewed)
        self.file_page.preview_failed.connect(lambda: self.go("file"))
        self.file_page.earlier.undone.connect(self.undone)
        self.columns_page.back_requested.connect(lambda: self.go("file"))
        self.columns_page.kind_requested.connect(self.file_page.read_file)
        self.columns_page.check_requested.connect(self._check)
        self.check_page.back_requested.connect(lambda: self.go("columns"))
        self.check_page.stopped.connect(self._check_stopped)
        self.check_page.checked.connect(lambda _o: self.checked.emit())
        self.check_page.import_requested.connect(self._import)
        self.progress_page.imported.connect(self._imported)
        self.progress_page.stopped.connect(self._import_stopped)
        self.result_page.undone.connect(self.undone)
        self.result_page.restart_requested.connect(self.restart)
        self.go("file")

    @property
    def job(self) -> Job | None:
        """The wizard's last job (preview, check or import)."""
        return self.slot.job

    def step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def go(self, step: str) -> None:
        self.stack.setCurrentIndex(STEPS.index(step))
        names = (translate("ImportWizard", "1 File"), translate("ImportWizard", "2 Columns"),
                 translate("ImportWizard", "3 Check"), translate("ImportWizard", "4 Import"),
                 translate("ImportWizard", "5 Done"))
        current = STEPS.index(step)
        self.step_label.setText("  ›  ".join(f"<b>{n}</b>" if i == current else n for i, n in enumerate(names)))
        self.step_changed.emit(step)

    def kind(self) -> str:
        return self.file_page.kind()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.step() == "file":  # a file dropped anywhere on the wizard's first step, not only on its page
            self.file_page.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        if self.step() == "file":
            self.file_page.dropEvent(event)

    def restart(self) -> None:
        self.file_page.reset()
        self.go("file")

    def _previewed(self, loaded: LoadedFile) -> None:
        self.columns_page.load(loaded)
        self.go("columns")
        self.preview_loaded.emit()

    def _check(self, plan: ImportPlan) -> None:
        if self.check_page.start(plan):
            self.go("check")

    def _check_stopped(self, message: str) -> None:
        self.go("columns")
        if message:
            self.columns_page.show_error(message)

    def _import(self, plan: ImportPlan) -> None:
        if self.progress_page.start(plan):
            self.go("import")

    def _import_stopped(self, message: str | None) -> None:
        self.go("check")
        if message is None:
            self.check_page.show_import_cancelled()
        else:
            self.check_page.show_import_failed(message)
        self.finished.emit(None)

    def _imported(self, outcome: Outcome) -> None:
        self.result_page.show_outcome(outcome)
        self.go("result")
        self.finished.emit(outcome)
