"""Settings: shop, points and member levels, every classification threshold, language, backups,
the owner password."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.language import LANGUAGE_NAMES
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.privacy.audit_log import AuditLogPanel
from shopcrm.gui.settings.backups_section import BackupsSection
from shopcrm.gui.settings.money_section import FIELDS as MONEY_FIELDS
from shopcrm.gui.settings.money_section import MoneySettingsSection
from shopcrm.gui.settings.owner_password_section import OwnerPasswordSection
from shopcrm.gui.settings.rule_fields import RuleField, rule_fields
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label, title_label
from shopcrm.money import format_cents, parse_money
from shopcrm.services.classification import RuleParams
from shopcrm.services.shop.owner_password import save_settings_as_owner
from shopcrm.services.shop.settings import MemberLevel, ShopSettings

CURRENCIES = ("CNY", "HKD", "TWD", "MOP", "SGD", "MYR", "USD", "EUR")
TAB_OF_FIELD = {"shop_name": 0, "language": 0, "currency": 0, "points_per_unit": 1, "levels": 1, "rules": 2,
                "backup_keep": 3, "backup_dir": 3}


def create_view(ctx: AppContext) -> QWidget:
    return SettingsView(ctx)


class SettingsView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rule_widgets: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._shop_tab(), self.tr("Shop"))
        self.tabs.addTab(self._levels_tab(), self.tr("Points and levels"))
        self.tabs.addTab(self._rules_tab(), self.tr("Classification rules"))
        self.backups_section = BackupsSection(ctx, self.errors)  # backups_section.py
        self.tabs.addTab(self.backups_section, self.tr("Database and backups"))
        self.owner_password = OwnerPasswordSection(ctx)
        self.tabs.addTab(self.owner_password, self.tr("Owner password"))
        self.tabs.addTab(AuditLogPanel(ctx), self.tr("Privacy"))
        self.money = MoneySettingsSection(ctx, self.errors)  # money_section.py
        money_tab = self.tabs.insertTab(self.tabs.indexOf(self.owner_password), self.money, self.tr("Money at the counter"))
        TAB_OF_FIELD.update(dict.fromkeys((*MONEY_FIELDS, "points_redeem"), money_tab))

        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.clicked.connect(lambda: self.load(self.ctx.settings))
        self.saved_label = hint_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Settings")))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.load(ctx.settings)

    # ---- tabs -----------------------------------------------------------------------------------
    def _shop_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.shop_name = QLineEdit()
        self.shop_name.setMinimumWidth(360)
        self.shop_name.setMaxLength(120)
        self.shop_name_error = ErrorLabel()
        self.errors.add("shop_name", self.shop_name_error, self.shop_name)
        self.language_box = QComboBox()
        for code in ("zh_CN", "en"):
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.currency_box = QComboBox()
        self.currency_box.addItems(CURRENCIES)
        self.mask_phones = QCheckBox(self.tr("Mask phone numbers on printed lists (138****5678)"))
        form.addRow(self.tr("Shop name"), self.shop_name)
        form.addRow("", self.shop_name_error)
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Currency"), self.currency_box)
        form.addRow("", self.mask_phones)
        return page

    def _levels_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        points_form = QFormLayout()
        points_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.points_per_unit = QSpinBox()
        self.points_per_unit.setRange(0, 1000)
        self.points_per_unit.setSuffix(self.tr(" points per 1 spent"))
        self.points_error = ErrorLabel()
        self.errors.add("points_per_unit", self.points_error, self.points_per_unit)
        points_form.addRow(self.tr("Points earned"), self.points_per_unit)
        points_form.addRow("", self.points_error)
        layout.addLayout(points_form)

        box = QGroupBox(self.tr("Member levels (by cumulative spend, upgraded automatically)"))
        box_layout = QVBoxLayout(box)
        self.levels_table = QTableWidget(0, 2)
        self.levels_table.setMaximumWidth(560)
        self.levels_table.setHorizontalHeaderLabels([self.tr("Level name"), self.tr("From cumulative spend")])
        self.levels_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.levels_table.verticalHeader().setVisible(False)
        self.levels_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(self.tr("&Add level"))
        add.clicked.connect(self._add_level)
        remove = QPushButton(self.tr("Re&move level"))
        remove.clicked.connect(self._remove_level)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        self.levels_error = ErrorLabel()
        self.errors.add("levels", self.levels_error, self.levels_table)
        box_layout.addWidget(self.levels_table)
        box_layout.addLayout(row_buttons)
        box_layout.addWidget(self.levels_error)
        box_layout.addWidget(hint_label(self.tr("The first level starts at 0. A member moves up as soon as "
                                                "their spend reaches the next level's threshold.")))
        layout.addWidget(box, 1)
        return page

    def _rules_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.rules_error = ErrorLabel()
        self.errors.add("rules", self.rules_error)
        layout.addWidget(hint_label(self.tr("Thresholds of every classification. Changes apply at the next "
                                            "classification run.")))
        layout.addWidget(self.rules_error)
        defaults = RuleParams()
        boxes: dict[str, QFormLayout] = {}
        columns = [QVBoxLayout(), QVBoxLayout()]  # groups in two columns: less scrolling
        grid = QHBoxLayout()
        for column in columns:
            grid.addLayout(column, 1)
        layout.addLayout(grid)
        for rf in rule_fields():
            if rf.group not in boxes:
                group = QGroupBox(QCoreApplication.translate("RuleFields", rf.group))
                boxes[rf.group] = QFormLayout(group)
                boxes[rf.group].setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
                columns[(len(boxes) - 1) % 2].addWidget(group)
            widget = self._rule_widget(rf)
            widget.setObjectName(f"rule_{rf.name}")
            widget.setToolTip(self.tr("Default: {value}").format(value=self._format_rule(rf, getattr(defaults, rf.name))))
            self.rule_widgets[rf.name] = widget
            label = QLabel(QCoreApplication.translate("RuleFields", rf.label))
            label.setBuddy(widget)
            label.setWordWrap(True)
            boxes[rf.group].addRow(label, widget)
        reset = QPushButton(self.tr("Reset rules to &defaults"))
        reset.clicked.connect(lambda: self._load_rules(RuleParams()))
        reset_row = QHBoxLayout()
        reset_row.addStretch(1)
        reset_row.addWidget(reset)
        for column in columns:
            column.addStretch(1)
        layout.addLayout(reset_row)
        layout.addStretch(1)
        scroll.setWidget(inner)
        return scroll

    def _rule_widget(self, rf: RuleField) -> QSpinBox | QDoubleSpinBox:
        if rf.kind in ("days", "count", "rating"):
            spin = QSpinBox()
            spin.setMinimumWidth(120)
            spin.setRange(1 if rf.kind == "rating" else 0, 5 if rf.kind == "rating" else 100_000)
            if rf.kind == "days":
                spin.setSuffix(self.tr(" days"))
            return spin
        dspin = QDoubleSpinBox()
        dspin.setMinimumWidth(120)
        if rf.kind == "share":
            dspin.setRange(0, 100)
            dspin.setDecimals(1)
            dspin.setSuffix(" %")
        elif rf.kind == "prob":
            dspin.setRange(0, 1)
            dspin.setDecimals(2)
            dspin.setSingleStep(0.05)
        else:
            dspin.setRange(0, 1000)
            dspin.setDecimals(2)
            dspin.setSingleStep(0.5)
        return dspin

    def _format_rule(self, rf: RuleField, value: float) -> str:
        if rf.kind == "share":
            return f"{value * 100:g} %"
        return f"{value:g}"

    # ---- load and save --------------------------------------------------------------------------
    def load(self, settings: ShopSettings) -> None:
        self.errors.clear()
        self.saved_label.setText("")
        self.shop_name.setText(settings.shop_name)
        # The language the window speaks now (a new shop's stored default may not be it yet).
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.ctx.language.language)))
        if self.currency_box.findText(settings.currency) < 0:
            self.currency_box.addItem(settings.currency)
        self.currency_box.setCurrentText(settings.currency)
        self.mask_phones.setChecked(settings.mask_phones)
        self.points_per_unit.setValue(settings.points_per_unit)
        self.money.load(settings)
        self.levels_table.setRowCount(0)
        for level in settings.levels:
            self._append_level(QCoreApplication.translate("levels", level.name), level.min_spend_cents, level.name)
        self._load_rules(settings.rules)
        self.backups_section.load(settings)

    def _load_rules(self, rules: RuleParams) -> None:
        for rf in rule_fields():
            value = getattr(rules, rf.name)
            widget = self.rule_widgets[rf.name]
            widget.setValue(value * 100 if rf.kind == "share" else value)

    def _append_level(self, shown_name: str, min_spend_cents: int, source_name: str | None = None) -> None:
        row = self.levels_table.rowCount()
        self.levels_table.insertRow(row)
        name_item = QTableWidgetItem(shown_name)
        # Keep the untranslated default name while the owner does not rename it, so the level
        # still shows in the other language.
        name_item.setData(Qt.ItemDataRole.UserRole, source_name)
        self.levels_table.setItem(row, 0, name_item)
        self.levels_table.setItem(row, 1, QTableWidgetItem(format_cents(min_spend_cents, "")))

    def _add_level(self) -> None:
        last = self.levels_table.item(self.levels_table.rowCount() - 1, 1) if self.levels_table.rowCount() else None
        try:
            base = parse_money(last.text()) if last else 0
        except ShopError:
            base = 0
        self._append_level("", base + 100_000 if self.levels_table.rowCount() else 0)
        row = self.levels_table.rowCount() - 1
        self.levels_table.setCurrentCell(row, 0)
        self.levels_table.editItem(self.levels_table.item(row, 0) or QTableWidgetItem())

    def _remove_level(self) -> None:
        row = self.levels_table.currentRow()
        if row >= 0:
            self.levels_table.removeRow(row)

    def _levels(self) -> tuple[MemberLevel, ...]:
        levels = []
        for row in range(self.levels_table.rowCount()):
            name_item = self.levels_table.item(row, 0)
            spend_item = self.levels_table.item(row, 1)
            shown = name_item.text().strip() if name_item else ""
            source = name_item.data(Qt.ItemDataRole.UserRole) if name_item else None
            name = source if source and QCoreApplication.translate("levels", source) == shown else shown
            cents = parse_money(spend_item.text() if spend_item else "", field="levels")
            levels.append(MemberLevel(name, cents))
        return tuple(levels)

    def _rules(self) -> RuleParams:
        values: dict[str, Any] = {}
        defaults = RuleParams()
        for rf in rule_fields():
            raw = self.rule_widgets[rf.name].value()
            value = raw / 100 if rf.kind == "share" else raw
            values[rf.name] = type(getattr(defaults, rf.name))(round(value, 6) if isinstance(value, float) else value)
        return replace(defaults, **values)

    def collect(self) -> ShopSettings:
        """The settings as the form shows them (raises ValidationError for an unreadable amount)."""
        return replace(
            self.ctx.settings,
            shop_name=self.shop_name.text(),
            language=str(self.language_box.currentData()),
            # Saving here is the owner choosing the language: a shop that skipped the first-start
            # dialog (made by `shopcrm demo` or filled from the CLI) must keep it on the next start.
            first_start_done=True,
            currency=self.currency_box.currentText().strip() or "CNY",
            mask_phones=self.mask_phones.isChecked(),
            points_per_unit=self.points_per_unit.value(),
            levels=self._levels(),
            rules=self._rules(),
            **self.backups_section.values(),
            **self.money.values(),
        )

    def save(self) -> None:
        self.errors.clear()
        self.saved_label.setText("")
        try:
            settings = self.collect()
        except ShopError as exc:
            self._show_error(exc)
            return
        ok, password = ask_owner_password(self.ctx.db, self, self.tr("Saving the settings needs the owner password."))
        if not ok:
            return
        self.save_button.setEnabled(False)
        db = self.ctx.db
        # Through the owner's guard (checked again on the writer thread) and recorded in the audit log.
        self.ctx.run(lambda _c: save_settings_as_owner(db, settings, password), label=self.tr("Saving settings"),
                     kind="settings-saved", on_done=self._saved, on_error=self._save_failed)

    def _saved(self, saved: ShopSettings) -> None:
        self.save_button.setEnabled(True)
        self.saved_label.setText(self.tr("Settings saved."))
        self.ctx.reload_settings()  # every screen hears settings_changed before "settings-saved"
        if saved.language != self.ctx.language.language:
            self.ctx.set_language(saved.language)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self._show_error(exc)
        else:
            self.ctx.show_error(exc, self)

    def _show_error(self, exc: ShopError) -> None:
        field = getattr(exc, "field", None)
        if field in TAB_OF_FIELD:
            self.tabs.setCurrentIndex(TAB_OF_FIELD[field])
        self.errors.show(exc)

    def on_shown(self) -> None:
        self.backups_section.refresh_backups()
        self.owner_password.refresh()  # a restore or the CLI may have set or removed it
