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

How (a 500k-row sheet must not take minutes or gigabytes): rows are read in chunks and parsed
column by column, each distinct cell value once (shopcrm.io.columns); rows become compact
SaleRow tuples grouped by (receipt, day) as they are read, and only rejected rows keep their
original cells; the plan then turns groups into purchases, and everything is written in one
transaction through importing_bulk (executemany of plain tuples on SQLite, COPY on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Category,
    ImportBatch,
    Member,
    PointsEntry,
    Product,
    Purchase,
    PurchaseLine,
    RejectedRow,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.columns import CachedColumn, CellError, bulk_codes, bulk_sale_datetimes
from shopcrm.io.member_fields import clean_text
from shopcrm.io.phones import last4, normalise_phone_fast
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import (
    is_refund_kind,
    parse_amount,
    parse_card,
    parse_channel,
    parse_code,
    parse_payment,
    parse_quantity,
    parse_sale_datetime,
    parse_time,
    quantity_decimal,
    text_of,
)
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.run import (
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    PreparedSheet,
    Rejected,
    RowStats,
    backup_before_import,
    data_chunks,
    earlier_batches,
    json_value,
    prepare_sheets,
    report_progress,
    save_header_mapping,
)
from shopcrm.services.shop.settings import ShopSettings, load_settings

WALK_IN_MARKS = frozenset({"散客", "非会员", "游客", "临时顾客", "walk-in", "walkin", "walk in", "guest", "0", "00000000000"})
IN_CHUNK = 2_000
_MIDNIGHT = dt.time()
_tuple_new = tuple.__new__


class SaleRow(NamedTuple):
    sheet: int
    row: int
    when: dt.datetime
    receipt: str | None
    phone: str | None
    card: str | None
    name: str | None
    product: str | None
    category: str | None
    qty: int  # thousandths
    unit: int | None  # cents
    amount: int | None  # cents; None only when a receipt total column carries the total
    discount: int
    order_total: int | None
    payment: str | None
    channel: str
    raw: int  # hash of the original cells: exact repeats under one receipt count once


# ------------------------------------------------------------------ parsing

# The sheet columns a sales row reads, in the order their errors are reported.
_FIELDS = (
    "receipt", "date", "time", "phone", "card_no", "name", "product", "category", "quantity", "unit_price",
    "amount", "gross", "discount", "order_total", "payment", "channel", "kind",
)
_AMOUNT = _FIELDS.index("amount")
_ERROR_ORDER = ("phone", "card_no", "quantity", "amount", "gross", "discount", "unit_price", "order_total")


def _walk_in_or(parse: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def parse_member_key(value: Any) -> str | None:
        if text_of(value).lower() in WALK_IN_MARKS:
            return None
        return parse(value)

    return parse_member_key


def _column_parsers(now: dt.datetime) -> dict[str, CachedColumn]:
    """One cached parser per field, shared by every sheet of the file."""
    parsers: dict[str, Callable[[Any], Any]] = {
        "receipt": lambda v: parse_code(v, field="receipt"),
        "date": lambda v: parse_sale_datetime(v, now=now),
        "time": parse_time,
        "phone": _walk_in_or(normalise_phone_fast),
        "card_no": _walk_in_or(parse_card),
        "name": lambda v: clean_text(text_of(v), 100),
        "product": lambda v: clean_text(text_of(v), 100),
        "category": lambda v: clean_text(text_of(v), 50),
        "quantity": parse_quantity,
        "unit_price": lambda v: parse_amount(v, allow_negative=False),
        "amount": parse_amount,
        "gross": parse_amount,
        "discount": lambda v: abs(parse_amount(v)),
        "order_total": parse_amount,
        "payment": lambda v: parse_payment(text_of(v)),
        "channel": lambda v: parse_channel(text_of(v)),
        "kind": lambda v: isinstance(v, str) and is_refund_kind(v),
    }
    bulk = {"receipt": bulk_codes(64), "date": bulk_sale_datetimes(now)}
    return {name: CachedColumn(parse, bulk=bulk.get(name)) for name, parse in parsers.items()}


class _Reading:
    """What reading the sheets produced: receipt groups, rows without a receipt, and rejected rows."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, dt.date], Any] = {}  # (receipt, day) -> its SaleRow, or a list of its SaleRows
        self.singles: list[SaleRow] = []
        self.rejects: list[Rejected] = []  # rejected while parsing, with their original cells
        self.rejected_receipts: set[str] = set()
        self.count = 0  # rows parsed into SaleRows


class _SheetParser:
    """Turns one sheet's chunks into SaleRows, column by column (see shopcrm.io.columns)."""

    def __init__(self, prepared: PreparedSheet, index: int, parsers: dict[str, CachedColumn]) -> None:
        self.p = prepared
        self.index = index
        self.parsers = parsers
        self.cols = {name: prepared.column(name) for name in _FIELDS}
        # No time, gross, discount, receipt total or row-type column: chunks can take _read_plain.
        self._plain = all(self.cols[name] < 0 for name in ("time", "gross", "discount", "order_total", "kind"))

    def _message(self, name: str, error: ValidationError) -> str:
        return f"{self.p.header_of(name)}: {error.message()}"

    def _first_error(self, values: dict[str, Any]) -> tuple[str, str | None]:
        """The reason a row is rejected, checked in the order the columns are read."""
        receipt = values["receipt"]
        if receipt.__class__ is CellError:
            return self._message("receipt", receipt.error), None
        when = values["date"]
        if when is None:
            return translate("import", "{column}: the date is missing.").format(column=self.p.header_of("date")), receipt
        for cell in (when, values["time"] if when.__class__ is CellError or when.time() == _MIDNIGHT else None):
            if cell.__class__ is CellError:
                return self._message("date" if cell.error.field == "date" else "time", cell.error), receipt
        for name in _ERROR_ORDER:
            cell = values[name]
            if cell.__class__ is CellError:
                return self._message(name, cell.error), receipt
        raise AssertionError("no error in a rejected row")  # pragma: no cover

    def read(self, chunk: Any, out: _Reading) -> None:
        n = len(chunk.rows)
        columns: list[Iterable[Any]] = []
        bad_fields = []
        for name in _FIELDS:
            col = self.cols[name]
            if col < 0:
                columns.append(repeat(None, n))
                continue
            values, has_errors = self.parsers[name].map(chunk.column(col))
            columns.append(values)
            if has_errors and name != "time":  # a bad time matters only when the date has none
                bad_fields.append(values)
        bad_rows = {i for values in bad_fields for i, v in enumerate(values) if v.__class__ is CellError}
        raws = map(hash, map(tuple, chunk.rows))
        if not bad_rows and self._plain and None not in columns[1] and None not in columns[_AMOUNT]:
            self._read_plain(chunk, columns, raws, out)
            return
        groups, singles, sheet = out.groups, out.singles, self.index
        amount_missing = None
        for i, number, raw, fields in zip(range(n), chunk.numbers, raws, zip(*columns, strict=True), strict=True):
            (receipt, when, tm, phone, card, name, product, category, qty, unit, amount, gross, discount, order_total,
             payment, channel, kind) = fields
            if when is None or i in bad_rows or (tm is not None and when.time() == _MIDNIGHT and tm.__class__ is CellError):
                self._reject(chunk, i, *self._first_error(dict(zip(_FIELDS, fields, strict=True))), out)
                continue
            if tm is not None and when.time() == _MIDNIGHT:
                when = dt.datetime.combine(when.date(), tm)
            if qty is None:
                qty = 1000
            if amount is None:
                if gross is not None:
                    amount = gross - (discount or 0)
                elif unit is not None:
                    amount = round(unit * qty / 1000) - (discount or 0)
                elif order_total is None:
                    if amount_missing is None:
                        amount_missing = translate("import", "{column}: the amount is missing.").format(
                            column=self.p.header_of("amount")
                        )
                    self._reject(chunk, i, amount_missing, receipt, out)
                    continue
            if discount is None:
                discount = gross - amount if gross is not None and amount is not None and gross > amount else 0
            if qty < 0 and amount is not None and amount > 0:
                amount = -amount  # a return line written with a plain amount is a refund too
            if kind:  # a refund row: the amounts are taken back
                if amount is not None and amount > 0:
                    amount = -amount
                if order_total is not None and order_total > 0:
                    order_total = -order_total
            if (kind or (amount is not None and amount < 0)) and qty > 0:
                qty = -qty
            if unit is None and amount is not None and product is not None:
                unit = abs(round(amount * 1000 / qty))
            row = _tuple_new(SaleRow, (
                sheet, number, when, receipt, phone, card, name, product, category, qty, unit, amount, discount,
                order_total, payment, "store" if channel is None else channel, raw,
            ))
            if receipt is None:
                singles.append(row)
            else:
                key = (receipt, when.date())
                group = groups.get(key)
                if group is None:
                    groups[key] = row  # most receipts have one line: no list for those
                elif group.__class__ is list:
                    group.append(row)
                else:
                    groups[key] = [group, row]
            out.count += 1

    def _read_plain(self, chunk: Any, columns: list[Any], raws: Iterable[int], out: _Reading) -> None:
        """read() for the usual chunk, column-wise: every row has a date and an amount, no cell is bad,
        and there is no time, gross, discount, receipt total or row-type column.  Same rules as the
        row-by-row loop, in the same order."""
        n = len(chunk.rows)
        lists: list[list[Any]] = [c if c.__class__ is list else [None] * n for c in columns]  # unmapped: None
        (receipts, whens, _, phones, cards, names, products, categories, qtys, units, amounts, _, _, _,
         payments, channels, _) = lists
        if self.cols["quantity"] < 0:
            qtys = [1000] * n
        elif None in qtys:
            qtys = [1000 if q is None else q for q in qtys]
        if min(amounts) < 0 or min(qtys) < 0:  # refunds: amount and quantity both negative
            amounts, qtys = list(amounts), list(qtys)
            for i in range(n):
                a, q = amounts[i], qtys[i]
                if q < 0 and a > 0:
                    amounts[i] = a = -a
                if a < 0 and q > 0:
                    qtys[i] = -q
        if self.cols["unit_price"] < 0 or None in units:
            units = [
                abs(round(a * 1000 / q)) if u is None and p is not None else u
                for u, a, q, p in zip(units, amounts, qtys, products, strict=True)
            ]
        if self.cols["channel"] < 0:
            channels = ["store"] * n
        elif None in channels:
            channels = ["store" if c is None else c for c in channels]
        rows = list(map(_tuple_new, repeat(SaleRow), zip(
            repeat(self.index, n), chunk.numbers, whens, receipts, phones, cards, names, products, categories, qtys, units,
            amounts, repeat(0, n), repeat(None, n), payments, channels, raws, strict=True,
        )))
        groups, singles = out.groups, out.singles
        for row, receipt, day in zip(rows, receipts, map(dt.datetime.date, whens), strict=True):
            if receipt is None:
                singles.append(row)
                continue
            key = (receipt, day)
            group = groups.get(key)
            if group is None:
                groups[key] = row
            elif group.__class__ is list:
                group.append(row)
            else:
                groups[key] = [group, row]
        out.count += n

    def _reject(self, chunk: Any, i: int, reason: str, receipt: str | None, out: _Reading) -> None:
        out.rejects.append(Rejected(self.p.name, chunk.numbers[i], _raw_cells(chunk.original(i)), reason))
        if receipt:
            out.rejected_receipts.add(receipt)


def _raw_cells(cells: list[Any]) -> list[Any]:
    """A rejected row's cells as stored with the batch and written to the rejected-rows file."""
    values = [json_value(c) if not isinstance(c, dt.date | dt.datetime) else c for c in cells]
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


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
    __slots__ = ("ref", "when", "rows", "phone", "card", "name", "total", "discount", "payment", "channel", "member", "id", "at")

    def __init__(self, ref: str, when: dt.datetime, rows: list[SaleRow], phone: str | None, card: str | None,
                 name: str | None, total: int, discount: int, payment: str | None, channel: str) -> None:
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


def _plan_purchases(reading: _Reading) -> _Plan:
    """Purchases from the rows: one per receipt (per day), one per row without a receipt.

    The external_ref fingerprints must stay exactly as they are: earlier imports stored them,
    and a re-import recognises its purchases by them."""
    plan = _Plan()
    purchases = plan.purchases
    occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
    missing_amount = translate("import", "The amount is missing.")
    for r in reading.singles:
        if r.amount is None:
            plan.rejected.append((r, missing_amount))
            continue
        key = (r.when, _member_key(r.phone, r.card), r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)
        n = occurrences[key]
        occurrences[key] = n + 1
        ref = f"n{_stamp(r.when)}{_digest(repr(key) + f'#{n}')}"
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
            if receipt not in rejected_receipts:  # the usual receipt: one line, nothing to check but its amount
                r = members
                if r.amount is not None or r.order_total is not None:
                    w = r.when
                    identity = "\x1f".join((receipt, day_text, r.phone or (f"c:{r.card}" if r.card else "")))
                    ref = f"r{texts[1]}{w.hour:02d}{w.minute:02d}{w.second:02d}{blake2b(identity.encode(), digest_size=12).hexdigest()}"
                    total = r.amount or 0 if r.order_total is None else r.order_total
                    purchases.append(_Purchase(ref, w, [r], r.phone or None, r.card or None, r.name or None, total,
                                               r.discount, r.payment or None, r.channel))
                    continue
            members = [members]  # type: ignore[list-item]
        if receipt in rejected_receipts:
            reason = translate("import", "Another line of receipt {receipt} was rejected; fix it and import the whole receipt again.")
            plan.rejected.extend((r, reason.format(receipt=receipt)) for r in members)
            continue
        if len(members) == 1:
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
        identity = "\x1f".join((receipt, day_text, _member_key(phone, card)))
        ref = f"r{_stamp(when)}{_digest(identity)}"
        purchases.append(_Purchase(ref, when, lines, phone, card, name, total, discount, payment, lines[0].channel))
    purchases.sort(key=_by_time_and_ref)
    return plan


def _existing_refs(conn: Connection, refs: list[str]) -> set[str]:
    found: set[str] = set()
    table = Purchase.__table__
    total_known = conn.execute(select(func.count()).select_from(table).where(table.c.external_ref.is_not(None))).scalar_one()
    if total_known == 0:
        return found
    if total_known <= 2 * len(refs):
        wanted = set(refs)
        for (ref,) in conn.execute(select(table.c.external_ref).where(table.c.external_ref.is_not(None))):
            if ref in wanted:
                found.add(ref)
        return found
    for start in range(0, len(refs), IN_CHUNK):
        chunk = refs[start : start + IN_CHUNK]
        found.update(conn.execute(select(table.c.external_ref).where(table.c.external_ref.in_(chunk))).scalars())
    return found


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
        chunk = ids[start : start + IN_CHUNK]
        stmt = (
            select(pt.c.member_id, func.coalesce(func.sum(pt.c.total_cents), 0))
            .where(pt.c.member_id.in_(chunk), pt.c.voided_at.is_(None))
            .group_by(pt.c.member_id)
        )
        for mid, spend in conn.execute(stmt):
            known[mid].spend = int(spend)
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
    """Ledger rows (as (purchase, kind, points)); each member's new balance, spend and level."""
    entries: list[tuple[_Purchase, str, int]] = []
    members: dict[int, _Known | _New] = {}
    for p in plan.purchases:
        m = p.member
        if m is None:
            continue
        members[id(m)] = m
        m.spend += p.total
        if p.total > 0:
            pts = settings.points_for(p.total)
            if pts:
                entries.append((p, "earn", pts))
                m.balance += pts
        elif p.total < 0:
            pts = min(settings.points_for(-p.total), m.balance)
            if pts:
                entries.append((p, "reverse", -pts))
                m.balance -= pts
    for m in members.values():
        level = settings.level_for_spend(m.spend)
        m.level = max(m.level, level) if isinstance(m, _Known) else level  # imports never lower a level
    return entries


# ------------------------------------------------------------------ the run


def import_sales(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult("sales", info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, "sales")
    settings = load_settings(db)
    stats = RowStats()
    reading = _Reading()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, "sales", options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        total = sum(p.sheet.total_rows or 0 for p in prepared) or None
        parsers = _column_parsers(dt.datetime.now())
        done = 0
        report_progress(options, "reading", 0, total)
        for index, sheet in enumerate(prepared):
            parser = _SheetParser(sheet, index, parsers)
            for chunk in data_chunks(sheet, stats):
                parser.read(chunk, reading)
                done += len(chunk.rows)
                report_progress(options, "reading", done, total)
            sheet.sheet = None  # type: ignore[assignment]  # let the reader free the sheet
        del parsers
        report_progress(options, "checking", 0, None)
        plan = _plan_purchases(reading)
        rows_read = reading.count + len(reading.rejects)
        reading.groups.clear()
        reading.singles.clear()
        duplicates_in_file = plan.in_file_duplicates
        result.skipped = stats.skipped
        backup_before_import(db, options)
        with db.read() if options.dry_run else db.transaction() as s:
            conn = s.connection()
            existing = _existing_refs(conn, [p.ref for p in plan.purchases])
            if existing:
                duplicate_rows = sum(len(p.rows) for p in plan.purchases if p.ref in existing)
                plan.purchases = [p for p in plan.purchases if p.ref not in existing]
            else:
                duplicate_rows = 0
            fresh = plan.purchases
            phones = {p.phone for p in fresh if p.phone}
            cards = {p.card for p in fresh if p.card}
            by_phone, by_card = _load_members(conn, phones, cards)
            created = _resolve_members(plan, dict(by_phone), dict(by_card))
            ledger = _points_and_levels(plan, settings)
            result.rows = rows_read
            result.rejected = len(reading.rejects) + len(plan.rejected)
            result.duplicates = duplicate_rows + duplicates_in_file
            result.in_file_duplicates = duplicates_in_file
            result.imported = sum(len(p.rows) for p in plan.purchases)
            result.purchases = len(plan.purchases)
            result.members_created = len(created)
            if result.rows == 0:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file", file=info.path.name
                )
            raw_rejects = _raw_values(wb, prepared, reading.rejects, plan.rejected)
            result.rejected_rows = raw_rejects[:REJECTED_ROWS_KEPT]
            if not options.dry_run:
                with bulk.large_cache(conn, 32):
                    batch_id = _write(s, conn, info, options, plan, created, ledger, settings, raw_rejects, result, prepared)
                result.batch = batch_id
    if options.errors_path is not None:
        result.errors_file = _write_rejects_file(options.errors_path, raw_rejects, prepared)
    if not options.dry_run and options.remember_mapping:
        for p in prepared:
            if p.source == "given":
                save_header_mapping(db, "sales", p.headers, p.mapping)
    report_progress(options, "done", result.rows, result.rows)
    return result


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
                out.append(Rejected(name, number, _raw_cells(cells), "; ".join(dict.fromkeys(numbers[number]))))
                remaining.discard(number)
                if not remaining:
                    break
    out.sort(key=lambda r: (r.sheet, r.row_number))
    return out


def _write_rejects_file(path: Path, rejects: list[Rejected], prepared: list[PreparedSheet]) -> Path:
    from shopcrm.io.rejects import write_rejected_rows  # openpyxl is loaded only when a file is written

    headers = {p.name: p.headers for p in prepared}
    by_sheet: dict[str, list[tuple[list[Any], str]]] = defaultdict(list)
    for r in rejects:
        by_sheet[r.sheet].append((r.values, r.reason))
    return write_rejected_rows(path, [(name, headers.get(name, []), rows) for name, rows in by_sheet.items()])


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
) -> int:
    now = dt.datetime.now().replace(microsecond=0)
    batch = ImportBatch(
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
    s.add(batch)
    s.flush()
    batch_id = batch.id
    total_work = len(plan.purchases)
    report_progress(options, "writing", 0, total_work)
    product_ids = _products(conn, plan, settings)
    _members(s, conn, created, batch_id, now)
    fills = {p.member.id: p.member.fill_phone for p in plan.purchases if isinstance(p.member, _Known) and p.member.fill_phone}
    if fills:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                phone=bindparam("ph"), phone_last4=bindparam("l4"), updated_at=bindparam("now")
            ),
            [{"mid": mid, "ph": ph, "l4": last4(ph), "now": now} for mid, ph in fills.items()],
        )
    ids = bulk.reserve_ids(conn, Purchase.__table__, len(plan.purchases))
    for p, pid in zip(plan.purchases, ids, strict=True):
        p.id = pid
    del ids
    when = bulk.datetime_param(conn)  # values go to the driver as it takes them (see importing_bulk)

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
        on_chunk=lambda n: report_progress(options, "writing", n, total_work),
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
    bulk.insert_rows(
        conn,
        PointsEntry.__table__,
        ["member_id", "at", "kind", "points", "purchase_id", "import_batch_id", "note"],
        ((p.member.id, p.at, kind, pts, p.id, batch_id, None) for p, kind, pts in ledger),  # type: ignore[union-attr]
        converted=True,
    )
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


def _products(conn: Connection, plan: _Plan, settings: ShopSettings) -> dict[str, int] | None:
    """Product ids by name; products and categories not known yet are created."""
    first_seen: dict[str, SaleRow] = {}  # the row that names a product first (its category and price)
    first_day: dict[str, dt.datetime] = {}  # when it was first sold
    for p in plan.purchases:
        for r in p.rows:
            product = r.product
            if product is None:
                continue
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
    wanted_categories = sorted({first_seen[n].category for n in missing if first_seen[n].category})
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
                "price_cents": first_seen[name].unit,
                # Products first sold well after the history starts were new then (SPEC §3 "new product").
                "launched_on": first_day[name].date() if first_day[name] > new_after else None,
                "active": True,
            }
            for pid, name in zip(new_ids, missing, strict=True)
        ],
    )
    ids.update(zip(missing, new_ids, strict=True))
    return ids


def _members(s: Any, conn: Connection, created: list[_New], batch_id: int, now: dt.datetime) -> None:
    if not created:
        return
    from shopcrm.services.members.records import CardNumbers

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
