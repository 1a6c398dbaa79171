"""Importing past sales: rows -> purchases (grouped by receipt no.), members, products, points.

Rules (SPEC §4):
* rows sharing a receipt no. (on the same day) are the lines of one purchase; a row repeated
  exactly under the same receipt no. is the same line exported twice and counts once;
* rows without a receipt no. are one purchase each, also when identical: each gets a
  fingerprint of its values plus its occurrence number among identical rows, so re-importing
  the file (or an overlapping export) recognises every one of them and adds nothing;
* a row with neither phone nor card no. is a walk-in sale: counted, no member;
* a phone or card no. not known yet creates a member (registered on the first purchase day);
* member purchases earn points per the shop's settings (ledger rows tagged with the batch)
  and raise the member level by cumulative spend;
* a refund is a purchase with a negative total: a negative amount ('-8', '(8.00)', '8-'), a
  negative quantity, or a refund type (退货, 退款, Refund ...) makes the line's amount and
  quantity negative (a refund type also makes a receipt total negative); points are taken
  back as far as the balance allows.

How (a 500k-row sheet must not take minutes or gigabytes): importing.sales_rows reads the rows in
chunks, column by column, into compact SaleRow tuples grouped by (receipt, day); sales_plan.py
turns groups into purchases, sales_match.py matches them against what earlier imports stored and
the members they name, and sales_write.py writes everything in one transaction through
shopcrm.db.bulk (executemany of plain tuples on SQLite, COPY on PostgreSQL).  This module runs
those steps in order (import_sales) and gathers the rejected rows' cells for the rejects file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.safety import inspect_file
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.batches import backup_before_import, earlier_batches, finish_import
from shopcrm.services.importing.options import (
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    Rejected,
    report_progress,
)
from shopcrm.services.importing.preview import PreparedSheet, prepare_sheets
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.sales_match import (
    load_members,
    match_stored,
    points_and_levels,
    resolve_members,
    settle_additions,
)
from shopcrm.services.importing.sales_plan import plan_purchases
from shopcrm.services.importing.sales_rows import Reading, SaleRow, raw_cells, read_sheets
from shopcrm.services.importing.sales_write import write_import
from shopcrm.services.members.points import rebuild_after_import
from shopcrm.services.shop.settings import load_settings


def import_sales(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult("sales", info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, "sales")
    settings = load_settings(db)
    stats = RowStats()
    reading = Reading()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, "sales", options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        total = sum(p.sheet.total_rows or 0 for p in prepared) or None
        read_sheets(prepared, options, stats, reading, total)
        report_progress(options, "checking", 0, None)
        plan = plan_purchases(reading, options.tuning.fast_paths)
        rows_read = reading.count + len(reading.rejects)
        reading.clear_groups()
        duplicates_in_file = plan.in_file_duplicates
        result.skipped = stats.skipped
        backup_before_import(db, options)
        with db.read() if options.dry_run else db.transaction() as s:
            conn = s.connection()
            plan.purchases, additions, duplicate_rows = match_stored(conn, plan)
            named = [*plan.purchases, *(a.purchase for a in additions)]
            phones = {p.phone for p in named if p.phone}
            cards = {p.card for p in named if p.card}
            by_phone, by_card = load_members(conn, phones, cards)
            del named, phones, cards  # write_import lets the purchases go once written: hold no other list of them
            additions = settle_additions(conn, additions, plan, by_phone, by_card, settings)
            created = resolve_members(plan, dict(by_phone), dict(by_card))
            ledger = points_and_levels(plan, settings)
            result.rows = rows_read
            result.rejected = len(reading.rejects) + len(plan.rejected)
            result.duplicates = duplicate_rows + duplicates_in_file
            result.in_file_duplicates = duplicates_in_file
            result.imported = sum(len(p.rows) for p in plan.purchases) + sum(len(a.rows) for a in additions)
            result.purchases = len(plan.purchases)
            result.members_created = len(created)
            if result.rows == 0:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file", file=info.path.name
                )
            raw_rejects = _raw_values(wb, prepared, reading.rejects, plan.rejected)
            result.rejected_rows = raw_rejects[:REJECTED_ROWS_KEPT]
            # Every row rejected: nothing is written, so the exit code (1) and the database agree.
            if not options.dry_run and not result.nothing_imported():
                with bulk.large_cache(conn, 32):
                    batch_id = write_import(s, conn, info, options, plan, created, ledger, settings, raw_rejects, result, prepared,
                                      additions)
                    # Points and levels are replayed from the ledger and the sales (SPEC §8), also for the
                    # members of earlier receipts this file added lines to.
                    rebuild_after_import(conn, batch_id, settings, dt.datetime.now().replace(microsecond=0),
                                         also_purchases=[a.stored.id for a in additions],
                                         set_based=options.tuning.fast_paths, rated=options.tuning.fast_paths)
                result.batch = batch_id
    return finish_import(db, "sales", options, result, raw_rejects, prepared)


def _raw_values(wb: Any, prepared: list[PreparedSheet], known: list[Rejected], planned: list[tuple[SaleRow, str]]) -> list[Rejected]:
    """All rejected rows with their original cells, by sheet and row.

    Rows rejected while parsing kept their cells; rows rejected later (a receipt with a bad
    line, a member conflict) are read again from the file, so the parse keeps no cells."""
    if not known and not planned:
        return []
    wanted: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row, reason in planned:
        wanted[prepared[row.sheet].name][row.row].append(reason)
    out = list(known)
    for name, numbers in wanted.items():
        sheet = wb.sheet(name)
        remaining = set(numbers)
        for number, cells in sheet.rows():
            if number in remaining:
                out.append(Rejected(name, number, raw_cells(cells), "; ".join(dict.fromkeys(numbers[number]))))
                remaining.discard(number)
                if not remaining:
                    break
    out.sort(key=lambda r: (r.sheet, r.row_number))
    return out
