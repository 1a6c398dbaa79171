"""The members behind a chart bar or cell, when the Members screen's filter bar cannot say it
(an RFM cell, a spend range, a movement, an older classification).

The table is the Members screen's own model (lazy pages, SQL sorting); only where its ids come
from differs: the cell's query over the snapshot being looked at, whose classes the rows show.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shopcrm.gui.campaigns.output_menu import OutputMenuButton
from shopcrm.gui.campaigns.outputs import ListSource
from shopcrm.gui.context import AppContext
from shopcrm.gui.members.table_model import MEMBER_ID_ROLE, MemberTableModel
from shopcrm.gui.widgets import hint_label, member_table_view
from shopcrm.gui.window_state import fit_to_screen
from shopcrm.services.classification.segments import Cell, SnapshotChoice, cell_member_ids
from shopcrm.services.members.table import MemberFilter, SnapshotInfo

# The Members screen filters an explicit list with SQL "IN (...)"; databases cap the number of
# parameters of one statement (SQLite 32,766, PostgreSQL 65,535), so longer lists stay here.
MAX_IDS_FOR_MEMBERS_SCREEN = 20_000


class CellMembersModel(MemberTableModel):
    """MemberTableModel whose ids are the members of one chart cell of one snapshot."""

    def __init__(self, ctx: AppContext, cell: Cell, snapshot: SnapshotChoice, parent: Any = None) -> None:
        super().__init__(ctx, parent)
        self.cell = cell
        self.cell_snapshot = SnapshotInfo(snapshot.id, snapshot.as_of, snapshot.created_at, snapshot.members,
                                          snapshot.window_days)

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        cell, key, desc, db, snap = self.cell, self.sort_key, self.descending, self.ctx.db, self.cell_snapshot
        self.loading = True

        def arrived(result: Any) -> None:
            if isValid(self):  # the dialog may have been closed (and deleted) meanwhile
                self._ids_arrived(generation, result)

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._failed(generation, exc)

        self.ctx.read(lambda _c: (cell_member_ids(db, cell, sort_key=key, descending=desc), snap),
                      on_done=arrived, on_error=failed)


class MemberListDialog(QDialog):
    """Non-modal: the owner can open several cells and compare them beside the charts."""

    def __init__(self, ctx: AppContext, cell: Cell, snapshot: SnapshotChoice, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cell = cell
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 980, 560)
        self.model = CellMembersModel(ctx, cell, snapshot, self)
        self.heading = QLabel(title)
        self.heading.setObjectName("screenTitle")
        self.heading.setWordWrap(True)
        self.count_label = hint_label(self.tr("Loading ..."))
        self.table = member_table_view(self.model, "cellMembersTable")
        self.table.doubleClicked.connect(self.open_member)
        self.members_button = QPushButton(self.tr("Show in the &Members screen"))
        self.members_button.setEnabled(False)
        self.members_button.clicked.connect(self.open_in_members)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(hint_label(self.tr("Double-click a member to open them.")), 1)
        bottom.addWidget(self.members_button)
        self.output_button = OutputMenuButton(ctx, self.list_source, self)
        self.output_button.setObjectName("cellOutput")
        bottom.addWidget(self.output_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda exc: ctx.show_error(exc, self))
        self.model.reload()

    def _loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("{count} members, classes as of {as_of}").format(
            count=f"{count:,}", as_of=self.model.cell_snapshot.as_of.isoformat()))
        self.members_button.setEnabled(0 < count <= MAX_IDS_FOR_MEMBERS_SCREEN)
        self.members_button.setToolTip(
            "" if count <= MAX_IDS_FOR_MEMBERS_SCREEN else
            self.tr("Too many members for one list there; use the filters of the Members screen."))

    def list_source(self) -> ListSource | None:
        """The cell's members as listed, with the classes of the classification they were counted in."""
        ids = tuple(self.model.all_ids())
        if not ids:
            return None
        as_of = self.model.cell_snapshot.as_of.isoformat()
        return ListSource(title=self.windowTitle(), member_ids=ids, consent_only=False,
                          filter_lines=(self.windowTitle(), self.tr("classes as of {as_of}").format(as_of=as_of)),
                          snapshot_id=self.model.cell_snapshot.id)

    def member_ids(self) -> list[int]:
        return self.model.all_ids()

    def open_member(self, index: QModelIndex) -> None:
        member_id = self.model.data(index, MEMBER_ID_ROLE) if index.isValid() else None
        if member_id is not None:
            self.ctx.navigate_requested.emit("members", int(member_id))

    def open_in_members(self) -> None:
        ids = tuple(self.model.all_ids())
        if 0 < len(ids) <= MAX_IDS_FOR_MEMBERS_SCREEN:
            self.ctx.navigate_requested.emit("members", MemberFilter(member_ids=ids))
            self.close()
