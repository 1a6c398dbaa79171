"""The page layout of a printed member list, shared by the print preview, the printer and the PDF.

One class measures the page of whatever device it is given (a QPrinter, a QPdfWriter), so what the
preview shows is what the printer and the PDF get.  Rows are one line each (long text is cut with
"…"), which makes the number of pages known before painting: "Page N of M" needs M on page 1.

First page: shop name, list title, dates and member count, the filter in words, the consent and
masking notes.  Every page: the column headings and a footer with the page number.  The cells are
formatted a page at a time while painting, so a list of 20 000 members never sits in memory as text
and the painter can report progress (and be cancelled) between pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from shopcrm.gui.printing.fonts import print_font
from shopcrm.services.campaigns.output import PreparedList

SAMPLE_ROWS = 400  # rows measured to size the columns
ROW_FACTOR = 1.6  # row height as a multiple of the text height
MAX_COLUMN_SHARE = 0.34  # no column takes more than a third of the width
ShadeColor = QColor("#f1ede8")
HeadColor = QColor("#e3dcd3")
LineColor = QColor("#8c8279")
MutedColor = QColor("#5f5750")
WarningColor = QColor("#b3261e")

PageCallback = Callable[[int, int], None]  # (pages done, pages in all); may raise to cancel


@dataclass(frozen=True)
class Fonts:
    shop: QFont
    title: QFont
    text: QFont
    bold: QFont
    small: QFont

    @classmethod
    def make(cls) -> Fonts:
        return cls(shop=print_font(11, bold=True), title=print_font(16, bold=True), text=print_font(9),
                   bold=print_font(9, bold=True), small=print_font(7.5))


class ListLayout:
    """Geometry of one list on one device; `render` paints every page."""

    def __init__(self, doc: PreparedList, device: QPagedPaintDevice) -> None:
        self.doc = doc
        self.device = device
        self.fonts = Fonts.make()
        self.width = float(device.width())
        self.height = float(device.height())
        self._fm = {name: QFontMetricsF(getattr(self.fonts, name), device)
                    for name in ("shop", "title", "text", "bold", "small")}
        text = self._fm["text"]
        self.row_height = text.height() * ROW_FACTOR
        self.pad = text.averageCharWidth() * 0.7
        self.gap = text.height() * 0.6
        self.head_height = self._fm["bold"].height() * 1.8
        self.footer_height = self._fm["small"].height() * 2.4
        self.first_header = self._first_header_height()
        self.running_header = self._fm["bold"].height() + self.gap
        self.rows_first = self._rows_fitting(self.first_header)
        self.rows_other = self._rows_fitting(self.running_header)
        self.column_widths = self._column_widths()

    # ---- measuring --------------------------------------------------------------------------------
    def _wrapped_height(self, name: str, text: str) -> float:
        rect = self._fm[name].boundingRect(QRectF(0, 0, self.width, 1e7), int(Qt.TextFlag.TextWordWrap), text)
        return rect.height()

    def _first_header_height(self) -> float:
        h = self._fm["shop"].height() if self.doc.shop_name else 0.0
        h += self._fm["title"].height() * 1.25
        h += self._wrapped_height("text", self.doc.info_line())
        h += self._wrapped_height("text", self.doc.filter_line())
        for note in self.doc.notes():
            h += self._wrapped_height("bold", note)
        return h + self.gap * 1.5

    def _rows_fitting(self, header: float) -> int:
        space = self.height - header - self.head_height - self.footer_height
        return max(1, int(space // self.row_height))

    def _column_widths(self) -> list[float]:
        columns = self.doc.columns
        if not columns:
            return []
        bold, text = self._fm["bold"], self._fm["text"]
        natural = [bold.horizontalAdvance(c.heading) + 2 * self.pad for c in columns]
        for row in self.doc.text_rows(0, SAMPLE_ROWS):
            for i, cell in enumerate(row):
                natural[i] = max(natural[i], text.horizontalAdvance(cell) + 2 * self.pad)
        for i, c in enumerate(columns):
            if c.checkbox:
                natural[i] = max(natural[i], self.row_height + 2 * self.pad)
        cap = self.width * MAX_COLUMN_SHARE
        natural = [min(w, cap) for w in natural]
        total = sum(natural)
        return [w * self.width / total for w in natural]

    # ---- pages --------------------------------------------------------------------------------------
    def page_count(self) -> int:
        n = self.doc.member_count
        if n <= self.rows_first:
            return 1
        return 1 + math.ceil((n - self.rows_first) / self.rows_other)

    def page_rows(self, index: int) -> tuple[int, int]:
        """(first row, end row) of page `index` (0-based)."""
        if index == 0:
            return 0, min(self.rows_first, self.doc.member_count)
        start = self.rows_first + (index - 1) * self.rows_other
        return start, min(start + self.rows_other, self.doc.member_count)

    def render(self, painter: QPainter, *, on_page: PageCallback | None = None) -> int:
        """Paint every page on the device the painter is open on; returns the page count."""
        pages = self.page_count()
        for index in range(pages):
            if index:
                self.device.newPage()
            self.paint_page(painter, index, pages)
            if on_page is not None:
                on_page(index + 1, pages)
        return pages

    def paint_page(self, painter: QPainter, index: int, pages: int) -> None:
        painter.save()
        y = self._paint_first_header(painter) if index == 0 else self._paint_running_header(painter)
        start, end = self.page_rows(index)
        y = self._paint_table_head(painter, y)
        if self.doc.member_count == 0:
            painter.setFont(self.fonts.text)
            painter.drawText(QRectF(0, y, self.width, self.row_height * 2), int(Qt.AlignmentFlag.AlignCenter),
                             self.doc.empty_text())
        else:
            self._paint_rows(painter, y, start, end)
        self._paint_footer(painter, index + 1, pages)
        painter.restore()

    # ---- painting -----------------------------------------------------------------------------------
    def _line(self, painter: QPainter, name: str, y: float, text: str, *, wrap: bool = False,
              color: QColor | None = None) -> float:
        painter.setFont(getattr(self.fonts, name))
        painter.setPen(color or QColor("black"))
        height = self._wrapped_height(name, text) if wrap else self._fm[name].height()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if wrap:
            flags |= int(Qt.TextFlag.TextWordWrap)
        painter.drawText(QRectF(0, y, self.width, height), flags, text)
        return y + height

    def _paint_first_header(self, painter: QPainter) -> float:
        doc = self.doc
        y = 0.0
        if doc.shop_name:
            y = self._line(painter, "shop", y, doc.shop_name, color=MutedColor)
        title_height = self._fm["title"].height()
        self._line(painter, "title", y, self._fm["title"].elidedText(doc.title, Qt.TextElideMode.ElideRight,
                                                                      self.width))
        y += title_height * 1.25
        y = self._line(painter, "text", y, doc.info_line(), wrap=True)
        y = self._line(painter, "text", y, doc.filter_line(), wrap=True)
        for i, note in enumerate(doc.notes()):
            # The consent and masking notes are bold; an owner's override of either in red.
            warn = (i == 0 and not doc.consent_only) or (i == 1 and not doc.masked)
            y = self._line(painter, "bold", y, note, wrap=True, color=WarningColor if warn else None)
        return y + self.gap * 1.5

    def _paint_running_header(self, painter: QPainter) -> float:
        text = f"{self.doc.title} — {self.doc.shop_name}" if self.doc.shop_name else self.doc.title
        painter.setFont(self.fonts.bold)
        painter.setPen(MutedColor)
        painter.drawText(QRectF(0, 0, self.width, self._fm["bold"].height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         self._fm["bold"].elidedText(text, Qt.TextElideMode.ElideRight, self.width))
        return self.running_header

    def _paint_table_head(self, painter: QPainter, y: float) -> float:
        painter.fillRect(QRectF(0, y, self.width, self.head_height), HeadColor)
        painter.setFont(self.fonts.bold)
        painter.setPen(QColor("black"))
        x = 0.0
        for column, width in zip(self.doc.columns, self.column_widths, strict=True):
            align = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            rect = QRectF(x + self.pad, y, width - 2 * self.pad, self.head_height)
            painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter),
                             self._fm["bold"].elidedText(column.heading, Qt.TextElideMode.ElideRight, rect.width()))
            x += width
        painter.setPen(QPen(LineColor, max(1.0, self.device.logicalDpiY() / 150)))
        painter.drawLine(QLineF(0, y + self.head_height, self.width, y + self.head_height))
        return y + self.head_height

    def _paint_rows(self, painter: QPainter, y: float, start: int, end: int) -> None:
        fm = self._fm["text"]
        painter.setFont(self.fonts.text)
        box_pen = QPen(LineColor, max(1.0, self.device.logicalDpiY() / 200))
        text_pen = QPen(QColor("black"))
        side = fm.height() * 0.85
        # Text is placed on its baseline (QPointF): much cheaper than a laid-out rectangle per cell.
        baseline = (self.row_height - fm.height()) / 2 + fm.ascent()
        for offset, cells in enumerate(self.doc.text_rows(start, end)):
            top = y + offset * self.row_height
            if (start + offset) % 2 == 1:
                painter.fillRect(QRectF(0, top, self.width, self.row_height), ShadeColor)
            x = 0.0
            for column, width, cell in zip(self.doc.columns, self.column_widths, cells, strict=True):
                room = width - 2 * self.pad
                if column.checkbox and not cell:
                    painter.setPen(box_pen)
                    painter.drawRect(QRectF(x + self.pad, top + (self.row_height - side) / 2, side, side))
                elif cell:
                    painter.setPen(text_pen)
                    text = fm.elidedText(cell, Qt.TextElideMode.ElideRight, room)
                    left = x + self.pad + (room - fm.horizontalAdvance(text) if column.numeric else 0.0)
                    painter.drawText(QPointF(left, top + baseline), text)
                x += width

    def _paint_footer(self, painter: QPainter, page: int, pages: int) -> None:
        fm = self._fm["small"]
        top = self.height - fm.height() * 1.4
        painter.setPen(QPen(LineColor, max(1.0, self.device.logicalDpiY() / 300)))
        painter.drawLine(QLineF(0, top - fm.height() * 0.4, self.width, top - fm.height() * 0.4))
        painter.setFont(self.fonts.small)
        painter.setPen(MutedColor)
        page_text = self.doc.page_text(page, pages)
        page_width = fm.horizontalAdvance(page_text) + self.pad
        left = " · ".join(t for t in (self.doc.shop_name, self.doc.title) if t)
        painter.drawText(QPointF(0, top + fm.ascent()),
                         fm.elidedText(left, Qt.TextElideMode.ElideRight, self.width - page_width - 4 * self.pad))
        painter.drawText(QRectF(0, top, self.width, fm.height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), page_text)
