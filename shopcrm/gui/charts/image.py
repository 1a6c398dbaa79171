"""A chart built and drawn by Agg on a background thread and shown as an image.

Building and drawing a figure takes 100-200 ms of Python; done in the GUI thread (ChartCanvas) it
freezes the window that long.  An ImageChart is given a build function, `show_chart(build)`: the
chart thread calls `build(sheet)` on a Sheet (the drawing surface of charts.draw: `figure`,
`canvas`, `reset`, `when_resized`, `refresh`) of the widget's size, draws it with Agg into an
image, and the widget paints that image.  The GUI thread never touches a figure being built; a
resize or a new chart during a draw draws again once the image is back, and only the image of the
newest chart at the widget's size is shown.  A build function must use only what it was given
(translated text, figures): it runs on the chart thread.  For charts without clickable shapes
(the Dashboard's trends).  Importing this module imports matplotlib: do it after
`loader.when_ready`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from shiboken6 import isValid

from shopcrm.gui.charts.canvas import Target
from shopcrm.gui.charts.fonts import configure_fonts
from shopcrm.gui.charts.loader import chart_library

log = logging.getLogger(__name__)

DPI = 96  # as ChartCanvas: a figure inch is 96 widget pixels, so both draw the same picture
PREFERRED = QSize(5 * DPI, 3 * DPI)  # the size ChartCanvas asks its layout for (its figure's)


Build = Callable[["Sheet"], object]


class Sheet:
    """What a build function draws on (charts.draw.Surface), on the chart thread: one figure of a
    fixed size, in device pixels."""

    def __init__(self, width: int, height: int, ratio: float = 1.0) -> None:
        self.figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI * ratio, layout="constrained",
                             facecolor="white")
        FigureCanvasAgg(self.figure)
        self.targets: list[Target] = []

    @property
    def canvas(self) -> Any:
        return self.figure.canvas

    def reset(self) -> None:
        self.figure.clear()
        self.targets.clear()

    def add_target(self, target: Target) -> None:
        self.targets.append(target)  # kept for completeness: an image has no clickable shapes

    def when_resized(self, fit: Callable[[], object]) -> None:
        fit()  # a sheet has one size: another size is another sheet, built again

    def refresh(self) -> None:
        """Nothing to do: the chart thread draws the sheet once the build function returns."""


def figure_image(figure: Figure) -> QImage:
    """Draw `figure` with Agg and copy its pixels into a QImage (any thread)."""
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[0], buffer.shape[1]
    image = QImage(bytes(buffer), width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(figure.dpi / DPI)
    return image


def sheet_image(build: Build, width: int, height: int, ratio: float = 1.0) -> tuple[Figure, QImage]:
    """Build a chart on a sheet of this size and draw it (any thread)."""
    sheet = Sheet(width, height, ratio)
    build(sheet)
    return sheet.figure, figure_image(sheet.figure)


class _ChartThread(QObject):
    """Hands charts to the chart thread (the one that loaded matplotlib, loader.ChartLibrary), which
    builds and draws them in turn; each image comes back to the GUI thread through a queued
    signal, to the chart that asked if it still exists."""

    _drawn = Signal(object, object, object)  # chart, its request, (figure, QImage) or the exception

    def __init__(self) -> None:
        super().__init__()
        self._drawn.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, chart: ImageChart, request: _Request) -> None:
        chart_library().run_on_chart_thread(lambda: self._draw(chart, request))

    def _draw(self, chart: ImageChart, request: _Request) -> None:
        try:
            result: object = sheet_image(request.build, request.width, request.height, request.ratio)
        except Exception as exc:  # noqa: BLE001 - reported to the chart, which logs it
            result = exc
        self._drawn.emit(chart, request, result)

    @Slot(object, object, object)
    def _deliver(self, chart: ImageChart, request: _Request, result: object) -> None:
        if isValid(chart):
            chart.image_ready(request, result)


_chart_thread: list[_ChartThread] = []


def chart_thread() -> _ChartThread:
    """The one relay to the chart thread (made on first use, in the GUI thread)."""
    if not _chart_thread:
        _chart_thread.append(_ChartThread())
    return _chart_thread[0]


@dataclass(frozen=True)
class _Request:
    build: Build
    width: int
    height: int
    ratio: float


class ImageChart(QWidget):
    """One chart, built and drawn off the GUI thread: `show_chart(build)`."""

    drawn = Signal()  # after the image of the newest chart at this size is shown (benchmarks, tests)

    def __init__(self, parent: QWidget | None = None, *, minimum_height: int = 220) -> None:
        super().__init__(parent)
        configure_fonts()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, minimum_height)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._build: Build | None = None
        self._figure: Figure | None = None
        self._image: QImage | None = None
        self._drawing: _Request | None = None  # on the chart thread now
        self._timer = QTimer(self)  # one draw for several charts and resizes in a row
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw)

    def show_chart(self, build: Build) -> None:
        """Build and draw this chart on the chart thread, and show it when drawn."""
        self._build = build
        self._timer.start()

    @property
    def figure(self) -> Figure | None:
        """The figure of the image shown (tests, screenshots); None before the first."""
        return self._figure

    def image(self) -> QImage | None:
        """The image shown (tests, screenshots)."""
        return self._image

    def is_current(self) -> bool:
        """True when the image shows the newest chart at the widget's size."""
        return self._image is not None and self._drawing is None and not self._timer.isActive()

    def _request(self) -> _Request | None:
        if self._build is None:
            return None
        return _Request(self._build, max(1, self.width()), max(1, self.height()), self.devicePixelRatioF() or 1.0)

    def _draw(self) -> None:
        if self._drawing is not None:
            return  # drawn again when the image is back
        request = self._request()
        if request is None:
            return
        self._drawing = request
        chart_thread().submit(self, request)

    def image_ready(self, request: _Request, result: object) -> None:
        """The chart thread's image for `request` (or why it failed), in the GUI thread."""
        self._drawing = None
        current = request == self._request()
        if isinstance(result, BaseException):
            log.error("drawing a chart failed", exc_info=result)
        elif current:
            self._figure, self._image = result  # type: ignore[misc]
            self.update()
        if not current:
            self._draw()
        elif not isinstance(result, BaseException):
            self.drawn.emit()

    # ---- Qt -------------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return PREFERRED

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("white"))
        if self._image is not None:
            size = self._image.deviceIndependentSize()
            painter.drawImage(QRect(0, 0, round(size.width()), round(size.height())), self._image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._build is not None:
            self._timer.start()
