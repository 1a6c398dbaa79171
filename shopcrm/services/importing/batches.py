"""The bookkeeping around an import's one transaction: the backup before it, the batch row and its
rejected rows inside it, and after it the rejected-rows file, the mappings to remember and the
last progress report.

Every importer ends the same way; keeping it here means a batch looks alike whatever its kind, so
that undo and review (undo.py, review.py) read them all the same way.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from shopcrm.db.backup import backup_before
from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, RejectedRow
from shopcrm.services.importing.mapping import save_header_mapping
from shopcrm.services.importing.options import ImportOptions, ImportResult, Rejected, report_progress
from shopcrm.services.importing.preview import PreparedSheet


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
