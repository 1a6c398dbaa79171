"""Where a laid-out list goes: a PDF file, the system print dialog with preview, or a chosen printer.

The PDF is written to a temporary file beside the target and moved into place only when complete,
so a cancelled or failed print never leaves half a file (nor overwrites a good one).  Writing a PDF
or painting on a QPrinter works on any thread, which lets the Campaigns screen print long lists on
the worker; the preview dialog paints in the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.gui.printing.fonts import print_family
from shopcrm.gui.printing.layout import ListLayout, PageCallback
from shopcrm.gui.printing.pdf_text import fix_to_unicode, radical_map
from shopcrm.services.campaigns.output import PreparedList

PDF_RESOLUTION = 300
MARGIN_MM = 12.0
LANDSCAPE_FROM_COLUMNS = 9  # nine or more columns print across the page


def page_layout(doc: PreparedList) -> QPageLayout:
    """A4, portrait unless the list has many columns."""
    orientation = (QPageLayout.Orientation.Landscape if len(doc.columns) >= LANDSCAPE_FROM_COLUMNS
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def paint_list(doc: PreparedList, device: QPagedPaintDevice, on_page: PageCallback | None = None) -> int:
    """Paint the whole list on a device (printer or PDF writer) set up by the caller; returns pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise ShopError(QT_TRANSLATE_NOOP("errors", "The printer could not be started."))
    try:
        return ListLayout(doc, device).render(painter, on_page=on_page)
    finally:
        painter.end()


def pdf_page_count(doc: PreparedList) -> int:
    """How many pages the PDF of this list has (for a confirmation before printing a long list)."""
    writer = QPdfWriter(os.devnull if not sys.platform.startswith("win") else "NUL")
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(doc))
    return ListLayout(doc, writer).page_count()


def checked_pdf_path(target: str | os.PathLike[str]) -> Path:
    """The PDF's path, refused before any work when it is not a .pdf in an existing folder."""
    path = Path(target)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The file name must end in .pdf."), "path")
    if not path.parent.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), "path",
                              folder=str(path.parent))
    return path


def write_pdf_file(path: Path, title: str, resolution: int, paint: Callable[[QPdfWriter], int]) -> int:
    """Paint a PDF into a hidden partial file beside `path`, fix its text layer (CJK glyphs and digits
    copy and search as text), then move it into place; on any failure nothing is left behind.
    `paint` gets the writer (and must not keep it: the file closes when the writer goes) and
    returns the page count."""
    partial = path.with_name(f".{path.name}.part")
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(resolution)
        writer.setTitle(title)
        writer.setCreator("ShopCRM")
        pages = paint(writer)
        del writer  # closes the file
        if not partial.exists() or partial.stat().st_size == 0:
            raise ShopError(QT_TRANSLATE_NOOP("errors", "Cannot write the file {path}."), path=str(path))
        data = fix_to_unicode(partial.read_bytes(), radical_map(print_family()))
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "Cannot write the file {path}: {reason}"), path=str(path),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return pages


def write_pdf(doc: PreparedList, target: str | os.PathLike[str], on_page: PageCallback | None = None) -> int:
    """Write the list as an A4 PDF; returns the page count.  `on_page` may raise to cancel."""
    path = checked_pdf_path(target)

    def paint(writer: QPdfWriter) -> int:
        writer.setPageLayout(page_layout(doc))
        return paint_list(doc, writer, on_page)

    return write_pdf_file(path, doc.title, PDF_RESOLUTION, paint)


def new_printer(doc: PreparedList) -> QPrinter:
    """A printer set up for this list (A4, margins, document name); the dialogs may change it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(doc))
    printer.setDocName(doc.title)
    printer.setCreator("ShopCRM")
    return printer
