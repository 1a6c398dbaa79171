"""Table models of the import wizard: the column mapping (editable), the sample rows, rejected rows."""

from __future__ import annotations

from collections.abc import Sequence
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

from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.importing.fields import EARLIER_REASON as REASON
from shopcrm.services.importing.fields import NOT_IMPORTED as IGNORE
from shopcrm.services.importing.fields import column_letter
from shopcrm.services.importing.mapping import field_label
from shopcrm.services.importing.preview import SheetPreview
from shopcrm.services.importing.review import RejectedLine

Index = QModelIndex | QPersistentModelIndex
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
UNSURE_SCORE = 0.75  # a guess below this is shown as "please check"
CTX = "ImportWizard"


def field_text(name: str) -> str:
    if name == REASON:
        return QCoreApplication.translate("ImportWizard", "(reason of an earlier rejection, not imported)")
    return field_label(name)


class MappingModel(QAbstractTableModel):
    """One row per column of the sheet: letter, header, examples, and the field it is imported as.

    The last column is editable (EditRole = field code); `changed` fires after every edit.  A field
    chosen for two columns is not taken from the other one (scrolling through a combo box with the
    keyboard would silently undo the owner's choices): the page reports it until it is resolved."""

    changed = Signal()
    COLUMNS = (QT_TRANSLATE_NOOP("ImportWizard", "Column"), QT_TRANSLATE_NOOP("ImportWizard", "Header in the file"),
               QT_TRANSLATE_NOOP("ImportWizard", "Examples"), QT_TRANSLATE_NOOP("ImportWizard", "Imported as"))
    FIELD_COLUMN = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sheet: SheetPreview | None = None
        self.fields: list[str] = []  # the field of each sheet column (IGNORE when not imported)
        self.choices: list[str] = []

    def set_sheet(self, sheet: SheetPreview | None, choices: Sequence[str], mapping: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.choices = list(choices)
        width = len(sheet.headers) if sheet else 0
        if sheet is not None:
            width = max([width, *[len(r) for r in sheet.sample]])
        current = mapping if mapping is not None else (sheet.mapping if sheet else {})
        self.fields = [current.get(col, IGNORE) for col in range(width)]
        self.endResetModel()

    def mapping(self) -> dict[int, str]:
        """Every column with its field, IGNORE included (a given mapping replaces the guess)."""
        return dict(enumerate(self.fields))

    def used_fields(self) -> set[str]:
        return {f for f in self.fields if f not in (IGNORE, REASON)}

    def examples(self, col: int) -> str:
        if self.sheet is None:
            return ""
        seen: list[str] = []
        for row in self.sheet.sample:
            value = row[col].strip() if col < len(row) else ""
            if value and value not in seen:
                seen.append(value)
            if len(seen) == 3:
                break
        return ", ".join(seen)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD_COLUMN else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(CTX, self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.fields):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.fields) or not 0 <= index.column() < len(self.COLUMNS):
            return None
        col, what = index.row(), index.column()
        field = self.fields[col]
        if role in (FIELD_ROLE, Qt.ItemDataRole.EditRole) and what == self.FIELD_COLUMN:
            return field
        if role == Qt.ItemDataRole.DisplayRole:
            if what == 0:
                return column_letter(col)
            if what == 1:
                headers = self.sheet.headers if self.sheet else []
                return headers[col] if col < len(headers) else ""
            if what == 2:
                return self.examples(col)
            return field_text(field)
        if role == Qt.ItemDataRole.ForegroundRole and what == self.FIELD_COLUMN and field in (IGNORE, REASON):
            return QColor("#8a8079")
        if role == Qt.ItemDataRole.ToolTipRole and what == self.FIELD_COLUMN and self.sheet is not None:
            score = self.sheet.scores.get(col)
            if field not in (IGNORE, REASON) and score is not None and score < UNSURE_SCORE \
                    and self.sheet.mapping.get(col) == field:
                return QCoreApplication.translate("ImportWizard", "A guess: please check it.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.FIELD_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        field = str(value)
        if field not in self.choices or not 0 <= index.row() < len(self.fields):
            return False
        if self.fields[index.row()] == field:
            return True
        self.fields[index.row()] = field
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class SampleModel(QAbstractTableModel):
    """The first rows after the header, headed by 'B · 手机号 → Phone'."""

    def __init__(self, mapping: MappingModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.mapping = mapping
        self.rows: list[list[str]] = []
        mapping.modelReset.connect(self._reset)
        mapping.dataChanged.connect(lambda *_a: self.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1)))

    def _reset(self) -> None:
        self.beginResetModel()
        self.rows = list(self.mapping.sheet.sample) if self.mapping.sheet else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.mapping.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self.rows) else None
        if not 0 <= section < len(self.mapping.fields):
            return None
        headers = self.mapping.sheet.headers if self.mapping.sheet else []
        header = headers[section] if section < len(headers) else ""
        field = self.mapping.fields[section]
        target = "—" if field in (IGNORE, REASON) else field_text(field)
        return f"{column_letter(section)} · {header}\n→ {target}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.mapping.fields):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole and self.mapping.fields[index.column()] in (IGNORE, REASON):
            return QColor("#a09890")
        return None


class RejectedModel(QAbstractTableModel):
    """Rejected rows: sheet, row number, reason, the row's cells."""

    COLUMNS = (QT_TRANSLATE_NOOP("ImportWizard", "Sheet"), QT_TRANSLATE_NOOP("ImportWizard", "Row"),
               QT_TRANSLATE_NOOP("ImportWizard", "Reason"), QT_TRANSLATE_NOOP("ImportWizard", "Cells"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RejectedLine] = []

    def set_rows(self, rows: Sequence[RejectedLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(CTX, self.COLUMNS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.COLUMNS):
            return None
        line = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (line.sheet, "" if line.row_number is None else str(line.row_number), line.reason,
                      " | ".join(v for v in line.values))
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
