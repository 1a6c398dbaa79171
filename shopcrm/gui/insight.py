"""What the counter and the member detail show about a member's classes."""

from __future__ import annotations

from shopcrm.db.engine import Database
from shopcrm.services.member_table import MemberClasses, member_snapshot


def member_insight(db: Database, member_id: int) -> MemberClasses | None:
    """Classes, reasons and recommendations of the latest classification (None before the first)."""
    return member_snapshot(db, member_id)
