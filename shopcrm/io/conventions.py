"""How a file writes its dates and amounts, decided from ALL the values of a column before any is read.

A cell alone cannot say whether 03/04/25 is 3 April, 4 March or 2003-04-25, nor whether 1.234
is one yuan or a thousand; the column (or the file) can: one 25/01/2025 shows day first, one
2025-01-03 shows year first, one 12,50 shows a decimal comma.  The import scans the text cells
of the date and money columns once (a few tenths of a second on 500k rows: only text cells are
looked at, and each distinct text once per chunk), then parses every cell with that convention.
What the values leave open is asked in the wizard and rejected with a reason in the CLI - never
guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from shopcrm.io.columns import column, text_values
from shopcrm.io.values import (
    ALL_ORDERS,
    DATE_ORDERS,
    amount_core,
    date_readings,
    is_year_first,
    numeric_date_match,
)
from shopcrm.io.workbook import Sheet
from shopcrm.money import decimal_mark_evidence


@dataclass
class DateOrderScan:
    """The day/month/year orders every text date of a column fits; `valid` says which readings can be."""

    valid: Callable[[dt.datetime], bool] = lambda when: True
    orders: set[str] = field(default_factory=lambda: set(DATE_ORDERS))
    year_first: bool = False
    numeric: int = 0  # distinct d/m/y-like texts seen
    _examples: dict[str, dict[str, dt.datetime]] = field(default_factory=dict)

    def feed(self, texts: Iterable[str]) -> None:
        for text in texts:
            if text[:4].isdigit():  # 2025-01-02 ...: a 4-digit year first (or a number), never a d/m/y form
                if not self.year_first and is_year_first(text):
                    self.year_first = True
                continue
            groups = numeric_date_match(text)
            if groups is None:
                if not self.year_first and is_year_first(text):
                    self.year_first = True
                continue
            readings = {o: w for o, w in date_readings(groups, ALL_ORDERS).items() if self.valid(w)}
            if not readings:
                continue  # not a date in any order: that cell is rejected on its own
            self.numeric += 1
            self.orders &= set(readings)
            if len(set(readings.values())) > 1 and len(self._examples) < 50:
                self._examples[text] = readings

    def result(self) -> frozenset[str]:
        """The orders left: one (settled), several (open: ask), none (the column mixes orders)."""
        if self.year_first and "ymd" in self.orders:
            return frozenset({"ymd"})
        return frozenset(self.orders)

    def examples(self, limit: int = 5) -> list[tuple[str, dict[str, dt.date]]]:
        """Texts that read as different days in the orders still open, with each reading."""
        open_orders = self.result()
        out = []
        for text, readings in sorted(self._examples.items()):
            left = {o: w.date() for o, w in readings.items() if o in open_orders}
            if len(set(left.values())) > 1:
                out.append((text, left))
                if len(out) >= limit:
                    break
        return out


@dataclass
class DecimalMarkScan:
    """Whether a file's amounts use a decimal comma: True, False, or None when it shows both."""

    comma: int = 0  # a ';'-separated file counts as this many texts showing a decimal comma
    dot: int = 0
    _commas: set[str] = field(default_factory=set)  # distinct texts only a decimal comma reads
    _dots: set[str] = field(default_factory=set)  # distinct texts only a decimal point reads

    def feed(self, texts: Iterable[str]) -> None:
        for text in texts:
            if "," not in text and "." not in text and " " not in text:
                continue
            if text in self._commas or text in self._dots:
                continue
            seen = decimal_mark_evidence(amount_core(text))
            if seen == "comma":
                self._commas.add(text)
            elif seen == "dot":
                self._dots.add(text)

    def result(self) -> bool | None:
        """The mark most distinct texts show, when they show it clearly (4 to 1); None when the file is split.

        Distinct texts of the whole file, so the answer does not depend on how it was read in chunks."""
        comma, dot = self.comma + len(self._commas), self.dot + len(self._dots)
        if comma and dot:
            if comma >= 4 * dot:
                return True
            if dot >= 4 * comma:
                return False
            return None
        return comma > 0


@dataclass
class Conventions:
    """What a scan decided: date orders per date column, and the file's decimal mark."""

    date_orders: dict[str, frozenset[str]] = field(default_factory=dict)  # field name -> orders left
    date_examples: dict[str, list[tuple[str, dict[str, dt.date]]]] = field(default_factory=dict)
    decimal_comma: bool | None = False


def scan_sheet(
    sheet: Sheet,
    first_data_row: int,
    date_columns: dict[str, int],
    money_columns: Iterable[int],
    *,
    decimals: DecimalMarkScan,
    valid_date: Callable[[dt.datetime], bool] = lambda when: True,
    chunk_rows: int = 10_000,
) -> dict[str, DateOrderScan]:
    """Feed the text cells of a sheet's date and money columns (rows from `first_data_row`, 1-based) to scans."""
    dates = {name: DateOrderScan(valid_date) for name in date_columns}
    money = sorted(set(money_columns))
    if not dates and not money:
        return dates
    for start, rows in sheet.chunks(chunk_rows):
        skip = max(0, first_data_row - start)
        if skip >= len(rows):
            continue
        if skip:
            rows = rows[skip:]
        types_cache: dict[int, set[str]] = {}
        for name, col in date_columns.items():
            types_cache[col] = texts = types_cache.get(col) or text_values(column(rows, col))
            if texts:
                dates[name].feed(texts)
        for col in money:
            money_texts = types_cache.get(col)
            if money_texts is None:
                money_texts = text_values(column(rows, col))
            if money_texts:
                decimals.feed(money_texts)
    return dates
