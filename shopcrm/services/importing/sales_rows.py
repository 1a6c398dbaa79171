"""Reading a sales sheet: rows -> compact SaleRow tuples grouped by (receipt, day), parsed chunk by
chunk and column by column (each distinct cell value once, shopcrm.io.columns), with each sheet's
conventions (date order, decimal mark) found only when a cell needs them.  Only rejected rows keep
their original cells.  importing.sales plans and writes what this reads (SPEC §4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any, NamedTuple

from shopcrm.errors import ValidationError
from shopcrm.i18n import translate
from shopcrm.io.columns import CachedColumn, CellError, bulk_codes, bulk_sale_datetimes
from shopcrm.io.conventions import Conventions
from shopcrm.io.phones import normalise_phone_fast
from shopcrm.io.values import (
    EARLIEST,
    amount_core,
    is_refund_kind,
    numeric_date_match,
    parse_amount,
    parse_card,
    parse_channel,
    parse_code,
    parse_payment,
    parse_quantity,
    parse_sale_datetime,
    parse_time,
    text_of,
    whole_text,
)
from shopcrm.money import depends_on_mark, format_cents
from shopcrm.services.importing.batches import json_value
from shopcrm.services.importing.conventions import chosen_date_order, sheet_conventions
from shopcrm.services.importing.options import ImportOptions, ImportTuning, Rejected, report_progress
from shopcrm.services.importing.preview import PreparedSheet
from shopcrm.services.importing.rows import RowStats, data_chunks

WALK_IN_MARKS = frozenset({"散客", "非会员", "游客", "临时顾客", "walk-in", "walkin", "walk in", "guest", "0", "00000000000"})
_MIDNIGHT = dt.time()
_tuple_new = tuple.__new__


# A SaleRow's row number and the hash of its original cells share one int (`place`): one int object
# per row instead of two, 16 MB less at the peak of a 500k-row import (issue 16).  Row numbers stay
# below 2**24 (limits.MAX_ROWS), the 64-bit hash is offset to be non-negative.
ROW_BITS = 24
_ROW_MASK = (1 << ROW_BITS) - 1
_HASH_OFFSET = 1 << 63


def sale_place(row: int, raw: int) -> int:
    """The `place` of a SaleRow: its row number and the hash of its original cells."""
    return (raw + _HASH_OFFSET) << ROW_BITS | row


class SaleRow(NamedTuple):
    sheet: int
    place: int  # sale_place(row number, hash of the original cells): see .row and .raw
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

    @property
    def row(self) -> int:
        """The row number, as Excel shows it."""
        return self.place & _ROW_MASK

    @property
    def raw(self) -> int:
        """The hash of the original cells: exact repeats under one receipt count once."""
        return (self.place >> ROW_BITS) - _HASH_OFFSET


# ------------------------------------------------------------------ parsing

# The sheet columns a sales row reads, in the order their errors are reported.
_FIELDS = (
    "receipt", "date", "time", "phone", "card_no", "name", "product", "category", "quantity", "unit_price",
    "amount", "gross", "discount", "order_total", "payment", "channel", "kind",
)
_AMOUNT = _FIELDS.index("amount")
_ERROR_ORDER = (
    "phone", "card_no", "name", "product", "category", "quantity", "amount", "gross", "discount", "unit_price", "order_total",
)


def _walk_in_or(parse: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def parse_member_key(value: Any) -> str | None:
        if text_of(value).lower() in WALK_IN_MARKS:
            return None
        return parse(value)

    return parse_member_key


def _column_parsers(
    now: dt.datetime,
    tuning: ImportTuning | None = None,
    orders: frozenset[str] | None = None,
    decimal_comma: bool | None = False,
) -> dict[str, CachedColumn]:
    """One cached parser per field, shared by every sheet of the file that has the same conventions.

    orders: the day/month/year orders the date column leaves open; decimal_comma: the file's
    decimal mark (see shopcrm.io.conventions)."""
    dc = False if decimal_comma is UNDECIDED else decimal_comma
    parsers: dict[str, Callable[[Any], Any]] = {
        "receipt": lambda v: parse_code(v, field="receipt"),
        "date": lambda v: parse_sale_datetime(v, now=now, orders=orders),
        "time": parse_time,
        "phone": _walk_in_or(normalise_phone_fast),
        "card_no": _walk_in_or(parse_card),
        "name": lambda v: whole_text(v, 100, "name"),
        "product": lambda v: whole_text(v, 100, "product"),
        "category": lambda v: whole_text(v, 50, "category"),
        "quantity": parse_quantity,
        "unit_price": lambda v: parse_amount(v, allow_negative=False, decimal_comma=dc),
        "amount": lambda v: parse_amount(v, decimal_comma=dc),
        "gross": lambda v: parse_amount(v, decimal_comma=dc),
        "discount": lambda v: abs(parse_amount(v, decimal_comma=dc)),
        "order_total": lambda v: parse_amount(v, decimal_comma=dc),
        "payment": lambda v: parse_payment(text_of(v)),
        "channel": lambda v: parse_channel(text_of(v)),
        "kind": lambda v: isinstance(v, str) and is_refund_kind(v),
    }
    if orders is None:  # the date column's order is not known yet: a d/m/y-like text stops the read
        parsers["date"] = _needs_order(parsers["date"])
    if decimal_comma is UNDECIDED:  # nor the decimal mark: an amount whose reading depends on it stops the read
        for name in ("unit_price", "amount", "gross", "discount", "order_total"):
            parsers[name] = _needs_mark(parsers[name])
    t = tuning or ImportTuning()
    bulk = {"receipt": bulk_codes(64), "date": bulk_sale_datetimes(now)} if t.fast_paths else {}
    return {
        name: CachedColumn(parse, t.cache_limit, bulk.get(name), unique_after=t.unique_after, bulk_from=t.bulk_from)
        for name, parse in parsers.items()
    }


UNDECIDED: Any = object()  # a decimal mark not decided yet (see read_sheets)


class ConventionNeeded(Exception):  # noqa: N818 - a signal, not an error: the read starts over with conventions
    """A cell whose reading depends on its column's date order or the file's decimal mark."""


def _needs_order(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse_if_settled(value: Any) -> Any:
        if value.__class__ is str and numeric_date_match(value) is not None:
            raise ConventionNeeded
        return parse(value)

    return parse_if_settled


def _needs_mark(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def parse_if_settled(value: Any) -> Any:
        if value.__class__ is str and depends_on_mark(amount_core(value)):
            raise ConventionNeeded
        return parse(value)

    return parse_if_settled


def _day_of(rows: Any) -> dt.date:
    """The day of a receipt group (a SaleRow or a list of SaleRows, all of one day)."""
    return (rows[0] if rows.__class__ is list else rows).when.date()  # type: ignore[no-any-return]


class Reading:
    """What reading the sheets produced: receipt groups, rows without a receipt, and rejected rows.

    A receipt's lines are one group per day (SPEC §4).  The groups are keyed by the receipt no.
    alone, holding the lines of the first day the receipt was seen; the rare receipt no. that
    comes again on another day keeps those lines under (receipt, day) in later_days.  One tuple
    key per receipt was 16 MB of a 500k-row import's peak memory (issue 16)."""

    def __init__(self) -> None:
        self.groups: dict[str, Any] = {}  # receipt -> its SaleRow, or a list of its SaleRows, all of one day
        self.later_days: dict[tuple[str, dt.date], Any] = {}  # (receipt, day) -> the same, for the receipt's other days
        self.singles: list[SaleRow] = []
        self.rejects: list[Rejected] = []  # rejected while parsing, with their original cells
        self.rejected_receipts: set[str] = set()
        self.count = 0  # rows parsed into SaleRows

    def receipt_groups(self) -> Iterator[tuple[tuple[str, dt.date], Any]]:
        """((receipt, day), its SaleRow or list of SaleRows) for every receipt and day."""
        for receipt, rows in self.groups.items():
            yield (receipt, _day_of(rows)), rows
        yield from self.later_days.items()

    def add(self, receipt: str, day: dt.date, rows: Any) -> None:
        """Add a SaleRow (or a list of them) of `receipt` on `day` to its group."""
        groups = self.groups
        here = groups.get(receipt)
        if here is None:
            groups[receipt] = rows  # most receipts have one line: no list for those
            return
        if _day_of(here) != day:
            groups = self.later_days  # type: ignore[assignment]
            key: Any = (receipt, day)
            here = groups.get(key)
            if here is None:
                groups[key] = rows
                return
        else:
            key = receipt
        merged = here if here.__class__ is list else [here]
        merged.extend(rows if rows.__class__ is list else [rows])
        groups[key] = merged

    def clear_groups(self) -> None:
        self.groups.clear()
        self.later_days.clear()
        self.singles.clear()

    def merge(self, other: Reading) -> None:
        """Add what another sheet produced (a receipt may continue on the next sheet)."""
        if not self.groups and not self.later_days and not self.singles:  # the first sheet: take its containers, no copy
            self.groups, self.later_days, self.singles = other.groups, other.later_days, other.singles
            other.groups, other.later_days, other.singles = {}, {}, []
        for receipt, rows in other.groups.items():
            self.add(receipt, _day_of(rows), rows)
        for (receipt, day), rows in other.later_days.items():
            self.add(receipt, day, rows)
        self.singles.extend(other.singles)
        self.rejects.extend(other.rejects)
        self.rejected_receipts |= other.rejected_receipts
        self.count += other.count


class _SheetParser:
    """Turns one sheet's chunks into SaleRows, column by column (see shopcrm.io.columns)."""

    def __init__(self, prepared: PreparedSheet, index: int, parsers: dict[str, CachedColumn], *, fast: bool = True) -> None:
        self.p = prepared
        self.index = index
        self.parsers = parsers
        self.cols = {name: prepared.column(name) for name in _FIELDS}
        # No time, gross, discount, receipt total or row-type column: chunks can take _read_plain.
        # A date and an amount column too: an unmapped column is repeat(None, n), which read()'s `None in` check would
        # consume (a sheet with a unit price and no amount crashed here).
        self._plain = (fast and all(self.cols[name] < 0 for name in ("time", "gross", "discount", "order_total", "kind"))
                       and self.cols["date"] >= 0 and self.cols["amount"] >= 0)

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

    def read(self, chunk: Any, out: Reading) -> None:
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
        offset = _HASH_OFFSET
        places = [(raw + offset) << ROW_BITS | number for number, raw in zip(chunk.numbers, map(hash, map(tuple, chunk.rows)), strict=True)]
        if not bad_rows and self._plain and None not in columns[1] and None not in columns[_AMOUNT]:
            self._read_plain(chunk, columns, places, out)
            return
        singles, sheet = out.singles, self.index
        amount_missing = None
        for i, place, fields in zip(range(n), places, zip(*columns, strict=True), strict=True):
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
                if gross is not None or unit is not None:
                    base = gross if gross is not None else round(unit * qty / 1000)
                    if discount and discount > abs(base):  # not a refund: a discount cannot exceed what was charged
                        self._reject(chunk, i, self._discount_too_large(discount, base), receipt, out)
                        continue
                    amount = base - (discount or 0) if base >= 0 else base + (discount or 0)
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
                sheet, place, when, receipt, phone, card, name, product, category, qty, unit, amount, discount,
                order_total, payment, "store" if channel is None else channel,
            ))
            if receipt is None:
                singles.append(row)
            else:
                out.add(receipt, when.date(), row)
            out.count += 1

    def _read_plain(self, chunk: Any, columns: list[Any], places: list[int], out: Reading) -> None:
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
            repeat(self.index, n), places, whens, receipts, phones, cards, names, products, categories, qtys, units,
            amounts, repeat(0, n), repeat(None, n), payments, channels, strict=True,
        )))
        groups, singles, add = out.groups, out.singles, out.add
        for row, receipt, when in zip(rows, receipts, whens, strict=True):
            if receipt is None:
                singles.append(row)
                continue
            group = groups.get(receipt)
            if group is None:
                groups[receipt] = row
            elif group.__class__ is list and (group[0].when is when or group[0].when.date() == when.date()):
                group.append(row)
            else:
                add(receipt, when.date(), row)  # a receipt's second line, or a line of another day
        out.count += n

    def _discount_too_large(self, discount: int, base: int) -> str:
        return translate("import", "{column}: the discount {discount} is larger than the amount before it ({gross}).").format(
            column=self.p.header_of("discount"), discount=format_cents(discount), gross=format_cents(abs(base))
        )

    def _reject(self, chunk: Any, i: int, reason: str, receipt: str | None, out: Reading) -> None:
        out.rejects.append(Rejected(self.p.name, chunk.numbers[i], raw_cells(chunk.original(i)), reason))
        if receipt:
            out.rejected_receipts.add(receipt)


def raw_cells(cells: list[Any]) -> list[Any]:
    """A rejected row's cells as stored with the batch and written to the rejected-rows file."""
    values = [json_value(c) if not isinstance(c, dt.date | dt.datetime) else c for c in cells]
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


def read_sheets(prepared: list[PreparedSheet], options: ImportOptions, stats: RowStats, reading: Reading,
                 total: int | None = None, now: dt.datetime | None = None) -> None:
    """Every sheet's rows into `reading`, chunk by chunk, column by column, with each sheet's conventions.

    A sheet is first read without knowing its conventions (date order, decimal mark): an .xlsx of
    real dates and numbers never needs them.  The first cell whose reading depends on one stops
    that: the sheets from there on are scanned (shopcrm.io.conventions) and the sheet read again."""
    now = now or dt.datetime.now()
    latest = now + dt.timedelta(days=1)
    conventions: dict[str, Conventions] | None = None
    if not options.tuning.fast_paths:  # the slow twin: scan every sheet first
        conventions = sheet_conventions([(p.name, p.sheet, p.header_index, p.mapping) for p in prepared], "sales", options,
                                        lambda when: EARLIEST <= when <= latest)
    parser_sets: dict[Any, dict[str, CachedColumn]] = {}
    done = 0
    report_progress(options, "reading", 0, total)
    for index, sheet in enumerate(prepared):
        chosen = chosen_date_order(options, sheet.name)
        while True:
            if conventions is not None:
                found = conventions[sheet.name]
                key: Any = (found.date_orders.get("date"), found.decimal_comma)
            else:
                key = (frozenset({chosen}) if chosen else None, UNDECIDED)
            parsers = parser_sets.get(key) or parser_sets.setdefault(key, _column_parsers(now, options.tuning, *key))
            parser = _SheetParser(sheet, index, parsers, fast=options.tuning.fast_paths)
            part, part_stats, start = Reading(), RowStats(), done
            try:
                for chunk in data_chunks(sheet, part_stats, tuning=options.tuning):
                    parser.read(chunk, part)
                    done += len(chunk.rows)
                    report_progress(options, "reading", done, total)
            except ConventionNeeded:
                conventions = sheet_conventions(
                    [(p.name, p.sheet, p.header_index, p.mapping) for p in prepared[index:]], "sales", options,
                    lambda when: EARLIEST <= when <= latest,
                )
                done = start
                continue
            break
        reading.merge(part)
        stats.skipped += part_stats.skipped
        sheet.sheet = None  # type: ignore[assignment]  # let the reader free the sheet
