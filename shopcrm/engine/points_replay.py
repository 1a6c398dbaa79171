"""A member's points, replayed from the facts in time order: the derived ledger rows and draws.

Facts are what happened (sales with the points they earn, voids, the shop's redemptions and
adjustments); everything else (earn, take-back on a refund or void, expiry, shortfall) follows from
them by one rule, so the balance does not depend on the order in which the facts arrived.

Rules: awards form lots; every debit draws on the oldest unexpired lot first; a lot expires at
midnight of its day plus `expiry_months` (0: never); a take-back (refund, void) takes only what
is left; a redemption or adjustment the shop made is never rewritten: when the lots it drew on
have since gone (an import undone), a `shortfall` row covers it so the balance stays >= 0.
At the same moment awards come first, then the shop's debits, then take-backs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import deque
from dataclasses import dataclass

# Row keys: ("fact", entry id) for a row the shop made, ("new", index) for a derived row below.
RowKey = tuple[str, int]


@dataclass(frozen=True)
class SaleFact:
    purchase_id: int
    at: dt.datetime
    points: int  # earned (> 0) or taken back by a refund (< 0)
    voided_at: dt.datetime | None
    import_batch_id: int | None
    tie: str  # deterministic order among facts at the same time (the sale's reference)


@dataclass(frozen=True)
class EntryFact:
    entry_id: int
    at: dt.datetime
    points: int  # redeem < 0, adjust either sign, return > 0


@dataclass(frozen=True)
class DerivedRow:
    kind: str
    at: dt.datetime
    points: int
    purchase_id: int | None
    import_batch_id: int | None


@dataclass(frozen=True)
class Replay:
    rows: tuple[DerivedRow, ...]
    draws: tuple[tuple[RowKey, RowKey, int], ...]  # (debit, lot, points)
    balance: int


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_of(at: dt.datetime, months: int) -> dt.datetime | None:
    if months <= 0:
        return None
    return dt.datetime.combine(add_months(at.date(), months), dt.time())


@dataclass
class _Lot:
    """An award still holding points: drawn on oldest first, gone at `expires`."""

    key: RowKey
    remaining: int
    expires: dt.datetime | None


class _Lots:
    def __init__(self, months: int) -> None:
        self.months = months
        self.queue: deque[_Lot] = deque()
        self.balance = 0

    def add(self, key: RowKey, points: int, at: dt.datetime) -> None:
        self.queue.append(_Lot(key, points, expiry_of(at, self.months)))
        self.balance += points

    def take(self, wanted: int) -> list[tuple[RowKey, int]]:
        out: list[tuple[RowKey, int]] = []
        while wanted > 0 and self.queue:
            lot = self.queue[0]
            got = min(wanted, lot.remaining)
            out.append((lot.key, got))
            lot.remaining -= got
            wanted -= got
            self.balance -= got
            if lot.remaining == 0:
                self.queue.popleft()
        return out


def replay(
    sales: list[SaleFact], entries: list[EntryFact], *, expiry_months: int, until: dt.datetime
) -> Replay:
    """The derived rows, the draws of every debit, and the balance as of `until`."""
    events: list[tuple[dt.datetime, int, str, int, tuple[str, SaleFact | EntryFact]]] = []
    for sale in sales:
        if sale.points > 0:
            events.append((sale.at, 0, sale.tie, sale.purchase_id, ("earn", sale)))
            if sale.voided_at is not None:
                events.append((max(sale.voided_at, sale.at), 2, sale.tie, sale.purchase_id, ("void", sale)))
        elif sale.points < 0 and sale.voided_at is None:
            events.append((sale.at, 2, sale.tie, sale.purchase_id, ("refund", sale)))
    for entry in entries:
        rank = 0 if entry.points > 0 else 1
        events.append((entry.at, rank, "", entry.entry_id, ("entry", entry)))
    events.sort(key=lambda e: (e[0], e[1], e[2], e[3] if e[4][0] == "entry" else 0))

    lots = _Lots(expiry_months)
    rows: list[DerivedRow] = []
    draws: list[tuple[RowKey, RowKey, int]] = []

    def derived(row: DerivedRow) -> RowKey:
        rows.append(row)
        return ("new", len(rows) - 1)

    def expire_until(moment: dt.datetime) -> None:
        while lots.queue and (expires := lots.queue[0].expires) is not None and expires <= moment:
            remaining = lots.queue[0].remaining
            debit = derived(DerivedRow("expire", expires, -remaining, None, None))
            for lot, got in lots.take(remaining):
                draws.append((debit, lot, got))

    for at, _rank, _tie, _id, (what, fact) in events:
        expire_until(at)
        if isinstance(fact, SaleFact):
            if what == "earn":
                key = derived(DerivedRow("earn", at, fact.points, fact.purchase_id, fact.import_batch_id))
                lots.add(key, fact.points, at)
            else:  # void or refund: take back what is left of it
                wanted = fact.points if what == "void" else -fact.points
                got = min(wanted, lots.balance)
                if got > 0:
                    debit = derived(DerivedRow("reverse", at, -got, fact.purchase_id, fact.import_batch_id))
                    draws.extend((debit, lot, n) for lot, n in lots.take(got))
        else:
            key = ("fact", fact.entry_id)
            if fact.points > 0:
                lots.add(key, fact.points, at)
            elif fact.points < 0:
                wanted = -fact.points
                missing = wanted - lots.balance
                if missing > 0:
                    cover = derived(DerivedRow("shortfall", at, missing, None, None))
                    draws.append((key, cover, missing))
                    wanted -= missing
                draws.extend((key, lot, n) for lot, n in lots.take(wanted))
    expire_until(until)
    return Replay(tuple(rows), tuple(draws), lots.balance)
