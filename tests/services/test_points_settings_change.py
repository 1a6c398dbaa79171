"""A change of the points expiry or of the earn rate reaches every member at once.

A counter sale only appends to its member's ledger (services.members.points.append_sale_points), so
nothing else would bring a member's earned and expired points in line with the new settings; saving
them rebuilds everyone's, and the result is what a full rebuild from the sales gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry
from shopcrm.services.members.points import rebuild_all_points
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.shop.settings import update_settings


def _ledger(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.execute(select(PointsEntry.member_id, PointsEntry.kind, PointsEntry.points, PointsEntry.at)
                         .order_by(PointsEntry.member_id, PointsEntry.at, PointsEntry.kind, PointsEntry.points)).all()
        return [tuple(r) for r in rows]


def _balances(db: Database) -> dict[int, int]:
    with db.read() as s:
        return {int(i): int(b) for i, b in s.execute(select(Member.id, Member.points_balance))}


def _after_a_full_rebuild_nothing_changes(db: Database) -> None:
    ledger, balances = _ledger(db), _balances(db)
    rebuild_all_points(db)
    assert _ledger(db) == ledger and _balances(db) == balances


def test_expiry_switched_on_and_off_reaches_every_member(db: Database) -> None:
    today = dt.datetime.now().replace(microsecond=0)
    buyer = register_member(db, MemberInput(phone="13800000001", name="Regular"))
    idle = register_member(db, MemberInput(phone="13800000002", name="Gone quiet"))
    for member, days, cents in ((buyer, 400, 10_000), (buyer, 10, 5_000), (idle, 420, 8_000)):
        record_purchase(db, PurchaseInput(member_id=member.id, total_cents=cents,
                                          purchased_at=today - dt.timedelta(days=days)))
    assert _balances(db) == {buyer.id: 150, idle.id: 80}

    update_settings(db, points_expiry_months=12)  # the year-old points are gone, for both members
    assert _balances(db) == {buyer.id: 50, idle.id: 0}
    _after_a_full_rebuild_nothing_changes(db)

    record_purchase(db, PurchaseInput(member_id=buyer.id, total_cents=2_000))  # a plain sale: appended
    assert _balances(db)[buyer.id] == 70
    _after_a_full_rebuild_nothing_changes(db)

    update_settings(db, points_expiry_months=0)  # never expire again: everything comes back
    assert _balances(db) == {buyer.id: 170, idle.id: 80}
    _after_a_full_rebuild_nothing_changes(db)


def test_changing_other_settings_leaves_the_ledger_alone(db: Database) -> None:
    m = register_member(db, MemberInput(phone="13800000003", name="Li Na"))
    record_purchase(db, PurchaseInput(member_id=m.id, total_cents=3_000))
    ledger = _ledger(db)
    update_settings(db, shop_name="Another name")
    assert _ledger(db) == ledger
