"""Charts built and drawn on the chart thread (charts.image.ImageChart) show exactly what the same
chart built and drawn in the GUI thread shows, and stay right when another chart is asked for, the
widget is resized or deleted while a draw is still on the thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from input_events import show_active
from PySide6.QtGui import QImage

pytestmark = pytest.mark.gui



def image_chart(qtbot: Any, width: int = 520, height: int = 320) -> Any:
    from shopcrm.gui.charts.image import ImageChart

    chart = ImageChart()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    show_active(chart)
    return chart


def trend(title: str, values: list[float]) -> Any:
    """A build function, as the Dashboard gives one: everything worked out beforehand."""
    from shopcrm.gui.charts import colors, draw

    return lambda sheet: draw.trend(sheet, title, [f"{m}月" for m in range(1, len(values) + 1)],
               draw.Series("营业额 Revenue", values, color=colors.ACCENT),
               draw.Series("到店 Visits", [v / 10 for v in values], color=colors.SECOND),
               bar_axis="元", line_axis="次", partial_last=True,
               same_days=draw.Series("每月 1–6 日", [v / 3 for v in values], color=colors.TEXT))


def twin(width: int, height: int, title: str, values: list[float]) -> QImage:
    """The slow twin: the same chart on a sheet of the same size, built and drawn in this (the GUI) thread."""
    from shopcrm.gui.charts.image import sheet_image

    return sheet_image(trend(title, values), width, height)[1]


def same_pixels(shown: QImage | None, expected: QImage) -> bool:
    assert shown is not None
    a = shown.convertToFormat(QImage.Format.Format_RGBA8888)
    b = expected.convertToFormat(QImage.Format.Format_RGBA8888)
    return a.size() == b.size() and a.constBits().tobytes() == b.constBits().tobytes()


class HeldThread:
    """Holds the chart thread at the start of each draw until `release()`: a draw 'still running'."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from shopcrm.gui.charts import image

        self.started = threading.Event()
        self.go = threading.Event()

        def held(*args: Any) -> Any:
            self.started.set()
            self.go.wait(30)
            return real(*args)

        real = image.sheet_image
        monkeypatch.setattr(image, "sheet_image", held)

    def wait_started(self, qtbot: Any) -> None:
        qtbot.waitUntil(self.started.is_set, timeout=30_000)  # the event loop runs: the draw is submitted

    def release(self) -> None:
        self.go.set()


def test_the_image_equals_the_figure_drawn_in_the_gui_thread(qtbot: Any, no_missing_glyphs: None) -> None:
    chart = image_chart(qtbot)
    values = [12000.0, 15500.0, 9000.0, 20100.0]
    with qtbot.waitSignal(chart.drawn, timeout=30_000):
        chart.show_chart(trend("营业额 Revenue by month", values))
    assert same_pixels(chart.image(), twin(520, 320, "营业额 Revenue by month", values))
    assert chart.is_current() and [p.get_height() for p in chart.figure.axes[0].patches] == values
    grabbed = chart.grab().toImage()
    assert same_pixels(grabbed, chart.image())  # the widget paints the image as it is


def test_a_new_chart_during_a_draw_shows_only_the_new_chart(qtbot: Any, charts_loaded: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    chart = image_chart(qtbot)
    held = HeldThread(monkeypatch)
    chart.show_chart(trend("old", [1.0, 2.0, 3.0]))
    held.wait_started(qtbot)  # the old chart is on the chart thread now
    chart.show_chart(trend("new", [5.0, 1.0, 4.0, 2.0]))
    shown: list[QImage | None] = []
    chart.drawn.connect(lambda: shown.append(chart.image()))
    held.release()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    qtbot.wait(50)
    assert len(shown) == 1  # the old figure's image was never shown
    assert same_pixels(shown[0], twin(520, 320, "new", [5.0, 1.0, 4.0, 2.0]))


def test_a_resize_during_a_draw_draws_again_at_the_new_size(qtbot: Any, charts_loaded: None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    chart = image_chart(qtbot, 400, 260)
    held = HeldThread(monkeypatch)
    shown: list[QImage | None] = []
    chart.drawn.connect(lambda: shown.append(chart.image()))
    chart.show_chart(trend("sized", [3.0, 9.0, 6.0]))
    held.wait_started(qtbot)
    chart.resize(610, 330)  # while the chart is drawn at the old size
    held.release()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    qtbot.wait(50)
    assert len(shown) == 1 and chart.is_current()  # the image at the old size was never shown
    assert same_pixels(shown[0], twin(610, 330, "sized", [3.0, 9.0, 6.0]))


def test_a_chart_deleted_during_a_draw_is_left_alone(qtbot: Any, charts_loaded: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from shiboken6 import delete

    from shopcrm.gui.charts.image import ImageChart, chart_thread

    chart = ImageChart()  # not given to qtbot, which would close it after the test
    chart.resize(520, 320)
    show_active(chart)
    held = HeldThread(monkeypatch)
    chart.show_chart(trend("gone", [1.0, 2.0]))
    held.wait_started(qtbot)
    delete(chart)  # e.g. the Dashboard rebuilt for a language switch
    held.release()
    qtbot.wait(300)  # the image comes back to nobody: no error, and the thread goes on drawing
    other = image_chart(qtbot)
    with qtbot.waitSignal(other.drawn, timeout=30_000):
        other.show_chart(trend("next", [4.0, 2.0]))
    assert chart_thread() is chart_thread()
