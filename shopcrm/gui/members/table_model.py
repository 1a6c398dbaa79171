"""The members table model: a count and windows of rows from the database, never the whole list.

Filtering and sorting are SQL (services.members.table / .window).  Opening the list reads its count
and first window on the reader thread; rows further down are read a page at a time on the reader
thread as they scroll into view (their cells paint empty for that moment, the window never waits),
each page found from a cached neighbour by keyset (sort key + id) or, after a jump, by offset.  The
page after one just read is fetched ahead on the background reader.  Only the last few pages are
kept.  Asking for one row's member (selection, double-click) reads its page at once.

A search that finds few enough members (services.members.window.SEARCH_LIST) arrives as its whole
id list, and a subclass may supply an explicit id list (`_ids_arrived`, a chart cell's members):
then rows are read by id a page at a time (a few milliseconds: primary-key look-ups).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
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
from shiboken6 import isValid

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
from shopcrm.services.members.window import ListHead, WindowEntry, list_head, member_window, position_of

PAGE_SIZE = 200
MAX_PAGES = 40
Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class _Page:
    entries: list[WindowEntry]
    rows: dict[int, MemberRow]


@dataclass
class _Head:
    """A reload's result: the list's head and first page, and where the member to keep is."""

    head: ListHead
    first: _Page
    kept: int | None = None
    kept_row: int | None = None
    kept_page: tuple[int, _Page] | None = None


class MemberTableModel(QAbstractTableModel):
    """Rows are members in the SQL order of the current filter and sort."""

    loaded = Signal(int)  # number of rows, after each (re)load
    load_failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: Any = None, *, page_size: int = PAGE_SIZE,
                 max_pages: int = MAX_PAGES, prefetch: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = MemberFilter()
        self.sort_key = "card_no"
        self.descending = False
        # The filter and order of the rows on screen: until a reload's list arrives they are the
        # previous ones, and so must every page read to fill them be (keys of one order are no
        # position in another).
        self.shown_as: tuple[MemberFilter, str, bool] = (self.filter, self.sort_key, self.descending)
        self.page_size = max(1, page_size)
        self.max_pages = max(2, max_pages)
        self.prefetch = prefetch
        self.ids: list[int] | None = None  # an explicit id list (subclasses); None: windows of the filter
        self.snapshot: SnapshotInfo | None = None
        self._count = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._prefetching: set[int] = set()  # pages being read
        self._ahead: set[int] = set()  # of which read ahead, on the background reader
        self._waiting: set[int] = set()  # shown pages to read once a neighbour on its way arrives
        self._generation = 0
        self.loading = False
        # The member to keep selected across a reload (the view's selection): their row is found
        # on the reader thread with the list, not on the GUI thread afterwards.
        self.keep_member: Callable[[], int | None] | None = None
        self._kept: tuple[int, int | None] | None = None

    # ---- loading --------------------------------------------------------------------------------
    def set_filter(self, flt: MemberFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Ask the reader thread for the count and first window; the old list shows until they come."""
        self._generation += 1
        generation = self._generation
        flt, key, desc, db, size = self.filter, self.sort_key, self.descending, self.ctx.db, self.page_size
        self.loading = True

        keep = self.keep_member() if self.keep_member is not None else None

        def head(_c: Any) -> _Head:
            h = list_head(db, flt, sort_key=key, descending=desc, limit=size)
            snapshot_id = h.snapshot.id if h.snapshot else None
            out = _Head(h, _Page(h.first, member_rows(db, [e.member_id for e in h.first], snapshot_id)))
            if keep is not None:  # where the selected member is now, and the page they are on
                if h.ids is not None:
                    out.kept_row = h.ids.index(keep) if keep in h.ids else None
                else:
                    out.kept_row = position_of(db, flt, snapshot_id, keep, sort_key=key, descending=desc)
                page_no = (out.kept_row or 0) // size
                if out.kept_row is not None and page_no > 0 and out.kept_row < h.count:
                    entries = (h.ids[page_no * size:(page_no + 1) * size] if h.ids is not None else None)
                    window = ([WindowEntry(i, (i,)) for i in entries] if entries is not None else
                              member_window(db, flt, snapshot_id, sort_key=key, descending=desc, limit=size,
                                            offset=page_no * size))
                    out.kept_page = (page_no, _Page(window, member_rows(db, [e.member_id for e in window],
                                                                         snapshot_id)))
            out.kept = keep
            return out

        self.ctx.read(head, on_done=lambda result: self._head_arrived(generation, result, (flt, key, desc)),
                      on_error=lambda exc: self._failed(generation, exc))

    def _head_arrived(self, generation: int, result: _Head, shown_as: tuple[MemberFilter, str, bool]) -> None:
        if generation != self._generation:
            return  # a newer filter or sort was asked for meanwhile
        head = result.head
        self.beginResetModel()
        self.shown_as = shown_as
        self.ids = head.ids  # a search found whole (its pages are then read by id), else windows
        self._count, self.snapshot = head.count, head.snapshot
        self._pages.clear()
        self._prefetching.clear()
        self._ahead.clear()
        self._waiting.clear()
        if head.first:
            self._pages[0] = result.first
        if result.kept_page is not None:
            self._pages[result.kept_page[0]] = result.kept_page[1]
        self._kept = (result.kept, result.kept_row) if result.kept is not None else None
        self.loading = False
        self.endResetModel()
        self.loaded.emit(self._count)

    def _ids_arrived(self, generation: int, result: tuple[list[int], SnapshotInfo | None]) -> None:
        """An explicit id list in its order (a subclass's source)."""
        if generation != self._generation:
            return
        self.shown_as = (self.filter, self.sort_key, self.descending)
        self._kept = None
        self.beginResetModel()
        ids, self.snapshot = result
        self.ids = list(ids)
        self._count = len(self.ids)
        self._pages.clear()
        self._prefetching.clear()
        self._ahead.clear()
        self._waiting.clear()
        self.loading = False
        self.endResetModel()
        self.loaded.emit(self._count)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            self.load_failed.emit(exc)

    def refresh_rows(self) -> None:
        """Data of shown members changed (a sale, an edit): forget cached pages, keep the order."""
        self._kept = None
        self._pages.clear()
        self._prefetching.clear()
        self._ahead.clear()
        self._waiting.clear()
        self._generation += 1  # prefetches under way belong to the old data
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def all_ids(self) -> list[int]:
        """Every member the table lists, in its order (print and export take all of them, not one
        window): the explicit list, else the service reads the whole filtered, sorted list."""
        if self.ids is not None:
            return list(self.ids)
        flt, key, desc = self.shown_as
        ids, _snapshot = member_ids(self.ctx.db, flt, sort_key=key, descending=desc)
        return ids

    def row_of(self, member_id: int) -> int:
        """The member's row (-1: not in the list); the selected member's was found with the list."""
        if self._kept is not None and self._kept[0] == member_id:
            row = self._kept[1]
            return -1 if row is None or row >= self._count else row
        if self.ids is not None:
            try:
                return self.ids.index(member_id)
            except ValueError:
                return -1
        for page_no, page in self._pages.items():
            for i, entry in enumerate(page.entries):
                if entry.member_id == member_id:
                    return page_no * self.page_size + i
        flt, key, desc = self.shown_as
        row = position_of(self.ctx.db, flt, self._snapshot_id(), member_id, sort_key=key, descending=desc)
        return -1 if row is None or row >= self._count else row

    def member_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        if self.ids is not None:
            return self.ids[row]
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page.entries[offset].member_id if offset < len(page.entries) else None

    def member_row(self, row: int) -> MemberRow | None:
        member_id = self.member_id(row)
        if member_id is None:
            return None
        return self._page(row // self.page_size).rows.get(member_id)

    def _shown_row(self, row: int) -> MemberRow | None:
        """A row to paint: from the cache, else asked for off the GUI thread (None until it comes)."""
        if self.ids is not None or not 0 <= row < self._count:
            return self.member_row(row)
        page_no, offset = divmod(row, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            self._request(page_no)
            return None
        self._pages.move_to_end(page_no)
        return page.rows.get(page.entries[offset].member_id) if offset < len(page.entries) else None

    def _snapshot_id(self) -> int | None:
        return self.snapshot.id if self.snapshot else None

    def _page(self, page_no: int) -> _Page:
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page
        page = self._read_page(page_no)
        self._keep(page_no, page)
        if self.prefetch and self.ids is None:
            self._prefetch(page_no + 1)
        return page

    def _keep(self, page_no: int, page: _Page) -> None:
        self._pages[page_no] = page
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def _read_page(self, page_no: int) -> _Page:
        db, snapshot_id, size = self.ctx.db, self._snapshot_id(), self.page_size
        if self.ids is not None:
            ids = self.ids[page_no * size:(page_no + 1) * size]
            return _Page([WindowEntry(i, (i,)) for i in ids], member_rows(db, ids, snapshot_id))
        entries = self._window(page_no)
        return _Page(entries, member_rows(db, [e.member_id for e in entries], snapshot_id))

    def _window(self, page_no: int) -> list[WindowEntry]:
        """The page's entries: keyset from a cached neighbour when there is one, else by offset."""
        size = self.page_size
        limit = min(size, self._count - page_no * size)
        (flt, key, desc), db, snapshot_id = self.shown_as, self.ctx.db, self._snapshot_id()
        previous, following = self._pages.get(page_no - 1), self._pages.get(page_no + 1)
        if previous is not None and len(previous.entries) == size:
            return member_window(db, flt, snapshot_id, sort_key=key, descending=desc, limit=limit,
                                 after=previous.entries[-1].key)
        if following is not None and following.entries:
            return member_window(db, flt, snapshot_id, sort_key=key, descending=desc, limit=limit,
                                 before=following.entries[0].key)
        return member_window(db, flt, snapshot_id, sort_key=key, descending=desc, limit=limit, offset=page_no * size)

    @property
    def fetching(self) -> bool:
        """Pages of shown rows asked for and not arrived yet (their cells show empty meanwhile);
        reads ahead on the background reader do not count."""
        return bool(self._prefetching - self._ahead) or bool(self._waiting)

    def _prefetch(self, page_no: int) -> None:
        """Read the next page on the background reader, so scrolling on finds it ready."""
        self._request(page_no, background=True)

    def _request(self, page_no: int, *, background: bool = False) -> None:
        """Read a page off the GUI thread (keyset from a cached neighbour, else by offset); its rows
        repaint when it arrives, so a jump across a large list never freezes the window."""
        first = page_no * self.page_size
        if not background:
            self._ahead.discard(page_no)  # a page read ahead is now waited for: its arrival repaints it
        if page_no < 0 or first >= self._count or page_no in self._pages or page_no in self._prefetching:
            return
        previous, following = self._pages.get(page_no - 1), self._pages.get(page_no + 1)
        where: dict[str, Any] = {"offset": first}
        if previous is not None and len(previous.entries) == self.page_size:
            where = {"after": previous.entries[-1].key}
        elif following is not None and following.entries:
            where = {"before": following.entries[0].key}
        elif not background and self.ids is None and any(
                n in self._prefetching - self._ahead for n in (page_no - 1, page_no + 1)):
            # a jump shows two pages: the second follows from the first by keyset when it arrives,
            # instead of a second walk to the same far offset
            self._waiting.add(page_no)
            return
        generation = self._generation
        shown_as = self.shown_as
        (flt, key, desc), db, snapshot_id = shown_as, self.ctx.db, self._snapshot_id()
        limit = min(self.page_size, self._count - first)
        self._prefetching.add(page_no)
        if background:
            self._ahead.add(page_no)

        def read(_c: Any) -> _Page:
            entries = member_window(db, flt, snapshot_id, sort_key=key, descending=desc, limit=limit, **where)
            return _Page(entries, member_rows(db, [e.member_id for e in entries], snapshot_id))

        def arrived(page: _Page) -> None:
            # the screen may be gone meanwhile, or show another list (a sort asked for before the
            # read, whose list arrived before it)
            if not isValid(self) or generation != self._generation or shown_as is not self.shown_as:
                return
            self._prefetching.discard(page_no)
            self._ahead.discard(page_no)
            if page_no in self._pages:
                return
            self._keep(page_no, page)
            if page.entries:  # rows painted empty while it was on its way show now
                self.dataChanged.emit(self.index(first, 0),
                                      self.index(first + len(page.entries) - 1, len(COLUMNS) - 1))
            self._request_waiting(page_no)
            if not background:
                self._request(page_no + 1, background=True)

        def failed(exc: BaseException) -> None:  # a prefetch is read again when it is shown
            if isValid(self) and generation == self._generation and shown_as is self.shown_as:
                self._prefetching.discard(page_no)
                self._ahead.discard(page_no)
                self._request_waiting(page_no)
                if not background:
                    self.load_failed.emit(exc)

        self.ctx.read(read, on_done=arrived, on_error=failed, background=background)

    def _request_waiting(self, page_no: int) -> None:
        """The pages that waited for this neighbour: read them now (by keyset when it arrived)."""
        for waiting in (page_no + 1, page_no - 1):
            if waiting in self._waiting:
                self._waiting.discard(waiting)
                self._request(waiting)

    # ---- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

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
        row = self._shown_row(index.row())
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
        if (key, descending) == (self.sort_key, self.descending) and self._generation:
            return  # shown in this order already, or being loaded in it
        self.sort_key, self.descending = key, descending
        if self._generation:  # before the owner's first reload (a header being set up) only note it
            self.reload()
