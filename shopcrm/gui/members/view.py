"""Members: the searchable, filterable table over every member, with the detail panel beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.campaigns.output_menu import OutputMenuButton
from shopcrm.gui.campaigns.outputs import ListSource
from shopcrm.gui.context import AppContext
from shopcrm.gui.flow_layout import FlowLayout
from shopcrm.gui.members.detail import MemberDetail
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.gui.members.table_model import MEMBER_ID_ROLE, MemberTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.widgets import hint_label, member_table_view, title_label
from shopcrm.gui.window_state import remember_splitter, restore_splitter
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import class_label, classification_title
from shopcrm.services.members.filters import CLASS_FILTERS, MEMBER_FILTERS, MemberFilter
from shopcrm.services.members.privacy import EraseResult, erase_member_data
from shopcrm.services.members.records import archive_member, get_member, reactivate_member
from shopcrm.services.members.table import filter_choices

SEARCH_DELAY_MS = 250
# The filter bar: snapshot classes first, then the member's own fields.
FILTER_BAR = ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class", "preference",
              "level", "source", "gender", "age_band", "birthday_month")
# Boxes whose filter field takes several values: the bar picks one (a drill-down may bring several).
SEVERAL_VALUES = frozenset((*CLASS_FILTERS, *MEMBER_FILTERS, "level"))
STATUS_NAMES = {"active": QT_TRANSLATE_NOOP("labels", "Current"), "archived": QT_TRANSLATE_NOOP("labels", "Archived"),
                "all": QT_TRANSLATE_NOOP("labels", "All")}


def create_view(ctx: AppContext) -> QWidget:
    return MembersView(ctx)


def _value_text(name: str, value: Any) -> str:
    """A chosen value the box does not list (yet): its class name, or several joined ("Gold / Platinum")."""
    values = value if isinstance(value, tuple) else (value,)
    return " / ".join(class_label(name, str(v)) for v in values)


class MembersView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = MemberTableModel(ctx, self)
        # the member to select again after a reload: its row is found on the reader thread
        self.model.keep_member = lambda: self._pending_select if self._pending_select is not None else self._selected_id
        self._selected_id: int | None = None
        self._pending_select: int | None = None
        self.reloader = ReloadWhenShown(self, self._reload_list)

        # ---- search and filters
        self.search = QLineEdit()
        self.search.setObjectName("membersSearch")
        self.search.setPlaceholderText(self.tr("Search name, phone, card no., area or tag"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.status_box = QComboBox()
        for code, name in STATUS_NAMES.items():
            self.status_box.addItem(QCoreApplication.translate("labels", name), code)
        self.status_box.currentIndexChanged.connect(self._status_changed)
        self.consent_only = QCheckBox(self.tr("Agreed to promotions"))
        self.consent_only.toggled.connect(lambda _b: self.apply_filter())
        self.filter_boxes: dict[str, QComboBox] = {}
        # Wraps onto more rows when the window is narrow: thirteen filters do not fit 1024 pixels.
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("membersFilterBar")
        filters = FlowLayout(self.filter_bar)
        for name in FILTER_BAR:
            box = QComboBox()
            box.setObjectName(f"filter_{name}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.filter_boxes[name] = box
            filters.addWidget(box)
        self.clear_button = QPushButton(self.tr("Clear &filters"))
        self.clear_button.clicked.connect(lambda: self.clear_filters())
        filters.addWidget(self.consent_only)
        filters.addWidget(self.clear_button)

        # ---- actions
        self.new_button = QPushButton(self.tr("&New member"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_member)
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.clicked.connect(self.edit_member)
        self.archive_button = QPushButton(self.tr("&Archive"))
        self.archive_button.clicked.connect(self.toggle_archive)
        self.erase_button = QPushButton(self.tr("E&rase ..."))
        self.erase_button.clicked.connect(self.erase)
        self.counter_button = QPushButton(self.tr("Ring &up at the counter"))
        self.counter_button.clicked.connect(self.to_counter)
        self.count_label = QLabel()
        self.snapshot_label = hint_label()

        # ---- table and detail
        self.table = member_table_view(self.model, "membersTable")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.resizeSection(1, 110)
        header.resizeSection(2, 118)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_member())
        self.detail = MemberDetail(ctx)
        self.detail.member_changed.connect(self._member_changed)
        splitter = QSplitter()
        splitter.setObjectName("membersSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])
        restore_splitter(splitter)
        remember_splitter(splitter)

        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Members")))
        top.addWidget(self.count_label)
        top.addStretch(1)
        for b in (self.counter_button, self.erase_button, self.archive_button, self.edit_button, self.new_button):
            top.addWidget(b)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.status_box)
        self.output_button = OutputMenuButton(ctx, self.list_source, self)
        self.output_button.setObjectName("membersOutput")
        search_row.addWidget(self.output_button)
        search_row.addWidget(self.snapshot_label, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)

        for keys, slot in (("Ctrl+N", self.new_member), ("Ctrl+E", self.edit_member), ("Return", self.edit_member),
                           ("Ctrl+F", self._focus_search)):
            sc = QShortcut(QKeySequence(keys), self.table if keys == "Return" else self)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut if keys == "Return"
                          else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(lambda exc: ctx.show_error(exc, self))
        ctx.operation_finished.connect(self._operation_finished)
        self._update_buttons()
        self.model.reload()
        # The filter counts scan the whole classification: read once the first rows show, so the
        # scan does not compete with them (the boxes offer "Any ..." meanwhile).
        self._fill_boxes({})
        self.model.loaded.connect(self.fill_filter_boxes, Qt.ConnectionType.SingleShotConnection)

    # ---- main-window hooks ------------------------------------------------------------------------
    def initial_focus(self) -> None:
        self.search.setFocus()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_shown(self) -> None:
        self.reloader.shown()

    def _reload_list(self) -> None:
        self.fill_filter_boxes()
        self.model.reload()

    def open_item(self, argument: Any) -> None:
        """A member id selects that member; a MemberFilter or dict (a chart drill-down) filters."""
        if isinstance(argument, int):
            self.clear_filters(reload=False)
            self.status_box.setCurrentIndex(self.status_box.findData("all"))
            self._pending_select = argument
            self.apply_filter()
            return
        flt = argument if isinstance(argument, MemberFilter) else MemberFilter.from_dict(dict(argument))
        self.set_filter(flt)

    # ---- filters ----------------------------------------------------------------------------------
    def _status_changed(self, _index: int) -> None:
        self.fill_filter_boxes()
        self.apply_filter()

    def fill_filter_boxes(self) -> None:
        """Choices present in the latest classification, with member counts (counted off the GUI
        thread: nine GROUP BYs over a 100k-member snapshot take a moment)."""
        self._fill_boxes({})
        db, status = self.ctx.db, str(self.status_box.currentData() or "active")
        # counted for the status shown, so "High (169)" is the length of the list it gives
        self._choices_job = self.ctx.read(lambda _c: filter_choices(db, status), on_done=self._fill_boxes,
                                          on_error=lambda exc: self.ctx.show_error(exc, self), background=True)

    def _fill_boxes(self, choices: dict[str, list[tuple[str, int]]]) -> None:
        levels = self.ctx.settings.levels
        for name, box in self.filter_boxes.items():
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            what = (classification_title(name) if name not in ("level", "birthday_month")
                    else self.tr("Member level") if name == "level" else self.tr("Birthday month"))
            box.addItem(self.tr("Any {what}").format(what=what), None)
            if name == "level":
                for i, lvl in enumerate(levels):
                    box.addItem(QCoreApplication.translate("levels", lvl.name), i)
            elif name == "birthday_month":
                for month in range(1, 13):
                    box.addItem(self.tr("Birthday in month {month}").format(month=month), month)
            else:
                for code, count in choices.get(name, []):
                    box.addItem(f"{class_label(name, code)} ({count:,})", code)
            index = box.findData(current)
            if index < 0 and current is not None:  # keep a chosen value while the counts load
                box.addItem(_value_text(name, current), current)
                index = box.count() - 1
            box.setCurrentIndex(index if index >= 0 else 0)
            box.setEnabled(box.count() > 1)
            box.blockSignals(False)

    def current_filter(self) -> MemberFilter:
        values: dict[str, Any] = {}
        for name, box in self.filter_boxes.items():
            value = box.currentData()
            if name in SEVERAL_VALUES:  # one code, or the several a drill-down brought (shown as one item)
                value = () if value is None else value if isinstance(value, tuple) else (value,)
            values[name] = value
        return MemberFilter(text=self.search.text().strip(), status=str(self.status_box.currentData()),
                            consent_only=self.consent_only.isChecked(), **values)

    def list_source(self) -> ListSource | None:
        """The members the table shows, in its order, with the filter in words, for print and export."""
        if self.model.rowCount() == 0:
            return None
        words = [self.tr("Search: {text}").format(text=self.search.text().strip())] if self.search.text().strip() else []
        words += [box.currentText() for box in (self.status_box, *self.filter_boxes.values())
                  if box.currentIndex() > 0]
        if self.model.filter.member_ids is not None:
            words.append(self.tr("members of a chart's drill-down"))
        if self.consent_only.isChecked():
            words.append(self.consent_only.text().replace("&", ""))
        return ListSource(title=self.tr("Members"), member_filter=self.model.filter, sort_key=self.model.sort_key,
                          descending=self.model.descending, filter_lines=tuple(words),
                          consent_only=self.consent_only.isChecked(),
                          snapshot_id=self.model.snapshot.id if self.model.snapshot else None)

    def apply_filter(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        if self.model.filter.member_ids is not None:  # a drill-down list stays until filters are cleared
            flt = flt.with_changes(member_ids=self.model.filter.member_ids)
        self.model.set_filter(flt)

    def set_filter(self, flt: MemberFilter) -> None:
        """Show exactly this filter in the bar (unknown values are added) and load it."""
        widgets = [self.search, self.status_box, self.consent_only, *self.filter_boxes.values()]
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(flt.text)
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(flt.status)))
        self.consent_only.setChecked(flt.consent_only)
        for name, box in self.filter_boxes.items():
            value = getattr(flt, name)
            if name in SEVERAL_VALUES:
                value = None if not value else value[0] if len(value) == 1 else tuple(value)
            index = box.findData(value)
            if index < 0 and value is not None:
                box.addItem(_value_text(name, value), value)
                index = box.count() - 1
            box.setCurrentIndex(max(0, index))
        for w in widgets:
            w.blockSignals(False)
        self.model.set_filter(flt)

    def clear_filters(self, reload: bool = True) -> None:
        """Back to every active member (reload=False: only reset the bar, the caller loads)."""
        if reload:
            self.set_filter(MemberFilter())
            return
        widgets = [self.search, self.consent_only, *self.filter_boxes.values()]
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.consent_only.setChecked(False)
        for box in self.filter_boxes.values():
            box.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
        self.model.filter = MemberFilter()

    # ---- table ------------------------------------------------------------------------------------
    def _loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("1 member") if count == 1 else
                                 self.tr("{count} members").format(count=f"{count:,}"))
        snap = self.model.snapshot
        self.snapshot_label.setText(
            self.tr("Classes as of {as_of}").format(as_of=snap.as_of.isoformat()) if snap
            else self.tr("Not classified yet: classes appear after the first classification."))
        wanted = self._pending_select if self._pending_select is not None else self._selected_id
        self._pending_select = None
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.select_row(row)
        else:
            self._selected_id = None
            self.detail.show_member(None)
            self._update_buttons()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, self.table.selectionModel().SelectionFlag.ClearAndSelect | self.table.selectionModel().SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        member_id = self.model.data(rows[0], MEMBER_ID_ROLE) if rows else None
        if member_id != self._selected_id:
            self._selected_id = member_id
            self.detail.show_member(member_id)
        self._update_buttons()

    def selected_id(self) -> int | None:
        return self._selected_id

    def _update_buttons(self) -> None:
        member = self.detail.member
        has = member is not None and member.status != "erased"
        for b in (self.edit_button, self.archive_button, self.erase_button):
            b.setEnabled(has)
        self.counter_button.setEnabled(has and member is not None and member.status == "active")
        self.archive_button.setText(self.tr("Re&activate") if member is not None and member.status == "archived"
                                    else self.tr("&Archive"))

    def _operation_finished(self, kind: str) -> None:
        if kind in ("member", "import", "demo", "restore", "classification", "undo-import"):
            self.reloader.request()
        elif kind in ("purchase", "points", "feedback", "settings-saved"):
            self.model.refresh_rows()
            if self._selected_id is not None and self.isVisible():
                self.detail.show_member(self._selected_id)

    def _member_changed(self, member_id: int) -> None:
        self.model.refresh_rows()
        self.detail.show_member(member_id)

    # ---- actions ----------------------------------------------------------------------------------
    def new_member(self) -> None:
        dialog = MemberDialog(self.ctx, parent=self)
        dialog.saved.connect(lambda view: self._select_after_save(view.id))
        dialog.open()

    def edit_member(self) -> None:
        if self._selected_id is None:
            return
        try:
            member = get_member(self.ctx.db, self._selected_id)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            return
        if member.status == "erased":
            return
        dialog = MemberDialog(self.ctx, member, parent=self)
        dialog.saved.connect(lambda view: self._select_after_save(view.id))
        dialog.open()

    def _select_after_save(self, member_id: int) -> None:
        self._pending_select = member_id
        self._selected_id = None  # force the detail panel to re-read

    def toggle_archive(self) -> None:
        member = self.detail.member
        if member is None:
            return
        db, member_id = self.ctx.db, member.id
        if member.status == "archived":
            fn, text = reactivate_member, self.tr("Reactivating member")
        else:
            answer = QMessageBox.question(
                self, self.tr("Archive member"),
                self.tr("Archive {name}? The member disappears from the counter and promotion lists; "
                        "history is kept and you can reactivate them later.").format(name=member.name or member.card_no))
            if answer != QMessageBox.StandardButton.Yes:
                return
            fn, text = archive_member, self.tr("Archiving member")
        self._pending_select = member_id
        self._selected_id = None
        self.ctx.run(lambda _c: fn(db, member_id), label=text, kind="member", parent=self)

    def erase(self) -> None:
        member = self.detail.member
        if member is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Erase member"),
                          self.tr("Erase {name} for good?\n\nName, phone, birthday, notes and tags are deleted and "
                                  "cannot be recovered in the program; sales stay in the shop's figures without a name. "
                                  "A backup is taken first.").format(name=member.name or member.card_no),
                          QMessageBox.StandardButton.Cancel, self)
        erase = box.addButton(self.tr("Erase"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not erase:
            return
        ok, password = ask_owner_password(self.ctx.db, self, self.tr("Erasing a member needs the owner password."))
        if not ok:
            return
        self.run_erase(member.id, password)

    def run_erase(self, member_id: int, password: str | None = None) -> None:
        """Erase through the privacy service: owner password checked again there, personal data
        scrubbed from rejected import rows and from the file's free space too."""
        db = self.ctx.db
        self._selected_id = None
        self.ctx.run(lambda _c: erase_member_data(db, member_id, password=password), label=self.tr("Erasing member"),
                     kind="member", on_done=self._erased, parent=self)

    def _erased(self, result: EraseResult) -> None:
        if not result.file_compacted:
            QMessageBox.information(
                self, self.tr("Erase member"),
                self.tr("The member was erased. The database file could not be compacted just now (another "
                        "program may be using it), so old copies of the data may stay in its free space until "
                        "the next erasure."))

    def to_counter(self) -> None:
        if self._selected_id is not None:
            self.ctx.navigate_requested.emit("counter", self._selected_id)

