"""Windows of the Members list: a count, then only the rows on screen, by keyset pagination.

Loading the whole sorted id list costs time in proportion to the shop (660 ms at 98k members), so
the screen asks for the count and for one window at a time.  A window is found from a neighbouring
one by its sort key plus the member id as tie-breaker ("the rows after this one"), so scrolling
page by page never makes the database walk the rows before it; only a jump far into the list
(dragging the scroll bar) needs an OFFSET.  The order is exactly the one of `member_ids`
(shopcrm.services.members.table), which stays the slow twin the tests compare against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.services.members.table import (
    MemberFilter,
    SnapshotInfo,
    count_in,
    latest_info_in,
    member_select,
    sort_expressions,
)

Key = tuple[Any, ...]  # the sort values of one row, then its member id


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


def _ordered(stmt: Select[Any], exprs: Sequence[ColumnElement[Any]], descending: bool, backwards: bool) -> Select[Any]:
    """The list's order (nulls last, id breaks ties), or exactly its reverse when walking backwards."""
    down = descending != backwards
    terms = [(e.desc() if down else e.asc()) for e in exprs]
    terms = [t.nulls_first() if backwards else t.nulls_last() for t in terms]
    return stmt.order_by(*terms, Member.id.desc() if down else Member.id.asc())


def _after(exprs: Sequence[ColumnElement[Any]], key: Key, descending: bool) -> ColumnElement[bool]:
    """Rows strictly after `key` in the list's order (nulls last in both directions)."""
    values, member_id = key[:-1], key[-1]
    conditions: list[ColumnElement[bool]] = []
    equal: list[ColumnElement[bool]] = []
    for e, v in zip(exprs, values, strict=True):
        if v is not None:  # after a NULL comes only another NULL, which the id decides
            conditions.append(and_(*equal, or_(e < v if descending else e > v, e.is_(None))))
        equal.append(e.is_(None) if v is None else e == v)
    conditions.append(and_(*equal, Member.id < member_id if descending else Member.id > member_id))
    return or_(*conditions)


def _before(exprs: Sequence[ColumnElement[Any]], key: Key, descending: bool) -> ColumnElement[bool]:
    """Rows strictly before `key` in the list's order."""
    values, member_id = key[:-1], key[-1]
    conditions: list[ColumnElement[bool]] = []
    equal: list[ColumnElement[bool]] = []
    for e, v in zip(exprs, values, strict=True):
        if v is None:
            conditions.append(and_(*equal, e.is_not(None)))
        else:
            conditions.append(and_(*equal, e > v if descending else e < v))
        equal.append(e.is_(None) if v is None else e == v)
    conditions.append(and_(*equal, Member.id > member_id if descending else Member.id < member_id))
    return or_(*conditions)


def _window(s: Any, flt: MemberFilter, snapshot_id: int | None, sort_key: str, descending: bool, *,
            limit: int, offset: int = 0, after: Key | None = None, before: Key | None = None) -> list[WindowEntry]:
    exprs = sort_expressions(sort_key)
    stmt = member_select([Member.id, *exprs], flt, snapshot_id)
    if after is not None:
        stmt = stmt.where(_after(exprs, after, descending))
    if before is not None:
        stmt = stmt.where(_before(exprs, before, descending))
    stmt = _ordered(stmt, exprs, descending, backwards=before is not None).limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    entries = [WindowEntry(int(r[0]), (*r[1:], int(r[0]))) for r in s.execute(stmt)]
    return entries[::-1] if before is not None else entries


def member_window(
    db: Database, flt: MemberFilter, snapshot_id: int | None, *, sort_key: str = "card_no", descending: bool = False,
    limit: int, offset: int = 0, after: Key | None = None, before: Key | None = None,
) -> list[WindowEntry]:
    """Up to `limit` rows of the list in order: those right after the row with key `after`, or right
    before the row with key `before`, or (neither) from position `offset`."""
    if limit <= 0:
        return []
    with db.read() as s:
        return _window(s, flt, snapshot_id, sort_key, descending, limit=limit, offset=offset, after=after,
                       before=before)


def list_head(db: Database, flt: MemberFilter, *, sort_key: str = "card_no", descending: bool = False,
              limit: int) -> ListHead:
    """Count and first window of the list, in one read (so they agree with each other)."""
    with db.read() as s:
        snap = latest_info_in(s)
        snapshot_id = snap.id if snap else None
        count = count_in(s, flt, snapshot_id)
        first = _window(s, flt, snapshot_id, sort_key, descending, limit=limit) if count else []
    return ListHead(count, snap, first)


def position_of(db: Database, flt: MemberFilter, snapshot_id: int | None, member_id: int, *,
                sort_key: str = "card_no", descending: bool = False) -> int | None:
    """The row of a member in the list (None when the filter leaves them out): rows before its key."""
    exprs = sort_expressions(sort_key)
    with db.read() as s:
        row = s.execute(member_select([Member.id, *exprs], flt, snapshot_id).where(Member.id == member_id)).first()
        if row is None:
            return None
        key: Key = (*row[1:], int(row[0]))
        before = member_select([func.count(Member.id)], flt, snapshot_id).where(_before(exprs, key, descending))
        return int(s.execute(before).scalar_one())


__all__ = ["Key", "ListHead", "WindowEntry", "list_head", "member_window", "position_of"]
