"""Campaigns: from "who should I call this week" to a printed, masked, consent-respecting list, and
later whether those members came back.

Two tabs: 'New list' (ready-made lists, filters with a live count, columns, save) and 'Saved lists'
(members with contact ticks, print preview, printer, PDF, Excel, message texts, response).  A chart drill-down may
open the screen with a filter: `open_item` shows it on the 'New list' tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from shopcrm.gui.campaigns.builder import ListBuilder
from shopcrm.gui.campaigns.messages import MessagesPanel
from shopcrm.gui.campaigns.outputs import ListOutputs
from shopcrm.gui.campaigns.saved import SavedCampaigns
from shopcrm.gui.context import AppContext
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.widgets import hint_label, title_label
from shopcrm.services.campaigns.lists import CampaignSummary
from shopcrm.services.members.filters import MemberFilter

OWN_KINDS = ("campaign", "campaign-output", "campaign-contacted")


def create_view(ctx: AppContext) -> QWidget:
    return CampaignsView(ctx)


class CampaignsView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.reloader = ReloadWhenShown(self, self._reload_data)
        self.outputs = ListOutputs(ctx, self)
        self.builder = ListBuilder(ctx, self.outputs)
        self.saved = SavedCampaigns(ctx, self.outputs)
        self.messages = MessagesPanel(ctx, self.outputs, self.saved.masked)
        self.saved.detail_tabs.addTab(self.messages, self.tr("Messages"))
        self.saved.list.itemSelectionChanged.connect(self._show_messages)
        self._show_messages()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("campaignTabs")
        self.tabs.addTab(self.builder, self.tr("New list"))
        self.tabs.addTab(self.saved, self.tr("Saved lists"))
        self.builder.saved.connect(self._saved)
        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("Campaigns")))
        top.addWidget(hint_label(self.tr("Pick members for a promotion, print or export the list, tick who was "
                                         "contacted, and see who came back.")), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        ctx.operation_finished.connect(self._operation_finished)
        ctx.settings_changed.connect(self._settings_changed)  # bound: dropped when the screen goes

    # ---- main-window hooks ------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.reloader.shown()

    def open_item(self, argument: Any) -> None:
        """A MemberFilter, a dict of one (a chart drill-down; consent only unless it says), or a campaign id."""
        if isinstance(argument, int):
            self.tabs.setCurrentWidget(self.saved)
            self.saved.select_campaign(argument)
            return
        flt = argument if isinstance(argument, MemberFilter) else MemberFilter.from_dict({"consent_only": True} | dict(argument))
        self.tabs.setCurrentWidget(self.builder)
        self.builder.set_filter(flt)

    # ---- updates ------------------------------------------------------------------------------------------
    def _saved(self, summary: CampaignSummary) -> None:
        self.tabs.setCurrentWidget(self.saved)
        self.saved.select_campaign(summary.id)

    def _show_messages(self) -> None:
        self.messages.show_campaign(self.saved.current)

    def _operation_finished(self, kind: str) -> None:
        if kind in OWN_KINDS:
            self.saved.refresh_after(kind)
            self._show_messages()
            return
        self.reloader.request()

    def _settings_changed(self, _settings: object) -> None:
        self.reloader.mark_stale()

    def _reload_data(self) -> None:
        """A sale, an import, a member erased ... may change the choices, the counts and who is listed."""
        self.builder.reload_choices()
        self.builder.refresh()
        self.saved.refresh_after("data")
        self._show_messages()
