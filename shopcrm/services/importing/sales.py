"""Importing past sales: rows -> purchases (grouped by receipt no.), members, products, points.

Rules (SPEC §4):
* rows sharing a receipt no. (on the same day) are the lines of one purchase; a row repeated
  exactly under the same receipt no. is the same line exported twice and counts once;
* rows without a receipt no. are one purchase each, also when identical: each gets a
  fingerprint of its values plus its occurrence number among identical rows, so re-importing
  the file (or an overlapping export) recognises every one of them and adds nothing;
* a row with neither phone nor card no. is a walk-in sale: counted, no member;
* a phone or card no. not known yet creates a member (registered on the first purchase day);
* member purchases earn points per the shop's settings (ledger rows tagged with the batch)
  and raise the member level by cumulative spend;
* a refund is a purchase with a negative total: a negative amount ('-8', '(8.00)', '8-'), a
  negative quantity, or a refund type (退货, 退款, Refund ...) makes the line's amount and
  quantity negative (a refund type also makes a receipt total negative); points are taken
  back as far as the balance allows.

How (a 500k-row sheet must not take minutes or gigabytes): importing.sales_rows reads the rows in
chunks, column by column, into compact SaleRow tuples grouped by (receipt, day); here the plan
turns groups into purchases, matches them against what earlier imports stored, and everything is
written in one transaction through importing_bulk (executemany of plain tuples on SQLite, COPY on
PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Category,
    ImportBatch,
    ImportedLine,
    Member,
    PointsEntry,
    Product,
    Purchase,
    PurchaseLine,
    RejectedRow,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.phones import last4
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import quantity_decimal
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.batches import (
    backup_before_import,
    earlier_batches,
    finish_import,
    json_value,
)
from shopcrm.services.importing.options import (
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    Rejected,
    report_progress,
)
from shopcrm.services.importing.preview import PreparedSheet, prepare_sheets
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.sales_rows import Reading, SaleRow, raw_cells, read_sheets
from shopcrm.services.members.points import rebuild_after_import
from shopcrm.services.members.records import CardNumbers
from shopcrm.services.sales.pinyin import pinyin_initials
from shopcrm.services.sales.product_rules import MAX_PRICE_CENTS
from shopcrm.services.shop.settings import ShopSettings, load_settings

IN_CHUNK = 2_000


# ------------------------------------------------------------------ planning


class _Known:
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


class _New:
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


class _Purchase:
    __slots__ = ("ref", "when", "rows", "phone", "card", "name", "total", "discount", "payment", "channel", "member", "id", "at",
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
        self.member: _Known | _New | None = None
        self.id = 0
        self.at: Any = None  # `when` as the database driver takes it, set while writing


@dataclass
class _Plan:
    purchases: list[_Purchase] = field(default_factory=list)
    rejected: list[tuple[SaleRow, str]] = field(default_factory=list)  # rows of the file, rejected while planning
    in_file_duplicates: int = 0


_by_time_and_ref = attrgetter("when", "ref")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _stamp(when: dt.datetime) -> str:
    """f"{when:%Y%m%d%H%M%S}" at a quarter of strftime's cost (sale dates are from 1980 on)."""
    return f"{when.year:04d}{when.month:02d}{when.day:02d}{when.hour:02d}{when.minute:02d}{when.second:02d}"


def _member_key(phone: str | None, card: str | None) -> str:
    return phone or (f"c:{card}" if card else "")


# How a purchase is recognised when a file comes again (external_ref).  A receipt is its receipt no.
# and day - not the member key the export happened to carry (card no. in one file, phone in the
# next), nor its time (a file with only the receipt's extra line).  A row without a receipt is its
# time and values.  Purchases imported before this rule carry the legacy refs below, which are
# still looked up (_legacy_ref), so importing an old file again adds nothing.


def _receipt_ref(receipt: str, day_iso: str) -> str:
    return f"R{day_iso.replace('-', '')}{_digest(receipt + chr(31) + day_iso)}"


def _single_key(r: SaleRow) -> tuple[Any, ...]:
    return (r.when, r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)


def _legacy_ref(p: _Purchase, occurrence: int, member_key: str) -> str:
    """The external_ref an import before per-line recognition gave this purchase, had its file named
    the member by `member_key` (the phone, or "c:" and the card no.)."""
    if p.receipt is None:
        r = p.rows[0]
        key = (r.when, member_key, r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)
        return f"n{_stamp(r.when)}{_digest(repr(key) + f'#{occurrence}')}"
    identity = "\x1f".join((p.receipt, p.when.date().isoformat(), member_key))
    return f"r{_stamp(p.when)}{_digest(identity)}"


def _other_keys(conn: Connection, purchases: list[_Purchase]) -> tuple[dict[str, str], dict[str, str]]:
    """For the members these purchases name: card no. by phone and phone by card no. (legacy refs
    carried whichever key the file had, so both are tried)."""
    t = Member.__table__
    card_of: dict[str, str] = {}
    phone_of: dict[str, str] = {}
    for column, values in ((t.c.phone, sorted({p.phone for p in purchases if p.phone})),
                           (t.c.card_no, sorted({p.card for p in purchases if p.card}))):
        for start in range(0, len(values), IN_CHUNK):
            for phone, card in conn.execute(select(t.c.phone, t.c.card_no).where(column.in_(values[start : start + IN_CHUNK]))):
                if phone and card:
                    card_of[phone] = card
                    phone_of[card] = phone
    return card_of, phone_of


def _line_keys(p: _Purchase) -> list[tuple[Any, ...]]:
    """Each line's content with its occurrence among identical lines of the receipt."""
    seen: dict[tuple[Any, ...], int] = defaultdict(int)
    out = []
    for r in p.rows:
        content = (r.product, r.qty, r.unit or 0, r.amount if r.amount is not None else 0, r.discount)
        out.append((*content, seen[content]))
        seen[content] += 1
    return out


def _line_ref(p: _Purchase, key: tuple[Any, ...]) -> str:
    return f"L{_digest(repr((p.receipt, p.when.date().isoformat(), key)))}"


def _plan_purchases(reading: Reading, fast: bool = True) -> _Plan:
    """Purchases from the rows: one per receipt (per day), one per row without a receipt.

    The external_ref fingerprints (see _receipt_ref) must stay exactly as they are: imports
    store them, and a re-import recognises its purchases by them."""
    plan = _Plan()
    purchases = plan.purchases
    occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
    missing_amount = translate("import", "The amount is missing.")
    for r in reading.singles:
        if r.amount is None:
            plan.rejected.append((r, missing_amount))
            continue
        key = _single_key(r)
        n = occurrences[key]
        occurrences[key] = n + 1
        ref = f"s{_stamp(r.when)}{_digest(repr(key) + f'#{n}')}"
        purchases.append(_Purchase(ref, r.when, [r], r.phone, r.card, r.name, r.amount, r.discount, r.payment, r.channel))
    occurrences.clear()
    rejected_receipts = reading.rejected_receipts
    days: dict[dt.date, tuple[str, str]] = {}  # day -> (2024-03-01, 20240301)
    blake2b = hashlib.blake2b
    for (receipt, day), members in reading.groups.items():
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
                    purchases.append(_Purchase(ref, r.when, [r], r.phone or None, r.card or None, r.name or None, total,
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
        seen: set[int] = set()
        lines: list[SaleRow] = []
        phones: set[str] = set()
        cards: set[str] = set()
        totals: set[int] = set()
        name = payment = None
        when = members[0].when
        amount_sum = discount = 0
        no_amount = False
        for r in members:
            if r.raw in seen:
                continue  # the same line exported twice
            seen.add(r.raw)
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
        purchases.append(_Purchase(_receipt_ref(receipt, day_text), when, lines, phone, card, name, total, discount, payment,
                                   lines[0].channel, receipt, bool(totals)))
    purchases.sort(key=_by_time_and_ref)
    return plan


class _Stored(NamedTuple):
    """A purchase an earlier import (or the counter) wrote under the same external_ref."""

    id: int
    member_id: int | None
    total: int
    discount: int
    voided: bool
    at: Any  # purchased_at as the driver gives it


@dataclass
class _Addition:
    """Lines of a receipt imported before that the earlier file did not have: added to that purchase."""

    purchase: _Purchase
    stored: _Stored
    rows: list[SaleRow]
    keys: list[tuple[Any, ...]]
    delta: int = 0  # what they add to the purchase's total
    member: Any = None
    points: int = 0


def _stored_by_ref(conn: Connection, refs: list[str]) -> dict[str, _Stored]:
    table = Purchase.__table__
    cols = (table.c.external_ref, table.c.id, table.c.member_id, table.c.total_cents, table.c.discount_cents,
            table.c.voided_at, table.c.purchased_at)
    found: dict[str, _Stored] = {}
    total_known = conn.execute(select(func.count()).select_from(table).where(table.c.external_ref.is_not(None))).scalar_one()
    if total_known == 0 or not refs:
        return found
    wanted = set(refs)
    if total_known <= 2 * len(refs):
        rows: Iterable[Any] = conn.execute(select(*cols).where(table.c.external_ref.is_not(None)))
        batches: Iterable[Iterable[Any]] = [rows]
    else:
        ordered = sorted(wanted)
        batches = (conn.execute(select(*cols).where(table.c.external_ref.in_(ordered[i : i + IN_CHUNK])))
                   for i in range(0, len(ordered), IN_CHUNK))
    for rows in batches:
        for ref, pid, mid, total, discount, voided, at in rows:
            if ref in wanted:
                found[ref] = _Stored(pid, mid, total, discount or 0, voided is not None, at)
    return found


def _has_legacy_refs(conn: Connection) -> bool:
    table = Purchase.__table__
    first = func.substr(table.c.external_ref, 1, 1)
    return conn.execute(select(table.c.id).where(first.in_(["r", "n"])).limit(1)).first() is not None


def _match_stored(conn: Connection, plan: _Plan) -> tuple[list[_Purchase], list[_Addition], int]:
    """Split the planned purchases into new ones and lines to add to stored ones; count the lines already there.

    A receipt imported before is matched line by line: lines with a product against its stored
    lines (product, quantity, price, amount, as a multiset), lines without one by their
    fingerprint in imported_lines.  Only the lines the stored purchase lacks are added."""
    stored = _stored_by_ref(conn, [p.ref for p in plan.purchases])
    legacy: dict[int, _Stored] = {}
    if _has_legacy_refs(conn):
        occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
        wanted: dict[str, _Purchase] = {}
        unmatched = [p for p in plan.purchases if p.ref not in stored]
        card_of, phone_of = _other_keys(conn, unmatched)
        for p in unmatched:
            own = _member_key(p.phone, p.card)
            n = 0
            if p.receipt is None:
                r = p.rows[0]
                key = (r.when, own, *_single_key(r)[1:])
                n = occurrences[key]
                occurrences[key] = n + 1
            keys = {own}
            if p.phone and p.phone in card_of:
                keys.add(f"c:{card_of[p.phone]}")
            if p.card and p.card in phone_of:
                keys.add(phone_of[p.card])
            for member_key in keys:
                wanted[_legacy_ref(p, n, member_key)] = p
        legacy = {id(wanted[ref]): found for ref, found in _stored_by_ref(conn, list(wanted)).items()}
    fresh: list[_Purchase] = []
    matched: list[tuple[_Purchase, _Stored, bool]] = []
    duplicates = 0
    for p in plan.purchases:
        hit = stored.get(p.ref)
        old = hit is None
        hit = hit or legacy.get(id(p))
        if hit is None:
            fresh.append(p)
        elif p.receipt is None:
            duplicates += 1  # a row without a receipt is one whole purchase
        else:
            matched.append((p, hit, old))
    if not matched:
        return fresh, [], duplicates
    ids = sorted({hit.id for _, hit, _ in matched})
    lt, pdt, it = PurchaseLine.__table__, Product.__table__, ImportedLine.__table__
    lines: dict[int, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    refs: set[str] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        stmt = (select(lt.c.purchase_id, pdt.c.name, lt.c.quantity, lt.c.unit_price_cents, lt.c.amount_cents)
                .join(pdt, pdt.c.id == lt.c.product_id).where(lt.c.purchase_id.in_(chunk)))
        for pid, name, quantity, unit, amount in conn.execute(stmt):
            lines[pid][(name, int(round(Decimal(str(quantity)) * 1000)), unit, amount)] += 1
        refs.update(conn.execute(select(it.c.ref).where(it.c.purchase_id.in_(chunk))).scalars())
    additions: list[_Addition] = []
    for p, hit, old in matched:
        known = lines[hit.id]
        new_rows, new_keys = [], []
        for r, key in zip(p.rows, _line_keys(p), strict=True):
            if r.product is not None:
                content = (r.product, r.qty, r.unit or 0, r.amount if r.amount is not None else 0)
                if known[content] > 0:
                    known[content] -= 1
                    continue
            elif old or _line_ref(p, key) in refs:
                continue  # an earlier version kept no record of lines without a product: the receipt counts whole
            new_rows.append(r)
            new_keys.append(key)
        duplicates += len(p.rows) - len(new_rows)
        if new_rows:
            additions.append(_Addition(p, hit, new_rows, new_keys))
    return fresh, additions, duplicates


def _settle_additions(conn: Connection, additions: list[_Addition], plan: _Plan, by_phone: dict[str, Any],
                      by_card: dict[str, Any], settings: ShopSettings) -> list[_Addition]:
    """The member, total change and points of each addition; lines naming another member are rejected."""
    conflict = translate("import", "Receipt {receipt} was imported before for another member.")
    member_ids = sorted({a.stored.member_id for a in additions if a.stored.member_id is not None})
    known = {m.id: m for m in [*by_phone.values(), *by_card.values()]}
    missing = [mid for mid in member_ids if mid not in known]
    if missing:
        extra_phone, extra_card = _load_members_by_id(conn, missing)
        known.update({m.id: m for m in [*extra_phone.values(), *extra_card.values()]})
    keep = []
    for a in additions:
        p = a.purchase
        named = (by_phone.get(p.phone) if p.phone else None) or (by_card.get(p.card) if p.card else None)
        if named is not None and named.id != a.stored.member_id:
            plan.rejected.extend((r, conflict.format(receipt=p.receipt)) for r in a.rows)
            continue
        a.delta = p.total - a.stored.total if p.from_total else sum(r.amount or 0 for r in a.rows)
        a.member = known.get(a.stored.member_id) if a.stored.member_id is not None else None
        if a.member is not None and not a.stored.voided:
            before, after = a.stored.total, a.stored.total + a.delta
            earned = lambda total: settings.points_for(total) if total > 0 else 0  # noqa: E731
            a.points = earned(after) - earned(before)
            if a.points < 0:
                a.points = -min(-a.points, a.member.balance)
            a.member.balance += a.points
            a.member.spend += a.delta
        keep.append(a)
    for m in {id(a.member): a.member for a in keep if a.member is not None}.values():
        m.level = max(m.level, settings.level_for_spend(m.spend))
    return keep


def _load_members_by_id(conn: Connection, ids: list[int]) -> tuple[dict[str, _Known], dict[str, _Known]]:
    t = Member.__table__
    phones: set[str] = set()
    cards: set[str] = set()
    for start in range(0, len(ids), IN_CHUNK):
        for phone, card in conn.execute(select(t.c.phone, t.c.card_no).where(t.c.id.in_(ids[start : start + IN_CHUNK]))):
            if phone:
                phones.add(phone)
            cards.add(card)
    return _load_members(conn, phones, cards)


def _load_members(conn: Connection, phones: set[str], cards: set[str]) -> tuple[dict[str, _Known], dict[str, _Known]]:
    t = Member.__table__
    by_phone: dict[str, _Known] = {}
    by_card: dict[str, _Known] = {}
    known: dict[int, _Known] = {}
    for column, values in ((t.c.phone, sorted(phones)), (t.c.card_no, sorted(cards))):
        for start in range(0, len(values), IN_CHUNK):
            chunk = values[start : start + IN_CHUNK]
            stmt = select(t.c.id, t.c.phone, t.c.card_no, t.c.points_balance, t.c.level).where(column.in_(chunk))
            for mid, phone, card, balance, level in conn.execute(stmt):
                k = known.get(mid) or _Known(mid, phone, card, balance or 0, level or 0)
                known[mid] = k
                if phone:
                    by_phone[phone] = k
                by_card[card] = k
    ids = sorted(known)
    pt = Purchase.__table__
    for start in range(0, len(ids), IN_CHUNK):
        id_chunk = ids[start : start + IN_CHUNK]
        spend_stmt = (
            select(pt.c.member_id, func.coalesce(func.sum(pt.c.total_cents), 0))
            .where(pt.c.member_id.in_(id_chunk), pt.c.voided_at.is_(None))
            .group_by(pt.c.member_id)
        )
        for mid, spent in conn.execute(spend_stmt):
            known[mid].spend = int(spent)
    return by_phone, by_card


def _resolve_members(plan: _Plan, by_phone: dict[str, Any], by_card: dict[str, Any]) -> list[_New]:
    """Link each purchase to a member: phone first, then card no.; unknown ones become new members."""
    created: list[_New] = []
    keep: list[_Purchase] = []
    for p in plan.purchases:
        ph, cd = p.phone, p.card
        member: Any = None
        conflict = None
        if ph:
            member = by_phone.get(ph)
            owner = by_card.get(cd) if cd else None
            if member is None and owner is not None:
                if owner.phone is None:
                    member = owner
                    owner.phone = ph
                    if isinstance(owner, _Known):
                        owner.fill_phone = ph
                    by_phone[ph] = owner
                else:
                    conflict = translate("import", "The card no. {card} belongs to a member with another phone.")
            elif member is not None and owner is not None and owner is not member:
                conflict = translate("import", "The phone and the card no. {card} belong to different members.")
            elif member is not None and owner is None and cd and isinstance(member, _New) and member.card is None:
                member.card = cd
                by_card[cd] = member
            if member is None and conflict is None:
                member = _New(ph, cd if cd and cd not in by_card else None, p.name, p.when.date())
                by_phone[ph] = member
                if member.card:
                    by_card[member.card] = member
                created.append(member)
        elif cd:
            member = by_card.get(cd)
            if member is None:
                member = _New(None, cd, p.name, p.when.date())
                by_card[cd] = member
                created.append(member)
        if conflict:
            plan.rejected.extend((r, conflict.format(card=cd)) for r in p.rows)
            continue
        if isinstance(member, _New) and member.name is None and p.name:
            member.name = p.name
        p.member = member
        keep.append(p)
    plan.purchases = keep
    used = {id(p.member) for p in keep if p.member is not None}
    return [m for m in created if id(m) in used]


def _points_and_levels(plan: _Plan, settings: ShopSettings) -> list[tuple[_Purchase, str, int]]:
    """Each member's spend and first level.  Points rows are not made here: after the purchases are
    written, shopcrm.services.members.points.rebuild_after_import replays each member's sales in time order,
    so the balance and level do not depend on the order in which files are imported."""
    members: dict[int, _Known | _New] = {}
    for p in plan.purchases:
        m = p.member
        if m is None:
            continue
        members[id(m)] = m
        m.spend += p.total
    for m in members.values():
        level = settings.level_for_spend(m.spend)
        m.level = max(m.level, level) if isinstance(m, _Known) else level
    return []


# ------------------------------------------------------------------ the run


def import_sales(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult("sales", info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, "sales")
    settings = load_settings(db)
    stats = RowStats()
    reading = Reading()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, "sales", options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        total = sum(p.sheet.total_rows or 0 for p in prepared) or None
        read_sheets(prepared, options, stats, reading, total)
        report_progress(options, "checking", 0, None)
        plan = _plan_purchases(reading, options.tuning.fast_paths)
        rows_read = reading.count + len(reading.rejects)
        reading.groups.clear()
        reading.singles.clear()
        duplicates_in_file = plan.in_file_duplicates
        result.skipped = stats.skipped
        backup_before_import(db, options)
        with db.read() if options.dry_run else db.transaction() as s:
            conn = s.connection()
            plan.purchases, additions, duplicate_rows = _match_stored(conn, plan)
            named = [*plan.purchases, *(a.purchase for a in additions)]
            phones = {p.phone for p in named if p.phone}
            cards = {p.card for p in named if p.card}
            by_phone, by_card = _load_members(conn, phones, cards)
            additions = _settle_additions(conn, additions, plan, by_phone, by_card, settings)
            created = _resolve_members(plan, dict(by_phone), dict(by_card))
            ledger = _points_and_levels(plan, settings)
            result.rows = rows_read
            result.rejected = len(reading.rejects) + len(plan.rejected)
            result.duplicates = duplicate_rows + duplicates_in_file
            result.in_file_duplicates = duplicates_in_file
            result.imported = sum(len(p.rows) for p in plan.purchases) + sum(len(a.rows) for a in additions)
            result.purchases = len(plan.purchases)
            result.members_created = len(created)
            if result.rows == 0:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file", file=info.path.name
                )
            raw_rejects = _raw_values(wb, prepared, reading.rejects, plan.rejected)
            result.rejected_rows = raw_rejects[:REJECTED_ROWS_KEPT]
            # Every row rejected: nothing is written, so the exit code (1) and the database agree.
            if not options.dry_run and not result.nothing_imported():
                with bulk.large_cache(conn, 32):
                    batch_id = _write(s, conn, info, options, plan, created, ledger, settings, raw_rejects, result, prepared,
                                      additions)
                    # Points and levels are replayed from the ledger and the sales (SPEC §8), also for the
                    # members of earlier receipts this file added lines to.
                    rebuild_after_import(conn, batch_id, settings, dt.datetime.now().replace(microsecond=0),
                                         also_purchases=[a.stored.id for a in additions])
                result.batch = batch_id
    return finish_import(db, "sales", options, result, raw_rejects, prepared)


def _raw_values(wb: Any, prepared: list[PreparedSheet], known: list[Rejected], planned: list[tuple[SaleRow, str]]) -> list[Rejected]:
    """All rejected rows with their original cells, by sheet and row.

    Rows rejected while parsing kept their cells; rows rejected later (a receipt with a bad
    line, a member conflict) are read again from the file, so the parse keeps no cells."""
    if not known and not planned:
        return []
    wanted: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row, reason in planned:
        wanted[prepared[row.sheet].name][row.row].append(reason)
    out = list(known)
    for name, numbers in wanted.items():
        sheet = wb.sheet(name)
        remaining = set(numbers)
        for number, cells in sheet.rows():
            if number in remaining:
                out.append(Rejected(name, number, raw_cells(cells), "; ".join(dict.fromkeys(numbers[number]))))
                remaining.discard(number)
                if not remaining:
                    break
    out.sort(key=lambda r: (r.sheet, r.row_number))
    return out


def _write(
    s: Any,
    conn: Connection,
    info: Any,
    options: ImportOptions,
    plan: _Plan,
    created: list[_New],
    ledger: list[tuple[_Purchase, str, int]],
    settings: ShopSettings,
    rejects: list[Rejected],
    result: ImportResult,
    prepared: list[PreparedSheet],
    additions: list[_Addition],
) -> int:
    now = dt.datetime.now().replace(microsecond=0)
    batch = _batch(info, result, prepared, now)
    s.add(batch)
    s.flush()
    batch_id = batch.id
    total_work = len(plan.purchases)
    report_progress(options, "writing", 0, total_work)
    product_ids = _products(conn, plan, settings, [r for a in additions for r in a.rows])
    _members(s, conn, created, batch_id, now)
    _fill_phones(conn, plan, now)
    when = bulk.datetime_param(conn)  # values go to the driver as it takes them (see importing_bulk)
    _write_purchases(conn, plan, product_ids, batch_id, when, lambda n: report_progress(options, "writing", n, total_work))
    _write_line_refs(conn, plan, batch_id)
    if additions:
        _write_additions(conn, additions, batch_id, product_ids, when, now)
    bulk.insert_rows(
        conn,
        PointsEntry.__table__,
        ["member_id", "at", "kind", "points", "purchase_id", "import_batch_id", "note"],
        ((p.member.id, p.at, kind, pts, p.id, batch_id, None) for p, kind, pts in ledger),  # type: ignore[union-attr]
        converted=True,
    )
    _update_members(conn, plan, now)
    if rejects:
        conn.execute(
            insert(RejectedRow.__table__),
            [
                {"batch_id": batch_id, "sheet": r.sheet[:100], "row_number": r.row_number,
                 "values": [json_value(v) for v in r.values], "reason": r.reason}
                for r in rejects
            ],
        )
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    s.flush()
    return batch_id


def _batch(info: Any, result: ImportResult, prepared: list[PreparedSheet], now: dt.datetime) -> ImportBatch:
    """The batch row: what was read and done, and each sheet's mapping and headers (for undo and re-import)."""
    return ImportBatch(
        kind="sales",
        file_name=info.path.name[:260],
        content_hash=info.sha256,
        started_at=now,
        rows_read=result.rows,
        imported=result.imported,
        duplicates=result.duplicates,
        skipped=result.skipped,
        rejected=result.rejected,
        members_created=result.members_created,
        purchases=result.purchases,
        status="done",
        mapping={p.name: {str(c): f for c, f in p.mapping.items()} for p in prepared},
        headers={p.name: list(p.headers) for p in prepared},
    )


def _fill_phones(conn: Connection, plan: _Plan, now: dt.datetime) -> None:
    """Known members found by card whose record had no phone get the sheet's."""
    fills = {p.member.id: p.member.fill_phone for p in plan.purchases if isinstance(p.member, _Known) and p.member.fill_phone}
    if fills:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                phone=bindparam("ph"), phone_last4=bindparam("l4"), updated_at=bindparam("now")
            ),
            [{"mid": mid, "ph": ph, "l4": last4(ph), "now": now} for mid, ph in fills.items()],
        )


def _write_purchases(conn: Connection, plan: _Plan, product_ids: dict[str, int] | None, batch_id: int,
                     when: Callable[[dt.datetime], Any], on_chunk: Callable[[int], None]) -> None:
    """The purchases (ids reserved in one go) and their lines, as plain tuples through the bulk writer."""
    ids = bulk.reserve_ids(conn, Purchase.__table__, len(plan.purchases))
    for p, pid in zip(plan.purchases, ids, strict=True):
        p.id = pid
    del ids

    def purchase_rows() -> Iterator[tuple[Any, ...]]:
        for p in plan.purchases:
            p.at = at = when(p.when)
            yield (p.id, p.member.id if p.member is not None else None, at, p.total, p.discount, p.payment, p.channel,
                   "import", batch_id, p.ref)

    bulk.insert_rows(
        conn,
        Purchase.__table__,
        ["id", "member_id", "purchased_at", "total_cents", "discount_cents", "payment_method", "channel", "origin",
         "import_batch_id", "external_ref"],
        purchase_rows(),
        on_chunk=on_chunk,
        converted=True,
    )
    if product_ids is not None:
        qty_value = (lambda m: m / 1000) if bulk.is_sqlite(conn) else quantity_decimal
        bulk.insert_rows(
            conn,
            PurchaseLine.__table__,
            ["purchase_id", "product_id", "quantity", "unit_price_cents", "amount_cents"],
            (
                (p.id, product_ids[r.product], qty_value(r.qty), r.unit or 0, r.amount if r.amount is not None else 0)
                for p in plan.purchases
                for r in p.rows
                if r.product is not None
            ),
            converted=True,
        )


def _update_members(conn: Connection, plan: _Plan, now: dt.datetime) -> None:
    """Known members' new points balance and level."""
    touched: dict[int, Any] = {}
    for p in plan.purchases:
        if isinstance(p.member, _Known):
            touched[p.member.id] = p.member
    if touched:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                points_balance=bindparam("bal"), level=bindparam("lvl"), updated_at=bindparam("now")
            ),
            [{"mid": m.id, "bal": m.balance, "lvl": m.level, "now": now} for m in touched.values()],
        )


def _write_line_refs(conn: Connection, plan: _Plan, batch_id: int) -> None:
    """Fingerprints of the receipt lines without a product: the only record of them a later file can be matched on."""
    bulk.insert_rows(
        conn,
        ImportedLine.__table__,
        ["ref", "purchase_id", "import_batch_id", "purchase_line_id", "amount_cents", "discount_cents"],
        (
            (_line_ref(p, key), p.id, batch_id, None, r.amount or 0, r.discount)
            for p in plan.purchases
            if p.receipt is not None and any(r.product is None for r in p.rows)
            for r, key in zip(p.rows, _line_keys(p), strict=True)
            if r.product is None
        ),
        converted=True,
    )


def _write_additions(conn: Connection, additions: list[_Addition], batch_id: int, product_ids: dict[str, int] | None,
                     when: Callable[[dt.datetime | None], Any], now: dt.datetime) -> None:
    """Lines added to purchases of earlier imports, recorded so that undoing this batch takes exactly them back."""
    pt, lt = Purchase.__table__, PurchaseLine.__table__
    with_product = [(a, r) for a in additions for r in a.rows if r.product is not None]
    line_ids = iter(bulk.reserve_ids(conn, lt, len(with_product)))
    qty_value = (lambda m: m / 1000) if bulk.is_sqlite(conn) else quantity_decimal
    lines, refs, ledger = [], [], []
    for a in additions:
        share = a.delta  # a receipt total is carried by the first added line; line amounts by each line
        for r, key in zip(a.rows, a.keys, strict=True):
            line_id = None
            if r.product is not None and product_ids is not None:
                line_id = next(line_ids)
                lines.append((line_id, a.stored.id, product_ids[r.product], qty_value(r.qty), r.unit or 0,
                              r.amount if r.amount is not None else 0))
            amount = share if a.purchase.from_total else (r.amount or 0)
            share = 0
            refs.append((_line_ref(a.purchase, key), a.stored.id, batch_id, line_id, amount, r.discount))
        if a.points and a.member is not None:
            ledger.append((a.member.id, a.stored.at, "earn" if a.points > 0 else "reverse", a.points, a.stored.id, batch_id, None))
    bulk.insert_rows(conn, lt, ["id", "purchase_id", "product_id", "quantity", "unit_price_cents", "amount_cents"], lines,
                     converted=True)
    bulk.insert_rows(conn, ImportedLine.__table__,
                     ["ref", "purchase_id", "import_batch_id", "purchase_line_id", "amount_cents", "discount_cents"], refs,
                     converted=True)
    conn.execute(
        update(pt).where(pt.c.id == bindparam("pid")).values(
            total_cents=pt.c.total_cents + bindparam("delta"), discount_cents=pt.c.discount_cents + bindparam("disc")
        ),
        [{"pid": a.stored.id, "delta": a.delta, "disc": sum(r.discount for r in a.rows)} for a in additions],
    )
    if ledger:
        conn.execute(insert(PointsEntry.__table__), [
            {"member_id": m, "at": at, "kind": k, "points": pts, "purchase_id": pid, "import_batch_id": b, "note": note}
            for m, at, k, pts, pid, b, note in ledger
        ])
    members = {a.member.id: a.member for a in additions if a.member is not None}
    if members:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                points_balance=bindparam("bal"), level=bindparam("lvl"), updated_at=bindparam("now")
            ),
            [{"mid": m.id, "bal": m.balance, "lvl": m.level, "now": now} for m in members.values()],
        )


def _products(conn: Connection, plan: _Plan, settings: ShopSettings, extra: list[SaleRow] | None = None) -> dict[str, int] | None:
    """Product ids by name; products and categories not known yet are created.

    A new product's price is the most common unit price of the file (never one odd row, e.g. a
    ¥1,015.50 typo), and it goes on the catalogue's review list for the owner to confirm."""
    first_seen: dict[str, SaleRow] = {}  # the row that names a product first (its category)
    first_day: dict[str, dt.datetime] = {}  # when it was first sold
    prices: dict[str, Counter[int]] = defaultdict(Counter)  # unit prices seen per product
    for rows in [*(p.rows for p in plan.purchases), extra or []]:
        for r in rows:
            product = r.product
            if product is None:
                continue
            if r.unit is not None and r.unit > 0:
                prices[product][r.unit] += 1
            when = first_day.get(product)
            if when is None:
                first_seen[product] = r
                first_day[product] = r.when
            elif r.when < when:
                first_day[product] = r.when
    if not first_seen:
        return None
    pt, ct = Product.__table__, Category.__table__
    names = sorted(first_seen)
    ids: dict[str, int] = {}
    for start in range(0, len(names), IN_CHUNK):
        chunk = names[start : start + IN_CHUNK]
        ids.update({n: i for i, n in conn.execute(select(pt.c.id, pt.c.name).where(pt.c.name.in_(chunk)))})
    missing = [n for n in names if n not in ids]
    if not missing:
        return ids
    wanted_categories = sorted({c for n in missing if (c := first_seen[n].category)})
    categories = {n: i for i, n in conn.execute(select(ct.c.id, ct.c.name).where(ct.c.name.in_(wanted_categories)))} if wanted_categories else {}
    for name in wanted_categories:
        if name not in categories:
            categories[name] = conn.execute(insert(ct).values(name=name).returning(ct.c.id)).scalar_one()
    earliest_db = conn.execute(select(func.min(Purchase.__table__.c.purchased_at))).scalar()
    earliest = min([r.when for r in first_seen.values()] + ([earliest_db] if earliest_db else []))
    new_after = earliest + dt.timedelta(days=settings.rules.new_product_days)
    new_ids = bulk.reserve_ids(conn, pt, len(missing))
    conn.execute(
        insert(pt),
        [
            {
                "id": pid,
                "name": name,
                "category_id": categories.get(first_seen[name].category or ""),
                "price_cents": _usual_price(prices.get(name)),
                # Products first sold well after the history starts were new then (SPEC §3 "new product").
                "launched_on": first_day[name].date() if first_day[name] > new_after else None,
                "active": True,
                "initials": pinyin_initials(name),
                "needs_review": True,
                "review_reason": "sales_import",
            }
            for pid, name in zip(new_ids, missing, strict=True)
        ],
    )
    ids.update(zip(missing, new_ids, strict=True))
    return ids


def _usual_price(seen: Counter[int] | None) -> int | None:
    """The most common unit price (on a tie the lower one); None when no usable price was seen."""
    if not seen:
        return None
    price = min(seen, key=lambda cents: (-seen[cents], cents))
    return price if price < MAX_PRICE_CENTS else None


def _members(s: Any, conn: Connection, created: list[_New], batch_id: int, now: dt.datetime) -> None:
    if not created:
        return
    numbers = CardNumbers(s, taken={m.card for m in created if m.card})
    ids = bulk.reserve_ids(conn, Member.__table__, len(created))
    values = []
    for m, mid in zip(created, ids, strict=True):
        m.id = mid
        if not m.card:
            m.card = numbers.take()
        values.append(
            (mid, m.card, m.name, m.phone, last4(m.phone) if m.phone else None, m.first, False, m.balance, m.level,
             "active", now, now, batch_id)
        )
    bulk.insert_rows(
        conn,
        Member.__table__,
        ["id", "card_no", "name", "phone", "phone_last4", "registered_on", "consent", "points_balance", "level", "status",
         "created_at", "updated_at", "import_batch_id"],
        values,
    )
