"""What an import takes and gives back: its options and tuning, its result and rejected rows, and
the progress report that is also where a cancel is noticed.

Every importer and the wizard share these types; they sit apart from the machinery so that a
caller (the CLI, the wizard's jobs) names them without reaching into how a sheet is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.columns import CACHE_LIMIT, UNIQUE_AFTER
from shopcrm.io.values import DATE_ORDERS
from shopcrm.jobs import CancelToken, Progress

KINDS = ("sales", "members", "ratings")
PROGRESS_EVERY = 5_000


IMPORT_CANCELLED = QT_TRANSLATE_NOOP("errors", "The import was cancelled; nothing was imported.")


@dataclass(frozen=True)
class ImportTuning:
    """Chunk and cache sizes of the column-wise reader; tests set them small to cross every boundary."""

    chunk_rows: int = 10_000
    cache_limit: int = CACHE_LIMIT  # distinct values a column's cache keeps
    unique_after: int = UNIQUE_AFTER  # a column stops caching when its chunks bring mostly new values past this
    bulk_from: int = 16  # new values in a chunk from which a column's bulk parser is tried
    fast_paths: bool = True  # False: every fast path's slow twin (tests compare the two)


@dataclass
class ImportOptions:
    sheets: list[str] | None = None  # sheet names or 1-based numbers; None: every sheet that fits
    mappings: dict[str, dict[int, str]] | None = None  # sheet -> {column index: field}, from the wizard
    header_mapping: dict[str, str | None] | None = None  # header text or column letter -> field (CLI --mapping)
    remember_mapping: bool = True
    dry_run: bool = False
    overwrite: bool = False  # member lists: replace filled-in fields too
    errors_path: Path | None = None
    progress: Progress | None = None  # (done, total or 0, phase: reading | checking | writing | done)
    cancel: CancelToken | None = None
    tuning: ImportTuning = field(default_factory=ImportTuning)
    # Day/month/year order of text dates, by sheet name ("*": every sheet): dmy | mdy | ymd.  Without
    # it a column's order comes from its values; a column they leave open is rejected, never guessed.
    date_orders: dict[str, str] | None = None


REJECTED_ROWS_KEPT = 500  # rejected rows a result carries for the screen (all go to the rejects file)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    batch: int | None = None
    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    members_created: int = 0
    members_updated: int = 0
    skipped: int = 0
    purchases: int = 0
    sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors_file: Path | None = None
    earlier_batches: list[int] = field(default_factory=list)
    # Of `duplicates`: lines repeated within the file (sharing a receipt no.), not rows already in the shop.
    in_file_duplicates: int = 0
    # The first rejected rows with their row numbers, so a check can show them before anything is written.
    rejected_rows: list[Rejected] = field(default_factory=list)

    def nothing_imported(self) -> bool:
        """Every row was rejected: the run writes no batch and the CLI exits 1."""
        return self.rows > 0 and self.rejected == self.rows

    def summary(self) -> dict[str, Any]:
        """The SPEC §7 JSON summary, exactly these keys."""
        return {
            "batch": self.batch,
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "members_created": self.members_created,
        }


@dataclass
class Rejected:
    sheet: str
    row_number: int
    values: list[Any]
    reason: str


def report_progress(options: ImportOptions, phase: str, done: int, total: int | None) -> None:
    # After the commit ("done") a cancel would report a written batch as not imported: ignore it.
    if phase != "done" and options.cancel is not None:
        options.cancel.check(IMPORT_CANCELLED)
    if options.progress is not None:
        options.progress(float(done), float(total or 0), phase)


def check_options(options: ImportOptions) -> None:
    """Every path and option an import takes, checked before anything is read or written.

    A rejected-rows file that cannot be written must stop the import before its transaction,
    not after the commit (the owner would see an error for an import that did happen)."""
    target = options.errors_path
    if target is not None:
        target = Path(target)
        if target.suffix.lower() != ".xlsx":
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "The rejected-rows file {path} must end in .xlsx."), "errors", path=str(target)
            )
        if target.is_dir():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a file."), "errors", path=str(target))
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "The folder {path} does not exist; the rejected rows cannot be written there."),
                "errors",
                path=str(folder),
            )
        if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{path} cannot be written (no permission)."), "errors", path=str(target)
            )
    for order in {**(options.date_orders or {})}.values():
        if order not in DATE_ORDERS:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date order; use one of {orders}."),
                "date_order",
                value=str(order),
                orders=", ".join(DATE_ORDERS),
            )
