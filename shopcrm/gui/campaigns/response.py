"""Did they come back?  A campaign's buyers beside comparable members: a small table, a chart and
plain sentences that say when the groups are too small to tell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.charts.loader import when_ready
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import money
from shopcrm.gui.widgets import hint_label
from shopcrm.labels import class_label
from shopcrm.services.campaigns.response import (
    DEFAULT_DAYS,
    MAX_DAYS,
    GroupFigures,
    ResponseReport,
    campaign_response,
    percent,
)


class ResponsePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id: int | None = None
        self.report: ResponseReport | None = None
        self._generation = 0
        self.days = QSpinBox()
        self.days.setObjectName("responseDays")
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.days.valueChanged.connect(lambda _v: self.refresh())
        self.table = QTableWidget(3, 5)
        self.table.setObjectName("responseTable")
        self.table.setHorizontalHeaderLabels([self.tr("Members"), self.tr("Bought"), self.tr("Share bought"),
                                              self.tr("Spend"), self.tr("Spend per member")])
        self.table.setVerticalHeaderLabels([self.tr("On the list"), self.tr("Contacted"), self.tr("Comparable members")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + 3 * self.table.verticalHeader().defaultSectionSize() + 6)
        self.segments = QTableWidget(0, 5)
        self.segments.setObjectName("responseSegments")
        self.segments.setHorizontalHeaderLabels([self.tr("Segment"), self.tr("Contacted"), self.tr("Bought"),
                                                 self.tr("Comparable"), self.tr("Bought")])
        self.segments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.segments.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.segments.verticalHeader().setVisible(False)
        self.summary = QLabel()
        self.summary.setObjectName("responseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart: Any = None  # a ChartCanvas once matplotlib has loaded
        self._chart_box = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Bought within")))
        top.addWidget(self.days)
        top.addWidget(hint_label(self.tr("after the list was saved: the contacted members beside members the list "
                                         "matched that day but nobody contacted.")), 1)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addWidget(self.segments, 1)
        body.addLayout(left, 3)
        body.addLayout(self._chart_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.summary)
        when_ready(self._make_chart, self)

    def _make_chart(self) -> None:
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts.canvas import ChartCanvas

        self.chart = ChartCanvas(self, minimum_height=180)
        self.chart.setObjectName("responseChart")
        self._chart_box.addWidget(self.chart)
        self._draw_chart()

    def show_campaign(self, campaign_id: int | None) -> None:
        self.campaign_id = campaign_id
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        if self.campaign_id is None:
            self._show(None)
            return
        db, campaign_id, days = self.ctx.db, self.campaign_id, self.days.value()
        self.ctx.read(lambda _c: campaign_response(db, campaign_id, days),
                      on_done=lambda report: self._loaded(generation, report),
                      on_error=lambda exc: self.ctx.show_error(exc, self))

    def _loaded(self, generation: int, report: ResponseReport) -> None:
        if generation == self._generation:
            self._show(report)

    def _group_cells(self, row: int, group: GroupFigures, rate: float | None, per_member: int | None) -> None:
        currency = self.ctx.settings.currency
        values = [str(group.members), str(group.buyers), percent(rate), money(group.spend_cents, currency),
                  money(per_member, currency) if per_member is not None else "–"]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _show(self, report: ResponseReport | None) -> None:
        self.report = report
        self.table.clearContents()
        self.segments.setRowCount(0)
        if report is None:
            self.summary.setText(self.tr("Choose a saved campaign to see whether its members came back."))
            self._draw_chart()
            return
        self._group_cells(0, report.listed, report.listed.rate, report.listed.spend_per_member_cents)
        self._group_cells(1, report.contacted, report.contacted.rate, report.contacted.spend_per_member_cents)
        self._group_cells(2, report.comparison, report.comparison_rate, report.comparison_spend_per_member_cents)
        self.table.verticalHeaderItem(2).setToolTip(self.tr(
            "Members the list matched on its day who were not contacted; share and spend weighted to the contacted "
            "members' segments and recency."))
        self.segments.setRowCount(len(report.segments))
        for row, seg in enumerate(report.segments):
            cells = [class_label("segment", seg.segment) or self.tr("(no class)"), str(seg.listed.members),
                     percent(seg.listed.rate), str(seg.comparison.members), percent(seg.comparison.rate)]
            for column, text in enumerate(cells):
                self.segments.setItem(row, column, QTableWidgetItem(text))
        warn = report.verdict in ("too_small", "no_comparison", "not_contacted")
        self.summary.setObjectName("warning" if warn else "responseSummary")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.summary.setText("\n".join(report.summary()))
        self._draw_chart()

    def _draw_chart(self) -> None:
        if self.chart is None:
            return
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts import colors, draw

        title = self.tr("Share who bought")
        report = self.report
        if report is None or report.verdict == "not_started":
            draw.message(self.chart, title, self.tr("No purchases to compare yet."))
            return
        if report.verdict == "not_contacted":
            draw.message(self.chart, title, self.tr("Nobody on the list is marked as contacted."))
            return
        rates = [report.compared.rate or 0.0, report.comparison_rate or 0.0]
        labels = [percent(report.compared.rate), percent(report.comparison_rate)]
        draw.bars(self.chart, title, [self.tr("Contacted"), self.tr("Comparable")],
                  [draw.Series(self.tr("Bought"), rates, labels,
                               [colors.ACCENT, colors.SECOND])], percent_axis=True)
