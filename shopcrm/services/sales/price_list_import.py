"""Importing a price list (商品价目表): one row per product with its name, price and optionally
code, category, launch date and on-sale flag.

The same safety as the sales import: the file is checked by shopcrm.io.safety before it is opened,
the header is found among title rows by the synonym table ("products" in shopcrm.io.headers),
cells go through the sheet value parsers, every row is checked before anything is written, the
good rows are written in ONE transaction after a backup, and rejected rows come back with their
reasons (and into an errors workbook the owner can fix and import again).  A dry run is the
preview: the same plan, nothing written.

Per row: a product is found by its code, else by its name.  A known product gets the new price
(the old one goes to the price history; past sales keep theirs) and whatever else the row gives;
a product a sales import created with a guessed price leaves the review list, the price list
being the owner's word on it.  An unknown product is created and put on the review list (an
import made it, the owner should look at it once).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shopcrm.db.backup import backup_before
from shopcrm.db.engine import Database
from shopcrm.db.models import Category, Product
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.headers import IGNORE, REASON, column_letter, required_missing
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.io.rejects import write_rejected_rows
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import is_empty, parse_bool, text_of
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.mapping import field_label, save_header_mapping
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import PreparedSheet, guess_for
from shopcrm.services.importing.rows import RowStats, data_rows
from shopcrm.services.sales.catalogue import record_price_change
from shopcrm.services.sales.product_rules import (
    category_name,
    parse_launch_date,
    parse_price,
    product_code,
    product_name,
)
from shopcrm.services.sales.products import category_id

KIND = "products"
MAX_ROWS = 20_000  # a shop's price list has hundreds of products; more is the wrong file
ACTIONS = ("new", "changed", "unchanged", "rejected")
_OFF = {"停售", "下架", "已下架", "停用", "退市", "retired", "inactive", "off", "discontinued", "not for sale"}
_ON = {"在售", "上架", "已上架", "销售中", "启用", "active", "on", "on sale", "available"}


@dataclass
class PriceListRow:
    sheet: str
    row_number: int
    values: list[Any]
    name: str | None = None
    code: str | None = None
    category: str | None = None
    price_cents: int | None = None
    launched_on: dt.date | None = None
    active: bool | None = None
    action: str = "rejected"
    product_id: int | None = None
    old_price_cents: int | None = None
    reason: str | None = None


@dataclass
class PriceListResult:
    file_name: str
    dry_run: bool
    rows: list[PriceListRow] = field(default_factory=list)
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    headers: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # per sheet: field label -> header
    backup: Path | None = None
    errors_file: Path | None = None

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def summary(self) -> dict[str, Any]:
        """`shopcrm product import --json`."""
        return {
            "file": self.file_name,
            "dry_run": self.dry_run,
            "rows": len(self.rows),
            "created": self.count("new"),
            "updated": self.count("changed"),
            "unchanged": self.count("unchanged"),
            "rejected": self.count("rejected"),
            "rejected_rows": [{"sheet": r.sheet, "row": r.row_number, "reason": r.reason} for r in self.rows if r.action == "rejected"],
        }


def _active(raw: object) -> bool | None:
    if is_empty(raw):
        return None
    key = unicodedata.normalize("NFKC", text_of(raw)).strip().lower()
    if key in _OFF:
        return False
    if key in _ON:
        return True
    found = parse_bool(raw)
    if found is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not yes or no (on sale: 是/否, 在售/停售, yes/no)."), "active",
            value=str(raw)[:40])
    return found


def _prepare(db: Database, wb: Any, sheets: list[str] | None,
             mapping: dict[str, str | None] | None) -> tuple[list[PreparedSheet], list[str]]:
    names = [n for n in wb.sheet_names if not wb.is_hidden(n)] if not sheets else sheets
    prepared: list[PreparedSheet] = []
    problems: list[str] = []
    for name in names:
        if name not in wb.sheet_names:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "There is no sheet \"{sheet}\" in the file. Its sheets are: {sheets}."),
                "sheet", sheet=name, sheets=", ".join(wb.sheet_names))
        sheet = wb.sheet(name)
        # A mapping given (--mapping) wins; else one remembered for this header layout; else a guess.
        guess, source = guess_for(db, KIND, sheet, ImportOptions(header_mapping=mapping) if mapping else None)
        if guess is None or guess.missing:
            missing = ", ".join(field_label(m) for m in (guess.missing if guess else required_missing(KIND, set())))
            problems.append(translate("import", "Sheet \"{sheet}\": no column found for {fields}.").format(sheet=name, fields=missing))
            continue
        prepared.append(PreparedSheet(name, sheet, guess.header_index, guess.headers, guess.mapping, source, ""))
    return prepared, problems


def _parse_row(prepared: PreparedSheet, number: int, cells: list[Any]) -> PriceListRow:
    def cell(name: str) -> Any:
        col = prepared.column(name)
        return cells[col] if 0 <= col < len(cells) else None

    row = PriceListRow(prepared.name, number, list(cells))
    try:
        row.name = product_name(cell("product"))
        row.price_cents = parse_price(cell("unit_price"))
        if row.price_cents is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The price is missing."), "price")
        row.code = product_code(cell("code"))
        row.category = category_name(cell("category"))
        row.launched_on = parse_launch_date(cell("launched_on"))
        row.active = _active(cell("active"))
    except ShopError as exc:
        row.reason = _with_column(prepared, exc)
    return row


def _with_column(prepared: PreparedSheet, exc: ShopError) -> str:
    name = getattr(exc, "field", None)
    field_name = {"name": "product", "price": "unit_price"}.get(name or "", name or "")
    if field_name and prepared.column(field_name) >= 0:
        return translate("import", "{column}: {message}").format(column=prepared.header_of(field_name), message=exc.message())
    return exc.message()


def _reject(target: PriceListRow, text: str, **params: Any) -> None:
    target.action = "rejected"
    target.reason = translate("errors", text).format(**params)


def _plan(db: Database, rows: list[PriceListRow]) -> None:
    """Decide each parsed row's action against the file itself and the shop's catalogue."""
    first_name: dict[str, int] = {}
    first_code: dict[str, int] = {}
    for r in rows:
        if r.reason is not None:
            continue
        assert r.name is not None
        key = r.name.casefold()
        if key in first_name:
            _reject(r, QT_TRANSLATE_NOOP("errors", "{name} is in the file twice (first in row {row})."), name=r.name, row=first_name[key])
            continue
        if r.code is not None and r.code in first_code:
            _reject(r, QT_TRANSLATE_NOOP("errors", "The code {code} is in the file twice (first in row {row})."), code=r.code,
                    row=first_code[r.code])
            continue
        first_name[key] = r.row_number
        if r.code is not None:
            first_code[r.code] = r.row_number
    with db.read() as s:
        by_name = {p.name: p for p in s.scalars(select(Product))}
        by_code = {p.code: p for p in by_name.values() if p.code}
        cats = {c.id: c.name for c in s.scalars(select(Category))}
        for r in rows:
            if r.reason is not None:
                r.action = "rejected"
                continue
            assert r.name is not None
            named = by_name.get(r.name)
            coded = by_code.get(r.code) if r.code else None
            if coded is not None and named is not None and coded.id != named.id:
                _reject(r, QT_TRANSLATE_NOOP("errors", "The code {code} is already used by {name}."), code=r.code, name=coded.name)
                continue
            if coded is not None and named is None:
                _reject(r, QT_TRANSLATE_NOOP("errors", "The code {code} is already used by {name}."), code=r.code, name=coded.name)
                continue
            if named is not None and r.code and named.code and named.code != r.code:
                _reject(r, QT_TRANSLATE_NOOP("errors", "{name} has the code {old} in the shop, not {new}."), name=r.name,
                        old=named.code, new=r.code)
                continue
            if named is None:
                r.action = "new"
                continue
            r.product_id, r.old_price_cents = named.id, named.price_cents
            differs = (
                named.price_cents != r.price_cents
                or (r.code is not None and named.code != r.code)
                or (r.category is not None and cats.get(named.category_id or -1) != r.category)
                or (r.launched_on is not None and named.launched_on != r.launched_on)
                or (r.active is not None and named.active != r.active)
                or _confirms_a_guess(named)
            )
            r.action = "changed" if differs else "unchanged"


def _write(db: Database, rows: list[PriceListRow]) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        cache: dict[str, int] = {}
        for r in rows:
            if r.action == "new":
                assert r.name is not None
                p = Product(name=r.name, code=r.code, initials=pinyin_initials(r.name),
                            category_id=category_id(s, r.category, cache), price_cents=r.price_cents,
                            launched_on=r.launched_on, active=True if r.active is None else r.active,
                            needs_review=True, review_reason="price_list")
                s.add(p)
                s.flush()
                r.product_id = p.id
            elif r.action == "changed":
                known = s.get(Product, r.product_id, with_for_update={"of": Product})
                if known is None:  # deleted meanwhile: nothing deletes products, but never write blind
                    raise ValidationError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=r.product_id)
                record_price_change(s, known, r.price_cents, "price_list", now)
                if r.code is not None:
                    known.code = r.code
                if r.category is not None:
                    known.category_id = category_id(s, r.category, cache)
                if r.launched_on is not None:
                    known.launched_on = r.launched_on
                if r.active is not None:
                    known.active = r.active
                if _confirms_a_guess(known):
                    known.needs_review = False
                    known.review_reason = None


def _confirms_a_guess(p: Product) -> bool:
    """A price list is the owner's word on a price a sales import could only guess."""
    return bool(p.needs_review) and p.review_reason == "sales_import"


def import_price_list(
    db: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    sheets: list[str] | None = None,
    errors_path: str | Path | None = None,
    mapping: dict[str, str | None] | None = None,
) -> PriceListResult:
    """Check every row of the price list, then (unless dry_run) write the good ones at once.

    Raises ShopError for a file that is not a usable price list; a bad row is rejected, not fatal."""
    info = inspect_file(path)  # not a spreadsheet, password, bomb, absurd size: refused here
    result = PriceListResult(info.path.name, dry_run)
    with open_workbook(path, info) as wb:
        prepared, problems = _prepare(db, wb, sheets, mapping)
        if not prepared:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "No sheet of {file} looks like a price list (a product column and a price column). {problems}"),
                "file", file=info.path.name, problems=" ".join(problems))
        result.notes.extend(problems)
        stats = RowStats()
        for p in prepared:
            result.headers[p.name] = list(p.headers)
            result.columns[p.name] = mapped_columns(p)
            for number, cells in data_rows(p, stats):
                if len(result.rows) >= MAX_ROWS:
                    raise ValidationError(
                        QT_TRANSLATE_NOOP("errors", "{file} has more than {limit} rows; a price list has one row per product."),
                        "file", file=info.path.name, limit=f"{MAX_ROWS:,}")
                result.rows.append(_parse_row(p, number, cells))
        result.skipped = stats.skipped
    if not result.rows:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{file} has a header but no products under it."), "file", file=info.path.name)
    _plan(db, result.rows)
    if errors_path is not None and result.count("rejected"):
        result.errors_file = write_rejected(result, errors_path)
    if dry_run:
        return result
    for p in prepared:
        if p.source == "given":  # the owner's correction is remembered for files laid out alike
            save_header_mapping(db, KIND, p.headers, p.mapping)
    if not (result.count("new") or result.count("changed")):
        return result
    result.backup = backup_before(db, "import")
    _write(db, result.rows)
    return result


def write_rejected(result: PriceListResult, path: str | Path) -> Path:
    """The rejected rows as the file had them plus a Reason column, to fix and import again."""
    return write_rejected_rows(
        path,
        [(name, headers, [(r.values, r.reason or "") for r in result.rows if r.action == "rejected" and r.sheet == name])
         for name, headers in result.headers.items()
         if any(r.action == "rejected" and r.sheet == name for r in result.rows)],
    )


def mapped_columns(prepared: PreparedSheet) -> dict[str, str]:
    """Which header became which field (for the preview)."""
    return {
        field_label(f): prepared.headers[c] if c < len(prepared.headers) and prepared.headers[c] else column_letter(c)
        for c, f in prepared.mapping.items() if f not in (IGNORE, REASON)
    }
