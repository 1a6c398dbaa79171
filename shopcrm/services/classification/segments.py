"""What the Tiers & segments screen reads from a classification snapshot.

Counts per class (with spend, for the shares), the RFM R x F grid, visit and spend distributions,
movements between two snapshots, and the members behind any bar or cell.  Every figure counts the
snapshot's rows of members who are still active, the same members the Members screen lists by
default, so a bar's count equals the length of the list it opens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session, aliased

from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.services.members.table import CLASS_FILTERS, MemberFilter, classified_select, order_members

# Classifications the screen charts, with their classes in the order they are shown.  Codes a
# snapshot holds that are not listed here are shown after these, sorted.
CLASS_ORDER: dict[str, tuple[str, ...]] = {
    "pyramid": ("platinum", "gold", "iron", "lead"),
    "segment": ("champions", "loyal", "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep",
                "at_risk", "cant_lose", "hibernating", "lost", "never_bought"),
    "lifecycle": ("potential", "new", "active", "won_back", "at_risk", "churned"),
    "abcd": ("A", "B", "C", "D"),
    "frequency": ("high", "medium", "low"),
    "spend_class": ("high", "medium", "low"),
    "churn_level": ("none", "low", "medium", "high"),
    "preference": ("trier", "classic", "mixed", "none"),
    "age_band": ("<18", "18-24", "25-34", "35-44", "45-59", "60+", "unknown"),
    "favourite_category": (),
}
MEMBER_COLUMNS = ("source",)  # breakdowns by a field of the member record
# Classifications whose classes are ranked best first (moving to an earlier class is moving up).
RANKED = ("pyramid", "abcd", "frequency", "spend_class", "churn_level")
MOVEMENT_CLASSIFICATIONS = ("pyramid", "lifecycle", "segment", "abcd", "frequency", "spend_class", "churn_level",
                            "preference")
# Visits in the window: 0, 1, 2-3, ... 104+ (two a week and more is the "high" frequency class).
VISIT_EDGES = (0, 1, 2, 4, 7, 13, 25, 52, 104)
# Spend in the window, in whole currency units.
SPEND_EDGES_UNITS = (0, 1, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)


@dataclass(frozen=True)
class SnapshotChoice:
    id: int
    as_of: dt.date
    window_days: int
    created_at: dt.datetime
    members: int


@dataclass(frozen=True)
class ClassCount:
    code: str  # "" for members without a value (no favourite category, no source)
    members: int
    spend_cents: int


@dataclass(frozen=True)
class Bin:
    low: int  # inclusive
    high: int | None  # exclusive; None = no upper bound
    members: int


@dataclass(frozen=True)
class Overview:
    snapshot: SnapshotChoice
    members: int
    spend_cents: int
    counts: dict[str, list[ClassCount]]
    rfm: list[list[int]]  # rfm[r - 1][f - 1]
    rfm_unscored: int  # members without scores (no purchase in the window)
    visits: list[Bin]
    spend: list[Bin]  # bounds in cents

    def count_of(self, classification: str, code: str) -> int:
        return next((c.members for c in self.counts.get(classification, []) if c.code == code), 0)


@dataclass(frozen=True)
class Movement:
    classification: str
    earlier: SnapshotChoice
    later: SnapshotChoice
    from_codes: list[str | None]  # rows; None = not classified in the earlier snapshot
    to_codes: list[str]  # columns
    counts: list[list[int]]


@dataclass(frozen=True)
class Cell:
    """The members a clicked bar or cell stands for (all conditions together)."""

    snapshot_id: int
    classification: str | None = None  # a snapshot class column or a member column (source)
    code: str | None = None  # "" = members without a value
    r_score: int | None = None
    f_score: int | None = None
    visits: tuple[int, int | None] | None = None  # [low, high)
    spend_cents: tuple[int, int | None] | None = None  # [low, high)
    earlier_snapshot_id: int | None = None  # movements: the class in the earlier snapshot was ...
    earlier_code: str | None = None  # ... this one (None: not classified then)


# ---- snapshots ------------------------------------------------------------------------------------
def _choice(row: ClassificationSnapshot) -> SnapshotChoice:
    return SnapshotChoice(row.id, row.as_of, row.window_days, row.created_at, row.members)


def list_snapshots(db: Database, limit: int = 500) -> list[SnapshotChoice]:
    """Stored classifications, the one the screens show (latest as-of, newest run) first."""
    with db.read() as s:
        rows = s.execute(
            select(ClassificationSnapshot)
            .where(ClassificationSnapshot.shown())
            .order_by(*ClassificationSnapshot.shown_first())
            .limit(limit)
        ).scalars()
        return [_choice(r) for r in rows]


def _snapshot(s: Session, snapshot_id: int) -> SnapshotChoice:
    row = s.get(ClassificationSnapshot, snapshot_id)
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Classification {id} does not exist."), id=snapshot_id)
    return _choice(row)


# ---- counts ---------------------------------------------------------------------------------------
def _base(s: Session, columns: list[Any], snapshot_id: int) -> Select[Any]:
    """The snapshot's rows of the members the Members list shows: the one set every count is over."""
    return classified_select(columns, snapshot_id)


def ordered_codes(classification: str, present: list[str]) -> list[str]:
    """The classification's classes in display order, then any other codes present, sorted."""
    known = list(CLASS_ORDER.get(classification, ()))
    return known + sorted(c for c in present if c not in known)


def _counts(s: Session, snapshot_id: int, classification: str) -> list[ClassCount]:
    column = getattr(Member, classification) if classification in MEMBER_COLUMNS else getattr(
        SnapshotMember, classification)
    found: dict[str, ClassCount] = {}
    for code, members, spend in s.execute(
        _base(s, [column, func.count(), func.coalesce(func.sum(SnapshotMember.spend_cents), 0)], snapshot_id)
        .group_by(column)
    ):
        key = "" if code is None else str(code)
        previous = found.get(key)
        found[key] = ClassCount(key, int(members) + (previous.members if previous else 0),
                                int(spend) + (previous.spend_cents if previous else 0))
    if classification in ("favourite_category", *MEMBER_COLUMNS):  # by size: there is no natural order
        return sorted(found.values(), key=lambda c: (c.code == "", -c.members, c.code))
    order = ordered_codes(classification, [c for c in found if c])
    out = [found.get(code, ClassCount(code, 0, 0)) for code in order]
    if "" in found:
        out.append(found[""])
    return out


def _bins(s: Session, snapshot_id: int, column: Any, edges: tuple[int, ...]) -> list[Bin]:
    whens = [(column < edges[i + 1], i) for i in range(len(edges) - 1)]
    bucket = case(*whens, else_=len(edges) - 1)
    tally = dict.fromkeys(range(len(edges)), 0)
    for index, members in s.execute(_base(s, [bucket, func.count()], snapshot_id).group_by(bucket)):
        tally[int(index)] = int(members)
    bins = [Bin(edges[i], edges[i + 1] if i + 1 < len(edges) else None, tally[i]) for i in range(len(edges))]
    while len(bins) > 2 and bins[-1].members == 0:  # no empty bins above the largest value
        bins.pop()
    return bins


def overview(db: Database, snapshot_id: int) -> Overview:
    """Every figure the screen charts for one snapshot (a few grouped queries)."""
    with db.read() as s:
        snap = _snapshot(s, snapshot_id)
        members, spend = s.execute(
            _base(s, [func.count(), func.coalesce(func.sum(SnapshotMember.spend_cents), 0)], snapshot_id)).one()
        counts = {name: _counts(s, snapshot_id, name) for name in (*CLASS_ORDER, *MEMBER_COLUMNS)}
        rfm = [[0] * 5 for _ in range(5)]
        unscored = 0
        for r, f, n in s.execute(
            _base(s, [SnapshotMember.r_score, SnapshotMember.f_score, func.count()], snapshot_id)
            .group_by(SnapshotMember.r_score, SnapshotMember.f_score)
        ):
            if r is not None and f is not None and 1 <= r <= 5 and 1 <= f <= 5:
                rfm[r - 1][f - 1] += int(n)
            else:
                unscored += int(n)
        visits = _bins(s, snapshot_id, SnapshotMember.visits, VISIT_EDGES)
        spend_bins = _bins(s, snapshot_id, SnapshotMember.spend_cents, tuple(u * 100 for u in SPEND_EDGES_UNITS))
    return Overview(snap, int(members), int(spend), counts, rfm, unscored, visits, spend_bins)


def movement(db: Database, earlier_id: int, later_id: int, classification: str) -> Movement:
    """How members moved between the classes of two snapshots (members active and in the later one)."""
    if classification not in MOVEMENT_CLASSIFICATIONS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Movements cannot be shown for {name}."), "classification",
                              name=classification)
    before = aliased(SnapshotMember)
    with db.read() as s:
        earlier, later = _snapshot(s, earlier_id), _snapshot(s, later_id)
        to_col, from_col = getattr(SnapshotMember, classification), getattr(before, classification)
        stmt = (
            _base(s, [from_col, to_col, func.count()], later_id)
            .outerjoin(before, and_(before.member_id == SnapshotMember.member_id, before.snapshot_id == earlier_id))
            .group_by(from_col, to_col)
        )
        tally: dict[tuple[str | None, str], int] = {}
        for a, b, n in s.execute(stmt):
            key = (None if a is None else str(a), "" if b is None else str(b))
            tally[key] = tally.get(key, 0) + int(n)
    to_codes = ordered_codes(classification, sorted({b for _a, b in tally if b}))
    from_present = sorted({a for a, _b in tally if a})
    from_codes: list[str | None] = list(ordered_codes(classification, from_present))
    if any(a is None for a, _b in tally):
        from_codes.append(None)
    counts = [[tally.get((a, b), 0) for b in to_codes] for a in from_codes]
    return Movement(classification, earlier, later, from_codes, to_codes, counts)


@dataclass(frozen=True)
class MovementSummary:
    up: int | None  # None when the classes are not ranked (lifecycle, segment, preference)
    down: int | None
    same: int
    changed: int
    new: int  # not classified in the earlier snapshot


def summarise(move: Movement) -> MovementSummary:
    up = down = same = changed = new = 0
    ranked = move.classification in RANKED
    order = {code: i for i, code in enumerate(ordered_codes(move.classification, move.to_codes))}
    for i, before in enumerate(move.from_codes):
        for j, after in enumerate(move.to_codes):
            n = move.counts[i][j]
            if before is None:
                new += n
            elif before == after:
                same += n
            else:
                changed += n
                if ranked and before in order and after in order:
                    if order[after] < order[before]:
                        up += n
                    else:
                        down += n
    return MovementSummary(up if ranked else None, down if ranked else None, same, changed, new)


# ---- the members behind a bar or cell --------------------------------------------------------------
def _cell_query(columns: list[Any], cell: Cell) -> Select[Any]:
    stmt = classified_select(columns, cell.snapshot_id)
    if cell.classification is not None:
        if cell.classification in MEMBER_COLUMNS:
            column = getattr(Member, cell.classification)
        elif cell.classification in CLASS_ORDER:
            column = getattr(SnapshotMember, cell.classification)
        else:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown classification {name}."), "classification",
                                  name=cell.classification)
        stmt = stmt.where(column.is_(None) if cell.code == "" else column == cell.code)
    if cell.r_score is not None:
        stmt = stmt.where(SnapshotMember.r_score == cell.r_score)
    if cell.f_score is not None:
        stmt = stmt.where(SnapshotMember.f_score == cell.f_score)
    for column, bounds in ((SnapshotMember.visits, cell.visits), (SnapshotMember.spend_cents, cell.spend_cents)):
        if bounds is not None:
            low, high = bounds
            stmt = stmt.where(column >= low)
            if high is not None:
                stmt = stmt.where(column < high)
    if cell.earlier_snapshot_id is not None:
        before = aliased(SnapshotMember)
        stmt = stmt.outerjoin(before, and_(before.member_id == Member.id,
                                           before.snapshot_id == cell.earlier_snapshot_id))
        if cell.earlier_code is None:
            stmt = stmt.where(before.member_id.is_(None))
        else:
            if cell.classification is None:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "A movement needs a classification."),
                                      "classification")
            stmt = stmt.where(getattr(before, cell.classification) == cell.earlier_code)
    return stmt


def cell_member_ids(db: Database, cell: Cell, *, sort_key: str = "card_no", descending: bool = False) -> list[int]:
    """The members of a bar or cell, in the Members table's sort order."""
    with db.read() as s:
        _snapshot(s, cell.snapshot_id)
        stmt = order_members(_cell_query([Member.id], cell), sort_key, descending)
        return [int(i) for i in s.execute(stmt).scalars()]


def cell_count(db: Database, cell: Cell) -> int:
    with db.read() as s:
        return int(s.execute(_cell_query([func.count(Member.id)], cell)).scalar_one())


def member_filter_for(cell: Cell, latest_snapshot_id: int | None) -> MemberFilter | None:
    """The Members screen's filter for this cell, when its filter bar can express it exactly: one
    class of the latest classification.  None otherwise (a grid cell, a range, a movement, a source
    (the filter would add members registered since), an older classification)."""
    only_class = (cell.r_score is None and cell.f_score is None and cell.visits is None
                  and cell.spend_cents is None and cell.earlier_snapshot_id is None)
    if not only_class or not cell.code or cell.classification is None:
        return None
    if cell.classification in CLASS_FILTERS and cell.snapshot_id == latest_snapshot_id:
        return MemberFilter().with_changes(**{cell.classification: (cell.code,)})
    return None
