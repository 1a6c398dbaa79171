"""Feedback from the counter: a button (and F9) on the member card opens the feedback dialog.

Feedback is usually given just after paying, when the card has already been cleared for the next
customer, so the button remembers the last sale rung up for a member: with no member on the card,
the feedback goes to that member and is linked to that sale.  With a member on the card, it is
theirs (linked to their sale if it was the last one).

The button knows the counter only through what it is handed (the member on the card, a line to
say something on, the way back to the search field), so this module does not import the view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from shopcrm.gui.context import AppContext
from shopcrm.gui.members.detail import FeedbackDialog
from shopcrm.services.members.records import MemberView

KEY = "F9"


class CounterFeedback(QObject):
    def __init__(self, counter: QWidget, ctx: AppContext, card_layout: QBoxLayout, *,
                 member: Callable[[], MemberView | None], say: Callable[[str], None],
                 back_to_counter: Callable[[], None]) -> None:
        super().__init__(counter)
        self.counter = counter
        self.ctx = ctx
        self._member = member
        self._say = say
        self._back_to_counter = back_to_counter
        self.last_sale: tuple[int, int, str] | None = None  # member id, purchase id, who
        self.dialog: FeedbackDialog | None = None
        self.button = QPushButton(self.tr("Feedback… ({key})").format(key=KEY))
        self.button.setObjectName("counterFeedback")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clerk's Tab order stays as it was
        self.button.setToolTip(self.tr("Ratings and a comment from the member on the card, or else from the "
                                       "member of the last sale."))
        self.button.clicked.connect(self.open_dialog)
        card_layout.addWidget(self.button)
        shortcut = QShortcut(QKeySequence(KEY), counter)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.open_dialog)

    def sale_recorded(self, member: MemberView | None, purchase_id: int) -> None:
        """The counter saved a sale while `member` was on the card (None: a walk-in sale)."""
        self.last_sale = None if member is None else (member.id, purchase_id, member.name or member.card_no)

    def target(self) -> tuple[int, int | None, str] | None:
        """(member id, sale to link or None, who) the feedback would go to; None: nobody."""
        member = self._member()
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
            self._say(self.tr("Find the member first: feedback belongs to a member."))
            return
        member_id, purchase_id, who = target
        dialog = FeedbackDialog(self.ctx, member_id, self.counter, purchase_id=purchase_id)
        dialog.setWindowTitle(self.tr("Feedback from {who}").format(who=who))
        dialog.saved.connect(lambda: self._say(self.tr("Feedback from {who} saved.").format(who=who)))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.counter.window().activateWindow()  # back to the counter for the next customer
        self._back_to_counter()
