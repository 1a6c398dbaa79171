"""How current the shop's classes are, read without loading the engine: the status bar asks on
start-up, and importing the classification engine (numpy, scipy) for that cost the first window
about half a second."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, ImportBatch, Member
from shopcrm.engine.params import CUT_OFFS_VERSION
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.shop import clock
from shopcrm.services.shop.settings import ShopSettings, load_settings


def import_marks(s: Session) -> dict[str, int]:
    """The newest finished import batch and how many were undone: an import or an undo after a
    snapshot read the shop changes these (exactly, unlike a time stamp to the second)."""
    return {
        "import_batch": int(s.scalar(select(func.max(ImportBatch.id)).where(ImportBatch.finished_at.is_not(None))) or 0),
        "undone_batches": int(s.scalar(select(func.count()).select_from(ImportBatch).where(ImportBatch.undone_at.is_not(None))) or 0),
    }


# why the newest snapshot no longer describes the shop (None: it does)
NO_SNAPSHOT = "no snapshot"
OLD = "older than today"
RULES = "rules changed"
IMPORTS = "imported or undone since"
NO_CUT_OFFS = "no stored cut-offs"
DOES_NOT_FIT = "new reasons do not fit the stored layout"


@dataclass(frozen=True)
class Freshness:
    snapshot_id: int | None
    as_of: dt.date | None
    created_at: dt.datetime | None  # when the full run wrote it
    updated_at: dt.datetime | None  # the last card brought up to date since (or the full run's reading)
    stale: str | None  # why a full run is due, None while the classes are current

    @property
    def due(self) -> bool:
        return self.stale is not None


def seen_marks(snap: ClassificationSnapshot) -> dict[str, Any] | None:
    seen = (snap.params or {}).get("seen")
    return seen if isinstance(seen, dict) and {"purchase_id", "member_id", "at"} <= set(seen) else None


def moment(text: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None


def why_stale(s: Session, snap: ClassificationSnapshot | None, settings: ShopSettings, today: dt.date) -> str | None:
    if snap is None:  # an empty shop has nothing to classify yet
        return NO_SNAPSHOT if s.scalar(select(Member.id).limit(1)) is not None else None
    if snap.as_of < today:
        return OLD
    params = snap.params or {}
    levels = [{"name": lvl.name, "min_spend_cents": lvl.min_spend_cents} for lvl in settings.levels]
    if params.get("rules") != settings.rules.to_dict() or params.get("levels") != levels:
        return RULES
    seen = seen_marks(snap)
    # (the cut-offs' version only: reading them whole loads the engine; update_cards reads them whole)
    cut_offs = params.get("cut_offs")
    if not isinstance(cut_offs, dict) or cut_offs.get("version") != CUT_OFFS_VERSION or seen is None \
            or not snap.reason_layout:
        return NO_CUT_OFFS
    now = import_marks(s)
    changed = any(now[key] != seen.get(key) for key in now)  # an import finished or was undone since
    return IMPORTS if changed else None


def freshness(db: Database, settings: ShopSettings | None = None, today: dt.date | None = None) -> Freshness:
    """How current the newest snapshot is (read only)."""
    settings = settings or load_settings(db)
    today = today or clock.now().date()
    with db.read() as s:
        snap = latest_snapshot_in(s)
        why = why_stale(s, snap, settings, today)
        if snap is None:
            return Freshness(None, None, None, None, why)
        seen = seen_marks(snap)
        updated = moment(seen.get("updated")) if seen and seen.get("updated") else None
        return Freshness(int(snap.id), snap.as_of, snap.created_at, updated, why)
