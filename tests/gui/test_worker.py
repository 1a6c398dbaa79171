"""The writer worker: results, errors, progress and cancel come back by signals; the GUI keeps going."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.gui.context import AppContext
from shopcrm.gui.worker import DatabaseWorker, JobControl

pytestmark = pytest.mark.gui


@pytest.fixture
def worker(qapp: Any) -> Any:
    w = DatabaseWorker("test")
    yield w
    w.shutdown()


def test_job_result_arrives_in_gui_thread(qtbot: Any, worker: DatabaseWorker) -> None:
    seen: dict[str, Any] = {}

    def work(_c: JobControl) -> int:
        seen["worker_thread"] = threading.current_thread().name
        return 42

    job = worker.submit(work, label="answer", kind="test")
    job.succeeded.connect(lambda r: seen.update(result=r, gui_thread=threading.current_thread().name))
    with qtbot.waitSignal(worker.operation_finished, timeout=5000) as finished:
        pass
    assert finished.args == ["test"]
    assert seen["result"] == 42 and job.state == "done"
    assert seen["worker_thread"] == "shopcrm-test"
    assert seen["gui_thread"] == threading.main_thread().name


def test_shop_error_is_reported_not_raised(qtbot: Any, worker: DatabaseWorker) -> None:
    def bad(_c: JobControl) -> None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), "amount", value="x")

    job = worker.submit(bad, kind="write")
    finished: list[str] = []
    worker.operation_finished.connect(finished.append)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert isinstance(failed.args[0], ValidationError) and failed.args[0].field == "amount"
    assert job.state == "failed"
    qtbot.wait(50)
    assert finished == []  # nothing was written: views need not refresh


def test_progress_and_cancel(qtbot: Any, worker: DatabaseWorker) -> None:
    started = threading.Event()

    def long(c: JobControl) -> str:
        started.set()
        for i in range(1000):
            time.sleep(0.005)
            c.progress(i, 1000, "step")
        return "finished"

    job = worker.submit(long, label="long", kind="long")
    progress: list[tuple[float, float, str]] = []
    job.progressed.connect(lambda d, t, s: progress.append((d, t, s)))
    qtbot.waitUntil(lambda: len(progress) >= 2, timeout=5000)
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        pass
    assert job.state == "cancelled"
    assert all(t == 1000 and s == "step" for _d, t, s in progress)


def test_queued_job_cancelled_before_it_starts(qtbot: Any, worker: DatabaseWorker) -> None:
    gate = threading.Event()
    first = worker.submit(lambda _c: gate.wait(5))
    second = worker.submit(lambda _c: "never")
    second.cancel()
    gate.set()
    with qtbot.waitSignal(second.cancelled, timeout=5000):
        pass
    qtbot.waitUntil(lambda: first.done, timeout=5000)
    assert second.result is None


def test_gui_thread_keeps_running_during_long_job(qtbot: Any, worker: DatabaseWorker) -> None:
    """Timer ticks keep coming every ~10 ms while the writer works for half a second."""
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    job = worker.submit(lambda _c: time.sleep(0.5), kind="slow")
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    timer.stop()
    assert len(gaps) > 20
    assert max(gaps[1:]) < 100


def test_context_run_shows_errors_via_callback(qtbot: Any, ctx: AppContext) -> None:
    errors: list[BaseException] = []

    def bad(_c: JobControl) -> None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An amount is required."), "amount")

    ctx.run(bad, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors[0].message() == "An amount is required."
