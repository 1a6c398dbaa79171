"""A matplotlib figure inside a Qt widget that knows which bar or cell is under the mouse.

Chart functions (charts.draw) register each clickable shape as a Target with a key; a click on
it emits `activated(key)` (the screen opens that member list), hovering shows its tooltip and a
pointing hand.  Importing this module imports matplotlib: do it after `loader.when_ready`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matplotlib.backend_bases import MouseButton, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from shopcrm.gui.charts.fonts import configure_fonts


@dataclass
class Target:
    """A clickable shape: `contains(event)` hit-tests, `center()` is its middle in display pixels."""

    key: Any
    tooltip: str
    contains: Callable[[MouseEvent], bool]
    center: Callable[[], tuple[float, float]]


class ChartCanvas(QWidget):
    """One figure.  `reset()` before drawing, `add_target` for each clickable shape."""

    activated = Signal(object)  # the key of the clicked shape
    drawn = Signal()  # after each complete draw (benchmarks, tests, screenshots wait for it)

    def __init__(self, parent: QWidget | None = None, *, minimum_height: int = 220) -> None:
        super().__init__(parent)
        configure_fonts()
        self.figure = Figure(figsize=(5, 3), dpi=96, layout="constrained", facecolor="white")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(240, minimum_height)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.targets: list[Target] = []
        self._pressed: Target | None = None
        self._hovered: Target | None = None
        self.canvas.mpl_connect("button_press_event", self._on_press)
        self.canvas.mpl_connect("button_release_event", self._on_release)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("figure_leave_event", lambda _e: self._hover(None, None))
        self.canvas.mpl_connect("draw_event", lambda _e: self.drawn.emit())
        self._on_resize: list[Callable[[], object]] = []
        self.canvas.mpl_connect("resize_event", lambda _e: [fit() for fit in self._on_resize])

    # ---- drawing ----------------------------------------------------------------------------------
    def reset(self) -> None:
        """Empty figure, no targets (call before drawing a new chart)."""
        self.figure.clear()
        self.targets.clear()
        self._on_resize.clear()
        self._pressed = None
        self._hover(None, None)

    def when_resized(self, fit: Callable[[], object]) -> None:
        """Call `fit` now and whenever the canvas changes size, until the next reset (what depends
        on the drawn width, such as how many legend columns fit)."""
        self._on_resize.append(fit)
        fit()

    def add_target(self, target: Target) -> None:
        self.targets.append(target)

    def refresh(self) -> None:
        """Draw when Qt next paints (cheap to call repeatedly)."""
        self.canvas.draw_idle()

    def draw_now(self) -> None:
        self.canvas.draw()

    # ---- hit testing ------------------------------------------------------------------------------
    def target_at(self, event: MouseEvent) -> Target | None:
        for target in reversed(self.targets):  # the last drawn is on top
            if target.contains(event):
                return target
        return None

    def keys(self) -> list[Any]:
        return [t.key for t in self.targets]

    def target_point(self, key: Any) -> QPoint:
        """Where the shape with this key is, in the canvas widget's coordinates (tests, tours)."""
        target = next((t for t in self.targets if t.key == key), None)
        if target is None:
            raise KeyError(key)
        if self.figure.stale or not getattr(self.canvas, "_renderer", None):
            self.canvas.draw()
        x, y = target.center()
        ratio = self.canvas.device_pixel_ratio or 1.0
        height = self.figure.bbox.height
        return QPoint(round(x / ratio), round((height - y) / ratio))

    def tooltip_for(self, key: Any) -> str:
        target = next((t for t in self.targets if t.key == key), None)
        return target.tooltip if target else ""

    def _on_press(self, event: MouseEvent) -> None:
        self._pressed = self.target_at(event) if event.button == MouseButton.LEFT else None

    def _on_release(self, event: MouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        if pressed is None or event.button != MouseButton.LEFT:
            return
        if self.target_at(event) is pressed:
            self.activated.emit(pressed.key)

    def _on_motion(self, event: MouseEvent) -> None:
        self._hover(self.target_at(event), event)

    def _hover(self, target: Target | None, event: MouseEvent | None) -> None:
        if target is self._hovered:
            return
        self._hovered = target
        if target is None:
            self.canvas.unsetCursor()
            QToolTip.hideText()
            return
        self.canvas.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        if target.tooltip and event is not None and event.guiEvent is not None:
            QToolTip.showText(event.guiEvent.globalPosition().toPoint(), target.tooltip, self.canvas)
