"""The rejected-rows workbook: each sheet's original header and cells plus a Reason column.

The owner fixes the cells and imports the same file again; the Reason column is recognised as
such by the header detection and ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shopcrm.i18n import translate
from shopcrm.io.xlsx_writer import Column, SheetWriter, sheet_title, workbook_to


def write_rejected_rows(
    path: str | Path,
    sheets: Sequence[tuple[str, Sequence[str], Sequence[tuple[Sequence[Any], str]]]],
) -> Path:
    """sheets: (sheet name, header cells, [(row values, reason), ...]) per source sheet."""
    with workbook_to(path) as wb:
        _write_sheets(wb, sheets)
    return Path(path)


def _write_sheets(wb: Any, sheets: Sequence[tuple[str, Sequence[str], Sequence[tuple[Sequence[Any], str]]]]) -> None:
    reason = translate("import", "Reason")
    used: set[str] = set()
    for name, headers, rows in sheets:
        width = max([len(headers), *[len(values) for values, _ in rows]] or [0])
        titles = [str(h) if h not in (None, "") else "" for h in headers] + [""] * (width - len(headers))
        columns = [Column(t or f"#{i + 1}") for i, t in enumerate(titles)] + [Column(reason, width=40)]
        title = _sheet_name(name[:31]) or "Sheet"
        n = 2
        while title in used:
            title = f"{_sheet_name(name[:28])}({n})"
            n += 1
        used.add(title)
        writer = SheetWriter(wb, title, columns)
        for values, why in rows:
            cells = list(values) + [None] * (width - len(values))
            writer.append([*cells, why])
        writer.close()
    if not sheets:
        SheetWriter(wb, "Sheet", [Column(reason)]).close()


def _sheet_name(name: str) -> str:
    """The title openpyxl will give the sheet, so that two source sheets never end up with one name."""
    return sheet_title(name) if name else ""
