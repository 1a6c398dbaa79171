"""Settings tab "Money at the counter": how points are earned, redeemed and expire, the top-up bonus
rules (充 200 送 20) and the coupon a new member gets."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.money import format_cents, parse_money
from shopcrm.services.sales.coupons import list_definitions
from shopcrm.services.shop.settings import BonusRule, ShopSettings

FIELDS = ("points_spend_unit_cents", "points_redeem", "points_expiry_months", "stored_value_bonus_rules")


class MoneySettingsSection(QWidget):
    def __init__(self, ctx: AppContext, errors: Any) -> None:
        super().__init__()
        self.ctx = ctx
        self.spend_unit = QLineEdit()
        self.spend_unit.setObjectName("pointsSpendUnit")
        self.spend_unit.setMaximumWidth(120)
        self.redeem_points = QSpinBox()
        self.redeem_points.setRange(1, 1_000_000)
        self.redeem_points.setSuffix(self.tr(" points"))
        self.redeem_value = QLineEdit()
        self.redeem_value.setMaximumWidth(120)
        self.redeem_min = QSpinBox()
        self.redeem_min.setRange(0, 1_000_000)
        self.redeem_max = QSpinBox()
        self.redeem_max.setRange(0, 1_000_000)
        self.redeem_max.setSpecialValueText(self.tr("no limit"))
        self.expiry = QSpinBox()
        self.expiry.setRange(0, 120)
        self.expiry.setSpecialValueText(self.tr("never"))
        self.expiry.setSuffix(self.tr(" months"))
        self.welcome = QComboBox()
        self.points_error = ErrorLabel()
        self.rules_error = ErrorLabel()
        for name in FIELDS[:3]:
            errors.add(name, self.points_error, self.spend_unit)
        errors.add("stored_value_bonus_rules", self.rules_error, self.spend_unit)

        points = QGroupBox(self.tr("Points"))
        form = QFormLayout(points)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Points are earned per"), self.spend_unit)
        redeem_row = QHBoxLayout()
        redeem_row.addWidget(self.redeem_points)
        redeem_row.addWidget(hint_label(self.tr("take off")))
        redeem_row.addWidget(self.redeem_value)
        redeem_row.addStretch(1)
        form.addRow(self.tr("Redeeming"), redeem_row)
        form.addRow(self.tr("Least points per sale"), self.redeem_min)
        form.addRow(self.tr("Most points per sale"), self.redeem_max)
        form.addRow(self.tr("Points expire after"), self.expiry)
        form.addRow("", self.points_error)

        bonus = QGroupBox(self.tr("Stored value: top-up bonus"))
        bonus_layout = QVBoxLayout(bonus)
        self.rules = QTableWidget(0, 2)
        self.rules.setObjectName("bonusRules")
        self.rules.setMaximumWidth(420)
        self.rules.setHorizontalHeaderLabels([self.tr("Top up at least"), self.tr("Bonus")])
        self.rules.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rules.verticalHeader().setVisible(False)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_rule_button = add = QPushButton(self.tr("Add &rule"))
        add.clicked.connect(lambda: self._add_rule())
        remove = QPushButton(self.tr("Remove rule"))
        remove.clicked.connect(lambda: self.rules.removeRow(self.rules.currentRow()) if self.rules.currentRow() >= 0 else None)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        bonus_layout.addWidget(self.rules)
        bonus_layout.addLayout(buttons)
        bonus_layout.addWidget(self.rules_error)
        bonus_layout.addWidget(hint_label(self.tr("A top-up gets the bonus of the largest amount it reaches; "
                                                  "bonus money is spent last and never refunded.")))

        welcome = QFormLayout()
        welcome.addRow(self.tr("Coupon for new members"), self.welcome)
        layout = QVBoxLayout(self)
        layout.addWidget(points)
        layout.addWidget(bonus, 1)
        layout.addLayout(welcome)

    def _add_rule(self, min_cents: int = 0, bonus_cents: int = 0) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        self.rules.setItem(row, 0, QTableWidgetItem(format_cents(min_cents, "") if min_cents else ""))
        self.rules.setItem(row, 1, QTableWidgetItem(format_cents(bonus_cents, "") if bonus_cents else ""))
        if not min_cents:
            self.rules.setCurrentCell(row, 0)
            self.rules.editItem(self.rules.item(row, 0) or QTableWidgetItem())

    def load(self, settings: ShopSettings) -> None:
        self.spend_unit.setText(format_cents(settings.points_spend_unit_cents, ""))
        self.redeem_points.setValue(settings.points_redeem_points)
        self.redeem_value.setText(format_cents(settings.points_redeem_cents, ""))
        self.redeem_min.setValue(settings.points_redeem_min)
        self.redeem_max.setValue(settings.points_redeem_max)
        self.expiry.setValue(settings.points_expiry_months)
        self.rules.setRowCount(0)
        for rule in settings.stored_value_bonus_rules:
            self._add_rule(rule.min_topup_cents, rule.bonus_cents)
        self.welcome.clear()
        self.welcome.addItem(self.tr("none"), None)
        try:
            for d in list_definitions(self.ctx.db):
                self.welcome.addItem(f"{d.name} ({d.valid_from} – {d.valid_to})", d.id)
        except ShopError:
            pass
        self.welcome.setCurrentIndex(max(0, self.welcome.findData(settings.registration_coupon_id)))

    def values(self) -> dict[str, Any]:
        """The settings this tab holds; raises ValidationError for an unreadable amount."""
        rules = []
        for row in range(self.rules.rowCount()):
            cells = [self.rules.item(row, col) for col in (0, 1)]
            texts = [c.text().strip() if c else "" for c in cells]
            if not any(texts):
                continue
            rules.append(BonusRule(parse_money(texts[0], field="stored_value_bonus_rules", exact=True),
                                   parse_money(texts[1] or "0", field="stored_value_bonus_rules", exact=True)))
        return {
            "points_spend_unit_cents": parse_money(self.spend_unit.text(), field="points_spend_unit_cents", exact=True),
            "points_redeem_points": self.redeem_points.value(),
            "points_redeem_cents": parse_money(self.redeem_value.text(), field="points_redeem", exact=True),
            "points_redeem_min": self.redeem_min.value(),
            "points_redeem_max": self.redeem_max.value(),
            "points_expiry_months": self.expiry.value(),
            "stored_value_bonus_rules": tuple(sorted(rules, key=lambda r: r.min_topup_cents)),
            "registration_coupon_id": self.welcome.currentData(),
        }
