"""Helpers to fill a test shop (imported by the GUI tests as a plain module)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopcrm.db.engine import Database
from shopcrm.services.members.records import MemberInput, MemberView, register_member
from shopcrm.services.sales.products import ProductView, add_product


def member(db: Database, phone: str, name: str, **kw: Any) -> MemberView:
    return register_member(db, MemberInput(phone=phone, name=name, **kw))


def product(db: Database, name: str, price_cents: int, category: str = "Bread") -> ProductView:
    return add_product(db, name, category=category, price_cents=price_cents)


def snapshot(db: Database, rows: dict[int, dict[str, Any]], as_of: dt.date | None = None) -> int:
    """A classification snapshot with the given classes per member (test data for the GUI only)."""
    from shopcrm.db.models import ClassificationSnapshot, SnapshotMember

    as_of = as_of or dt.date.today()
    with db.transaction() as s:
        snap = ClassificationSnapshot(as_of=as_of, window_days=365, created_at=dt.datetime.now().replace(microsecond=0),
                                      members=len(rows), params={}, clv=None)
        s.add(snap)
        s.flush()
        for member_id, values in rows.items():
            base: dict[str, Any] = {
                "frequency": "low", "spend_class": "low", "segment": "hibernating", "pyramid": "lead", "abcd": "C",
                "lifecycle": "active", "churn_level": "none", "preference": "mixed", "reasons": {},
                "visits": 1, "spend_cents": 1000, "total_spend_cents": 1000,
            }
            base.update(values)
            s.add(SnapshotMember(snapshot_id=snap.id, member_id=member_id, **base))
        return snap.id
