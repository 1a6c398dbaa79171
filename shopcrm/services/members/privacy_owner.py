"""The privacy screens' reads, behind the owner password (beside services.members.privacy, whose
functions the CLI uses unchanged): a member's consent history, and a file name for their export."""

from __future__ import annotations

import datetime as dt

from shopcrm.db.engine import Database
from shopcrm.services.members.privacy import ConsentView, consent_history
from shopcrm.services.shop.owner_password import require_owner


def consent_history_as_owner(db: Database, member_id: int, password: str | None) -> list[ConsentView]:
    """Every consent change of one member, oldest first (owner only: it tells when a person said what)."""
    require_owner(db, password)
    return consent_history(db, member_id)


def export_file_name(member_id: int, today: dt.date | None = None) -> str:
    """A default file name without the member's name or phone (file names end up in lists and logs)."""
    return f"personal-data-member-{member_id}-{(today or dt.date.today()).isoformat()}.json"
