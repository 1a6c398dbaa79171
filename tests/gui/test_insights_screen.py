"""The Insights screen, reached and used with keys and clicks: areas with drill-down to the Members
screen, channels, feedback (low ratings open the member, never-rated members are listed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import member
from input_events import show_active
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView

from shopcrm.gui.charts.loader import chart_library
from shopcrm.gui.context import AppContext
from shopcrm.gui.insights.view import InsightsView
from shopcrm.gui.main_window import MainWindow
from shopcrm.services.members.feedback import FeedbackInput, add_feedback
from shopcrm.services.reports.areas import AREA, NONE, AreaKey
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(ctx: AppContext) -> dict[str, Any]:
    db = ctx.db
    park = [member(db, f"1380000000{i}", f"Park {i}", area="Tech Park").id for i in range(3)]
    river = [member(db, f"1380000001{i}", f"River {i}", area="Riverside").id for i in range(2)]
    nowhere = member(db, "13800000020", "Nowhere").id
    recent = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3)
    for i, member_id in enumerate(park + river + [nowhere]):
        record_purchase(db, PurchaseInput(member_id=member_id, total_cents=1000 * (i + 1), purchased_at=recent,
                                          channel="delivery" if i == 1 else "store"))
    record_purchase(db, PurchaseInput(member_id=None, total_cents=500, channel="online", purchased_at=recent))
    add_feedback(db, FeedbackInput(member_id=river[0], rating_product=1, rating_service=4, comment="Too sweet",
                                   at=recent))
    add_feedback(db, FeedbackInput(member_id=park[0], rating_product=5, rating_service=5, at=recent))
    return {"park": park, "river": river, "nowhere": nowhere}


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> Iterator[MainWindow]:
    chart_library().start()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show_active(w)
    yield w
    ctx.wait_idle(10)


def open_insights(qtbot: Any, window: MainWindow) -> InsightsView:
    QTest.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "insights"
    view = window.view("insights")
    assert isinstance(view, InsightsView)
    qtbot.waitUntil(lambda: view.data is not None and view.drawer is not None, timeout=60_000)
    return view


def click_tab(qtbot: Any, view: InsightsView, index: int) -> None:
    bar = view.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert view.tabs.currentIndex() == index


def activate_row(qtbot: Any, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(table, Qt.Key.Key_Return)


def cell_texts(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def members_shown(qtbot: Any, window: MainWindow, ids: list[int]) -> None:
    qtbot.waitUntil(lambda: window.current_key() == "members", timeout=3_000)
    members = window.view("members")
    qtbot.waitUntil(lambda: not members.model.loading and sorted(members.model.member_id(r) for r in range(members.model.rowCount())) == sorted(ids), timeout=10_000)


def test_areas_table_and_chart_open_their_members(qtbot: Any, window: MainWindow, shop: dict[str, Any]) -> None:
    view = open_insights(qtbot, window)
    assert cell_texts(view.area_table, 0) == ["Tech Park", "Riverside", "Not recorded"]
    assert cell_texts(view.area_table, 1) == ["3", "2", "1"]
    assert cell_texts(view.area_table, 5) == ["¥60.00", "¥90.00", "¥60.00"]  # 10+20+30, 40+50, 60
    activate_row(qtbot, view.area_table, 1)
    members_shown(qtbot, window, shop["river"])

    view = open_insights(qtbot, window)
    chart = view.chart("area_spend")
    key = AreaKey(NONE)
    assert key in chart.keys() and AreaKey(AREA, "Tech Park") in chart.keys()
    QTest.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.target_point(key))
    members_shown(qtbot, window, [shop["nowhere"]])


def test_channels_tab_shows_the_shares(qtbot: Any, window: MainWindow) -> None:
    view = open_insights(qtbot, window)
    click_tab(qtbot, view, 1)
    assert cell_texts(view.channel_table, 0) == ["In store", "Delivery", "Online"]
    assert cell_texts(view.channel_table, 1) == ["5", "1", "1"]
    assert cell_texts(view.channel_table, 3) == ["¥190.00", "¥20.00", "¥5.00"]
    assert cell_texts(view.channel_table, 4) == [f"{190 / 215:.0%}", f"{20 / 215:.0%}", f"{5 / 215:.0%}"]
    assert view.chart("channel_trend").isVisible() and view.chart("channel_shares").isVisible()


def test_feedback_tab_low_ratings_and_never_rated(qtbot: Any, window: MainWindow, shop: dict[str, Any]) -> None:
    view = open_insights(qtbot, window)
    click_tab(qtbot, view, 2)
    assert cell_texts(view.low_table, 1) == ["River 0 · 000004"]
    assert cell_texts(view.low_table, 5) == ["Too sweet"]
    assert view.never_label.text() == "4 of 6 active members never gave feedback."
    activate_row(qtbot, view.low_table, 0)
    qtbot.waitUntil(lambda: window.current_key() == "members", timeout=3_000)
    members = window.view("members")
    qtbot.waitUntil(lambda: members.detail.member is not None and members.detail.member.id == shop["river"][0],
                    timeout=10_000)

    view = open_insights(qtbot, window)
    QTest.mouseClick(view.never_button, Qt.MouseButton.LeftButton)
    members_shown(qtbot, window, shop["park"][1:] + shop["river"][1:] + [shop["nowhere"]])


def test_the_period_changes_the_figures(qtbot: Any, window: MainWindow, ctx: AppContext) -> None:
    long_ago = dt.datetime(2020, 5, 1, 10)
    first = member(ctx.db, "13900000001", "Old customer", area="Old town").id
    record_purchase(ctx.db, PurchaseInput(member_id=first, total_cents=7_700, purchased_at=long_ago))
    view = open_insights(qtbot, window)
    assert "Old town" in cell_texts(view.area_table, 0)
    row = cell_texts(view.area_table, 0).index("Old town")
    assert cell_texts(view.area_table, 5)[row] == "¥0.00"  # last 12 months
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.period_box.setFocus()
        QTest.keyClick(view.period_box, Qt.Key.Key_End)  # "All time"
    assert view.period_box.currentData() is None
    assert cell_texts(view.area_table, 5)[cell_texts(view.area_table, 0).index("Old town")] == "¥77.00"


def test_chinese_areas_and_comments_draw_without_empty_boxes(qtbot: Any, ctx: AppContext) -> None:
    from shopcrm.gui.charts.glyphs import record_missing_glyphs

    ids = [member(ctx.db, f"1390000000{i}", f"会员{i}", area=("科技园写字楼", "阳光花园小区")[i % 2]).id for i in range(4)]
    for i, member_id in enumerate(ids):
        record_purchase(ctx.db, PurchaseInput(member_id=member_id, total_cents=1500 + i,
                                              channel=("store", "delivery")[i % 2]))
    add_feedback(ctx.db, FeedbackInput(member_id=ids[0], rating_service=2, comment="奶茶太甜了"))
    ctx.set_language("zh_CN")
    chart_library().load_now()
    with record_missing_glyphs() as missing:
        view = InsightsView(ctx)
        qtbot.addWidget(view)
        view.resize(1024, 768)
        show_active(view)
        qtbot.waitUntil(lambda: view.data is not None and view.drawer is not None, timeout=60_000)
        for index in range(view.tabs.count()):
            click_tab(qtbot, view, index)
            assert view.tabs.currentIndex() == index
            for name in view.charts:
                if view.chart(name).isVisible():
                    view.chart(name).draw_now()
    assert not missing, missing
    assert cell_texts(view.area_table, 0) == ["阳光花园小区", "科技园写字楼"]  # 2 members each: more spend first
    assert cell_texts(view.low_table, 5) == ["奶茶太甜了"]
