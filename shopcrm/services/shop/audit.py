"""The audit log: who exported, printed, erased or restored personal data, and when.

Details hold ids, counts and file names only, never a name or phone: the log must not itself become
a copy of the personal data it watches over (an erased member stays erased in the log too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import AuditEvent
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

# What is recorded.  "restore" rows are written by shopcrm.db.restore.restore_database itself,
# "erase" rows by shopcrm.services.members.records.erase_member.
EXPORT = "export"  # a member list exported to a spreadsheet
PRINT = "print"  # a member list printed or saved as PDF (detail: masked true/false)
ERASE = "erase"
RESTORE = "restore"
PERSONAL_DATA_EXPORT = "personal_data_export"  # one member's data handed over on request
PASSWORD_SET = "password_set"
PASSWORD_CLEARED = "password_cleared"
SETTINGS_CHANGED = "settings_changed"
MESSAGES = "messages"  # a list's message texts exported for an SMS platform, or one text copied for WeChat
STORED_VALUE = "stored_value"  # every movement of a stored-value balance (detail: kind, member, cents)
COUPON = "coupon"  # a coupon defined, issued (count) or redeemed
ACTIONS = (STORED_VALUE, COUPON, EXPORT, PRINT, ERASE, RESTORE, PERSONAL_DATA_EXPORT, PASSWORD_SET, PASSWORD_CLEARED,
           SETTINGS_CHANGED, MESSAGES)

MAX_EVENTS = 10_000


@dataclass(frozen=True)
class AuditView:
    id: int
    at: dt.datetime
    action: str
    detail: dict[str, object]


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def record_in(s: Session, action: str, **detail: Any) -> AuditEvent:
    """Add an event inside the caller's transaction (so it exists exactly when the action does)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(at=_now(), action=action, detail=_plain(detail))
    s.add(event)
    return event


def record(db: Database, action: str, **detail: Any) -> None:
    """Add an event in a transaction of its own (after a file was written, a list printed ...)."""
    with db.transaction() as s:
        record_in(s, action, **detail)


def _plain(detail: dict[str, Any]) -> dict[str, object]:
    """JSON-safe values: dates and paths as text."""
    out: dict[str, object] = {}
    for key, value in detail.items():
        if value is None or isinstance(value, (bool, int, float, str)):
            out[key] = value
        elif isinstance(value, (list, tuple)):
            out[key] = [v if isinstance(v, (bool, int, float, str)) or v is None else str(v) for v in value]
        elif isinstance(value, dict):
            out[key] = {str(k): v if isinstance(v, (bool, int, float, str)) or v is None else str(v) for k, v in value.items()}
        else:
            out[key] = str(value)
    return out


def list_events(
    db: Database,
    *,
    action: str | None = None,
    since: dt.datetime | dt.date | None = None,
    until: dt.datetime | dt.date | None = None,
    member_id: int | None = None,
    limit: int = 200,
) -> list[AuditView]:
    """Events newest first, optionally of one action, in a time range, or about one member."""
    if action is not None and action not in ACTIONS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown audit action {action}."), "action", action=action)
    if not 1 <= limit <= MAX_EVENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "--limit must be between 1 and 10000."), "limit")
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action is not None:
        stmt = stmt.where(AuditEvent.action == action)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= _as_datetime(since))
    if isinstance(until, dt.datetime):
        stmt = stmt.where(AuditEvent.at <= until)
    elif until is not None and until < dt.date.max:  # a date means "through the end of that day"
        stmt = stmt.where(AuditEvent.at < _as_datetime(until + dt.timedelta(days=1)))
    with db.read() as s:
        if member_id is None:
            rows = list(s.scalars(stmt.limit(limit)))
        else:
            # JSON querying differs between SQLite and PostgreSQL; the log is small, filter here.
            rows = [e for e in s.scalars(stmt) if _mentions(e, member_id)][:limit]
        return [AuditView(e.id, e.at, e.action, dict(e.detail or {})) for e in rows]


def _mentions(event: AuditEvent, member_id: int) -> bool:
    detail = event.detail or {}
    if detail.get("member_id") == member_id:
        return True
    members = detail.get("member_ids")
    return isinstance(members, list) and member_id in members


def _as_datetime(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())
