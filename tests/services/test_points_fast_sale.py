"""The counter's points fast path (`append_sale_points`: the sale's earn row, its redemption and the
draws written without replaying the member) against its slow twin (the full replay the sale did
before, `post_fact` / `rebuild_points`), on random days at the counter: sales, sales with points as
money off, backdated sales, the shop's redemptions and adjustments, voids and the daily expiry
pass, with expiry off or on.  The same steps are run twice, once with the fast path and once with
it switched off; after every step both shops must hold the same ledger, draws, balances, levels
and refusals, and a full rebuild of the fast shop must find nothing to change."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Connection

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsDraw, PointsEntry, Purchase
from shopcrm.engine.points_replay import expiry_of
from shopcrm.errors import ConflictError, ShopError
from shopcrm.services.members import points
from shopcrm.services.members.points import (
    adjust_points,
    alive_from,
    expire_points,
    rebuild_points,
    redeem_points,
)
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales import coupons, purchases, stored_value
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase, void_purchase
from shopcrm.services.shop.settings import MemberLevel, load_settings, update_settings

START = dt.datetime(2025, 1, 30, 9, 0)
MEMBERS = 3
_phones = itertools.count()

sale = st.tuples(st.just("sale"), st.integers(0, MEMBERS - 1),
                 st.sampled_from([0, 1, 60, 3_600, 3_600, 86_400, 86_400 * 20, 86_400 * 75]),
                 st.sampled_from([900, 2_500, 12_000, 48_000]), st.sampled_from([0, 0, 0, 10, 30, 200, 5_000]),
                 st.one_of(st.none(), st.none(), st.integers(0, 120)))
shop_step = st.tuples(st.sampled_from(["redeem", "adjust", "void", "expire"]), st.integers(0, MEMBERS - 1),
                      st.sampled_from([0, 30, 86_400, 86_400 * 40]), st.sampled_from([-40, -5, 5, 25, 60]),
                      st.integers(0, 30), st.none())
steps = st.lists(st.one_of(sale, sale, sale, shop_step), min_size=1, max_size=14)


class Clock:
    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> dt.datetime:
        return self.at


def _patch_clock(mp: pytest.MonkeyPatch, clock: Clock) -> None:
    for module in (purchases, points, stored_value, coupons):
        mp.setattr(module, "now", clock)
    mp.setattr(points, "shop_now", clock)


def _content(db: Database, members: list[int]) -> tuple[Counter[Any], Counter[Any], list[tuple[int, int]]]:
    """The members' ledger, draws and balances with levels, named by what they are (sales by their
    reference), not by ids, which differ between the two shops."""
    with db.engine.connect() as conn:
        return _content_in(conn, members)


def _content_in(s: Connection, members: list[int]) -> tuple[Counter[Any], Counter[Any], list[tuple[int, int]]]:
    lt, dt_, pt, mt = PointsEntry.__table__, PointsDraw.__table__, Purchase.__table__, Member.__table__
    if True:
        refs = {pid: ref.split("-")[-1]
                for pid, ref in s.execute(select(pt.c.id, pt.c.external_ref).where(pt.c.member_id.in_(members)))}
        rows = {r.id: (members.index(r.member_id), r.kind, r.at, r.points, refs.get(r.purchase_id),
                       re.sub(r"#\d+", "#", r.note or ""))
                for r in s.execute(select(lt).where(lt.c.member_id.in_(members)))}
        draws = Counter((rows[d.debit_id], rows[d.lot_id], d.points)
                        for d in s.execute(select(dt_).where(dt_.c.debit_id.in_(list(rows)))))
        state = {r.id: (r.points_balance, r.level) for r in s.execute(select(mt).where(mt.c.id.in_(members)))}
    return Counter(rows.values()), draws, [state[m] for m in members]


def _run(db: Database, plan: list[Any], fast: bool, page: int) -> tuple[list[Any], int]:
    """Play the steps on new members; the content after each step, and how many sales went fast."""
    run = next(_phones)
    members = [register_member(db, MemberInput(phone=f"137{run:05d}{i:03d}")).id for i in range(MEMBERS)]
    clock = Clock()
    taken = 0
    seen: list[Any] = []
    recorded: list[int] = []
    with pytest.MonkeyPatch.context() as mp:
        _patch_clock(mp, clock)
        mp.setattr(points, "LOTS_PAGE", page)  # the ledger read from the end a page at a time: any page size
        real = points.append_sale_points

        def fast_path(*args: Any, **kwargs: Any) -> bool:
            nonlocal taken
            done = fast and real(*args, **kwargs)
            taken += done
            return done

        mp.setattr(purchases, "append_sale_points", fast_path)
        for n, (what, m, advance, amount, redeem, back) in enumerate(plan):
            clock.at += dt.timedelta(seconds=advance)
            member = members[m]
            outcome: Any = None
            until = clock.at
            touched = [] if what == "void" else [member]
            try:
                if what == "sale":
                    when = None if back is None else clock.at - dt.timedelta(days=back, seconds=back * 7)
                    result = record_purchase(db, PurchaseInput(member_id=member, total_cents=amount,
                                                               redeem_points=redeem, external_ref=f"{run}-s{n}",
                                                               purchased_at=when))
                    recorded.append(result.purchase_id)
                    outcome = (result.points_earned, result.points_balance, result.level, result.level_upgraded)
                    until = clock.at if when is None or not redeem else when
                elif what == "redeem":
                    outcome = redeem_points(db, member, abs(amount))
                elif what == "adjust":
                    outcome = adjust_points(db, member, amount)
                elif what == "void" and recorded:
                    gone = recorded[redeem % len(recorded)]
                    with db.read() as s:
                        touched = [s.scalars(select(Purchase.member_id).where(Purchase.id == gone)).one()]
                    outcome = void_purchase(db, gone)
                elif what == "expire":
                    touched = members
                    expire_points(db, clock.at)  # (its count takes in the other run's members too)
            except ShopError as exc:
                outcome = ("refused", type(exc).__name__, re.sub(r"Purchase \d+", "Purchase", str(exc)))
            content = _content(db, members)
            refused = isinstance(outcome, tuple) and outcome[0] == "refused"  # then nothing was written
            if fast and not refused:  # in line with a replay of the member as the step's own replay would have done it
                shop = load_settings(db)
                with db.engine.connect() as conn, conn.begin() as check:
                    rebuild_points(conn, touched, shop, until)
                    assert _content_in(conn, members) == content, (n, plan[n])
                    check.rollback()
            seen.append((outcome, content))
    return seen, taken


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps, months=st.sampled_from([0, 0, 1, 3]), page=st.sampled_from([1, 2, 3, 16]))
def test_fast_sale_points_equal_the_replay(db: Database, plan: list[Any], months: int, page: int) -> None:
    update_settings(db, points_expiry_months=months, points_redeem_points=1, points_redeem_cents=1,
                    levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 30_000), MemberLevel("Gold", 100_000)))
    fast, taken = _run(db, plan, True, page)
    event(f"sales that took the fast path: {min(taken, 3)}{'+' if taken >= 3 else ''}")
    slow, none = _run(db, plan, False, page)
    assert none == 0
    for step, (mine, twin) in enumerate(zip(fast, slow, strict=True)):
        assert mine == twin, (step, plan[step])


def _no_replay(mp: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the sale replayed the member's points")

    mp.setattr(purchases, "rebuild_points", refuse)
    mp.setattr(purchases, "post_fact", refuse)


def test_ordinary_sales_take_the_fast_path_and_backdated_ones_replay(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    update_settings(db, points_redeem_points=1, points_redeem_cents=1,
                    levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 20_000)))
    clock = Clock()
    _patch_clock(monkeypatch, clock)
    member = register_member(db, MemberInput(phone="13700000001")).id
    with pytest.MonkeyPatch.context() as mp:
        _no_replay(mp)
        first = record_purchase(db, PurchaseInput(member_id=member, total_cents=12_000))
        clock.at += dt.timedelta(hours=1)
        second = record_purchase(db, PurchaseInput(member_id=member, total_cents=10_000, redeem_points=100))
        clock.at += dt.timedelta(seconds=1)
        with pytest.raises(ConflictError, match="the balance is 119, 130 needed"):  # expiry off: its own points
            record_purchase(db, PurchaseInput(member_id=member, total_cents=10_000, redeem_points=130))  # come after
    assert (first.points_balance, first.level, first.level_upgraded) == (120, 0, False)
    assert (second.points_balance, second.level, second.level_upgraded) == (120 - 100 + 99, 1, True)  # 99.00 paid: 99 points
    with db.read() as s:
        draws = s.execute(select(PointsDraw.points, PointsEntry.kind, PointsEntry.points)
                          .join(PointsEntry, PointsEntry.id == PointsDraw.lot_id).order_by(PointsDraw.id)).all()
    assert [tuple(d) for d in draws] == [(100, "earn", 120)]  # the oldest award first
    clock.at += dt.timedelta(hours=1)
    calls: list[bool] = []
    real = points.append_sale_points
    monkeypatch.setattr(purchases, "append_sale_points", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    record_purchase(db, PurchaseInput(member_id=member, total_cents=5_000,
                                      purchased_at=clock.at - dt.timedelta(hours=3)))  # before the others
    record_purchase(db, PurchaseInput(member_id=member, total_cents=5_000))  # after everything again
    record_purchase(db, PurchaseInput(member_id=member, total_cents=5_000))  # the same second as that one
    clock.at += dt.timedelta(seconds=1)
    record_purchase(db, PurchaseInput(member_id=member, total_cents=5_000))
    assert calls == [False, True, False, True]


def test_expiry_due_replays_and_the_new_award_counts_with_expiry_on(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    update_settings(db, points_expiry_months=1, points_redeem_points=1, points_redeem_cents=1)
    clock = Clock()
    _patch_clock(monkeypatch, clock)
    member = register_member(db, MemberInput(phone="13700000002")).id
    record_purchase(db, PurchaseInput(member_id=member, total_cents=5_000))
    clock.at += dt.timedelta(days=3)
    with pytest.MonkeyPatch.context() as mp:
        _no_replay(mp)
        # With expiry on the balance checked already holds this sale's 79 points (as the replay had it),
        # and the redemption draws on them after the 50 of the first award.
        result = record_purchase(db, PurchaseInput(member_id=member, total_cents=8_000, redeem_points=100))
    assert result.points_balance == 50 + 79 - 100
    with db.read() as s:
        drawn = s.execute(select(PointsEntry.points, PointsDraw.points)
                          .join(PointsEntry, PointsEntry.id == PointsDraw.lot_id).order_by(PointsEntry.at)).all()
    assert [tuple(d) for d in drawn] == [(50, 50), (79, 50)]
    clock.at += dt.timedelta(days=40)  # the first award has run out: the sale replays and writes its expiry
    calls: list[bool] = []
    real = points.append_sale_points
    monkeypatch.setattr(purchases, "append_sale_points", lambda *a, **k: calls.append(real(*a, **k)) or calls[-1])
    after = record_purchase(db, PurchaseInput(member_id=member, total_cents=1_000))
    assert calls == [False]
    assert after.points_balance == 10  # the 29 left of the second award expired
    with db.read() as s:
        kinds = sorted(s.scalars(select(PointsEntry.kind).where(PointsEntry.member_id == member)))
    assert "expire" in kinds


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_alive_from_is_the_first_moment_that_outlives_until(months: int) -> None:
    day = dt.datetime(2024, 1, 1, 10, 0)
    while day < dt.datetime(2025, 3, 2):
        start = alive_from(day, months)
        expires = expiry_of(start, months)
        before = expiry_of(start - dt.timedelta(microseconds=1), months)
        assert expires is not None and before is not None and expires > day >= before
        day += dt.timedelta(days=1, hours=5)
