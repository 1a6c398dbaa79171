"""Importing a ratings sheet (会员评价表): member feedback with a date, ratings 1–5, a product, a comment.

A row names its member by phone or card no. and must find one: feedback is never attached to a
member it cannot name, nor a new member created for it.  A named product must be in the
catalogue.  Each row becomes one Feedback with a fingerprint (member, time, ratings, product,
comment, and which repetition of those it is in the file) that makes importing the same rows
again add nothing while two equal rows in one file stay two pieces of feedback, as for sales.
The shared machinery (header, mapping, chunks, progress, backup, rejects file) is in options.py,
preview.py, mapping.py, rows.py and batches.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, Member, Product
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.phones import normalise_phone_fast
from shopcrm.io.ratings import parse_rating
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import EARLIEST, is_empty, parse_card, parse_sale_datetime, whole_text
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.batches import (
    backup_before_import,
    earlier_batches,
    finish_import,
    new_batch,
    row_values,
    store_rejected_rows,
)
from shopcrm.services.importing.conventions import sheet_conventions
from shopcrm.services.importing.options import (
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    Rejected,
    report_progress,
)
from shopcrm.services.importing.preview import PreparedSheet, prepare_sheets
from shopcrm.services.importing.rows import RowStats, numbered_rows

KIND = "ratings"
RATING_COLUMNS = {"rating": "rating_product", "service_rating": "rating_service",
                  "environment_rating": "rating_environment"}  # sheet field -> Feedback column
READ_FIELDS = ("phone", "card_no", "date", *RATING_COLUMNS, "product", "comment")
MAX_COMMENT = 2000
LOOKUP_CHUNK = 2_000  # values per IN (...) when members and fingerprints are looked up


class RowRefused(Exception):
    """A row that cannot be imported, with the reason the owner reads in the rejects file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class RatingRow:
    sheet: str
    row: int
    cells: list[Any]
    phone: str | None
    card: str | None
    at: dt.datetime
    ratings: dict[str, int | None]  # Feedback column -> rating
    product: str | None
    comment: str | None
    member_id: int = 0
    product_id: int | None = None
    ref: str = ""


def cell_reason(prepared: PreparedSheet, name: str, reason: str) -> str:
    """A rejected row's reason, led by the header of the column at fault (as the sheet names it)."""
    return translate("import", "{column}: {reason}").format(column=prepared.header_of(name), reason=reason)


def read_row(prepared: PreparedSheet, number: int, cells: list[Any], columns: dict[str, int], now: dt.datetime,
             orders: frozenset[str] | None) -> RatingRow:
    """One data row checked cell by cell; the first bad cell refuses it, named by its header."""
    parsers: dict[str, Callable[[Any], Any]] = {
        "phone": normalise_phone_fast,
        "card_no": parse_card,
        "date": lambda raw: parse_sale_datetime(raw, now=now, orders=orders),
        **{name: partial(parse_rating, field=name) for name in RATING_COLUMNS},
        "product": lambda raw: whole_text(raw, 100, "product"),
        "comment": lambda raw: whole_text(raw, MAX_COMMENT, "comment"),
    }
    found: dict[str, Any] = {}
    for name, parse in parsers.items():
        index = columns[name]
        raw = cells[index] if 0 <= index < len(cells) else None
        try:
            found[name] = None if is_empty(raw) else parse(raw)
        except ValidationError as exc:
            raise RowRefused(cell_reason(prepared, name, exc.message())) from None
    ratings = {column: found[name] for name, column in RATING_COLUMNS.items()}
    if found["phone"] is None and found["card_no"] is None:
        raise RowRefused(cell_reason(prepared, "phone", translate("errors", "Feedback needs the member's phone or card number.")))
    if found["date"] is None:
        raise RowRefused(cell_reason(prepared, "date", translate("errors", "The date is missing.")))
    if all(r is None for r in ratings.values()) and not found["comment"]:
        raise RowRefused(cell_reason(prepared, "rating", translate("errors", "Give at least one rating or a comment.")))
    return RatingRow(prepared.name, number, list(cells), found["phone"], found["card_no"], found["date"], ratings,
                     found["product"], found["comment"])


def _in_chunks(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        yield ordered[start : start + LOOKUP_CHUNK]


def members_named(conn: Connection, phones: Iterable[str], cards: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Member ids by phone and by card no., of the members the file names (erased ones are nobody)."""
    t = Member.__table__
    found: list[dict[str, int]] = []
    for column, wanted in ((t.c.phone, phones), (t.c.card_no, cards)):
        ids: dict[str, int] = {}
        for chunk in _in_chunks(wanted):
            rows = conn.execute(select(column, t.c.id).where(column.in_(chunk), t.c.status != "erased"))
            ids.update({key: member_id for key, member_id in rows})
        found.append(ids)
    return found[0], found[1]


def catalogue_names(conn: Connection) -> dict[str, int]:
    """Product ids by name (as written and case-folded) and by code: what a sheet may call a product."""
    t = Product.__table__
    catalogue = conn.execute(select(t.c.id, t.c.name, t.c.code)).all()
    names: dict[str, int] = {}
    for product_id, name, code in catalogue:
        names.setdefault(name.casefold(), product_id)
        if code:
            names.setdefault(code.casefold(), product_id)
    names.update({name: product_id for product_id, name, _code in catalogue})  # an exact name wins
    return names


def attach(row: RatingRow, by_phone: dict[str, int], by_card: dict[str, int], products: dict[str, int]) -> None:
    """The member and product the row names, or RowRefused saying which is unknown."""
    from_phone = by_phone.get(row.phone) if row.phone else None
    from_card = by_card.get(row.card) if row.card else None
    if from_phone is not None and from_card is not None and from_phone != from_card:
        raise RowRefused(translate("import", "The phone and the card no. {card} belong to different members.")
                         .format(card=row.card))
    member = from_phone or from_card
    if member is None:
        if row.phone and row.card:
            raise RowRefused(translate("import", "No member has the phone {phone} or the card no. {card}.")
                             .format(phone=row.phone, card=row.card))
        if row.phone:
            raise RowRefused(translate("import", "No member has the phone {phone}.").format(phone=row.phone))
        raise RowRefused(translate("import", "No member has the card no. {card}.").format(card=row.card))
    row.member_id = member
    if row.product is not None:
        product = products.get(row.product) or products.get(row.product.casefold())
        if product is None:
            raise RowRefused(translate("import", "No product is called \"{product}\"; correct the name, or empty the "
                                                 "cell to import the rating without a product.").format(product=row.product))
        row.product_id = product


def fingerprint(row: RatingRow, repetition: int) -> str:
    """What makes a piece of feedback the same one again: its content and its repetition in the file."""
    parts = [str(row.member_id), row.at.isoformat(), *(str(row.ratings[c]) for c in RATING_COLUMNS.values()),
             str(row.product_id), row.comment or "", str(repetition)]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()


def refs_already_there(conn: Connection, refs: Iterable[str]) -> set[str]:
    column = Feedback.__table__.c.import_ref
    there: set[str] = set()
    for chunk in _in_chunks(refs):
        there.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return there


def import_ratings(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult(KIND, info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, KIND)
    now = dt.datetime.now().replace(microsecond=0)
    rows: list[RatingRow] = []
    refused: list[Rejected] = []
    stats = RowStats()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, KIND, options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        latest = now + dt.timedelta(days=1)
        found = sheet_conventions([(p.name, p.sheet, p.header_index, p.mapping) for p in prepared], KIND, options,
                                  lambda when: EARLIEST <= when <= latest)
        date_orders = {p.name: found[p.name].date_orders.get("date") for p in prepared}
        columns = {p.name: {name: p.column(name) for name in READ_FIELDS} for p in prepared}
        for sheet, number, cells in numbered_rows(prepared, stats, options):
            try:
                rows.append(read_row(sheet, number, cells, columns[sheet.name], now, date_orders[sheet.name]))
            except RowRefused as exc:
                refused.append(Rejected(sheet.name, number, row_values(cells), exc.reason))
    result.skipped = stats.skipped
    result.rows = len(rows) + len(refused)
    if not result.rows:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file",
                              file=info.path.name)
    report_progress(options, "checking", 0, None)
    backup_before_import(db, options)
    with db.read() if options.dry_run else db.transaction() as s:
        conn = s.connection()
        new = sort_out(conn, rows, refused, result)
        if not options.dry_run and not result.nothing_imported():
            batch = new_batch(KIND, info.path.name, info.sha256, prepared, result, now)
            s.add(batch)
            s.flush()
            result.batch = batch.id
            write_feedback(conn, batch.id, new, options)
            store_rejected_rows(conn, batch.id, refused)
            batch.finished_at = dt.datetime.now().replace(microsecond=0)
    return finish_import(db, KIND, options, result, refused, prepared)


def sort_out(conn: Connection, rows: list[RatingRow], refused: list[Rejected], result: ImportResult) -> list[RatingRow]:
    """The rows that are new feedback; the others are refused (unknown member or product) or already there."""
    by_phone, by_card = members_named(conn, (r.phone for r in rows if r.phone), (r.card for r in rows if r.card))
    products = catalogue_names(conn)
    known: list[RatingRow] = []
    for row in rows:
        try:
            attach(row, by_phone, by_card, products)
        except RowRefused as exc:
            refused.append(Rejected(row.sheet, row.row, row_values(row.cells), exc.reason))
        else:
            known.append(row)
    repetitions: Counter[str] = Counter()
    for row in known:
        first = fingerprint(row, 0)
        row.ref = fingerprint(row, repetitions[first])
        repetitions[first] += 1
    there = refs_already_there(conn, (r.ref for r in known))
    new = [r for r in known if r.ref not in there]
    result.duplicates = len(known) - len(new)
    result.imported = len(new)
    result.rejected = len(refused)
    refused.sort(key=lambda r: (r.sheet, r.row_number))
    result.rejected_rows = refused[: REJECTED_ROWS_KEPT]
    return new


def write_feedback(conn: Connection, batch_id: int, new: list[RatingRow], options: ImportOptions) -> None:
    """The batch's feedback, a chunk at a time, each chunk a chance to cancel (the transaction then rolls back)."""
    report_progress(options, "writing", 0, len(new))
    for start in range(0, len(new), LOOKUP_CHUNK):
        chunk = new[start : start + LOOKUP_CHUNK]
        conn.execute(insert(Feedback.__table__), [
            {"member_id": r.member_id, "purchase_id": None, "at": r.at, **r.ratings, "comment": r.comment,
             "product_id": r.product_id, "import_batch_id": batch_id, "import_ref": r.ref} for r in chunk
        ])
        report_progress(options, "writing", start + len(chunk), len(new))
