"""Slips (takings, stored-value statement, coupon voucher) on an 80 mm receipt roll or on A4.

A receipt page is 80 mm wide (72 mm printable) and as long as its content: the height is measured
first, then the page is made that long, as receipt printer drivers expect.  On A4 the same slip is
printed at the top of the page.  Each slip is one page; a PDF holds as many as it is given.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.gui.printing.app import ensure_print_application
from shopcrm.gui.printing.fonts import print_font
from shopcrm.gui.printing.output import checked_pdf_path, write_pdf_file
from shopcrm.services.sales.slips import Slip

RECEIPT_MM = 80.0
RECEIPT_MARGIN_MM = 4.0
A4_MARGIN_MM = 15.0
RESOLUTION = 300
WIDTHS = ("80mm", "a4")


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


class SlipPainter:
    """Measures and paints one slip in a given printable width (device pixels)."""

    def __init__(self, slip: Slip, width_px: float, receipt: bool) -> None:
        self.slip = slip
        self.width = width_px
        size = 8.0 if receipt else 10.0
        self.body = print_font(size)
        self.bold = print_font(size, bold=True)
        self.title = print_font(size * 1.35, bold=True)
        self.big = print_font(size * 1.8, bold=True)

    def _line_height(self, font: QFont) -> float:
        """From the point size at the PDF's resolution (screen font metrics would be at 96 dpi)."""
        return font.pointSizeF() / 72 * RESOLUTION * 1.55

    def height(self) -> float:
        return self.paint(None)

    def paint(self, painter: QPainter | None) -> float:
        """Draws when given a painter; returns the height used either way."""
        y = 0.0

        def text(value: str, font: QFont, align: Qt.AlignmentFlag, right: str = "") -> None:
            nonlocal y
            h = self._line_height(font)
            if painter is not None:
                painter.setFont(font)
                rect = QRectF(0, y, self.width, h)
                painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), value)
                if right:
                    painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), right)
            y += h

        if self.slip.shop:
            text(self.slip.shop, self.title, Qt.AlignmentFlag.AlignHCenter)
        text(self.slip.title, self.bold, Qt.AlignmentFlag.AlignHCenter)
        y += self._line_height(self.body) * 0.4
        for line in self.slip.lines:
            text(line.label, self.bold if line.bold else self.body, Qt.AlignmentFlag.AlignLeft, line.value)
        if self.slip.qr is not None:
            modules = len(self.slip.qr) + 8  # a quiet zone of 4 on each side
            side = min(self.width * 0.6, _mm(40))
            cell = side / modules
            left = (self.width - side) / 2
            y += cell * 2
            if painter is not None:
                painter.save()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("black"))
                for r, row in enumerate(self.slip.qr):
                    for c, dark in enumerate(row):
                        if dark:
                            painter.drawRect(QRectF(left + (c + 4) * cell, y + (r + 4) * cell, cell * 1.01, cell * 1.01))
                painter.restore()
            y += side
        if self.slip.big_text:
            text(self.slip.big_text, self.big, Qt.AlignmentFlag.AlignHCenter)
        if self.slip.footer:
            y += self._line_height(self.body) * 0.4
            text(self.slip.footer, self.body, Qt.AlignmentFlag.AlignHCenter)
        return y


def write_slips_pdf(slips: list[Slip], target: str | os.PathLike[str], width: str = "80mm") -> int:
    """Write the slips, one per page, as a PDF for an 80 mm receipt printer or A4; returns pages."""
    if width not in WIDTHS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The paper is 80mm or a4."), "width")
    if not slips:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "There is nothing to print."), "slips")
    path = checked_pdf_path(target)
    ensure_print_application()
    receipt = width == "80mm"
    margin = RECEIPT_MARGIN_MM if receipt else A4_MARGIN_MM
    paper_width = RECEIPT_MM if receipt else 210.0
    printable = _mm(paper_width - 2 * margin)
    layouts = []
    for slip in slips:
        painter_ = SlipPainter(slip, printable, receipt)
        height_mm = painter_.height() / RESOLUTION * 25.4 + 2 * margin + 2
        size = QPageSize(QSizeF(paper_width, max(height_mm, 60.0)), QPageSize.Unit.Millimeter) if receipt \
            else QPageSize(QPageSize.PageSizeId.A4)
        layouts.append((painter_, QPageLayout(size, QPageLayout.Orientation.Portrait,
                                              QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)))

    def paint(writer: QPdfWriter) -> int:
        writer.setPageLayout(layouts[0][1])
        painter = QPainter()
        if not painter.begin(writer):
            raise ShopError(QT_TRANSLATE_NOOP("errors", "The printer could not be started."))
        try:
            for index, (slip_painter, layout) in enumerate(layouts):
                if index:
                    writer.setPageLayout(layout)
                    writer.newPage()
                slip_painter.paint(painter)
        finally:
            painter.end()
        return len(layouts)

    return write_pdf_file(path, slips[0].title, RESOLUTION, paint)
