"""Printing, preview, PDF and spreadsheet export of a list, from the Campaigns screen.

The list is read and laid out on the worker threads (a PDF, a spreadsheet and a chosen printer are
all written there, with progress and cancel in the status bar); only the preview dialog paints in
the GUI thread, as Qt's preview requires, with a progress dialog for long lists.  Unmasked phones
and members without consent ask for the owner password first, when one is set.  Every output is
recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QProgressDialog, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.printing.output import new_printer, page_layout, paint_list, write_pdf
from shopcrm.gui.window_state import fit_to_screen
from shopcrm.gui.worker import JobControl
from shopcrm.jobs import Cancelled, Progress
from shopcrm.services.campaigns.export import write_list_workbook
from shopcrm.services.campaigns.lists import promotion_filter
from shopcrm.services.campaigns.output import (
    PreparedList,
    prepare_campaign_list,
    prepare_filter_list,
    prepare_member_list,
    record_output,
)
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import member_ids
from shopcrm.services.shop import audit
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.owner_password import has_owner_password

PREVIEW_PROGRESS_FROM_PAGES = 15  # longer previews show a progress dialog while painting
OUTPUT_KIND = "campaign-output"


@dataclass(frozen=True)
class ListSource:
    """What to print: a saved campaign, or an unsaved list from a filter."""

    campaign_id: int | None = None
    flt: MemberFilter | None = None
    title: str = ""
    columns: tuple[str, ...] | None = None
    consent_only: bool = True
    # The members a screen shows, in its order, and its filter in words: a chart cell's own id list, or
    # the Members table's filter and sort (read in the job, not on the GUI thread: it can be 100k ids).
    member_ids: tuple[int, ...] | None = None
    member_filter: MemberFilter | None = None
    sort_key: str = "card_no"
    descending: bool = False
    filter_lines: tuple[str, ...] = ()
    snapshot_id: int | None = None

    def prepare(self, db: Database, masked: bool, password: str | None,
                progress: Progress | None = None) -> PreparedList:
        ids = self.member_ids
        if ids is None and self.member_filter is not None:
            ids = tuple(member_ids(db, self.member_filter, sort_key=self.sort_key, descending=self.descending)[0])
        if ids is not None:
            return prepare_member_list(db, ids, title=self.title, filter_lines=self.filter_lines,
                                       consent_only=self.consent_only, snapshot_id=self.snapshot_id,
                                       columns=self.columns, masked=masked, password=password, progress=progress)
        if self.campaign_id is not None:
            return prepare_campaign_list(db, self.campaign_id, columns=self.columns, masked=masked,
                                         password=password, progress=progress)
        return prepare_filter_list(db, self.flt or promotion_filter(), title=self.title, columns=self.columns,
                                   masked=masked, password=password, progress=progress)


def default_file_name(title: str, suffix: str) -> str:
    clean = re.sub(r"[\\/:*?\"<>|\s]+", "_", title).strip("_.") or "list"
    return f"{clean[:60]}_{dt.date.today():%Y-%m-%d}{suffix}"


class ListOutputs(QObject):
    """One per screen.  Each method asks what it must (password, file, printer) and queues the work."""

    finished_message = Signal(str)  # "N members on P pages saved to ..." for the screen to show

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self._printers: list[QPrinter] = []  # kept alive while a print job runs
        self.last_preview: QPrintPreviewDialog | None = None

    # ---- guard -------------------------------------------------------------------------------------
    def owner_password(self, source: ListSource, masked: bool) -> tuple[bool, str | None]:
        """(go ahead, password): asks only when unmasked or non-consenting output needs the owner."""
        if masked and source.consent_only:
            return True, None
        if not has_owner_password(self.ctx.db):
            return True, None
        reason = (self.tr("Phone numbers in full need the owner password.") if not masked
                  else self.tr("Members who did not agree to promotions need the owner password."))
        text, ok = QInputDialog.getText(self.widget, self.tr("Owner password"), reason, QLineEdit.EchoMode.Password)
        return ok, text if ok else None

    # ---- preview and print -------------------------------------------------------------------------
    def preview(self, source: ListSource, masked: bool) -> None:
        ok, password = self.owner_password(source, masked)
        if not ok:
            return
        db = self.ctx.db
        self.ctx.read(lambda _c: source.prepare(db, masked, password), on_done=self._open_preview,
                      on_error=lambda exc: self.ctx.show_error(exc, self.widget))

    def make_preview(self, prepared: PreparedList) -> QPrintPreviewDialog:
        printer = new_printer(prepared)
        dialog = QPrintPreviewDialog(printer, self.widget)
        dialog.setWindowTitle(self.tr("Print preview: {title}").format(title=prepared.title))
        fit_to_screen(dialog, 900, 1000)  # an A4 page is taller than a 768-pixel screen
        dialog.paintRequested.connect(lambda p: self._paint_in_gui_thread(prepared, p))
        dialog.setProperty("printer", printer)
        self._printers.append(printer)
        self.last_preview = dialog
        return dialog

    def _open_preview(self, prepared: PreparedList) -> None:
        dialog = self.make_preview(prepared)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._record(prepared, audit.PRINT, None)
        finally:
            self._printers.remove(dialog.property("printer"))

    def _paint_in_gui_thread(self, prepared: PreparedList, printer: QPrinter) -> None:
        progress: QProgressDialog | None = None

        def on_page(done: int, total: int) -> None:
            nonlocal progress
            if total < PREVIEW_PROGRESS_FROM_PAGES:
                return
            if progress is None:
                progress = QProgressDialog(self.tr("Laying out the pages ..."), self.tr("Cancel"), 0, total,
                                           self.widget)
                progress.setWindowModality(Qt.WindowModality.WindowModal)
                progress.setMinimumDuration(300)
            progress.setValue(done)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if progress.wasCanceled():
                raise Cancelled()

        try:
            paint_list(prepared, printer, on_page)
        except Cancelled:
            pass
        finally:
            if progress is not None:
                progress.close()

    def print_direct(self, source: ListSource, masked: bool) -> None:
        """The system print dialog, then the pages are sent to the printer from the worker thread."""
        ok, password = self.owner_password(source, masked)
        if not ok:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db = self.ctx.db
        self._printers.append(printer)

        def job(control: JobControl) -> int:
            prepared = source.prepare(db, masked, password)
            printer.setPageLayout(page_layout(prepared))
            printer.setDocName(prepared.title)
            try:
                pages = paint_list(prepared, printer, control.progress)
            except Cancelled:
                printer.abort()  # nothing reaches the printer
                raise
            record_output(db, prepared, audit.PRINT, None)
            return pages

        handle = self.ctx.run(job, label=self.tr("Printing the list"), kind=OUTPUT_KIND, show_progress=True,
                              parent=self.widget)
        handle.finished.connect(lambda: self._printers.remove(printer) if printer in self._printers else None)

    # ---- files ---------------------------------------------------------------------------------------
    def _ask_file(self, title: str, caption: str, suffix: str, file_filter: str) -> Path | None:
        chosen = ask_save_name(self.widget, caption, default_file_name(title, suffix), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def save_pdf(self, source: ListSource, masked: bool, target: Path | None = None) -> None:
        ok, password = self.owner_password(source, masked)
        if not ok:
            return
        target = target or self._ask_file(source.title, self.tr("Save the list as PDF"), ".pdf", "PDF (*.pdf)")
        if target is None:
            return
        db = self.ctx.db

        def job(control: JobControl) -> tuple[Path, int, int]:
            prepared = source.prepare(db, masked, password)
            pages = write_pdf(prepared, target, control.progress)
            record_output(db, prepared, audit.PRINT, target)
            return target, prepared.member_count, pages

        self.ctx.run(job, label=self.tr("Writing the PDF"), kind=OUTPUT_KIND, show_progress=True,
                     on_done=lambda r: self._saved(self.tr("{n} members on {pages} pages saved to {path}").format(
                         n=f"{r[1]:,}", pages=r[2], path=r[0])), parent=self.widget)

    def export(self, source: ListSource, masked: bool, target: Path | None = None) -> None:
        ok, password = self.owner_password(source, masked)
        if not ok:
            return
        target = target or self._ask_file(source.title, self.tr("Export the list to Excel"), ".xlsx",
                                          self.tr("Excel workbook (*.xlsx)"))
        if target is None:
            return
        db = self.ctx.db

        def job(control: JobControl) -> tuple[Path, int]:
            prepared = source.prepare(db, masked, password, control.progress)
            count = write_list_workbook(prepared, target)
            record_output(db, prepared, audit.EXPORT, target)
            return target, count

        self.ctx.run(job, label=self.tr("Exporting the list"), kind=OUTPUT_KIND, show_progress=True,
                     on_done=lambda r: self._saved(self.tr("{n} members exported to {path}").format(n=f"{r[1]:,}", path=r[0])),
                     parent=self.widget)

    # ---- after ---------------------------------------------------------------------------------------
    def _record(self, prepared: PreparedList, action: str, target: Path | None) -> None:
        db = self.ctx.db
        self.ctx.run(lambda _c: record_output(db, prepared, action, target), kind=OUTPUT_KIND, parent=self.widget)

    def _saved(self, message: str) -> None:
        self.finished_message.emit(message)
        status = getattr(self.widget.window(), "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
