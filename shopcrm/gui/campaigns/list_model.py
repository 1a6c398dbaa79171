"""The members of a list on screen, cell texts made only for the rows Qt paints.

A saved campaign's table also carries a 'Contacted' checkbox per member: ticking it emits
`contacted_toggled(member_id, checked)` and the screen stores it; the box shows the new state at
once and the model is reloaded when the write is done.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from shopcrm.services.campaigns.columns import cell_text
from shopcrm.services.campaigns.output import PreparedList

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PreparedListModel(QAbstractTableModel):
    contacted_toggled = Signal(int, bool)

    def __init__(self, parent: Any = None, *, checkable: bool = False) -> None:
        super().__init__(parent)
        self.prepared: PreparedList | None = None
        self.checkable = checkable
        self._keys: list[str] = []
        self._headings: list[str] = []
        self._pending: dict[int, bool] = {}  # member id -> ticked state not yet stored
        self._numeric: set[int] = set()

    def set_list(self, prepared: PreparedList | None) -> None:
        self.beginResetModel()
        self.prepared = prepared
        self._pending.clear()
        columns = list(prepared.columns) if prepared else []
        if self.checkable:
            columns = [c for c in columns if c.key != "contacted"]
        self._keys = [c.key for c in columns]
        self._headings = [c.heading for c in columns]
        if self.checkable and prepared is not None:
            contacted = next((c.heading for c in prepared.columns if c.key == "contacted"), None)
            self._keys.append("contacted")
            self._headings.append(contacted or self.tr("Contacted"))
        self._numeric = {i for i, c in enumerate(columns) if c.numeric}
        self.endResetModel()

    def member_id(self, row: int) -> int | None:
        if self.prepared is None or not 0 <= row < len(self.prepared.rows):
            return None
        return self.prepared.rows[row].member_id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() or self.prepared is None else len(self.prepared.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._keys)

    def _contact_column(self, column: int) -> bool:
        return self.checkable and column == len(self._keys) - 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.prepared is None or not index.isValid():
            return None
        row = self.prepared.rows[index.row()]
        key = self._keys[index.column()]
        if role == MEMBER_ID_ROLE:
            return row.member_id
        if self._contact_column(index.column()):
            ticked = self._pending.get(row.member_id, row.contacted_at is not None)
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.DisplayRole:
                return row.contacted_at.strftime("%m-%d %H:%M") if ticked and row.contacted_at else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, key, self.prepared.fmt)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._contact_column(index.column()):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (self.prepared is None or not index.isValid() or role != Qt.ItemDataRole.CheckStateRole
                or not self._contact_column(index.column())):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, True)
        member_id = self.prepared.rows[index.row()].member_id
        self._pending[member_id] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole])
        self.contacted_toggled.emit(member_id, checked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headings):
            return self._headings[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
