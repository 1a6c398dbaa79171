"""Keeping the classes current between full runs (SPEC §9).

A full run stores, with its snapshot, the cut-offs it ranked everyone by (shopcrm.engine.cutoffs)
and what it had seen (the newest purchase and member ids, the moment it read).  A sale, a void or a
new member then brings just that member's card up to date: the same engine, on the member alone,
against the stored cut-offs, written over the member's row of the newest snapshot.  Everyone else
keeps the class the full run gave them, so a card never waits for the whole shop; the next full run
(after an import, an undo, a restore, or once a day on start) re-ranks everyone.

`freshness` says whether the newest snapshot still describes the shop, and why not (the status
bar, the start-up check and the CLI's daily check all ask it).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from shopcrm.db.bulk import BulkWriter
from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, Purchase, SnapshotMember
from shopcrm.engine.classify import Inputs, Run
from shopcrm.engine.classify import run as run_engine
from shopcrm.engine.cutoffs import CutOffs
from shopcrm.engine.reasons import encode, encode_into
from shopcrm.services.classification import store
from shopcrm.services.classification.freshness import (
    DOES_NOT_FIT,
    NO_CUT_OFFS,
    NO_SNAPSHOT,
    moment,
    seen_marks,
    why_stale,
)
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.classification.run import read_inputs, watermark
from shopcrm.services.shop import clock
from shopcrm.services.shop.settings import ShopSettings, load_settings


@dataclass(frozen=True)
class CardUpdate:
    members: tuple[int, ...]  # the members whose cards were brought up to date
    full_run_due: str | None  # why only a full run can bring the classes up to date (nothing written then)


def _touched(s: Session, seen: dict[str, Any], until: dt.datetime) -> list[int]:
    """Members with a sale since `seen` or a void stamped from then until now, and members
    registered since (a void in the very second of the last look is looked at again: same answer)."""
    since = moment(seen["at"]) or dt.datetime.min
    bought = s.scalars(
        select(Purchase.member_id).distinct().where(
            Purchase.member_id.is_not(None),
            or_(Purchase.id > int(seen["purchase_id"]), Purchase.voided_at.between(since, until)),
        )
    ).all()
    joined = s.scalars(select(Member.id).where(Member.id > int(seen["member_id"]))).all()
    return sorted({int(m) for m in bought if m is not None} | {int(m) for m in joined})


def classify_one(s: Session, member_id: int, as_of: dt.date, settings: ShopSettings, cut_offs: CutOffs) -> tuple[Inputs, Run] | None:
    """One member classified against stored cut-offs (None: erased, or not a member yet on `as_of`)."""
    inputs = read_inputs(s, as_of, settings, only=member_id)
    if inputs.members.size != 1:
        return None
    return inputs, run_engine(inputs, settings.rules, cut_offs=cut_offs)


def update_cards(db: Database, settings: ShopSettings | None = None, today: dt.date | None = None) -> CardUpdate:
    """Bring the cards of the members touched since the newest snapshot up to date, in one transaction.

    When the snapshot no longer describes the shop (another day, changed rules, an import) or a
    member's new reasons do not fit its stored layout, nothing is written and `full_run_due` says
    why: the caller starts a full run, which brings everyone up to date.
    """
    settings = settings or load_settings(db)
    today = today or clock.now().date()
    try:
        return _update_cards(db, settings, today)
    except _DoesNotFit:
        return CardUpdate((), DOES_NOT_FIT)


class _DoesNotFit(Exception):
    """A member's new reasons do not fit the snapshot's stored layout (the transaction rolls back)."""


def _update_cards(db: Database, settings: ShopSettings, today: dt.date) -> CardUpdate:
    with db.transaction() as s:
        snap = latest_snapshot_in(s)
        why = why_stale(s, snap, settings, today)
        if why is not None or snap is None:  # (a first member in an empty shop: a first full run)
            return CardUpdate((), why or NO_SNAPSHOT)
        seen = seen_marks(snap)
        cut_offs = CutOffs.from_dict(snap.params.get("cut_offs"))
        if cut_offs is None:  # the right version but not whole (freshness reads the version only)
            return CardUpdate((), NO_CUT_OFFS)
        assert seen is not None and snap.reason_layout is not None
        now = watermark(s)
        members = _touched(s, seen, moment(now["at"]) or dt.datetime.now())
        done: list[int] = []
        for member_id in members:
            one = classify_one(s, member_id, snap.as_of, settings, cut_offs)
            if one is None:
                s.execute(delete(SnapshotMember).where(SnapshotMember.snapshot_id == snap.id, SnapshotMember.member_id == member_id))
                continue
            if not _write_row(s, snap, *one):
                raise _DoesNotFit
            done.append(member_id)
        snap.members = int(s.scalar(select(func.count()).where(SnapshotMember.snapshot_id == snap.id)) or 0)
        snap.params = {**snap.params, "seen": {**now, "updated": now["at"]}}
    return CardUpdate(tuple(done), None)


def _write_row(s: Session, snap: ClassificationSnapshot, inputs: Inputs, result: Run) -> bool:
    """Replace the member's row of `snap` (or add it), in the stored form the full run writes.

    Recommendations rank products by what the whole shop buys together, so an existing row keeps
    the full run's; a new member's row gets the engine's suggestions from their own baskets.
    """
    member_id = int(inputs.members.ids[0])
    old = s.execute(
        select(SnapshotMember.reason_data, SnapshotMember.recommendations).where(
            SnapshotMember.snapshot_id == snap.id, SnapshotMember.member_id == member_id
        )
    ).first()
    layout: dict[str, Any] = dict(snap.reason_layout or {})
    _, own = encode(result.reason_columns())
    columns = store.member_columns(inputs, result, own)
    if old is not None and old[0]:
        packed = encode_into(layout, result.reason_columns(), bytes(old[0]), keep=("recommendations",))
        columns["recommendations"] = [None if old[1] is None else json.dumps(list(old[1]), separators=(",", ":"))]
    else:
        width = sum(_width(str(f)) for f in layout.get("formats", []))
        packed = encode_into(layout, result.reason_columns(), bytes(width))
    if packed is None:
        return False
    columns["reason_data"] = [packed]
    s.execute(delete(SnapshotMember).where(SnapshotMember.snapshot_id == snap.id, SnapshotMember.member_id == member_id))
    names = ["snapshot_id", *columns]
    rows = list(zip([snap.id], *columns.values(), strict=True))
    BulkWriter(s.connection()).insert(SnapshotMember.__table__, names, rows)  # type: ignore[arg-type]
    return True


def _width(fmt: str) -> int:
    return int(np.dtype(fmt).itemsize)
