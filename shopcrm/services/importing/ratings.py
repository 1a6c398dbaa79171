"""Importing a ratings sheet (会员评价表): member feedback with a date, ratings 1–5, a product, a comment.

A row names its member by phone or card no. and must find one: feedback is never attached to a
member it cannot name, nor a new member created for it.  A named product must be in the
catalogue.  Each row becomes one Feedback with a fingerprint (member, time, ratings, product,
comment, and which repetition of those it is in the file) that makes importing the same rows
again add nothing while two equal rows in one file stay two pieces of feedback, as for sales.
The shared machinery (header, mapping, chunks, progress, backup, rejects file) is in sheets.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, ImportBatch, Member, Product, RejectedRow
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.phones import normalise_phone_fast
from shopcrm.io.ratings import parse_rating
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import EARLIEST, is_empty, parse_card, parse_sale_datetime, whole_text
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.sheets import (
    PROGRESS_EVERY,
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    PreparedSheet,
    Rejected,
    RowStats,
    backup_before_import,
    data_rows,
    earlier_batches,
    finish_import,
    json_value,
    prepare_sheets,
    report_progress,
    row_values,
    sheet_conventions,
)

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


def read_row(prepared: PreparedSheet, number: int, cells: list[Any], columns: dict[str, int], now: dt.datetime,
             orders: frozenset[str] | None) -> RatingRow:
    """One data row checked cell by cell; the first bad cell refuses it, named by its header."""

    def cell(name: str) -> Any:
        index = columns[name]
        value = cells[index] if 0 <= index < len(cells) else None
        return None if is_empty(value) else value

    reading = "phone"
    try:
        phone = normalise_phone_fast(raw) if (raw := cell("phone")) is not None else None
        reading = "card_no"
        card = parse_card(cell("card_no"))
        if phone is None and card is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Feedback needs the member's phone or card number."), "phone")
        reading = "date"
        raw_date = cell("date")
        if raw_date is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The date is missing."), "date")
        at = parse_sale_datetime(raw_date, now=now, orders=orders)
        ratings: dict[str, int | None] = {}
        for name, column in RATING_COLUMNS.items():
            reading = name
            ratings[column] = parse_rating(cell(name), name)
        reading = "product"
        product = whole_text(raw, 100, "product") if (raw := cell("product")) is not None else None
        reading = "comment"
        comment = whole_text(raw, MAX_COMMENT, "comment") if (raw := cell("comment")) is not None else None
        if all(r is None for r in ratings.values()) and not comment:
            reading = "rating"
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give at least one rating or a comment."), "rating")
    except ValidationError as exc:
        raise RowRefused(f"{prepared.header_of(reading)}: {exc.message()}") from None
    return RatingRow(prepared.name, number, list(cells), phone, card, at, ratings, product, comment)


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
    rejects: list[Rejected] = []
    stats = RowStats()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, KIND, options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        total = sum(p.sheet.total_rows or 0 for p in prepared) or None
        latest = now + dt.timedelta(days=1)
        conventions = sheet_conventions([(p.name, p.sheet, p.header_index, p.mapping) for p in prepared], KIND, options,
                                        lambda when: EARLIEST <= when <= latest)
        read = 0
        for sheet in prepared:
            columns = {name: sheet.column(name) for name in READ_FIELDS}
            orders = conventions[sheet.name].date_orders.get("date")
            for number, cells in data_rows(sheet, stats, options.tuning):
                read += 1
                if read % PROGRESS_EVERY == 0:
                    report_progress(options, "reading", read, total)
                try:
                    rows.append(read_row(sheet, number, cells, columns, now, orders))
                except RowRefused as exc:
                    rejects.append(Rejected(sheet.name, number, row_values(cells), exc.reason))
    result.skipped = stats.skipped
    result.rows = len(rows) + len(rejects)
    if result.rows == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file",
                              file=info.path.name)
    report_progress(options, "checking", 0, None)
    backup_before_import(db, options)
    with db.read() if options.dry_run else db.transaction() as s:
        conn = s.connection()
        by_phone, by_card = members_named(conn, (r.phone for r in rows if r.phone), (r.card for r in rows if r.card))
        products = catalogue_names(conn)
        attached: list[RatingRow] = []
        for row in rows:
            try:
                attach(row, by_phone, by_card, products)
            except RowRefused as exc:
                rejects.append(Rejected(row.sheet, row.row, row_values(row.cells), exc.reason))
                continue
            attached.append(row)
        seen: Counter[str] = Counter()
        for row in attached:
            first = fingerprint(row, 0)
            row.ref = fingerprint(row, seen[first])
            seen[first] += 1
        there = refs_already_there(conn, (r.ref for r in attached))
        new = [r for r in attached if r.ref not in there]
        result.duplicates = len(attached) - len(new)
        result.imported = len(new)
        result.rejected = len(rejects)
        rejects.sort(key=lambda r: (r.sheet, r.row_number))
        result.rejected_rows = rejects[:REJECTED_ROWS_KEPT]
        if not options.dry_run and not result.nothing_imported():
            result.batch = write_batch(s, conn, info, prepared, result, new, rejects, now, options)
    return finish_import(db, KIND, options, result, rejects, prepared)


def write_batch(s: Any, conn: Connection, info: Any, prepared: list[PreparedSheet], result: ImportResult,
                new: list[RatingRow], rejects: list[Rejected], now: dt.datetime, options: ImportOptions) -> int:
    """The batch, its feedback and its rejected rows, inside the caller's transaction."""
    batch = ImportBatch(
        kind=KIND, file_name=info.path.name[:260], content_hash=info.sha256, started_at=now, rows_read=result.rows,
        imported=result.imported, duplicates=result.duplicates, skipped=result.skipped, rejected=result.rejected,
        members_created=0, purchases=0, status="done",
        mapping={p.name: {str(c): f for c, f in p.mapping.items()} for p in prepared},
        headers={p.name: list(p.headers) for p in prepared},
    )
    s.add(batch)
    s.flush()
    report_progress(options, "writing", 0, len(new))
    for start in range(0, len(new), LOOKUP_CHUNK):
        chunk = new[start : start + LOOKUP_CHUNK]
        conn.execute(insert(Feedback.__table__), [
            {"member_id": r.member_id, "purchase_id": None, "at": r.at, **r.ratings, "comment": r.comment,
             "product_id": r.product_id, "import_batch_id": batch.id, "import_ref": r.ref} for r in chunk
        ])
        report_progress(options, "writing", start + len(chunk), len(new))
    if rejects:
        conn.execute(insert(RejectedRow.__table__), [
            {"batch_id": batch.id, "sheet": r.sheet[:100], "row_number": r.row_number,
             "values": [json_value(v) for v in r.values], "reason": r.reason} for r in rejects
        ])
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    s.flush()
    return batch.id
