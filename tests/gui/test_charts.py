"""Charts: Chinese text with no empty boxes, the glyph check itself, clicks and tooltips on shapes, lazy loading."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import pytest
from input_events import hover, show_active
from PySide6.QtCore import QObject, Qt

from shopcrm.gui.charts.glyphs import is_missing_glyph, record_missing_glyphs
from shopcrm.gui.charts.loader import ChartLibrary, when_ready

pytestmark = pytest.mark.gui



def canvas(qtbot: Any, width: int = 520, height: int = 320) -> Any:
    from shopcrm.gui.charts.canvas import ChartCanvas

    chart = ChartCanvas()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    show_active(chart)
    return chart


def test_a_chinese_font_leads_the_family_list(charts_loaded: None) -> None:
    import matplotlib

    from shopcrm.gui.charts.fonts import (
        CJK_FAMILIES,
        chart_font_family,
        configure_fonts,
        installed_cjk_families,
    )

    chain = configure_fonts()
    assert chain == configure_fonts()  # set once
    installed = installed_cjk_families()
    assert installed, "the test machine needs a CJK font (e.g. fonts-noto-cjk)"
    assert chain[0] == installed[0] == chart_font_family() and chain[0] in CJK_FAMILIES
    assert matplotlib.rcParams["font.sans-serif"][: len(chain)] == chain
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_chinese_labels_draw_without_empty_boxes(qtbot: Any, no_missing_glyphs: None) -> None:
    from shopcrm.gui.charts import draw

    chart = canvas(qtbot)
    draw.bars(chart, "会员分层 · 金卡/银卡", ["铂金", "黄金", "铁", "铅"],
              [draw.Series("会员", [3, 12, 60, 225], ["3 人", "12 人", "60 人", "225 人"])],
              ["platinum", "gold", "iron", "lead"], value_axis="会员数（人）")
    chart.draw_now()


def test_the_glyph_check_catches_a_missing_character(qtbot: Any, charts_loaded: None) -> None:
    from shopcrm.gui.charts import draw

    chart = canvas(qtbot)
    with record_missing_glyphs() as missing:
        draw.message(chart, "", "\U000f0000")  # a private-use character no font has
        chart.draw_now()
    assert missing and all(is_missing_glyph(m) for m in missing)
    with warnings.catch_warnings(record=True) as other:  # other warnings pass through unchanged
        warnings.simplefilter("always")
        with record_missing_glyphs() as none:
            warnings.warn("something else", UserWarning, stacklevel=1)
    assert not none and [str(w.message) for w in other] == ["something else"]


def test_clicking_a_bar_reports_its_key_and_hover_shows_its_tooltip(qtbot: Any, no_missing_glyphs: None) -> None:
    from shopcrm.gui.charts import draw

    chart = canvas(qtbot)
    draw.bars(chart, "RFM", ["甲", "乙", "丙"], [draw.Series("n", [5, 50, 20])], ["a", "b", "c"],
              tooltips=["甲: 5", "乙: 50", "丙: 20"], horizontal=True)
    assert chart.keys() == ["a", "b", "c"]
    for key in ("b", "c", "a"):
        point = chart.target_point(key)
        with qtbot.waitSignal(chart.activated, timeout=2_000) as clicked:
            qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=point)
        assert clicked.args == [key]
    hover(chart.canvas, chart.target_point("b"))
    qtbot.waitUntil(lambda: chart.canvas.cursor().shape() == Qt.CursorShape.PointingHandCursor, timeout=2_000)
    assert chart.tooltip_for("b") == "乙: 50"


def test_clicking_outside_the_shapes_reports_nothing(qtbot: Any, no_missing_glyphs: None) -> None:
    from PySide6.QtCore import QPoint

    from shopcrm.gui.charts import draw

    chart = canvas(qtbot)
    draw.bars(chart, "", ["x"], [draw.Series("n", [1])], ["x"])
    chart.draw_now()
    with qtbot.assertNotEmitted(chart.activated, wait=200):
        qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_heatmap_pyramid_and_funnel_cells_click_to_their_keys(qtbot: Any, no_missing_glyphs: None) -> None:
    from shopcrm.gui.charts import colors, draw

    heat = canvas(qtbot)
    draw.heatmap(heat, "R×F", [[1, 2], [3, 4]], ["R2", "R1"], ["F1", "F2"], [[(2, 1), (2, 2)], [(1, 1), (1, 2)]],
                 xlabel="频次", ylabel="最近")
    with qtbot.waitSignal(heat.activated, timeout=2_000) as clicked:
        qtbot.mouseClick(heat.canvas, Qt.MouseButton.LeftButton, pos=heat.target_point((1, 2)))
    assert clicked.args == [(1, 2)]
    for kind in (draw.pyramid, draw.funnel):
        chart = canvas(qtbot)
        kind(chart, "客户金字塔", [draw.Band(name, value, name, colors.PYRAMID["gold"], f"{value} 人", name)
                                  for name, value in (("铂金", 1), ("黄金", 4), ("铁", 15), ("铅", 80))])
        for key in ("铂金", "铅"):
            with qtbot.waitSignal(chart.activated, timeout=2_000) as clicked:
                qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.target_point(key))
            assert clicked.args == [key]


def test_trend_with_a_second_axis(qtbot: Any, no_missing_glyphs: None) -> None:
    from shopcrm.gui.charts import draw

    chart = canvas(qtbot, 640, 300)
    months = [f"{m}月" for m in range(1, 14)]
    draw.trend(chart, "每月营业额与到店次数", months, draw.Series("营业额", list(range(13))),
               draw.Series("到店次数", list(range(13, 0, -1))), bar_axis="营业额（元）", line_axis="次")
    chart.draw_now()
    ax, twin = chart.figure.axes
    assert len(ax.patches) == 13 and len(twin.lines) == 1
    assert len(ax.get_xticklabels()) <= 7  # readable month labels
    assert ax.get_legend() is not None and len(ax.get_legend().get_texts()) == 2


def test_when_ready_calls_back_in_the_gui_thread_and_skips_deleted_owners(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from shiboken6 import delete

    from shopcrm.gui.charts import loader

    library = ChartLibrary()
    monkeypatch.setattr(loader, "_library", [library])
    calls: list[tuple[str, bool]] = []
    owner, gone = QObject(), QObject()
    main = threading.current_thread()
    when_ready(lambda: calls.append(("plain", threading.current_thread() is main)))
    when_ready(lambda: calls.append(("owner", threading.current_thread() is main)), owner=owner)
    when_ready(lambda: calls.append(("gone", True)), owner=gone)
    assert library.state == "loading"
    delete(gone)  # e.g. the view was rebuilt for a language switch meanwhile
    qtbot.waitUntil(lambda: library.state == "ready", timeout=60_000)
    assert calls == [("plain", True), ("owner", True)]
    when_ready(lambda: calls.append(("late", True)))  # already loaded: at once
    assert calls[-1] == ("late", True)


def test_importing_the_gui_does_not_import_matplotlib() -> None:
    import subprocess

    code = ("import sys; import shopcrm.gui.main_window, shopcrm.gui.dashboard.view, shopcrm.gui.segments.view, "
            "shopcrm.gui.import_wizard.view; print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_a_cjk_font_installed_after_matplotlib_built_its_cache_is_found(charts_loaded: None,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib's cached font list from before the CJK font was installed: the charts still find it."""
    import shutil

    from matplotlib import font_manager

    from shopcrm.gui.charts.fonts import CJK_FAMILIES, fontconfig_cjk_files, installed_cjk_families

    if not shutil.which("fc-list") or not fontconfig_cjk_files():
        pytest.skip("needs fontconfig and a CJK font")
    stale = font_manager.FontManager.__new__(font_manager.FontManager)
    stale.__dict__.update(font_manager.fontManager.__dict__)
    stale.ttflist = [f for f in font_manager.fontManager.ttflist if f.name not in CJK_FAMILIES]
    stale.afmlist = list(font_manager.fontManager.afmlist)
    monkeypatch.setattr(font_manager, "fontManager", stale)
    assert not any(f.name in CJK_FAMILIES for f in font_manager.fontManager.ttflist)
    families = installed_cjk_families()
    assert families and families[0] in CJK_FAMILIES
    assert any(f.name == families[0] for f in font_manager.fontManager.ttflist)


def test_the_tests_do_not_use_the_users_matplotlib_cache() -> None:
    import os
    import tempfile

    import matplotlib

    folder = os.path.realpath(matplotlib.get_cachedir())
    assert folder.startswith(os.path.realpath(tempfile.gettempdir()))
    assert not folder.startswith(os.path.realpath(os.path.expanduser("~/.cache")))
