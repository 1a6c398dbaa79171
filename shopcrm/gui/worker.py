"""One database-writer thread for the whole window.

Every write and every long computation (demo shop, backup, restore, classification, import) runs
here, one after the other, so two writes never race for the SQLite lock and the GUI thread never
waits on the database for more than a short read.  Results, errors and progress come back to the
GUI thread as Qt signals; views refresh on `operation_finished`.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from shopcrm.errors import ShopError
from shopcrm.jobs import Cancelled, CancelToken

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress reports a second reach the GUI thread


class JobControl:
    """What a job function gets: a progress reporter and its cancel token."""

    def __init__(self, job: Job, worker: DatabaseWorker) -> None:
        self._job = job
        self._worker = worker
        self._last = 0.0
        self.token = job.token

    def report(self, done: float, total: float = 0, text: str = "") -> None:
        """Report progress (throttled); a `shopcrm.jobs.Progress` for services that check the token themselves."""
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last = now
            self._worker._report.emit(self._job, "progress", (float(done), float(total), str(text)))

    def progress(self, done: float, total: float = 0, text: str = "") -> None:
        """Report progress and stop here (raise Cancelled) if the user cancelled."""
        self.report(done, total, text)
        self.token.check()

    def check(self) -> None:
        self.token.check()


class Job(QObject):
    """A unit of work queued on the writer thread.  Its signals are emitted in the GUI thread."""

    progressed = Signal(float, float, str)  # done, total (0 = unknown), text
    succeeded = Signal(object)
    failed = Signal(object)  # the exception (ShopError for the user's mistakes)
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    def __init__(self, fn: Callable[[JobControl], Any], label: str, kind: str) -> None:
        super().__init__()
        self.fn = fn
        self.label = label
        self.kind = kind
        self.token = CancelToken()
        self.state = "queued"  # queued | running | done | failed | cancelled
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback: str = ""

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def done(self) -> bool:
        return self.state in ("done", "failed", "cancelled")


@dataclass
class _Stop:
    reason: str = "stop"


class DatabaseWorker(QObject):
    """Runs submitted jobs one at a time on its own thread."""

    _report = Signal(object, str, object)  # job, what, payload: emitted on the writer thread
    operation_finished = Signal(str)  # kind of the write that finished ("purchase", "member", ...)
    busy_changed = Signal(bool)

    def __init__(self, name: str = "db-writer") -> None:
        super().__init__()
        self._queue: queue.Queue[Job | _Stop] = queue.Queue()
        self._pending: list[Job] = []
        self._current: Job | None = None
        self._report.connect(self._on_report, Qt.ConnectionType.QueuedConnection)
        # A daemon Python thread rather than a QThread: if the program dies with work queued, the
        # interpreter still exits instead of Qt aborting on a running QThread.
        self._thread = threading.Thread(target=self._loop, name=f"shopcrm-{name}", daemon=True)
        self._thread.start()

    # ---- GUI thread -------------------------------------------------------------------------
    def submit(self, fn: Callable[[JobControl], Any], *, label: str = "", kind: str = "") -> Job:
        """Queue `fn(control)`; connect to the returned job's signals for the outcome."""
        job = Job(fn, label, kind)
        self._pending.append(job)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._queue.put(job)
        return job

    def pending_jobs(self) -> list[Job]:
        return list(self._pending)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """For tests and shutdown: process events until every queued job has reported."""
        from PySide6.QtCore import QCoreApplication, QEventLoop

        deadline = time.monotonic() + timeout_s
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        return not self._pending

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Cancel what is queued or running and stop the thread."""
        for job in self._pending:
            job.cancel()
        self._queue.put(_Stop())
        self._thread.join(timeout_s)
        if self._thread.is_alive():
            log.warning("database worker did not stop within %.0f s", timeout_s)

    @Slot(object, str, object)
    def _on_report(self, job: Job, what: str, payload: Any) -> None:
        if what == "progress":
            if not job.done:
                job.progressed.emit(*payload)
            return
        if what == "started":
            job.state = "running"
            return
        if job in self._pending:
            self._pending.remove(job)
        if what == "done":
            job.state, job.result = "done", payload
            job.succeeded.emit(payload)
        elif what == "cancelled":
            job.state = "cancelled"
            job.cancelled.emit()
        else:
            job.state, job.error = "failed", payload
            job.failed.emit(payload)
        job.finished.emit()
        if job.kind and what == "done":
            self.operation_finished.emit(job.kind)
        if not self._pending:
            self.busy_changed.emit(False)

    # ---- writer thread ----------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if isinstance(item, _Stop):
                return
            job = item
            if job.token.cancelled:
                self._report.emit(job, "cancelled", None)
                continue
            self._report.emit(job, "started", None)
            try:
                result = job.fn(JobControl(job, self))
            except Cancelled:
                self._report.emit(job, "cancelled", None)
            except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI
                job.traceback = traceback.format_exc()
                if not _is_user_error(exc):
                    log.error("job %r failed:\n%s", job.label, job.traceback)
                self._report.emit(job, "failed", exc)
            else:
                self._report.emit(job, "done", result)


def _is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, ShopError)
