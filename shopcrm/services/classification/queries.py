"""Reading snapshots back for the screens, charts and the CLI.

Counts per class, the members of a class, the movement between two snapshots (how many gold
members became iron, how many at-risk members came back) and one member's classes with reasons.
Classifications are named as in shopcrm.codes.CLASS_COLUMNS.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased

from shopcrm.codes import CLASS_COLUMNS
from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, Product, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.i18n import translate
from shopcrm.services.classification.reasons import member_reasons
from shopcrm.services.members.table import SnapshotInfo, class_tallies, latest_snapshot
from shopcrm.services.shop.settings import load_settings

_METRICS = (
    "first_purchase", "last_purchase", "recency_days", "visits", "spend_cents", "total_spend_cents",
    "avg_ticket_cents", "tenure_days", "median_interval_days", "visits_last90", "visits_prev90",
    "spend_last90_cents", "spend_prev90_cents", "new_product_share",
)
RECORDED = ("source", "area", "gender")  # member fields the classify summary counts "as recorded"
_LIFETIME = ("p_alive", "expected_visits_90", "expected_visits_365", "predicted_value_1y_cents")


def _column(classification: str) -> Any:
    name = CLASS_COLUMNS.get(classification)
    if name is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Unknown classification {name}."), "classification", name=classification
        )
    return getattr(SnapshotMember, name)


def _info(row: ClassificationSnapshot) -> SnapshotInfo:
    return SnapshotInfo(row.id, row.as_of, row.created_at, row.members, row.window_days)


def _check(s: Session, snapshot_id: int) -> None:
    if s.get(ClassificationSnapshot, snapshot_id) is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Snapshot {id} does not exist."), id=snapshot_id)


def list_snapshots(db: Database) -> list[SnapshotInfo]:
    """Every stored snapshot, newest "as of" first."""
    with db.read() as s:
        rows = s.scalars(
            select(ClassificationSnapshot).where(ClassificationSnapshot.shown()).order_by(*ClassificationSnapshot.shown_first())
        ).all()
        return [_info(r) for r in rows]


def class_counts(db: Database, snapshot_id: int | None = None) -> dict[str, dict[str, int]]:
    """{classification: {class: members}} of a snapshot (default: the latest); {} before the first.
    Current members only, counted as every screen counts them (member_table.classified_select)."""
    if snapshot_id is None:
        latest = latest_snapshot(db)
        if latest is None:
            return {}
        snapshot_id = latest.id
    with db.read() as s:
        _check(s, snapshot_id)
        return current_counts(s, snapshot_id)


def current_counts(s: Session, snapshot_id: int, classes: dict[str, list[str]] | None = None,
                   level_names: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Members per class of every stored classification and recorded field (source, area, gender),
    over the current members in the snapshot: the same members the screens count.

    `classes`: the classes to list (with 0 when nobody is in one), in the engine's order; by default
    those present.  `level_names` names the member levels (stored as numbers)."""
    names = list(CLASS_COLUMNS) + list(RECORDED)
    columns = [_column(n) for n in CLASS_COLUMNS] + [getattr(Member, n) for n in RECORDED]
    out: dict[str, dict[str, int]] = {}
    for name, tally in zip(names, class_tallies(s, snapshot_id, columns), strict=True):
        found: dict[str, int] = {}
        for value, n in tally.items():
            if name == "level" and level_names is not None and value is not None:
                key = level_names[min(int(value), len(level_names) - 1)]
            else:
                key = "unknown" if value is None or value == "" else str(value)
            found[key] = found.get(key, 0) + n
        wanted = (classes or {}).get(name)
        if wanted is None:
            out[name] = dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))) if name in RECORDED else found
        else:
            out[name] = {c: found.pop(c, 0) for c in wanted} | found
    return out


def members_in_class(db: Database, snapshot_id: int, classification: str, value: str | int | None) -> list[int]:
    """Ids of the members with `value` in `classification` in the snapshot (None: no value, e.g. age)."""
    col = _column(classification)
    if classification == "level" and value is not None:
        value = int(value)
    condition: ColumnElement[bool] = col.is_(None) if value is None else col == value
    with db.read() as s:
        _check(s, snapshot_id)
        return [
            int(i)
            for i in s.scalars(
                select(SnapshotMember.member_id)
                .where(SnapshotMember.snapshot_id == snapshot_id, condition)
                .order_by(SnapshotMember.member_id)
            )
        ]


def movement(db: Database, from_snapshot: int, to_snapshot: int, classification: str) -> list[dict[str, Any]]:
    """How members moved between two snapshots: [{"from", "to", "members"}], largest first.

    "from" is None for members only in the later snapshot (registered since), "to" is None for
    members only in the earlier one (erased since).
    """
    col_name = CLASS_COLUMNS.get(classification)
    _column(classification)
    a = aliased(SnapshotMember)
    b = aliased(SnapshotMember)
    ca, cb = getattr(a, col_name), getattr(b, col_name)  # type: ignore[arg-type]
    with db.read() as s:
        _check(s, from_snapshot)
        _check(s, to_snapshot)
        both = s.execute(
            select(ca, cb, func.count())
            .select_from(a)
            .join(b, and_(b.member_id == a.member_id, b.snapshot_id == to_snapshot))
            .where(a.snapshot_id == from_snapshot)
            .group_by(ca, cb)
        ).all()
        left = s.execute(
            select(ca, func.count())
            .select_from(a)
            .outerjoin(b, and_(b.member_id == a.member_id, b.snapshot_id == to_snapshot))
            .where(a.snapshot_id == from_snapshot, b.member_id.is_(None))
            .group_by(ca)
        ).all()
        joined = s.execute(
            select(cb, func.count())
            .select_from(b)
            .outerjoin(a, and_(a.member_id == b.member_id, a.snapshot_id == from_snapshot))
            .where(b.snapshot_id == to_snapshot, a.member_id.is_(None))
            .group_by(cb)
        ).all()
    rows = [{"from": f, "to": t, "members": int(n)} for f, t, n in both]
    rows += [{"from": f, "to": None, "members": int(n)} for f, n in left]
    rows += [{"from": None, "to": t, "members": int(n)} for t, n in joined]
    rows.sort(key=lambda r: (-r["members"], str(r["from"]), str(r["to"])))
    return rows


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def member_classes(db: Database, member_id: int) -> dict[str, Any] | None:
    """The member in the newest snapshot that has them: classes, scores, metrics, lifetime value,
    reasons (in the current language) and recommended products (JSON-ready); None before the member
    was first classified."""
    levels = load_settings(db).levels
    with db.read() as s:
        found = s.execute(
            select(SnapshotMember, ClassificationSnapshot)
            .join(ClassificationSnapshot, ClassificationSnapshot.id == SnapshotMember.snapshot_id)
            .where(SnapshotMember.member_id == member_id, ClassificationSnapshot.shown())
            .order_by(*ClassificationSnapshot.shown_first())
            .limit(1)
        ).first()
        if found is None:
            return None
        row, snap = found
        rec_ids = [int(i) for i in (row.recommendations or [])]
        names = dict(s.execute(select(Product.id, Product.name).where(Product.id.in_(rec_ids))).all()) if rec_ids else {}
        level = min(max(row.level, 0), len(levels) - 1)
        return {
            "snapshot": {"id": snap.id, "as_of": snap.as_of.isoformat(), "window_days": snap.window_days},
            "classes": {name: getattr(row, column) for name, column in CLASS_COLUMNS.items()},
            "level_name": translate("levels", levels[level].name),
            "rfm": {"r": row.r_score, "f": row.f_score, "m": row.m_score},
            "favourite_category": row.favourite_category,
            "category_shares": dict(row.category_shares or {}),
            "metrics": {name: _plain(getattr(row, name)) for name in _METRICS},
            "lifetime_value": {name: getattr(row, name) for name in _LIFETIME},
            "reasons": member_reasons(s, snap, row),
            "recommendations": [{"id": i, "name": names[i]} for i in rec_ids if i in names],
        }
