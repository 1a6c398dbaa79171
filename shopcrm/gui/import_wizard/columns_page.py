"""Step 2: each sheet's columns with the guessed field, editable; the date order where the dates
leave it open; which sheets to import.  Next is refused, with the reason, until the mapping works."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.import_wizard.common import translate
from shopcrm.gui.import_wizard.jobs import ImportPlan, LoadedFile
from shopcrm.gui.import_wizard.models import FIELD_ROLE, MappingModel, SampleModel, field_text
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.gui.window_state import remember_splitter, restore_splitter
from shopcrm.services.importing.fields import (
    EARLIER_REASON,
    NOT_IMPORTED,
    field_names,
    fields_chosen_twice,
    missing_fields,
    uses_reason_column,
)
from shopcrm.services.importing.mapping import field_label
from shopcrm.services.importing.preview import SheetPreview

Index = QModelIndex | QPersistentModelIndex


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the fields a column can be imported as."""

    def __init__(self, model: MappingModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        box.setObjectName(f"field_{index.row()}")
        for name in self.model.choices:
            box.addItem(field_text(name), name)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        i = editor.findData(index.data(FIELD_ROLE))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, i))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ColumnsPage(QWidget):
    back_requested = Signal()
    check_requested = Signal(object)  # ImportPlan
    kind_requested = Signal(str)  # read the file again as this kind

    def __init__(self) -> None:
        super().__init__()
        self.loaded: LoadedFile | None = None
        self.mappings: dict[str, dict[int, str]] = {}
        self.date_orders: dict[str, str] = {}  # sheet -> dmy | mdy | ymd, where its text dates leave the order open
        self.selected: dict[str, bool] = {}
        self.sheet_box = QComboBox()
        self.sheet_box.setObjectName("sheetBox")
        self.sheet_box.currentIndexChanged.connect(lambda _i: self._show_sheet())
        self.sheet_check = QCheckBox(translate("ImportWizard", "Import this sheet"))
        self.sheet_check.toggled.connect(self._sheet_toggled)
        self.mapping_hint = hint_label()
        self.kind_hint = hint_label()
        self.kind_button = QPushButton()
        self.kind_button.hide()
        self.kind_button.clicked.connect(self._switch_kind)
        self.mapping_error = ErrorLabel()
        self.date_hint = hint_label()
        self.date_order_box = QComboBox()
        self.date_order_box.setObjectName("dateOrderBox")
        self.date_order_box.currentIndexChanged.connect(lambda _i: self._date_order_chosen())
        self.date_hint.hide()
        self.date_order_box.hide()
        self.mapping_model = MappingModel(self)
        self.mapping_model.changed.connect(self._mapping_changed)
        self.mapping_table = QTableView()
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setModel(self.mapping_model)
        self.mapping_table.setItemDelegateForColumn(MappingModel.FIELD_COLUMN, FieldDelegate(self.mapping_model, self))
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.verticalHeader().setDefaultSectionSize(30)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 160)
        header.resizeSection(3, 230)
        self.sample_model = SampleModel(self.mapping_model, self)
        self.sample_table = QTableView()
        self.sample_table.setObjectName("sampleTable")
        self.sample_table.setModel(self.sample_model)
        self.sample_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample_table.setWordWrap(False)
        self.sample_table.horizontalHeader().setDefaultSectionSize(120)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("importMappingSplitter")
        splitter.addWidget(self.mapping_table)
        splitter.addWidget(self.sample_table)
        splitter.setSizes([300, 200])
        restore_splitter(splitter)
        remember_splitter(splitter)
        self.back_button = back = QPushButton(translate("ImportWizard", "&Back"))
        back.clicked.connect(self.back_requested)
        self.check_button = QPushButton(translate("ImportWizard", "&Next: check the rows"))
        self.check_button.setObjectName("primary")
        self.check_button.clicked.connect(self.request_check)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("ImportWizard", "Sheet")))
        top.addWidget(self.sheet_box, 1)
        top.addWidget(self.sheet_check)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_hint, 1)
        kind_row.addWidget(self.kind_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.check_button)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_hint, 1)
        date_row.addWidget(self.date_order_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_hint)
        layout.addLayout(kind_row)
        layout.addLayout(date_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.mapping_error)
        layout.addLayout(buttons)

    def kind(self) -> str:
        return self.loaded.kind if self.loaded is not None else "sales"

    def load(self, loaded: LoadedFile) -> None:
        """A file just read: its guessed (or remembered) mappings, the sheets that fit chosen."""
        self.loaded = loaded
        preview = loaded.preview
        self.mappings = {s.name: dict(s.mapping) for s in preview.sheets}
        self.date_orders = {}
        self.selected = {s.name: s.header_row is not None and not s.missing and not s.hidden for s in preview.sheets}
        if not any(self.selected.values()):  # let the owner fix the first sheet with a header
            first = next((s for s in preview.sheets if s.header_row is not None), None)
            if first is not None:
                self.selected[first.name] = True
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for s in preview.sheets:
            note = "" if s.header_row is not None else " " + translate("ImportWizard", "(no header found)")
            rows = "" if s.total_rows is None else " " + translate("ImportWizard", "({rows} rows)").format(
                rows=f"{s.total_rows:,}")
            self.sheet_box.addItem(s.name + rows + note, s.name)
        first_selected = next((i for i, s in enumerate(preview.sheets) if self.selected[s.name]), 0)
        self.sheet_box.setCurrentIndex(first_selected)
        self.sheet_box.blockSignals(False)
        self.sheet_box.setEnabled(len(preview.sheets) > 1)
        self._show_kind_guess(preview.kind_guess)
        self._show_sheet()

    def _show_kind_guess(self, guess: str) -> None:
        other = guess if guess != self.kind() else None
        if other is not None:
            hints = {"members": translate("ImportWizard", "This file looks like a member list."),
                     "sales": translate("ImportWizard", "This file looks like past sales."),
                     "ratings": translate("ImportWizard", "This file looks like members' ratings.")}
            buttons = {"members": translate("ImportWizard", "Import as a member list"),
                       "sales": translate("ImportWizard", "Import as sales"),
                       "ratings": translate("ImportWizard", "Import as ratings")}
            self.kind_hint.setText(hints[other])
            self.kind_button.setText(buttons[other])
            self.kind_button.setProperty("kind", other)
        self.kind_hint.setVisible(other is not None)
        self.kind_button.setVisible(other is not None)

    def _switch_kind(self) -> None:
        kind = self.kind_button.property("kind")
        if kind:
            self.kind_requested.emit(str(kind))

    def show_error(self, text: str) -> None:
        self.mapping_error.show_message(text)

    def current_sheet(self) -> SheetPreview | None:
        if self.loaded is None:
            return None
        name = self.sheet_box.currentData()
        return next((s for s in self.loaded.preview.sheets if s.name == name), None)

    def field_choices(self) -> list[str]:
        choices = [*field_names(self.kind()), NOT_IMPORTED]
        if uses_reason_column(self.mappings.values()):
            choices.append(EARLIER_REASON)
        return choices

    def _show_sheet(self) -> None:
        sheet = self.current_sheet()
        self.mapping_model.set_sheet(sheet, self.field_choices(), self.mappings.get(sheet.name) if sheet else None)
        for row in range(self.mapping_model.rowCount()):
            self.mapping_table.openPersistentEditor(self.mapping_model.index(row, MappingModel.FIELD_COLUMN))
        self.sheet_check.blockSignals(True)
        self.sheet_check.setChecked(bool(sheet and self.selected.get(sheet.name)))
        self.sheet_check.setEnabled(sheet is not None and sheet.header_row is not None)
        self.sheet_check.blockSignals(False)
        if sheet is None:
            self.mapping_hint.setText("")
        elif sheet.header_row is None:
            self.mapping_hint.setText(translate("ImportWizard",
                                                "No header row was recognised in this sheet; it is not imported."))
        elif sheet.source == "remembered":
            self.mapping_hint.setText(translate(
                "ImportWizard", "Header found in row {row}. The columns are set as you set them last time for a file "
                "laid out like this.").format(row=sheet.header_row))
        else:
            self.mapping_hint.setText(translate(
                "ImportWizard", "Header found in row {row}. The columns were recognised from their headers: check "
                "them, and change any that is wrong.").format(row=sheet.header_row))
        self._show_date_order(sheet)
        self.sample_table.resizeColumnsToContents()
        self.validate()

    @staticmethod
    def _order_name(order: str) -> str:
        return {"dmy": translate("ImportWizard", "day/month/year"), "mdy": translate("ImportWizard", "month/day/year"),
                "ymd": translate("ImportWizard", "year/month/day")}[order]

    def _show_date_order(self, sheet: SheetPreview | None) -> None:
        """Text dates like 03/04/25 whose order the column leaves open: the owner says which it is."""
        needed = sheet is not None and sheet.needs_date_order
        self.date_hint.setVisible(needed)
        self.date_order_box.setVisible(needed)
        if not needed or sheet is None:
            return
        text, readings = sheet.date_examples[0] if sheet.date_examples else ("", {})
        shown = translate("ImportWizard", " or ").join(
            translate("ImportWizard", "{date} ({order})").format(date=d.isoformat(), order=self._order_name(o))
            for o, d in sorted(readings.items()))
        self.date_hint.setText(translate(
            "ImportWizard", "Its dates do not show their order: \"{value}\" can be {readings}. Choose how this sheet "
            "writes dates.").format(value=text, readings=shown))
        self.date_order_box.blockSignals(True)
        self.date_order_box.clear()
        self.date_order_box.addItem(translate("ImportWizard", "Choose the date order"), None)
        for order in sheet.date_orders or ("dmy", "mdy", "ymd"):
            self.date_order_box.addItem(self._order_name(order), order)
        self.date_order_box.setCurrentIndex(max(0, self.date_order_box.findData(self.date_orders.get(sheet.name))))
        self.date_order_box.blockSignals(False)

    def _date_order_chosen(self) -> None:
        sheet = self.current_sheet()
        if sheet is None:
            return
        order = self.date_order_box.currentData()
        if order:
            self.date_orders[sheet.name] = order
        else:
            self.date_orders.pop(sheet.name, None)
        self.validate()

    def _sheet_toggled(self, on: bool) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            self.selected[sheet.name] = on
        self.validate()

    def _mapping_changed(self) -> None:
        sheet = self.current_sheet()
        if sheet is not None:
            self.mappings[sheet.name] = self.mapping_model.mapping()
        self.validate()

    def chosen_sheets(self) -> list[str]:
        return [name for name, on in self.selected.items() if on]

    def validate(self) -> bool:
        problems = []
        sheets = {s.name: s for s in self.loaded.preview.sheets} if self.loaded is not None else {}
        for name in self.chosen_sheets():
            mapping = self.mappings.get(name, {})
            missing = missing_fields(self.kind(), mapping)
            if missing:
                problems.append(translate("ImportWizard", "Sheet \"{sheet}\": choose the column with {fields}.").format(
                    sheet=name, fields=", ".join(field_label(m) for m in missing)))
            sheet = sheets.get(name)
            if sheet is not None and sheet.needs_date_order and name not in self.date_orders:
                problems.append(translate(
                    "ImportWizard", "Sheet \"{sheet}\": choose the order of day, month and year of its dates.").format(
                    sheet=name))
            twice = fields_chosen_twice(mapping)
            if twice:
                problems.append(translate("ImportWizard", "Sheet \"{sheet}\": {fields} is chosen for two columns.").format(
                    sheet=name, fields=", ".join(field_label(m) for m in twice)))
        if not self.chosen_sheets():
            problems.append(translate("ImportWizard", "Choose at least one sheet to import."))
        self.mapping_error.show_message(" ".join(problems))
        self.check_button.setEnabled(not problems)
        return not problems

    def plan(self) -> ImportPlan | None:
        if self.loaded is None:
            return None
        chosen = self.chosen_sheets()
        return ImportPlan(self.loaded.path, self.kind(), {name: dict(self.mappings[name]) for name in chosen}, chosen,
                          dict(self.date_orders))

    def request_check(self) -> None:
        plan = self.plan()
        if plan is not None and self.validate():
            self.check_requested.emit(plan)
