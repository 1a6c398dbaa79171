"""The full points rebuild's fast path (one sequential read of each table, written in chunks) against
its slow twin (the per-member index reads the counter and imports use), on random shops: sales with
and without stored points, refunds, voids, the shop's redemptions, adjustments and returns, stale
or missing derived rows, wrong cached balances and levels, any expiry, any chunk size.  Both must
leave exactly the same ledger, draws, balances and levels; a second fast run writes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsDraw, PointsEntry, Purchase
from shopcrm.services.members.points import rebuild_all_points, rebuild_every_member, rebuild_points
from shopcrm.services.members.records import MemberInput, archive_member, erase_member, register_member
from shopcrm.services.shop.settings import MemberLevel, load_settings, update_settings

NOW = dt.datetime(2026, 6, 1, 12, 0)
MEMBERS = 4

moments = st.builds(
    lambda days, seconds, micro: NOW - dt.timedelta(days=days, seconds=seconds, microseconds=micro),
    st.integers(0, 800), st.integers(0, 86_399), st.sampled_from([0, 0, 0, 250_000]),
)
sales = st.lists(
    st.tuples(
        st.integers(0, MEMBERS - 1), moments, st.sampled_from([0, 1_800, 2_650, 9_900, 30_500, -1_500, -9_900]),
        st.one_of(st.none(), st.integers(-20, 60)),  # points stored on the sale, or None: from the rate
        st.one_of(st.none(), st.integers(0, 40)),  # voided this many days later
    ),
    max_size=14,
)
facts = st.lists(
    st.tuples(st.integers(0, MEMBERS - 1), moments, st.sampled_from(["redeem", "adjust", "return"]),
              st.integers(-80, 80).filter(bool)),
    max_size=6,
)
stale = st.lists(st.tuples(st.integers(0, MEMBERS - 1), moments, st.sampled_from(["earn", "expire", "shortfall"]),
                           st.integers(-30, 30)), max_size=4)
shop_settings = st.tuples(st.sampled_from([0, 1, 6, 12]), st.sampled_from([100, 1_000, 1_500]),
                          st.sampled_from([5_000, 10_000, 50_000]))


@pytest.fixture
def members(db: Database) -> list[int]:
    ids = [register_member(db, MemberInput(phone=f"1390000{i:04d}")).id for i in range(MEMBERS + 2)]
    archive_member(db, ids[MEMBERS])  # archived members are rebuilt too
    erase_member(db, ids[MEMBERS + 1])  # erased ones are not
    return ids[:MEMBERS + 1]


def _reset(db: Database, members: list[int], sale_rows: list[Any], fact_rows: list[Any], stale_rows: list[Any],
           floors: list[int]) -> None:
    lt, dt_, pt, mt = PointsEntry.__table__, PointsDraw.__table__, Purchase.__table__, Member.__table__
    with db.transaction() as s:
        conn = s.connection()
        for table in (dt_, lt, pt):
            conn.execute(delete(table))
        for n, (m, at, total, earned, voided) in enumerate(sale_rows):
            conn.execute(insert(pt).values(
                member_id=members[m], purchased_at=at, total_cents=total, discount_cents=0, channel="store",
                origin="counter", points_earned=earned, external_ref=f"ref-{n:03d}" if n % 3 else None,
                voided_at=None if voided is None else at + dt.timedelta(days=voided)))
        for m, at, kind, points in fact_rows:
            conn.execute(insert(lt).values(member_id=members[m], at=at, kind=kind, points=points))
        for m, at, kind, points in stale_rows:
            conn.execute(insert(lt).values(member_id=members[m], at=at, kind=kind, points=points))
        entries = list(conn.execute(select(lt.c.id)).scalars())
        if len(entries) >= 2:  # a stale draw between two rows
            conn.execute(insert(dt_).values(debit_id=entries[0], lot_id=entries[-1], points=3))
        for i, mid in enumerate(members):
            conn.execute(update(mt).where(mt.c.id == mid).values(points_balance=7 * i, level=i % 3,
                                                                level_floor=floors[i % len(floors)]))


def _content(conn: Connection) -> tuple[Counter[Any], Counter[Any], dict[int, tuple[int, int]]]:
    lt, dt_, mt = PointsEntry.__table__, PointsDraw.__table__, Member.__table__
    rows = {r.id: (r.member_id, r.kind, r.at, r.points, r.purchase_id, r.import_batch_id)
            for r in conn.execute(select(lt))}
    draws = Counter((rows[d.debit_id], rows[d.lot_id], d.points) for d in conn.execute(select(dt_)))
    state = {r.id: (r.points_balance, r.level) for r in conn.execute(select(mt.c.id, mt.c.points_balance, mt.c.level))}
    return Counter(rows.values()), draws, state


def _ids(conn: Connection) -> tuple[list[Any], list[Any]]:
    lt, dt_ = PointsEntry.__table__, PointsDraw.__table__
    return (list(conn.execute(select(lt).order_by(lt.c.id)).all()), list(conn.execute(select(dt_).order_by(dt_.c.id)).all()))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sale_rows=sales, fact_rows=facts, stale_rows=stale, shop=shop_settings,
       floors=st.lists(st.integers(0, 2), min_size=1, max_size=3), slow_chunk=st.integers(1, 5),
       fast_chunk=st.integers(1, 5))
def test_fast_full_rebuild_equals_the_slow_twin(
    db: Database, members: list[int], sale_rows: list[Any], fact_rows: list[Any], stale_rows: list[Any],
    shop: tuple[int, int, int], floors: list[int], slow_chunk: int, fast_chunk: int,
) -> None:
    expiry, unit, silver = shop
    update_settings(db, points_expiry_months=expiry, points_spend_unit_cents=unit, points_per_unit=1,
                    levels=(MemberLevel("Regular", 0), MemberLevel("Silver", silver), MemberLevel("Gold", 60_000)))
    _reset(db, members, sale_rows, fact_rows, stale_rows, floors)
    shop_settings_now = load_settings(db)
    with db.engine.connect() as conn:
        with conn.begin() as slow_run:
            slow_balances = rebuild_points(conn, members, shop_settings_now, NOW, chunk=slow_chunk)
            slow = _content(conn)
            slow_run.rollback()
        with conn.begin() as fast_run:
            assert rebuild_every_member(conn, shop_settings_now, NOW, chunk=fast_chunk) == len(members)
            fast = _content(conn)
            written = _ids(conn)
            rebuild_every_member(conn, shop_settings_now, NOW, chunk=fast_chunk)
            assert _ids(conn) == written  # in line already: nothing rewritten
            fast_run.rollback()
    assert fast == slow
    assert {mid: fast[2][mid][0] for mid in members} == slow_balances


def test_rebuild_all_points_uses_every_member_but_the_erased(db: Database, members: list[int]) -> None:
    _reset(db, members, [(0, NOW - dt.timedelta(days=3), 9_900, None, None), (4, NOW, 5_000, None, None)], [], [], [0])
    assert rebuild_all_points(db, NOW) == len(members)
    with db.read() as s:
        balances = dict(s.execute(select(Member.id, Member.points_balance).where(Member.id.in_(members))).all())
    assert balances[members[0]] == 99 and balances[members[4]] == 50  # ¥1 = 1 point by default; archived too
