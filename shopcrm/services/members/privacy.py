"""A member's rights over their data: see it all (export), change consent, have it erased.

Erasure goes further than blanking the member row (shopcrm.services.members.records.erase_member): on
SQLite the erasing transaction runs with `PRAGMA secure_delete=ON`, then the file is rebuilt
(VACUUM) and its write-ahead log truncated, because free space inside the file (left by earlier
page splits, or by SQLite builds without secure_delete) and older page images in the log would
otherwise still hold the name and phone.  Rejected import rows that held the member's phone or name
are blanked too, and so are the before/after values member-list imports kept for their undo.  Backups taken before the erasure keep the data until rotation removes them.
On PostgreSQL the old row versions disappear when the server vacuums the table.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import object_session, selectinload

from shopcrm import __version__
from shopcrm.db.engine import Database, make_engine
from shopcrm.db.models import (
    Campaign,
    CampaignMember,
    ClassificationSnapshot,
    ConsentEvent,
    Feedback,
    ImportMemberChange,
    Member,
    PointsEntry,
    Purchase,
    RejectedRow,
    SnapshotMember,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ShopError
from shopcrm.io.output_files import write_failure_reason
from shopcrm.io.phones import national_digits
from shopcrm.services.classification.reasons import member_reasons
from shopcrm.services.members.points import lock_member
from shopcrm.services.members.records import erase_member, set_consent
from shopcrm.services.shop import audit
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.owner_password import require_owner
from shopcrm.services.shop.settings import load_settings

EXPORT_FORMAT = "shopcrm-personal-data/1"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConsentView:
    at: dt.datetime
    consent: bool
    origin: str


def _member(s: Any, member_id: int) -> Member:
    member = s.get(Member, member_id)
    if member is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
    return member


def consent_history(db: Database, member_id: int) -> list[ConsentView]:
    """Every change of marketing consent, oldest first, with its date and where it was made."""
    with db.read() as s:
        _member(s, member_id)
        rows = s.scalars(
            select(ConsentEvent).where(ConsentEvent.member_id == member_id).order_by(ConsentEvent.at, ConsentEvent.id)
        )
        return [ConsentView(e.at, e.consent, e.origin) for e in rows]


def record_consent(db: Database, member_id: int, consent: bool, *, origin: str = "counter") -> list[ConsentView]:
    """Give or withdraw marketing consent now; a change is kept with its date.  Returns the history."""
    with db.transaction() as s:
        member = lock_member(s, member_id)
        set_consent(s, member, bool(consent), now(), origin[:20])
    return consent_history(db, member_id)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


def member_personal_data(db: Database, member_id: int) -> dict[str, Any]:
    """Everything the shop holds about one member, as plain JSON-ready data (SPEC §2 entities)."""
    settings = load_settings(db)
    with db.read() as s:
        m = _member(s, member_id)
        level_names = [lvl.name for lvl in settings.levels]
        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "exported_at": _iso(dt.datetime.now().replace(microsecond=0)),
            "program": f"ShopCRM {__version__}",
            "shop": settings.shop_name,
            "currency": settings.currency,
            "member": {
                "id": m.id,
                "card_no": m.card_no,
                "name": m.name,
                "phone": m.phone,
                "phone_national": national_digits(m.phone) if m.phone else None,
                "gender": m.gender,
                "birth_year": m.birth_year,
                "birth_month": m.birth_month,
                "birth_day": m.birth_day,
                "birth_calendar": m.birth_calendar,  # "lunar": month and day are 农历
                "birth_leap_month": m.birth_leap_month,
                "registered_on": _iso(m.registered_on),
                "source": m.source,
                "area": m.area,
                "tags": sorted(t.tag for t in m.tags),
                "notes": m.notes,
                "marketing_consent": m.consent,
                "consent_changed_at": _iso(m.consent_at),
                "points_balance": m.points_balance,
                "level": m.level,
                "level_name": level_names[min(m.level, len(level_names) - 1)] if level_names else None,
                "status": m.status,
                "created_at": _iso(m.created_at),
                "updated_at": _iso(m.updated_at),
            },
        }
        data["consent_history"] = [
            {"at": _iso(e.at), "consent": e.consent, "origin": e.origin}
            for e in s.scalars(
                select(ConsentEvent).where(ConsentEvent.member_id == member_id).order_by(ConsentEvent.at, ConsentEvent.id)
            )
        ]
        purchases = s.scalars(
            select(Purchase)
            .options(selectinload(Purchase.lines))
            .where(Purchase.member_id == member_id)
            .order_by(Purchase.purchased_at, Purchase.id)
        )
        data["purchases"] = [
            {
                "id": p.id,
                "purchased_at": _iso(p.purchased_at),
                "total_cents": p.total_cents,
                "discount_cents": p.discount_cents,
                "payment_method": p.payment_method,
                "channel": p.channel,
                "origin": p.origin,
                "voided_at": _iso(p.voided_at),
                "lines": [
                    {
                        "product": line.product.name if line.product else None,
                        "category": line.product.category.name if line.product and line.product.category else None,
                        "quantity": str(line.quantity),
                        "unit_price_cents": line.unit_price_cents,
                        "amount_cents": line.amount_cents,
                    }
                    for line in p.lines
                ],
            }
            for p in purchases
        ]
        data["points"] = [
            {"at": _iso(e.at), "kind": e.kind, "points": e.points, "purchase_id": e.purchase_id, "note": e.note}
            for e in s.scalars(
                select(PointsEntry).where(PointsEntry.member_id == member_id).order_by(PointsEntry.at, PointsEntry.id)
            )
        ]
        data["feedback"] = [
            {
                "at": _iso(f.at),
                "purchase_id": f.purchase_id,
                "rating_product": f.rating_product,
                "rating_service": f.rating_service,
                "rating_environment": f.rating_environment,
                "comment": f.comment,
            }
            for f in s.scalars(select(Feedback).where(Feedback.member_id == member_id).order_by(Feedback.at, Feedback.id))
        ]
        data["campaigns"] = [
            {"name": c.name, "created_at": _iso(c.created_at), "contacted_at": _iso(cm.contacted_at)}
            for cm, c in s.execute(
                select(CampaignMember, Campaign)
                .join(Campaign, Campaign.id == CampaignMember.campaign_id)
                .where(CampaignMember.member_id == member_id)
                .order_by(Campaign.created_at, Campaign.id)
            )
        ]
        latest = s.execute(
            select(SnapshotMember, ClassificationSnapshot)
            .join(ClassificationSnapshot, ClassificationSnapshot.id == SnapshotMember.snapshot_id)
            .where(SnapshotMember.member_id == member_id, ClassificationSnapshot.shown())
            .order_by(*ClassificationSnapshot.shown_first())  # the one the screens show
            .limit(1)
        ).first()
        data["classification"] = _classification(*latest) if latest else None
    return data


def _classification(row: SnapshotMember, snap: ClassificationSnapshot) -> dict[str, Any]:
    """The profile the shop computed (a member may ask how they were classified and why)."""
    return {
        "as_of": _iso(snap.as_of),
        "frequency": row.frequency,
        "spend_class": row.spend_class,
        "rfm": [row.r_score, row.f_score, row.m_score],
        "segment": row.segment,
        "pyramid": row.pyramid,
        "value_class": row.abcd,
        "lifecycle": row.lifecycle,
        "churn_level": row.churn_level,
        "preference": row.preference,
        "favourite_category": row.favourite_category,
        "age_band": row.age_band,
        "p_alive": row.p_alive,
        "predicted_value_1y_cents": row.predicted_value_1y_cents,
        "reasons": member_reasons(object_session(row), snap, row),  # type: ignore[arg-type]
    }


def export_member_data(db: Database, member_id: int, out: str | os.PathLike[str], *, password: str | None) -> Path:
    """Write one member's personal data as JSON (owner only) and record it in the audit log."""
    require_owner(db, password)
    data = member_personal_data(db, member_id)
    target = Path(out).expanduser()
    if target.is_dir():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a file name."), path=str(target))
    if not target.parent.exists():
        raise ShopError(QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), folder=str(target.parent))
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "Could not write {path}: {reason}"), path=str(target),
            reason=write_failure_reason(exc, target.parent),
        ) from exc
    try:
        audit.record(
            db,
            audit.PERSONAL_DATA_EXPORT,
            member_id=member_id,
            purchases=len(data["purchases"]),
            points_entries=len(data["points"]),
        )
    except BaseException:
        target.unlink(missing_ok=True)  # an export that could not be recorded is not left behind
        raise
    return target


def _secure_delete_database(db: Database) -> Database:
    """A second handle on the same SQLite file whose connections overwrite deleted content."""
    engine = make_engine(db.url)

    @event.listens_for(engine, "connect")
    def _secure(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA secure_delete=ON")
        cur.close()

    return Database(url=db.url, engine=engine)


_NON_DIGITS = re.compile(r"\D")


def _identifies(value: object, phone_digits: str | None, name: str | None) -> bool:
    if value is None or isinstance(value, bool):
        return False
    cell = unicodedata.normalize("NFKC", str(value)).strip()
    if not cell:
        return False
    if phone_digits and len(phone_digits) >= 7:
        digits = _NON_DIGITS.sub("", cell.removesuffix(".0"))
        if len(digits) >= len(phone_digits) and digits.endswith(phone_digits):
            return True
    if name:
        return cell == name or (len(name) >= 2 and name in cell)
    return False


@dataclass(frozen=True)
class EraseResult:
    rejected_cells_blanked: int
    # False when the file could not be rebuilt (disk full, another program busy): the erasure
    # stands, but old copies may linger in the file's free space until the next compaction.
    file_compacted: bool


def erase_member_data(db: Database, member_id: int, *, password: str | None) -> EraseResult:
    """Erase a member (owner only): personal data gone from the member row, its tags, feedback
    comments and rejected import rows, and from the file itself; sales stay anonymously."""
    require_owner(db, password)
    with db.read() as s:
        m = _member(s, member_id)
        phone_digits = national_digits(m.phone) if m.phone else None
        name = unicodedata.normalize("NFKC", m.name).strip() if m.name else None
    worker = _secure_delete_database(db) if db.is_sqlite else db
    try:
        erase_member(worker, member_id)
        _scrub_member_traces(worker, member_id)
        blanked = _scrub_rejected_rows(worker, phone_digits, name)
    finally:
        if worker is not db:
            worker.dispose()
    return EraseResult(blanked, compact_file(db))


def _scrub_member_traces(db: Database, member_id: int) -> None:
    """Personal data kept beside the member row: a member-list import's before/after values (name,
    area, notes ... kept for its undo, as JSON text), the age band the classification derived from the
    birthday, and notes typed on the member's points entries."""
    with db.transaction() as s:
        s.execute(delete(ImportMemberChange).where(ImportMemberChange.member_id == member_id))
        s.execute(update(SnapshotMember).where(SnapshotMember.member_id == member_id).values(age_band=None))
        s.execute(update(PointsEntry).where(PointsEntry.member_id == member_id, PointsEntry.note.is_not(None)).values(note=None))


def _scrub_rejected_rows(db: Database, phone_digits: str | None, name: str | None) -> int:
    """Blank every cell of a rejected row that names the member: the row is theirs, and its other
    cells (area, notes, birthday) are personal too."""
    if not phone_digits and not name:
        return 0
    blanked = 0
    with db.transaction() as s:
        for row in s.scalars(select(RejectedRow).execution_options(yield_per=1000)):
            values = list(row.values or [])
            if any(_identifies(v, phone_digits, name) for v in values):
                blanked += sum(1 for v in values if v not in (None, ""))
                row.values = [None] * len(values)
    return blanked


def compact_file(db: Database) -> bool:
    """Rebuild the SQLite file (VACUUM) and empty its write-ahead log.

    Free space inside a database file keeps old bytes: earlier page splits, and any build of SQLite
    without secure_delete, leave copies of rows behind.  Rebuilding writes only live rows; truncating
    the log drops its older page images.  True when both finished; PostgreSQL: nothing to do here."""
    path = db.path
    if path is None:
        return True
    conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("VACUUM")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        log.warning("could not compact %s after an erasure: %s", path, exc)
        return False
    finally:
        conn.close()
    return not busy
