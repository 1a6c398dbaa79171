"""Saved campaigns: the list of them, one campaign's members with a 'contacted' tick each, its
print/PDF/export buttons and whether its members came back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.campaigns.columns_dialog import ColumnsDialog
from shopcrm.gui.campaigns.list_model import PreparedListModel
from shopcrm.gui.campaigns.outputs import ListOutputs, ListSource
from shopcrm.gui.campaigns.response import ResponsePanel
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import date_text
from shopcrm.gui.widgets import hint_label
from shopcrm.gui.window_state import remember_splitter, restore_splitter
from shopcrm.services.campaigns.lists import (
    CampaignSummary,
    delete_campaign,
    list_campaigns,
    set_contacted,
    update_campaign,
)
from shopcrm.services.campaigns.output import PreparedList, prepare_campaign_list
from shopcrm.services.campaigns.words import describe_filter, join_conditions

CAMPAIGN_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedCampaigns(QWidget):
    """The 'Saved lists' tab."""

    def __init__(self, ctx: AppContext, outputs: ListOutputs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outputs = outputs
        self.campaigns: list[CampaignSummary] = []
        self.current: CampaignSummary | None = None
        self._generation = 0
        self._reload_members = True

        self.list = QTableWidget(0, 6)
        self.list.setObjectName("campaignList")
        self.list.setHorizontalHeaderLabels([self.tr("Campaign"), self.tr("Made on"), self.tr("Members"),
                                             self.tr("Contacted"), self.tr("Printed"), self.tr("Exported")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._selection_changed)

        self.title = QLabel()
        self.title.setObjectName("bigFigure")
        self.details = hint_label()
        self.unmasked = QCheckBox(self.tr("Phone numbers in full"))
        self.unmasked.setObjectName("unmasked")
        self.unmasked.setToolTip(self.tr("Printed lists mask phones as 138****5678; in full needs the owner password."))
        self.unmasked.setChecked(not ctx.settings.mask_phones)  # the owner's choice in Settings
        # A bound method, not a lambda: Qt drops the connection when this tab is deleted (a language
        # switch rebuilds the screens), so a later 'Save settings' never reaches a deleted checkbox.
        ctx.settings_changed.connect(self._settings_changed)
        self.preview_button = QPushButton(self.tr("Print pre&view …"))
        self.print_button = QPushButton(self.tr("&Print …"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF …"))
        self.export_button = QPushButton(self.tr("E&xport to Excel …"))
        self.columns_button = QPushButton(self.tr("Columns …"))
        self.delete_button = QPushButton(self.tr("Delete …"))
        self.preview_button.setObjectName("primary")
        self.preview_button.clicked.connect(lambda: self.outputs.preview(self.source(), self.masked()))
        self.print_button.clicked.connect(lambda: self.outputs.print_direct(self.source(), self.masked()))
        self.pdf_button.clicked.connect(lambda: self.outputs.save_pdf(self.source(), self.masked()))
        self.export_button.clicked.connect(lambda: self.outputs.export(self.source(), self.masked()))
        self.columns_button.clicked.connect(self.choose_columns)
        self.delete_button.clicked.connect(self.delete)
        self.message = hint_label()
        self.outputs.finished_message.connect(self.message.setText)

        self.model = PreparedListModel(self, checkable=True)
        self.model.contacted_toggled.connect(self._contacted_toggled)
        self.members = QTableView()
        self.members.setObjectName("campaignMembers")
        self.members.setModel(self.model)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setAlternatingRowColors(True)
        self.members.verticalHeader().setDefaultSectionSize(24)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.left_out = hint_label()
        self.response = ResponsePanel(ctx)

        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.pdf_button, self.export_button, self.columns_button):
            buttons.addWidget(b)
        buttons.addWidget(self.unmasked)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        members_tab = QWidget()
        members_layout = QVBoxLayout(members_tab)
        members_layout.setContentsMargins(0, 0, 0, 0)
        members_layout.addWidget(self.members, 1)
        members_layout.addWidget(self.left_out)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(members_tab, self.tr("Members on the list"))
        self.detail_tabs.addTab(self.response, self.tr("Did they come back?"))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.details)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.message)
        detail_layout.addWidget(self.detail_tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("savedCampaignsSplitter")
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        restore_splitter(splitter)
        remember_splitter(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._show_detail(None)
        self.reload()

    def _settings_changed(self, settings: object) -> None:
        self.unmasked.setChecked(not getattr(settings, "mask_phones", True))

    # ---- the list of campaigns -------------------------------------------------------------------------
    def reload(self, select: int | None = None, *, members: bool = True) -> None:
        """Re-read the campaigns; `members=False` keeps the member table as it is (after a tick)."""
        self._reload_members = members
        keep = select if select is not None else (self.current.id if self.current else None)
        try:
            self.campaigns = list_campaigns(self.ctx.db)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            return
        self.list.blockSignals(True)
        self.list.setRowCount(len(self.campaigns))
        for row, c in enumerate(self.campaigns):
            cells = [c.name, date_text(c.created_at), str(c.member_count), str(c.contacted),
                     date_text(c.printed_at), date_text(c.exported_at)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CAMPAIGN_ID_ROLE, c.id)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.list.setItem(row, column, item)
        self.list.blockSignals(False)
        row = next((i for i, c in enumerate(self.campaigns) if c.id == keep), 0 if self.campaigns else -1)
        if row >= 0:
            self.list.selectRow(row)
        self._selection_changed()

    def select_campaign(self, campaign_id: int) -> None:
        self.reload(select=campaign_id)

    def _selection_changed(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        campaign = self.campaigns[rows[0].row()] if rows and rows[0].row() < len(self.campaigns) else None
        changed = (campaign.id if campaign else None) != (self.current.id if self.current else None)
        self.current = campaign
        self._show_detail(campaign, members=changed or self._reload_members)
        if changed:
            self.response.show_campaign(campaign.id if campaign else None)

    def _show_detail(self, campaign: CampaignSummary | None, *, members: bool = True) -> None:
        for b in (self.preview_button, self.print_button, self.pdf_button, self.export_button, self.columns_button,
                  self.delete_button, self.unmasked):
            b.setEnabled(campaign is not None)
        if campaign is None:
            self.title.setText(self.tr("No saved campaign yet"))
            self.details.setText(self.tr("Make a list on the 'New list' tab and save it: the members on it that day "
                                         "are kept, so you can print it, tick who was contacted and later see "
                                         "whether they came back."))
            self.model.set_list(None)
            self.left_out.setText("")
            return
        self.title.setText(campaign.name)
        levels = [QCoreApplication.translate("levels", lvl.name) for lvl in self.ctx.settings.levels]
        words = join_conditions(describe_filter(campaign.filters, campaign.created_at.date(), levels))
        self.details.setText(self.tr("Made {when} · {n} members · {contacted} contacted · {filter}").format(
            when=date_text(campaign.created_at), n=campaign.member_count, contacted=campaign.contacted, filter=words))
        if members:
            self._load_members(campaign.id)

    def _load_members(self, campaign_id: int) -> None:
        self._generation += 1
        generation = self._generation
        db = self.ctx.db
        self.ctx.read(lambda _c: prepare_campaign_list(db, campaign_id, masked=True),
                      on_done=lambda prepared: self._members_loaded(generation, prepared),
                      on_error=lambda exc: self.ctx.show_error(exc, self))

    def _members_loaded(self, generation: int, prepared: PreparedList) -> None:
        if generation != self._generation:
            return
        self.model.set_list(prepared)
        self.left_out.setText(prepared.notes()[2] if prepared.left_out else "")

    # ---- actions ----------------------------------------------------------------------------------------
    def masked(self) -> bool:
        return not self.unmasked.isChecked()

    def source(self) -> ListSource:
        c = self.current
        assert c is not None
        return ListSource(campaign_id=c.id, title=c.name, columns=c.columns, consent_only=c.consent_only)

    def _contacted_toggled(self, member_id: int, checked: bool) -> None:
        if self.current is None:
            return
        db, campaign_id = self.ctx.db, self.current.id
        self.ctx.run(lambda _c: set_contacted(db, campaign_id, [member_id], checked), kind="campaign-contacted",
                     parent=self)

    def choose_columns(self) -> None:
        if self.current is None:
            return
        dialog = ColumnsDialog(self.current.columns, self)
        if not dialog.exec():
            return
        db, campaign_id, columns = self.ctx.db, self.current.id, dialog.chosen()
        self.ctx.run(lambda _c: update_campaign(db, campaign_id, columns=columns), kind="campaign", parent=self)

    def delete(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete campaign"),
            self.tr("Delete \"{name}\"? Its member list and contact marks go, and whether its members came back "
                    "can no longer be measured. A backup is taken first.").format(name=self.current.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, campaign_id = self.ctx.db, self.current.id
        self.current = None
        self.ctx.run(lambda _c: delete_campaign(db, campaign_id), label=self.tr("Deleting the campaign"),
                     kind="campaign", parent=self)

    def refresh_after(self, kind: str) -> None:
        """After a write: a contact tick updates the counts only; anything else (a sale, an import,
        a member erased) may change who is listed and who came back."""
        if kind == "campaign-contacted":
            self.reload(members=False)
            return
        self.reload()
        if kind not in ("campaign", "campaign-output") and self.current is not None:
            self.response.refresh()
