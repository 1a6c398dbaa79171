"""A promotion list as a styled workbook: the members on one sheet, what the list is on another.

The table sheet keeps its header in row 1 (frozen, with an autofilter) so it sorts and filters like
any list; the shop name, title, filter in words and the consent and masking notes go on the second
sheet, since rows above a header would break Excel's filter.  The writer is the spreadsheet
module's (shopcrm.io.xlsx_writer): formulas can never be injected through a name or a note.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.xlsx_writer import Column, SheetWriter, workbook_to
from shopcrm.services.campaigns.output import (
    PreparedList,
    prepare_campaign_list,
    prepare_filter_list,
    record_output,
)
from shopcrm.services.campaigns.words import join_conditions
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.shop import audit

KINDS = {"points": "int", "visits": "int", "spend_cents": "money", "last_purchase": "date",
         "registered_on": "date", "contacted": "datetime"}


def _check_target(path: Path) -> None:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The file name must end in .xlsx."), "path")


def write_list_workbook(prepared: PreparedList, target: str | os.PathLike[str]) -> int:
    """Write the list; returns the number of member rows."""
    path = Path(target)
    _check_target(path)
    with workbook_to(path) as wb:
        table = SheetWriter(wb, translate("PrintList", "Members"),
                            [Column(c.heading, KINDS.get(c.key, "text")) for c in prepared.columns])
        for row in prepared.value_rows():
            table.append(row)
        count = table.close()
        about = SheetWriter(wb, translate("PrintList", "About this list"),
                            [Column(translate("PrintList", "Item"), width=18), Column(translate("PrintList", "Value"),
                                                                                      width=90)])
        facts: list[tuple[str, object]] = [
            (translate("PrintList", "Shop"), prepared.shop_name),
            (translate("PrintList", "List"), prepared.title),
            (translate("PrintList", "Made on"), prepared.made_at),
            (translate("PrintList", "Exported"), prepared.output_at),
            (translate("PrintList", "Members"), count),
            (translate("PrintList", "Filter"), join_conditions(prepared.filter_lines)),
        ]
        facts.extend((translate("PrintList", "Note"), note) for note in prepared.notes())
        for fact in facts:
            about.append(list(fact))
        about.close()
    return count


def export_filter_list(
    db: Database,
    flt: MemberFilter,
    target: str | os.PathLike[str],
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    masked: bool | None = None,
    password: str | None = None,
    when: dt.datetime | None = None,
) -> PreparedList:
    """Export the members a filter selects now; audited."""
    _check_target(Path(target))
    prepared = prepare_filter_list(db, flt, title=title, columns=columns, masked=masked, password=password, when=when)
    write_list_workbook(prepared, target)
    record_output(db, prepared, audit.EXPORT, target)
    return prepared


def export_campaign(
    db: Database,
    campaign_id: int,
    target: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    masked: bool | None = None,
    password: str | None = None,
) -> PreparedList:
    """Export a saved campaign (with its contact marks); audited and stamped on the campaign."""
    _check_target(Path(target))
    prepared = prepare_campaign_list(db, campaign_id, columns=columns, masked=masked, password=password)
    write_list_workbook(prepared, target)
    record_output(db, prepared, audit.EXPORT, target)
    return prepared
