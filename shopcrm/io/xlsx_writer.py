"""Styled .xlsx writing in openpyxl's write-only mode (constant memory for any number of rows).

Every table gets a bold header row, frozen panes under it, an autofilter, column widths from
the header and the first rows, and number/date formats per column.  Text that starts with
= + - @ is written as a text cell with Excel's quote prefix, so it can never run as a formula
(in Excel, or in a CSV saved from the file).  Control characters, which XML 1.0 (so .xlsx) cannot
hold, are written as their visible Unicode pictures (U+0001 as U+2401) instead of stopping the
export; a lone surrogate becomes U+FFFD; text beyond Excel's 32,767 characters per cell is cut
with a visible "…(+N)" mark.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError
from shopcrm.io.output_files import write_failure_reason

FORMULA_STARTS = ("=", "+", "-", "@")
_FORMULA_FIRST = frozenset("".join(FORMULA_STARTS))
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
WIDTH_SAMPLE = 200
MAX_WIDTH = 50
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(vertical="center")
# The longest text an Excel cell holds.
EXCEL_MAX_CELL = 32_767
# What XML 1.0 cannot carry: C0 controls other than tab, newline, carriage return; lone surrogates;
# U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    return chr(0x2400 + ord(ch)) if ord(ch) < 0x20 else "\ufffd"


def _cut(text: str) -> str:
    """The first characters of `text` and "…(+N)", N the characters left out, EXCEL_MAX_CELL long."""
    digits = 1
    while True:
        left_out = len(text) - EXCEL_MAX_CELL + len("…(+)") + digits
        if len(str(left_out)) == digits:
            return text[: len(text) - left_out] + f"…(+{left_out})"
        digits += 1


def xml_safe(text: str) -> str:
    """`text` with what an .xlsx cannot hold made visible; unchanged (and fast) in the usual case."""
    if not text.isprintable() and _NOT_XML.search(text) is not None:
        text = _NOT_XML.sub(_visible, text)
    if len(text) > EXCEL_MAX_CELL:
        # Excel calls a file with a longer cell damaged; cut it where the reader sees that it was cut.
        text = _cut(text)
    return text


@dataclass(frozen=True)
class Column:
    """One output column: `kind` picks the number format (text, int, money, number, date, datetime)."""

    title: str
    kind: str = "text"
    width: float | None = None


def display_width(value: object) -> int:
    """Width in Excel character units: CJK characters take two."""
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text[:100])


class SheetWriter:
    """Writes one styled table into a write-only workbook; rows are buffered only for the widths."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column]) -> None:
        self._ws = workbook.create_sheet(title=sheet_title(title))
        self._columns = list(columns)
        self._buffer: list[Sequence[Any]] = []
        self._started = False
        self._rows = 0
        self._money = {i for i, c in enumerate(self._columns) if c.kind == "money"}
        self._protos: dict[int, WriteOnlyCell] = {}
        self._formats = {
            i: {"money": MONEY_FORMAT, "date": DATE_FORMAT, "datetime": DATETIME_FORMAT, "number": "0.00"}.get(c.kind)
            for i, c in enumerate(self._columns)
        }

    @property
    def worksheet(self) -> Any:
        return self._ws

    def append(self, values: Sequence[Any]) -> None:
        if not self._started:
            self._buffer.append(values)
            if len(self._buffer) >= WIDTH_SAMPLE:
                self._start()
            return
        self._write(values)

    def _start(self) -> None:
        self._started = True
        ws = self._ws
        for index, column in enumerate(self._columns):
            width = column.width
            if width is None:
                sample = [display_width(row[index]) for row in self._buffer if index < len(row)]
                if self._formats.get(index) == MONEY_FORMAT:
                    sample = [w + 3 for w in sample]
                width = min(MAX_WIDTH, max([display_width(column.title) + 2, *[w + 2 for w in sample]]))
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        ws.freeze_panes = "A2"
        header = []
        for column in self._columns:
            cell = self._text_cell(column.title)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGN
            header.append(cell)
        ws.append(header)
        for row in self._buffer:
            self._write(row)
        self._buffer = []

    def _text_cell(self, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._ws, value=xml_safe(text))
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    def _write(self, values: Sequence[Any]) -> None:
        # Write-only sheets serialise a row as it is appended, so one styled cell per column is
        # reused for every row; a date needing no other format goes as a plain value (openpyxl
        # gives it yyyy-mm-dd itself).  Building a styled cell per value doubled the export time.
        out: list[Any] = []
        formats = self._formats
        protos = self._protos
        for index, value in enumerate(values):
            cls = value.__class__
            if cls is str:  # the common case first
                if not value:
                    out.append(None)
                elif value[0] in _FORMULA_FIRST:
                    out.append(self._text_cell(value))
                else:
                    out.append(xml_safe(value))
            elif value is None or value == "":
                out.append(None)
            elif isinstance(value, str):
                out.append(self._text_cell(value) if value.startswith(FORMULA_STARTS) else xml_safe(value))
            elif isinstance(value, bool):
                out.append(value)
            else:
                fmt = formats.get(index)
                if cls is int and index in self._money:
                    value = value / 100  # exact to the cent: every amount below 2**53 cents is
                elif isinstance(value, int) and index in self._money:
                    value = int(value) / 100
                if fmt is None or (fmt == DATE_FORMAT and cls is dt.date):
                    out.append(value)
                else:
                    cell = protos.get(index)
                    if cell is None:
                        cell = protos[index] = WriteOnlyCell(self._ws)
                        cell.number_format = fmt
                    cell.value = value
                    out.append(cell)
        self._ws.append(out)
        self._rows += 1

    def close(self) -> int:
        """Flush the buffered rows and set the autofilter; returns the number of data rows."""
        if not self._started:
            self._start()
        last = get_column_letter(max(1, len(self._columns)))
        self._ws.auto_filter.ref = f"A1:{last}{self._rows + 1}"
        return self._rows


def sheet_title(title: str) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in xml_safe(title)).strip("'") or "Sheet"
    return clean[:31]


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def discard_workbook(workbook: Workbook) -> None:
    """Finish and delete a write-only workbook's temporary sheet files without saving it.

    Left alone, each open sheet is finished by the garbage collector at exit, after its file was
    closed: "Exception ignored ... Traceback" printed below the message the owner should read."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    for ws in list(getattr(workbook, "_sheets", [])):
        if not isinstance(ws, WriteOnlyWorksheet):
            continue
        rows = ws._rows
        if rows is not None:
            try:
                rows.close()
            except Exception:  # noqa: BLE001 - a broken half-written sheet is thrown away anyway
                pass
            ws._rows = None
        writer = ws._writer
        if writer is not None:
            try:
                writer.xf.close()
            except Exception:  # noqa: BLE001
                pass
            try:
                writer.cleanup()
            except Exception:  # noqa: BLE001 - already removed
                pass
            ws._writer = None


def save_workbook(workbook: Workbook, path: str | Path) -> Path:
    """Save next to the target and move into place, so a failed save never leaves half a file."""
    target = Path(path)
    if not target.parent.is_dir():
        discard_workbook(workbook)
        raise ShopError(QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), folder=str(target.parent))
    tmp = target.with_name(f".{target.name}.part")
    try:
        workbook.save(tmp)
        tmp.replace(target)
    except PermissionError as exc:
        discard_workbook(workbook)
        tmp.unlink(missing_ok=True)
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "Cannot write {path}: is it open in Excel? Close it and try again."), path=str(target)
        ) from exc
    except OSError as exc:
        discard_workbook(workbook)
        tmp.unlink(missing_ok=True)
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"), path=str(target),
            reason=write_failure_reason(exc, target.parent),
        ) from exc
    except BaseException:
        discard_workbook(workbook)
        tmp.unlink(missing_ok=True)
        raise
    return target


@contextmanager
def workbook_to(path: str | Path) -> Iterator[Workbook]:
    """A new write-only workbook, saved to `path` when the block ends without an error.

    On any error the half-built workbook is thrown away cleanly, and a failed write (its temporary
    sheet files or the file itself: a full disk, a read-only drive) is one ShopError naming the cause."""
    target = Path(path)
    workbook = new_workbook()
    try:
        yield workbook
        save_workbook(workbook, target)
    except OSError as exc:
        discard_workbook(workbook)
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"), path=str(target),
            reason=write_failure_reason(exc, target.parent),
        ) from exc
    except BaseException:
        discard_workbook(workbook)
        raise


def write_table(path: str | Path, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
    """One styled sheet in a new workbook; returns the number of rows written."""
    with workbook_to(path) as wb:
        writer = SheetWriter(wb, title, columns)
        for row in rows:
            writer.append(row)
        count = writer.close()
    return count


def add_png(workbook: Workbook, title: str, images: Sequence[tuple[str, bytes]]) -> None:
    """A sheet of charts: each PNG under its caption, one below the other."""
    from openpyxl.drawing.image import Image

    ws = workbook.create_sheet(title=sheet_title(title))
    row = 1
    anchors = []
    for caption, png in images:
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ShopError(QT_TRANSLATE_NOOP("errors", "The chart \"{name}\" is not a PNG image."), name=caption)
        image = Image(io.BytesIO(png))
        anchors.append((row, caption, image))
        rows_needed = int(image.height / 20) + 3
        row += rows_needed
    cells: dict[int, str] = {r: caption for r, caption, _ in anchors}
    for r, _, image in anchors:
        ws.add_image(image, f"A{r + 1}")
    last = max(cells) if cells else 0
    ws.column_dimensions["A"].width = 40
    for r in range(1, last + 1):
        if r in cells:
            cell = WriteOnlyCell(ws, value=cells[r])
            cell.font = _HEADER_FONT
            ws.append([cell])
        else:
            ws.append([])
