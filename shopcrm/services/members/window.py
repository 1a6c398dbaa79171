"""Windows of the Members list: a count, then only the rows on screen, by keyset pagination.

Loading the whole sorted id list costs time in proportion to the shop (660 ms at 98k members), so
the screen asks for the count and for one window at a time.  A window is found from a neighbouring
one by its sort key plus the member id as tie-breaker ("the rows after this one"), so scrolling
page by page never makes the database walk the rows before it; only a jump far into the list
(dragging the scroll bar) needs an OFFSET.  The order is exactly the one of `member_ids`
(shopcrm.services.members.table), which stays the slow twin the tests compare against.

At a million members even one sort of the whole list is too slow, so each window is read in an
order an index already holds (migrations 0007_speed and 0008_members_sort: members by status and
each sortable column, snapshot rows by snapshot and each sortable class or figure, then the member
id).  The list is cut into parts that each walk one index range:
- a column that is never NULL: one part, ordered by the column and the id;
- a column that may be NULL ("nulls last"): the rows with a value, then the NULLs by id;
- a class sorted by meaning (platinum before lead): one part per class in that order, each by id,
  then everything else (no snapshot row, a code without a rank) by id; descending is the reverse;
- the birthday (month, then day): per month its days, then its members without a day; then the
  members without a month (see _month_day_parts).
A key is (part, the part's sort values, id); it is opaque to callers.  A jump skips whole parts by
their counts (each an index-only count) and is read from a part's end when nearer to it; and a
filtered list short enough to hold comes whole, as its id list (list_head).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Case, Column, ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, SnapshotMember
from shopcrm.services.members.filters import filter_conditions, member_select
from shopcrm.services.members.table import (
    MemberFilter,
    SnapshotInfo,
    latest_info_in,
    members_of_status,
    order_members,
    sort_expressions,
)

Key = tuple[Any, ...]  # the part, the sort values of one row in it, then its member id


@dataclass(frozen=True)
class WindowEntry:
    member_id: int
    key: Key


@dataclass(frozen=True)
class ListHead:
    """What opening the list needs: how many rows, from which classification, the first window."""

    count: int
    snapshot: SnapshotInfo | None
    first: list[WindowEntry]
    # A search's whole list in order, when it is short enough to hold (then no window is read again).
    ids: list[int] | None = None


@dataclass(frozen=True)
class _Part:
    """A stretch of the list: the rows matching `where`, ordered by `exprs` then `ident` (the member
    id, from the table whose index gives the order); `nullable`: the exprs may be NULL (nulls last)."""

    where: ColumnElement[bool] | None
    exprs: tuple[ColumnElement[Any], ...]
    ident: Any  # a mapped id column
    nullable: bool


def _class_order(expr: ColumnElement[Any]) -> tuple[ColumnElement[Any], list[Any]] | None:
    """(column, its codes in rank order) when the list sorts a class by meaning (a CASE of codes)."""
    if not isinstance(expr, Case) or expr.value is None:
        return None
    ranked: list[tuple[Any, Any]] = []
    for when, then in expr.whens:
        if not isinstance(when, BindParameter) or not isinstance(then, BindParameter):
            return None
        ranked.append((then.value, when.value))
    return expr.value, [code for _rank, code in sorted(ranked, key=lambda r: r[0])]


def _parts(sort_key: str, descending: bool) -> list[_Part]:
    """The list's parts in list order (see the module's docstring)."""
    exprs = sort_expressions(sort_key)
    if len(exprs) == 2 and exprs[0] is Member.birth_month:
        return _month_day_parts(exprs[0], exprs[1], descending)
    if len(exprs) != 1:
        return [_Part(None, tuple(exprs), Member.id, True)]
    expr = exprs[0]
    ranked = _class_order(expr)
    if ranked is not None:
        column, codes = ranked
        parts = [_Part(column == code, (), SnapshotMember.member_id, False) for code in codes]
        parts.append(_Part(or_(column.is_(None), column.not_in(codes)), (), Member.id, False))
        return parts[::-1] if descending else parts
    table = getattr(expr, "table", None)
    if table is Member.__table__ and not getattr(expr, "nullable", True):
        return [_Part(None, (expr,), Member.id, False)]
    ident = SnapshotMember.member_id if table is SnapshotMember.__table__ else Member.id
    return [_Part(expr.is_not(None), (expr,), ident, False), _Part(expr.is_(None), (), Member.id, False)]


MONTHS = range(1, 13)
FAR = 1_000  # an offset this far into a part is read from the part's end when it lies nearer to that


def _month_day_parts(month: Any, day: Any, descending: bool) -> list[_Part]:
    """The birthday (month, then day, NULLs last in each): one part per month, its days then the
    members without a day, so each walks one range of the (status, month, day, id) index; months
    outside 1-12 (a damaged record) keep the general order, sorted by the database."""
    low, high = MONTHS[0], MONTHS[-1]
    below = _Part(and_(month.is_not(None), month < low), (month, day), Member.id, True)
    above = _Part(month > high, (month, day), Member.id, True)
    months = [part for m in MONTHS
              for part in (_Part(and_(month == m, day.is_not(None)), (day,), Member.id, False),
                           _Part(and_(month == m, day.is_(None)), (), Member.id, False))]
    if descending:  # later months first, but inside a month still the days, then the members without one
        months = [part for i in range(len(months) - 2, -1, -2) for part in months[i:i + 2]]
    ordered = [above, *months, below] if descending else [below, *months, above]
    return [*ordered, _Part(and_(month.is_(None), day.is_not(None)), (day,), Member.id, False),
            _Part(and_(month.is_(None), day.is_(None)), (), Member.id, False)]


def _ordered(stmt: Select[Any], part: _Part, descending: bool, backwards: bool) -> Select[Any]:
    """The part's order, or exactly its reverse when walking backwards (nulls last either way)."""
    down = descending != backwards
    terms = [(e.desc() if down else e.asc()) for e in part.exprs]
    if part.nullable:
        terms = [t.nulls_first() if backwards else t.nulls_last() for t in terms]
    return stmt.order_by(*terms, part.ident.desc() if down else part.ident.asc())


def _beyond(part: _Part, values: Sequence[Any], member_id: int, later: bool) -> ColumnElement[bool]:
    """(exprs, id) above or below (values, id) as one row-value comparison, which both databases
    turn into one index range (an OR of the same conditions makes SQLite scan: 0.8 s at 1M)."""
    left, right = tuple_(*part.exprs, part.ident), tuple_(*values, member_id)
    return left > right if later else left < right


def _after(part: _Part, values: Sequence[Any], member_id: int, descending: bool) -> ColumnElement[bool]:
    """Rows of the part strictly after (values, id) in its order (nulls last in both directions)."""
    if not part.nullable:
        return _beyond(part, values, member_id, later=not descending)
    conditions: list[ColumnElement[bool]] = []
    equal: list[ColumnElement[bool]] = []
    for e, v in zip(part.exprs, values, strict=True):
        if v is not None:  # after a NULL comes only another NULL, which the id decides
            beyond = e < v if descending else e > v
            conditions.append(and_(*equal, or_(beyond, e.is_(None)) if part.nullable else beyond))
        equal.append(e.is_(None) if v is None else e == v)
    conditions.append(and_(*equal, part.ident < member_id if descending else part.ident > member_id))
    return or_(*conditions)


def _before(part: _Part, values: Sequence[Any], member_id: int, descending: bool) -> ColumnElement[bool]:
    """Rows of the part strictly before (values, id) in its order."""
    if not part.nullable:
        return _beyond(part, values, member_id, later=descending)
    conditions: list[ColumnElement[bool]] = []
    equal: list[ColumnElement[bool]] = []
    for e, v in zip(part.exprs, values, strict=True):
        if v is None:
            conditions.append(and_(*equal, e.is_not(None)))
        else:
            conditions.append(and_(*equal, e > v if descending else e < v))
        equal.append(e.is_(None) if v is None else e == v)
    conditions.append(and_(*equal, part.ident > member_id if descending else part.ident < member_id))
    return or_(*conditions)


def _tables(condition: ColumnElement[Any]) -> set[Any]:
    """The tables a condition reads (inside its subqueries too)."""
    return {c.table for c in visitors.iterate(condition) if isinstance(c, Column)}


class _Reader:
    """Windows and positions of one list (filter, snapshot, sort) inside one read.

    No query joins the two tables row by row (a million lookups of the other table were the cost of
    every far jump and count): a part walked in the snapshot's index takes the members' conditions
    as one set of ids (when only the status is asked for, the few members of another status, left
    out; else the members that match), and a part walked in the members' index takes the snapshot's
    conditions as the set of its matching rows.  Only the last part of a class or figure sort (the
    members without a snapshot row or without a value) keeps the outer join, and it is read only as
    far as its number of rows, known from the counts of the others."""

    def __init__(self, s: Session, flt: MemberFilter, snapshot_id: int | None, sort_key: str,
                 descending: bool) -> None:
        self.s, self.flt, self.snapshot_id, self.descending = s, flt, snapshot_id, descending
        self.parts = _parts(sort_key, descending)
        conditions = filter_conditions(flt, snapshot_id, dt.date.today())
        snapshot_table = SnapshotMember.__table__
        self.snapshot_conditions = [c for c in conditions if snapshot_table in _tables(c)]
        self.member_conditions = [c for c in conditions if snapshot_table not in _tables(c)]
        # filter_conditions gives the status first and at least one condition for every other field
        self.status_only = len(self.member_conditions) == 1 and not any(
            Member.__table__ in _tables(c) for c in self.snapshot_conditions)
        # Conditions on both tables beyond the status (a class and a search, or consent): then one
        # side is usually narrow (six members at high risk), and the database's planner, which knows
        # how narrow from its statistics, starts from it and looks the other table up row by row.
        self.both_sides = bool(self.snapshot_conditions) and not self.status_only
        self._counts: dict[int, int] = {}
        self._total: int | None = None
        self._of_status: ColumnElement[bool] | None = None

    def _snapshot_rows(self) -> ColumnElement[bool]:
        return SnapshotMember.snapshot_id == (self.snapshot_id or -1)

    def _members_of_rows(self) -> ColumnElement[bool]:
        """The snapshot row is of a member the filter keeps."""
        if not self.status_only:
            return SnapshotMember.member_id.in_(select(Member.id).where(*self.member_conditions))
        if self._of_status is None:  # one index seek when every member has a status the list shows
            self._of_status = members_of_status(self.s, SnapshotMember.member_id, self.flt.status)
        return self._of_status

    def _is_rest(self, part: _Part) -> bool:
        """A part of members walked with their snapshot row read beside them (those without one)."""
        read = [*part.exprs, *([part.where] if part.where is not None else [])]
        return part.ident is Member.id and any(SnapshotMember.__table__ in _tables(e) for e in read)

    def _select(self, columns: Sequence[Any], part: _Part) -> Select[Any]:
        if self.both_sides:  # the join, in the order the planner finds cheapest for these conditions
            stmt = member_select(list(columns), self.flt, self.snapshot_id)
            if part.ident is SnapshotMember.member_id:  # only members with a row, said so SQLite walks its index
                stmt = stmt.where(self._snapshot_rows())
        elif part.ident is SnapshotMember.member_id:
            stmt = select(*columns).select_from(SnapshotMember).where(
                self._snapshot_rows(), *self.snapshot_conditions, self._members_of_rows())
        else:
            stmt = select(*columns).select_from(Member)
            if self._is_rest(part):
                stmt = stmt.outerjoin(SnapshotMember, and_(SnapshotMember.member_id == Member.id, self._snapshot_rows()))
            stmt = stmt.where(*self.member_conditions)
            if self.snapshot_conditions:
                stmt = stmt.where(Member.id.in_(select(SnapshotMember.member_id).where(
                    self._snapshot_rows(), *self.snapshot_conditions)))
        return stmt if part.where is None else stmt.where(part.where)

    def _rows(self, p: int, limit: int, *, offset: int = 0, after: Key | None = None,
              before: Key | None = None) -> list[WindowEntry]:
        """Up to `limit` rows of part p in list order: after/before a key of that part, or from `offset`."""
        part = self.parts[p]
        if self._is_rest(part) and before is None:  # never walk past its last row
            left = self.count(p) - (offset if after is None else self.count(p, before=after) + 1)
            limit = min(limit, left)
            if limit <= 0:
                return []
        stmt = self._select([part.ident, *part.exprs], part)
        if after is not None:
            stmt = stmt.where(_after(part, after[1:-1], after[-1], self.descending))
        if before is not None:
            stmt = stmt.where(_before(part, before[1:-1], before[-1], self.descending))
        stmt = _ordered(stmt, part, self.descending, backwards=before is not None).limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        entries = [WindowEntry(int(r[0]), (p, *r[1:], int(r[0]))) for r in self.s.execute(stmt)]
        return entries[::-1] if before is not None else entries

    def total(self) -> int:
        """The whole list's length: from the snapshot's rows when a class is filtered (a member has
        one row there), else from the members alone."""
        if self._total is None:
            if self.both_sides:
                stmt = member_select([func.count(Member.id)], self.flt, self.snapshot_id)
            elif self.snapshot_conditions:
                stmt = select(func.count()).select_from(SnapshotMember).where(
                    self._snapshot_rows(), *self.snapshot_conditions, self._members_of_rows())
            else:
                stmt = select(func.count()).select_from(Member).where(*self.member_conditions)
            self._total = int(self.s.execute(stmt).scalar_one())
        return self._total

    def count(self, p: int, before: Key | None = None) -> int:
        part = self.parts[p]
        if before is None and p in self._counts:
            return self._counts[p]
        if before is None and self._is_rest(part) and len(self.parts) > 1:
            # what the other parts leave (counting it row by row would look up every snapshot row)
            n = self.total() - sum(self.count(q) for q in range(len(self.parts)) if q != p)
        else:
            stmt = self._select([func.count()], part)
            if before is not None:
                stmt = stmt.where(_before(part, before[1:-1], before[-1], self.descending))
            n = int(self.s.execute(stmt).scalar_one())
        if before is None:
            self._counts[p] = n
        return n

    def window(self, limit: int, *, offset: int = 0, after: Key | None = None,
               before: Key | None = None) -> list[WindowEntry]:
        if before is not None:  # walk back through this part, then the ones before it
            p = int(before[0])
            out = self._rows(p, limit, before=before)
            while len(out) < limit and p > 0:
                p -= 1
                out = self._tail_of(p, limit - len(out)) + out
            return out
        if not self.parts:
            return []
        if after is not None:
            p = int(after[0])
            out = self._rows(p, limit, after=after)
        else:  # skip whole parts by their counts when the offset lies beyond them
            p = 0
            while offset and p + 1 < len(self.parts) and offset >= self.count(p):
                offset -= self.count(p)
                p += 1
            if offset > FAR and offset > self.count(p) // 2:  # nearer its end: walk from there
                out = self._tail_of(p, min(limit, self.count(p) - offset), skip=max(0, self.count(p) - offset - limit))
            else:
                out = self._rows(p, limit, offset=offset)
        while len(out) < limit and p + 1 < len(self.parts):
            p += 1
            out += self._rows(p, limit - len(out))
        return out

    def _tail_of(self, p: int, limit: int, skip: int = 0) -> list[WindowEntry]:
        """The last `limit` rows of part p before its last `skip` ones, in list order."""
        if limit <= 0:
            return []
        part = self.parts[p]
        stmt = _ordered(self._select([part.ident, *part.exprs], part), part, self.descending, backwards=True)
        stmt = stmt.limit(limit).offset(skip) if skip else stmt.limit(limit)
        entries = [WindowEntry(int(r[0]), (p, *r[1:], int(r[0]))) for r in self.s.execute(stmt)]
        return entries[::-1]

    def key_of(self, member_id: int) -> Key | None:
        """The member's key in this list, None when the filter leaves them out."""
        for p, part in enumerate(self.parts):
            row = self.s.execute(self._select([part.ident, *part.exprs], part).where(part.ident == member_id)).first()
            if row is not None:
                return (p, *row[1:], int(row[0]))
        return None


def count_list(s: Session, flt: MemberFilter, snapshot_id: int | None) -> int:
    """How many rows the list has: the number `count_in` gives every screen, counted without joining
    the two tables row by row (0.07 s instead of 0.6 s at 1M members)."""
    return _Reader(s, flt, snapshot_id, "card_no", False).total()


def member_window(
    db: Database, flt: MemberFilter, snapshot_id: int | None, *, sort_key: str = "card_no", descending: bool = False,
    limit: int, offset: int = 0, after: Key | None = None, before: Key | None = None,
) -> list[WindowEntry]:
    """Up to `limit` rows of the list in order: those right after the row with key `after`, or right
    before the row with key `before`, or (neither) from position `offset`."""
    if limit <= 0:
        return []
    with db.read() as s:
        return _Reader(s, flt, snapshot_id, sort_key, descending).window(limit, offset=offset, after=after,
                                                                          before=before)


SEARCH_LIST = 100_000  # a search's list is read whole, in order, when it holds at most this many members


def _search_ids(s: Session, flt: MemberFilter, snapshot_id: int | None, sort_key: str, descending: bool,
                most: int) -> list[int] | None:
    """A search's whole list in order, or None when it has more than `most` members.

    A search matches part of a name, so no index finds it: the members are read once (a quarter of
    a second at 1M), and only those found are sorted.  Walking a sort index instead and testing each
    member on the way costs a look-up of every member before the last match (3 s at 1M for a name
    few members have), again for every window and for the count."""
    found = member_select([Member.id], flt, snapshot_id)
    stmt = order_members(member_select([Member.id], MemberFilter(status=flt.status), snapshot_id)
                         .where(Member.id.in_(found)), sort_key, descending)
    ids = [int(i) for i in s.execute(stmt.limit(most + 1)).scalars()]
    return ids if len(ids) <= most else None


def list_head(db: Database, flt: MemberFilter, *, sort_key: str = "card_no", descending: bool = False,
              limit: int, search_list: int = SEARCH_LIST) -> ListHead:
    """Count and first window of the list, in one read (so they agree with each other).  A filtered
    list of at most `search_list` members comes whole, as `ids`: found once and sorted, it is then
    scrolled and jumped in without another read (a search is read that way before it is counted,
    since counting it is the same read of every member)."""
    with db.read() as s:
        snap = latest_info_in(s)
        snapshot_id = snap.id if snap else None
        if flt.text.strip():
            ids = _search_ids(s, flt, snapshot_id, sort_key, descending, search_list)
            if ids is not None:
                return ListHead(len(ids), snap, [WindowEntry(i, (i,)) for i in ids[:max(limit, 0)]], ids)
        reader = _Reader(s, flt, snapshot_id, sort_key, descending)
        count = reader.total()
        filtered = reader.snapshot_conditions or not reader.status_only
        if filtered and 0 < count <= search_list and limit > 0:
            ids = _search_ids(s, flt, snapshot_id, sort_key, descending, count)
            if ids is not None:  # (None only if the list grew since it was counted: then by windows)
                return ListHead(len(ids), snap, [WindowEntry(i, (i,)) for i in ids[:limit]], ids)
        first = reader.window(limit) if count and limit > 0 else []
    return ListHead(count, snap, first)


def position_of(db: Database, flt: MemberFilter, snapshot_id: int | None, member_id: int, *,
                sort_key: str = "card_no", descending: bool = False) -> int | None:
    """The row of a member in the list (None when the filter leaves them out): rows before its key."""
    with db.read() as s:
        reader = _Reader(s, flt, snapshot_id, sort_key, descending)
        key = reader.key_of(member_id)
        if key is None:
            return None
        p = int(key[0])
        return sum(reader.count(q) for q in range(p)) + reader.count(p, before=key)


__all__ = ["Key", "ListHead", "WindowEntry", "list_head", "member_window", "position_of"]
