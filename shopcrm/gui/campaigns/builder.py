"""Making a promotion list: ready-made lists, filters with a live count, a preview, columns, save.

Counting and the preview run on the reader thread (a shop may have 100 000 members), newest
request wins; the count follows every change after a short pause.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.codes import SOURCES
from shopcrm.errors import ShopError
from shopcrm.gui.campaigns.columns_dialog import ColumnsDialog
from shopcrm.gui.campaigns.festival_preset import FestivalPreset
from shopcrm.gui.campaigns.list_model import PreparedListModel
from shopcrm.gui.campaigns.multichoice import MultiChoice
from shopcrm.gui.campaigns.outputs import ListOutputs, ListSource
from shopcrm.gui.context import AppContext
from shopcrm.gui.flow_layout import FlowLayout
from shopcrm.gui.widgets import hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import class_label, classification_explanation, classification_title
from shopcrm.services.campaigns.columns import DEFAULT_COLUMNS
from shopcrm.services.campaigns.lists import (
    PRESETS,
    CampaignSummary,
    ListCount,
    count_matching,
    favourite_categories,
    launch_categories,
    promotion_filter,
    save_campaign,
)
from shopcrm.services.campaigns.output import PreparedList, prepare_filter_list
from shopcrm.services.campaigns.words import describe_filter, join_conditions
from shopcrm.services.members.filters import CLASS_CODES, MEMBER_CODES, MemberFilter
from shopcrm.services.members.table import filter_choices

COUNT_DELAY_MS = 250
PREVIEW_ROWS = 300
# Filter buttons in the order of the screen: classes, then the member's own fields.
CLASS_BUTTONS = ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class", "preference")
BIRTHDAY_CHOICES = (
    ("", QT_TRANSLATE_NOOP("CampaignBuilder", "Birthday: any")),
    ("week", QT_TRANSLATE_NOOP("CampaignBuilder", "Birthday this week")),
    ("month", QT_TRANSLATE_NOOP("CampaignBuilder", "Birthday this month")),
)


class ListBuilder(QWidget):
    """The 'New list' tab."""

    saved = Signal(object)  # CampaignSummary of a list just saved

    def __init__(self, ctx: AppContext, outputs: ListOutputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outputs = outputs
        self.columns: tuple[str, ...] = DEFAULT_COLUMNS
        self.suggested_name = ""
        self.count: ListCount | None = None
        self._generation = 0
        self._applying = False

        # ---- ready-made lists
        presets = QGroupBox(self.tr("Ready-made lists"))
        preset_box = QVBoxLayout(presets)
        preset_bar = QWidget()
        preset_bar.setObjectName("presetBar")
        preset_box.addWidget(preset_bar)
        preset_row = FlowLayout(preset_bar)  # wraps on a narrow screen instead of cutting the buttons
        self.preset_buttons: dict[str, QPushButton] = {}
        for preset in PRESETS:
            if preset.needs_category:
                continue
            button = QPushButton(preset.heading())
            button.setToolTip(preset.explanation())
            button.setObjectName(f"preset_{preset.key}")
            button.clicked.connect(lambda _c=False, key=preset.key: self.apply_preset(key))
            preset_row.addWidget(button)
            self.preset_buttons[preset.key] = button
        launch = next(p for p in PRESETS if p.needs_category)
        self.launch_category = QComboBox()
        self.launch_category.setObjectName("launchCategory")
        self.launch_category.setEditable(True)
        self.launch_category.setToolTip(self.tr("Category of the new product"))
        launch_button = QPushButton(self.tr("New-product triers for …"))
        launch_button.setObjectName(f"preset_{launch.key}")
        launch_button.setToolTip(launch.explanation())
        launch_button.clicked.connect(lambda: self.apply_preset(launch.key, self.launch_category.currentText()))
        self.preset_buttons[launch.key] = launch_button
        preset_row.addWidget(launch_button)
        preset_row.addWidget(self.launch_category)
        self.festival_preset = FestivalPreset(ctx)
        self.festival_preset.chosen.connect(self._festival_chosen)
        self.festival_preset.cleared.connect(lambda: self._festival_chosen(MemberFilter(), self.suggested_name))
        self._festival: dict[str, Any] = {}  # the festival-buyers part of the filter (no widget of its own)

        # ---- filters
        filters = QGroupBox(self.tr("Filters"))
        grid = QGridLayout(filters)
        self.choices: dict[str, MultiChoice] = {}
        for i, name in enumerate(CLASS_BUTTONS):
            box = MultiChoice(classification_title(name))
            box.setObjectName(f"filter_{name}")
            box.setToolTip(classification_explanation(name))
            box.set_choices([(code, class_label(name, code)) for code in CLASS_CODES[name]])
            box.changed.connect(self._filter_changed)
            self.choices[name] = box
            grid.addWidget(box, i // 4, i % 4)
        self.level_box = MultiChoice(classification_title("level"))
        self.level_box.setObjectName("filter_level")
        self.source_box = MultiChoice(classification_title("source"))
        self.source_box.setObjectName("filter_source")
        self.source_box.set_choices([(code, class_label("source", code)) for code in SOURCES])
        self.gender_box = MultiChoice(classification_title("gender"))
        self.gender_box.setObjectName("filter_gender")
        self.gender_box.set_choices([(code, class_label("gender", code)) for code in MEMBER_CODES["gender"]])
        self.age_box = MultiChoice(classification_title("age_band"))
        self.age_box.setObjectName("filter_age_band")
        self.age_box.set_choices([(code, class_label("age_band", code)) for code in CLASS_CODES["age_band"]])
        for box in (self.level_box, self.source_box, self.gender_box, self.age_box):
            box.changed.connect(self._filter_changed)
        self.favourite = QComboBox()
        self.favourite.setObjectName("filter_favourite")
        self.birthday = QComboBox()
        self.birthday.setObjectName("filter_birthday")
        for code, text in BIRTHDAY_CHOICES:
            self.birthday.addItem(QCoreApplication.translate("CampaignBuilder", text), code)
        for month in range(1, 13):
            self.birthday.addItem(self.tr("Birthday in month {month}").format(month=month), month)
        self.tag = QComboBox()
        self.tag.setObjectName("filter_tag")
        self.tag.setEditable(True)
        tag_edit = self.tag.lineEdit()
        if tag_edit is not None:
            tag_edit.setPlaceholderText(self.tr("Tag"))
        self.area = QLineEdit()
        self.area.setObjectName("filter_area")
        self.area.setPlaceholderText(self.tr("Area contains …"))
        self.consent = QCheckBox(self.tr("Only members who agreed to promotions"))
        self.consent.setObjectName("filter_consent")
        self.consent.setChecked(True)
        self.consent_warning = QLabel(self.tr("Members who did not agree will be on the list: the owner password "
                                              "is asked before printing or exporting it."))
        self.consent_warning.setObjectName("warning")
        self.consent_warning.setWordWrap(True)
        self.consent_warning.hide()
        for combo in (self.favourite, self.birthday):
            combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.tag.currentTextChanged.connect(lambda _t: self._filter_changed())
        self.area.textChanged.connect(lambda _t: self._filter_changed())
        self.consent.toggled.connect(self._consent_toggled)
        grid.addWidget(self.level_box, 2, 0)
        grid.addWidget(self.source_box, 2, 1)
        grid.addWidget(self.favourite, 2, 2)
        grid.addWidget(self.birthday, 2, 3)
        grid.addWidget(self.gender_box, 3, 0)
        grid.addWidget(self.age_box, 3, 1)
        grid.addWidget(self.tag, 3, 2)
        grid.addWidget(self.area, 3, 3)
        grid.addWidget(self.consent, 4, 0, 1, 3)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        grid.addWidget(self.clear_button, 4, 3)
        grid.addWidget(self.consent_warning, 5, 0, 1, 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)

        # ---- count, words, actions
        self.count_label = QLabel()
        self.count_label.setObjectName("bigFigure")
        self.words_label = hint_label()
        self.snapshot_label = hint_label()
        self.columns_button = QPushButton(self.tr("&Columns …"))
        self.columns_button.clicked.connect(self.choose_columns)
        self.preview_button = QPushButton(self.tr("Print pre&view …"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("&Save as campaign …"))
        self.save_button.setObjectName("primary")
        # `clicked` passes the checked flag: the lambda drops it so save() asks for a name.
        self.save_button.clicked.connect(lambda: self.save())
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.words_label, 1)
        for b in (self.columns_button, self.preview_button, self.save_button):
            actions.addWidget(b)

        # ---- preview table
        self.model = PreparedListModel(self)
        self.table = QTableView()
        self.table.setObjectName("builderTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.preview_note = hint_label()

        layout = QVBoxLayout(self)
        layout.addWidget(presets)
        layout.addWidget(self.festival_preset)
        layout.addWidget(filters)
        layout.addLayout(actions)
        layout.addWidget(self.snapshot_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.preview_note)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.reload_choices()
        self.refresh()

    # ---- choices from the data ------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Levels, favourite categories, tags and launch categories as the shop has them now."""
        self._applying = True
        try:
            levels = self.ctx.settings.levels
            self.level_box.set_choices([(i, QCoreApplication.translate("levels", lvl.name))
                                        for i, lvl in enumerate(levels)])
            current = self.favourite.currentData()
            self.favourite.clear()
            self.favourite.addItem(self.tr("Favourite category: any"), None)
            for name in favourite_categories(self.ctx.db):
                self.favourite.addItem(self.tr("Favourite: {category}").format(category=name), name)
            index = self.favourite.findData(current)
            self.favourite.setCurrentIndex(max(0, index))
            tag_text = self.tag.currentText()
            self.tag.clear()
            self.tag.addItem("")
            self.tag.addItems([t for t, _n in filter_choices(self.ctx.db).get("tag", [])])
            self.tag.setCurrentText(tag_text)
            self.festival_preset.reload()
            launch_text = self.launch_category.currentText()
            self.launch_category.clear()
            self.launch_category.addItems(launch_categories(self.ctx.db))
            if launch_text:
                self.launch_category.setCurrentText(launch_text)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
        finally:
            self._applying = False

    # ---- the filter ---------------------------------------------------------------------------------
    def current_filter(self) -> MemberFilter:
        birthday = self.birthday.currentData()
        return MemberFilter().with_changes(
            **{name: tuple(str(v) for v in box.values()) for name, box in self.choices.items()},
            level=tuple(int(str(v)) for v in self.level_box.values()),
            source=tuple(str(v) for v in self.source_box.values()),
            gender=tuple(str(v) for v in self.gender_box.values()),
            age_band=tuple(str(v) for v in self.age_box.values()),
            favourite_category=self.favourite.currentData(),
            birthday=birthday if birthday in ("week", "month") else None,
            birthday_month=birthday if isinstance(birthday, int) else None,
            tag=self.tag.currentText().strip() or None,
            area=self.area.text().strip() or None,
            consent_only=self.consent.isChecked(),
            **self._festival,
        )

    def set_filter(self, flt: MemberFilter, *, name: str = "") -> None:
        """Show a filter (a ready-made list, a chart drill-down); the count follows."""
        self._applying = True
        try:
            for field, box in self.choices.items():
                box.set_values(list(getattr(flt, field)))
            self.level_box.set_values(list(flt.level))
            self.source_box.set_values(list(flt.source))
            self.gender_box.set_values(list(flt.gender))
            self.age_box.set_values(list(flt.age_band))
            if flt.favourite_category and self.favourite.findData(flt.favourite_category) < 0:
                self.favourite.addItem(self.tr("Favourite: {category}").format(category=flt.favourite_category),
                                       flt.favourite_category)
            self.favourite.setCurrentIndex(max(0, self.favourite.findData(flt.favourite_category)))
            birthday: Any = flt.birthday or flt.birthday_month or ""
            self.birthday.setCurrentIndex(max(0, self.birthday.findData(birthday)))
            self.tag.setCurrentText(flt.tag or "")
            self.area.setText(flt.area or "")
            self.consent.setChecked(flt.consent_only)
            self._festival = {"festival": flt.festival, "festival_category": flt.festival_category,
                              "festival_days": flt.festival_days}
            self.festival_preset.show_filter(flt)
        finally:
            self._applying = False
        self.suggested_name = name
        self._filter_changed()

    def _festival_chosen(self, part: MemberFilter, name: str) -> None:
        """The festival condition added to (or removed from) the filters already chosen."""
        flt = self.current_filter().with_changes(festival=part.festival, festival_category=part.festival_category,
                                                 festival_days=part.festival_days)
        self.set_filter(flt, name=name)

    def clear_filters(self) -> None:
        self.set_filter(promotion_filter())

    def apply_preset(self, key: str, category: str | None = None) -> None:
        preset = next(p for p in PRESETS if p.key == key)
        try:
            flt = preset.filter(category)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            return
        self.set_filter(flt, name=preset.heading(category))

    def _consent_toggled(self, checked: bool) -> None:
        self.consent_warning.setVisible(not checked)
        self._filter_changed()

    def _filter_changed(self) -> None:
        if self._applying:
            return
        self._timer.start()

    # ---- count and preview --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count and preview the current filter on the reader thread; the newest answer wins."""
        self._generation += 1
        generation = self._generation
        flt = self.current_filter()
        db = self.ctx.db
        columns = self.columns
        self.count_label.setText(self.tr("Counting …"))
        today = dt.date.today()
        self.words_label.setText(join_conditions(describe_filter(flt, today, self._level_names())))

        def work(_c: Any) -> tuple[ListCount, PreparedList]:
            count = count_matching(db, flt, today)
            preview = prepare_filter_list(db, flt, columns=columns, masked=True, limit=PREVIEW_ROWS)
            return count, preview

        self.ctx.read(work, on_done=lambda result: self._counted(generation, *result),
                      on_error=lambda exc: self._failed(generation, exc))

    def _level_names(self) -> list[str]:
        return [QCoreApplication.translate("levels", lvl.name) for lvl in self.ctx.settings.levels]

    def _counted(self, generation: int, count: ListCount, preview: PreparedList) -> None:
        if generation != self._generation:
            return
        self.count = count
        self.count_label.setText(self.tr("1 member") if count.members == 1 else
                                 self.tr("{n} members").format(n=f"{count.members:,}"))
        self.model.set_list(preview)
        if count.members > len(preview.rows):
            self.preview_note.setText(self.tr("Showing the first {shown} of {n} members.").format(
                shown=len(preview.rows), n=count.members))
        else:
            self.preview_note.setText("")
        if count.snapshot is None:
            self.snapshot_label.setText(self.tr("No classification yet: the class filters need one (run the "
                                                "classification first)."))
        else:
            self.snapshot_label.setText(self.tr("Classes as of {date}.").format(date=count.snapshot.as_of.isoformat()))
        self.save_button.setEnabled(count.members > 0)
        self.preview_button.setEnabled(count.members > 0)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.count_label.setText("–")
        self.ctx.show_error(exc, self)

    # ---- actions ------------------------------------------------------------------------------------
    def choose_columns(self) -> None:
        dialog = ColumnsDialog(self.columns, self)
        if dialog.exec():
            self.columns = tuple(dialog.chosen())
            self.refresh()

    def source(self) -> ListSource:
        flt = self.current_filter()
        return ListSource(flt=flt, title=self.suggested_name or self.tr("Member list"), columns=self.columns,
                          consent_only=flt.consent_only)

    def preview(self) -> None:
        self.outputs.preview(self.source(), masked=self.ctx.settings.mask_phones)

    def default_name(self) -> str:
        return self.suggested_name or self.tr("List of {date}").format(date=dt.date.today().isoformat())

    def save(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Save as campaign"),
                                            self.tr("Name of the campaign (the members on the list today are kept):"),
                                            text=self.default_name())
            if not ok:
                return
        flt = self.current_filter()
        db = self.ctx.db
        columns = self.columns
        self.ctx.run(lambda _c: save_campaign(db, name, flt, columns), label=self.tr("Saving the list"),
                     kind="campaign", on_done=self._saved, parent=self)

    def _saved(self, summary: CampaignSummary) -> None:
        self.saved.emit(summary)
