"""Writing a classification snapshot: one snapshot row and one row per member, in short transactions.

50,000 member rows go through the driver's bulk path (executemany on SQLite, COPY on PostgreSQL,
via shopcrm.db.bulk.BulkWriter) with every value already in its stored form: dates as YYYY-MM-DD, JSON
columns encoded here column by column.  The ORM's per-row bookkeeping would cost more than the
whole classification.
Reasons are stored language-neutrally (shopcrm.engine.reasons): the snapshot row keeps the layout
(templates, names), each member row its template ids and values as a few bytes (reason_data); they
are put into words when read (classification_reasons).
A new snapshot replaces an earlier one of the same "as of" date.  Older snapshots are thinned out:
all of the last SNAPSHOT_KEEP_DAYS days stay, before that the newest of each month (enough to chart
movements over the months; any date can be classified again).  A snapshot takes about 0.4 KB per
member with its indexes, so a 2,000-member shop keeps under 1 MB a day, a 50,000-member one 20 MB.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

import numpy as np
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shopcrm.codes import CLASS_COLUMNS
from shopcrm.db.bulk import BulkWriter
from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, SnapshotMember
from shopcrm.engine.classify import Inputs, Run, day_number
from shopcrm.engine.reasons import encode, row_bytes

SNAPSHOT_KEEP_DAYS = 31
# Member rows per write transaction: None sizes each chunk by time (CHUNK_SECONDS), a number fixes
# it (tests, benchmarks).  A sale at the counter waits for at most one chunk.
WRITE_CHUNK: int | None = None
# How long one write transaction should hold SQLite's write lock.  At 50,000 members with the sort
# indexes of 0007_speed a row costs 10-20 us (more on a loaded machine), so a chunk is 1,000-3,000
# rows; chunks sized by time stay short when the machine is slow, where a fixed 2,000 rows held the
# lock up to 122 ms.  Longer chunks gain little: 25 ms chunks cost 10-20 % more CPU than one
# transaction (each commit writes the indexes' last pages again), 100 ms ones under 10 % less
# (tests/benchmarks/bench_classify.py).
CHUNK_SECONDS = 0.025
# On PostgreSQL a sale never waits for these rows (row versions, no table lock): chunks there only
# bound how soon a cancel is heard, and each commit costs a WAL flush, so they are ten times longer.
CANCEL_SECONDS = 0.25
FIRST_CHUNK = 500
MIN_CHUNK = 50
MAX_CHUNK = 20_000
# How much larger a chunk may be than the one before: after a quick chunk (the machine idle for a
# moment) doubling made the next one hold the lock 157 ms where 25 ms was meant.
CHUNK_GROWTH = 1.5
# A pause after each chunk on SQLite, so that a sale waiting for the write lock takes it before the
# next chunk does: waiting writers poll for it every millisecond (shopcrm.db.engine.WRITE_LOCK_POLL).
# With SQLite's own busy handler (sleeps of 1, 2, 5, 10, 15, 20, 25 ... ms) this had to be 30 ms.
CHUNK_PAUSE = 0.002
# An incomplete snapshot older than this is a crashed run's (see _leftovers).
LEFTOVER_AGE = dt.timedelta(hours=1)


class ChunkSizes:
    """Rows for each next write transaction: `fixed`, or sized from the last one's rows per second
    so that it takes about `seconds` (at most CHUNK_GROWTH times the one before)."""

    def __init__(self, fixed: int | None, seconds: float | None = None) -> None:
        self.fixed = max(1, fixed) if fixed else None
        self.seconds = CHUNK_SECONDS if seconds is None else seconds
        self.rows = self.fixed or FIRST_CHUNK

    @classmethod
    def of(cls, db: Database, fixed: int | None) -> ChunkSizes:
        return cls(fixed, CHUNK_SECONDS if db.is_sqlite else CANCEL_SECONDS)

    def took(self, rows: int, seconds: float) -> None:
        if self.fixed is None and rows > 0:
            wanted = int(rows * self.seconds / max(seconds, 1e-4))
            self.rows = max(MIN_CHUNK, min(MAX_CHUNK, int(CHUNK_GROWTH * self.rows), wanted))


_encode = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C-accelerated, as json.dumps uses


def _nullable(values: np.ndarray, present: np.ndarray) -> list[Any]:
    out = np.asarray(values).astype(object)
    out[~present] = None
    return out.tolist()


def _dates(days: np.ndarray, present: np.ndarray) -> list[str | None]:
    out = np.asarray(days).astype("datetime64[D]").astype(str).astype(object)
    out[~present] = None
    return out.tolist()


def _rounded(values: np.ndarray, digits: int) -> list[float | None]:
    raw = np.asarray(values, dtype=float)
    out = np.round(raw, digits).astype(object)
    out[~np.isfinite(raw)] = None
    return out.tolist()


def _category_shares(result: Run, names: tuple[str, ...]) -> list[str | None]:
    """{"bread": 0.5217, ...} per member with product spend (categories with a share only), else None.

    Members are grouped by which categories they bought, so each group is written by one format
    string instead of a join per member.
    """
    shares = result.product_metrics.category_shares()
    n, k = shares.shape
    out = np.full(n, None, dtype=object)
    if k == 0:
        return out.tolist()
    bought = shares > 0
    keys = [_encode(name).replace("{", "{{").replace("}", "}}") for name in names]
    if k <= 62:  # each member's set of categories as one integer: a fast 1-D unique
        _, first, group = np.unique(bought @ (1 << np.arange(k, dtype=np.int64)), return_index=True, return_inverse=True)
        patterns = bought[first]
    else:
        patterns, group = np.unique(bought, axis=0, return_inverse=True)
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(patterns) + 1))
    for g, pattern in enumerate(patterns):
        if not pattern.any():
            continue
        members = order[bounds[g] : bounds[g + 1]]
        fmt = "{{" + ",".join(keys[c] + ":{:.4f}" for c in np.flatnonzero(pattern)) + "}}"
        out[members] = [fmt.format(*row) for row in shares[np.ix_(members, pattern)].tolist()]
    return out.tolist()


def _id_lists(ids: np.ndarray) -> list[str | None]:
    """JSON lists of the non-negative ids of each row (filled from the left); None for none.

    Many members share a list (a few products are everyone's suggestion), so each distinct list
    is written once.
    """
    n, k = ids.shape
    if n == 0 or k == 0:
        return [None] * n
    bits = int(ids.max() + 2).bit_length()
    if bits * k <= 62:  # each row as one integer: a fast 1-D unique
        key = np.zeros(n, dtype=np.int64)
        for j in range(k):
            key = (key << bits) | (ids[:, j] + 1)
        _, first, which = np.unique(key, return_index=True, return_inverse=True)
        lists = ids[first]
    else:
        lists, which = np.unique(ids, axis=0, return_inverse=True)
    texts = np.array(
        [None if row[0] < 0 else "[" + ",".join(str(i) for i in row if i >= 0) + "]" for row in lists.tolist()],
        dtype=object,
    )
    return texts[which.reshape(-1)].tolist()  # type: ignore[no-any-return]


def member_columns(inputs: Inputs, result: Run, reasons: np.ndarray) -> dict[str, list[Any]]:
    """Every snapshot_members column but snapshot_id, in stored form, one entry per member;
    `reasons` holds the encoded reasons (shopcrm.engine.reasons.encode)."""
    m = result.metrics
    has = m.has_purchase
    scored = result.r > 0
    lifetime = result.lifetime
    classes = {name: result.classes[name].values().tolist() for name in CLASS_COLUMNS if name != "level"}
    return {
        "member_id": inputs.members.ids.tolist(),
        "first_purchase": _dates(m.first_day, has),
        "last_purchase": _dates(m.last_day, has),
        "recency_days": _nullable(m.recency, has),
        "visits": m.visits.tolist(),
        "spend_cents": m.spend.tolist(),
        "total_spend_cents": m.total_spend.tolist(),
        "avg_ticket_cents": m.avg_ticket.tolist(),
        "tenure_days": _nullable(m.tenure, has),
        "median_interval_days": _rounded(m.median_interval, 1),
        "visits_last90": m.visits_last.tolist(),
        "visits_prev90": m.visits_prev.tolist(),
        "spend_last90_cents": m.spend_last.tolist(),
        "spend_prev90_cents": m.spend_prev.tolist(),
        "new_product_share": _rounded(result.product_metrics.new_share, 4),
        "frequency": classes["frequency"],
        "spend_class": classes["spend"],
        "r_score": _nullable(result.r, scored),
        "f_score": _nullable(result.f, scored),
        "m_score": _nullable(result.m, scored),
        "segment": classes["segment"],
        "pyramid": classes["pyramid"],
        "abcd": classes["abcd"],
        "lifecycle": classes["lifecycle"],
        "churn_level": classes["churn"],
        "preference": classes["preference"],
        "favourite_category": result.favourite.tolist(),
        "category_shares": _category_shares(result, inputs.catalogue.category_names),
        "age_band": [None if a == "unknown" else a for a in classes["age_band"]],
        "level": result.classes["level"].codes.tolist(),
        "p_alive": _rounded(lifetime.p_alive, 4),
        "expected_visits_90": _rounded(lifetime.visits_90, 3),
        "expected_visits_365": _rounded(lifetime.visits_365, 3),
        "predicted_value_1y_cents": _nullable(lifetime.value_1y, lifetime.value_1y >= 0),
        "reason_data": row_bytes(reasons),
        "recommendations": _id_lists(result.recommendations.product_ids(inputs.catalogue)),
    }


def write_snapshot(
    db: Database, inputs: Inputs, result: Run, params: dict[str, Any], clv: dict[str, Any], *,
    check: Callable[[], None] | None = None, chunk_rows: int | None = None,
) -> int:
    """Write the snapshot in short transactions and return its id once it is the current one.

    A full write of 50,000 rows holds the write lock for seconds, and a sale at the counter would
    wait for all of it (issue 15).  So the snapshot row is written first, marked incomplete (no
    screen shows it), then its member rows a chunk at a time (ChunkSizes: `chunk_rows`, else
    WRITE_CHUNK, else by time), each chunk its own transaction.  The last chunk marks it complete
    and, in the same transaction, hides the snapshots it replaces (an earlier one of the same date,
    those thinned out): no screen ever shows a replaced snapshot beside its replacement, and their
    rows are deleted after, in chunks too.  `check` runs before each chunk (a cancel raises there):
    a cancelled or failed run deletes what it wrote and the previous snapshot stays current.
    """
    layout, reasons = encode(result.reason_columns())
    columns = member_columns(inputs, result, reasons)
    count = inputs.members.size
    delete_snapshots(db, _leftovers(db), chunk_rows=chunk_rows)
    with db.transaction() as s:
        snap = ClassificationSnapshot(
            as_of=inputs.as_of,
            window_days=result.metrics.window_days,
            created_at=dt.datetime.now().replace(microsecond=0),
            members=count,
            params=params,
            clv=clv,
            reason_layout=layout,
            complete=False,
        )
        s.add(snap)
        s.flush()
        snapshot_id = int(snap.id)
    names = ["snapshot_id", *columns]
    values = list(columns.values())
    sizes = ChunkSizes.of(db, chunk_rows or WRITE_CHUNK)
    try:
        lo = 0
        while True:
            if check is not None:
                check()
            hi = min(lo + sizes.rows, count)
            with db.transaction() as s:
                writer = BulkWriter(s.connection())  # the write lock is taken here (BEGIN IMMEDIATE)
                began = time.perf_counter()
                rows = list(zip(repeat(snapshot_id, hi - lo), *(v[lo:hi] for v in values), strict=True))
                writer.insert(SnapshotMember.__table__, names, rows)  # type: ignore[arg-type]
                if hi >= count:  # the last chunk: planner statistics, and the snapshot becomes current
                    writer.finish(light_statistics=True)
                    s.execute(update(ClassificationSnapshot).where(ClassificationSnapshot.id == snapshot_id)
                              .values(complete=True))
                    replaced = _hide_replaced(s, snapshot_id, inputs.as_of)
                    break
            sizes.took(hi - lo, time.perf_counter() - began)
            lo = hi
            _let_others_write(db)
    except BaseException:
        delete_snapshots(db, [snapshot_id], chunk_rows=chunk_rows)
        raise
    delete_snapshots(db, replaced, chunk_rows=chunk_rows)
    return snapshot_id


def _hide_replaced(s: Session, snapshot_id: int, as_of: dt.date) -> list[int]:
    """Mark incomplete (hidden from every screen) the snapshots the new one replaces: the others of
    its date, and those thin_out drops; returns their ids.  If the process dies before they are
    deleted, _leftovers sweeps them like a crashed run's."""
    same_day = s.scalars(select(ClassificationSnapshot.id).where(
        ClassificationSnapshot.as_of == as_of, ClassificationSnapshot.id != snapshot_id,
        ClassificationSnapshot.shown())).all()
    ids = sorted({int(i) for i in (*same_day, *_thinned(s))} - {snapshot_id})
    if ids:
        s.execute(update(ClassificationSnapshot).where(ClassificationSnapshot.id.in_(ids)).values(complete=False))
    return ids


def _leftovers(db: Database) -> list[int]:
    """Incomplete snapshots of runs that crashed (the process killed mid-write) or left behind by
    one (hidden as replaced, not yet deleted): any started more than LEFTOVER_AGE ago.  Younger ones
    may belong to a run still writing in another process."""
    cutoff = dt.datetime.now().replace(microsecond=0) - LEFTOVER_AGE
    with db.read() as s:
        return [int(i) for i in s.scalars(select(ClassificationSnapshot.id).where(
            ClassificationSnapshot.complete.is_(False), ClassificationSnapshot.created_at < cutoff))]


def delete_snapshots(db: Database, snapshot_ids: Sequence[int], *, chunk_rows: int | None = None) -> None:
    """Delete snapshots with their member rows, a chunk of rows per transaction (see write_snapshot):
    each chunk is a range of the primary key (snapshot, member), found and deleted through it."""
    for snapshot_id in snapshot_ids:
        sizes = ChunkSizes.of(db, chunk_rows or WRITE_CHUNK)
        rows = delete(SnapshotMember).where(SnapshotMember.snapshot_id == snapshot_id)
        while True:
            with db.transaction() as s:
                s.connection()  # the write lock is taken here (BEGIN IMMEDIATE)
                began = time.perf_counter()
                last = s.scalar(select(SnapshotMember.member_id).where(SnapshotMember.snapshot_id == snapshot_id)
                                .order_by(SnapshotMember.member_id).offset(sizes.rows - 1).limit(1))
                if last is None:  # what is left, and the snapshot itself
                    s.execute(rows)
                    s.execute(delete(ClassificationSnapshot).where(ClassificationSnapshot.id == snapshot_id))
                    break
                s.execute(rows.where(SnapshotMember.member_id <= last))
            sizes.took(sizes.rows, time.perf_counter() - began)
            _let_others_write(db)


def _let_others_write(db: Database) -> None:
    """Between two chunks: let a sale waiting for SQLite's write lock take it (see CHUNK_PAUSE);
    PostgreSQL's sales never wait for these rows."""
    if db.is_sqlite and CHUNK_PAUSE > 0:
        time.sleep(CHUNK_PAUSE)


def _delete(s: Session, snapshot_ids: list[int]) -> None:
    if snapshot_ids:
        s.execute(delete(SnapshotMember).where(SnapshotMember.snapshot_id.in_(snapshot_ids)))
        s.execute(delete(ClassificationSnapshot).where(ClassificationSnapshot.id.in_(snapshot_ids)))


def _thinned(s: Session) -> list[int]:
    """The complete snapshots thin_out drops."""
    snaps = s.execute(
        select(ClassificationSnapshot.id, ClassificationSnapshot.as_of).where(ClassificationSnapshot.shown())
        .order_by(*ClassificationSnapshot.shown_first())
    ).all()
    if not snaps:
        return []
    newest = day_number(snaps[0][1])
    seen_months: set[tuple[int, int]] = set()
    drop: list[int] = []
    for snap_id, as_of in snaps:
        month = (as_of.year, as_of.month)
        if newest - day_number(as_of) >= SNAPSHOT_KEEP_DAYS and month in seen_months:
            drop.append(int(snap_id))
        seen_months.add(month)
    return drop


def thin_out(s: Session) -> None:
    """Keep every snapshot of the last SNAPSHOT_KEEP_DAYS days and the newest of each earlier month
    (in the caller's transaction; a classification run deletes the same ones in chunks)."""
    _delete(s, _thinned(s))
