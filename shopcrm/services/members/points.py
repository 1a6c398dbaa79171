"""Points: earn, redeem, adjust, reverse, expire.  The ledger is the truth; the balance is its sum.

Every change locks the member row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's writer lock is
taken at BEGIN IMMEDIATE), so two counters redeeming at once cannot overdraw a balance.

Rows the shop made (redeem, adjust, return) are facts; earn, reverse, expire and shortfall rows
follow from the sales and are rebuilt (`rebuild_points`) whenever a member's sales change (a sale,
a void, an import, an undo) and once a day (`expire_points`), so a balance and a level do not
depend on the order in which sales arrived (shopcrm.engine.points_replay).  A counter sale that is
the member's newest fact, with nothing of theirs expiring, appends what that replay would add
(`append_sale_points`, tested against the replay): its cost does not grow with the member's history.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Table,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, lazyload

from shopcrm.codes import DERIVED_POINT_KINDS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsDraw, PointsEntry, Purchase
from shopcrm.engine.points_replay import EntryFact, SaleFact, add_months, replay
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
    # Tags only when asked for: a sale or a redemption never reads them (a SELECT saved per sale).
    member = s.scalars(
        select(Member).options(lazyload(Member.tags)).where(Member.id == member_id).with_for_update()
    ).first()
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


# ------------------------------------------------------------------ the counter's fast path


def alive_from(until: dt.datetime, months: int) -> dt.datetime:
    """The earliest moment an award can be made and not have expired by `until` (expiry on)."""
    day = add_months(until.date(), -months)
    while add_months(day, months) > until.date():
        day -= dt.timedelta(days=1)
    while add_months(day, months) <= until.date():
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time())


def _lot_rows(member_id: int) -> Any:
    lt = PointsEntry.__table__
    return lt.c.member_id == member_id, lt.c.points > 0, lt.c.kind != "shortfall"


def append_sale_points(
    s: Session, member: Member, *, purchase_id: int, at: dt.datetime, earned: int, redeem: int = 0,
    note: str | None = None, settings: Any, until: dt.datetime,
) -> bool:
    """A counter sale's points written the way a replay would write them, without the replay.

    Only when the sale comes after every fact of the member (their sales, voids and ledger rows)
    and none of their points expires by `until`: then the replay (`rebuild_points`, the slow twin)
    would end exactly as the stored ledger does, plus this sale's earn row and its redemption, which
    draws on the oldest open awards first.  The open awards are the newest ones holding the cached
    balance (awards are drawn oldest first), so they are found from the end.  Returns False, having
    written nothing, when the sale is not such a case; the caller then replays.  The member row
    must be locked and the purchase flushed (its lines too).  A redemption larger than the balance is refused as
    `post_fact` refuses it (with expiry on, the balance there already holds this sale's points)."""
    conn = s.connection()  # (no flush: what is pending, the member's stored value, the audit, goes at the commit)
    lt, pt = PointsEntry.__table__, Purchase.__table__
    months = settings.points_expiry_months
    mid = member.id
    alive = alive_from(until, months) if months else None
    if alive is not None and at < alive:
        return False
    later = [  # anything of the member's at or after this sale's moment: then the replay decides
        exists().where(lt.c.member_id == mid, lt.c.at >= at),
        exists().where(pt.c.member_id == mid, pt.c.voided_at.is_(None), pt.c.purchased_at >= at,
                       pt.c.id != purchase_id),
        exists().where(pt.c.member_id == mid, pt.c.voided_at.is_not(None),
                       or_(pt.c.purchased_at >= at, pt.c.voided_at >= at)),
    ]
    top = len(settings.levels) - 1
    checks: list[Any] = [
        or_(*later),
        # The spend the level follows; at the top level already a sale (which only adds spend) keeps it.
        literal(0) if member.level == top else
        select(func.coalesce(func.sum(pt.c.total_cents), 0))
        .where(pt.c.member_id == mid, pt.c.voided_at.is_(None)).scalar_subquery(),
    ]
    if alive is not None:  # the points of the awards that outlive `until`
        checks.append(select(func.coalesce(func.sum(lt.c.points), 0))
                      .where(*_lot_rows(mid), lt.c.at >= alive).scalar_subquery())
    row = conn.execute(select(*checks)).one()
    if row[0]:
        return False
    level = top if member.level == top else max(settings.level_for_spend(int(row[1])), min(member.level_floor or 0, top))
    balance = member.points_balance
    if alive is not None and int(row[2]) < balance:
        return False  # the oldest award still open expires by `until`: the replay writes its expiry
    available = balance + earned if months else balance
    if available - redeem < 0:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Not enough points: the balance is {balance}, {needed} needed."),
            balance=available,
            needed=redeem,
        )
    draws: list[tuple[int, int]] = []  # (lot id or 0 for this sale's award, points)
    if redeem:
        if balance:
            taken = _draws_on_open_lots(conn, mid, balance, min(redeem, balance))
            if taken is None:
                return False
            draws.extend(taken)
        if redeem > balance:
            draws.append((0, redeem - balance))
    rows = []  # the redemption first, as post_fact writes it before the replay adds the earn row
    if redeem:
        rows.append({"member_id": mid, "at": at, "kind": "redeem", "points": -redeem, "purchase_id": purchase_id,
                     "note": note})
    if earned:
        rows.append({"member_id": mid, "at": at, "kind": "earn", "points": earned, "purchase_id": purchase_id,
                     "note": None})
    # One statement for both (asking for the ids in parameter order made SQLite take one each).
    ids = dict((kind, row_id) for row_id, kind in conn.execute(insert(lt).returning(lt.c.id, lt.c.kind), rows)) if rows else {}
    redeem_id, earn_id = ids.get("redeem"), ids.get("earn")
    if draws:
        conn.execute(insert(PointsDraw.__table__),
                     [{"debit_id": redeem_id, "lot_id": lot_id or earn_id, "points": got} for lot_id, got in draws])
    member.points_balance = balance + earned - redeem
    member.level = level
    return True


LOTS_PAGE = 16  # ledger rows read first from the end of a member's ledger; each further read doubles


def _draws_on_open_lots(conn: Connection, member_id: int, balance: int, wanted: int) -> list[tuple[int, int]] | None:
    """The draws of a debit of `wanted` points on the oldest awards still holding points.

    The open awards are the newest ones whose points add up to the balance (awards are drawn oldest
    first; the oldest open one, the head, may be partly drawn), so the member's rows are read from
    the newest back, a page at a time, only as far as the award before the head.  None when the
    awards drawn on, or their neighbours, were made at one moment (the replay orders those by facts
    not read here), or when the awards do not hold the cached balance: the replay decides then."""
    lt = PointsEntry.__table__
    lots: list[tuple[int, dt.datetime, int]] = []  # (id, at, points left), newest first
    held = 0
    before_head: dt.datetime | None = None
    last: tuple[Any, int] | None = None
    size = LOTS_PAGE
    while before_head is None:
        query = (select(lt.c.id, lt.c.at, lt.c.kind, lt.c.points).where(lt.c.member_id == member_id)
                 .order_by(lt.c.at.desc(), lt.c.id.desc()).limit(size))
        if last is not None:
            query = query.where(or_(lt.c.at < last[0], (lt.c.at == last[0]) & (lt.c.id < last[1])))
        page = conn.execute(query).all()
        for lot_id, at, kind, points in page:
            if points <= 0 or kind == "shortfall":
                continue
            if held >= balance:
                before_head = _when(at)
                break
            lots.append((lot_id, _when(at), min(points, balance - held)))
            held += points
        if len(page) < size:
            break
        last = (page[-1][1], page[-1][0])
        size *= 2
    if held < balance:
        return None
    draws: list[tuple[int, int]] = []
    moments = [] if before_head is None else [before_head]
    for lot_id, at, left in reversed(lots):
        moments.append(at)
        if wanted == 0:
            break  # (this award, the first one not drawn on, is a neighbour)
        got = min(wanted, left)
        draws.append((lot_id, got))
        wanted -= got
    if len(set(moments)) != len(moments):
        return None
    return draws


# ------------------------------------------------------------------ rebuilding from the facts

REBUILD_CHUNK = 500
BULK_ROWS_FROM = 200  # new ledger rows (or draws) from which a rebuild writes them through the bulk writer
_RowKey = tuple[str, dt.datetime, int, int | None, int | None]


def _chunks(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _sale_points(settings: Any, total: int, stored: int | None) -> int:
    if stored is not None:
        return stored
    return settings.points_for(total) if total > 0 else -settings.points_for(-total)


@dataclass
class _Facts:
    """What the rebuild reads for a set of members, keyed by member id."""

    sales: dict[int, list[SaleFact]] = field(default_factory=lambda: defaultdict(list))
    spend: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    entries: dict[int, list[EntryFact]] = field(default_factory=lambda: defaultdict(list))
    derived: dict[int, dict[_RowKey, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    draws: dict[int, dict[tuple[int, int, int], list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    state: dict[int, tuple[int, int, int | None]] = field(default_factory=dict)

    def add_sale(self, settings: Any, pid: int, mid: int, at: dt.datetime, total: int, voided: dt.datetime | None,
                 earned: int | None, batch: int | None, ref: str | None) -> None:
        if voided is None:
            self.spend[mid] += total
        points = _sale_points(settings, total, earned)
        if points:
            self.sales[mid].append(SaleFact(pid, at, points, voided, batch, ref or ""))

    def add_entry(self, eid: int, mid: int, at: dt.datetime, kind: str, points: int, purchase_id: int | None,
                  batch: int | None) -> None:
        if kind in DERIVED_POINT_KINDS:
            self.derived[mid][(kind, at, points, purchase_id, batch)].append(eid)
        else:
            self.entries[mid].append(EntryFact(eid, at, points))


def _one_of(column: Any, ids: list[int]) -> Any:
    """`column IN (...)`, or `column = id` for one member (a sale): that statement is compiled once
    and cached, where an IN list is rendered again for every call."""
    return column == ids[0] if len(ids) == 1 else column.in_(ids)


def _facts_of(conn: Connection, part: list[int], settings: Any) -> _Facts:
    """The facts of a few members, read through their member_id indexes (a sale, a void, an import)."""
    lt, dt_, pt, mt = PointsEntry.__table__, PointsDraw.__table__, Purchase.__table__, Member.__table__
    facts = _Facts()
    columns = (pt.c.id, pt.c.member_id, pt.c.purchased_at, pt.c.total_cents, pt.c.voided_at, pt.c.points_earned,
               pt.c.import_batch_id, pt.c.external_ref)
    # Live and voided sales apart: each reads its own partial index on member_id.
    live = select(*columns).where(_one_of(pt.c.member_id, part), pt.c.voided_at.is_(None))
    gone = select(*columns).where(_one_of(pt.c.member_id, part), pt.c.voided_at.is_not(None))
    for row in [*conn.execute(live).all(), *conn.execute(gone).all()]:
        facts.add_sale(settings, *row)
    member_of_entry: dict[int, int] = {}
    for eid, mid, at, kind, points, purchase_id, batch in conn.execute(
        select(lt.c.id, lt.c.member_id, lt.c.at, lt.c.kind, lt.c.points, lt.c.purchase_id, lt.c.import_batch_id)
        .where(_one_of(lt.c.member_id, part)).order_by(lt.c.id)
    ).all():
        member_of_entry[eid] = mid
        facts.add_entry(eid, mid, at, kind, points, purchase_id, batch)
    for did, debit, lot, points in conn.execute(
        select(dt_.c.id, dt_.c.debit_id, dt_.c.lot_id, dt_.c.points)
        .select_from(dt_.join(lt, lt.c.id == dt_.c.debit_id))
        .where(_one_of(lt.c.member_id, part))
    ).all():
        facts.draws[member_of_entry.get(debit, -1)][(debit, lot, points)].append(did)
    for mid, bal, lvl, floor in conn.execute(
        select(mt.c.id, mt.c.points_balance, mt.c.level, mt.c.level_floor).where(_one_of(mt.c.id, part))
    ):
        facts.state[mid] = (bal, lvl, floor)
    return facts


def _when(value: Any) -> Any:
    """A timestamp as the driver gave it: text on SQLite (SQLAlchemy's format), datetime on PostgreSQL."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _scan(conn: Connection, sql: str) -> list[Any]:
    """Every row of a plain query through the driver's cursor: a whole-table read of a million rows
    costs several times more as SQLAlchemy rows than the database takes to produce it."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _all_facts(conn: Connection, settings: Any) -> _Facts:
    """The facts of every member in one sequential read of each table (the full rebuild's fast path;
    `_facts_of` is its slow twin and must give the same).  The loops are written out: they run a
    million times each."""
    facts = _Facts()
    sales, spend, entries, derived, draws = facts.sales, facts.spend, facts.entries, facts.derived, facts.draws
    when = _when
    for pid, mid, at, total, voided, earned, batch, ref in _scan(
        conn, "SELECT id, member_id, purchased_at, total_cents, voided_at, points_earned, import_batch_id, "
              "external_ref FROM purchases WHERE member_id IS NOT NULL ORDER BY id"
    ):
        if voided is None:
            spend[mid] += total
        else:
            voided = when(voided)
        points = earned if earned is not None else _sale_points(settings, total, None)
        if points:
            sales[mid].append(SaleFact(pid, when(at), points, voided, batch, ref or ""))
    member_of_entry: dict[int, int] = {}
    for eid, mid, at, kind, points, purchase_id, batch in _scan(
        conn, "SELECT id, member_id, at, kind, points, purchase_id, import_batch_id FROM points_ledger ORDER BY id"
    ):
        member_of_entry[eid] = mid
        if kind in DERIVED_POINT_KINDS:
            derived[mid][(kind, when(at), points, purchase_id, batch)].append(eid)
        else:
            entries[mid].append(EntryFact(eid, when(at), points))
    for did, debit, lot, points in _scan(conn, "SELECT id, debit_id, lot_id, points FROM points_draws ORDER BY id"):
        draws[member_of_entry.get(debit, -1)][(debit, lot, points)].append(did)
    for mid, bal, lvl, floor in _scan(conn, "SELECT id, points_balance, level, level_floor FROM members"):
        facts.state[mid] = (bal, lvl, floor)
    return facts


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while millions of small objects are made: Python would walk all
    of them again and again (it doubled the full rebuild's time); they hold no cycles to collect."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass
class _Plan:
    """What a rebuild will write: rows and draws to drop and to add, balances and levels to set.
    New draws name their ends ("new", index into new_rows) or ("id", a stored row)."""

    drop_rows: list[int] = field(default_factory=list)
    drop_draws: list[int] = field(default_factory=list)
    new_rows: list[tuple[int, dt.datetime, str, int, int | None, int | None]] = field(default_factory=list)
    new_draws: list[tuple[tuple[str, int], tuple[str, int], int]] = field(default_factory=list)
    member_updates: list[dict[str, int]] = field(default_factory=list)


def _plan_members(part: Iterable[int], facts: _Facts, settings: Any, now: dt.datetime, balances: dict[int, int],
                  plan: _Plan) -> None:
    """Replay each member and note in `plan` only what differs from the stored rows."""
    top = len(settings.levels) - 1
    for mid in part:
        if mid not in facts.state:
            continue
        result = replay(facts.sales.get(mid, []), facts.entries.get(mid, []),
                        expiry_months=settings.points_expiry_months, until=now)
        existing = facts.derived.get(mid, {})
        end_of: dict[int, tuple[str, int]] = {}  # the replay's row index -> where that row is
        for index, row in enumerate(result.rows):
            same = existing.get((row.kind, row.at, row.points, row.purchase_id, row.import_batch_id))
            if same:
                # Alike rows (two expiries at one moment) are matched oldest id first, the order they
                # were inserted in, so their draws match too and a second run writes nothing.
                end_of[index] = ("id", same.pop(0))
            else:
                end_of[index] = ("new", len(plan.new_rows))
                plan.new_rows.append((mid, row.at, row.kind, row.points, row.purchase_id, row.import_batch_id))
        for id_list in existing.values():
            plan.drop_rows.extend(id_list)
        wanted = facts.draws.get(mid, {})
        for debit, lot, points in result.draws:
            d = end_of[debit[1]] if debit[0] == "new" else ("id", debit[1])
            lid = end_of[lot[1]] if lot[0] == "new" else ("id", lot[1])
            same = wanted.get((d[1], lid[1], points)) if d[0] == "id" and lid[0] == "id" else None
            if same:
                same.pop()
            else:
                plan.new_draws.append((d, lid, points))
        for id_list in wanted.values():
            plan.drop_draws.extend(id_list)
        balances[mid] = result.balance
        bal, lvl, floor = facts.state[mid]
        level = max(settings.level_for_spend(facts.spend.get(mid, 0)), min(floor or 0, top))
        if bal != result.balance or lvl != level:
            plan.member_updates.append({"mid": mid, "bal": result.balance, "lvl": level})


def _write_plan(conn: Connection, plan: _Plan, batch: int) -> None:
    """Every drop before any insert (an id a drop frees may be given to a new row), then the new
    rows and draws `batch` at a time, then the balances and levels."""
    lt, dt_, mt = PointsEntry.__table__, PointsDraw.__table__, Member.__table__
    for ids_part in _chunks(plan.drop_draws, 900):
        conn.execute(delete(dt_).where(dt_.c.id.in_(ids_part)))
    for ids_part in _chunks(plan.drop_rows, 900):
        conn.execute(delete(dt_).where(or_(dt_.c.debit_id.in_(ids_part), dt_.c.lot_id.in_(ids_part))))
        conn.execute(delete(lt).where(lt.c.id.in_(ids_part)))
    new_ids: list[int] = []
    if len(plan.new_rows) >= BULK_ROWS_FROM:
        # Many rows (an import, a full rebuild): ids reserved in one go and the rows written through
        # the bulk writer; RETURNING in parameter order made SQLite insert them one statement each.
        new_ids = _bulk().reserve_ids(conn, lt, len(plan.new_rows))
        _bulk().insert_rows(conn, lt, ["id", "member_id", "at", "kind", "points", "purchase_id", "import_batch_id"],
                    ((rid, *row) for rid, row in zip(new_ids, plan.new_rows, strict=True)))
    else:
        for start in range(0, len(plan.new_rows), batch):
            rows = [{"member_id": mid, "at": at, "kind": kind, "points": points, "purchase_id": pid,
                     "import_batch_id": batch_id, "note": None}
                    for mid, at, kind, points, pid, batch_id in plan.new_rows[start:start + batch]]
            new_ids.extend(conn.execute(insert(lt).returning(lt.c.id, sort_by_parameter_order=True), rows).scalars())

    def end(ref: tuple[str, int]) -> int:
        return new_ids[ref[1]] if ref[0] == "new" else ref[1]

    if len(plan.new_draws) >= BULK_ROWS_FROM:
        _bulk().insert_rows(conn, dt_, ["debit_id", "lot_id", "points"], ((end(d), end(lot), p) for d, lot, p in plan.new_draws))
    else:
        for start in range(0, len(plan.new_draws), batch):
            conn.execute(insert(dt_), [{"debit_id": end(d), "lot_id": end(lot), "points": p}
                                       for d, lot, p in plan.new_draws[start:start + batch]])
    for start in range(0, len(plan.member_updates), batch):
        conn.execute(
            update(mt).where(mt.c.id == bindparam("mid")).values(points_balance=bindparam("bal"), level=bindparam("lvl")),
            plan.member_updates[start:start + batch],
        )


def rebuild_points(
    conn: Connection, member_ids: Iterable[int], settings: Any, now: dt.datetime, *, chunk: int = REBUILD_CHUNK
) -> dict[int, int]:
    """Bring the derived ledger rows, the draws, the cached balance and the level of these members in
    line with their facts; writes only what differs (a second run writes nothing).  Returns balances.

    Level = the highest of the level the spend reaches under today's thresholds and the level set by
    hand or by a member list (level_floor)."""
    balances: dict[int, int] = {}
    for part in _chunks(sorted(set(member_ids)), chunk):
        plan = _Plan()
        _plan_members(part, _facts_of(conn, part, settings), settings, now, balances, plan)
        _write_plan(conn, plan, max(1, len(plan.new_rows) + len(plan.new_draws) + len(plan.member_updates)))
    return balances


WRITE_CHUNK = 5_000


def rebuild_every_member(conn: Connection, settings: Any, now: dt.datetime, *, chunk: int = WRITE_CHUNK) -> int:
    """`rebuild_points` for every member not erased, reading each table once, in order, instead of
    looking up a few hundred members at a time, and writing `chunk` rows per statement.  The whole
    plan is made before anything is written, since the facts were read up front.  Returns members."""
    with _collection_paused():
        facts = _all_facts(conn, settings)
        ids = _live_member_ids(conn)
        plan = _Plan()
        _plan_members(ids, facts, settings, now, {}, plan)
        del facts
        _write_plan(conn, plan, chunk)
    return len(ids)


def _live_member_ids(conn: Connection) -> list[int]:
    mt = Member.__table__
    return list(conn.execute(select(mt.c.id).where(mt.c.status != "erased").order_by(mt.c.id)).scalars())


def rebuild_after_import(conn: Connection, batch_id: int, settings: Any, now: dt.datetime,
                         also_purchases: Sequence[int] = (), *, set_based: bool = True, rated: bool = False) -> int:
    """Fix the points each imported sale earns at today's rate, then bring its members' points in line.

    `also_purchases`: earlier receipts this batch added lines to (their totals changed too).
    rated=True: the batch's own purchases were written with points_earned at today's rate already
    (`points_earned_now`), so only `also_purchases` are rated here.
    Members whose points are plain earnings (see `_earn_only_members`) are done set-based in SQL
    over the touched members alone; the others are replayed (`rebuild_points`, the slow twin,
    also used for all of them when set_based=False)."""
    pt = Purchase.__table__
    extra = sorted(set(also_purchases))
    touched = or_(pt.c.import_batch_id == batch_id, pt.c.id.in_(extra)) if extra else pt.c.import_batch_id == batch_id
    rate = (pt.c.id.in_(extra) if extra else None) if rated else touched
    if rate is not None:
        conn.execute(
            update(pt)
            .where(rate, pt.c.member_id.is_not(None))
            .values(points_earned=_rate_points(settings, pt.c.total_cents))
        )
    members = sorted(conn.execute(select(pt.c.member_id).where(touched, pt.c.member_id.is_not(None)).distinct()).scalars())
    replayed = members
    if set_based and members:
        replayed = rebuild_earn_only(conn, members, settings)
    rebuild_points(conn, replayed, settings, now)
    return len(members)


def points_earned_now(settings: Any, total: int) -> int:
    """The points a member's sale of this total earns at today's rate (a refund: takes back), as
    `rebuild_after_import` fixes them on an imported sale; `_rate_points` is the same in SQL."""
    return _sale_points(settings, total, None)


def _rate_points(settings: Any, total: Any) -> Any:
    """SQL for `_sale_points(settings, total, None)`: the points a total earns (a refund: takes back)
    at the shop's rate.  Integer division of non-negative numbers, so SQL and Python agree."""
    unit, per = max(1, int(settings.points_spend_unit_cents)), int(settings.points_per_unit)
    return case(
        (total > 0, (total // literal(unit)) * literal(per)),
        else_=-(((-total) // literal(unit)) * literal(per)),
    )


_TOUCHED = "points_touched_members"
STATISTICS_FROM = 1_000  # earn rows written at once from which the ledger's statistics are refreshed


def _bulk() -> Any:
    """shopcrm.db.bulk, imported when a bulk write happens: it loads numpy, and this module is
    imported when the shop opens, which must not load numpy (start-up speed; tests/db/test_lazy_startup.py)."""
    from shopcrm.db import bulk  # here: it loads numpy (start-up speed)

    return bulk


def _touched_table(conn: Connection, member_ids: Sequence[int]) -> Table:
    """A temporary table of member ids, so the set-based statements join instead of carrying
    tens of thousands of ids in IN lists.  Emptied before use (PostgreSQL keeps it to the commit)."""
    bulk = _bulk()
    if bulk.is_sqlite(conn):
        conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (member_id INTEGER PRIMARY KEY)")
    else:
        conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (member_id BIGINT PRIMARY KEY) ON COMMIT DROP")
    table = Table(_TOUCHED, MetaData(), Column("member_id", Integer, primary_key=True))
    conn.execute(delete(table))
    bulk.write_chunks(conn, table, ["member_id"], [[(mid,) for mid in member_ids[i:i + 20_000]]
                                              for i in range(0, len(member_ids), 20_000)])
    # Its statistics, so the planner starts from these members and reads their rows through the
    # member_id indexes: without them SQLite scanned every purchase of a large shop (4 s of 5).
    conn.exec_driver_sql(f"ANALYZE {_TOUCHED}")
    return table


def _earn_only_members(conn: Connection, tt: Table, settings: Any) -> set[int]:
    """Of the members in `tt`, those whose replay is nothing but one earn row per sale that earns
    points: no expiry configured, no voided sale, no refund, no row but earn rows in their ledger
    (so none of the shop's redemptions, adjustments or returns) and no draws.  For them the
    balance is the sum of their sales' points, and the rows are known without replaying."""
    if settings.points_expiry_months:
        return set()
    pt, lt, dt_ = Purchase.__table__, PointsEntry.__table__, PointsDraw.__table__
    points = func.coalesce(pt.c.points_earned, _rate_points(settings, pt.c.total_cents))
    involved = union(
        select(pt.c.member_id).join(tt, tt.c.member_id == pt.c.member_id)
        .where(or_(pt.c.voided_at.is_not(None), points < 0)),
        select(lt.c.member_id).join(tt, tt.c.member_id == lt.c.member_id).where(lt.c.kind != "earn"),
        select(lt.c.member_id).join(tt, tt.c.member_id == lt.c.member_id)
        .where(or_(exists().where(dt_.c.lot_id == lt.c.id), exists().where(dt_.c.debit_id == lt.c.id))),
    )
    return set(conn.execute(select(tt.c.member_id)).scalars()) - set(conn.execute(involved).scalars())


def rebuild_earn_only(conn: Connection, member_ids: Sequence[int], settings: Any) -> list[int]:
    """`rebuild_points` for the members whose points are plain earnings, as a few set-based
    statements over them (the import's fast path; `rebuild_points` is its slow twin and must
    leave the same rows, balances and levels).  Returns the other members, still to be replayed."""
    if not member_ids:
        return []
    tt = _touched_table(conn, member_ids)
    others = _rebuild_earn_only(conn, tt, member_ids, settings)
    _drop_touched_table(conn)  # (on a failure the rollback takes the table away with the rest)
    return others


def _drop_touched_table(conn: Connection) -> None:
    """Drop the temporary table, and on SQLite the statistics table its ANALYZE made in the
    connection's temp schema (it would hide the shop's own sqlite_stat1 from unqualified reads)."""
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_TOUCHED}")
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sqlite_stat1")


def _rebuild_earn_only(conn: Connection, tt: Table, member_ids: Sequence[int], settings: Any) -> list[int]:
    simple = _earn_only_members(conn, tt, settings)
    others = sorted(set(member_ids) - simple)
    if not simple:
        return others
    if others:  # keep only the earn-only members in the table the statements join
        for part in _chunks(others, 900):
            conn.execute(delete(tt).where(tt.c.member_id.in_(part)))
    pt, lt, mt = Purchase.__table__, PointsEntry.__table__, Member.__table__
    points = func.coalesce(pt.c.points_earned, _rate_points(settings, pt.c.total_cents))
    row = lt.alias("stored_row")  # the rows of these members as they are now
    own_sale = (  # the sale an earn row stands for, unchanged
        select(literal(1)).select_from(pt)
        .where(pt.c.id == row.c.purchase_id, pt.c.member_id == row.c.member_id, pt.c.voided_at.is_(None),
               pt.c.purchased_at == row.c.at, points == row.c.points, points > 0,
               pt.c.import_batch_id.is_not_distinct_from(row.c.import_batch_id))
    )
    twin = lt.alias("twin")  # an identical row with a smaller id: the older one is kept
    older_twin = (
        select(literal(1)).select_from(twin)
        .where(twin.c.purchase_id == row.c.purchase_id, twin.c.member_id == row.c.member_id, twin.c.kind == row.c.kind,
               twin.c.at == row.c.at, twin.c.points == row.c.points,
               twin.c.import_batch_id.is_not_distinct_from(row.c.import_batch_id), twin.c.id < row.c.id)
    )
    stale = (select(row.c.id).join(tt, tt.c.member_id == row.c.member_id)
             .where(or_(row.c.kind != "earn", ~own_sale.exists(), older_twin.exists())))
    conn.execute(delete(lt).where(lt.c.id.in_(stale)))
    kept = lt.alias("kept")
    have = (select(literal(1)).select_from(kept)
            .where(kept.c.purchase_id == pt.c.id, kept.c.member_id == pt.c.member_id, kept.c.kind == "earn"))
    wanted = (
        select(pt.c.member_id, pt.c.purchased_at, literal("earn"), points, pt.c.id, pt.c.import_batch_id)
        .join(tt, tt.c.member_id == pt.c.member_id)
        .where(pt.c.voided_at.is_(None), points > 0, ~have.exists())
    )  # in the order the database finds them (an ORDER BY doubled the statement's time; ids carry no meaning here)
    added = conn.execute(insert(lt).from_select(["member_id", "at", "kind", "points", "purchase_id", "import_batch_id"],
                                                wanted)).rowcount
    if added and added >= STATISTICS_FROM:  # a bulk write: the planner's statistics follow it (shopcrm.db.bulk)
        _bulk().refresh_statistics(conn, [lt])
    earned = func.coalesce(func.sum(case((points > 0, points), else_=0)), 0)
    sums = (select(pt.c.member_id, earned, func.coalesce(func.sum(pt.c.total_cents), 0))
            .join(tt, tt.c.member_id == pt.c.member_id).where(pt.c.voided_at.is_(None)).group_by(pt.c.member_id))
    balance_spend = {mid: (int(bal), int(spend)) for mid, bal, spend in conn.execute(sums)}
    top = len(settings.levels) - 1
    updates = []
    for mid, bal, lvl, floor in conn.execute(
        select(mt.c.id, mt.c.points_balance, mt.c.level, mt.c.level_floor).join(tt, tt.c.member_id == mt.c.id)
    ):
        balance, spend = balance_spend.get(mid, (0, 0))
        level = max(settings.level_for_spend(spend), min(floor or 0, top))
        if bal != balance or lvl != level:
            updates.append({"mid": mid, "bal": balance, "lvl": level})
    if updates:
        conn.execute(update(mt).where(mt.c.id == bindparam("mid")).values(points_balance=bindparam("bal"),
                                                                           level=bindparam("lvl")), updates)
    return others


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
        return rebuild_every_member(s.connection(), settings_in(s), now or shop_now())


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
