"""Purchase channel (store, delivery, online — SPEC §2) per member and shop-wide.

A visit is a day with a purchase (SPEC §3: several receipts on one day count once), counted per
channel: a member who bought in the store and by delivery on the same day has one visit in each.
Shares are of the member's (or the shop's) own total, so they add up to 100 %.  Shop-wide figures
include walk-in sales (they are the shop's sales too); voided sales never count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import distinct, func, select

from shopcrm.codes import CHANNELS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, Purchase
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError
from shopcrm.services.reports.period import (
    check_period,
    day_key,
    live_purchases,
    month_from_key,
    month_key,
    months_between,
)

# Channels are listed in the order of codes.CHANNELS first; any other code recorded follows.


@dataclass(frozen=True)
class ChannelShare:
    channel: str
    visits: int  # days with a purchase in this channel (members); receipts for shop-wide walk-ins
    sales: int  # receipts
    spend_cents: int
    visit_share: float  # of all visits (0..1); 0 when there are none
    spend_share: float
    buyers: int = 0  # shop-wide: members who bought in this channel


@dataclass(frozen=True)
class ChannelMonth:
    month: dt.date  # its first day
    sales: dict[str, int]
    spend_cents: dict[str, int]


@dataclass(frozen=True)
class ChannelOverview:
    channels: list[ChannelShare] = field(default_factory=list)
    months: list[ChannelMonth] = field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None


def _order(codes: set[str]) -> list[str]:
    return [c for c in CHANNELS if c in codes] + sorted(codes - set(CHANNELS))


def _shares(rows: dict[str, tuple[int, int, int, int]]) -> list[ChannelShare]:
    """rows: channel -> (visits, sales, spend, buyers)."""
    visits = sum(r[0] for r in rows.values())
    spend = sum(r[2] for r in rows.values())
    return [ChannelShare(c, rows[c][0], rows[c][1], rows[c][2], rows[c][0] / visits if visits else 0.0,
                         rows[c][2] / spend if spend else 0.0, rows[c][3]) for c in _order(set(rows))]


def member_channels(db: Database, member_id: int, *, since: dt.date | None = None,
                    until: dt.date | None = None) -> list[ChannelShare]:
    """One member's visits and spend per channel (all time unless a period is given)."""
    check_period(since, until)
    with db.read() as s:
        if s.get(Member, member_id) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
        rows = {str(c): (int(v), int(n), int(t or 0), 1) for c, v, n, t in s.execute(
            select(Purchase.channel, func.count(distinct(day_key(s, Purchase.purchased_at))), func.count(Purchase.id),
                   func.sum(Purchase.total_cents))
            .where(Purchase.member_id == member_id, live_purchases(since, until))
            .group_by(Purchase.channel))}
    return _shares(rows)


def shop_channels(db: Database, *, since: dt.date | None = None, until: dt.date | None = None) -> ChannelOverview:
    """Sales, spend and buyers per channel, and each month's sales and spend per channel.

    Shop-wide a "visit" is a receipt: walk-in sales have no member to count days by."""
    check_period(since, until)
    with db.read() as s:
        live = live_purchases(since, until)
        totals = {str(c): (int(n), int(n), int(t or 0), int(b)) for c, n, t, b in s.execute(
            select(Purchase.channel, func.count(Purchase.id), func.sum(Purchase.total_cents),
                   func.count(distinct(Purchase.member_id)))
            .where(live).group_by(Purchase.channel))}
        month = month_key(s, Purchase.purchased_at)
        per_month: dict[str, dict[str, tuple[int, int]]] = {}
        for key, channel, n, t in s.execute(
                select(month, Purchase.channel, func.count(Purchase.id), func.sum(Purchase.total_cents))
                .where(live).group_by(month, Purchase.channel)):
            per_month.setdefault(str(key), {})[str(channel)] = (int(n), int(t or 0))
    channels = _shares(totals)
    months: list[ChannelMonth] = []
    if per_month:
        keys = sorted(per_month)
        first = since or month_from_key(keys[0])
        last = until or month_from_key(keys[-1])
        codes = [c.channel for c in channels]
        for day in months_between(first, last):
            got = per_month.get(day.strftime("%Y-%m"), {})
            months.append(ChannelMonth(day, {c: got.get(c, (0, 0))[0] for c in codes},
                                       {c: got.get(c, (0, 0))[1] for c in codes}))
    return ChannelOverview(channels, months, since, until)
