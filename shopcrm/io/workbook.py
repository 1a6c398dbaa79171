"""One way to read every accepted file: sheets of rows of Python values.

.xlsx/.xlsm/.xls/.ods go through python-calamine (fast, and reads legacy .xls), after
shopcrm.io.safety has vetted the bytes.  CSV and tab-separated text go through the csv module
with the encoding safety detected.  Every library error becomes a BadFileError.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from shopcrm.errors import QT_TRANSLATE_NOOP
from shopcrm.io import limits
from shopcrm.io.delimiters import sniff_delimiter
from shopcrm.io.safety import BadFileError, FileInfo, inspect_file

Cell = Any


class Sheet:
    """A sheet's rows, read lazily; row numbers are the 1-based numbers Excel shows, for messages."""

    def __init__(
        self,
        name: str,
        source: Callable[[], Iterator[list[Cell]]],
        *,
        total_rows: int | None = None,
        merged: list[tuple[int, int, int, int]] | None = None,
        hidden: bool = False,
        first_column: int = 0,
        batches: Callable[[int], Iterator[list[list[Cell]]]] | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.name = name
        self.delimiter = delimiter  # CSV only: a ';' file is a decimal-comma file (shopcrm.io.conventions)
        self._source = source
        self._batches = batches  # the same rows, `size` at a time, without a Python step per row
        self.total_rows = total_rows
        self.merged = merged or []  # (row0, col0, row1, col1), 0-based, rows as numbered by rows()
        self.hidden = hidden
        self.first_column = first_column

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(row number, cells) for every row, blank rows included; at most MAX_COLUMNS cells each."""
        for index, row in enumerate(self._source()):
            if len(row) > limits.MAX_COLUMNS:
                row = row[: limits.MAX_COLUMNS]
            yield index + 1, row

    def chunks(self, size: int) -> Iterator[tuple[int, list[list[Cell]]]]:
        """(number of the first row, up to `size` rows) at a time: the import works column-wise on these."""
        batches = self._batches(size) if self._batches is not None else _batched(self._source(), size)
        number = 1
        for rows in batches:
            if max(map(len, rows)) > limits.MAX_COLUMNS:
                rows = [row[: limits.MAX_COLUMNS] for row in rows]
            yield number, rows
            number += len(rows)

    def head(self, n: int) -> list[tuple[int, list[Cell]]]:
        out = []
        for item in self.rows():
            out.append(item)
            if len(out) >= n:
                break
        return out


def _batched(source: Iterator[list[Cell]], size: int) -> Iterator[list[list[Cell]]]:
    while batch := list(islice(source, size)):
        yield batch


def _library_error(info: FileInfo, exc: BaseException) -> BadFileError:
    name = type(exc).__name__
    if name == "PasswordError":
        return BadFileError(
            QT_TRANSLATE_NOOP("errors", "{file} is protected by a password. Open it in Excel, remove the password and save it again."),
            file=info.path.name,
        )
    return BadFileError(
        QT_TRANSLATE_NOOP(
            "errors", "{file} is damaged or incomplete (perhaps not fully copied or downloaded). Open it in Excel and save it again."
        ),
        file=info.path.name,
    )


class Workbook:
    """An opened spreadsheet file.  Sheets are read one at a time, on demand."""

    def __init__(self, info: FileInfo) -> None:
        self.info = info
        self._book: Any = None
        self._names: list[str] = []
        self._hidden: set[str] = set()
        if info.format == "csv":
            self._names = [info.path.stem[:31] or "CSV"]
            return
        import python_calamine

        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(info.path))
            for meta in self._book.sheets_metadata:
                if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                    continue
                self._names.append(meta.name)
                if meta.visible != python_calamine.SheetVisibleEnum.Visible:
                    self._hidden.add(meta.name)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # calamine raises its own errors and, on a panic, PanicException
            raise _library_error(info, exc) from exc

    @property
    def sheet_names(self) -> list[str]:
        return list(self._names)

    def is_hidden(self, name: str) -> bool:
        return name in self._hidden

    def sheet(self, name: str) -> Sheet:
        """Load one sheet (calamine reads it whole, natively); rows are converted as they are iterated."""
        if self.info.format == "csv":
            return _csv_sheet(self.info, self._names[0])
        try:
            native = self._book.get_sheet_by_name(name)
            start = native.start or (0, 0)
            total = native.height + start[0] if native.start else 0
            merged_raw = native.merged_cell_ranges or []
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:
            raise _library_error(self.info, exc) from exc
        if total > limits.MAX_ROWS:
            raise BadFileError(
                QT_TRANSLATE_NOOP("errors", "{file} has more than {limit} rows in one sheet. Split it into smaller files."),
                file=self.info.path.name,
                limit=f"{limits.MAX_ROWS:,}",
            )
        col0 = start[1]
        merged = [(r0, c0 - col0, r1, c1 - col0) for (r0, c0), (r1, c1) in merged_raw if r1 >= r0 and c1 >= c0 and c1 >= col0]
        info = self.info

        def source() -> Iterator[list[Cell]]:
            try:
                yield from native.iter_rows()
            except (KeyboardInterrupt, SystemExit, GeneratorExit):
                raise
            except BaseException as exc:
                raise _library_error(info, exc) from exc

        def batches(size: int) -> Iterator[list[list[Cell]]]:
            try:
                rows = native.iter_rows()
                while batch := list(islice(rows, size)):
                    yield batch
            except (KeyboardInterrupt, SystemExit, GeneratorExit):
                raise
            except BaseException as exc:
                raise _library_error(info, exc) from exc

        return Sheet(
            name, source, total_rows=total, merged=merged, hidden=name in self._hidden, first_column=col0, batches=batches
        )

    def close(self) -> None:
        if self._book is not None:
            try:
                self._book.close()
            except BaseException:  # noqa: BLE001 - closing a broken book must not mask the real error
                pass
            self._book = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workbook(path: str | Path, info: FileInfo | None = None) -> Workbook:
    """Vet the file (unless already vetted) and open it."""
    return Workbook(info or inspect_file(path))


def _csv_sheet(info: FileInfo, name: str) -> Sheet:
    encoding = info.encoding or "utf-8"
    csv.field_size_limit(limits.MAX_CSV_FIELD)
    try:
        with info.path.open("r", encoding=encoding, newline="", errors="replace") as fh:
            delimiter = sniff_delimiter(fh.read(64 * 1024))
    except OSError as exc:
        raise BadFileError(QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}"), path=str(info.path), reason=exc.strerror or str(exc)) from exc

    def source() -> Iterator[list[Cell]]:
        count = 0
        try:
            with info.path.open("r", encoding=encoding, newline="", errors="strict") as fh:
                for row in csv.reader(_NulFree(fh), delimiter=delimiter):
                    count += 1
                    if count > limits.MAX_ROWS + 1:
                        raise BadFileError(
                            QT_TRANSLATE_NOOP("errors", "{file} has more than {limit} rows in one sheet. Split it into smaller files."),
                            file=info.path.name,
                            limit=f"{limits.MAX_ROWS:,}",
                        )
                    yield row
        except UnicodeDecodeError as exc:
            raise BadFileError(
                QT_TRANSLATE_NOOP(
                    "errors", "{file} mixes text encodings, so some characters cannot be read. Save it again as UTF-8 CSV or .xlsx."
                ),
                file=info.path.name,
            ) from exc
        except csv.Error as exc:
            raise BadFileError(
                QT_TRANSLATE_NOOP("errors", "{file} is not a readable CSV file ({reason})."), file=info.path.name, reason=str(exc)[:80]
            ) from exc

    return Sheet(name, source, delimiter=delimiter)


class _NulFree(io.TextIOBase):
    """Line iterator that drops NUL characters, which the csv module refuses."""

    def __init__(self, fh: io.TextIOBase) -> None:
        self._fh = fh

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        for line in self._fh:
            yield line.replace("\x00", "") if "\x00" in line else line
