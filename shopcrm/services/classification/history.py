"""Every member's live purchases and lines packed into one row (member_histories), so that a full
classification reads about 50,000 rows instead of a million purchases and two million lines.

The packed rows are derived data with marks saying what they have seen (member_history_marks): the
newest purchase id, and the newest import batch and number of undone ones.  Reading (`load`) trusts a
member's row unless, since the marks,
- the member has a purchase with a higher id (a sale at the counter; ids only grow between imports),
- a purchase in the member's row has been voided (found by the purchase id, not by a time stamp;
  looked for only when the count of voided purchases has changed),
and reads those members from the sales tables instead; after another import or an undo (which may
delete purchases and let SQLite hand out their ids again), or without marks, it reads everyone from
the sales tables.  No write path has to remember the packed rows: sales, voids, imports and undo are
what the marks look at, and outside imports (which add lines to receipts of earlier imports) and
their undo a sale is never edited or re-assigned.  `refresh` (at the start
of a full classification) folds the touched members back in, or rebuilds everything, in short
transactions so that a sale at the counter never waits for a rebuild.

Per-row SQL triggers were measured as the alternative and dropped: on the large demo shop they made
inserting 500,000 purchases and 834,000 lines 2.5x slower (7-9 s to 20-32 s), against an import that
takes 11 s in all.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import MemberHistory, MemberHistoryMarks, Purchase
from shopcrm.services.classification import data
from shopcrm.services.classification.freshness import import_marks
from shopcrm.services.shop.clock import now

VERSION = 1  # of the packing; other marks mean "rebuild"
BUILDING = -1  # marks.purchase_id while a rebuild is being written: nothing stored is trusted
MARKS_ID = 1
# Beyond this many touched members a refresh rebuilds everything (one range read beats a long IN list).
PARTIAL_LIMIT = 20_000
WRITE_CHUNK = 5_000  # members per transaction while a rebuild is written
_I8 = np.dtype("<i8")


@dataclass(frozen=True)
class Histories:
    """Live member purchases (member id, purchase id, day number, total) and the lines with a product
    of those purchases (purchase id, product id, amount), in no particular order."""

    member: np.ndarray
    purchase_id: np.ndarray
    day: np.ndarray
    total: np.ndarray
    line_purchase: np.ndarray
    line_product: np.ndarray
    line_amount: np.ndarray

    @classmethod
    def empty(cls) -> Histories:
        return cls(*(np.zeros(0, dtype=np.int64) for _ in range(7)))

    @classmethod
    def concat(cls, parts: list[Histories]) -> Histories:
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in _FIELDS))

    def without(self, members: np.ndarray) -> Histories:
        """The histories of everyone but `members`."""
        gone = np.isin(self.member, members)
        if not gone.any():
            return self
        lines_gone = np.isin(self.line_purchase, self.purchase_id[gone])
        keep, line_keep = ~gone, ~lines_gone
        return Histories(
            self.member[keep], self.purchase_id[keep], self.day[keep], self.total[keep],
            self.line_purchase[line_keep], self.line_product[line_keep], self.line_amount[line_keep],
        )


_FIELDS = ("member", "purchase_id", "day", "total", "line_purchase", "line_product", "line_amount")


@dataclass(frozen=True)
class Marks:
    version: int
    purchase_id: int
    import_batch: int
    undone_batches: int
    voided: int  # member purchases voided so far (a void adds one; only an undo takes any away)

    def same_imports(self, other: Marks) -> bool:
        return (self.version, self.import_batch, self.undone_batches) == (other.version, other.import_batch, other.undone_batches)


def read_live(s: Session, members: list[int] | None = None) -> Histories:
    """From the sales tables: everyone's histories, or just `members`'."""
    if members is not None and not members:
        return Histories.empty()
    where = "" if members is None else "member_id IN (" + ",".join(str(int(m)) for m in members) + ")"
    member, purchase_id, day, total = data.purchase_rows(s, where)
    ids = np.sort(purchase_id)  # distinct already (np.unique would hash them: 1 s for a million)
    if members is None:  # one range of ids over the covering index
        basket, product, amount = data.line_rows(s, ids)
    else:  # a few members' purchases, by id (their range may span the whole table)
        step = data.FEW_PURCHASES
        parts = [data.line_rows(s, ids[i:i + step]) for i in range(0, ids.size, step)]
        basket, product, amount = (np.concatenate([p[k] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
                                   for k in range(3))
    # the id range may hold lines of other purchases (walk-ins, voided, other members): keep ours
    ours = np.isin(basket, purchase_id)
    return Histories(member, purchase_id, day, total, basket[ours], product[ours], amount[ours])


def pack(h: Histories) -> Iterator[tuple[int, bytes, bytes]]:
    """One row (member id, purchases, lines) per member: its purchases (id, day, total) and their
    lines (purchase, product, amount) as consecutive little-endian int64 triples."""
    if h.member.size == 0:
        return
    # by member, then day: the order the engine's visit days want (no sort of them when read back);
    # SQLite's per-member aggregate gives them in that order already
    order = np.arange(h.member.size) if _in_order(h.member, h.day) else np.lexsort((h.day, h.member))
    member = h.member[order]
    purchase_rows = np.column_stack([h.purchase_id[order], h.day[order], h.total[order]]).astype(_I8)
    line_member = member[_position(h.purchase_id[order], h.line_purchase)]
    line_order = np.argsort(line_member, kind="stable")
    line_rows = np.column_stack([h.line_purchase[line_order], h.line_product[line_order], h.line_amount[line_order]]).astype(_I8)
    line_member = line_member[line_order]
    starts = np.flatnonzero(np.r_[True, member[1:] != member[:-1]])
    ids = member[starts]
    ends = np.r_[starts[1:], member.size]
    line_starts = np.searchsorted(line_member, ids, side="left")
    line_ends = np.searchsorted(line_member, ids, side="right")
    purchase_bytes, line_bytes = purchase_rows.tobytes(), line_rows.tobytes()
    for mid, a, b, la, lb in zip(ids.tolist(), (24 * starts).tolist(), (24 * ends).tolist(),
                                 (24 * line_starts).tolist(), (24 * line_ends).tolist(), strict=True):
        yield mid, purchase_bytes[a:b], line_bytes[la:lb]


def _in_order(*keys: np.ndarray) -> bool:
    """Whether rows are sorted by the first key, then the next, ..."""
    if keys[0].size < 2:
        return True
    tied = np.ones(keys[0].size - 1, dtype=bool)
    for key in keys:
        if np.any(tied & (key[1:] < key[:-1])):
            return False
        tied &= key[1:] == key[:-1]
    return True


def _position(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index in `ids` (distinct) of each wanted id, all of which are present."""
    order = np.argsort(ids, kind="stable")
    return order[np.searchsorted(ids[order], wanted)]


def unpack(rows: list[tuple[int, Any, Any]]) -> Histories:
    """The columns of packed rows (blobs as bytes or memoryviews), member after member."""
    if not rows:
        return Histories.empty()
    purchase_blobs = [r[1] for r in rows]
    purchases = np.frombuffer(b"".join(purchase_blobs), dtype=_I8).reshape(-1, 3).astype(np.int64)
    lines = np.frombuffer(b"".join([r[2] for r in rows]), dtype=_I8).reshape(-1, 3).astype(np.int64)
    sizes = np.fromiter(map(len, purchase_blobs), dtype=np.int64, count=len(rows)) // 24
    member = np.repeat(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), sizes)
    return Histories(member, purchases[:, 0], purchases[:, 1], purchases[:, 2], lines[:, 0], lines[:, 1], lines[:, 2])


def stored_marks(s: Session) -> Marks | None:
    row = s.get(MemberHistoryMarks, MARKS_ID)
    if row is None or row.purchase_id == BUILDING:
        return None
    return Marks(int(row.version), int(row.purchase_id), int(row.import_batch), int(row.undone_batches), int(row.voided))


def current_marks(s: Session) -> Marks:
    marks = import_marks(s)
    return Marks(VERSION, int(s.scalar(select(func.max(Purchase.id))) or 0), marks["import_batch"],
                 marks["undone_batches"], _voided(s))


def _voided(s: Session) -> int:
    return int(s.scalar(
        select(func.count()).select_from(Purchase).where(Purchase.voided_at.is_not(None), Purchase.member_id.is_not(None))
    ) or 0)


def touched(s: Session, marks: Marks, stored: Histories | None = None) -> list[int]:
    """Members whose stored row `marks` no longer describes: a purchase after the marks, or a purchase
    of their row voided since.  `stored`: the rows already read (else those of the voids' members)."""
    sold = s.scalars(
        select(Purchase.member_id).distinct().where(Purchase.id > marks.purchase_id, Purchase.member_id.is_not(None))
    ).all()
    # the same count of voids as at the marks: nothing voided since (skips reading the voids' rows)
    voided = [] if _voided(s) == marks.voided else [
        (int(member), int(purchase))
        for member, purchase in s.execute(
            select(Purchase.member_id, Purchase.id).where(
                Purchase.voided_at.is_not(None), Purchase.member_id.is_not(None), Purchase.id <= marks.purchase_id
            )
        )
        if member is not None
    ]
    found = {int(m) for m in sold if m is not None}
    if voided:
        void_ids = np.array([v[1] for v in voided], dtype=np.int64)
        if stored is None:
            stored = _stored(s, sorted({v[0] for v in voided}))
        still_there = np.isin(void_ids, stored.purchase_id)
        found |= {voided[i][0] for i in np.flatnonzero(still_there).tolist()}
    return sorted(found)


def _stored(s: Session, members: list[int] | None = None) -> Histories:
    """The stored rows (of `members`), through the driver: 50,000 rows of blobs."""
    where = "" if members is None else " WHERE member_id IN (" + ",".join(str(int(m)) for m in members) + ")"
    batches = data.driver_rows(s, f"SELECT member_id, purchases, lines FROM member_histories{where} ORDER BY member_id", {},
                                binary=True)
    return unpack([row for batch in batches for row in batch])


def load(s: Session) -> Histories:
    """Everyone's histories as the sales tables hold them now: the stored rows where their marks
    still hold, the sales tables for the rest (everyone when the marks do not hold at all)."""
    marks = stored_marks(s)
    if marks is None or not marks.same_imports(current_marks(s)):
        return read_live(s)
    stored = _stored(s)
    stale = touched(s, marks, stored)
    if len(stale) > PARTIAL_LIMIT:
        return read_live(s)
    if not stale:
        return stored
    return Histories.concat([stored.without(np.asarray(stale, dtype=np.int64)), read_live(s, stale)])


def refresh(db: Database) -> None:
    """Fold the members touched since the marks back into their stored rows, or rebuild everyone
    after an import, an undo or a change of packing.  Never needed for a right answer (`load` reads
    what the marks do not vouch for), only for a fast one."""
    settled = _settled(db)
    if settled is None:
        return
    with db.read() as s:
        marks = stored_marks(s)
        rebuild = marks is None or not marks.same_imports(current_marks(s))
        stale = [] if rebuild or marks is None else touched(s, marks)
    if rebuild or len(stale) > PARTIAL_LIMIT:
        _rebuild(db, settled)
        return
    if not stale and marks is not None and (marks.purchase_id, marks.voided) == (settled.purchase_id, settled.voided):
        return
    with db.transaction() as s:
        if stored_marks(s) != marks:  # another refresh got there first
            return
        fresh = read_live(s, stale)
        if stale:
            s.execute(delete(MemberHistory).where(MemberHistory.member_id.in_(stale)))
        _insert(s, pack(fresh))
        _write_marks(s, settled)


# How long PostgreSQL may wait for the sales in progress before the refresh gives up this time: a
# waiting SHARE lock holds up the counter's next sales behind it (an import's long transaction would).
LOCK_WAIT = "50ms"


def _settled(db: Database) -> Marks | None:
    """The marks to store: on PostgreSQL, taken once every sale already begun has committed (a SHARE
    lock waits for them), so that no purchase with a lower id can still appear afterwards; None when
    they take longer than LOCK_WAIT (no refresh this time).  SQLite has one writer at a time, and a
    write transaction sees every committed sale."""
    try:
        with db.transaction() as s:
            if not db.is_sqlite:
                s.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
                s.execute(text("LOCK TABLE purchases IN SHARE MODE"))
            return current_marks(s)
    except OperationalError:
        if db.is_sqlite:
            raise
        return None


def _rebuild(db: Database, settled: Marks) -> None:
    """Everyone's rows from the sales tables, written in short transactions: the marks say "building"
    until the last one, so readers meanwhile read the sales tables; a second rebuild started
    meanwhile takes over (this one stops at its next chunk)."""
    token = _begin_building(db)
    with db.read() as s:
        fresh = read_live(s)
    rows = pack(fresh)
    while True:
        chunk = [row for _, row in zip(range(WRITE_CHUNK), rows, strict=False)]
        with db.transaction() as s:
            if not _still_building(s, token):
                return
            _insert(s, chunk)
            if len(chunk) < WRITE_CHUNK:
                _write_marks(s, settled)
                return


def _begin_building(db: Database) -> int:
    """Empty the rows and mark them "building" by a token of this rebuild (in import_batch)."""
    token = secrets.randbits(31)
    with db.transaction() as s:
        s.execute(delete(MemberHistory))
        row = s.get(MemberHistoryMarks, MARKS_ID)
        if row is None:
            row = MemberHistoryMarks(id=MARKS_ID)
            s.add(row)
        row.version, row.purchase_id, row.at, row.import_batch, row.undone_batches = VERSION, BUILDING, now(), token, 0
        row.voided = 0
    return token


def _still_building(s: Session, token: int) -> bool:
    row = s.get(MemberHistoryMarks, MARKS_ID)
    return row is not None and row.purchase_id == BUILDING and row.import_batch == token


def _insert(s: Session, rows: Iterable[tuple[int, bytes, bytes]]) -> None:
    """Through the driver, in the session's transaction: SQLAlchemy's executemany took 2.0 s for the
    large demo's 46,000 rows, the driver's 0.5 s."""
    batch = list(rows)
    if not batch:
        return
    mark = "?" if s.get_bind().dialect.name == "sqlite" else "%s"
    cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(f"INSERT INTO member_histories (member_id, purchases, lines) VALUES ({mark}, {mark}, {mark})", batch)
    finally:
        cursor.close()


def _write_marks(s: Session, marks: Marks) -> None:
    row = s.get(MemberHistoryMarks, MARKS_ID)
    if row is None:
        row = MemberHistoryMarks(id=MARKS_ID)
        s.add(row)
    row.version, row.purchase_id, row.at = marks.version, marks.purchase_id, now()
    row.import_batch, row.undone_batches, row.voided = marks.import_batch, marks.undone_batches, marks.voided
    s.flush()
