"""One line in the member detail: how this member buys — share of visits and spend per channel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from shopcrm.gui.formatting import join_list
from shopcrm.labels import CHANNEL_LABELS, label
from shopcrm.services.reports.channels import ChannelShare, member_channels
from shopcrm.services.shop.database import Database


class MemberChannelsLabel(QLabel):
    """"Channels: In store 75 % of visits, 60 % of spend; Delivery ..." (empty without purchases)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("memberChannels")
        self.setWordWrap(True)
        self.shares: list[ChannelShare] = []

    def show_member(self, member_id: int | None) -> None:
        self.shares = member_channels(self.db, member_id) if member_id is not None else []
        if not self.shares:
            self.setText("")
            self.hide()
            return
        parts = [self.tr("{channel} {visits:.0%} of visits, {spend:.0%} of spend").format(
            channel=label(CHANNEL_LABELS, c.channel), visits=c.visit_share, spend=c.spend_share) for c in self.shares]
        self.setText(self.tr("Channels: {parts}").format(parts=join_list(parts)))
        self.setToolTip(self.tr("All the member's purchases; a visit is a day with a purchase in that channel."))
        self.show()
