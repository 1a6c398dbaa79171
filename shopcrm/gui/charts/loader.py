"""Loading matplotlib off the GUI thread.

Importing matplotlib, its Qt backend and the font list takes from a few hundred milliseconds to
seconds on a cold start; done in the GUI thread it would freeze the first window.  `when_ready`
starts the import once on a background thread and calls back in the GUI thread when it is done.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from shopcrm.gui.charts.fonts import configure_fonts

log = logging.getLogger(__name__)


def _import_chart_modules() -> None:
    """Everything a chart needs, imported (and the fonts chosen) in the calling thread."""
    import matplotlib

    matplotlib.use("QtAgg", force=False)
    import matplotlib.backends.backend_qtagg  # noqa: F401
    import matplotlib.colors  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401

    configure_fonts()
    warm_up()


def warm_up() -> None:
    """Draw a small chart with Chinese text off screen (Agg, no Qt), so the modules matplotlib
    imports while drawing and the font files are loaded before the first chart on screen."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1.5), dpi=50, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.bar(["金卡", "A"], [1, 2])
    ax.set_title("会员 Members 1,234")
    figure.canvas.draw()


class ChartLibrary(QObject):
    """One per process.  `state` is idle -> loading -> ready (or failed, with `error`).

    The thread that loads matplotlib then stays, as the chart thread: it draws what
    `run_on_chart_thread` hands it (charts.image), with the fonts and caches its warm-up loaded
    (matplotlib keeps its font objects per thread)."""

    _finished = Signal(object)  # None or the exception, emitted from the loading thread

    def __init__(self) -> None:
        super().__init__()
        self.state = "idle"
        self.error: BaseException | None = None
        self._callbacks: list[Callable[[], None]] = []
        self._thread: threading.Thread | None = None
        self._loaded = threading.Event()  # set by the loading thread when it is done (or failed)
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        if self.state != "idle":
            return
        self.state = "loading"
        self._thread = threading.Thread(target=self._load, name="shopcrm-charts", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            _import_chart_modules()
        except Exception as exc:  # noqa: BLE001 - reported to the views, which show a message
            log.exception("loading matplotlib failed")
            self._loaded.set()
            self._finished.emit(exc)
            return
        self._loaded.set()
        self._finished.emit(None)
        self._serve()

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # noqa: BLE001 - a job reports its own failures; this keeps the thread alive
                log.exception("a chart job failed")

    def run_on_chart_thread(self, job: Callable[[], None]) -> None:
        """Run `job()` on the chart thread, after the jobs handed to it before (once loaded)."""
        self._jobs.put(job)
        if self._thread is None:  # loaded by load_now (tests, scripts): a chart thread of its own
            self._thread = threading.Thread(target=self._warm_and_serve, name="shopcrm-charts", daemon=True)
            self._thread.start()

    def _warm_and_serve(self) -> None:
        warm_up()
        self._serve()

    @Slot(object)
    def _on_finished(self, error: BaseException | None) -> None:
        self.error = error
        self.state = "failed" if error is not None else "ready"
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback()` in the GUI thread once loading has finished (at once if it has)."""
        if self.state in ("ready", "failed"):
            callback()
            return
        self._callbacks.append(callback)
        self.start()

    def load_now(self) -> None:
        """Scripts and tests: load in the calling thread (blocks)."""
        if self.state == "ready":
            return
        if self._thread is not None:
            self._loaded.wait()  # the loading thread goes on as the chart thread: never joined
        _import_chart_modules()
        self.error = None
        self.state = "ready"


_library: list[ChartLibrary] = []


def chart_library() -> ChartLibrary:
    if not _library:
        _library.append(ChartLibrary())
    return _library[0]


def when_ready(callback: Callable[[], None], owner: QObject | None = None) -> None:
    """`callback()` once matplotlib is loaded; skipped when `owner` (a view) was deleted meanwhile,
    e.g. rebuilt for a language switch before the import finished."""
    if owner is None:
        chart_library().when_ready(callback)
        return
    from shiboken6 import isValid

    chart_library().when_ready(lambda: callback() if isValid(owner) else None)
