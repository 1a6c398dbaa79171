"""Feedback from the counter: a button (and F9) on the member card opens the feedback dialog.

Feedback is usually given just after paying, when the card has already been cleared for the next
customer, so the button remembers the last sale rung up for a member: with no member on the card,
the feedback goes to that member and is linked to that sale.  With a member on the card, it is
theirs (linked to their sale if it was the last one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QPushButton

from shopcrm.gui.members.detail import FeedbackDialog

if TYPE_CHECKING:
    from shopcrm.gui.counter.view import CounterView

KEY = "F9"


class CounterFeedback(QObject):
    def __init__(self, view: CounterView, card_layout: QBoxLayout) -> None:
        super().__init__(view)
        self.view = view
        self.last_sale: tuple[int, int, str] | None = None  # member id, purchase id, who
        self.dialog: FeedbackDialog | None = None
        self.button = QPushButton(self.tr("Feedback… ({key})").format(key=KEY))
        self.button.setObjectName("counterFeedback")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clerk's Tab order stays as it was
        self.button.setToolTip(self.tr("Ratings and a comment from the member on the card, or else from the "
                                       "member of the last sale."))
        self.button.clicked.connect(self.open_dialog)
        card_layout.addWidget(self.button)
        shortcut = QShortcut(QKeySequence(KEY), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.open_dialog)
        # A saved sale is added to the session list while its member is still on the card.
        view.recent_list.model().rowsInserted.connect(self._sale_added)  # type: ignore[has-type]

    def _sale_added(self, _parent: QModelIndex, first: int, _last: int) -> None:
        item = self.view.recent_list.item(first)
        member = self.view.member
        purchase_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if member is None or purchase_id is None:
            self.last_sale = None
            return
        self.last_sale = (member.id, int(purchase_id), member.name or member.card_no)

    def target(self) -> tuple[int, int | None, str] | None:
        """(member id, sale to link or None, who) the feedback would go to; None: nobody."""
        member = self.view.member
        if member is not None:
            sale = self.last_sale[1] if self.last_sale and self.last_sale[0] == member.id else None
            return member.id, sale, member.name or member.card_no
        if self.last_sale is not None:
            return self.last_sale
        return None

    def open_dialog(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        target = self.target()
        if target is None:
            self.view.result_label.setText(self.tr("Find the member first: feedback belongs to a member."))
            return
        member_id, purchase_id, who = target
        dialog = FeedbackDialog(self.view.ctx, member_id, self.view, purchase_id=purchase_id)
        dialog.setWindowTitle(self.tr("Feedback from {who}").format(who=who))
        dialog.saved.connect(lambda: self.view.result_label.setText(
            self.tr("Feedback from {who} saved.").format(who=who)))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.view.window().activateWindow()  # back to the counter for the next customer
        self.view.focus_search()
