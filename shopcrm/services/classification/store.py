"""Writing a classification snapshot: one snapshot row and one row per member, in one transaction.

50,000 member rows go through the driver's bulk path (executemany on SQLite, COPY on PostgreSQL,
via demo_store.BulkWriter) with every value already in its stored form: dates as YYYY-MM-DD, JSON
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
from typing import Any

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopcrm.db.bulk import BulkWriter
from shopcrm.db.models import ClassificationSnapshot, SnapshotMember
from shopcrm.engine.classify import Inputs, Run, day_number
from shopcrm.engine.reasons import encode, row_bytes

SNAPSHOT_KEEP_DAYS = 31

# snapshot column of each classification (the engine's names on the left)
COLUMNS: dict[str, str] = {
    "frequency": "frequency",
    "spend": "spend_class",
    "segment": "segment",
    "pyramid": "pyramid",
    "abcd": "abcd",
    "lifecycle": "lifecycle",
    "churn": "churn_level",
    "preference": "preference",
    "age_band": "age_band",
    "level": "level",
}

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
    classes = {name: result.classes[name].values().tolist() for name in COLUMNS if name != "level"}
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


def store_snapshot(
    s: Session, inputs: Inputs, result: Run, params: dict[str, Any], clv: dict[str, Any]
) -> int:
    """Write the snapshot in the caller's transaction and return its id.

    An earlier snapshot of the same date is deleted after the new one is written, so a snapshot id is
    never handed out twice (SQLite would reuse the highest id if it were deleted first).
    """
    as_of = inputs.as_of
    layout, reasons = encode(result.reason_columns())
    old = s.scalars(select(ClassificationSnapshot.id).where(ClassificationSnapshot.as_of == as_of)).all()
    snap = ClassificationSnapshot(
        as_of=as_of,
        window_days=result.metrics.window_days,
        created_at=dt.datetime.now().replace(microsecond=0),
        members=inputs.members.size,
        params=params,
        clv=clv,
        reason_layout=layout,
    )
    s.add(snap)
    s.flush()
    columns = member_columns(inputs, result, reasons)
    names = ["snapshot_id", *columns]
    count = inputs.members.size
    ids = [snap.id] * count
    rows = list(zip(ids, *columns.values(), strict=True))
    BulkWriter(s.connection()).insert(SnapshotMember.__table__, names, rows)  # type: ignore[arg-type]
    _delete(s, [int(i) for i in old])
    return int(snap.id)


def _delete(s: Session, snapshot_ids: list[int]) -> None:
    if snapshot_ids:
        s.execute(delete(SnapshotMember).where(SnapshotMember.snapshot_id.in_(snapshot_ids)))
        s.execute(delete(ClassificationSnapshot).where(ClassificationSnapshot.id.in_(snapshot_ids)))


def thin_out(s: Session) -> None:
    """Keep every snapshot of the last SNAPSHOT_KEEP_DAYS days and the newest of each earlier month."""
    snaps = s.execute(
        select(ClassificationSnapshot.id, ClassificationSnapshot.as_of).order_by(*ClassificationSnapshot.shown_first())
    ).all()
    if not snaps:
        return
    newest = day_number(snaps[0][1])
    seen_months: set[tuple[int, int]] = set()
    drop: list[int] = []
    for snap_id, as_of in snaps:
        month = (as_of.year, as_of.month)
        if newest - day_number(as_of) >= SNAPSHOT_KEEP_DAYS and month in seen_months:
            drop.append(int(snap_id))
        seen_months.add(month)
    _delete(s, drop)
