"""Shop-wide figures for `stats` and the dashboard header."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, Purchase
from shopcrm.money import cents_to_decimal


def shop_stats(db: Database) -> dict[str, Any]:
    """{"members", "purchases", "revenue", "first_purchase", "last_purchase"} of SPEC §7."""
    with db.read() as s:
        members = s.scalar(select(func.count()).select_from(Member).where(Member.status != "erased")) or 0
        count, revenue, first, last = s.execute(
            select(
                func.count(Purchase.id),
                func.coalesce(func.sum(Purchase.total_cents), 0),
                func.min(Purchase.purchased_at),
                func.max(Purchase.purchased_at),
            ).where(Purchase.voided_at.is_(None))
        ).one()
    return {
        "members": int(members),
        "purchases": int(count),
        "revenue": float(cents_to_decimal(int(revenue))),
        "first_purchase": first.isoformat(sep=" ") if first else None,
        "last_purchase": last.isoformat(sep=" ") if last else None,
    }
