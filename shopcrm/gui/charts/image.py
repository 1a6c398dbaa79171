"""A chart drawn by Agg on a background thread and shown as an image.

Drawing a figure takes 100-200 ms of Python; done in the GUI thread (ChartCanvas paints on Qt's
paint event) it freezes the window that long.  An ImageChart has the drawing surface of a
ChartCanvas that charts.draw uses (`figure`, `canvas`, `reset`, `when_resized`, `refresh`), but
`refresh()` hands the figure to the chart thread, which draws it with Agg into an image, and the
widget paints that image.  The GUI thread only builds the figure (cheap) and then leaves it alone
until the image is back: `reset()` starts a new figure rather than clearing one being drawn, and a
resize or a refresh during a draw draws again once it is back.  For charts without clickable
shapes (the Dashboard's trends).  Importing this module imports matplotlib: do it after
`loader.when_ready`.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from shiboken6 import isValid

from shopcrm.gui.charts.canvas import Target
from shopcrm.gui.charts.fonts import configure_fonts

log = logging.getLogger(__name__)

DPI = 96  # as ChartCanvas: a figure inch is 96 widget pixels, so both draw the same picture
PREFERRED = QSize(5 * DPI, 3 * DPI)  # the size ChartCanvas asks its layout for (its figure's)


def figure_image(figure: Figure) -> QImage:
    """Draw `figure` with Agg and copy its pixels into a QImage (any thread)."""
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[0], buffer.shape[1]
    return QImage(bytes(buffer), width, height, width * 4, QImage.Format.Format_RGBA8888).copy()


class _ChartThread(QObject):
    """One thread that draws the figures handed to it, in turn; each image comes back to the GUI
    thread through a queued signal, to the chart that asked if it still exists."""

    _drawn = Signal(object, object, object)  # chart, figure, QImage or the exception

    def __init__(self) -> None:
        super().__init__()
        self._queue: queue.SimpleQueue[tuple[ImageChart, Figure]] = queue.SimpleQueue()
        self._drawn.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name="shopcrm-charts-draw", daemon=True)
        self._thread.start()

    def submit(self, chart: ImageChart, figure: Figure) -> None:
        self._queue.put((chart, figure))

    def _run(self) -> None:
        while True:
            chart, figure = self._queue.get()
            try:
                result: object = figure_image(figure)
            except Exception as exc:  # noqa: BLE001 - reported to the chart, which logs it
                result = exc
            self._drawn.emit(chart, figure, result)

    @Slot(object, object, object)
    def _deliver(self, chart: ImageChart, figure: Figure, result: object) -> None:
        if isValid(chart):
            chart.image_ready(figure, result)


_chart_thread: list[_ChartThread] = []


def chart_thread() -> _ChartThread:
    """The one chart thread (started on first use, from the GUI thread)."""
    if not _chart_thread:
        _chart_thread.append(_ChartThread())
    return _chart_thread[0]


class ImageChart(QWidget):
    """One figure, drawn off the GUI thread.  `reset()` before drawing a new chart."""

    drawn = Signal()  # after each image of the current figure is shown (benchmarks, tests, screenshots)

    def __init__(self, parent: QWidget | None = None, *, minimum_height: int = 220) -> None:
        super().__init__(parent)
        configure_fonts()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, minimum_height)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.targets: list[Target] = []  # API of ChartCanvas; these charts have no clickable shapes
        self._figure = self._new_figure()
        self._on_resize: list[Callable[[], object]] = []
        self._image: QImage | None = None
        self._drawing = False  # the chart thread holds the figure: the GUI thread must not touch it
        self._again = False  # asked to draw while drawing: draw again when the image is back
        self._timer = QTimer(self)  # one draw for several refreshes and resizes in a row
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw)

    @staticmethod
    def _new_figure() -> Figure:
        figure = Figure(figsize=(5, 3), dpi=DPI, layout="constrained", facecolor="white")
        FigureCanvasAgg(figure)
        return figure

    # ---- the drawing surface of charts.draw -------------------------------------------------------
    @property
    def figure(self) -> Figure:
        return self._figure

    @property
    def canvas(self) -> Any:
        return self._figure.canvas

    def reset(self) -> None:
        """A new, empty figure (one being drawn on the chart thread is left to it)."""
        self._figure = self._new_figure()
        self._fit_size()
        self.targets.clear()
        self._on_resize.clear()

    def when_resized(self, fit: Callable[[], object]) -> None:
        """Call `fit` now and whenever the chart changes size, until the next reset."""
        self._on_resize.append(fit)
        fit()

    def add_target(self, target: Target) -> None:
        self.targets.append(target)

    def refresh(self) -> None:
        """Draw soon, on the chart thread (cheap to call repeatedly)."""
        self._timer.start()

    def image(self) -> QImage | None:
        """The image shown (tests, screenshots)."""
        return self._image

    # ---- drawing ----------------------------------------------------------------------------------
    def _fit_size(self) -> bool:
        """Give the figure this widget's size in device pixels; True when that changed it."""
        ratio = self.devicePixelRatioF() or 1.0
        width, height = max(1, self.width()), max(1, self.height())
        dpi = DPI * ratio
        inches = (width / DPI, height / DPI)
        figure = self._figure
        if figure.dpi == dpi and tuple(figure.get_size_inches()) == inches:
            return False
        figure.set_dpi(dpi)
        figure.set_size_inches(*inches, forward=False)
        return True

    def _draw(self) -> None:
        if self._drawing:
            self._again = True
            return
        if self._fit_size():
            for fit in self._on_resize:
                fit()
        self._drawing = True
        chart_thread().submit(self, self._figure)

    def image_ready(self, figure: Figure, result: object) -> None:
        """The chart thread's image of `figure` (or why it failed), in the GUI thread."""
        self._drawing = False
        if isinstance(result, BaseException):
            log.error("drawing a chart failed", exc_info=result)
        elif figure is self._figure and isinstance(result, QImage):
            result.setDevicePixelRatio(figure.dpi / DPI)
            self._image = result
            self.update()
        stale = figure is not self._figure or self._again
        self._again = False
        if stale:
            self._draw()
        elif isinstance(result, QImage):
            self.drawn.emit()

    # ---- Qt -------------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return PREFERRED

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("white"))
        if self._image is not None:
            painter.drawImage(QRect(0, 0, round(self._image.deviceIndependentSize().width()),
                                    round(self._image.deviceIndependentSize().height())), self._image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.refresh()
