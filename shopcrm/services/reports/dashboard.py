"""The figures the Dashboard shows: KPIs, monthly trends, birthdays and at-risk members.

Everything is computed by the database (aggregates over indexed date ranges), as of a day the owner
can choose: an imported history is looked at as of its last day, a working shop as of today.
Definitions, so the numbers can be checked by hand:
- members: current (not archived) members registered on or before the day;
- recent buyers: current members with a purchase in the last `recent_days` days (default: the churn
  threshold, 90 days), the day included.  Not "active members": that word is the lifecycle stage
  (SPEC §10), counted on the Tiers & segments and Members screens;
- new this month: members registered from the 1st of the month to the day (archived included);
- revenue, sales, average ticket: live purchases (walk-in sales included) from the 1st of the month
  to the day, compared with the same days of the month before;
- repeat rate: of the members who bought in the window (default 365 days), the share who came on
  two or more different days;
- at risk: members whose lifecycle in the latest classification is "at risk", counted by the very
  query of the Members list it opens (shopcrm.services.members.table.count_in).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, Purchase, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.members.birthdays import birthday_of, birthday_on_days_condition, occurrences_between
from shopcrm.services.sales.stored_value import Liability, liability_in
from shopcrm.services.shop.settings import load_settings

if TYPE_CHECKING:
    from shopcrm.services.members.table import MemberFilter

MAX_TREND_MONTHS = 60
CHURN_RANK = {"high": 0, "medium": 1, "low": 2, "none": 3}


@dataclass(frozen=True)
class Kpis:
    as_of: dt.date
    members: int
    recent_buyers: int
    recent_days: int
    new_this_month: int
    new_last_month: int  # the same days of the month before
    revenue_cents: int  # month to date
    revenue_prev_cents: int  # the same days of the month before
    sales: int  # purchases month to date
    sales_prev: int
    average_ticket_cents: int | None
    buyers: int  # members who bought in the window
    repeat_buyers: int  # ... on two or more different days
    window_days: int
    at_risk: int | None  # None before the first classification
    snapshot_as_of: dt.date | None

    @property
    def repeat_rate(self) -> float | None:
        return self.repeat_buyers / self.buyers if self.buyers else None


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date  # its first day
    revenue_cents: int
    sales: int  # purchases (receipts)
    visits: int  # member visit-days plus walk-in sales
    new_members: int
    # The same figures over the first `days_counted` days of the month only: the month the as-of day
    # falls in is still running, so each month is also compared over those same days.
    days_counted: int = 0  # days of this month in the figures (the as-of month: up to the as-of day)
    same_days_revenue_cents: int = 0
    same_days_visits: int = 0
    same_days_new_members: int = 0

    @property
    def to_date(self) -> bool:
        """True for the month still running on the as-of day (its figures are month to date)."""
        return self.days_counted < _month_length(self.month)


@dataclass(frozen=True)
class BirthdayRow:
    member_id: int
    card_no: str
    name: str | None
    phone_display: str
    birthday: dt.date  # the coming occurrence (29 Feb on 28 Feb in other years)
    turning: int | None  # age on that day, when the birth year is known
    days_until: int
    level: int
    consent: bool


@dataclass(frozen=True)
class AtRiskRow:
    member_id: int
    card_no: str
    name: str | None
    phone_display: str
    churn_level: str
    reason: str
    last_purchase: dt.date | None
    spend_cents: int
    predicted_value_1y_cents: int | None


@dataclass(frozen=True)
class AtRiskList:
    snapshot_id: int | None
    snapshot_as_of: dt.date | None
    total: int
    rows: list[AtRiskRow]


@dataclass(frozen=True)
class DashboardData:
    kpis: Kpis
    months: list[MonthFigures]
    birthdays: list[BirthdayRow]
    at_risk: AtRiskList
    last_sale: dt.datetime | None
    # What the shop owes its members in stored value (储值) today (SPEC §8).
    stored_value_liability: Liability | None = None


# ---- dates ----------------------------------------------------------------------------------------
def _month_length(first: dt.date) -> int:
    return (add_months(first, 1) - first).days


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _end(day: dt.date) -> dt.datetime:
    """The first moment after `day` (ranges are half-open)."""
    return _start(day + dt.timedelta(days=1))


def _check_day(as_of: dt.date) -> None:
    if not dt.date(1990, 1, 1) <= as_of <= dt.date(2200, 1, 1):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{date} is not a sensible date."), "as_of",
                              date=as_of.isoformat())


# ---- SQL helpers that differ between SQLite and PostgreSQL -----------------------------------------
# A shop with a million receipts a year must get its dashboard within a second: the figures come
# from two passes over live purchases (by day, and by member for the repeat rate); months and
# this/last month are added up from the days.  On SQLite the pass by day walks the index
# ix_purchases_day_member (day, member) in order; PostgreSQL groups by hash.


def _is_sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def _day_key(s: Session, expr: Any) -> Any:
    """'YYYY-MM-DD' of a datetime (SQLite stores it as text starting so: substr is the cheapest).
    On SQLite the constants are written into the SQL, not bound: only then does the planner see
    the expression of the index ix_purchases_day_member."""
    if _is_sqlite(s):
        return func.substr(expr, literal_column("1"), literal_column("10"))
    return func.to_char(expr, "YYYY-MM-DD")


def _month_key(s: Session, expr: Any) -> Any:
    """'YYYY-MM' of a date or datetime."""
    return func.substr(expr, 1, 7) if _is_sqlite(s) else func.to_char(expr, "YYYY-MM")


def _live_on_days(s: Session, first: dt.date, last: dt.date) -> Any:
    """Live purchases from the first to the last day.  On SQLite the days are compared as text: a
    range of the index by day (ix_purchases_day_member), never a look-up of every purchase of a
    long range through the time index."""
    if _is_sqlite(s):
        return and_(Purchase.voided_at.is_(None),
                    _day_key(s, Purchase.purchased_at).between(first.isoformat(), last.isoformat()))
    return and_(Purchase.voided_at.is_(None), Purchase.purchased_at >= _start(first),
                Purchase.purchased_at < _end(last))


def _live_by_member(s: Session, first: dt.date, last: dt.date) -> Any:
    """Live purchases from the first to the last day, for a pass member by member.  On SQLite the
    time is written `+purchases.purchased_at`, which keeps its planner off the time index (a
    look-up of every purchase of a long range) and on the covering index (member, time, total),
    read in member order without a sort."""
    when = literal_column(f"+{Purchase.__tablename__}.purchased_at", DateTime) if _is_sqlite(s) \
        else Purchase.purchased_at
    return and_(Purchase.voided_at.is_(None), when >= _start(first), when < _end(last))


@dataclass
class _Day:
    revenue: int = 0
    sales: int = 0
    walk_ins: int = 0
    member_visits: int = 0  # members who bought that day (several receipts of one member: one visit)


def _daily(s: Session, first: dt.date, last: dt.date) -> dict[str, _Day]:
    """Per day ('YYYY-MM-DD'), first to last day included (SQLite: one pass in day order)."""
    return _daily_one_pass(s, first, last) if _is_sqlite(s) else _daily_by_member_day(s, first, last)


def _daily_one_pass(s: Session, first: dt.date, last: dt.date) -> dict[str, _Day]:
    """Every figure of a day from one group: a member's visit that day is one distinct member
    (several receipts of one member: one visit), a walk-in sale is a receipt without a member."""
    day = _day_key(s, Purchase.purchased_at)
    out: dict[str, _Day] = {}
    for key, sales, revenue, member_sales, members in s.execute(
        select(day, func.count(), func.sum(Purchase.total_cents), func.count(Purchase.member_id),
               func.count(func.distinct(Purchase.member_id)))
        .where(_live_on_days(s, first, last)).group_by(day)
    ):
        out[str(key)] = _Day(int(revenue or 0), int(sales), int(sales) - int(member_sales), int(members))
    return out


def _daily_by_member_day(s: Session, first: dt.date, last: dt.date) -> dict[str, _Day]:
    """The same figures from two grouped passes, one for members' purchases (grouped by member and
    day first, which gives the visits) and one for walk-in sales: hash aggregates on PostgreSQL."""
    out: dict[str, _Day] = {}
    day = _day_key(s, Purchase.purchased_at).label("day")
    member_days = (
        select(Purchase.member_id, day, func.count().label("n"), func.sum(Purchase.total_cents).label("cents"))
        .where(Purchase.member_id.is_not(None), _live_on_days(s, first, last))
        .group_by(Purchase.member_id, day)
        .subquery()
    )
    for key, visits, sales, revenue in s.execute(
        select(member_days.c.day, func.count(), func.sum(member_days.c.n), func.sum(member_days.c.cents))
        .group_by(member_days.c.day)
    ):
        out[str(key)] = _Day(int(revenue or 0), int(sales or 0), 0, int(visits))
    for key, sales, revenue in s.execute(
        select(day, func.count(), func.sum(Purchase.total_cents))
        .where(Purchase.member_id.is_(None), _live_on_days(s, first, last)).group_by(day)
    ):
        d = out.setdefault(str(key), _Day())
        d.revenue += int(revenue or 0)
        d.sales += int(sales)
        d.walk_ins += int(sales)
    return out


def _between(daily: dict[str, _Day], first: dt.date, last: dt.date) -> _Day:
    lo, hi = first.isoformat(), last.isoformat()
    total = _Day()
    for key, day in daily.items():
        if lo <= key <= hi:
            total.revenue += day.revenue
            total.sales += day.sales
            total.walk_ins += day.walk_ins
            total.member_visits += day.member_visits
    return total


def _registered(s: Session, start: dt.date, last: dt.date) -> int:
    return int(s.scalar(
        select(func.count(Member.id)).where(Member.status != "erased", Member.registered_on >= start,
                                            Member.registered_on <= last)
    ) or 0)


def _latest_snapshot(s: Session) -> ClassificationSnapshot | None:
    return latest_snapshot_in(s)


def at_risk_filter() -> MemberFilter:
    """The list "Open in Members" shows."""
    # lazy, for start-up speed: the members list's module loads numpy; the Dashboard's screen imports
    # this module before the first window shows, its figures are read after, on the reader thread
    from shopcrm.services.members.table import MemberFilter

    return MemberFilter(lifecycle=("at_risk",))


def _count_at_risk(s: Session, snapshot_id: int) -> int:
    """Counted by the very query of the Members list the Dashboard opens."""
    # lazy, for start-up speed (see at_risk_filter)
    from shopcrm.services.members.table import count_in

    return count_in(s, at_risk_filter(), snapshot_id)


# ---- KPIs -----------------------------------------------------------------------------------------
def _buyers(s: Session, as_of: dt.date, window_days: int, recent_days: int) -> tuple[int, int, int]:
    """(buyers in the window, of whom on 2+ days, current members who bought in the last recent_days).
    A member came on two or more different days when the day of their first purchase in the range
    differs from the day of their last: a min and a max per member, read in the covering index's
    order, instead of counting distinct days."""
    per_member = (
        select(Purchase.member_id.label("member_id"), func.min(Purchase.purchased_at).label("first"),
               func.max(Purchase.purchased_at).label("last"))
        .where(Purchase.member_id.is_not(None),
               _live_by_member(s, as_of - dt.timedelta(days=max(window_days, recent_days) - 1), as_of))
        .group_by(Purchase.member_id)
    ).subquery()
    several_days = _day_key(s, per_member.c.first) < _day_key(s, per_member.c.last)
    window_start = _start(as_of - dt.timedelta(days=window_days - 1))
    recent_start = _start(as_of - dt.timedelta(days=recent_days - 1))
    in_window = per_member.c.last >= window_start
    buyers, repeaters, recent = s.execute(
        select(func.coalesce(func.sum(case((in_window, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(in_window, several_days), 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(per_member.c.last >= recent_start, Member.status == "active"), 1),
                                           else_=0)), 0))
        .select_from(per_member).join(Member, Member.id == per_member.c.member_id)
    ).one()
    return int(buyers), int(repeaters), int(recent)


def _kpis(s: Session, as_of: dt.date, recent_days: int, window_days: int,
          daily: dict[str, _Day] | None = None) -> Kpis:
    this_month = month_start(as_of)
    prev_month = add_months(this_month, -1)
    prev_same_day = add_months(as_of, -1)
    if daily is None:
        daily = _daily(s, prev_month, as_of)
    now, before = _between(daily, this_month, as_of), _between(daily, prev_month, prev_same_day)
    members = int(s.scalar(
        select(func.count(Member.id)).where(Member.status == "active", Member.registered_on <= as_of)
    ) or 0)
    buyers, repeaters, recent = _buyers(s, as_of, window_days, recent_days)
    snap = _latest_snapshot(s)
    at_risk = None if snap is None else _count_at_risk(s, snap.id)
    return Kpis(
        as_of=as_of, members=members, recent_buyers=recent, recent_days=recent_days,
        new_this_month=_registered(s, this_month, as_of), new_last_month=_registered(s, prev_month, prev_same_day),
        revenue_cents=now.revenue, revenue_prev_cents=before.revenue, sales=now.sales, sales_prev=before.sales,
        average_ticket_cents=round(now.revenue / now.sales) if now.sales else None,
        buyers=buyers, repeat_buyers=repeaters, window_days=window_days,
        at_risk=at_risk, snapshot_as_of=snap.as_of if snap else None,
    )


def dashboard_kpis(db: Database, as_of: dt.date | None = None, *, recent_days: int | None = None,
                   window_days: int | None = None) -> Kpis:
    """The KPI cards as of a day (default today); thresholds default to the shop's rules."""
    as_of = as_of or dt.date.today()
    _check_day(as_of)
    rules = load_settings(db).rules
    with db.read() as s:
        return _kpis(s, as_of, recent_days or rules.churn_days, window_days or rules.window_days)


# ---- trends ---------------------------------------------------------------------------------------
def _first_month(as_of: dt.date, months: int) -> dt.date:
    return add_months(month_start(as_of), -(months - 1))


def _months(s: Session, as_of: dt.date, months: int, daily: dict[str, _Day] | None = None) -> list[MonthFigures]:
    first = _first_month(as_of, months)
    if daily is None:
        daily = _daily(s, first, as_of)
    keys = [add_months(first, i) for i in range(months)]
    per_month = {k.strftime("%Y-%m"): _Day() for k in keys}
    for key, day in daily.items():
        month = per_month.get(key[:7])
        if month is not None and first.isoformat() <= key <= as_of.isoformat():
            month.revenue += day.revenue
            month.sales += day.sales
            month.walk_ins += day.walk_ins
            month.member_visits += day.member_visits
    same_days = {k.strftime("%Y-%m"): _Day() for k in keys}  # days 1..as_of.day of each month
    for key, day in daily.items():
        month = same_days.get(key[:7])
        if month is not None and first.isoformat() <= key <= as_of.isoformat() and int(key[8:10]) <= as_of.day:
            month.revenue += day.revenue
            month.member_visits += day.member_visits
            month.walk_ins += day.walk_ins
    reg_day = _day_key(s, Member.registered_on)
    new_by_day = {str(k)[:10]: int(n) for k, n in s.execute(
        select(reg_day, func.count(Member.id))
        .where(Member.status != "erased", Member.registered_on >= first, Member.registered_on <= as_of)
        .group_by(reg_day)
    )}
    new: dict[str, int] = {}
    new_same_days: dict[str, int] = {}
    for day_key, n in new_by_day.items():
        new[day_key[:7]] = new.get(day_key[:7], 0) + n
        if int(day_key[8:10]) <= as_of.day:
            new_same_days[day_key[:7]] = new_same_days.get(day_key[:7], 0) + n
    out = []
    for k in keys:
        key = k.strftime("%Y-%m")
        m, same = per_month[key], same_days[key]
        length = _month_length(k)
        counted = min(length, as_of.day) if (k.year, k.month) == (as_of.year, as_of.month) else length
        out.append(MonthFigures(k, m.revenue, m.sales, m.member_visits + m.walk_ins, new.get(key, 0),
                                days_counted=counted, same_days_revenue_cents=same.revenue,
                                same_days_visits=same.member_visits + same.walk_ins,
                                same_days_new_members=new_same_days.get(key, 0)))
    return out


def monthly_trend(db: Database, as_of: dt.date | None = None, months: int = 13) -> list[MonthFigures]:
    """Revenue, sales, visits and new members per calendar month, oldest first, ending with the
    (partial) month of `as_of`."""
    as_of = as_of or dt.date.today()
    _check_day(as_of)
    if not 1 <= months <= MAX_TREND_MONTHS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose between 1 and {max} months."), "months",
                              max=MAX_TREND_MONTHS)
    with db.read() as s:
        return _months(s, as_of, months)


# ---- lists ----------------------------------------------------------------------------------------
def _birthdays(s: Session, today: dt.date, days: int, limit: int) -> list[BirthdayRow]:
    """Solar and lunar (农历) birthdays whose solar date this year falls in the coming days."""
    # lazy, for start-up speed: phonenumbers' tables load on the reader thread, after the first window
    from shopcrm.io.phones import display_phone

    dates = [today + dt.timedelta(days=i) for i in range(days)]
    rows = s.execute(
        select(Member.id, Member.card_no, Member.name, Member.phone, Member.birth_year, Member.birth_month,
               Member.birth_day, Member.birth_calendar, Member.birth_leap_month, Member.level, Member.consent)
        .where(Member.status == "active", birthday_on_days_condition(dates))
    ).all()
    out: list[BirthdayRow] = []
    for r in rows:
        b = birthday_of(r.birth_month, r.birth_day, r.birth_calendar, r.birth_leap_month)
        found = occurrences_between(b, dates[0], dates[-1]) if b else []
        if not found:
            continue
        when = found[0]
        out.append(BirthdayRow(
            member_id=r.id, card_no=r.card_no, name=r.name, phone_display=display_phone(r.phone), birthday=when,
            turning=(when.year - r.birth_year) if r.birth_year and not (b and b.lunar) else None,
            days_until=(when - today).days, level=int(r.level or 0), consent=bool(r.consent),
        ))
    out.sort(key=lambda b: (b.days_until, b.name or "", b.card_no))
    return out[:limit]


def upcoming_birthdays(db: Database, today: dt.date | None = None, days: int = 7,
                       limit: int = 500) -> list[BirthdayRow]:
    """Active members whose birthday falls within `days` days from `today` (today included)."""
    today = today or dt.date.today()
    _check_day(today)
    if not 1 <= days <= 366:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose between 1 and {max} days."), "days", max=366)
    with db.read() as s:
        return _birthdays(s, today, days, limit)


def _at_risk(s: Session, limit: int) -> AtRiskList:
    snap = _latest_snapshot(s)
    if snap is None:
        return AtRiskList(None, None, 0, [])
    where = (SnapshotMember.snapshot_id == snap.id, SnapshotMember.lifecycle == "at_risk", Member.status == "active")
    total = _count_at_risk(s, snap.id)
    rank = case(CHURN_RANK, value=SnapshotMember.churn_level, else_=len(CHURN_RANK))
    # Imported here, not at module level, to make start-up fast: it loads numpy (0.1-0.2 s), and
    # this runs on the reader thread after the window shows.
    from shopcrm.io.phones import display_phone
    from shopcrm.services.classification.reasons import reason_reader

    reasons = reason_reader(s, snap.id)  # stored language-neutral, read in the current language
    rows = s.execute(
        select(Member.id, Member.card_no, Member.name, Member.phone, SnapshotMember.churn_level,
               SnapshotMember.reasons, SnapshotMember.reason_data, SnapshotMember.last_purchase,
               SnapshotMember.spend_cents, SnapshotMember.predicted_value_1y_cents)
        .select_from(SnapshotMember).join(Member, Member.id == SnapshotMember.member_id)
        .where(*where)
        .order_by(rank, SnapshotMember.spend_cents.desc(), Member.id)
        .limit(limit)
    ).all()
    return AtRiskList(snap.id, snap.as_of, total, [
        AtRiskRow(
            member_id=r.id, card_no=r.card_no, name=r.name, phone_display=display_phone(r.phone),
            churn_level=r.churn_level, reason=reasons.one(r.reason_data, r.reasons, "churn"),
            last_purchase=r.last_purchase, spend_cents=int(r.spend_cents or 0),
            predicted_value_1y_cents=r.predicted_value_1y_cents,
        )
        for r in rows
    ])


def at_risk_members(db: Database, limit: int = 200) -> AtRiskList:
    """Members the latest classification puts at risk, the most urgent and valuable first."""
    with db.read() as s:
        return _at_risk(s, limit)


def last_sale(db: Database) -> dt.datetime | None:
    with db.read() as s:
        return s.scalar(select(func.max(Purchase.purchased_at)).where(Purchase.voided_at.is_(None)))


def dashboard_data(db: Database, as_of: dt.date | None = None, *, months: int = 13, birthday_days: int = 7,
                   at_risk_limit: int = 200, with_trend: bool = True) -> DashboardData:
    """Everything the Dashboard shows, in one read (the screen loads it off the GUI thread).
    `with_trend=False` leaves the months out (an empty list) and reads the sales of this month and
    the month before only: the screen reads the trend first (monthly_trend), for its charts."""
    as_of = as_of or dt.date.today()
    _check_day(as_of)
    rules = load_settings(db).rules
    with db.read() as s:
        first = add_months(month_start(as_of), -1)
        if with_trend:
            first = min(_first_month(as_of, months), first)
        daily = _daily(s, first, as_of)  # one pass serves the trend and this/last month's figures
        return DashboardData(
            kpis=_kpis(s, as_of, rules.churn_days, rules.window_days, daily),
            months=_months(s, as_of, months, daily) if with_trend else [],
            birthdays=_birthdays(s, as_of, birthday_days, 500),
            at_risk=_at_risk(s, at_risk_limit),
            last_sale=s.scalar(select(func.max(Purchase.purchased_at)).where(Purchase.voided_at.is_(None))),
            stored_value_liability=liability_in(s),
        )
