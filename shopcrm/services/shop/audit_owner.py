"""The audit log as the Settings screen shows it: only for the owner."""

from __future__ import annotations

import datetime as dt

from shopcrm.db.engine import Database
from shopcrm.services.shop.audit import AuditView, list_events
from shopcrm.services.shop.owner_password import require_owner


def audit_events_as_owner(db: Database, password: str | None, *, action: str | None = None,
                          since: dt.date | None = None, until: dt.date | None = None,
                          member_id: int | None = None, limit: int = 500) -> list[AuditView]:
    """Events newest first (see audit.list_events), after checking the owner password."""
    require_owner(db, password)
    return list_events(db, action=action, since=since, until=until, member_id=member_id, limit=limit)
