"""The 'festival buyers' ready-made list of the New list tab: who bought (mooncakes, 年货 gift boxes …)
in the days before the latest festival, to invite them again this season.  Choosing it puts the
condition on the list; the line under it says what the condition is and can remove it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import hint_label
from shopcrm.services.campaigns.lists import (
    FESTIVAL_BUYERS_DESCRIPTION,
    festival_buyers_filter,
    launch_categories,
)
from shopcrm.services.campaigns.words import describe_filter
from shopcrm.services.members.filters import FESTIVAL_DAYS, MAX_FESTIVAL_DAYS, MemberFilter
from shopcrm.services.reports.seasons import RULE_BY_KEY, SELLING_FESTIVALS


class FestivalPreset(QGroupBox):
    chosen = Signal(object, str)  # the festival part of a filter (MemberFilter), the list's title
    cleared = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Festival buyers"), parent)
        self.ctx = ctx
        self.festival = QComboBox()
        self.festival.setObjectName("festivalChoice")
        for key in SELLING_FESTIVALS:
            self.festival.addItem(QCoreApplication.translate("Seasons", RULE_BY_KEY[key].name), key)
        self.festival.setCurrentIndex(max(0, self.festival.findData("mid_autumn")))
        self.category = QComboBox()
        self.category.setObjectName("festivalCategory")
        self.category.setEditable(True)
        self.category.setToolTip(self.tr("What they bought, e.g. mooncakes or gift boxes (empty: anything)"))
        self.days = QSpinBox()
        self.days.setObjectName("festivalDays")
        self.days.setRange(1, MAX_FESTIVAL_DAYS)
        self.days.setValue(FESTIVAL_DAYS)
        self.days.setSuffix(self.tr(" days before"))
        self.button = QPushButton(self.tr("Last festival's buyers"))
        self.button.setObjectName("preset_festival_buyers")
        self.button.setToolTip(QCoreApplication.translate("CampaignPresets", FESTIVAL_BUYERS_DESCRIPTION))
        self.button.clicked.connect(self._choose)
        self.active = hint_label()
        self.active.setObjectName("festivalActive")
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setObjectName("festivalRemove")
        self.remove.clicked.connect(self.cleared.emit)
        row = QHBoxLayout()
        for w in (self.festival, QLabel(self.tr("bought")), self.category, self.days, self.button):
            row.addWidget(w)
        row.addStretch(1)
        status = QHBoxLayout()
        status.addWidget(self.active, 1)
        status.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(status)
        self.show_filter(MemberFilter())

    def reload(self) -> None:
        text = self.category.currentText()
        self.category.clear()
        self.category.addItem("")
        try:
            self.category.addItems(launch_categories(self.ctx.db))
        except ShopError as exc:
            self.ctx.show_error(exc, self)
        self.category.setCurrentText(text)

    def _choose(self) -> None:
        try:
            flt, title = festival_buyers_filter(self.festival.currentData(), self.category.currentText(),
                                                self.days.value())
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            return
        self.chosen.emit(flt, title)

    def show_filter(self, flt: MemberFilter) -> None:
        """Say what the list's festival condition is (or hide the line without one)."""
        has = flt.festival is not None
        if has:
            part = MemberFilter(festival=flt.festival, festival_category=flt.festival_category,
                                  festival_days=flt.festival_days)
            self.active.setText(describe_filter(part, dt.date.today())[0])
        self.active.setVisible(has)
        self.remove.setVisible(has)
