"""The Dashboard's fast passes over purchases agree with their slow twins and with figures counted
by hand from the same receipts: sales by day in one pass (SQLite, in the order of the index by day)
against the pass by member and day, and 'came on two or more days' from a first and a last
purchase against counting distinct days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, text

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, Purchase
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.reports import dashboard

FIRST_DAY = dt.date(2025, 1, 30)
DAYS = 40
MEMBERS = 4

# A receipt: member (index, or None for a walk-in sale), day offset, hour, yuan, voided.
receipt = st.tuples(st.one_of(st.none(), st.integers(0, MEMBERS - 1)), st.integers(0, DAYS - 1),
                    st.integers(0, 23), st.integers(0, 500), st.booleans())


@pytest.fixture
def shop(db: Database) -> Iterator[tuple[Database, list[int]]]:
    ids = [register_member(db, MemberInput(phone=f"1380000{i:04d}", name=f"M{i}")).id for i in range(MEMBERS)]
    yield db, ids


def _fill(db: Database, ids: list[int], receipts: list[tuple[Any, ...]]) -> None:
    with db.transaction() as s:
        s.execute(delete(Purchase))
        rows = [{
            "member_id": None if who is None else ids[who],
            "purchased_at": dt.datetime.combine(FIRST_DAY + dt.timedelta(days=day), dt.time(hour, 30)),
            "total_cents": yuan * 100, "discount_cents": 0, "channel": "store", "origin": "counter",
            "voided_at": dt.datetime(2025, 3, 30, 12) if voided else None,
        } for who, day, hour, yuan, voided in receipts]
        if rows:
            s.execute(insert(Purchase), rows)


def _by_hand(ids: list[int], receipts: list[tuple[Any, ...]], first: dt.date, last: dt.date) -> dict[str, tuple[int, ...]]:
    """(revenue, receipts, walk-in receipts, member visits) per day with a sale, counted in Python."""
    days: dict[str, list[Any]] = {}
    for who, day, _hour, yuan, voided in receipts:
        when = FIRST_DAY + dt.timedelta(days=day)
        if voided or not first <= when <= last:
            continue
        d = days.setdefault(when.isoformat(), [0, 0, 0, set()])
        d[0] += yuan * 100
        d[1] += 1
        if who is None:
            d[2] += 1
        else:
            d[3].add(ids[who])
    return {k: (v[0], v[1], v[2], len(v[3])) for k, v in days.items()}


def _figures(daily: dict[str, Any]) -> dict[str, tuple[int, ...]]:
    return {k: (d.revenue, d.sales, d.walk_ins, d.member_visits) for k, d in daily.items()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(receipts=st.lists(receipt, max_size=40), span=st.tuples(st.integers(0, DAYS), st.integers(0, DAYS)))
def test_sales_by_day_in_one_pass_equal_the_pass_by_member_and_day(shop: tuple[Database, list[int]],
                                                                  receipts: list[tuple[Any, ...]],
                                                                  span: tuple[int, int]) -> None:
    db, ids = shop
    _fill(db, ids, receipts)
    first, last = (FIRST_DAY + dt.timedelta(days=d - 1) for d in sorted(span))  # a day before, a day after
    with db.read() as s:
        one_pass = _figures(dashboard._daily_one_pass(s, first, last))
        by_member_day = _figures(dashboard._daily_by_member_day(s, first, last))
        chosen = _figures(dashboard._daily(s, first, last))
    assert one_pass == by_member_day == chosen == _by_hand(ids, receipts, first, last)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(receipts=st.lists(receipt, max_size=40), as_of=st.integers(0, DAYS + 3),
       window=st.integers(1, 30), recent=st.integers(1, 30), archived=st.integers(-1, MEMBERS - 1))
def test_buyers_and_repeaters_equal_distinct_days_counted(shop: tuple[Database, list[int]],
                                                          receipts: list[tuple[Any, ...]], as_of: int,
                                                          window: int, recent: int, archived: int) -> None:
    db, ids = shop
    _fill(db, ids, receipts)
    with db.transaction() as s:
        s.execute(text("UPDATE members SET status = 'active'"))
        if archived >= 0:
            s.execute(Member.__table__.update().where(Member.id == ids[archived]).values(status="archived"))
    day = FIRST_DAY + dt.timedelta(days=as_of)
    with db.read() as s:
        fast = dashboard._buyers(s, day, window, recent)
    # the definition, counted by hand: distinct days per member over the longer of the two ranges
    span_start = day - dt.timedelta(days=max(window, recent) - 1)
    days: dict[int, set[dt.date]] = {}
    for who, offset, _hour, _yuan, voided in receipts:
        when = FIRST_DAY + dt.timedelta(days=offset)
        if who is not None and not voided and span_start <= when <= day:
            days.setdefault(who, set()).add(when)
    in_window = {w for w, d in days.items() if max(d) >= day - dt.timedelta(days=window - 1)}
    expected = (len(in_window), sum(1 for w in in_window if len(days[w]) >= 2),
                sum(1 for w, d in days.items() if max(d) >= day - dt.timedelta(days=recent - 1) and w != archived))
    assert fast == expected


def test_sqlite_reads_sales_by_day_through_the_index_by_day(sqlite_db: Database) -> None:
    """The day expression is written as the index's (constants, not parameters): the planner walks
    the index, no sort of every purchase; the per-member pass keeps to the covering index."""
    captured: list[tuple[str, Any]] = []

    from sqlalchemy import event

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        captured.append((statement, parameters))

    event.listen(sqlite_db.engine, "before_cursor_execute", remember)
    try:
        with sqlite_db.read() as s:
            dashboard._daily(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
            dashboard._buyers(s, dt.date(2025, 12, 31), 365, 90)
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", remember)
    with sqlite_db.engine.connect() as conn:
        plans = [" / ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all())
                 for sql, params in captured if sql.lstrip().upper().startswith("SELECT")]
    assert "USING INDEX ix_purchases_day_member" in plans[0] and "GROUP BY" not in plans[0]
    assert "USING INDEX ix_purchases_member_time_total" in plans[1] and "ix_purchases_purchased_at" not in plans[1]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(receipts=st.lists(receipt, max_size=30), as_of=st.integers(0, DAYS + 40))
def test_the_screens_two_reads_equal_the_one_read(shop: tuple[Database, list[int]], receipts: list[tuple[Any, ...]],
                                                  as_of: int) -> None:
    """The Dashboard reads the trend first (for its charts), then the rest without it: together they
    are what the one read gives."""
    from dataclasses import replace

    db, ids = shop
    _fill(db, ids, receipts)
    day = FIRST_DAY + dt.timedelta(days=as_of)
    whole = dashboard.dashboard_data(db, day)
    rest = dashboard.dashboard_data(db, day, with_trend=False)
    assert rest.months == []
    assert replace(rest, months=dashboard.monthly_trend(db, day)) == whole
