"""Members and spend by area (SPEC §3 "area, as recorded"): the top areas, the rest grouped, and the
members behind each row for the drill-down.

Area is free text; it is compared as recorded, spaces at the ends ignored, and an empty area counts
as "not recorded".  Members are the active ones (the Members screen's default list, so a drill-down
shows exactly the counted members); spend is their live purchases in the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import distinct, func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, Purchase
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.reports.period import check_period, live_purchases

AREA = "area"  # one named area
REST = "rest"  # every area below the top ones
NONE = "none"  # no area recorded
DEFAULT_TOP = 10


@dataclass(frozen=True)
class AreaKey:
    """What a table row or chart bar stands for; `areas` names the grouped ones of REST."""

    kind: str
    area: str | None = None
    areas: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # REST: the areas shown on their own rows


@dataclass(frozen=True)
class AreaRow:
    key: AreaKey
    members: int
    buyers: int  # members who bought in the period
    spend_cents: int
    visits: int  # their live purchases in the period

    @property
    def areas_grouped(self) -> int:
        return len(self.key.areas)


@dataclass(frozen=True)
class AreaBreakdown:
    rows: list[AreaRow] = field(default_factory=list)  # top areas by members, then the rest, then none
    members: int = 0
    spend_cents: int = 0
    since: dt.date | None = None
    until: dt.date | None = None
    areas: int = 0  # distinct areas recorded


def _area_expr() -> Any:
    return func.nullif(func.trim(Member.area), "")


def area_breakdown(db: Database, *, since: dt.date | None = None, until: dt.date | None = None,
                   top: int = DEFAULT_TOP) -> AreaBreakdown:
    """Active members and their spend per area, largest areas (by members, then spend) first."""
    check_period(since, until)
    if top < 1:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Show at least one area."), "top")
    area = _area_expr()
    with db.read() as s:
        members = {a: int(n) for a, n in s.execute(
            select(area, func.count(Member.id)).where(Member.status == "active").group_by(area))}
        sales = {a: (int(b), int(c or 0), int(v)) for a, b, c, v in s.execute(
            select(area, func.count(distinct(Purchase.member_id)), func.sum(Purchase.total_cents), func.count(Purchase.id))
            .join(Member, Member.id == Purchase.member_id)
            .where(Member.status == "active", live_purchases(since, until))
            .group_by(area))}
    named = sorted((a for a in members if a is not None),
                   key=lambda a: (-members[a], -sales.get(a, (0, 0, 0))[1], a))
    shown, rest = named[:top], named[top:]

    def row(key: AreaKey, names: list[str | None]) -> AreaRow:
        buyers = sum(sales.get(a, (0, 0, 0))[0] for a in names)
        spend = sum(sales.get(a, (0, 0, 0))[1] for a in names)
        visits = sum(sales.get(a, (0, 0, 0))[2] for a in names)
        return AreaRow(key, sum(members.get(a, 0) for a in names), buyers, spend, visits)

    rows = [row(AreaKey(AREA, a), [a]) for a in shown]
    if rest:
        rows.append(row(AreaKey(REST, None, tuple(rest), tuple(shown)), list(rest)))
    if members.get(None):
        rows.append(row(AreaKey(NONE), [None]))
    return AreaBreakdown(rows, sum(members.values()), sum(v[1] for v in sales.values()), since, until, len(named))


def area_member_ids(db: Database, key: AreaKey) -> list[int]:
    """The active members of one row (card number order), for the drill-down."""
    area = _area_expr()
    stmt = select(Member.id).where(Member.status == "active").order_by(Member.card_no, Member.id)
    if key.kind == AREA:
        stmt = stmt.where(area == (key.area or "").strip())
    elif key.kind == REST:
        # by exclusion: the shown areas are few, the grouped ones may be thousands of parameters
        stmt = stmt.where(area.is_not(None), area.not_in(list(key.excluded)))
    elif key.kind == NONE:
        stmt = stmt.where(area.is_(None))
    else:
        raise ValueError(f"unknown area row kind {key.kind!r}")
    with db.read() as s:
        return [int(i) for i in s.scalars(stmt)]
