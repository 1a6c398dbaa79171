"""Undoing an import batch as a whole: its purchases, its points, its feedback, the members it alone created.

Members a member-list import merged get their previous values back (where nobody changed them
since).  Balances are recomputed from the remaining ledger; a balance the undo would push
below zero (points already redeemed) is brought back to zero with an adjustment, so balance
and ledger always agree.  A backup is taken first on SQLite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from shopcrm.db.backup import backup_database
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    CampaignMember,
    ConsentEvent,
    Feedback,
    ImportBatch,
    ImportedLine,
    ImportMemberChange,
    Member,
    MemberTag,
    PointsEntry,
    Purchase,
    PurchaseLine,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError
from shopcrm.io.phones import last4
from shopcrm.services.members.points import rebuild_earn_only, rebuild_points
from shopcrm.services.shop.settings import load_settings

IN_CHUNK = 2_000


@dataclass(frozen=True)
class UndoResult:
    batch: int
    purchases_removed: int
    members_removed: int
    members_restored: int
    points_removed: int
    feedback_removed: int = 0

    def summary(self) -> dict[str, int]:
        return {
            "batch": self.batch,
            "purchases_removed": self.purchases_removed,
            "members_removed": self.members_removed,
            "members_restored": self.members_restored,
            "points_removed": self.points_removed,
            "feedback_removed": self.feedback_removed,
        }


def _chunks(values: list[int]) -> list[list[int]]:
    return [values[i : i + IN_CHUNK] for i in range(0, len(values), IN_CHUNK)]


def undo_import(db: Database, batch_id: int, *, backup: bool = True) -> UndoResult:
    with db.read() as s:
        batch = s.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Import batch {id} does not exist."), id=batch_id)
        if batch.status == "undone":
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "Import batch {id} has already been undone."), id=batch_id)
    if backup and db.is_sqlite:
        backup_database(db, reason="before-undo-import")
    settings = load_settings(db)
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        conn = s.connection()
        batch = s.get(ImportBatch, batch_id, with_for_update=True)
        if batch is None or batch.status == "undone":
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "Import batch {id} has already been undone."), id=batch_id)
        pt, lt, mt, lnt = Purchase.__table__, PointsEntry.__table__, Member.__table__, PurchaseLine.__table__
        affected = set(conn.execute(select(pt.c.member_id).where(pt.c.import_batch_id == batch_id, pt.c.member_id.is_not(None)).distinct()).scalars())
        affected |= set(conn.execute(select(lt.c.member_id).where(lt.c.import_batch_id == batch_id).distinct()).scalars())
        points_removed = int(conn.execute(select(func.coalesce(func.sum(lt.c.points), 0)).where(lt.c.import_batch_id == batch_id)).scalar_one())
        affected |= _take_back_added_lines(conn, batch_id)
        conn.execute(delete(lt).where(lt.c.import_batch_id == batch_id))
        conn.execute(delete(lt).where(lt.c.purchase_id.in_(select(pt.c.id).where(pt.c.import_batch_id == batch_id))))
        conn.execute(delete(lnt).where(lnt.c.purchase_id.in_(select(pt.c.id).where(pt.c.import_batch_id == batch_id))))
        purchases_removed = conn.execute(delete(pt).where(pt.c.import_batch_id == batch_id)).rowcount or 0
        feedback_removed = conn.execute(delete(Feedback.__table__).where(Feedback.__table__.c.import_batch_id == batch_id)).rowcount or 0
        restored = _restore_merged(conn, batch_id, now)
        # A member the batch created stays when anything else has touched it since: a sale or points
        # from elsewhere, a later import that filled it in, an edit, a campaign list, feedback.
        created = list(
            conn.execute(select(mt.c.id).where(mt.c.import_batch_id == batch_id, mt.c.updated_at <= mt.c.created_at)).scalars()
        )
        ct, cmt, ft = ImportMemberChange.__table__, CampaignMember.__table__, Feedback.__table__
        removable = []
        for chunk in _chunks(created):
            used = set(conn.execute(select(pt.c.member_id).where(pt.c.member_id.in_(chunk)).distinct()).scalars())
            used |= set(conn.execute(select(lt.c.member_id).where(lt.c.member_id.in_(chunk)).distinct()).scalars())
            used |= set(conn.execute(select(ct.c.member_id).where(ct.c.member_id.in_(chunk), ct.c.batch_id != batch_id)).scalars())
            used |= set(conn.execute(select(cmt.c.member_id).where(cmt.c.member_id.in_(chunk))).scalars())
            used |= set(conn.execute(select(ft.c.member_id).where(ft.c.member_id.in_(chunk))).scalars())
            removable += [m for m in chunk if m not in used]
        for chunk in _chunks(removable):
            conn.execute(delete(MemberTag.__table__).where(MemberTag.__table__.c.member_id.in_(chunk)))
            conn.execute(delete(ConsentEvent.__table__).where(ConsentEvent.__table__.c.member_id.in_(chunk)))
            conn.execute(delete(mt).where(mt.c.id.in_(chunk)))
        affected -= set(removable)
        _rebalance(conn, sorted(affected), settings, now, batch_id)
        batch.status = "undone"
        batch.undone_at = now
        s.flush()
    return UndoResult(batch_id, purchases_removed, len(removable), restored, points_removed, feedback_removed)


def _take_back_added_lines(conn: Any, batch_id: int) -> set[int]:
    """Lines this batch added to purchases of earlier imports (a receipt split over two files): the
    line rows go, the purchases' totals and discounts lose exactly what the lines added.  Returns
    the members of those purchases, whose balance and level are recomputed."""
    it, pt, lnt = ImportedLine.__table__, Purchase.__table__, PurchaseLine.__table__
    own = select(pt.c.id).where(pt.c.import_batch_id == batch_id)
    added = it.c.import_batch_id == batch_id
    changes = conn.execute(
        select(it.c.purchase_id, func.sum(it.c.amount_cents), func.sum(it.c.discount_cents))
        .where(added, it.c.purchase_id.not_in(own))
        .group_by(it.c.purchase_id)
    ).all()
    line_ids = [i for i in conn.execute(
        select(it.c.purchase_line_id).where(added, it.c.purchase_id.not_in(own), it.c.purchase_line_id.is_not(None))
    ).scalars()]
    for purchase_id, amount, discount in changes:
        # points_earned cleared: the replay rates the smaller total again at the shop's earn rate.
        conn.execute(update(pt).where(pt.c.id == purchase_id).values(
            total_cents=pt.c.total_cents - int(amount or 0), discount_cents=pt.c.discount_cents - int(discount or 0),
            points_earned=None,
        ))
    conn.execute(delete(it).where(added))
    for chunk in _chunks(line_ids):
        conn.execute(delete(lnt).where(lnt.c.id.in_(chunk)))
    members: set[int] = set()
    for chunk in _chunks([pid for pid, _, _ in changes]):
        members |= set(conn.execute(select(pt.c.member_id).where(pt.c.id.in_(chunk), pt.c.member_id.is_not(None))).scalars())
    return members


def _restore_merged(conn: Any, batch_id: int, now: dt.datetime) -> int:
    """Put back what a member-list import filled in, unless the field was changed again since."""
    ct, mt, tt = ImportMemberChange.__table__, Member.__table__, MemberTag.__table__
    count = 0
    for _change_id, member_id, before, after in conn.execute(
        select(ct.c.id, ct.c.member_id, ct.c.before, ct.c.after).where(ct.c.batch_id == batch_id).order_by(ct.c.id.desc())
    ).all():
        current = conn.execute(select(mt).where(mt.c.id == member_id)).mappings().first()
        if current is None:
            continue
        values: dict[str, Any] = {}
        for name, new in (after or {}).items():
            if name in ("tags_added", "opening_points") or name not in (before or {}):
                continue
            now_value = current[name]
            if isinstance(now_value, dt.date):
                now_value = now_value.isoformat()
            if now_value == new:
                old = before[name]
                if name == "registered_on" and old is not None:
                    old = dt.date.fromisoformat(old)
                if name == "consent_at" and old is not None:
                    old = dt.datetime.fromisoformat(old)
                values[name] = old
        if "level" in values:
            values["level_floor"] = values["level"]
        if "phone" in values:
            values["phone_last4"] = last4(values["phone"]) if values["phone"] else None
        if "consent" in values:
            conn.execute(insert(ConsentEvent.__table__).values(member_id=member_id, at=now, consent=bool(values["consent"]), origin="import"))
            if "consent_at" not in (before or {}):  # a batch imported before the date was kept with it
                values["consent_at"] = _consent_date_before(conn, member_id, batch_id)
        if values:
            values["updated_at"] = now
            conn.execute(update(mt).where(mt.c.id == member_id).values(**values))
        tags = (after or {}).get("tags_added") or []
        if tags:
            conn.execute(delete(tt).where(tt.c.member_id == member_id, tt.c.tag.in_(tags)))
        count += 1
    return count


def _consent_date_before(conn: Any, member_id: int, batch_id: int) -> dt.datetime | None:
    """When the member's consent last changed before the batch (its consent history), or None."""
    et, bt = ConsentEvent.__table__, ImportBatch.__table__
    started = conn.execute(select(bt.c.started_at).where(bt.c.id == batch_id)).scalar()
    if started is None:
        return None
    return conn.execute(
        select(func.max(et.c.at)).where(et.c.member_id == member_id, et.c.at < started)
    ).scalar()


def _rebalance(conn: Any, member_ids: list[int], settings: Any, now: dt.datetime, batch_id: int) -> None:
    """Points and level of the members the batch touched, from what remains (order-free): those whose
    points are plain earnings set-based, the others replayed (shopcrm.services.members.points)."""
    rebuild_points(conn, rebuild_earn_only(conn, member_ids, settings), settings, now)
