"""Points: earn, redeem, adjust, reverse, expire.  The ledger is the truth; the balance is its sum.

Every change locks the member row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's writer lock is
taken at BEGIN IMMEDIATE), so two counters redeeming at once cannot overdraw a balance.

Rows the shop made (redeem, adjust, return) are facts; earn, reverse, expire and shortfall rows
follow from the sales and are rebuilt (`rebuild_points`) whenever a member's sales change (a sale,
a void, an import, an undo) and once a day (`expire_points`), so a balance and a level do not
depend on the order in which sales arrived (shopcrm.engine.points_replay).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from shopcrm.codes import DERIVED_POINT_KINDS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsDraw, PointsEntry, Purchase
from shopcrm.engine.points_replay import DerivedRow, EntryFact, SaleFact, add_months, replay
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.clock import now as shop_now
from shopcrm.services.shop.settings import settings_in

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


def post_fact(
    s: Session, member: Member, kind: str, points: int, *, at: dt.datetime, purchase_id: int | None = None,
    note: str | None = None, settings: Any = None,
) -> int:
    """A redemption, adjustment or return the shop made, with its draws; returns the new balance.

    The member row must be locked.  The balance is first brought up to date (expiry as of `at`), then
    a debit larger than it is refused and nothing is written."""
    settings = settings if settings is not None else settings_in(s)
    s.flush()
    conn = s.connection()
    if settings.points_expiry_months:
        rebuild_points(conn, [member.id], settings, at)
        s.expire(member, ["points_balance", "level"])
    if member.points_balance + points < 0:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Not enough points: the balance is {balance}, {needed} needed."),
            balance=member.points_balance,
            needed=-points,
        )
    conn.execute(
        insert(PointsEntry.__table__).values(
            member_id=member.id, at=at, kind=kind, points=points, purchase_id=purchase_id, note=note
        )
    )
    balances = rebuild_points(conn, [member.id], settings, at)
    s.expire(member, ["points_balance", "level"])
    return balances.get(member.id, 0)


def redeem_points(db: Database, member_id: int, points: int, note: str | None = None) -> int:
    """Spend points; returns the new balance."""
    points = _check_amount(points)
    if points <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Redeem a positive number of points."), "points")

    with db.transaction() as s:
        member = lock_member(s, member_id)
        return post_fact(s, member, "redeem", -points, at=now(), note=note)


def adjust_points(db: Database, member_id: int, delta: int, note: str | None = None) -> int:
    """A correction by the owner (either sign); the balance still never goes below zero."""
    delta = _check_amount(delta)
    if delta == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An adjustment of zero points changes nothing."), "points")

    with db.transaction() as s:
        member = lock_member(s, member_id)
        return post_fact(s, member, "adjust", delta, at=now(), note=note)


# ------------------------------------------------------------------ rebuilding from the facts

REBUILD_CHUNK = 500
_RowKey = tuple[str, dt.datetime, int, int | None, int | None]


def _chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _sale_points(settings: Any, total: int, stored: int | None) -> int:
    if stored is not None:
        return stored
    return settings.points_for(total) if total > 0 else -settings.points_for(-total)


def rebuild_points(
    conn: Connection, member_ids: Iterable[int], settings: Any, now: dt.datetime, *, chunk: int = REBUILD_CHUNK
) -> dict[int, int]:
    """Bring the derived ledger rows, the draws, the cached balance and the level of these members in
    line with their facts; writes only what differs (a second run writes nothing).  Returns balances.

    Level = the highest of the level the spend reaches under today's thresholds and the level set by
    hand or by a member list (level_floor)."""
    lt, dt_, pt, mt = PointsEntry.__table__, PointsDraw.__table__, Purchase.__table__, Member.__table__
    balances: dict[int, int] = {}
    ids = sorted(set(member_ids))
    for part in _chunks(ids, chunk):
        sales: dict[int, list[SaleFact]] = defaultdict(list)
        spend: dict[int, int] = defaultdict(int)
        columns = (pt.c.id, pt.c.member_id, pt.c.purchased_at, pt.c.total_cents, pt.c.voided_at, pt.c.points_earned,
                   pt.c.import_batch_id, pt.c.external_ref)
        # Live and voided sales apart: each reads its own partial index on member_id.
        live = select(*columns).where(pt.c.member_id.in_(part), pt.c.voided_at.is_(None))
        gone = select(*columns).where(pt.c.member_id.in_(part), pt.c.voided_at.is_not(None))
        for pid, mid, at, total, voided, earned, batch, ref in [*conn.execute(live).all(), *conn.execute(gone).all()]:
            if voided is None:
                spend[mid] += total
            points = _sale_points(settings, total, earned)
            if points:
                sales[mid].append(SaleFact(pid, at, points, voided, batch, ref or ""))
        facts: dict[int, list[EntryFact]] = defaultdict(list)
        derived: dict[int, dict[_RowKey, list[int]]] = defaultdict(lambda: defaultdict(list))
        kind_of: dict[int, str] = {}
        for eid, mid, at, kind, points, purchase_id, batch in conn.execute(
            select(lt.c.id, lt.c.member_id, lt.c.at, lt.c.kind, lt.c.points, lt.c.purchase_id, lt.c.import_batch_id)
            .where(lt.c.member_id.in_(part))
        ).all():
            kind_of[eid] = kind
            if kind in DERIVED_POINT_KINDS:
                derived[mid][(kind, at, points, purchase_id, batch)].append(eid)
            else:
                facts[mid].append(EntryFact(eid, at, points))
        member_of_entry: dict[int, int] = {}
        for mid, rows in derived.items():
            for id_list in rows.values():
                for eid in id_list:
                    member_of_entry[eid] = mid
        for mid, flist in facts.items():
            for f in flist:
                member_of_entry[f.entry_id] = mid
        old_draws: dict[int, dict[tuple[int, int, int], list[int]]] = defaultdict(lambda: defaultdict(list))
        for did, debit, lot, points in conn.execute(
            select(dt_.c.id, dt_.c.debit_id, dt_.c.lot_id, dt_.c.points)
            .select_from(dt_.join(lt, lt.c.id == dt_.c.debit_id))
            .where(lt.c.member_id.in_(part))
        ).all():
            old_draws[member_of_entry.get(debit, -1)][(debit, lot, points)].append(did)
        state = {
            mid: (bal, lvl, floor)
            for mid, bal, lvl, floor in conn.execute(
                select(mt.c.id, mt.c.points_balance, mt.c.level, mt.c.level_floor).where(mt.c.id.in_(part))
            )
        }
        drop_rows: list[int] = []
        drop_draws: list[int] = []
        new_draws: list[dict[str, int]] = []
        member_updates: list[dict[str, int]] = []
        for mid in part:
            if mid not in state:
                continue
            result = replay(
                sales.get(mid, []), facts.get(mid, []), expiry_months=settings.points_expiry_months, until=now
            )
            existing = derived.get(mid, {})
            ids_of_new: dict[int, int] = {}
            to_insert: list[tuple[int, DerivedRow]] = []
            for index, row in enumerate(result.rows):
                same = existing.get((row.kind, row.at, row.points, row.purchase_id, row.import_batch_id))
                if same:
                    ids_of_new[index] = same.pop()
                else:
                    to_insert.append((index, row))
            for id_list in existing.values():
                drop_rows.extend(id_list)
            if to_insert:
                inserted = conn.execute(
                    insert(lt).returning(lt.c.id, sort_by_parameter_order=True),
                    [
                        {"member_id": mid, "at": r.at, "kind": r.kind, "points": r.points, "purchase_id": r.purchase_id,
                         "import_batch_id": r.import_batch_id, "note": None}
                        for _i, r in to_insert
                    ],
                ).scalars().all()
                for (index, _row), new_id in zip(to_insert, inserted, strict=True):
                    ids_of_new[index] = new_id
            wanted = old_draws.get(mid, {})
            for debit, lot, points in result.draws:
                d = ids_of_new[debit[1]] if debit[0] == "new" else debit[1]
                lid = ids_of_new[lot[1]] if lot[0] == "new" else lot[1]
                same = wanted.get((d, lid, points))
                if same:
                    same.pop()
                else:
                    new_draws.append({"debit_id": d, "lot_id": lid, "points": points})
            for id_list in wanted.values():
                drop_draws.extend(id_list)
            balances[mid] = result.balance
            bal, lvl, floor = state[mid]
            level = max(settings.level_for_spend(spend.get(mid, 0)), min(floor or 0, len(settings.levels) - 1))
            if bal != result.balance or lvl != level:
                member_updates.append({"mid": mid, "bal": result.balance, "lvl": level})
        for ids_part in _chunks(drop_draws, 900):
            conn.execute(delete(dt_).where(dt_.c.id.in_(ids_part)))
        for ids_part in _chunks(drop_rows, 900):
            conn.execute(delete(dt_).where(or_(dt_.c.debit_id.in_(ids_part), dt_.c.lot_id.in_(ids_part))))
            conn.execute(delete(lt).where(lt.c.id.in_(ids_part)))
        if new_draws:
            conn.execute(insert(dt_), new_draws)
        if member_updates:
            from sqlalchemy import bindparam

            conn.execute(
                update(mt).where(mt.c.id == bindparam("mid")).values(points_balance=bindparam("bal"), level=bindparam("lvl")),
                member_updates,
            )
    return balances


def rebuild_after_import(conn: Connection, batch_id: int, settings: Any, now: dt.datetime,
                         also_purchases: Sequence[int] = ()) -> int:
    """Fix the points each imported sale earns at today's rate, then replay its members' points.

    `also_purchases`: earlier receipts this batch added lines to (their totals changed too)."""
    pt = Purchase.__table__
    unit, per = max(1, int(settings.points_spend_unit_cents)), int(settings.points_per_unit)
    from sqlalchemy import case, literal, or_

    extra = sorted(set(also_purchases))
    touched = or_(pt.c.import_batch_id == batch_id, pt.c.id.in_(extra)) if extra else pt.c.import_batch_id == batch_id
    conn.execute(
        update(pt)
        .where(touched, pt.c.member_id.is_not(None))
        .values(
            points_earned=case(
                (pt.c.total_cents > 0, (pt.c.total_cents // literal(unit)) * literal(per)),
                else_=-(((-pt.c.total_cents) // literal(unit)) * literal(per)),
            )
        )
    )
    members = list(conn.execute(select(pt.c.member_id).where(touched, pt.c.member_id.is_not(None)).distinct()).scalars())
    rebuild_points(conn, members, settings, now)
    return len(members)


def members_with_expiring_points(conn: Connection, settings: Any, now: dt.datetime) -> list[int]:
    """Members holding an award old enough to have expired that still has points left in it."""
    if not settings.points_expiry_months:
        return []
    lt, dt_ = PointsEntry.__table__, PointsDraw.__table__
    cutoff = dt.datetime.combine(add_months(now.date(), -settings.points_expiry_months), dt.time.max)
    drawn = select(dt_.c.lot_id, func.sum(dt_.c.points).label("used")).group_by(dt_.c.lot_id).subquery()
    stmt = (
        select(lt.c.member_id)
        .select_from(lt.outerjoin(drawn, drawn.c.lot_id == lt.c.id))
        .where(lt.c.points > 0, lt.c.kind != "shortfall", lt.c.at <= cutoff, lt.c.points > func.coalesce(drawn.c.used, 0))
        .distinct()
    )
    return sorted(conn.execute(stmt).scalars())


def expire_points(db: Database, now: dt.datetime | None = None) -> int:
    """The daily expiry pass: write the expiry rows of every award that has run out.  Idempotent (a
    second run the same day finds nothing); returns the number of members whose points expired."""
    moment = now or shop_now()
    with db.transaction() as s:
        settings = settings_in(s)
        conn = s.connection()
        members = members_with_expiring_points(conn, settings, moment)
        if members:
            # Lock the rows in id order (as the counters do, one at a time) before rewriting them.
            for part in _chunks(members, 900):
                conn.execute(select(Member.__table__.c.id).where(Member.__table__.c.id.in_(part)).with_for_update())
            rebuild_points(conn, members, settings, moment)
        return len(members)


def rebuild_all_points(db: Database, now: dt.datetime | None = None) -> int:
    """Every member's points and level again (after a change of the earn rate of unrated sales, of
    expiry or of the level thresholds)."""
    with db.transaction() as s:
        settings = settings_in(s)
        conn = s.connection()
        ids = list(conn.execute(select(Member.__table__.c.id).where(Member.__table__.c.status != "erased")).scalars())
        rebuild_points(conn, ids, settings, now or shop_now())
        return len(ids)


def set_level_by_hand(db: Database, member_id: int, level: int, note: str | None = None) -> int:
    """The owner's decision on a member's level: it is kept as the member's floor (spend can still
    raise the level, new thresholds never take it below).  Returns the level now held."""
    with db.transaction() as s:
        settings = settings_in(s)
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < len(settings.levels):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "There is no member level {level}."), "level", level=level)
        member = lock_member(s, member_id)
        member.level_floor = level
        member.updated_at = now()
        s.flush()
        rebuild_points(s.connection(), [member_id], settings, now())
        s.expire(member)
        return member.level


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
