"""What every import shares: options and results, the preview, mapping memory, reading a sheet's
data rows in chunks, progress and cancel, the backup before writing, the rejected-rows file.

The sales and member importers (sales.py, members.py) build on this; run.py is the one entry point
that picks between them.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from shopcrm.db.backup import backup_before
from shopcrm.db.engine import Database
from shopcrm.db.models import HeaderMapping, ImportBatch, RejectedRow
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.columns import CACHE_LIMIT, UNIQUE_AFTER, FilledColumn, column, text_values
from shopcrm.io.conventions import Conventions, DecimalMarkScan, scan_sheet
from shopcrm.io.headers import (
    FIELD_LABELS,
    IGNORE,
    REASON,
    MappingGuess,
    assign,
    column_index,
    column_letter,
    detect_header,
    fields_for,
    layout_key,
    normalise_header,
    required_missing,
)
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import DATE_ORDERS, EARLIEST, is_empty, is_subtotal_label, text_of
from shopcrm.io.workbook import Sheet, Workbook, open_workbook
from shopcrm.jobs import CancelToken, Progress

KINDS = ("sales", "members", "ratings")
PROGRESS_EVERY = 5_000


IMPORT_CANCELLED = QT_TRANSLATE_NOOP("errors", "The import was cancelled; nothing was imported.")


@dataclass(frozen=True)
class ImportTuning:
    """Chunk and cache sizes of the column-wise reader; tests set them small to cross every boundary."""

    chunk_rows: int = 10_000
    cache_limit: int = CACHE_LIMIT  # distinct values a column's cache keeps
    unique_after: int = UNIQUE_AFTER  # a column stops caching when its chunks bring mostly new values past this
    bulk_from: int = 16  # new values in a chunk from which a column's bulk parser is tried
    fast_paths: bool = True  # False: every fast path's slow twin (tests compare the two)


@dataclass
class ImportOptions:
    sheets: list[str] | None = None  # sheet names or 1-based numbers; None: every sheet that fits
    mappings: dict[str, dict[int, str]] | None = None  # sheet -> {column index: field}, from the wizard
    header_mapping: dict[str, str | None] | None = None  # header text or column letter -> field (CLI --mapping)
    remember_mapping: bool = True
    dry_run: bool = False
    overwrite: bool = False  # member lists: replace filled-in fields too
    errors_path: Path | None = None
    progress: Progress | None = None  # (done, total or 0, phase: reading | checking | writing | done)
    cancel: CancelToken | None = None
    tuning: ImportTuning = field(default_factory=ImportTuning)
    # Day/month/year order of text dates, by sheet name ("*": every sheet): dmy | mdy | ymd.  Without
    # it a column's order comes from its values; a column they leave open is rejected, never guessed.
    date_orders: dict[str, str] | None = None


REJECTED_ROWS_KEPT = 500  # rejected rows a result carries for the screen (all go to the rejects file)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    batch: int | None = None
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    members_created: int = 0
    members_updated: int = 0
    skipped: int = 0
    purchases: int = 0
    sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors_file: Path | None = None
    earlier_batches: list[int] = field(default_factory=list)
    # Of `duplicates`: lines repeated within the file (sharing a receipt no.), not rows already in the shop.
    in_file_duplicates: int = 0
    # The first rejected rows with their row numbers, so a check can show them before anything is written.
    rejected_rows: list[Rejected] = field(default_factory=list)

    def nothing_imported(self) -> bool:
        """Every row was rejected: the run writes no batch and the CLI exits 1."""
        return self.rows > 0 and self.rejected == self.rows

    def summary(self) -> dict[str, Any]:
        """The SPEC §7 JSON summary, exactly these keys."""
        return {
            "batch": self.batch,
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "members_created": self.members_created,
        }


@dataclass
class SheetPreview:
    name: str
    hidden: bool
    header_row: int | None  # 1-based row number of the header, None when not found
    headers: list[str]
    mapping: dict[int, str]
    scores: dict[int, float]
    confidence: float
    missing: list[str]
    source: str  # guessed | remembered | given
    sample: list[list[str]]
    total_rows: int | None
    layout: str | None
    # Text dates whose day/month/year order the column leaves open: the orders still possible (more
    # than one: the wizard asks, and passes the answer as ImportOptions.date_orders[name]) and a few
    # of its values with what each order would make of them.
    date_orders: tuple[str, ...] | None = None  # None: no date column to judge
    date_examples: list[tuple[str, dict[str, dt.date]]] = field(default_factory=list)
    decimal_comma: bool | None = False  # the file's decimal mark: True comma, False point, None both

    @property
    def needs_date_order(self) -> bool:
        """Whether the owner must say how this sheet writes its dates (open, or mixed, orders)."""
        if self.date_orders is None:
            return False
        return len(self.date_orders) != 1 and bool(self.date_examples or not self.date_orders)


@dataclass
class FilePreview:
    file_name: str
    format: str
    size: int
    kind_guess: str
    sheets: list[SheetPreview]


@dataclass
class Rejected:
    sheet: str
    row_number: int
    values: list[Any]
    reason: str


@dataclass
class PreparedSheet:
    """A sheet with its header found and its final column mapping."""

    name: str
    sheet: Sheet
    header_index: int  # 0-based index among the sheet's rows
    headers: list[str]
    mapping: dict[int, str]
    source: str
    layout: str

    def column(self, name: str) -> int:
        for col, f in self.mapping.items():
            if f == name:
                return col
        return -1

    def header_of(self, name: str) -> str:
        col = self.column(name)
        if 0 <= col < len(self.headers) and self.headers[col]:
            return self.headers[col]
        return translate("fields", FIELD_LABELS.get(name, name))


def field_label(name: str) -> str:
    return translate("fields", FIELD_LABELS.get(name, name))


def report_progress(options: ImportOptions, phase: str, done: int, total: int | None) -> None:
    # After the commit ("done") a cancel would report a written batch as not imported: ignore it.
    if phase != "done" and options.cancel is not None:
        options.cancel.check(IMPORT_CANCELLED)
    if options.progress is not None:
        options.progress(float(done), float(total or 0), phase)


# ------------------------------------------------------------------ mapping memory


def remembered_mapping(db: Database, kind: str, headers: Sequence[str]) -> dict[int, str] | None:
    key = layout_key(kind, headers)
    with db.read() as s:
        row = s.get(HeaderMapping, key)
        if row is None or row.kind != kind:
            return None
        return {int(c): f for c, f in row.mapping.items()}


def save_header_mapping(db: Database, kind: str, headers: Sequence[str], mapping: dict[int, str]) -> str:
    """Remember the owner's mapping for this header layout; the next file laid out alike uses it."""
    clean = validate_mapping(kind, mapping, len(headers))
    key = layout_key(kind, headers)
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        row = s.get(HeaderMapping, key)
        stored = {str(c): f for c, f in sorted(clean.items())}
        if row is None:
            s.add(HeaderMapping(layout_key=key, kind=kind, mapping=stored, updated_at=now))
        else:
            row.kind, row.mapping, row.updated_at = kind, stored, now
    return key


def _mapping_error(text: str, **params: Any) -> ValidationError:
    """A ValidationError of the "mapping" field whose message names a {field}: passed as a keyword,
    that name collided with ValidationError's own `field` argument (a TypeError, not a message)."""
    error = ValidationError(text, "mapping")
    error.params.update(params)
    error.args = (error.message("en"),)
    return error


def validate_mapping(kind: str, mapping: dict[int, str], width: int | None = None) -> dict[int, str]:
    known = set(fields_for(kind)) | {IGNORE, REASON}
    seen: set[str] = set()
    clean: dict[int, str] = {}
    for col, name in mapping.items():
        if name not in known:
            raise _mapping_error(
                QT_TRANSLATE_NOOP("errors", "\"{field}\" is not a field of a {kind} sheet. Known fields: {known}."),
                field=name,
                kind=kind,
                known=", ".join(sorted(fields_for(kind))),
            )
        if col < 0 or (width is not None and col >= max(width, 1) + 50):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Column {column} is outside the sheet."), "mapping", column=col + 1)
        if name not in (IGNORE, REASON):
            if name in seen:
                raise _mapping_error(QT_TRANSLATE_NOOP("errors", "Two columns are mapped to {field}."), field=field_label(name))
            seen.add(name)
        clean[int(col)] = name
    return clean


def mapping_from_headers(kind: str, headers: Sequence[str], spec: dict[str, str | None]) -> dict[int, str]:
    """--mapping FILE: {"header text" or "C": "field" or null}; {"field": "header"} is accepted too."""
    known = set(fields_for(kind))
    if spec and all(k in known for k in spec) and not all((v in known or v is None) for v in spec.values()):
        spec = {str(v): k for k, v in spec.items() if v is not None}
    normalised = [normalise_header(h) for h in headers]
    out: dict[int, str] = {}
    for key, value in spec.items():
        target = normalise_header(key)
        col = normalised.index(target) if target in normalised else None
        if col is None:
            letter = column_index(key.strip())
            if letter is not None and letter < max(len(headers), 1):
                col = letter
        if col is None:
            continue
        out[col] = IGNORE if value in (None, "", IGNORE) else str(value)
    return out


# ------------------------------------------------------------------ reading sheets


def _select_sheets(wb: Workbook, wanted: list[str] | None) -> list[str]:
    names = wb.sheet_names
    if not wanted:
        return [n for n in names if not wb.is_hidden(n)]
    chosen = []
    for item in wanted:
        if item in names:
            chosen.append(item)
        elif item.isdigit() and 1 <= int(item) <= len(names):
            chosen.append(names[int(item) - 1])
        else:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "There is no sheet \"{sheet}\" in the file. Its sheets are: {sheets}."),
                "sheet",
                sheet=item,
                sheets=", ".join(names),
            )
    return chosen


def _head_rows(sheet: Sheet, count: int) -> list[list[Any]]:
    return [cells for _, cells in sheet.head(count)]


def guess_for(db: Database | None, kind: str, sheet: Sheet, options: ImportOptions | None) -> tuple[MappingGuess | None, str]:
    """The header and mapping of one sheet: the wizard's, --mapping's, remembered, or guessed."""
    head = _head_rows(sheet, 30)
    guess = detect_header(head, kind)
    if db is not None and not (options and (options.header_mapping or (options.mappings or {}).get(sheet.name) is not None)):
        remembered = _remembered_row(db, kind, head)
        if remembered is not None and (guess is None or guess.missing or remembered[0] <= guess.header_index):
            guess = _guess_at(head, remembered[0], kind)
    if options is not None and options.header_mapping and (guess is None or guess.missing):
        wanted = {normalise_header(k) for k in options.header_mapping}
        best = max(range(len(head)), key=lambda i: sum(1 for c in head[i] if normalise_header(c) in wanted), default=None)
        if best is not None and sum(1 for c in head[best] if normalise_header(c) in wanted) >= 1:
            guess = _guess_at(head, best, kind)
    if options is not None and (options.mappings or {}).get(sheet.name) is not None and guess is None:
        guess = _guess_at(head, 0, kind)
    if guess is None:
        return None, "guessed"
    source = "guessed"
    given = (options.mappings or {}).get(sheet.name) if options else None
    if given is not None:
        guess.mapping = validate_mapping(kind, given, len(guess.headers))
        guess.scores = {c: 1.0 for c in guess.mapping}
        source = "given"
    elif options and options.header_mapping:
        overrides = mapping_from_headers(kind, guess.headers, options.header_mapping)
        overridden_fields = set(overrides.values()) - {IGNORE}
        merged = {c: f for c, f in guess.mapping.items() if c not in overrides and f not in overridden_fields}
        merged.update(overrides)
        guess.mapping = validate_mapping(kind, merged, len(guess.headers))
        guess.scores = {c: (1.0 if c in overrides else guess.scores.get(c, 0.5)) for c in guess.mapping}
        source = "given"
    elif db is not None:
        remembered_map = remembered_mapping(db, kind, guess.headers)
        if remembered_map is not None:
            guess.mapping = remembered_map
            guess.scores = {c: 1.0 for c in remembered_map}
            source = "remembered"
    guess.missing = required_missing(kind, {f for f in guess.mapping.values() if f not in (IGNORE, REASON)})
    return guess, source


def _remembered_row(db: Database, kind: str, head: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    """The first of the top rows whose layout the owner has mapped before."""
    keys = {layout_key(kind, [_cell_text(c) for c in row]): i for i, row in reversed(list(enumerate(head))) if any(row)}
    if not keys:
        return None
    with db.read() as s:
        rows = s.scalars(select(HeaderMapping).where(HeaderMapping.layout_key.in_(list(keys)), HeaderMapping.kind == kind)).all()
        found = sorted((keys[r.layout_key], {int(c): f for c, f in r.mapping.items()}) for r in rows)
    return found[0] if found else None


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _guess_at(head: list[list[Any]], index: int, kind: str) -> MappingGuess:
    row = head[index]
    mapping, scores = assign(row, kind)
    present = {f for f in mapping.values() if f not in (IGNORE, REASON)}
    return MappingGuess(index, [_cell_text(c) for c in row], mapping, scores, required_missing(kind, present))


def preview_file(db: Database | None, path: str | Path, kind: str, *, sample_rows: int = 20) -> FilePreview:
    """What the import wizard shows before anything is written: per sheet the header, mapping and rows."""
    if kind not in KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown import kind {kind}."), "kind", kind=kind)
    info = inspect_file(path)
    sheets: list[SheetPreview] = []
    scores = dict.fromkeys(KINDS, 0.0)
    with open_workbook(path, info) as wb:
        for name in wb.sheet_names:
            sheet = wb.sheet(name)
            guess, source = guess_for(db, kind, sheet, None)
            head = sheet.head(30 + sample_rows)
            for k in KINDS:
                other = detect_header([c for _, c in head[:30]], k)
                if other is not None and not other.missing:
                    scores[k] = max(scores[k], other.confidence + len(other.mapping) * 0.01)
            if guess is None:
                sheets.append(SheetPreview(name, sheet.hidden, None, [], {}, {}, 0.0, required_missing(kind, set()), source,
                                           [[text_of(c) for c in cells] for _, cells in head[:sample_rows]], sheet.total_rows, None))
                continue
            rows_after = [[text_of(c) for c in cells] for _, cells in head[guess.header_index + 1 : guess.header_index + 1 + sample_rows]]
            sheets.append(
                SheetPreview(
                    name=name,
                    hidden=sheet.hidden,
                    header_row=head[guess.header_index][0],
                    headers=guess.headers,
                    mapping=dict(guess.mapping),
                    scores=dict(guess.scores),
                    confidence=guess.confidence,
                    missing=guess.missing,
                    source=source,
                    sample=rows_after,
                    total_rows=sheet.total_rows,
                    layout=layout_key(kind, guess.headers),
                )
            )
        _preview_conventions(wb, kind, sheets)
    kind_guess = max(KINDS, key=lambda k: scores[k])  # the first kind (sales) on a tie
    return FilePreview(info.path.name, info.format, info.size, kind_guess, sheets)


def _preview_conventions(wb: Workbook, kind: str, sheets: list[SheetPreview]) -> None:
    """What the wizard must know before the run: open date orders and the file's decimal mark."""
    latest = dt.datetime.now() + dt.timedelta(days=1)
    mapped = [(p.name, wb.sheet(p.name), p.header_row - 1, p.mapping) for p in sheets if p.header_row is not None]
    if not mapped:
        return
    valid = (lambda when: EARLIEST <= when <= latest) if kind in ("sales", "ratings") else (lambda when: True)
    found = sheet_conventions(mapped, kind, None, valid)
    for p in sheets:
        conventions = found.get(p.name)
        if conventions is None:
            continue
        p.decimal_comma = conventions.decimal_comma
        for name in DATE_FIELDS[kind]:
            if name in conventions.date_orders:
                p.date_orders = tuple(o for o in DATE_ORDERS if o in conventions.date_orders[name])
                p.date_examples = conventions.date_examples[name]


def prepare_sheets(db: Database | None, wb: Workbook, kind: str, options: ImportOptions) -> tuple[list[PreparedSheet], list[str]]:
    """Every sheet to import with its mapping; sheets without a usable header are noted, not fatal."""
    prepared: list[PreparedSheet] = []
    notes: list[str] = []
    explicit = bool(options.sheets)
    problems: list[str] = []
    for name in _select_sheets(wb, options.sheets):
        sheet = wb.sheet(name)
        guess, source = guess_for(db, kind, sheet, options)
        if guess is None or guess.missing:
            missing = ", ".join(field_label(m) for m in (guess.missing if guess else required_missing(kind, set())))
            problem = translate("import", "Sheet \"{sheet}\": no column found for {fields}.").format(sheet=name, fields=missing)
            if guess is not None:
                seen = ", ".join(h for h in guess.headers if h)[:200]
                problem += " " + translate("import", "Its headers are: {headers}.").format(headers=seen)
            problems.append(problem)
            continue
        prepared.append(
            PreparedSheet(name, sheet, guess.header_index, guess.headers, guess.mapping, source, layout_key(kind, guess.headers))
        )
    if not prepared:
        what = {"sales": translate("import", "sales"), "members": translate("import", "members"),
                "ratings": translate("import", "ratings")}.get(kind, kind)
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "No sheet of {file} looks like a list of {what}. {problems}"),
            "file",
            file=wb.info.path.name,
            what=what,
            problems=" ".join(problems),
        )
    if explicit and problems:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{problems}"), "sheet", problems=" ".join(problems))
    notes.extend(problems)
    if not explicit:
        notes.extend(_hidden_sheet_notes(wb, kind))
    return prepared, notes


def _hidden_sheet_notes(wb: Workbook, kind: str) -> list[str]:
    """A hidden sheet that holds this kind of data is left out, but never without a word."""
    notes = []
    for name in wb.sheet_names:
        if not wb.is_hidden(name):
            continue
        guess = detect_header(_head_rows(wb.sheet(name), 30), kind)
        if guess is not None and not guess.missing:
            notes.append(
                translate("import", "Sheet \"{sheet}\" is hidden and was not imported; choose it by name to import it.").format(sheet=name)
            )
    return notes


MONEY_FIELDS = ("amount", "gross", "discount", "unit_price", "order_total")
DATE_FIELDS = {"sales": ("date",), "members": ("registered_on",), "ratings": ("date",)}


def chosen_date_order(options: ImportOptions | None, sheet: str) -> str | None:
    """The order the owner chose for this sheet's text dates (wizard or --date-order), if any."""
    chosen = (options.date_orders or {}) if options is not None else {}
    return chosen.get(sheet) or chosen.get("*")


def sheet_conventions(
    sheets: Sequence[tuple[str, Sheet, int, dict[int, str]]],
    kind: str,
    options: ImportOptions | None,
    valid_date: Callable[[dt.datetime], bool] = lambda when: True,
) -> dict[str, Conventions]:
    """Each sheet's date orders and the file's decimal mark, from every value (shopcrm.io.conventions).

    sheets: (name, sheet, header index, mapping).  An order the owner chose replaces the scan's."""
    decimals = DecimalMarkScan(comma=sum(4 for _, sheet, _, _ in sheets if sheet.delimiter == ";"))
    tuning = options.tuning if options is not None else ImportTuning()
    scans = {}
    for name, sheet, header_index, mapping in sheets:
        by_field = {f: c for c, f in mapping.items()}
        dates = {f: by_field[f] for f in DATE_FIELDS[kind] if f in by_field}
        money = [by_field[f] for f in MONEY_FIELDS if f in by_field] if kind == "sales" else []
        scans[name] = scan_sheet(sheet, header_index + 2, dates, money, decimals=decimals, valid_date=valid_date,
                                 chunk_rows=tuning.chunk_rows)
    decimal_comma = decimals.result()
    out: dict[str, Conventions] = {}
    for name, found in scans.items():
        chosen = chosen_date_order(options, name)
        out[name] = Conventions(
            {f: frozenset({chosen}) if chosen else scan.result() for f, scan in found.items()},
            {f: ([] if chosen else scan.examples()) for f, scan in found.items()},
            decimal_comma,
        )
    return out


_SUBTOTAL_FIRST = set("合小总累汇本全tsgTSG")
CHUNK_ROWS = 10_000


@dataclass
class RowStats:
    skipped: int = 0


class Chunk:
    """Data rows of one sheet, a few thousand at a time, with their columns taken once."""

    __slots__ = ("numbers", "rows", "originals", "_columns", "_texts")

    def __init__(self, numbers: Sequence[int], rows: list[list[Any]], originals: dict[int, list[Any]],
                 columns: dict[int, list[Any]] | None = None) -> None:
        self.numbers = numbers  # 1-based row numbers as Excel shows them
        self.rows = rows  # cells, merged cells filled in
        self.originals = originals  # row number -> cells as in the file, where filling changed them
        self._columns = columns or {}
        self._texts: dict[int, set[str]] = {}

    def texts(self, index: int) -> set[str]:
        """The distinct text cells of a column."""
        found = self._texts.get(index)
        if found is None:
            found = self._texts[index] = text_values(self.column(index))
        return found

    def column(self, index: int) -> list[Any]:
        col = self._columns.get(index)
        if col is None:
            col = self._columns[index] = column(self.rows, index)
        return col

    def original(self, i: int) -> list[Any]:
        return self.originals.get(self.numbers[i], self.rows[i])


@lru_cache(maxsize=65536)
def _subtotal_text(text: str) -> bool:
    return text.lstrip()[:1] in _SUBTOTAL_FIRST and is_subtotal_label(text)


def data_chunks(prepared: PreparedSheet, stats: RowStats, size: int = CHUNK_ROWS, tuning: ImportTuning | None = None) -> Iterator[Chunk]:
    """The sheet's data rows after its header: merged cells filled, blank/summary/repeated-header rows left out.

    A row counts when at least 2 mapped cells hold something; a row with a 合计/小计/Total label
    anywhere, or that repeats the header, is skipped (and counted as skipped); blank rows are
    not counted at all.  The checks run column-wise over each chunk (see shopcrm.io.columns)."""
    mapped = [c for c, f in prepared.mapping.items() if f not in (IGNORE, REASON)]
    header_norm = [normalise_header(h) for h in prepared.headers]
    first = min(mapped) if mapped else 0  # a repeated header row is checked only when this cell reads like its header
    tops: dict[int, list[tuple[int, int, int]]] = {}
    for r0, c0, r1, c1 in prepared.sheet.merged:
        if r1 <= prepared.header_index or c0 < 0:
            continue
        tops.setdefault(r0, []).append((c0, c1, r1))
    carried: dict[int, list[tuple[int, int, Any]]] = {}
    if tuning is not None:
        size = tuning.chunk_rows
    tuning = tuning or ImportTuning()
    filled_columns = {c: FilledColumn(tuning.cache_limit, unique_after=tuning.unique_after) for c in mapped}
    for start, rows in prepared.sheet.chunks(size):
        numbers: Sequence[int] = range(start, start + len(rows))
        originals: dict[int, list[Any]] = {}
        if tops or carried:
            _fill_merged(rows, start, tops, carried, originals)
        head = min(len(rows), max(0, prepared.header_index + 2 - start))  # rows up to the header
        if head:
            rows, numbers = rows[head:], numbers[head:]
        if not rows:
            continue
        chunk = Chunk(numbers, rows, originals)
        dropped = _summary_rows(chunk) | _repeated_headers(chunk, first, header_norm)
        if tuning.fast_paths and not dropped and _two_always_filled(chunk, mapped, filled_columns):
            yield chunk  # the usual chunk: nothing to leave out, no row-by-row count needed
            continue
        flags = [filled_columns[c].map(chunk.column(c)) for c in mapped]
        counts = list(map(sum, zip(*flags, strict=True))) if flags else [0] * len(rows)
        keep = []
        for i, filled in enumerate(counts):
            if filled == 0:
                continue  # blank row: not counted anywhere
            if filled < 2 or i in dropped:
                stats.skipped += 1
                continue
            keep.append(i)
        if keep:
            if len(keep) == len(rows):
                yield chunk
            else:
                yield Chunk([numbers[i] for i in keep], [rows[i] for i in keep], originals)


def _fill_merged(rows: list[list[Any]], start: int, tops: dict[int, list[tuple[int, int, int]]],
                 carried: dict[int, list[tuple[int, int, Any]]], originals: dict[int, list[Any]]) -> None:
    """Give every cell of a merged range below the header the value of the range's first cell."""
    for i, cells in enumerate(rows):
        index = start - 1 + i
        if index in tops:
            for c0, c1, r1 in tops[index]:
                value = cells[c0] if c0 < len(cells) else None
                for r in range(index, r1 + 1):
                    carried.setdefault(r, []).append((c0, c1, value))
        if index in carried:
            originals[index + 1] = cells
            cells = list(cells)
            for c0, c1, value in carried.pop(index):
                while len(cells) <= c1:
                    cells.append(None)
                for c in range(c0, c1 + 1):
                    if is_empty(cells[c]):
                        cells[c] = value
            rows[i] = cells


def _two_always_filled(chunk: Chunk, mapped: list[int], filled_columns: dict[int, FilledColumn]) -> bool:
    """Whether at least 2 mapped columns are filled in every row of the chunk (so every row counts)."""
    found = 0
    for c in mapped:
        if filled_columns[c].all_filled(chunk.column(c), chunk.texts(c)):
            found += 1
            if found == 2:
                return True
    return False


_first_character = itemgetter(slice(0, 1))


def _summary_rows(chunk: Chunk) -> set[int]:
    found: set[int] = set()
    for c in range(max(map(len, chunk.rows))):
        strings = chunk.texts(c)
        if not strings or _SUBTOTAL_FIRST.isdisjoint(map(_first_character, map(str.lstrip, strings))):
            continue  # no text here begins like 合计, 小计, Total ...
        labels = {v for v in strings if v and _subtotal_text(v)}
        if labels:
            found.update(i for i, v in enumerate(chunk.column(c)) if v in labels)
    return found


def _repeated_headers(chunk: Chunk, first: int, header_norm: list[str]) -> set[int]:
    if first >= len(header_norm):
        return set()
    col = chunk.column(first)
    like = {v for v in set(col) if v.__class__ is str and normalise_header(v) == header_norm[first]}
    if not like:
        return set()
    width = len(header_norm)
    return {
        i for i, v in enumerate(col)
        if v in like and [normalise_header(c) for c in chunk.rows[i][:width]] == header_norm
    }


def data_rows(prepared: PreparedSheet, stats: RowStats, tuning: ImportTuning | None = None) -> Iterator[tuple[int, list[Any]]]:
    """data_chunks row by row: (row number, cells)."""
    for chunk in data_chunks(prepared, stats, tuning=tuning):
        yield from zip(chunk.numbers, chunk.rows, strict=True)


def json_value(value: Any) -> Any:
    """A cell as JSON (rejected rows are stored in the batch)."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)


def numbered_rows(prepared: Sequence[PreparedSheet], stats: RowStats,
                  options: ImportOptions) -> Iterator[tuple[PreparedSheet, int, list[Any]]]:
    """Every data row of the sheets, (sheet, row number, cells), reporting the reading progress
    (and so checking for a cancel) every PROGRESS_EVERY rows."""
    total = sum(p.sheet.total_rows or 0 for p in prepared) or None
    done = 0
    for sheet in prepared:
        for number, cells in data_rows(sheet, stats, options.tuning):
            done += 1
            if done % PROGRESS_EVERY == 0:
                report_progress(options, "reading", done, total)
            yield sheet, number, cells


def new_batch(kind: str, file_name: str, content_hash: str, prepared: Sequence[PreparedSheet], result: ImportResult,
              now: dt.datetime) -> ImportBatch:
    """The batch row of an import: its counts, and each sheet's mapping and headers (for the rejects file)."""
    return ImportBatch(
        kind=kind, file_name=file_name[:260], content_hash=content_hash, started_at=now, rows_read=result.rows,
        imported=result.imported, duplicates=result.duplicates, skipped=result.skipped, rejected=result.rejected,
        members_created=result.members_created, purchases=result.purchases, status="done",
        mapping={p.name: {str(c): f for c, f in p.mapping.items()} for p in prepared},
        headers={p.name: list(p.headers) for p in prepared},
    )


def store_rejected_rows(conn: Any, batch_id: int, rejects: Sequence[Rejected]) -> None:
    """A batch's rejected rows, kept so that they can be listed and saved again later."""
    if rejects:
        conn.execute(insert(RejectedRow.__table__), [
            {"batch_id": batch_id, "sheet": r.sheet[:100], "row_number": r.row_number,
             "values": [json_value(v) for v in r.values], "reason": r.reason} for r in rejects
        ])


def row_values(cells: Sequence[Any]) -> list[Any]:
    """A rejected row's cells as kept for the rejects file: dates as dates, the rest as JSON,
    without the empty cells at its end."""
    values = [c if isinstance(c, dt.date) else json_value(c) for c in cells]
    while values and values[-1] in (None, ""):
        values.pop()
    return values


def earlier_batches(db: Database, content_hash: str, kind: str) -> list[int]:
    with db.read() as s:
        return list(
            s.scalars(
                select(ImportBatch.id).where(
                    ImportBatch.content_hash == content_hash, ImportBatch.kind == kind, ImportBatch.status == "done"
                )
            )
        )


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """An import holds millions of small objects until it ends; the cyclic collector would walk
    them over and again (a third of a 500k-row import's time) and finds nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def backup_before_import(db: Database, options: ImportOptions) -> None:
    """An import writes thousands of rows at once: keep a copy of the shop just before it (SQLite)."""
    if not options.dry_run:
        backup_before(db, "import")


def check_options(options: ImportOptions) -> None:
    """Every path and option an import takes, checked before anything is read or written.

    A rejected-rows file that cannot be written must stop the import before its transaction,
    not after the commit (the owner would see an error for an import that did happen)."""
    target = options.errors_path
    if target is not None:
        target = Path(target)
        if target.suffix.lower() != ".xlsx":
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "The rejected-rows file {path} must end in .xlsx."), "errors", path=str(target)
            )
        if target.is_dir():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a file."), "errors", path=str(target))
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "The folder {path} does not exist; the rejected rows cannot be written there."),
                "errors",
                path=str(folder),
            )
        if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{path} cannot be written (no permission)."), "errors", path=str(target)
            )
    for order in {**(options.date_orders or {})}.values():
        if order not in DATE_ORDERS:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date order; use one of {orders}."),
                "date_order",
                value=str(order),
                orders=", ".join(DATE_ORDERS),
            )


def column_name(prepared: PreparedSheet, col: int) -> str:
    if 0 <= col < len(prepared.headers) and prepared.headers[col]:
        return prepared.headers[col]
    return column_letter(col)


def write_rejects_file(path: Path, rejects: list[Rejected], prepared: list[PreparedSheet]) -> Path:
    """The rejected rows, under their sheets' own headers, with the reason beside each (to fix and re-import)."""
    from shopcrm.io.rejects import write_rejected_rows  # openpyxl is loaded only when a file is written

    headers = {p.name: p.headers for p in prepared}
    by_sheet: dict[str, list[tuple[list[Any], str]]] = defaultdict(list)
    for r in rejects:
        by_sheet[r.sheet].append((r.values, r.reason))
    return write_rejected_rows(path, [(name, headers.get(name, []), rows) for name, rows in by_sheet.items()])


def finish_import(db: Database, kind: str, options: ImportOptions, result: ImportResult,
                  rejects: list[Rejected], prepared: list[PreparedSheet]) -> ImportResult:
    """After the transaction: the rejected-rows file, the mappings the owner chose (kept for the next
    file of this layout, never for a dry run), and the last progress report."""
    if options.errors_path is not None:
        result.errors_file = write_rejects_file(options.errors_path, rejects, prepared)
    if not options.dry_run and options.remember_mapping:
        for p in prepared:
            if p.source == "given":
                save_header_mapping(db, kind, p.headers, p.mapping)
    report_progress(options, "done", result.rows, result.rows)
    return result
