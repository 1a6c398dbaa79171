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
* negative amounts or a refund type make a refund (negative total, points taken back as far
  as the balance allows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.db.engine import Database
from shopcrm.db.models import Category, ImportBatch, Member, PointsEntry, Product, Purchase, PurchaseLine, RejectedRow
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.phones import last4, normalise_phone_fast
from shopcrm.io.rejects import write_rejected_rows
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import (
    is_empty,
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
from shopcrm.services import importing_bulk as bulk
from shopcrm.services.importing import (
    PROGRESS_EVERY,
    ImportOptions,
    ImportResult,
    PreparedSheet,
    Rejected,
    RowStats,
    data_rows,
    earlier_batches,
    json_value,
    prepare_sheets,
    report_progress,
    save_header_mapping,
)
from shopcrm.services.member_fields import clean_text
from shopcrm.services.settings import ShopSettings, load_settings

WALK_IN_MARKS = frozenset({"散客", "非会员", "游客", "临时顾客", "walk-in", "walkin", "walk in", "guest", "0", "00000000000"})
IN_CHUNK = 2_000


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


class _RowError(Exception):
    def __init__(self, reason: str, receipt: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.receipt = receipt


class _Parser:
    """Turns one sheet's rows into SaleRows; caches what repeats (phones, names, codes)."""

    def __init__(self, prepared: PreparedSheet, index: int, now: dt.datetime, caches: dict[str, dict[Any, Any]]) -> None:
        self.p = prepared
        self.index = index
        self.now = now
        c = prepared.column
        self.cols = {name: c(name) for name in (
            "date", "time", "receipt", "phone", "card_no", "name", "product", "category", "quantity", "unit_price",
            "amount", "gross", "discount", "order_total", "payment", "channel", "kind",
        )}
        self.phones = caches.setdefault("phone", {})
        self.cards = caches.setdefault("card", {})
        self.texts = caches.setdefault("text", {})

    def _error(self, name: str, exc: ValidationError, receipt: str | None = None) -> _RowError:
        return _RowError(f"{self.p.header_of(name)}: {exc.message()}", receipt)

    def parse(self, number: int, cells: list[Any]) -> SaleRow:
        cols = self.cols
        n = len(cells)

        def get(name: str) -> Any:
            col = cols[name]
            if 0 <= col < n:
                v = cells[col]
                if v is None or v == "" or (isinstance(v, str) and is_empty(v)):
                    return None
                return v
            return None

        receipt = None
        try:
            receipt = parse_code(get("receipt"), field="receipt")
        except ValidationError as exc:
            raise self._error("receipt", exc) from None
        raw_date = get("date")
        if raw_date is None:
            raise _RowError(translate("import", "{column}: the date is missing.").format(column=self.p.header_of("date")), receipt)
        try:
            when = parse_sale_datetime(raw_date, now=self.now)
            raw_time = get("time")
            if raw_time is not None and when.time() == dt.time():
                when = dt.datetime.combine(when.date(), parse_time(raw_time))
        except ValidationError as exc:
            raise self._error("date" if exc.field == "date" else "time", exc, receipt) from None
        phone = self._phone(get("phone"), receipt)
        card = self._card(get("card_no"), receipt)
        name = self._text(get("name"), 100)
        product = self._text(get("product"), 100)
        category = self._text(get("category"), 50)
        try:
            raw_qty = get("quantity")
            qty = parse_quantity(raw_qty) if raw_qty is not None else 1000
        except ValidationError as exc:
            raise self._error("quantity", exc, receipt) from None
        current = "amount"
        try:
            amount = parse_amount(v) if (v := get("amount")) is not None else None
            current = "gross"
            gross = parse_amount(v) if (v := get("gross")) is not None else None
            current = "discount"
            discount = abs(parse_amount(v)) if (v := get("discount")) is not None else None
            current = "unit_price"
            unit = parse_amount(v, allow_negative=False) if (v := get("unit_price")) is not None else None
            current = "order_total"
            order_total = parse_amount(v) if (v := get("order_total")) is not None else None
        except ValidationError as exc:
            raise self._error(current, exc, receipt) from None
        if amount is None:
            if gross is not None:
                amount = gross - (discount or 0)
            elif unit is not None:
                amount = round(unit * qty / 1000) - (discount or 0)
            elif order_total is None:
                raise _RowError(
                    translate("import", "{column}: the amount is missing.").format(column=self.p.header_of("amount")), receipt
                )
        if discount is None:
            discount = gross - amount if gross is not None and amount is not None and gross > amount else 0
        kind = get("kind")
        refund = isinstance(kind, str) and is_refund_kind(kind)
        if refund:
            if amount is not None and amount > 0:
                amount = -amount
            if order_total is not None and order_total > 0:
                order_total = -order_total
        if (refund or (amount is not None and amount < 0)) and qty > 0:
            qty = -qty
        if unit is None and amount is not None and product is not None:
            unit = abs(round(amount * 1000 / qty))
        payment = parse_payment(text_of(v)) if (v := get("payment")) is not None else None
        channel = parse_channel(text_of(v)) if (v := get("channel")) is not None else "store"
        raw = hash(tuple(cells))
        return SaleRow(
            self.index, number, when, receipt, phone, card, name, product, category, qty, unit, amount, discount,
            order_total, payment, channel, raw,
        )

    def _phone(self, value: Any, receipt: str | None) -> str | None:
        if value is None:
            return None
        try:
            cached = self.phones[value]
        except (KeyError, TypeError):
            cached = self._phone_uncached(value)
            try:
                self.phones[value] = cached
            except TypeError:
                pass
        if isinstance(cached, ValidationError):
            raise self._error("phone", cached, receipt)
        return cached

    @staticmethod
    def _phone_uncached(value: Any) -> str | None | ValidationError:
        if text_of(value).lower() in WALK_IN_MARKS:
            return None
        try:
            return normalise_phone_fast(value)
        except ValidationError as exc:
            return exc

    def _card(self, value: Any, receipt: str | None) -> str | None:
        if value is None:
            return None
        try:
            cached = self.cards[value]
        except (KeyError, TypeError):
            if text_of(value).lower() in WALK_IN_MARKS:
                cached = None
            else:
                try:
                    cached = parse_card(value)
                except ValidationError as exc:
                    cached = exc
            try:
                self.cards[value] = cached
            except TypeError:
                pass
        if isinstance(cached, ValidationError):
            raise self._error("card_no", cached, receipt)
        return cached

    def _text(self, value: Any, limit: int) -> str | None:
        if value is None:
            return None
        key = (value, limit)
        try:
            return self.texts[key]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            clean = clean_text(text_of(value), limit)
            try:
                self.texts[key] = clean
            except TypeError:
                pass
            return clean


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


@dataclass(slots=True)
class _Purchase:
    ref: str
    when: dt.datetime
    rows: list[int]
    phone: str | None
    card: str | None
    name: str | None
    total: int
    discount: int
    payment: str | None
    channel: str
    member: _Known | _New | None = None
    id: int = 0


@dataclass
class _Plan:
    purchases: list[_Purchase] = field(default_factory=list)
    rejected_rows: dict[int, str] = field(default_factory=dict)  # index into rows -> reason
    in_file_duplicates: int = 0


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _member_key(phone: str | None, card: str | None) -> str:
    return phone or (f"c:{card}" if card else "")


def _plan_purchases(rows: list[SaleRow], rejected_receipts: set[str]) -> _Plan:
    plan = _Plan()
    groups: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
    for i, r in enumerate(rows):
        if r.receipt is not None:
            groups[(r.receipt, r.when.date())].append(i)
            continue
        if r.amount is None:
            plan.rejected_rows[i] = translate("import", "The amount is missing.")
            continue
        key = (r.when, _member_key(r.phone, r.card), r.product, r.qty, r.unit, r.amount, r.discount, r.payment, r.channel)
        n = occurrences[key]
        occurrences[key] = n + 1
        ref = f"n{r.when:%Y%m%d%H%M%S}{_digest(repr(key) + f'#{n}')}"
        plan.purchases.append(
            _Purchase(ref, r.when, [i], r.phone, r.card, r.name, r.amount, r.discount, r.payment, r.channel)
        )
    for (receipt, day), members in groups.items():
        if receipt in rejected_receipts:
            reason = translate("import", "Another line of receipt {receipt} was rejected; fix it and import the whole receipt again.")
            for i in members:
                plan.rejected_rows[i] = reason.format(receipt=receipt)
            continue
        seen: set[int] = set()
        lines: list[int] = []
        for i in members:
            if rows[i].raw in seen:
                plan.in_file_duplicates += 1
                continue
            seen.add(rows[i].raw)
            lines.append(i)
        phones = {rows[i].phone for i in lines if rows[i].phone}
        cards = {rows[i].card for i in lines if rows[i].card}
        totals = {rows[i].order_total for i in lines if rows[i].order_total is not None}
        problem = None
        if len(phones) > 1 or len(cards) > 1:
            problem = translate("import", "The lines of receipt {receipt} name different members.")
        elif len(totals) > 1:
            problem = translate("import", "The lines of receipt {receipt} give different receipt totals.")
        elif not totals and any(rows[i].amount is None for i in lines):
            problem = translate("import", "A line of receipt {receipt} has no amount.")
        if problem:
            for i in members:
                plan.rejected_rows[i] = problem.format(receipt=receipt)
            plan.in_file_duplicates -= len(members) - len(lines)
            continue
        first = rows[lines[0]]
        when = min(rows[i].when for i in lines)
        phone = next(iter(phones), None)
        card = next(iter(cards), None)
        name = next((rows[i].name for i in lines if rows[i].name), None)
        total = next(iter(totals)) if totals else sum(rows[i].amount or 0 for i in lines)
        discount = sum(rows[i].discount for i in lines)
        payment = next((rows[i].payment for i in lines if rows[i].payment), None)
        identity = "\x1f".join((receipt, day.isoformat(), _member_key(phone, card)))
        ref = f"r{when:%Y%m%d%H%M%S}{_digest(identity)}"
        plan.purchases.append(_Purchase(ref, when, lines, phone, card, name, total, discount, payment, first.channel))
    plan.purchases.sort(key=lambda p: (p.when, p.ref))
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


def _resolve_members(plan: _Plan, rows: list[SaleRow], by_phone: dict[str, Any], by_card: dict[str, Any]) -> list[_New]:
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
            for i in p.rows:
                plan.rejected_rows[i] = conflict.format(card=cd)
            continue
        if isinstance(member, _New) and member.name is None and p.name:
            member.name = p.name
        p.member = member
        keep.append(p)
    plan.purchases = keep
    used = {id(p.member) for p in keep if p.member is not None}
    return [m for m in created if id(m) in used]


def _points_and_levels(plan: _Plan, settings: ShopSettings) -> list[tuple[Any, ...]]:
    """Ledger rows (member_id placeholder resolved later) and each member's new balance, spend and level."""
    entries: list[tuple[_Purchase, str, int]] = []
    for p in plan.purchases:
        m = p.member
        if m is None:
            continue
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
    return entries  # type: ignore[return-value]


# ------------------------------------------------------------------ the run


def import_sales(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult("sales", info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, "sales")
    settings = load_settings(db)
    now = dt.datetime.now()
    rows: list[SaleRow] = []
    rejects: list[tuple[int, int, str]] = []  # (sheet index, row number, reason)
    rejected_receipts: set[str] = set()
    stats = RowStats()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, "sales", options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        total = sum(p.sheet.total_rows or 0 for p in prepared) or None
        caches: dict[str, dict[Any, Any]] = {}
        done = 0
        report_progress(options, "reading", 0, total)
        for index, sheet in enumerate(prepared):
            parser = _Parser(sheet, index, now, caches)
            for number, cells in data_rows(sheet, stats):
                done += 1
                if done % PROGRESS_EVERY == 0:
                    report_progress(options, "reading", done, total)
                try:
                    rows.append(parser.parse(number, cells))
                except _RowError as exc:
                    rejects.append((index, number, exc.reason))
                    if exc.receipt:
                        rejected_receipts.add(exc.receipt)
            sheet.sheet = None  # type: ignore[assignment]  # let the reader free the sheet
        report_progress(options, "checking", 0, None)
        plan = _plan_purchases(rows, rejected_receipts)
        duplicates_in_file = plan.in_file_duplicates
        result.skipped = stats.skipped
        with db.read() if options.dry_run else db.transaction() as s:
            conn = s.connection()
            existing = _existing_refs(conn, [p.ref for p in plan.purchases])
            fresh = [p for p in plan.purchases if p.ref not in existing]
            duplicate_rows = sum(len(p.rows) for p in plan.purchases if p.ref in existing)
            plan.purchases = fresh
            phones = {p.phone for p in fresh if p.phone}
            cards = {p.card for p in fresh if p.card}
            by_phone, by_card = _load_members(conn, phones, cards)
            created = _resolve_members(plan, rows, dict(by_phone), dict(by_card))
            ledger = _points_and_levels(plan, settings)
            for p in plan.purchases:
                if p.member is not None and isinstance(p.member, _Known):
                    p.member.level = max(p.member.level, settings.level_for_spend(p.member.spend))
                elif p.member is not None:
                    p.member.level = settings.level_for_spend(p.member.spend)
            plan_rejects = sorted(plan.rejected_rows.items())
            all_rejects = [(prepared[sheet_i], number, reason) for sheet_i, number, reason in rejects]
            all_rejects += [(prepared[rows[i].sheet], rows[i].row, reason) for i, reason in plan_rejects]
            result.rows = len(rows) + len(rejects)
            result.rejected = len(all_rejects)
            result.duplicates = duplicate_rows + duplicates_in_file
            result.imported = sum(len(p.rows) for p in plan.purchases)
            result.purchases = len(plan.purchases)
            result.members_created = len(created)
            if result.rows == 0:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file", file=info.path.name
                )
            raw_rejects = _raw_values(wb, all_rejects)
            if not options.dry_run:
                batch_id = _write(s, conn, info, options, plan, rows, created, ledger, settings, raw_rejects, result, prepared)
                result.batch = batch_id
    if options.errors_path is not None:
        result.errors_file = _write_rejects_file(options.errors_path, raw_rejects, prepared)
    if not options.dry_run and options.remember_mapping:
        for p in prepared:
            if p.source == "given":
                save_header_mapping(db, "sales", p.headers, p.mapping)
    report_progress(options, "done", result.rows, result.rows)
    return result


def _raw_values(wb: Any, rejects: list[tuple[PreparedSheet, int, str]]) -> list[Rejected]:
    """Re-read the original cells of rejected rows (they are not kept while the file is parsed)."""
    if not rejects:
        return []
    wanted: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for prepared, number, reason in rejects:
        wanted[prepared.name][number].append(reason)
    out: list[Rejected] = []
    for name, numbers in wanted.items():
        sheet = wb.sheet(name)
        remaining = set(numbers)
        for number, cells in sheet.rows():
            if number in remaining:
                values = [json_value(c) if not isinstance(c, dt.date | dt.datetime) else c for c in cells]
                while values and (values[-1] is None or values[-1] == ""):
                    values.pop()
                out.append(Rejected(name, number, values, "; ".join(dict.fromkeys(numbers[number]))))
                remaining.discard(number)
                if not remaining:
                    break
    out.sort(key=lambda r: (r.sheet, r.row_number))
    return out


def _write_rejects_file(path: Path, rejects: list[Rejected], prepared: list[PreparedSheet]) -> Path:
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
    rows: list[SaleRow],
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
    product_ids = _products(conn, plan, rows, settings)
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
    bulk.insert_rows(
        conn,
        Purchase.__table__,
        ["id", "member_id", "purchased_at", "total_cents", "discount_cents", "payment_method", "channel", "origin",
         "import_batch_id", "external_ref"],
        (
            (p.id, p.member.id if p.member is not None else None, p.when, p.total, p.discount, p.payment, p.channel,
             "import", batch_id, p.ref)
            for p in plan.purchases
        ),
        on_chunk=lambda n: report_progress(options, "writing", n, total_work),
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
                for r in (rows[i] for i in p.rows)
                if r.product is not None
            ),
        )
    bulk.insert_rows(
        conn,
        PointsEntry.__table__,
        ["member_id", "at", "kind", "points", "purchase_id", "import_batch_id", "note"],
        ((p.member.id, p.when, kind, pts, p.id, batch_id, None) for p, kind, pts in ledger),  # type: ignore[union-attr]
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


def _products(conn: Connection, plan: _Plan, rows: list[SaleRow], settings: ShopSettings) -> dict[str, int] | None:
    """Product ids by name; products and categories not known yet are created."""
    first_seen: dict[str, SaleRow] = {}
    for p in plan.purchases:
        for i in p.rows:
            r = rows[i]
            if r.product is not None and r.product not in first_seen:
                first_seen[r.product] = r
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
    first_day: dict[str, dt.datetime] = {}
    for p in plan.purchases:
        for i in p.rows:
            r = rows[i]
            if r.product is not None and (r.product not in first_day or r.when < first_day[r.product]):
                first_day[r.product] = r.when
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
    from shopcrm.services.members import CardNumbers

    taken = {m.card for m in created if m.card}
    numbers = CardNumbers(s)
    ids = bulk.reserve_ids(conn, Member.__table__, len(created))
    values = []
    for m, mid in zip(created, ids, strict=True):
        m.id = mid
        if not m.card:
            card = numbers.take()
            while card in taken:
                card = numbers.take()
            m.card = card
            taken.add(card)
        values.append(
            {
                "id": mid, "card_no": m.card, "name": m.name, "phone": m.phone,
                "phone_last4": last4(m.phone) if m.phone else None, "registered_on": m.first, "consent": False,
                "points_balance": m.balance, "level": m.level, "status": "active", "created_at": now,
                "updated_at": now, "import_batch_id": batch_id,
            }
        )
    conn.execute(insert(Member.__table__), values)
