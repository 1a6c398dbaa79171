"""The Members screen's queries: filtered and sorted id lists, pages of rows, filter choices.

A shop can have 100k members, so the table never loads them all: one query returns the ids in the
chosen order (filtering and sorting done by the database), and rows are read a page at a time as
they scroll into view.  Classes come from the latest classification snapshot; live fields (name,
points, level) from the members table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, MemberTag, SnapshotMember
from shopcrm.engine.demographics import CLASSES as AGE_BANDS
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.phones import display_phone
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.members.birthdays import birthday_on_days_condition, format_member_birthday, month_days

STATUS_CHOICES = ("active", "archived", "all")
# Snapshot columns a list can be filtered by (value equality), in the order a filter bar shows them.
CLASS_FILTERS = ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class",
                 "preference", "age_band")
MEMBER_FILTERS = ("source", "gender")
MAX_PAGE = 500


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    as_of: dt.date
    created_at: dt.datetime
    members: int
    window_days: int


@dataclass(frozen=True)
class MemberFilter:
    """What the Members screen (or a chart drill-down) asks for.  None/empty means 'any'."""

    text: str = ""
    status: str = "active"
    segment: str | None = None
    pyramid: str | None = None
    lifecycle: str | None = None
    churn_level: str | None = None
    abcd: str | None = None
    frequency: str | None = None
    spend_class: str | None = None
    preference: str | None = None
    age_band: str | None = None
    level: int | None = None
    source: str | None = None
    gender: str | None = None
    tag: str | None = None
    birthday_month: int | None = None
    consent_only: bool = False
    member_ids: tuple[int, ...] | None = None  # an explicit list (a chart cell, a campaign)

    def with_changes(self, **changes: Any) -> MemberFilter:
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemberFilter:
        """Known keys only (drill-downs pass plain dicts); unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        if values.get("member_ids") is not None:
            values["member_ids"] = tuple(int(i) for i in values["member_ids"])
        return cls(**values)

    def needs_snapshot(self) -> bool:
        return any(getattr(self, name) for name in CLASS_FILTERS)


@dataclass(frozen=True)
class MemberRow:
    """One line of the table: the member's own fields and the latest snapshot's classes."""

    id: int
    card_no: str
    name: str | None
    phone_display: str
    gender: str | None
    birthday: str
    registered_on: dt.date | None
    source: str | None
    area: str | None
    points: int
    level: int
    status: str
    consent: bool
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
    tags: tuple[str, ...] = field(default_factory=tuple)


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
    "pyramid": ("platinum", "gold", "iron", "lead"),
    "churn_level": ("high", "medium", "low", "none"),
    "lifecycle": ("potential", "new", "active", "at_risk", "won_back", "churned"),
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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_condition(text: str) -> ColumnElement[bool] | None:
    clean = unicodedata.normalize("NFKC", text or "").strip()
    if not clean:
        return None
    like = _escape_like(clean)
    conditions: list[ColumnElement[bool]] = [
        # ilike: case-insensitive on PostgreSQL too (SQLite's LIKE already is, for ASCII).
        Member.name.ilike(f"%{like}%", escape="\\"),
        Member.card_no.ilike(f"{like}%", escape="\\"),
        Member.area.ilike(f"%{like}%", escape="\\"),
    ]
    digits = re.sub(r"\D", "", clean)
    if digits and re.fullmatch(r"[\d\s\-+]+", clean):
        if len(digits) == 4:
            conditions.append(Member.phone_last4 == digits)
        else:
            conditions.append(Member.phone.like(f"%{digits}%"))
    conditions.append(exists().where(MemberTag.member_id == Member.id, MemberTag.tag == clean))
    return or_(*conditions)


def _validate(flt: MemberFilter) -> None:
    if flt.status not in STATUS_CHOICES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown member status {status}."), "status", status=flt.status)
    if flt.birthday_month is not None and not 1 <= flt.birthday_month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A month goes from 1 to 12."), "birthday_month")


def member_select(columns: Sequence[Any], flt: MemberFilter, snapshot_id: int | None) -> Select[Any]:
    """Members LEFT JOIN their row of the latest snapshot, with every filter applied."""
    _validate(flt)
    stmt = select(*columns).select_from(Member).outerjoin(
        SnapshotMember,
        and_(SnapshotMember.member_id == Member.id, SnapshotMember.snapshot_id == (snapshot_id or -1)),
    )
    if flt.status == "all":
        stmt = stmt.where(Member.status.in_(("active", "archived")))
    else:
        stmt = stmt.where(Member.status == flt.status)
    condition = _text_condition(flt.text)
    if condition is not None:
        stmt = stmt.where(condition)
    for name in CLASS_FILTERS:
        value = getattr(flt, name)
        if value:
            stmt = stmt.where(getattr(SnapshotMember, name) == value)
    for name in MEMBER_FILTERS:
        value = getattr(flt, name)
        if value:
            stmt = stmt.where(getattr(Member, name) == value)
    if flt.level is not None:
        stmt = stmt.where(Member.level == flt.level)
    if flt.birthday_month is not None:  # a lunar birthday by the solar date it falls on this year
        stmt = stmt.where(birthday_on_days_condition(month_days(dt.date.today().year, flt.birthday_month)))
    if flt.consent_only:
        stmt = stmt.where(Member.consent.is_(True))
    if flt.tag:
        stmt = stmt.where(exists().where(MemberTag.member_id == Member.id, MemberTag.tag == flt.tag.strip()))
    if flt.member_ids is not None:
        stmt = stmt.where(Member.id.in_(list(flt.member_ids)))
    return stmt


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
    Member.id, Member.card_no, Member.name, Member.phone, Member.gender, Member.birth_year, Member.birth_month,
    Member.birth_day, Member.registered_on, Member.source, Member.area, Member.points_balance, Member.level,
    Member.status, Member.consent, Member.birth_calendar, Member.birth_leap_month, SnapshotMember.last_purchase,
    SnapshotMember.visits, SnapshotMember.spend_cents,
    SnapshotMember.total_spend_cents, SnapshotMember.segment, SnapshotMember.pyramid, SnapshotMember.lifecycle,
    SnapshotMember.churn_level, SnapshotMember.abcd, SnapshotMember.frequency, SnapshotMember.spend_class,
    SnapshotMember.preference,
)


def member_rows(db: Database, ids: Sequence[int], snapshot_id: int | None) -> dict[int, MemberRow]:
    """The rows of these members (one page of the table), keyed by id."""
    ids = list(ids)[:MAX_PAGE]
    if not ids:
        return {}
    with db.read() as s:
        stmt = (
            select(*_ROW_COLUMNS)
            .select_from(Member)
            .outerjoin(SnapshotMember,
                       and_(SnapshotMember.member_id == Member.id, SnapshotMember.snapshot_id == (snapshot_id or -1)))
            .where(Member.id.in_(ids))
        )
        tags: dict[int, list[str]] = {}
        for member_id, tag in s.execute(
            select(MemberTag.member_id, MemberTag.tag).where(MemberTag.member_id.in_(ids)).order_by(MemberTag.tag)
        ):
            tags.setdefault(member_id, []).append(tag)
        out: dict[int, MemberRow] = {}
        for r in s.execute(stmt):
            out[r.id] = MemberRow(
                id=r.id, card_no=r.card_no, name=r.name, phone_display=display_phone(r.phone), gender=r.gender,
                birthday=format_member_birthday(r.birth_year, r.birth_month, r.birth_day, r.birth_calendar,
                                                r.birth_leap_month), registered_on=r.registered_on,
                source=r.source, area=r.area, points=r.points_balance, level=r.level, status=r.status,
                consent=bool(r.consent), last_purchase=r.last_purchase, visits=r.visits, spend_cents=r.spend_cents,
                total_spend_cents=r.total_spend_cents, segment=r.segment, pyramid=r.pyramid, lifecycle=r.lifecycle,
                churn_level=r.churn_level, abcd=r.abcd, frequency=r.frequency, spend_class=r.spend_class,
                preference=r.preference, tags=tuple(tags.get(r.id, ())),
            )
        return out


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


def _class_counts(s: Session, snap: SnapshotInfo, status: str = "active") -> dict[str, dict[str, int]]:
    """Members per class of every class filter, as the list shows them with that filter."""
    columns = [getattr(SnapshotMember, name) for name in CLASS_FILTERS]
    tallies = dict(zip(CLASS_FILTERS, class_tallies(s, snap.id, columns, status), strict=True))
    return {name: {str(k): n for k, n in tally.items() if k is not None and k != ""}
            for name, tally in tallies.items()}


def filter_choices(db: Database, status: str = "active") -> dict[str, list[tuple[str, int]]]:
    """For each filter, the values present (classes: in the latest snapshot) with the number of members
    the list then shows: counted by the list's own query, for members with this status."""
    _validate(MemberFilter(status=status))
    with db.read() as s:
        snap = latest_info_in(s)
        out: dict[str, list[tuple[str, int]]] = {name: [] for name in CLASS_FILTERS}
        if snap is not None:
            for name, tally in _class_counts(s, snap, status).items():
                present = [(code, n) for code, n in tally.items() if n and code not in ("", "unknown")]
                # age bands youngest first, as the Tiers & segments chart shows them; other codes by name
                out[name] = sorted(present, key=lambda c: (AGE_BANDS.index(c[0]) if c[0] in AGE_BANDS else -1, c[0])
                                   if name == "age_band" else (0, c[0]))
        for name in MEMBER_FILTERS:
            col = getattr(Member, name)
            rows = s.execute(
                member_select([col, func.count()], MemberFilter(status=status), snap.id if snap else None)
                .where(col.is_not(None)).group_by(col).order_by(col)
            ).all()
            out[name] = [(str(v), int(n)) for v, n in rows]
        out["tag"] = [
            (str(t), int(n))
            for t, n in s.execute(
                member_select([MemberTag.tag, func.count(Member.id)], MemberFilter(status=status), snap.id if snap else None)
                .join(MemberTag, MemberTag.member_id == Member.id)
                .group_by(MemberTag.tag).order_by(func.count(Member.id).desc(), MemberTag.tag).limit(200)
            )
        ]
        return out
