"""Dashboard: KPIs, trends, birthdays and at-risk list equal a history built by hand; the screen shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import member, snapshot
from PySide6.QtCore import QDate, Qt

from shopcrm.db.engine import Database
from shopcrm.gui.charts.glyphs import record_missing_glyphs
from shopcrm.gui.charts.loader import chart_library
from shopcrm.gui.context import AppContext
from shopcrm.gui.dashboard.view import DashboardView
from shopcrm.services.members.records import archive_member
from shopcrm.services.members.table import MemberFilter
from shopcrm.services.reports.dashboard import (
    dashboard_data,
    dashboard_kpis,
    monthly_trend,
    upcoming_birthdays,
)
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase, void_purchase

AS_OF = dt.date(2025, 3, 20)


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def sale(db: Database, member_id: int | None, yuan: int, day: str, hour: int = 12) -> int:
    return record_purchase(db, PurchaseInput(member_id=member_id, total_cents=yuan * 100,
                                             purchased_at=at(day, hour))).purchase_id


@pytest.fixture
def history(sqlite_db: Database) -> dict[str, int]:
    """Seven members and ten receipts around 20 March 2025 (see the expected figures in the tests)."""
    db = sqlite_db
    ids = {
        "A": member(db, "13800000001", "Anna", registered_on=dt.date(2024, 1, 10)).id,
        "B": member(db, "13800000002", "Bo", registered_on=dt.date(2025, 3, 5)).id,
        "C": member(db, "13800000003", "Chen", registered_on=dt.date(2025, 2, 15)).id,
        "D": member(db, "13800000004", "Dai", registered_on=dt.date(2025, 3, 18)).id,
        "E": member(db, "13800000005", "Emma", registered_on=dt.date(2023, 5, 5), birthday="1990-03-20").id,
        "F": member(db, "13800000006", "Fang", registered_on=dt.date(2023, 5, 5), birthday="03-25").id,
        "G": member(db, "13800000007", "Gao", registered_on=dt.date(2023, 5, 5), birthday="03-28").id,
        "H": member(db, "13800000008", "Hu", registered_on=dt.date(2023, 5, 5), birthday="2000-02-29").id,
    }
    archive_member(db, ids["D"])
    sale(db, ids["A"], 30, "2025-03-02", 9)
    sale(db, ids["A"], 20, "2025-03-02", 17)  # same day: one visit
    sale(db, ids["A"], 50, "2025-02-10")
    sale(db, ids["B"], 40, "2025-03-10")
    sale(db, ids["C"], 100, "2024-10-01")
    sale(db, None, 10, "2025-03-15")  # walk-in sales
    sale(db, None, 60, "2025-02-18")
    sale(db, None, 5, "2025-02-25")
    void_purchase(db, sale(db, ids["B"], 999, "2025-03-12"))
    return ids


def test_kpis_equal_the_history(sqlite_db: Database, history: dict[str, int]) -> None:
    k = dashboard_kpis(sqlite_db, AS_OF)
    assert k.members == 7  # D is archived
    assert (k.recent_buyers, k.recent_days) == (2, 90)  # A and B; C last came in October
    assert (k.new_this_month, k.new_last_month) == (2, 1)  # B and D (archived still registered); C on 15 Feb
    assert (k.revenue_cents, k.sales) == (10_000, 4)  # 30 + 20 + 40 + 10, the voided 999 left out
    assert (k.revenue_prev_cents, k.sales_prev) == (11_000, 2)  # 1-20 Feb: 50 + 60; 25 Feb is later
    assert k.average_ticket_cents == 2_500
    assert (k.buyers, k.repeat_buyers, k.window_days) == (3, 1, 365)  # only A came on two days
    assert k.repeat_rate == pytest.approx(1 / 3)
    assert k.at_risk is None and k.snapshot_as_of is None


def test_trend_months_and_visits(sqlite_db: Database, history: dict[str, int]) -> None:
    months = {m.month: m for m in monthly_trend(sqlite_db, AS_OF, months=13)}
    assert list(months)[0] == dt.date(2024, 3, 1) and list(months)[-1] == dt.date(2025, 3, 1)
    march, feb, october = months[dt.date(2025, 3, 1)], months[dt.date(2025, 2, 1)], months[dt.date(2024, 10, 1)]
    assert (march.revenue_cents, march.sales, march.visits, march.new_members) == (10_000, 4, 3, 2)
    assert (feb.revenue_cents, feb.sales, feb.visits, feb.new_members) == (11_500, 3, 3, 1)
    assert (october.revenue_cents, october.sales, october.visits) == (10_000, 1, 1)
    assert sum(m.sales for m in months.values()) == 8


def test_the_running_month_is_month_to_date_and_every_month_has_its_same_days(sqlite_db: Database,
                                                                             history: dict[str, int]) -> None:
    months = {m.month: m for m in monthly_trend(sqlite_db, AS_OF, months=13)}
    march, feb, october = months[dt.date(2025, 3, 1)], months[dt.date(2025, 2, 1)], months[dt.date(2024, 10, 1)]
    assert march.to_date and march.days_counted == 20 and not feb.to_date and feb.days_counted == 28
    assert (march.same_days_revenue_cents, march.same_days_visits, march.same_days_new_members) == (10_000, 3, 2)
    # 1-20 February: A on the 10th, a walk-in on the 18th (the 25th is later), C registered on the 15th
    assert (feb.same_days_revenue_cents, feb.same_days_visits, feb.same_days_new_members) == (11_000, 2, 1)
    assert (october.same_days_revenue_cents, october.same_days_visits) == (10_000, 1)  # 1 October
    last_day = {m.month: m for m in monthly_trend(sqlite_db, dt.date(2025, 2, 28), months=2)}
    assert not last_day[dt.date(2025, 2, 1)].to_date  # on the month's last day it is a whole month


def test_birthdays_this_week_and_29_february(sqlite_db: Database, history: dict[str, int]) -> None:
    rows = upcoming_birthdays(sqlite_db, AS_OF)
    assert [(r.name, r.days_until, r.turning) for r in rows] == [("Emma", 0, 35), ("Fang", 5, None)]
    leap = upcoming_birthdays(sqlite_db, dt.date(2025, 2, 27), days=3)
    assert [(r.name, r.birthday) for r in leap] == [("Hu", dt.date(2025, 2, 28))]  # 2025 has no 29 February
    assert [r.name for r in upcoming_birthdays(sqlite_db, dt.date(2028, 2, 28), days=3)] == ["Hu"]


def test_at_risk_from_the_latest_classification(sqlite_db: Database, history: dict[str, int]) -> None:
    ids = history
    snapshot(sqlite_db, {ids["A"]: {"lifecycle": "at_risk", "churn_level": "low", "spend_cents": 5_000,
                                    "reasons": {"churn": "last visit 18 days ago"}},
                         ids["C"]: {"lifecycle": "at_risk", "churn_level": "high", "spend_cents": 100},
                         ids["D"]: {"lifecycle": "at_risk", "churn_level": "high"},  # archived: not listed
                         ids["B"]: {"lifecycle": "new"}}, as_of=AS_OF)
    data = dashboard_data(sqlite_db, AS_OF)
    assert data.kpis.at_risk == 2 and data.kpis.snapshot_as_of == AS_OF
    assert [(r.name, r.churn_level) for r in data.at_risk.rows] == [("Chen", "high"), ("Anna", "low")]
    assert data.at_risk.rows[1].reason == "last visit 18 days ago"


# ---- the screen ------------------------------------------------------------------------------------
@pytest.fixture
def no_missing_glyphs() -> Iterator[None]:
    with record_missing_glyphs() as missing:
        yield
    assert not missing, missing


@pytest.fixture
def dashboard(qtbot: Any, ctx: AppContext, history: dict[str, int], no_missing_glyphs: None) -> DashboardView:
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    view.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))  # loads once the date is left alone
    qtbot.waitUntil(lambda: view.data is not None and view.data.kpis.as_of == AS_OF, timeout=10_000)
    return view


def test_screen_shows_the_figures(qtbot: Any, qtmodeltester: Any, dashboard: DashboardView) -> None:
    cards = dashboard.cards
    assert cards["members"].figure.text() == "7"
    assert cards["active"].figure.text() == "2"
    assert cards["new"].figure.text() == "2"
    assert cards["revenue"].figure.text() == "¥100.00"
    assert "▼ 9%" in cards["revenue"].note.text()  # 100 against 110 last month by this day
    assert cards["sales"].figure.text() == "4"
    assert cards["ticket"].figure.text() == "¥25.00"
    assert cards["repeat"].figure.text() == "33%"
    assert cards["at_risk"].figure.text() == "—"
    model = dashboard.birthday_model
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "Emma" and model.index(0, 0).data() == "Today"
    assert model.index(0, 3).data() == "35"
    qtmodeltester.check(dashboard.birthday_model)
    qtmodeltester.check(dashboard.at_risk_model)
    assert "2 in the next 7 days" in dashboard.birthday_title.text()


def test_trend_charts_are_drawn(qtbot: Any, dashboard: DashboardView) -> None:
    chart_library().start()
    qtbot.waitUntil(dashboard.charts_ready, timeout=60_000)
    ax = dashboard.revenue_chart.figure.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights[-1] == pytest.approx(100.0) and heights[-2] == pytest.approx(115.0)  # yuan, March and February
    new_members = [p.get_height() for p in dashboard.members_chart.figure.axes[0].patches]
    assert new_members[-2:] == [1, 2]
    # 20 March is month to date: its bar hatched, a mark on each month at its days 1-20
    assert ax.patches[-1].get_hatch() == "///" and not ax.patches[-2].get_hatch()
    marks = next(line for line in ax.get_lines() if line.get_marker() == "_")
    assert list(marks.get_ydata()[-2:]) == pytest.approx([110.0, 100.0])  # 1-20 Feb, 1-20 March
    assert marks.get_label() == "Days 1–20 of each month"
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[-1].endswith("to date")
    visits_line, running_point = dashboard.revenue_chart.figure.axes[1].get_lines()
    assert len(visits_line.get_xdata()) == len(ax.patches) - 1  # the line stops at the last whole month
    assert list(running_point.get_xdata()) == [len(ax.patches) - 1] and running_point.get_linestyle() == "None"


def test_lists_open_members(qtbot: Any, ctx: AppContext, history: dict[str, int], dashboard: DashboardView) -> None:
    # A classification written on the writer thread, as every run is: the dashboard hears it finish from there.
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        ctx.run(lambda _c: snapshot(ctx.db, {history["A"]: {"lifecycle": "at_risk", "churn_level": "medium"}},
                                    as_of=AS_OF), label="classify", kind="classification")
    assert dashboard.cards["at_risk"].figure.text() == "1"
    assert dashboard.at_risk_model.rowCount() == 1
    table = dashboard.at_risk_table
    table.scrollTo(dashboard.at_risk_model.index(0, 0))
    cell = table.visualRect(dashboard.at_risk_model.index(0, 0)).center()
    with qtbot.waitSignal(ctx.navigate_requested, timeout=2_000) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # QTest's double click needs
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # the first click before it
    assert opened.args == ["members", history["A"]]
    with qtbot.waitSignal(ctx.navigate_requested, timeout=2_000) as opened:
        qtbot.mouseClick(dashboard.at_risk_button, Qt.MouseButton.LeftButton)
    assert opened.args[0] == "members" and opened.args[1] == MemberFilter(lifecycle=("at_risk",))


@pytest.mark.parametrize("typed", ["20250315", "2025-3-15", "2025/3/15", "2025-03-15"])
def test_the_as_of_date_takes_a_typed_date(qtbot: Any, dashboard: DashboardView, typed: str) -> None:
    field = dashboard.as_of
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.data.kpis.as_of == dt.date(2025, 3, 15),
                    timeout=10_000)
    assert field.date() == QDate(2025, 3, 15)


def test_same_days_figures_on_every_database(db: Database) -> None:
    """The month-to-date split on SQLite and on PostgreSQL (day keys are built differently there)."""
    a = member(db, "13800000011", "Ada", registered_on=dt.date(2025, 2, 3)).id
    member(db, "13800000012", "Ben", registered_on=dt.date(2025, 2, 25))
    sale(db, a, 40, "2025-02-05")
    sale(db, a, 70, "2025-02-26")
    sale(db, None, 9, "2025-03-04")
    months = {m.month: m for m in monthly_trend(db, dt.date(2025, 3, 10), months=2)}
    feb, march = months[dt.date(2025, 2, 1)], months[dt.date(2025, 3, 1)]
    assert (feb.revenue_cents, feb.new_members) == (11_000, 2)
    assert (feb.same_days_revenue_cents, feb.same_days_visits, feb.same_days_new_members) == (4_000, 1, 1)
    assert march.to_date and (march.days_counted, march.same_days_revenue_cents) == (10, 900)
