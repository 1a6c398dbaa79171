"""The Members screen's queries: filtered and sorted id lists, pages of rows, filter choices; and the
one row type of every member table (MemberRow, load_rows), on screen, on paper and in a spreadsheet.

A shop can have 100k members, so the table never loads them all: one query returns the ids in the
chosen order (filtering and sorting done by the database, the filter by
shopcrm.services.members.filters), and rows are read a page at a time as they scroll into view.
Classes come from the latest classification snapshot; live fields (name, points, level) from the
members table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import CampaignMember, Member, MemberTag, SnapshotMember
from shopcrm.engine.demographics import CLASSES as AGE_BANDS
from shopcrm.errors import QT_TRANSLATE_NOOP
from shopcrm.io.phones import display_phone
from shopcrm.jobs import Progress
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.members.birthdays import format_member_birthday
from shopcrm.services.members.filters import (
    CLASS_CODES,
    CLASS_FILTERS,
    MEMBER_FILTERS,
    MemberFilter,
    filter_conditions,
    member_select,
    validate_filter,
)

MAX_PAGE = 500
CHUNK = 500  # ids per IN (...) query: well below every backend's parameter limit


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    as_of: dt.date
    created_at: dt.datetime
    members: int
    window_days: int


@dataclass(frozen=True)
class MemberRow:
    """A member as every member table shows them (the Members screen, a promotion list on screen, on
    paper and in a spreadsheet): own fields, classes of the list's snapshot, the list's contact mark.
    The phone is kept as stored (E.164); a screen shows `phone_display`, an output masks it."""

    member_id: int
    card_no: str
    name: str | None
    phone: str | None
    level: int
    points: int
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    registered_on: dt.date | None
    source: str | None
    area: str | None
    consent: bool
    status: str
    gender: str | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    consent_at: dt.datetime | None = None
    last_purchase: dt.date | None = None
    visits: int | None = None
    spend_cents: int | None = None
    total_spend_cents: int | None = None
    segment: str | None = None
    pyramid: str | None = None
    lifecycle: str | None = None
    churn_level: str | None = None
    abcd: str | None = None
    frequency: str | None = None
    spend_class: str | None = None
    preference: str | None = None
    favourite_category: str | None = None
    contacted_at: dt.datetime | None = None
    birth_calendar: str = "solar"
    birth_leap_month: bool = False

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone)

    @property
    def birthday(self) -> str:
        return format_member_birthday(self.birth_year, self.birth_month, self.birth_day, self.birth_calendar,
                                      self.birth_leap_month)


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English, translated in context "MemberColumns"
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("card_no", QT_TRANSLATE_NOOP("MemberColumns", "Card no.")),
    Column("name", QT_TRANSLATE_NOOP("MemberColumns", "Name")),
    Column("phone", QT_TRANSLATE_NOOP("MemberColumns", "Phone")),
    Column("level", QT_TRANSLATE_NOOP("MemberColumns", "Level")),
    Column("points", QT_TRANSLATE_NOOP("MemberColumns", "Points"), numeric=True),
    Column("segment", QT_TRANSLATE_NOOP("MemberColumns", "Segment")),
    Column("pyramid", QT_TRANSLATE_NOOP("MemberColumns", "Tier")),
    Column("lifecycle", QT_TRANSLATE_NOOP("MemberColumns", "Lifecycle")),
    Column("churn_level", QT_TRANSLATE_NOOP("MemberColumns", "Churn risk")),
    Column("abcd", QT_TRANSLATE_NOOP("MemberColumns", "Value")),
    Column("last_purchase", QT_TRANSLATE_NOOP("MemberColumns", "Last visit")),
    Column("visits", QT_TRANSLATE_NOOP("MemberColumns", "Visits"), numeric=True),
    Column("spend_cents", QT_TRANSLATE_NOOP("MemberColumns", "Spend"), numeric=True),
    Column("birthday", QT_TRANSLATE_NOOP("MemberColumns", "Birthday")),
    Column("source", QT_TRANSLATE_NOOP("MemberColumns", "Source")),
    Column("area", QT_TRANSLATE_NOOP("MemberColumns", "Area")),
    Column("registered_on", QT_TRANSLATE_NOOP("MemberColumns", "Registered")),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

_SORT_EXPR: dict[str, Any] = {
    "card_no": Member.card_no,
    "name": Member.name,
    "phone": Member.phone,
    "level": Member.level,
    "points": Member.points_balance,
    "segment": SnapshotMember.segment,
    "pyramid": SnapshotMember.pyramid,
    "lifecycle": SnapshotMember.lifecycle,
    "churn_level": SnapshotMember.churn_level,
    "abcd": SnapshotMember.abcd,
    "last_purchase": SnapshotMember.last_purchase,
    "visits": SnapshotMember.visits,
    "spend_cents": SnapshotMember.spend_cents,
    "birthday": (Member.birth_month, Member.birth_day),
    "source": Member.source,
    "area": Member.area,
    "registered_on": Member.registered_on,
}
# Classes sort by meaning (platinum before lead), not by the spelling of their codes.
_CLASS_RANKS: dict[str, tuple[str, ...]] = {
    "pyramid": CLASS_CODES["pyramid"],  # best first, as the engine lists them
    "churn_level": CLASS_CODES["churn_level"][::-1],  # the highest risk first
    "lifecycle": ("potential", "new", "active", "at_risk", "won_back", "churned"),  # a member's path, not the code list
}


def latest_snapshot(db: Database) -> SnapshotInfo | None:
    """The classification the screens show: latest 'as of' date, newest run of that date."""
    with db.read() as s:
        return latest_info_in(s)


def latest_info_in(s: Session) -> SnapshotInfo | None:
    row = latest_snapshot_in(s)
    if row is None:
        return None
    return SnapshotInfo(row.id, row.as_of, row.created_at, row.members, row.window_days)


def sort_expressions(sort_key: str) -> list[ColumnElement[Any]]:
    """The ORDER BY expressions of a column, before the id tie-breaker (classes by meaning, not spelling);
    the whole-list query and the windowed pages order by exactly these."""
    if sort_key not in _SORT_EXPR:
        sort_key = "card_no"
    expr = _SORT_EXPR[sort_key]
    exprs = list(expr) if isinstance(expr, tuple) else [expr]
    ranks = _CLASS_RANKS.get(sort_key)
    if ranks:
        exprs = [case({code: i for i, code in enumerate(ranks)}, value=expr, else_=len(ranks))]
    return exprs


def order_members(stmt: Select[Any], sort_key: str, descending: bool) -> Select[Any]:
    ordered = [(e.desc() if descending else e.asc()).nulls_last() for e in sort_expressions(sort_key)]
    return stmt.order_by(*ordered, Member.id.desc() if descending else Member.id.asc())


def member_ids(
    db: Database, flt: MemberFilter | None = None, *, sort_key: str = "card_no", descending: bool = False
) -> tuple[list[int], SnapshotInfo | None]:
    """Every matching member id in the requested order, and the snapshot the classes came from."""
    flt = flt or MemberFilter()
    with db.read() as s:
        snap = latest_info_in(s)
        stmt = order_members(member_select([Member.id], flt, snap.id if snap else None), sort_key, descending)
        ids = _fetch_ids(s, stmt)
    return ids, snap


def _fetch_ids(s: Session, stmt: Select[Any]) -> list[int]:
    """One column of up to 100k ints: on SQLite straight from the driver's cursor (a third of the
    time of building a result row per id); elsewhere through SQLAlchemy."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return list(conn.execute(stmt).scalars())
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in (compiled.positiontup or ())]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return [row[0] for row in cursor.execute(str(compiled), params)]
    finally:
        cursor.close()


def count_in(s: Session, flt: MemberFilter, snapshot_id: int | None) -> int:
    """How many members the list of `flt` holds: the one count every screen shows for a class
    (the Members filter bar, the dashboard's at-risk card, the CLI), so they cannot disagree."""
    return int(s.execute(member_select([func.count(Member.id)], flt, snapshot_id)).scalar_one())


def count_members(db: Database, flt: MemberFilter | None = None) -> int:
    flt = flt or MemberFilter()
    with db.read() as s:
        snap = latest_info_in(s)
        return count_in(s, flt, snap.id if snap else None)


_ROW_COLUMNS = (
    Member.id, Member.card_no, Member.name, Member.phone, Member.gender, Member.level, Member.points_balance,
    Member.birth_year, Member.birth_month, Member.birth_day, Member.birth_calendar, Member.birth_leap_month,
    Member.registered_on, Member.source, Member.area, Member.consent, Member.status, Member.notes, Member.consent_at,
    SnapshotMember.last_purchase, SnapshotMember.visits, SnapshotMember.spend_cents, SnapshotMember.total_spend_cents,
    SnapshotMember.segment, SnapshotMember.pyramid, SnapshotMember.lifecycle, SnapshotMember.churn_level,
    SnapshotMember.abcd, SnapshotMember.frequency, SnapshotMember.spend_class, SnapshotMember.preference,
    SnapshotMember.favourite_category,
)


def load_rows(
    s: Session,
    ids: Sequence[int],
    snapshot_id: int | None,
    *,
    campaign_id: int | None = None,
    progress: Progress | None = None,
) -> list[MemberRow]:
    """The rows of these members in the order given (ids not found left out), read a chunk at a time;
    with `campaign_id`, each with its contact mark on that campaign."""
    out: list[MemberRow] = []
    total = len(ids)
    for start in range(0, total, CHUNK):
        chunk = list(ids[start:start + CHUNK])
        stmt = (
            select(*_ROW_COLUMNS)
            .select_from(Member)
            .outerjoin(SnapshotMember, and_(SnapshotMember.member_id == Member.id,
                                            SnapshotMember.snapshot_id == (snapshot_id or -1)))
            .where(Member.id.in_(chunk))
        )
        if campaign_id is not None:
            stmt = stmt.add_columns(CampaignMember.contacted_at).outerjoin(
                CampaignMember, and_(CampaignMember.member_id == Member.id, CampaignMember.campaign_id == campaign_id))
        tags: dict[int, list[str]] = {}
        for member_id, tag in s.execute(
            select(MemberTag.member_id, MemberTag.tag).where(MemberTag.member_id.in_(chunk)).order_by(MemberTag.tag)
        ):
            tags.setdefault(member_id, []).append(tag)
        found: dict[int, MemberRow] = {}
        for r in s.execute(stmt):
            found[r.id] = MemberRow(
                member_id=r.id, card_no=r.card_no, name=r.name, phone=r.phone, level=r.level,
                points=r.points_balance, birth_year=r.birth_year, birth_month=r.birth_month, birth_day=r.birth_day,
                registered_on=r.registered_on, source=r.source, area=r.area, consent=bool(r.consent),
                status=r.status, gender=r.gender, tags=tuple(tags.get(r.id, ())), notes=r.notes,
                consent_at=r.consent_at, last_purchase=r.last_purchase,
                visits=r.visits, spend_cents=r.spend_cents, total_spend_cents=r.total_spend_cents, segment=r.segment,
                pyramid=r.pyramid, lifecycle=r.lifecycle, churn_level=r.churn_level, abcd=r.abcd,
                frequency=r.frequency, spend_class=r.spend_class, preference=r.preference,
                favourite_category=r.favourite_category, contacted_at=getattr(r, "contacted_at", None),
                birth_calendar=r.birth_calendar or "solar", birth_leap_month=bool(r.birth_leap_month),
            )
        out.extend(found[i] for i in chunk if i in found)
        if progress is not None:
            progress(min(start + CHUNK, total), total, "")
    return out


def member_rows(db: Database, ids: Sequence[int], snapshot_id: int | None) -> dict[int, MemberRow]:
    """The rows of these members (one page of the table), keyed by id."""
    with db.read() as s:
        return {row.member_id: row for row in load_rows(s, list(ids)[:MAX_PAGE], snapshot_id)}


def classified_select(columns: Sequence[Any], snapshot_id: int, flt: MemberFilter | None = None) -> Select[Any]:
    """The snapshot's rows of the members the Members list shows for `flt` (default: current members).

    Every count of a class on any screen or in the CLI is taken over this one set, so "at risk 299"
    on the dashboard is the length of the list the Members screen opens for it (SPEC §10)."""
    return member_select(list(columns), flt or MemberFilter(), snapshot_id).where(SnapshotMember.member_id.is_not(None))


def class_tallies(s: Session, snapshot_id: int, columns: Sequence[Any], status: str = "active") -> list[Counter[Any]]:
    """Members per value of each column, over exactly the members the Members list shows with that one
    filter (the snapshot's rows of members with this status), in one pass: the snapshot's rows are
    wide, so one scan beats one GROUP BY per classification."""
    tallies: list[Counter[Any]] = [Counter() for _ in columns]
    result = s.connection().execute(classified_select(columns, snapshot_id, MemberFilter(status=status)))
    # In chunks: each step is short, so a GUI thread waiting for the interpreter lock gets it.
    while chunk := result.fetchmany(2000):
        for tally, values in zip(tallies, zip(*chunk, strict=True), strict=True):
            tally.update(values)
    return tallies


def members_of_status(s: Session, ident: Any, status: str) -> ColumnElement[bool]:
    """`ident` (a member id column) is a member the list of this status ("active", "archived",
    "all") shows: said as "not one of the members of another status", which are few (a range of the
    status index each), or as nothing at all when there are none; never by looking every member up."""
    values = sorted(("active", "archived") if status == "all" else (status,))
    others = or_(Member.status < values[0], *(and_(Member.status > a, Member.status < b)
                                              for a, b in zip(values, values[1:], strict=False)),
                 Member.status > values[-1])
    if s.execute(select(Member.id).where(others).limit(1)).first() is None:
        return true()
    return ident.not_in(select(Member.id).where(others))


def _class_counts(s: Session, snap: SnapshotInfo, status: str = "active") -> dict[str, dict[str, int]]:
    """Members per class of every class filter, as the list shows them with that filter: the
    snapshot's rows of members with this status, one GROUP BY each in the database (the classes
    with a sort index read only that index; counting a million rows in Python took 4.6 s of the
    interpreter, which the screen's own reads waited for)."""
    kept = members_of_status(s, SnapshotMember.member_id, status)
    out: dict[str, dict[str, int]] = {}
    for name in CLASS_FILTERS:
        column = getattr(SnapshotMember, name)
        rows = s.execute(select(column, func.count()).where(SnapshotMember.snapshot_id == snap.id, kept)
                         .group_by(column))
        out[name] = {str(k): int(n) for k, n in rows if k is not None and k != ""}
    return out


def filter_choices(db: Database, status: str = "active") -> dict[str, list[tuple[str, int]]]:
    """For each filter, the values present (classes: in the latest snapshot) with the number of members
    the list then shows: counted by the list's own query, for members with this status."""
    validate_filter(MemberFilter(status=status))
    with db.read() as s:
        snap = latest_info_in(s)
        out: dict[str, list[tuple[str, int]]] = {name: [] for name in CLASS_FILTERS}
        if snap is not None:
            for name, tally in _class_counts(s, snap, status).items():
                present = [(code, n) for code, n in tally.items() if n and code not in ("", "unknown")]
                # age bands youngest first, as the Tiers & segments chart shows them; other codes by name
                out[name] = sorted(present, key=lambda c: (AGE_BANDS.index(c[0]) if c[0] in AGE_BANDS else -1, c[0])
                                   if name == "age_band" else (0, c[0]))
        # The members alone (no snapshot join), and the tags by their own index: the same counts.
        of_status = filter_conditions(MemberFilter(status=status), None, dt.date.today())
        for name in MEMBER_FILTERS:
            col = getattr(Member, name)
            rows = s.execute(select(col, func.count()).where(*of_status, col.is_not(None)).group_by(col).order_by(col)).all()
            out[name] = [(str(v), int(n)) for v, n in rows]
        tagged = func.count(MemberTag.member_id)
        out["tag"] = [
            (str(t), int(n))
            for t, n in s.execute(
                select(MemberTag.tag, tagged).where(members_of_status(s, MemberTag.member_id, status))
                .group_by(MemberTag.tag).order_by(tagged.desc(), MemberTag.tag).limit(200)
            )
        ]
        return out
