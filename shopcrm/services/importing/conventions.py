"""How a file writes its dates and amounts: each sheet's day/month/year order and the file's
decimal mark, judged from every value (shopcrm.io.conventions) unless the owner chose an order.

Shared by the preview (which asks the owner when an order is left open) and the importers (which
reject a value no order can read, never guess).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from shopcrm.io.conventions import Conventions, DecimalMarkScan, scan_sheet
from shopcrm.io.workbook import Sheet
from shopcrm.services.importing.options import ImportOptions, ImportTuning

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
