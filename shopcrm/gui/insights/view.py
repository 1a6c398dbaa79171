"""Insights: every recorded dimension the tier charts do not show — members and spend by area,
purchase channels, and what members said (ratings over time, the latest low ratings, who never
rated).  Each row or bar of members opens them in the Members screen.

The figures load on the reader thread in one go (a handful of grouped queries); charts are drawn
once matplotlib has loaded in the background.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.charts.loader import chart_library, when_ready
from shopcrm.gui.context import AppContext
from shopcrm.gui.insights.tables import area_model, area_name, channel_model, list_view, low_rating_model
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.segments.member_list import MAX_IDS_FOR_MEMBERS_SCREEN
from shopcrm.gui.widgets import hint_label, title_label
from shopcrm.services.members.table import MemberFilter
from shopcrm.services.reports.areas import AreaBreakdown, AreaKey, area_breakdown, area_member_ids
from shopcrm.services.reports.channels import ChannelOverview, shop_channels
from shopcrm.services.reports.feedback_overview import (
    LowRating,
    MonthRatings,
    NeverRated,
    low_ratings,
    monthly_ratings,
    never_rated,
)
from shopcrm.services.shop.database import Database

REFRESH_KINDS = ("purchase", "member", "feedback", "import", "undo-import", "demo", "restore")
PERIOD_MONTHS = (3, 12, 24, None)  # None: all time
DEFAULT_PERIOD = 1
TOP_AREAS = 12
LOW_RATINGS_SHOWN = 100
TABS = ("areas", "channels", "feedback")


def create_view(ctx: AppContext) -> QWidget:
    return InsightsView(ctx)


@dataclass(frozen=True)
class InsightData:
    areas: AreaBreakdown
    channels: ChannelOverview
    ratings: list[MonthRatings]
    low: list[LowRating]
    never: NeverRated


def period_start(months: int | None, today: dt.date) -> dt.date | None:
    """The first day of the month `months - 1` months before today's (this month counts as one)."""
    if months is None:
        return None
    index = today.year * 12 + today.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def load_insights(db: Database, since: dt.date | None, until: dt.date | None) -> InsightData:
    return InsightData(area_breakdown(db, since=since, until=until, top=TOP_AREAS),
                       shop_channels(db, since=since, until=until),
                       monthly_ratings(db, since=since, until=until),
                       low_ratings(db, limit=LOW_RATINGS_SHOWN), never_rated(db))


class InsightsView(QWidget):
    loaded = Signal()  # figures arrived and were shown (tests, screenshots)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.data: InsightData | None = None
        self.charts: dict[str, Any] = {}
        self.drawer: Any = None
        self._generation = 0
        self.reloader = ReloadWhenShown(self, self.reload, REFRESH_KINDS)
        currency = ctx.settings.currency

        self.period_box = QComboBox()
        self.period_box.setObjectName("insightPeriod")
        for months in PERIOD_MONTHS:
            self.period_box.addItem(self.tr("All time") if months is None
                                    else self.tr("Last {n} months").format(n=months), months)
        self.period_box.setCurrentIndex(DEFAULT_PERIOD)
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.info = hint_label()
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Insights")))
        top.addSpacing(12)
        period_label = QLabel(self.tr("&Period"))
        period_label.setBuddy(self.period_box)
        top.addWidget(period_label)
        top.addWidget(self.period_box)
        top.addStretch(1)

        # ---- areas
        self.area_rows = area_model(currency, lambda: self.data.areas if self.data else None, self)
        self.area_table = list_view(self.area_rows, "areaTable")
        self.area_table.activated.connect(self._area_activated)
        self.area_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.area_table.horizontalHeader().setStretchLastSection(False)
        self.area_hint = hint_label()
        self.area_charts = QGridLayout()
        areas_page = QWidget()
        al = QVBoxLayout(areas_page)
        al.addWidget(self.area_hint)
        al.addWidget(self.area_table, 2)
        al.addLayout(self.area_charts, 3)

        # ---- channels
        self.channel_rows = channel_model(currency, self)
        self.channel_table = list_view(self.channel_rows, "channelTable")
        self.channel_hint = hint_label()
        self.channel_charts = QGridLayout()
        channels_page = QWidget()
        cl = QVBoxLayout(channels_page)
        cl.addWidget(self.channel_hint)
        self.channel_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.channel_table.horizontalHeader().setStretchLastSection(False)
        cl.addWidget(self.channel_table)
        cl.addLayout(self.channel_charts, 3)

        # ---- feedback
        self.low_rows = low_rating_model(self)
        self.low_table = list_view(self.low_rows, "lowRatingsTable")
        self.low_table.activated.connect(self._low_activated)
        self.low_hint = hint_label()
        self.never_label = QLabel()
        self.never_label.setObjectName("neverRated")
        self.never_button = QPushButton(self.tr("&List them in the Members screen"))
        self.never_button.setObjectName("neverRatedButton")
        self.never_button.clicked.connect(self._open_never_rated)
        self.feedback_charts = QGridLayout()
        feedback_page = QWidget()
        fl = QVBoxLayout(feedback_page)
        fl.addLayout(self.feedback_charts, 3)
        fl.addWidget(self.low_hint)
        fl.addWidget(self.low_table, 2)
        never_row = QHBoxLayout()
        never_row.addWidget(self.never_label, 1)
        never_row.addWidget(self.never_button)
        fl.addLayout(never_row)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("insightTabs")
        self.tabs.addTab(areas_page, self.tr("&Areas"))
        self.tabs.addTab(channels_page, self.tr("C&hannels"))
        self.tabs.addTab(feedback_page, self.tr("&Feedback"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.tabs, 1)
        ctx.operation_finished.connect(self.reloader.data_changed)
        when_ready(self._charts_ready, owner=self)
        self.reload()

    # ---- main-window hooks ----------------------------------------------------------------------
    def on_shown(self) -> None:
        self.reloader.shown()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def chart(self, name: str) -> Any:
        return self.charts.get(name)

    # ---- loading --------------------------------------------------------------------------------
    def period(self) -> tuple[dt.date | None, dt.date]:
        today = dt.date.today()
        return period_start(self.period_box.currentData(), today), today

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        since, until = self.period()
        self.info.setText(self.tr("Loading ..."))
        db = self.ctx.db
        self.ctx.read(lambda _c: load_insights(db, since, until),
                      on_done=lambda data: self._arrived(generation, data),
                      on_error=lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.info.setText("")
            self.ctx.show_error(exc, self)

    def _arrived(self, generation: int, data: InsightData) -> None:
        if generation != self._generation:
            return
        self.data = data
        since, until = self.period()
        self.info.setText(self.tr("From {since} to {until}. Members are the active ones; double-click a row or "
                                  "click a bar to list its members.").format(
            since=since.isoformat() if since else self.tr("the first sale"), until=until.isoformat()))
        self.area_rows.set_rows(data.areas.rows)
        areas = self.tr("{members} active members in {areas} areas.").format(
            members=f"{data.areas.members:,}", areas=f"{data.areas.areas:,}")
        if data.areas.areas > TOP_AREAS:
            areas += " " + self.tr("The {top} with the most members have a row each; the others are grouped.").format(
                top=TOP_AREAS)
        self.area_hint.setText(areas)
        self.channel_rows.set_rows(data.channels.channels)
        rows = max(1, len(data.channels.channels))
        self.channel_table.setFixedHeight(self.channel_table.horizontalHeader().sizeHint().height()
                                          + rows * self.channel_table.verticalHeader().defaultSectionSize() + 4)
        self.channel_hint.setText(self.tr("Every sale of the period, walk-in sales included (* this month so far). "
                                          "A member's own channels are in their detail in the Members screen."))
        self.low_rows.set_rows(data.low)
        self.low_hint.setText(self.tr("Latest low ratings (2 or less), newest first — double-click to open the member:")
                              if data.low else self.tr("No low ratings (2 or less) yet."))
        self.never_label.setText(self.tr("{n} of {active} active members never gave feedback.").format(
            n=f"{data.never.members:,}", active=f"{data.never.of_active:,}"))
        self.never_button.setEnabled(0 < data.never.members <= MAX_IDS_FOR_MEMBERS_SCREEN)
        self._draw()
        self.loaded.emit()

    # ---- charts ---------------------------------------------------------------------------------
    def _charts_ready(self) -> None:
        library = chart_library()
        if library.state != "ready":
            self.info.setText(self.tr("Charts are not available: {error}").format(error=library.error))
            return
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts.canvas import ChartCanvas
        from shopcrm.gui.insights.charts import InsightCharts

        self.drawer = InsightCharts(self.ctx.settings.currency, self)
        for name, grid, position in (("area_members", self.area_charts, 0), ("area_spend", self.area_charts, 1),
                                     ("channel_shares", self.channel_charts, 0),
                                     ("channel_trend", self.channel_charts, 1),
                                     ("ratings_trend", self.feedback_charts, 0)):
            chart = ChartCanvas(minimum_height=200)
            chart.setObjectName(f"chart_{name}")
            chart.activated.connect(self._chart_activated)
            grid.addWidget(chart, 0, position)
            self.charts[name] = chart
        self._draw()

    def _draw(self) -> None:
        if self.drawer is None or self.data is None:
            return
        self.drawer.currency = self.ctx.settings.currency
        names = [area_name(r) for r in self.data.areas.rows]
        self.drawer.area_members(self.charts["area_members"], self.data.areas, names)
        self.drawer.area_spend(self.charts["area_spend"], self.data.areas, names)
        self.drawer.channel_shares(self.charts["channel_shares"], self.data.channels)
        self.drawer.channel_trend(self.charts["channel_trend"], self.data.channels)
        self.drawer.ratings_trend(self.charts["ratings_trend"], self.data.ratings)

    # ---- drill-down -----------------------------------------------------------------------------
    def _chart_activated(self, key: Any) -> None:
        if isinstance(key, AreaKey):
            self.open_area(key)

    def _area_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_area(self.area_rows.row(index.row()).key)

    def open_area(self, key: AreaKey) -> None:
        """The members of one area row in the Members screen."""
        self.open_members(area_member_ids(self.ctx.db, key))

    def open_members(self, ids: list[int]) -> None:
        if not ids:
            self.info.setText(self.tr("Nobody to list."))
            return
        if len(ids) > MAX_IDS_FOR_MEMBERS_SCREEN:
            self.info.setText(self.tr("Too many members for one list there; use the filters of the Members screen."))
            return
        self.ctx.navigate_requested.emit("members", MemberFilter(member_ids=tuple(ids)))

    def _low_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.low_rows.row(index.row())
        if row.member_id is not None and row.member_status != "erased":
            self.ctx.navigate_requested.emit("members", int(row.member_id))

    def _open_never_rated(self) -> None:
        if self.data is not None:
            self.open_members(self.data.never.member_ids)
