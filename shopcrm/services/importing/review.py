"""What the import wizard shows around an import: the rejected rows of a check or of a batch, and
whether a run the owner cancelled had in fact already been committed.

The import itself is services.importing; these are the reads the wizard needs besides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, RejectedRow
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.options import ImportResult, Rejected

REJECTS_SHOWN = 500


@dataclass(frozen=True)
class RejectedLine:
    sheet: str
    row_number: int | None  # None when read back from a rejected-rows file (it keeps only the cells)
    values: list[str]
    reason: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour, value.minute, value.second) != (0, 0, 0) \
            else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def last_batch_id(db: Database) -> int:
    """The newest import batch id (0 when none): taken before a run, to find the batch it wrote."""
    with db.read() as s:
        return int(s.scalar(select(func.coalesce(func.max(ImportBatch.id), 0))) or 0)


def batch_written_after(db: Database, after_id: int, kind: str, file_name: str) -> ImportResult | None:
    """The batch a run wrote, if it committed (a cancel that came too late to stop it)."""
    with db.read() as s:
        batch = s.execute(
            select(ImportBatch).where(ImportBatch.id > after_id, ImportBatch.kind == kind,
                                      ImportBatch.file_name == file_name, ImportBatch.status == "done")
            .order_by(ImportBatch.id.desc()).limit(1)
        ).scalar_one_or_none()
        if batch is None:
            return None
        return ImportResult(
            kind=batch.kind, file_name=batch.file_name, batch=batch.id, rows=batch.rows_read, imported=batch.imported,
            duplicates=batch.duplicates, rejected=batch.rejected, members_created=batch.members_created,
            skipped=batch.skipped, purchases=batch.purchases,
        )


def batch_rejected_rows(db: Database, batch_id: int, limit: int = REJECTS_SHOWN) -> list[RejectedLine]:
    """The first rejected rows of a batch, in sheet and row order."""
    with db.read() as s:
        if s.get(ImportBatch, batch_id) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Import batch {id} does not exist."), id=batch_id)
        rows = s.scalars(
            select(RejectedRow).where(RejectedRow.batch_id == batch_id)
            .order_by(RejectedRow.sheet, RejectedRow.row_number).limit(limit)
        )
        return [RejectedLine(r.sheet or "", r.row_number, [_text(v) for v in (r.values or [])], r.reason) for r in rows]


def rejected_lines(rows: Iterable[Rejected]) -> list[RejectedLine]:
    """A check's rejected rows as the screen lists them, with their row numbers."""
    return [RejectedLine(r.sheet, r.row_number, [_text(v) for v in r.values], r.reason) for r in rows]


def read_rejects_file(path: str | Path, limit: int = REJECTS_SHOWN) -> list[RejectedLine]:
    """The rows of a rejected-rows workbook the import wrote (last column: the reason)."""
    out: list[RejectedLine] = []
    with open_workbook(path) as wb:
        for name in wb.sheet_names:
            for number, cells in wb.sheet(name).rows():
                if number == 1:
                    continue  # its header row
                values = [_text(c) for c in cells]
                while values and values[-1] == "":
                    values.pop()
                if not values:
                    continue
                out.append(RejectedLine(name, None, values[:-1], values[-1]))
                if len(out) >= limit:
                    return out
    return out


@dataclass(frozen=True)
class BatchLine:
    id: int
    kind: str
    file_name: str
    started_at: dt.datetime
    imported: int
    duplicates: int
    rejected: int
    members_created: int
    status: str  # done | undone
    undone_at: dt.datetime | None


def recent_batches(db: Database, limit: int = 100) -> list[BatchLine]:
    """Earlier imports, newest first (the wizard's first page lists them with Undo)."""
    with db.read() as s:
        rows = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit))
        return [BatchLine(b.id, b.kind, b.file_name, b.started_at, b.imported, b.duplicates, b.rejected,
                          b.members_created, b.status, b.undone_at) for b in rows]
