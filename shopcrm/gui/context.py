"""What every view gets: the open database, the writer worker, the settings and app-wide signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from shopcrm.errors import ShopError
from shopcrm.gui.language import LanguageManager
from shopcrm.gui.worker import DatabaseWorker, Job, JobControl
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.settings import ShopSettings, load_settings, save_settings

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Passed to every `create_view`.  Views call services with `ctx.db` for short reads and
    `ctx.run(...)` for writes and long work; they refresh on `operation_finished`."""

    operation_finished = Signal(str)  # kind: "purchase", "member", "settings", "demo", "restore" ...
    settings_changed = Signal(object)  # ShopSettings
    language_changed = Signal(str)
    job_started = Signal(object)  # Job with a visible progress (status bar shows it)
    navigate_requested = Signal(str, object)  # screen key, optional argument (e.g. a member id)

    def __init__(self, db: Database, *, language: LanguageManager | None = None,
                 worker: DatabaseWorker | None = None) -> None:
        super().__init__()
        self.db = db
        self.worker = worker or DatabaseWorker()
        # Long reads (the members table's id list over 100k members) run here, so neither the GUI
        # thread nor a queue of writes makes them wait.  Short reads run in the GUI thread.
        self.reader = DatabaseWorker("db-reader")
        # Slow summaries (filter counts over a whole snapshot) must not hold up the table's rows.
        self.background_reader = DatabaseWorker("db-background-reader")
        # Housekeeping that takes seconds on a large shop (today's backup) waits for no screen and
        # makes none wait.
        self.housekeeper = DatabaseWorker("db-housekeeping")
        # Classification runs (seconds at 50,000 members, minutes at a million) queue here, not on
        # the writer thread: a sale rung up meanwhile is saved at once (the run writes in short
        # transactions, services.classification.store) instead of waiting behind the whole run.
        self.classifier = DatabaseWorker("db-classifier")
        self.classifier.operation_finished.connect(self._on_operation_finished)
        self.language = language or LanguageManager()
        self._settings = load_settings(db)
        self.worker.operation_finished.connect(self._on_operation_finished)

    # ---- settings ----------------------------------------------------------------------------
    @property
    def settings(self) -> ShopSettings:
        return self._settings

    def reload_settings(self) -> ShopSettings:
        self._settings = load_settings(self.db)
        self.settings_changed.emit(self._settings)
        return self._settings

    def save_settings(
        self,
        settings: ShopSettings,
        *,
        on_done: Callable[[ShopSettings], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Validate and store on the writer thread (an import may hold the write lock); the window
        switches language when the saved language differs.  ValidationError goes to `on_error`."""
        db = self.db

        def done(saved: ShopSettings) -> None:
            self._settings = saved
            self.settings_changed.emit(saved)
            if on_done is not None:
                on_done(saved)
            if saved.language != self.language.language:
                self.set_language(saved.language)

        return self.run(lambda _c: save_settings(db, settings), label=self.tr("Saving settings"),
                        kind="settings-saved", on_done=done, on_error=on_error)

    def set_language(self, language: str) -> None:
        code = self.language.apply(language)
        self.language_changed.emit(code)

    # ---- work ---------------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[JobControl], Any],
        *,
        label: str = "",
        kind: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, float, str], None] | None = None,
        show_progress: bool = False,
        parent: QWidget | None = None,
        classifying: bool = False,
    ) -> Job:
        """Queue `fn(control)` on the writer thread (`classifying`: on the classification thread).
        `kind` names a write: when it finishes every view hears `operation_finished(kind)`.  Errors
        go to `on_error`, else to a message box."""
        job = (self.classifier if classifying else self.worker).submit(fn, label=label, kind=kind)
        if on_done is not None:
            job.succeeded.connect(on_done)
        if on_progress is not None:
            job.progressed.connect(on_progress)
        job.failed.connect(on_error if on_error is not None else (lambda exc: self.show_error(exc, parent)))
        if show_progress:
            self.job_started.emit(job)
        return job

    def read(
        self,
        fn: Callable[[JobControl], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        background: bool = False,
    ) -> Job:
        """Run a long read off the GUI thread; the result comes back to `on_done`.  `background`
        reads (summaries that may take seconds) queue separately from the ones a user waits for."""
        job = (self.background_reader if background else self.reader).submit(fn, label="")
        job.succeeded.connect(on_done)
        job.failed.connect(on_error if on_error is not None else (lambda exc: self.show_error(exc)))
        return job

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """A ShopError's message in the user's language; anything else as an unexpected error."""
        parent = parent or QApplication.activeWindow()
        if isinstance(exc, ShopError):
            QMessageBox.warning(parent, self.tr("ShopCRM"), exc.message())
            return
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("ShopCRM"),
                          self.tr("Something went wrong; nothing was changed.\n{error}").format(error=str(exc)[:300]),
                          QMessageBox.StandardButton.Ok, parent)
        job_tb = getattr(exc, "__traceback__", None)
        if job_tb is not None:
            import traceback

            box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()

    def _on_operation_finished(self, kind: str) -> None:
        if kind in ("settings", "restore", "demo"):
            try:
                self.reload_settings()
            except ShopError as exc:  # a restored file that cannot be read is reported, not raised
                log.warning("reloading settings failed: %s", exc)
        self.operation_finished.emit(kind)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Tests and scripts: let every queued write and read report back."""
        ok = self.worker.wait_idle(timeout_s)
        ok = self.background_reader.wait_idle(timeout_s) and ok
        ok = self.housekeeper.wait_idle(timeout_s) and ok
        ok = self.classifier.wait_idle(timeout_s) and ok
        return self.reader.wait_idle(timeout_s) and ok

    def shutdown(self) -> None:
        self.reader.shutdown()
        self.background_reader.shutdown()
        self.housekeeper.shutdown()
        self.classifier.shutdown()
        self.worker.shutdown()
        self.db.dispose()
