"""Points: earn, redeem, adjust, reverse.  The ledger is the truth; the balance is its sum.

Every change locks the member row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's writer lock is
taken at BEGIN IMMEDIATE), so two counters redeeming at once cannot overdraw a balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError

MAX_POINTS_CHANGE = 10_000_000


@dataclass(frozen=True)
class PointsEntryView:
    id: int
    at: dt.datetime
    kind: str
    points: int
    purchase_id: int | None
    note: str | None


def lock_member(s: Session, member_id: int) -> Member:
    member = s.scalars(select(Member).where(Member.id == member_id).with_for_update()).first()
    if member is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
    if member.status == "erased":
        raise ConflictError(QT_TRANSLATE_NOOP("errors", "An erased member cannot be edited."))
    return member


def post_points(
    s: Session,
    member: Member,
    kind: str,
    points: int,
    *,
    at: dt.datetime,
    purchase_id: int | None = None,
    import_batch_id: int | None = None,
    note: str | None = None,
) -> PointsEntry:
    """Add one ledger row and move the cached balance with it; refuses a negative balance."""
    if member.points_balance + points < 0:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Not enough points: the balance is {balance}, {needed} needed."),
            balance=member.points_balance,
            needed=-points,
        )
    entry = PointsEntry(
        member_id=member.id,
        at=at,
        kind=kind,
        points=points,
        purchase_id=purchase_id,
        import_batch_id=import_batch_id,
        note=note,
    )
    s.add(entry)
    member.points_balance += points
    return entry


def _check_amount(points: int) -> int:
    if isinstance(points, bool) or not isinstance(points, int):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Points must be a whole number."), "points")
    if abs(points) > MAX_POINTS_CHANGE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "That many points cannot be moved at once."), "points")
    return points


def redeem_points(db: Database, member_id: int, points: int, note: str | None = None) -> int:
    """Spend points; returns the new balance."""
    points = _check_amount(points)
    if points <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Redeem a positive number of points."), "points")
    from shopcrm.services.members.records import now

    with db.transaction() as s:
        member = lock_member(s, member_id)
        post_points(s, member, "redeem", -points, at=now(), note=note)
        return member.points_balance


def adjust_points(db: Database, member_id: int, delta: int, note: str | None = None) -> int:
    """A correction by the owner (either sign); the balance still never goes below zero."""
    delta = _check_amount(delta)
    if delta == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An adjustment of zero points changes nothing."), "points")
    from shopcrm.services.members.records import now

    with db.transaction() as s:
        member = lock_member(s, member_id)
        post_points(s, member, "adjust", delta, at=now(), note=note)
        return member.points_balance


def points_history(db: Database, member_id: int, limit: int = 200) -> list[PointsEntryView]:
    with db.read() as s:
        rows = s.scalars(
            select(PointsEntry)
            .where(PointsEntry.member_id == member_id)
            .order_by(PointsEntry.at.desc(), PointsEntry.id.desc())
            .limit(limit)
        )
        return [PointsEntryView(e.id, e.at, e.kind, e.points, e.purchase_id, e.note) for e in rows]


def ledger_balance(db: Database, member_id: int) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0)).where(PointsEntry.member_id == member_id)) or 0)
