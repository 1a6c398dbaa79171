"""A shop built row by row for the campaign tests: members with chosen classes, consent and birthdays,
a classification snapshot, purchases at chosen times.  Direct inserts keep every figure known."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, MemberTag, Purchase, SnapshotMember

SNAPSHOT_DEFAULTS: dict[str, Any] = {
    "frequency": "low", "spend_class": "low", "segment": "hibernating", "pyramid": "lead", "abcd": "C",
    "lifecycle": "active", "churn_level": "none", "preference": "mixed", "reasons": {},
}


@dataclass
class CampaignShop:
    db: Database
    when: dt.datetime = dt.datetime(2025, 3, 1, 10, 0)
    snapshot_id: int | None = None
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    def snapshot(self, as_of: dt.date | None = None) -> int:
        with self.db.transaction() as s:
            snap = ClassificationSnapshot(as_of=as_of or self.when.date(), window_days=365, created_at=self.when,
                                          members=0, params={}, clv=None)
            s.add(snap)
            s.flush()
            self.snapshot_id = snap.id
        return snap.id

    def member(self, name: str | None = None, *, consent: bool = True, classes: dict[str, Any] | None = None,
               tags: tuple[str, ...] = (), registered_on: dt.date | None = None, **fields: Any) -> int:
        """One member; `classes` adds their row to the current snapshot (when there is one)."""
        n = next(self._numbers)
        with self.db.transaction() as s:
            m = Member(
                card_no=f"C{n:05d}", name=name if name is not None else f"Member {n}",
                phone=f"+86139{n:08d}", phone_last4=f"{n:08d}"[-4:], registered_on=registered_on or dt.date(2024, 1, 1),
                consent=consent, created_at=self.when, updated_at=self.when, status="active", **fields,
            )
            s.add(m)
            s.flush()
            for tag in tags:
                s.add(MemberTag(member_id=m.id, tag=tag))
            if self.snapshot_id is not None and classes is not None:
                values = {**SNAPSHOT_DEFAULTS, **classes}
                s.add(SnapshotMember(snapshot_id=self.snapshot_id, member_id=m.id, **values))
            return m.id

    def members(self, count: int, **kw: Any) -> list[int]:
        return [self.member(**kw) for _ in range(count)]

    def buy(self, member_id: int, at: dt.datetime, cents: int, *, voided: bool = False) -> None:
        with self.db.transaction() as s:
            s.add(Purchase(member_id=member_id, purchased_at=at, total_cents=cents, channel="store",
                           origin="counter", voided_at=at if voided else None))
