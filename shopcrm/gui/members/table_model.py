"""The members table model: an id list from the database, rows read a page at a time.

Filtering and sorting are SQL (services.member_table); the id query runs on the reader thread, so a
100k-member shop opens at once and re-sorts without freezing the window.  Only the pages the view
actually paints are read, and only the last few of them are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text, money
from shopcrm.labels import SOURCE_LABELS, STATUS_LABELS, class_label, label
from shopcrm.services.members.table import (
    COLUMNS,
    MemberFilter,
    MemberRow,
    SnapshotInfo,
    member_ids,
    member_rows,
)

PAGE_SIZE = 200
MAX_PAGES = 40
Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MemberTableModel(QAbstractTableModel):
    """Rows are members in the SQL order of the current filter and sort."""

    loaded = Signal(int)  # number of rows, after each (re)load
    load_failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = MemberFilter()
        self.sort_key = "card_no"
        self.descending = False
        self.ids: list[int] = []
        self.snapshot: SnapshotInfo | None = None
        self._pages: OrderedDict[int, dict[int, MemberRow]] = OrderedDict()
        self._generation = 0
        self.loading = False

    # ---- loading --------------------------------------------------------------------------------
    def set_filter(self, flt: MemberFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Ask the reader thread for the ids; the table keeps showing the old list until they come."""
        self._generation += 1
        generation = self._generation
        flt, key, desc, db = self.filter, self.sort_key, self.descending, self.ctx.db
        self.loading = True
        self.ctx.read(lambda _c: member_ids(db, flt, sort_key=key, descending=desc),
                      on_done=lambda result: self._ids_arrived(generation, result),
                      on_error=lambda exc: self._failed(generation, exc))

    def _ids_arrived(self, generation: int, result: tuple[list[int], SnapshotInfo | None]) -> None:
        if generation != self._generation:
            return  # a newer filter or sort was asked for meanwhile
        self.beginResetModel()
        self.ids, self.snapshot = result
        self._pages.clear()
        self.loading = False
        self.endResetModel()
        self.loaded.emit(len(self.ids))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            self.load_failed.emit(exc)

    def refresh_rows(self) -> None:
        """Data of shown members changed (a sale, an edit): forget cached pages, keep the order."""
        self._pages.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def row_of(self, member_id: int) -> int:
        try:
            return self.ids.index(member_id)
        except ValueError:
            return -1

    def member_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def member_row(self, row: int) -> MemberRow | None:
        if not 0 <= row < len(self.ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            chunk = self.ids[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
            page = member_rows(self.ctx.db, chunk, self.snapshot.id if self.snapshot else None)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self.ids[row])

    # ---- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return QCoreApplication.translate("MemberColumns", COLUMNS[section].title)
            return None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == MEMBER_ID_ROLE:
            return self.member_id(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.numeric else None
        row = self.member_row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status == "archived":
                return QColor("#8a8a8a")
            if column.key == "churn_level" and row.churn_level in ("medium", "high"):
                return QColor("#b3261e")
            return None
        return self.display(row, column.key)

    def display(self, row: MemberRow, key: str) -> str:
        currency = self.ctx.settings.currency
        if key == "name":
            name = row.name or ""
            return name + (" (" + label(STATUS_LABELS, "archived") + ")" if row.status == "archived" else "")
        if key == "phone":
            return row.phone_display
        if key == "level":
            levels = self.ctx.settings.levels
            return QCoreApplication.translate("levels", levels[min(row.level, len(levels) - 1)].name) if levels else ""
        if key == "points":
            return f"{row.points:,}"
        if key in ("segment", "pyramid", "lifecycle", "churn_level", "abcd"):
            code = getattr(row, key)
            return code if key == "abcd" else class_label(key, code)
        if key == "last_purchase":
            return date_text(row.last_purchase)
        if key == "visits":
            return "" if row.visits is None else str(row.visits)
        if key == "spend_cents":
            return "" if row.spend_cents is None else money(row.spend_cents, currency)
        if key == "source":
            return label(SOURCE_LABELS, row.source)
        if key == "registered_on":
            return date_text(row.registered_on)
        value = getattr(row, key, "")
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self.ids:
            return
        self.sort_key, self.descending = key, descending
        self.reload()
