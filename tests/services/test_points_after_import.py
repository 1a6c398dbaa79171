"""Points after an import: the set-based path over the touched members (`rebuild_after_import`) against
its slow twin (every touched member replayed by `rebuild_points`), on random shops.

Sales of the batch being imported, of an earlier batch and of the counter, with and without stored
points, refunds and voids; the shop's redemptions, adjustments and returns; stale, duplicated or
missing earn rows, stray draws, wrong cached balances and levels; with and without expiry; members
the batch does not touch.  Both must leave exactly the same ledger, draws, balances and levels, and a
second run must write nothing."""

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
from shopcrm.db.models import ImportBatch, Member, PointsDraw, PointsEntry, Purchase
from shopcrm.services.members import points
from shopcrm.services.members.points import rebuild_after_import, rebuild_points
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.shop.settings import MemberLevel, load_settings, update_settings

NOW = dt.datetime(2026, 6, 1, 12, 0)
MEMBERS = 5

moments = st.builds(
    lambda days, seconds: NOW - dt.timedelta(days=days, seconds=seconds), st.integers(0, 500), st.integers(0, 86_399)
)
sales = st.lists(
    st.tuples(
        st.integers(0, MEMBERS - 1), moments,
        st.sampled_from([0, 50, 1_800, 2_650, 9_900, 30_500, -1_500]),
        st.one_of(st.none(), st.integers(-5, 60)),  # points stored on the sale, or None: from the rate
        st.sampled_from([None, None, None, None, 3]),  # voided this many days later
        st.sampled_from(["new", "new", "new", "old", "counter"]),  # the batch imported now, an earlier one, none
    ),
    max_size=16,
)
facts = st.lists(
    st.tuples(st.integers(0, MEMBERS - 1), moments, st.sampled_from(["redeem", "adjust", "return"]),
              st.integers(-40, 40).filter(bool)),
    max_size=3,
)
# Earn rows already stored: copies of a sale's own row (index into the sales), possibly with other points.
earn_copies = st.lists(st.tuples(st.integers(0, 15), st.sampled_from([0, 0, 1, -1]), st.integers(1, 2)), max_size=6)
stale = st.lists(st.tuples(st.integers(0, MEMBERS - 1), moments, st.sampled_from(["earn", "expire", "shortfall"]),
                           st.integers(1, 30)), max_size=2)


@pytest.fixture
def members(db: Database) -> list[int]:
    return [register_member(db, MemberInput(phone=f"1390000{i:04d}")).id for i in range(MEMBERS)]


def _batch(conn: Connection, name: str) -> int:
    return int(conn.execute(insert(ImportBatch.__table__).values(
        kind="sales", file_name=name, content_hash=name, started_at=NOW, status="done"
    ).returning(ImportBatch.__table__.c.id)).scalar_one())


def _reset(db: Database, members: list[int], sale_rows: list[Any], fact_rows: list[Any], copies: list[Any],
           stale_rows: list[Any], draw: bool, extra: list[int], rate: tuple[int, int] = (100, 1)) -> tuple[int, list[int]]:
    """Fill the shop; returns the batch being imported and the earlier purchases it added lines to."""
    lt, dt_, pt, mt = PointsEntry.__table__, PointsDraw.__table__, Purchase.__table__, Member.__table__
    with db.transaction() as s:
        conn = s.connection()
        for table in (dt_, lt, pt):
            conn.execute(delete(table))
        conn.execute(delete(ImportBatch.__table__))
        old, new = _batch(conn, "old"), _batch(conn, "new")
        pids = []
        for n, (m, at, total, earned, voided, origin) in enumerate(sale_rows):
            batch = {"new": new, "old": old, "counter": None}[origin]
            pids.append(conn.execute(insert(pt).values(
                member_id=members[m], purchased_at=at, total_cents=total, discount_cents=0, channel="store",
                origin="import" if batch else "counter", import_batch_id=batch, points_earned=earned,
                external_ref=f"ref-{n:03d}" if n % 3 else None,
                voided_at=None if voided is None else at + dt.timedelta(days=voided)).returning(pt.c.id)).scalar_one())
        for index, change, times in copies:
            for _ in range(times if index < len(sale_rows) else 0):
                m, at, total, earned, _, origin = sale_rows[index]
                # the sale's own points: the rate's for the batch being imported (its points are fixed anew)
                points = earned if earned is not None and origin != "new" else total // rate[0] * rate[1]
                conn.execute(insert(lt).values(member_id=members[m], at=at, kind="earn", points=points + change,
                                               purchase_id=pids[index],
                                               import_batch_id={"new": new, "old": old}.get(origin)))
        for m, at, kind, points in fact_rows:
            conn.execute(insert(lt).values(member_id=members[m], at=at, kind=kind, points=points))
        for m, at, kind, points in stale_rows:
            conn.execute(insert(lt).values(member_id=members[m], at=at, kind=kind, points=points))
        entries = list(conn.execute(select(lt.c.id)).scalars())
        if draw and len(entries) >= 2:  # a stray draw between two rows
            conn.execute(insert(dt_).values(debit_id=entries[0], lot_id=entries[-1], points=3))
        for i, mid in enumerate(members):
            conn.execute(update(mt).where(mt.c.id == mid).values(points_balance=7 * i, level=i % 3, level_floor=i % 2))
        also = [pids[i] for i in extra if i < len(pids) and sale_rows[i][5] != "new"]
    return new, also


def _content(conn: Connection) -> tuple[Counter[Any], Counter[Any], dict[int, tuple[int, int]], dict[int, Any]]:
    lt, dt_, mt, pt = PointsEntry.__table__, PointsDraw.__table__, Member.__table__, Purchase.__table__
    rows = {r.id: (r.member_id, r.kind, r.at, r.points, r.purchase_id, r.import_batch_id) for r in conn.execute(select(lt))}
    draws = Counter((rows[d.debit_id], rows[d.lot_id], d.points) for d in conn.execute(select(dt_)))
    state = {r.id: (r.points_balance, r.level) for r in conn.execute(select(mt.c.id, mt.c.points_balance, mt.c.level))}
    earned = dict(conn.execute(select(pt.c.id, pt.c.points_earned)).all())
    return Counter(rows.values()), draws, state, earned


def _ids(conn: Connection) -> tuple[list[Any], list[Any], list[Any]]:
    lt, dt_, mt = PointsEntry.__table__, PointsDraw.__table__, Member.__table__
    return (list(conn.execute(select(lt).order_by(lt.c.id)).all()), list(conn.execute(select(dt_).order_by(dt_.c.id)).all()),
            list(conn.execute(select(mt.c.id, mt.c.points_balance, mt.c.level).order_by(mt.c.id)).all()))


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sale_rows=sales, fact_rows=facts, copies=earn_copies, stale_rows=stale, draw=st.booleans(),
       extra=st.lists(st.integers(0, 15), max_size=3), expiry=st.sampled_from([0, 0, 0, 6]),
       rate=st.sampled_from([(100, 1), (1_000, 3), (100, 0)]))
def test_set_based_points_after_import_equal_the_replay(
    db: Database, members: list[int], sale_rows: list[Any], fact_rows: list[Any], copies: list[Any],
    stale_rows: list[Any], draw: bool, extra: list[int], expiry: int, rate: tuple[int, int],
) -> None:
    unit, per = rate
    update_settings(db, points_expiry_months=expiry, points_spend_unit_cents=unit, points_per_unit=per,
                    levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 5_000), MemberLevel("Gold", 40_000)))
    batch, also = _reset(db, members, sale_rows, fact_rows, copies, stale_rows, draw, extra, rate)
    shop = load_settings(db)
    with db.engine.connect() as conn:
        with conn.begin() as slow_run:
            slow_count = rebuild_after_import(conn, batch, shop, NOW, also, set_based=False)
            slow = _content(conn)
            slow_run.rollback()
        with conn.begin() as fast_run:
            assert rebuild_after_import(conn, batch, shop, NOW, also) == slow_count
            fast = _content(conn)
            written = _ids(conn)
            rebuild_after_import(conn, batch, shop, NOW, also)
            assert _ids(conn) == written  # in line already: nothing rewritten
            fast_run.rollback()
    assert fast == slow


def test_plain_earnings_of_an_import_are_one_row_per_sale(db: Database, members: list[int]) -> None:
    """A known truth: three sales of the batch for one member, ¥1 = 1 point, no other facts."""
    update_settings(db, points_expiry_months=0, points_spend_unit_cents=100, points_per_unit=1)
    day = NOW - dt.timedelta(days=10)
    rows = [(0, day, 1_250, None, None, "new"), (0, day + dt.timedelta(hours=1), 999, None, None, "new"),
            (0, day + dt.timedelta(days=1), 40, None, None, "new")]
    # Stored already: the first sale's row twice, the second's with wrong points.
    batch, _ = _reset(db, members, rows, [], [(0, 0, 2), (1, 1, 1)], [], False, [])
    with db.transaction() as s:
        assert rebuild_after_import(s.connection(), batch, load_settings(db), NOW) == 1
    with db.read() as s:
        ledger = sorted(s.execute(select(PointsEntry.kind, PointsEntry.points, PointsEntry.import_batch_id)).all())
        balance = s.scalar(select(Member.points_balance).where(Member.id == members[0]))
    assert ledger == [("earn", 9, batch), ("earn", 12, batch)]  # ¥0.40 earns nothing
    assert balance == 21


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sale_rows=sales, fact_rows=facts, copies=earn_copies, stale_rows=stale, draw=st.booleans(),
       expiry=st.sampled_from([0, 1, 6]), bulk_from=st.integers(0, 3))
def test_replay_written_through_the_bulk_writer_equals_row_by_row(
    db: Database, members: list[int], monkeypatch: pytest.MonkeyPatch, sale_rows: list[Any], fact_rows: list[Any],
    copies: list[Any], stale_rows: list[Any], draw: bool, expiry: int, bulk_from: int,
) -> None:
    """The replay's writes with ids reserved up front and the bulk writer (many rows: an import, a
    full rebuild) against one RETURNING insert per batch (a sale), with expiry so draws are written."""
    update_settings(db, points_expiry_months=expiry, points_spend_unit_cents=100, points_per_unit=1)
    _reset(db, members, sale_rows, fact_rows, copies, stale_rows, draw, [])
    shop = load_settings(db)
    contents = []
    for threshold in (10**9, bulk_from):
        monkeypatch.setattr(points, "BULK_ROWS_FROM", threshold)
        with db.engine.connect() as conn, conn.begin() as run:
            balances = rebuild_points(conn, members, shop, NOW)
            contents.append((_content(conn), balances))
            written = _ids(conn)
            rebuild_points(conn, members, shop, NOW)
            assert _ids(conn) == written  # in line already: nothing rewritten
            run.rollback()
    assert contents[0] == contents[1]
