"""Planning a sales import: the rows read (sales_rows.py) become purchases, one per receipt and
day or one per row without a receipt, each with the fingerprint (external_ref) by which a later
import of the same rows recognises it.

The fingerprints must stay exactly as they are: earlier imports stored them.  Kept apart from the
matching and writing so that the rules of SPEC §4 (what makes one purchase) read in one place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from shopcrm.i18n import translate
from shopcrm.services.importing.sales_rows import ROW_BITS, Reading, SaleRow


class KnownMember:
    """A member already in the database."""

    __slots__ = ("id", "phone", "card", "balance", "level", "spend", "fill_phone")

    def __init__(self, id: int, phone: str | None, card: str, balance: int, level: int) -> None:
        self.id = id
        self.phone = phone
        self.card = card
        self.balance = balance
        self.level = level
        self.spend = 0
        self.fill_phone: str | None = None


class NewMember:
    """A member this import creates."""

    __slots__ = ("id", "phone", "card", "name", "first", "balance", "level", "spend")

    def __init__(self, phone: str | None, card: str | None, name: str | None, first: dt.date) -> None:
        self.id = 0
        self.phone = phone
        self.card = card
        self.name = name
        self.first = first
        self.balance = 0
        self.level = 0
        self.spend = 0


class PlannedPurchase:
    __slots__ = ("ref", "when", "rows", "phone", "card", "name", "total", "discount", "payment", "channel", "member", "id",
                 "receipt", "from_total")

    def __init__(self, ref: str, when: dt.datetime, rows: list[SaleRow], phone: str | None, card: str | None,
                 name: str | None, total: int, discount: int, payment: str | None, channel: str,
                 receipt: str | None = None, from_total: bool = False) -> None:
        self.receipt = receipt  # None: a row without a receipt no.
        self.from_total = from_total  # the total is the file's receipt total, not the sum of its lines
        self.ref = ref
        self.when = when
        self.rows = rows
        self.phone = phone
        self.card = card
        self.name = name
        self.total = total
        self.discount = discount
        self.payment = payment
        self.channel = channel
        self.member: KnownMember | NewMember | None = None
        self.id = 0


@dataclass
class SalesPlan:
    purchases: list[PlannedPurchase] = field(default_factory=list)
    rejected: list[tuple[SaleRow, str]] = field(default_factory=list)  # rows of the file, rejected while planning
    in_file_duplicates: int = 0


_by_time_and_ref = attrgetter("when", "ref")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _stamp(when: dt.datetime) -> str:
    """f"{when:%Y%m%d%H%M%S}" at a quarter of strftime's cost (sale dates are from 1980 on)."""
    return f"{when.year:04d}{when.month:02d}{when.day:02d}{when.hour:02d}{when.minute:02d}{when.second:02d}"


def member_key_of(phone: str | None, card: str | None) -> str:
    return phone or (f"c:{card}" if card else "")


# How a purchase is recognised when a file comes again (external_ref).  A receipt is its receipt no.
# and day - not the member key the export happened to carry (card no. in one file, phone in the
# next), nor its time (a file with only the receipt's extra line).  A row without a receipt is its
# time and values.  Purchases imported before this rule carry the legacy refs below, which are
# still looked up (legacy_ref), so importing an old file again adds nothing.


def _receipt_ref(receipt: str, day_iso: str) -> str:
    return f"R{day_iso.replace('-', '')}{_digest(receipt + chr(31) + day_iso)}"


def single_key(r: SaleRow) -> tuple[Any, ...]:
    return (r.when, r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)


def legacy_ref(p: PlannedPurchase, occurrence: int, member_key: str) -> str:
    """The external_ref an import before per-line recognition gave this purchase, had its file named
    the member by `member_key` (the phone, or "c:" and the card no.)."""
    if p.receipt is None:
        r = p.rows[0]
        key = (r.when, member_key, r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)
        return f"n{_stamp(r.when)}{_digest(repr(key) + f'#{occurrence}')}"
    identity = "\x1f".join((p.receipt, p.when.date().isoformat(), member_key))
    return f"r{_stamp(p.when)}{_digest(identity)}"


def line_keys(p: PlannedPurchase) -> list[tuple[Any, ...]]:
    """Each line's content with its occurrence among identical lines of the receipt."""
    seen: dict[tuple[Any, ...], int] = defaultdict(int)
    out = []
    for r in p.rows:
        content = (r.product, r.qty, r.unit or 0, r.amount if r.amount is not None else 0, r.discount)
        out.append((*content, seen[content]))
        seen[content] += 1
    return out


def line_ref(p: PlannedPurchase, key: tuple[Any, ...]) -> str:
    return f"L{_digest(repr((p.receipt, p.when.date().isoformat(), key)))}"


def plan_purchases(reading: Reading, fast: bool = True) -> SalesPlan:
    """Purchases from the rows: one per receipt (per day), one per row without a receipt.

    The external_ref fingerprints (see _receipt_ref) must stay exactly as they are: imports
    store them, and a re-import recognises its purchases by them."""
    plan = SalesPlan()
    purchases = plan.purchases
    occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
    missing_amount = translate("import", "The amount is missing.")
    for r in reading.singles:
        if r.amount is None:
            plan.rejected.append((r, missing_amount))
            continue
        key = single_key(r)
        n = occurrences[key]
        occurrences[key] = n + 1
        ref = f"s{_stamp(r.when)}{_digest(repr(key) + f'#{n}')}"
        purchases.append(PlannedPurchase(ref, r.when, [r], r.phone, r.card, r.name, r.amount, r.discount, r.payment, r.channel))
    occurrences.clear()
    rejected_receipts = reading.rejected_receipts
    days: dict[dt.date, tuple[str, str]] = {}  # day -> (2024-03-01, 20240301)
    blake2b = hashlib.blake2b
    for (receipt, day), members in reading.receipt_groups():
        texts = days.get(day)
        if texts is None:
            iso = day.isoformat()
            texts = days[day] = (iso, iso.replace("-", ""))
        day_text = texts[0]
        if members.__class__ is not list:
            if fast and receipt not in rejected_receipts:  # the usual receipt: one line, nothing to check but its amount
                r = members
                if r.amount is not None or r.order_total is not None:
                    identity = f"{receipt}\x1f{day_text}"
                    ref = f"R{texts[1]}{blake2b(identity.encode(), digest_size=12).hexdigest()}"
                    total = r.amount or 0 if r.order_total is None else r.order_total
                    purchases.append(PlannedPurchase(ref, r.when, [r], r.phone or None, r.card or None, r.name or None, total,
                                               r.discount, r.payment or None, r.channel, receipt, r.order_total is not None))
                    continue
            members = [members]  # type: ignore[list-item]
        if receipt in rejected_receipts:
            reason = translate("import", "Another line of receipt {receipt} was rejected; fix it and import the whole receipt again.")
            plan.rejected.extend((r, reason.format(receipt=receipt)) for r in members)
            continue
        if len(members) == 1 and members[0].amount is None and members[0].order_total is None:
            plan.rejected.append((members[0], translate("import", "A line of receipt {receipt} has no amount.").format(receipt=receipt)))
            continue
        seen: set[int] = set()  # the rows' cell hashes (place >> ROW_BITS: SaleRow.raw without its offset)
        lines: list[SaleRow] = []
        phones: set[str] = set()
        cards: set[str] = set()
        totals: set[int] = set()
        name = payment = None
        when = members[0].when
        amount_sum = discount = 0
        no_amount = False
        for r in members:
            raw = r.place >> ROW_BITS
            if raw in seen:
                continue  # the same line exported twice
            seen.add(raw)
            lines.append(r)
            if r.phone:
                phones.add(r.phone)
            if r.card:
                cards.add(r.card)
            if r.order_total is not None:
                totals.add(r.order_total)
            if r.amount is None:
                no_amount = True
            else:
                amount_sum += r.amount
            discount += r.discount
            if name is None and r.name:
                name = r.name
            if payment is None and r.payment:
                payment = r.payment
            if r.when < when:
                when = r.when
        problem = None
        if len(phones) > 1 or len(cards) > 1:
            problem = translate("import", "The lines of receipt {receipt} name different members.")
        elif len(totals) > 1:
            problem = translate("import", "The lines of receipt {receipt} give different receipt totals.")
        elif not totals and no_amount:
            problem = translate("import", "A line of receipt {receipt} has no amount.")
        if problem:
            plan.rejected.extend((r, problem.format(receipt=receipt)) for r in members)
            continue
        plan.in_file_duplicates += len(members) - len(lines)
        phone = next(iter(phones), None)
        card = next(iter(cards), None)
        total = next(iter(totals)) if totals else amount_sum
        purchases.append(PlannedPurchase(_receipt_ref(receipt, day_text), when, lines, phone, card, name, total, discount, payment,
                                   lines[0].channel, receipt, bool(totals)))
    purchases.sort(key=_by_time_and_ref)
    return plan
