"""Reading a file before it is imported: which sheets to take, where each header is and how its
columns map (given, remembered or guessed), the wizard's preview, and the prepared sheets an
import runs over.

It owns the step between opening a workbook and reading its data rows (rows.py), shared by the
sales, member and ratings importers and by the wizard's preview.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import HeaderMapping
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.headers import (
    FIELD_LABELS,
    IGNORE,
    REASON,
    MappingGuess,
    assign,
    detect_header,
    layout_key,
    normalise_header,
    required_missing,
)
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import DATE_ORDERS, EARLIEST, text_of
from shopcrm.io.workbook import Sheet, Workbook, open_workbook
from shopcrm.services.importing.conventions import DATE_FIELDS, sheet_conventions
from shopcrm.services.importing.mapping import (
    field_label,
    mapping_from_headers,
    remembered_mapping,
    validate_mapping,
)
from shopcrm.services.importing.options import KINDS, ImportOptions


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
