"""Member levels after the owner changes the level thresholds (SPEC §8 "Points").

Everyone is re-levelled by cumulative spend under the new thresholds, never below the level a
member was given by hand or by a member list (their floor); called inside the settings change's
own transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from shopcrm.db.models import Member, Purchase


def relevel_all(conn: Connection, settings: Any) -> int:
    """Level = max(level by spend under these thresholds, level set by hand or list) for everyone."""
    mt, pt = Member.__table__, Purchase.__table__
    spend = dict(
        conn.execute(
            select(pt.c.member_id, func.sum(pt.c.total_cents)).where(pt.c.member_id.is_not(None), pt.c.voided_at.is_(None))
            .group_by(pt.c.member_id)
        ).all()
    )
    changes = []
    top = len(settings.levels) - 1
    for mid, level, floor in conn.execute(select(mt.c.id, mt.c.level, mt.c.level_floor).where(mt.c.status != "erased")):
        new = max(settings.level_for_spend(int(spend.get(mid) or 0)), min(floor or 0, top))
        if new != level:
            changes.append({"mid": mid, "lvl": new})
    if changes:
        conn.execute(update(mt).where(mt.c.id == bindparam("mid")).values(level=bindparam("lvl")), changes)
    return len(changes)
