"""The wizard's long work as job functions: preview, check (a dry run), import, undo, save rejects.

Progress reaches the job as (done, total, phase code); the page translates the phase.  The job's
own cancel token is handed to the import service, which checks it where stopping is safe.  A run whose cancel arrived after
its transaction committed is reported as the import it was, never as "nothing imported".
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shopcrm.gui.worker import JobControl
from shopcrm.jobs import Cancelled
from shopcrm.services.importing.options import ImportOptions, ImportResult
from shopcrm.services.importing.preview import FilePreview, preview_file
from shopcrm.services.importing.review import (
    RejectedLine,
    batch_rejected_rows,
    batch_written_after,
    last_batch_id,
    read_rejects_file,
    rejected_lines,
)
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.shop.database import Database


@dataclass(frozen=True)
class LoadedFile:
    """A file read for the preview, as the kind the owner said it is."""

    path: Path
    kind: str
    preview: FilePreview


@dataclass(frozen=True)
class ImportPlan:
    """What the owner chose on the columns page: each chosen sheet's mapping and date order."""

    path: Path
    kind: str
    mappings: dict[str, dict[int, str]]
    sheets: list[str]
    date_orders: dict[str, str]


@dataclass
class Outcome:
    """A check or an import: the service's result and the rejected rows to show."""

    result: ImportResult
    rejects: list[RejectedLine] = field(default_factory=list)
    rejects_file: Path | None = None  # a check's rejected rows, written to a temporary file


def _options(control: JobControl, mappings: dict[str, dict[int, str]], sheets: list[str], *,
             dry_run: bool, errors_path: Path | None = None, date_orders: dict[str, str] | None = None) -> ImportOptions:
    return ImportOptions(sheets=sheets or None, mappings=mappings, dry_run=dry_run, errors_path=errors_path,
                         progress=control.report, cancel=control.token, date_orders=date_orders or None)


def preview_job(db: Database, path: Path, kind: str) -> Callable[[JobControl], FilePreview]:
    return lambda _control: preview_file(db, path, kind)


def check_job(db: Database, path: Path, kind: str, mappings: dict[str, dict[int, str]], sheets: list[str],
              workdir: Path, date_orders: dict[str, str] | None = None) -> Callable[[JobControl], Outcome]:
    """Validate every row without writing; the rejected rows go to a file in `workdir`."""

    def job(control: JobControl) -> Outcome:
        target = Path(tempfile.mkstemp(prefix="rejected-", suffix=".xlsx", dir=workdir)[1])
        result = import_file(db, path, kind, _options(control, mappings, sheets, dry_run=True, errors_path=target,
                                                      date_orders=date_orders))
        # Straight from the check, with each row's number in the file (the rejects file keeps only the cells).
        rejects = rejected_lines(result.rejected_rows) if result.rejected_rows else (
            read_rejects_file(target) if result.rejected else [])
        return Outcome(result, rejects, target if result.rejected else None)

    return job


def import_job(db: Database, path: Path, kind: str, mappings: dict[str, dict[int, str]],
               sheets: list[str], date_orders: dict[str, str] | None = None) -> Callable[[JobControl], Outcome]:
    def job(control: JobControl) -> Outcome:
        before = last_batch_id(db)
        try:
            result = import_file(db, path, kind, _options(control, mappings, sheets, dry_run=False, date_orders=date_orders))
        except Cancelled:
            committed = batch_written_after(db, before, kind, path.name)
            if committed is None:
                raise
            result = committed
        rejects = batch_rejected_rows(db, result.batch) if result.batch is not None and result.rejected else []
        return Outcome(result, rejects)

    return job


def undo_job(db: Database, batch_id: int) -> Callable[[JobControl], object]:
    def job(_control: JobControl) -> object:
        return undo_import(db, batch_id)

    return job


def save_rejects_job(db: Database, target: Path, *, batch_id: int | None = None,
                     checked_file: Path | None = None) -> Callable[[JobControl], Path]:
    """Write the rejected rows where the owner chose: a batch's from the database, a check's by copy."""

    def job(_control: JobControl) -> Path:
        if batch_id is not None:
            # lazy: openpyxl loads only when rejected rows are exported, keeping start-up fast
            from shopcrm.services.reports.exporting import export_rejected_rows

            export_rejected_rows(db, batch_id, target)
        elif checked_file is not None:
            shutil.copyfile(checked_file, target)
        return target

    return job
