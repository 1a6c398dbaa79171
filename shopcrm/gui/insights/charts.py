"""The Insights charts.  Imported only once matplotlib is loaded (it imports charts.draw)."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject

from shopcrm.gui.charts import colors, draw
from shopcrm.gui.charts.canvas import ChartCanvas
from shopcrm.gui.formatting import money
from shopcrm.labels import CHANNEL_LABELS, label
from shopcrm.services.reports.areas import AreaBreakdown
from shopcrm.services.reports.channels import ChannelOverview
from shopcrm.services.reports.feedback_overview import MonthRatings

CHANNEL_COLORS = {"store": colors.ACCENT, "delivery": colors.SECOND, "online": "#6a9f58"}
RATING_COLORS = (colors.ACCENT, colors.SECOND, "#6a9f58")


def month_text(day: object) -> str:
    return day.strftime("%Y-%m")  # type: ignore[attr-defined]


class InsightCharts(QObject):
    """One method per chart; text translated in context 'InsightCharts'."""

    def __init__(self, currency: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.currency = currency

    def currency_axis(self) -> str:
        return self.tr("Spend ({currency})").format(currency=self.currency)

    def click_hint(self) -> str:
        return self.tr("Click to list these members.")

    # ---- areas ------------------------------------------------------------------------------------
    def area_members(self, chart: ChartCanvas, data: AreaBreakdown, names: list[str]) -> None:
        title = self.tr("Members by area")
        if not data.rows:
            draw.message(chart, title, self.tr("No active members yet."))
            return
        values = [r.members for r in data.rows]
        tips = [self.tr("{area}: {members} members").format(area=n, members=f"{r.members:,}") + "\n" + self.click_hint()
                for n, r in zip(names, data.rows, strict=True)]
        draw.bars(chart, title, names, [draw.Series(self.tr("Members"), values, [f"{v:,}" for v in values])],
                  [r.key for r in data.rows], tooltips=tips, horizontal=True)

    def area_spend(self, chart: ChartCanvas, data: AreaBreakdown, names: list[str]) -> None:
        title = self.tr("Spend by area in the period")
        if not data.rows:
            draw.message(chart, title, self.tr("No active members yet."))
            return
        values = [r.spend_cents / 100 for r in data.rows]
        labels = [f"{v:,.0f}" for v in values]
        tips = [self.tr("{area}: {amount} from {buyers} buying members").format(
            area=n, amount=money(r.spend_cents, self.currency), buyers=f"{r.buyers:,}") + "\n" + self.click_hint()
            for n, r in zip(names, data.rows, strict=True)]
        draw.bars(chart, title, names, [draw.Series(self.tr("Spend"), values, labels, colors.SECOND)],
                  [r.key for r in data.rows], tooltips=tips, horizontal=True, value_axis=self.currency_axis())

    # ---- channels ---------------------------------------------------------------------------------
    def channel_shares(self, chart: ChartCanvas, data: ChannelOverview) -> None:
        title = self.tr("Share of sales and spend by channel")
        if not data.channels:
            draw.message(chart, title, self.tr("No sales in this period."))
            return
        names = [label(CHANNEL_LABELS, c.channel) for c in data.channels]
        sales = [c.visit_share for c in data.channels]
        spend = [c.spend_share for c in data.channels]
        draw.bars(chart, title, names, [
            draw.Series(self.tr("Sales"), sales, [f"{v:.0%}" for v in sales], colors.ACCENT_LIGHT),
            draw.Series(self.tr("Spend"), spend, [f"{v:.0%}" for v in spend], colors.ACCENT),
        ], percent_axis=True)

    def channel_trend(self, chart: ChartCanvas, data: ChannelOverview) -> None:
        title = self.tr("Spend per month by channel")
        if not data.months:
            draw.message(chart, title, self.tr("No sales in this period."))
            return
        periods = [month_text(m.month) for m in data.months]
        if data.until is not None and data.months[-1].month == data.until.replace(day=1):
            periods[-1] += "*"  # the view's hint says: this month so far
        series = [draw.Series(label(CHANNEL_LABELS, c.channel), [m.spend_cents.get(c.channel, 0) / 100 for m in data.months],
                              color=CHANNEL_COLORS.get(c.channel, colors.MUTED)) for c in data.channels]
        draw.lines(chart, title, periods, series, value_axis=self.currency_axis())

    # ---- feedback ---------------------------------------------------------------------------------
    def ratings_trend(self, chart: ChartCanvas, months: list[MonthRatings]) -> None:
        title = self.tr("Average ratings per month (1–5)")
        if not months:
            draw.message(chart, title, self.tr("No feedback in this period."))
            return
        periods = [month_text(m.month) for m in months]

        def values(name: str) -> list[float]:
            return [math.nan if getattr(m, name) is None else float(getattr(m, name)) for m in months]

        series = [draw.Series(self.tr("Product and taste"), values("product"), color=RATING_COLORS[0]),
                  draw.Series(self.tr("Service"), values("service"), color=RATING_COLORS[1]),
                  draw.Series(self.tr("Environment"), values("environment"), color=RATING_COLORS[2])]
        draw.lines(chart, title, periods, series, value_format=lambda v: f"{v:.0f}", limits=(0.8, 5.2))
