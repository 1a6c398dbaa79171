"""Dashboard: the shop at a glance, as of today or any day the owner picks.

The figures load on the reader thread (services.dashboard); the two trend charts appear once
matplotlib has loaded in the background, so this first screen opens without waiting for it, and
are drawn on the chart thread into images (charts.image), so drawing them never freezes the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.charts.loader import chart_library, when_ready
from shopcrm.gui.context import AppContext
from shopcrm.gui.dashboard.cards import KpiCard
from shopcrm.gui.date_typing import DateTyping
from shopcrm.gui.formatting import date_text, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.widgets import hint_label, title_label
from shopcrm.gui.worker import Job
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import class_label
from shopcrm.services.reports.dashboard import (
    AtRiskRow,
    BirthdayRow,
    DashboardData,
    MonthFigures,
    dashboard_data,
    monthly_trend,
)
from shopcrm.services.reports.seasons import month_chart_marks

REFRESH_KINDS = ("purchase", "member", "import", "undo-import", "demo", "restore", "classification", "points",
                 "settings-saved", "settings")
STALE_DAYS = 30  # a last sale older than this suggests looking at the history as of that day
RELOAD_DELAY_MS = 300


def create_view(ctx: AppContext) -> QWidget:
    return DashboardView(ctx)


def month_label(month: dt.date, first: bool) -> str:
    """'Nov' / '11月', with the year under January and under the first month shown."""
    name = QLocale().monthName(month.month, QLocale.FormatType.ShortFormat)
    return f"{name}\n{month.year}" if first or month.month == 1 else name


def percent(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def change_note(now: int, before: int, fmt: str) -> tuple[str, int]:
    """'▲ 12 % on last month' style note and its direction (for the card's colour)."""
    if before <= 0:
        return fmt.format(change="—"), 0
    change = (now - before) / before
    arrow = "▲" if change > 0.005 else "▼" if change < -0.005 else "="
    return fmt.format(change=f"{arrow} {abs(change):.0%}"), (1 if change > 0.005 else -1 if change < -0.005 else 0)


class DashboardView(QWidget):
    loaded = Signal()  # figures shown (tests, screenshots)
    charts_drawn = Signal()  # both trend charts drawn with the current figures (benchmark)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.data: DashboardData | None = None
        self.months: list[MonthFigures] | None = None  # the trend, read first (the charts need only it)
        self._months_generation = 0
        self._data_generation = -1
        self.reloader = ReloadWhenShown(self, self.reload, REFRESH_KINDS)
        self._generation = 0
        self.revenue_chart: Any = None  # ImageChart, once matplotlib is loaded
        self.members_chart: Any = None
        self._pending_draws: set[str] = set()
        self._load_jobs: list[Job] = []
        self._failed_generation = 0  # one message when both reads of a reload fail

        # ---- header
        self.as_of = QDateEdit()
        self.as_of.setObjectName("dashboardAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        DateTyping.install(self.as_of)  # 20260906 typed in one go works like 2026-9-6
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setMaximumDate(QDate.currentDate().addYears(1))
        self._reload_timer = QTimer(self)  # typing a date digit by digit loads once, at the end
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.as_of.dateChanged.connect(lambda _d: self._reload_timer.start())
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.clicked.connect(lambda: self.as_of.setDate(QDate.currentDate()))
        self.last_sale_button = QPushButton()
        self.last_sale_button.hide()
        self.last_sale_button.clicked.connect(self._to_last_sale)
        self.status = hint_label()
        header = QHBoxLayout()
        header.addWidget(title_label(self.tr("Dashboard")))
        header.addStretch(1)
        header.addWidget(self.last_sale_button)
        header.addWidget(QLabel(self.tr("As of")))
        header.addWidget(self.as_of)
        header.addWidget(self.today_button)

        # ---- KPI cards
        self.cards: dict[str, KpiCard] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        captions = (
            ("members", self.tr("Members")), ("active", self.tr("Recent buyers")),
            ("new", self.tr("New this month")), ("at_risk", self.tr("At risk")),
            ("revenue", self.tr("Revenue this month")), ("sales", self.tr("Sales this month")),
            ("ticket", self.tr("Average ticket")), ("repeat", self.tr("Repeat rate")),
        )
        for i, (key, caption) in enumerate(captions):
            card = KpiCard(caption)
            card.setObjectName("card")
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)

        # ---- charts (filled in when matplotlib is loaded)
        self.revenue_slot = self._chart_slot()
        self.members_slot = self._chart_slot()
        charts = QHBoxLayout()
        charts.addWidget(self.revenue_slot, 3)
        charts.addWidget(self.members_slot, 2)

        # ---- lists
        self.birthday_model: ListTableModel[BirthdayRow] = ListTableModel(self._birthday_columns(), parent=self)
        self.at_risk_model: ListTableModel[AtRiskRow] = ListTableModel(self._at_risk_columns(), parent=self)
        self.birthday_table = self._table(self.birthday_model, "birthdayTable")
        self.at_risk_table = self._table(self.at_risk_model, "atRiskTable")
        self.birthday_title = QLabel()
        self.birthday_title.setObjectName("sectionTitle")
        self.at_risk_title = QLabel()
        self.at_risk_title.setObjectName("sectionTitle")
        for title in (self.birthday_title, self.at_risk_title):
            title.setWordWrap(True)  # beside its button, the count wraps rather than widening the screen at 1024x768
        self.at_risk_button = QPushButton(self.tr("Open in &Members"))
        self.at_risk_button.setToolTip(self.tr("Every member at risk in the Members screen, to print or export"))
        self.at_risk_button.clicked.connect(self.open_at_risk)
        self.birthday_coupon_button = QPushButton(self.tr("Birthday &coupon…"))
        self.birthday_coupon_button.setToolTip(self.tr("Issue a coupon to the members in this list"))
        self.birthday_coupon_button.clicked.connect(self.issue_birthday_coupon)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        birthday_header = QHBoxLayout()
        birthday_header.addWidget(self.birthday_title, 1)
        birthday_header.addWidget(self.birthday_coupon_button)
        left.addLayout(birthday_header)
        left.addWidget(self.birthday_table, 1)
        right = QVBoxLayout()
        risk_header = QHBoxLayout()
        risk_header.addWidget(self.at_risk_title, 1)
        risk_header.addWidget(self.at_risk_button)
        right.addLayout(risk_header)
        right.addWidget(self.at_risk_table, 1)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid)
        body.addLayout(charts, 3)
        body.addLayout(lists, 2)
        body.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

        ctx.operation_finished.connect(self.reloader.data_changed)
        # The Dashboard is the first screen: the window paints before the figures are read and
        # matplotlib loads, each on its thread (they would compete with it for the interpreter).
        self._painted = False

    # ---- building blocks ----------------------------------------------------------------------------
    def _chart_slot(self) -> QFrame:
        slot = QFrame()
        slot.setObjectName("card")
        slot.setMinimumHeight(250)
        layout = QVBoxLayout(slot)
        layout.setContentsMargins(4, 4, 4, 4)
        waiting = hint_label(self.tr("Loading charts ..."))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(waiting)
        return slot

    def _table(self, model: ListTableModel[Any], name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setMinimumHeight(170)
        # column widths from the first rows only: measuring 500 birthdays would freeze the window
        table.horizontalHeader().setResizeContentsPrecision(30)
        table.doubleClicked.connect(lambda index, m=model: self._open_member(m, index))
        table.setToolTip(self.tr("Double-click a member to open them"))
        return table

    def _birthday_columns(self) -> list[ListColumn[BirthdayRow]]:
        c = "Dashboard"
        levels = self.ctx.settings.levels

        def when(b: BirthdayRow) -> str:
            if b.days_until == 0:
                return QCoreApplication.translate("Dashboard", "Today")
            day = QLocale().dayName(b.birthday.isoweekday(), QLocale.FormatType.ShortFormat)
            return f"{b.birthday.strftime('%m-%d')} {day}"

        def level(b: BirthdayRow) -> str:
            return QCoreApplication.translate("levels", levels[min(b.level, len(levels) - 1)].name) if levels else ""

        return [
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Birthday"), c, when),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Name"), c, lambda b: b.name or ""),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Phone"), c, lambda b: b.phone_display),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Turns"), c,
                       lambda b: "" if b.turning is None else str(b.turning), numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Level"), c, level),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Promotions"), c,
                       lambda b: QCoreApplication.translate("Dashboard", "Yes") if b.consent
                       else QCoreApplication.translate("Dashboard", "No")),
        ]

    def _at_risk_columns(self) -> list[ListColumn[AtRiskRow]]:
        c = "Dashboard"
        ctx = self.ctx
        return [
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Name"), c, lambda r: r.name or r.card_no),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Phone"), c, lambda r: r.phone_display),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Warning"), c, lambda r: class_label("churn_level", r.churn_level)),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Last visit"), c, lambda r: date_text(r.last_purchase)),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Spend"), c, lambda r: money(r.spend_cents, ctx.settings.currency),
                       numeric=True),
            ListColumn(QT_TRANSLATE_NOOP("Dashboard", "Why"), c, lambda r: r.reason, tooltip=lambda r: r.reason),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # once the whole window has painted

    def _after_first_paint(self) -> None:
        self.reload()
        when_ready(self._charts_ready, owner=self)

    # ---- main-window hooks --------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.reloader.shown()

    # ---- data ---------------------------------------------------------------------------------------
    def as_of_date(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        """Two reads at once: the cards and lists on the reader thread, the trend on the background
        reader (both mostly SQLite, which runs beside the interpreter).  The charts are drawn once
        both are in, at the size the filled cards leave them (a chart drawn before the cards'
        notes wrap would be drawn again)."""
        self._reload_timer.stop()
        for job in self._load_jobs:
            if not job.done:
                job.cancel()  # not started yet: skipped; running: its result is ignored
        self._generation += 1
        generation, db, as_of = self._generation, self.ctx.db, self.as_of_date()
        self.status.setText(self.tr("Loading ..."))
        self._load_jobs = [
            self.ctx.read(lambda _c: dashboard_data(db, as_of, with_trend=False),
                          on_done=lambda data: self._arrived(generation, data),
                          on_error=lambda exc: self._failed(generation, exc)),
            self.ctx.read(lambda _c: monthly_trend(db, as_of),
                          on_done=lambda months: self._trend_arrived(generation, months),
                          on_error=lambda exc: self._failed(generation, exc), background=True),
        ]

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation and self._failed_generation != generation:
            self._failed_generation = generation
            self.status.setText("")
            self.ctx.show_error(exc, self)

    def _trend_arrived(self, generation: int, months: list[MonthFigures]) -> None:
        if generation != self._generation:
            return
        self.months, self._months_generation = months, generation
        if self.data is not None and self._data_generation == generation:
            self.data = replace(self.data, months=months)
        self._draw_charts()

    def _arrived(self, generation: int, data: DashboardData) -> None:
        if generation != self._generation:
            return
        months = self.months if self._months_generation == generation else None
        self.data = replace(data, months=months) if months is not None else data
        self._data_generation = generation
        self._show_kpis(data)
        self._show_lists(data)
        self._show_last_sale(data)
        self.status.setText("")
        self._draw_charts()
        self.loaded.emit()

    def _show_kpis(self, data: DashboardData) -> None:
        k = data.kpis
        currency = self.ctx.settings.currency
        self.cards["members"].set_value(f"{k.members:,}", self.tr("current members on {date}").format(
            date=k.as_of.isoformat()))
        self.cards["active"].set_value(
            f"{k.recent_buyers:,}", self.tr("{share} of members bought in the last {days} days").format(
                share=percent(k.recent_buyers, k.members), days=k.recent_days))
        note, trend = change_note(k.new_this_month, k.new_last_month, self.tr("{change} on last month by this day"))
        self.cards["new"].set_value(f"{k.new_this_month:,}", note, trend=trend,
                                    tooltip=self.tr("Last month by this day: {n}").format(n=f"{k.new_last_month:,}"))
        if k.at_risk is None:
            self.cards["at_risk"].set_value("—", self.tr("classify the members to see who is at risk"))
        else:
            self.cards["at_risk"].set_value(
                f"{k.at_risk:,}", self.tr("classification as of {date}").format(
                    date=k.snapshot_as_of.isoformat() if k.snapshot_as_of else ""), trend=-1 if k.at_risk else 0)
        note, trend = change_note(k.revenue_cents, k.revenue_prev_cents, self.tr("{change} on last month by this day"))
        self.cards["revenue"].set_value(
            money(k.revenue_cents, currency), note, trend=trend,
            tooltip=self.tr("Last month by this day: {amount}").format(amount=money(k.revenue_prev_cents, currency)))
        note, trend = change_note(k.sales, k.sales_prev, self.tr("{change} on last month by this day"))
        self.cards["sales"].set_value(f"{k.sales:,}", note, trend=trend,
                                      tooltip=self.tr("Receipts, walk-in sales included"))
        self.cards["ticket"].set_value(
            money(k.average_ticket_cents, currency) if k.average_ticket_cents is not None else "—",
            self.tr("per receipt this month"))
        rate = k.repeat_rate
        self.cards["repeat"].set_value(
            "—" if rate is None else f"{rate:.0%}",
            self.tr("{repeat} of {buyers} buyers came back").format(repeat=f"{k.repeat_buyers:,}",
                                                                   buyers=f"{k.buyers:,}"),
            tooltip=self.tr("Members who bought in the last {days} days and came on two or more different "
                            "days").format(days=k.window_days))

    def _show_lists(self, data: DashboardData) -> None:
        self.birthday_model.set_rows(data.birthdays)
        today = sum(1 for b in data.birthdays if b.days_until == 0)
        self.birthday_title.setText(self.tr("Birthdays: {today} today, {week} in the next 7 days").format(
            today=today, week=len(data.birthdays)))
        risk = data.at_risk
        self.at_risk_model.set_rows(risk.rows)
        if risk.snapshot_as_of is None:
            self.at_risk_title.setText(self.tr("At risk: not classified yet"))
        elif risk.total > len(risk.rows):
            self.at_risk_title.setText(self.tr("At risk: {total} members (the {shown} most urgent shown)").format(
                total=f"{risk.total:,}", shown=len(risk.rows)))
        else:
            self.at_risk_title.setText(self.tr("At risk: {total} members").format(total=f"{risk.total:,}"))
        self.at_risk_button.setEnabled(risk.total > 0)
        for table in (self.birthday_table, self.at_risk_table):
            table.resizeColumnsToContents()
            header = table.horizontalHeader()
            for i in range(header.count() - 1):
                header.resizeSection(i, min(header.sectionSize(i), 180))

    def _show_last_sale(self, data: DashboardData) -> None:
        last = data.last_sale.date() if data.last_sale else None
        if last is not None and (self.as_of_date() - last).days > STALE_DAYS:
            self.last_sale_button.setText(self.tr("Show as of the last sale ({date})").format(date=last.isoformat()))
            self.last_sale_button.setProperty("day", last.isoformat())
            self.last_sale_button.show()
        else:
            self.last_sale_button.hide()

    def _to_last_sale(self) -> None:
        day = self.last_sale_button.property("day")
        if day:
            self.as_of.setDate(QDate.fromString(str(day), "yyyy-MM-dd"))

    # ---- charts -------------------------------------------------------------------------------------
    def _charts_ready(self) -> None:
        library = chart_library()
        if library.state != "ready":
            for slot in (self.revenue_slot, self.members_slot):
                label = slot.findChild(QLabel)
                if label is not None:
                    label.setText(self.tr("Charts are not available: {error}").format(error=library.error))
            return
        self.revenue_chart = self._place_chart(self.revenue_slot, "revenueChart")
        self.members_chart = self._place_chart(self.members_slot, "newMembersChart")
        self._draw_charts()

    def _place_chart(self, slot: QFrame, name: str) -> Any:
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts.image import ImageChart

        layout = slot.layout()
        assert layout is not None  # every chart slot is built with its layout
        while layout.count():
            item = layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        chart = ImageChart(minimum_height=230)
        chart.setObjectName(name)
        chart.drawn.connect(lambda n=name: self._chart_drawn(n))
        layout.addWidget(chart)
        return chart

    def _chart_drawn(self, name: str) -> None:
        if name in self._pending_draws:
            self._pending_draws.discard(name)
            if not self._pending_draws:
                self.charts_drawn.emit()

    def charts_ready(self) -> bool:
        """True once both trend charts show the current figures."""
        return self.revenue_chart is not None and self._both_read() and not self._pending_draws

    def _both_read(self) -> bool:
        """The trend and the cards of the same reload are in (the charts wait for the cards' layout)."""
        return self.months is not None and self._months_generation == self._data_generation

    def _draw_charts(self) -> None:
        if self.revenue_chart is None or self.months is None or not self._both_read():
            return
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts import colors, draw

        months: list[MonthFigures] = self.months
        periods = [month_label(m.month, i == 0) for i, m in enumerate(months)]
        marks = [(m.x, m.label, m.days_off) for m in month_chart_marks(months[0].month, len(months))] if months else []
        # The running month is month to date: its bar is hatched and every month carries a mark at its
        # same first days, so the 6th of the month never looks like a collapse against whole months.
        running = bool(months) and months[-1].to_date
        same_days_label = ""
        if running:
            day = months[-1].days_counted
            periods[-1] += "\n" + self.tr("to date")
            same_days_label = self.tr("Days 1–{day} of each month").format(day=day)
        currency = self.ctx.settings.currency
        # Everything the charts show is worked out here, in the GUI thread (translations included);
        # the chart thread only builds and draws the figures from it (charts.image).
        if not any(m.sales or m.new_members for m in months):
            revenue = partial(draw.message, title=self.tr("Revenue and visits by month"),
                              text=self.tr("No sales in these months yet."))
        else:
            revenue = partial(
                draw.trend, title=self.tr("Revenue and visits by month"), periods=periods,
                bar_series=draw.Series(self.tr("Revenue"), [m.revenue_cents / 100 for m in months],
                                       color=colors.ACCENT),
                line_series=draw.Series(self.tr("Visits"), [m.visits for m in months], color=colors.SECOND),
                bar_axis=self.tr("Revenue ({currency})").format(currency=currency),
                line_axis=self.tr("Visits"), marks=marks,
                partial_last=running,
                same_days=draw.Series(same_days_label, [m.same_days_revenue_cents / 100 for m in months],
                                      color=colors.TEXT) if running else None,
            )
        new_members = partial(
            draw.trend, title=self.tr("New members by month"), periods=periods,
            bar_series=draw.Series(self.tr("New members"), [m.new_members for m in months],
                                   color=colors.ACCENT_LIGHT),
            bar_axis=self.tr("Members"), marks=marks,
            partial_last=running,
            same_days=draw.Series(same_days_label, [m.same_days_new_members for m in months],
                                  color=colors.TEXT) if running else None,
        )
        self._pending_draws = {"revenueChart", "newMembersChart"}
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the charts at their size now (just placed, or the cards just filled)
        self.revenue_chart.show_chart(revenue)
        self.members_chart.show_chart(new_members)

    # ---- navigation ---------------------------------------------------------------------------------
    def _open_member(self, model: ListTableModel[Any], index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.navigate_requested.emit("members", int(model.row(index.row()).member_id))

    def issue_birthday_coupon(self) -> None:
        """The birthday coupon for the days this list shows (solar and lunar birthdays alike)."""
        # lazy: the coupon dialog brings the campaign lists (and numpy); the first window shows without them
        from shopcrm.gui.coupons.dialogs import IssueCouponDialog

        start = self.as_of_date()
        dialog = IssueCouponDialog(self.ctx, "birthday", self, days=(start, start + dt.timedelta(days=6)))
        dialog.open()

    def open_at_risk(self) -> None:
        # lazy: the members list's module brings numpy; the first window shows without it
        from shopcrm.services.members.table import MemberFilter

        self.ctx.navigate_requested.emit("members", MemberFilter(lifecycle=("at_risk",)))
