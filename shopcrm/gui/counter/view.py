"""The counter: find the member, ring up the sale, all from the keyboard during the rush hour.

Flow: type a phone, its last 4 digits, a card number or a name -> matches appear -> Enter picks
(Up/Down choose) -> type products (Enter adds one; empty Enter jumps to the amount) or just the
amount -> Enter saves.  Ctrl+N registers a new member, Esc starts over, F12 / Ctrl+Enter saves.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import uuid4

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import NotFoundError, ShopError
from shopcrm.gui.catalogue.completion import ProductCompleter
from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.feedback_button import CounterFeedback
from shopcrm.gui.counter.money_panel import MoneyPanel
from shopcrm.gui.formatting import birthday_note, join_list, money
from shopcrm.gui.insight import member_insight
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.gui.style import icon_path
from shopcrm.gui.widgets import ErrorLabel, FittingFrame, hint_label, title_label
from shopcrm.gui.window_state import remember, remembered
from shopcrm.labels import CHANNEL_LABELS, PAYMENT_LABELS, class_label, classification_explanation, label
from shopcrm.money import parse_money
from shopcrm.services.members.records import MemberView, find_members, get_member
from shopcrm.services.sales.products import ProductView, list_products
from shopcrm.services.sales.purchases import (
    CHANNELS,
    PAYMENT_METHODS,
    LineInput,
    PurchaseInput,
    PurchaseResult,
    record_purchase,
    void_purchase,
)

MATCH_LIMIT = 8
SEARCH_DELAY_MS = 40  # wait for the next keystroke before querying


def create_view(ctx: AppContext) -> QWidget:
    return CounterView(ctx)


@dataclass
class SaleLine:
    product: ProductView
    quantity: Decimal

    @property
    def amount_cents(self) -> int:
        return int((self.quantity * (self.product.price_cents or 0)).quantize(Decimal(1)))


class _KeyFilter(QObject):
    """Up/Down in the search field move through the matches; Enter picks."""

    def __init__(self, view: CounterView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            matches = self.view.matches
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and matches.count():
                row = matches.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                matches.setCurrentRow(max(0, min(matches.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.view.pick_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.view.start_over()
                return True
        return False


class CounterView(QWidget):
    sale_error: ErrorLabel  # built after the fields whose edits clear it

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.member: MemberView | None = None
        self.lines: list[SaleLine] = []
        self.products: dict[str, ProductView] = {}
        self.recent: list[tuple[PurchaseResult, str]] = []
        self._saving = False
        # The reference of the sale being rung up: made at its first save, kept while a save fails
        # (database busy, connection lost) so pressing Save again returns the sale already recorded
        # instead of booking it twice; a finished or abandoned sale drops it.
        self._sale_ref: str | None = None
        self._added_by_this_key: str | None = None  # the product the current key press added

        find_box = self._build_search()
        card_layout = self._build_card()
        sale_box = self._build_sale()
        recent_box = self._build_recent()
        self._lay_out(find_box, sale_box, recent_box)
        self._add_shortcuts()
        self.feedback = CounterFeedback(  # F9: feedback for the card's (or last sale's) member
            self, ctx, card_layout, member=lambda: self.member, say=self.result_label.setText,
            back_to_counter=self.focus_search)
        ctx.operation_finished.connect(self._operation_finished)
        self.reload_products()
        self.show_member(None)
        self._update_lines()

    # ---- building the screen ----------------------------------------------------------------
    def _big_font(self) -> QFont:
        """The search and amount fields' font: read at arm's length over the counter."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        return font

    def _build_search(self) -> QGroupBox:
        """Find the member: the search field, its matches and the New member button."""
        self.search = QLineEdit()
        self.search.setObjectName("counterSearch")
        self.search.setPlaceholderText(self.tr("Phone, last 4 digits, card no. or name"))
        self.search.setClearButtonEnabled(True)
        self.search.setFont(self._big_font())
        self.matches = QListWidget()
        self.matches.setObjectName("counterMatches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(130)
        self.matches.itemActivated.connect(lambda _i: self.pick_current())
        self.matches.itemClicked.connect(lambda _i: self.pick_current())
        self.search_hint = hint_label()
        self.new_member_button = QPushButton(self.tr("New member (Ctrl+N)"))
        self.new_member_button.clicked.connect(self.register_member)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.update_matches)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(_KeyFilter(self))

        find_box = QGroupBox(self.tr("Member"))
        find_layout = QVBoxLayout(find_box)
        # The search field gets the whole width (its hint is long, its font large); the button goes below.
        find_layout.addWidget(self.search)
        find_layout.addWidget(self.matches)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.search_hint, 1)
        hint_row.addWidget(self.new_member_button)
        find_layout.addLayout(hint_row)
        return find_box

    def _build_card(self) -> QVBoxLayout:
        """The member's card (self.card) with the money panel's balances; returns its layout."""
        self.card = FittingFrame()
        self.card.setObjectName("memberCard")
        self.card_name = QLabel()
        self.card_name.setObjectName("bigFigure")
        self.card_ids = hint_label()
        self.card_level = QLabel()
        self.card_points = QLabel()
        self.card_classes = QLabel()
        self.card_classes.setWordWrap(True)
        self.card_birthday = QLabel()
        self.card_birthday.setObjectName("warning")
        self.card_churn = QLabel()
        self.card_churn.setObjectName("warning")
        self.card_churn.setWordWrap(True)
        self.card_recommend = QLabel()
        self.card_recommend.setWordWrap(True)
        card_layout = QVBoxLayout(self.card)
        for w in (self.card_name, self.card_ids, self.card_level, self.card_points, self.card_classes,
                  self.card_birthday, self.card_churn, self.card_recommend):
            card_layout.addWidget(w)
        card_layout.addStretch(1)
        # coupon, points, stored value (money_panel.py); the lines it speaks on are built with the sale
        self.money = MoneyPanel(self.ctx, self, save=self.save_sale, say=lambda text: self.result_label.setText(text),
                                complain=lambda text: self.sale_error.show_message(text))
        card_layout.insertWidget(card_layout.count() - 1, self.money.card_summary)
        return card_layout

    def _build_sale(self) -> QGroupBox:
        """The sale: products and their lines, the amount, the payment, the money panel, Save."""
        self._build_lines()
        self._build_checkout()
        sale_box = QGroupBox(self.tr("Sale"))
        self._lay_out_sale(QGridLayout(sale_box))
        return sale_box

    def _build_lines(self) -> None:
        """The product field (with its completer), the quantity and the sale's lines."""
        self.product = QLineEdit()
        self.product.setObjectName("counterProduct")
        self.product.setPlaceholderText(self.tr("Product name (Enter adds it)"))
        self.product.setToolTip(self.tr("Product (Enter adds it; Enter on an empty field goes to the amount)"))
        self.completer = ProductCompleter(self)  # by name, code or pinyin initials ("mmc" -> 毛毛虫面包)
        self.completer.activated.connect(self._product_chosen)
        self.product.setCompleter(self.completer)
        self.product.returnPressed.connect(self._product_entered)
        self.quantity = QDoubleSpinBox()
        self.quantity.setDecimals(0)
        self.quantity.setRange(1, 999)
        self.quantity.setValue(1)
        self.quantity.setPrefix("× ")
        self.quantity.setMaximumWidth(90)
        self.lines_table = QTableWidget(0, 4)
        self.lines_table.setObjectName("counterLines")
        self.lines_table.verticalHeader().setVisible(False)
        self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines_table.installEventFilter(self)
        self.lines_table.setMinimumHeight(90)  # header and two lines; more scroll (room for the card at 768 px)

    def _build_checkout(self) -> None:
        """The amount, payment and channel, Save, and the lines the sale's outcome is told on."""
        self.amount = QLineEdit()
        self.amount.setObjectName("counterAmount")
        self.amount.setFont(self._big_font())
        self.amount.returnPressed.connect(self.save_sale)
        self.amount.textEdited.connect(lambda _t: self.sale_error.clear_message())
        self.payment = QComboBox()
        self.payment.setObjectName("counterPayment")
        for code in PAYMENT_METHODS:
            self.payment.addItem(label(PAYMENT_LABELS, code), code)
        # Choosing this is the shop saying so: otherwise every sale carries a payment method.
        self.payment.addItem(self.tr("Not recorded"), None)
        self._restore_payment()
        # Where the sale happened (in store, a delivery platform, online): most sales of a shift come
        # the same way, so like the payment it stays as the last sale left it.
        self.channel = QComboBox()
        self.channel.setObjectName("counterChannel")
        for code in CHANNELS:
            self.channel.addItem(label(CHANNEL_LABELS, code), code)
        self._restore_channel()
        self.save_button = QPushButton(self.tr("&Save sale (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_sale)
        self.sale_error = ErrorLabel()
        self.result_label = QLabel()
        self.result_label.setObjectName("bigFigure")
        self.result_label.setWordWrap(True)
        self.total_label = hint_label()

    def _lay_out_sale(self, grid: QGridLayout) -> None:
        """Five columns: captions, fields, the total's hint, the payment's caption, payment and Save;
        Tab runs amount -> coupon -> points -> stored value -> payment -> channel -> Save."""
        self.product_caption = QLabel(self.tr("&Product"))
        self.product_caption.setBuddy(self.product)
        self.amount_caption = QLabel(self.tr("&Amount"))
        self.amount_caption.setBuddy(self.amount)
        self.payment_caption = QLabel(self.tr("Pa&yment"))
        self.payment_caption.setBuddy(self.payment)
        self.channel_caption = QLabel(self.tr("C&hannel"))
        self.channel_caption.setBuddy(self.channel)
        grid.addWidget(self.product_caption, 0, 0)
        grid.addWidget(self.product, 0, 1, 1, 3)
        grid.addWidget(self.quantity, 0, 4)
        grid.addWidget(self.lines_table, 1, 0, 1, 5)
        grid.addWidget(self.amount_caption, 2, 0)
        grid.addWidget(self.amount, 2, 1)
        grid.addWidget(self.total_label, 2, 2)
        grid.addWidget(self.payment_caption, 2, 3)
        grid.addWidget(self.payment, 2, 4)
        grid.addWidget(self.channel_caption, 3, 0)
        grid.addWidget(self.channel, 3, 1)
        grid.addWidget(self.sale_error, 3, 2, 1, 2)
        grid.addWidget(self.save_button, 3, 4)
        grid.addWidget(self.money, 4, 0, 1, 5)
        self.money.chain_tab_order(self.amount, self.payment)
        QWidget.setTabOrder(self.payment, self.channel)
        QWidget.setTabOrder(self.channel, self.save_button)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(1, 1)

    def _build_recent(self) -> QGroupBox:
        """The sales rung up here in this session, and Void."""
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("counterRecent")
        self.recent_list.setMinimumWidth(220)
        # a long name, the channel or "(voided)" wraps onto a second line instead of running off the edge
        self.recent_list.setWordWrap(True)
        self.recent_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.void_button = QPushButton(self.tr("Vo&id selected sale"))
        self.void_button.clicked.connect(self.void_selected)
        recent_box = QGroupBox(self.tr("Sales rung up in this session"))
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent_list, 1)
        recent_layout.addWidget(self.void_button)
        return recent_box

    def _lay_out(self, find_box: QWidget, sale_box: QWidget, recent_box: QWidget) -> None:
        """Member search and card on top, the sale and the session's sales below, the result line last."""
        top = QHBoxLayout()
        top.addWidget(find_box, 1)
        top.addWidget(self.card, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Counter")))
        bottom = QHBoxLayout()
        bottom.addWidget(sale_box, 3)
        bottom.addWidget(recent_box, 1)
        layout.addLayout(top)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.result_label)

    def _add_shortcuts(self) -> None:
        """The counter's keys, live anywhere on the screen (the money panel and feedback add theirs)."""
        for keys, slot in (("Ctrl+N", self.register_member), ("F12", self.save_sale),
                           ("Ctrl+Return", self.save_sale), ("Ctrl+Enter", self.save_sale),
                           ("Ctrl+F", self.focus_search)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)

    # ---- hooks of the main window -----------------------------------------------------------
    def initial_focus(self) -> None:
        self.search.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_item(self, argument: Any) -> None:
        """Open the counter on a member (a member id)."""
        if isinstance(argument, int):
            self._pick_id(argument)

    def _operation_finished(self, kind: str) -> None:
        if kind in ("product", "import", "demo", "restore"):
            self.reload_products()
        if kind in ("member", "points", "purchase", "classification") and self.member is not None:
            self.refresh_member()

    def refresh_member(self) -> None:
        """The member on the card was changed elsewhere (edited, archived, erased, points, classes,
        a void): show them as they are now, keeping the sale being rung up and the last
        result line.  An erased member leaves the card; the sale goes on as a walk-in sale."""
        if self.member is None:
            return
        before = self.member
        try:
            member: MemberView | None = get_member(self.ctx.db, before.id)
        except NotFoundError:
            member = None
        except ShopError as exc:
            self.search_hint.setText(exc.message())
            return
        if member is not None and member.status != "erased":
            self._fill_card(member)
            return
        self.money.reset()  # points and stored value belonged to that member
        self._fill_card(None)
        self.search_hint.setText(self.tr("{name} is no longer a member (erased); this sale is now a walk-in sale.")
                                 .format(name=before.name or before.card_no))

    # ---- finding the member -----------------------------------------------------------------
    def update_matches(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self.matches.clear()
        if not text:
            self.search_hint.setText("")
            return
        try:
            found = find_members(self.ctx.db, text, limit=MATCH_LIMIT)
        except ShopError as exc:
            self.search_hint.setText(exc.message())
            return
        for m in found:
            item = QListWidgetItem((self.tr("{name} · {phone} · {level} · 1 point") if m.points_balance == 1 else
                                    self.tr("{name} · {phone} · {level} · {points} points")).format(
                name=m.name or self.tr("(no name)"), phone=m.phone_display, level=m.level_name,
                points=f"{m.points_balance:,}"))
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            self.matches.addItem(item)
        if found:
            self.matches.setCurrentRow(0)
            self.search_hint.setText(self.tr("Enter picks the highlighted member; Up/Down choose."))
        else:
            self.search_hint.setText(self.tr("No member found. Ctrl+N registers a new member."))

    def pick_current(self) -> None:
        """Enter in the search field: take the highlighted match (searching first if still typing)."""
        if self._timer.isActive() or (self.search.text().strip() and not self.matches.count()):
            self.update_matches()
        item = self.matches.currentItem()
        if item is None:
            if not self.search.text().strip():
                self.product.setFocus()  # no member: a walk-in sale
            return
        self._pick_id(int(item.data(Qt.ItemDataRole.UserRole)))

    def _pick_id(self, member_id: int, *, move_focus: bool = True) -> None:
        try:
            member = get_member(self.ctx.db, member_id)
        except ShopError as exc:
            self.search_hint.setText(exc.message())
            return
        self.show_member(member)
        if move_focus:
            self.matches.clear()
            self.search.clear()
            self.search_hint.setText("")
            self.product.setFocus()

    def show_member(self, member: MemberView | None) -> None:
        """A new customer on the card (None: a walk-in sale); the last one's "Saved ¥…" goes."""
        if member is not None:
            self.result_label.setText("")
        self._fill_card(member)

    def _fill_card(self, member: MemberView | None) -> None:
        self.member = member
        self.money.set_member(member)
        currency = self.ctx.settings.currency
        if member is None:
            self.card_name.setText(self.tr("Walk-in sale (no member)"))
            self.card_ids.setText(self.tr("Find a member above to give points."))
            for w in (self.card_level, self.card_points, self.card_classes, self.card_birthday, self.card_churn,
                      self.card_recommend):
                w.setText("")
                w.hide()
            return
        self.card_name.setText(member.name or self.tr("(no name)"))
        self.card_ids.setText(self.tr("Card {card} · {phone} · member since {since}").format(
            card=member.card_no, phone=member.phone_display, since=member.registered_on.isoformat()))
        self.card_level.setText(self.tr("Level: {level}").format(level=member.level_name))
        self.card_points.setText(self.tr("Points: {points} · spent {spend} in {visits} visits").format(
            points=f"{member.points_balance:,}", spend=money(member.total_spend_cents, currency), visits=member.visits))
        self.card_level.show()
        self.card_points.show()
        if member.status == "archived":
            self.card_ids.setText(self.card_ids.text() + " · " + self.tr("archived"))
        note = birthday_note(member.birth_month, member.birth_day, calendar=member.birth_calendar,
                             leap_month=member.birth_leap_month)
        # An icon, not the 🎂 emoji: counter PCs' fonts often have no colour emoji and draw a box.
        self.card_birthday.setText(f'<img src="{icon_path("birthday.svg").as_posix()}" width="18" height="18"> '
                                   f'{html.escape(note)}' if note else "")
        self.card_birthday.setVisible(bool(note))
        self._show_classes(member)

    def _show_classes(self, member: MemberView) -> None:
        insight = member_insight(self.ctx.db, member.id)
        # What to do with someone who has never bought, whatever the classes say of them ("Lead").
        welcome = self.tr("New member: no purchase yet. Welcome them and tell them how points work.") \
            if member.visits == 0 else ""
        if insight is None:
            if member.visits == 0:
                text = welcome  # their card is classified in the background in a moment
            else:
                text = self.tr("Joined after the last classification: {visits} visits so far. Tier and segment come "
                               "with the next classification (Tiers & segments → Classify).").format(
                    visits=member.visits)
            self.card_classes.setText(text)
            self.card_classes.show()
            self.card_churn.hide()
            self.card_recommend.hide()
            return
        parts = [
            self.tr("Tier: {tier}").format(tier=class_label("pyramid", insight.classes.get("pyramid"))),
            self.tr("Segment: {segment}").format(segment=class_label("segment", insight.classes.get("segment"))),
            self.tr("Lifecycle: {stage}").format(stage=class_label("lifecycle", insight.classes.get("lifecycle"))),
        ]
        self.card_classes.setText("\n".join(t for t in (" · ".join(p for p in parts if p), welcome) if t))
        self.card_classes.setToolTip("\n".join(classification_explanation(k) for k in ("pyramid", "segment", "lifecycle")))
        self.card_classes.show()
        churn = insight.classes.get("churn_level")
        if churn and churn != "none":
            reason = insight.reasons.get("churn_level") or insight.reasons.get("churn") or ""
            self.card_churn.setText("⚠ " + self.tr("Churn risk {level}: {reason}").format(
                level=class_label("churn_level", churn), reason=reason))
            self.card_churn.show()
        else:
            self.card_churn.hide()
        if insight.recommendations:
            self.card_recommend.setText(self.tr("Recommend: {products}").format(
                products=join_list([name for _id, name in insight.recommendations[:3]])))
            self.card_recommend.show()
        else:
            self.card_recommend.hide()

    def register_member(self) -> None:
        text = self.search.text().strip()
        digits = "".join(ch for ch in text if ch.isdigit())
        phone = text if len(digits) >= 7 else ""
        name = text if not digits else ""
        dialog = MemberDialog(self.ctx, phone=phone, name=name, parent=self)
        # Picked once the dialog has closed, so the focus lands in the product field, not back
        # in the search field the dialog returns it to.
        dialog.accepted.connect(lambda: self._pick_id(dialog.result_member.id) if dialog.result_member else None)
        dialog.open()

    # ---- products and lines -----------------------------------------------------------------
    def reload_products(self) -> None:
        products = list_products(self.ctx.db)
        self.products = {p.name: p for p in products}
        self.completer.set_products(products)

    def _product_chosen(self, name: str) -> None:
        if self._added_by_this_key == name:
            return
        product = self.products.get(name)
        if product is not None:
            self._add_once(product)

    def _add_once(self, product: ProductView) -> None:
        """Enter on the suggestion list reaches the field as returnPressed AND the completer as
        activated: one key press adds the product once.  The field is emptied once both have run
        (the completer writes the chosen name back into it after its signal)."""
        self.add_line(product, Decimal(int(self.quantity.value())))
        self._added_by_this_key = product.name
        QTimer.singleShot(0, self._after_choice)

    def _after_choice(self) -> None:
        self._added_by_this_key = None
        self.product.clear()

    def _product_entered(self) -> None:
        text = self.product.text().strip()
        if self._added_by_this_key is not None and text == self._added_by_this_key:
            return
        if not text:
            self.amount.setFocus()
            self.amount.selectAll()
            return
        product = self.products.get(text)
        if product is None:
            candidates = [p for p in self.products.values() if p.matches(text)]
            product = candidates[0] if len(candidates) == 1 else None
        if product is None:
            self.sale_error.show_message(self.tr("No product called \"{name}\".").format(name=text))
            return
        self._add_once(product)

    def add_line(self, product: ProductView, quantity: Decimal = Decimal(1)) -> None:
        self.sale_error.clear_message()
        if product.price_cents is None:
            self.sale_error.show_message(self.tr("{product} has no price: enter the amount instead.").format(
                product=product.name))
            return
        for line in self.lines:
            if line.product.id == product.id:
                line.quantity += quantity
                break
        else:
            self.lines.append(SaleLine(product, quantity))
        self.quantity.setValue(1)
        self._update_lines()

    def remove_selected_line(self) -> None:
        row = self.lines_table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._update_lines()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.lines_table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected_line()
                return True
        return super().eventFilter(obj, event)

    def subtotal_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)

    def _update_lines(self) -> None:
        currency = self.ctx.settings.currency
        self.lines_table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Qty"), self.tr("Price"),
                                                    self.tr("Amount")])
        self.lines_table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            values = (line.product.name, f"{line.quantity:g}", money(line.product.price_cents, currency),
                      money(line.amount_cents, currency))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines_table.setItem(row, col, item)
        if self.lines:
            self.amount.setPlaceholderText(money(self.subtotal_cents(), currency))
            # One short line: a wrapped hint made the row taller than a 768-pixel screen has room for.
            self.total_label.setText(self.tr("1 item") if len(self.lines) == 1 else
                                     self.tr("{count} items").format(count=len(self.lines)))
            self.total_label.setToolTip(self.tr("Type an amount only to change the total"))
        else:
            self.amount.setPlaceholderText(self.tr("amount, e.g. 23.5"))
            self.total_label.setText("")
            self.total_label.setToolTip("")

    # ---- saving -----------------------------------------------------------------------------
    def sale_input(self) -> PurchaseInput:
        """The purchase as entered; raises ValidationError for an unreadable amount."""
        typed = self.amount.text().strip()
        subtotal = self.subtotal_cents()
        total = parse_money(typed) if typed else None
        discount = max(0, subtotal - total) if (total is not None and self.lines) else 0
        return self.money.apply(PurchaseInput(
            member_id=self.member.id if self.member else None,
            lines=[LineInput(line.product.id, line.quantity) for line in self.lines],
            total_cents=total,
            discount_cents=discount,
            payment_method=self.payment.currentData(),
            channel=self.channel.currentData(),
            external_ref=self.sale_ref(),
        ))

    def sale_ref(self) -> str:
        """This sale's reference, the same on every retry until the sale is saved or dropped."""
        if self._sale_ref is None:
            self._sale_ref = uuid4().hex
        return self._sale_ref

    def save_sale(self) -> None:
        if self._saving:
            return
        self.sale_error.clear_message()
        try:
            data = self.sale_input()
        except ShopError as exc:
            self.sale_error.show_message(exc.message())
            self.amount.setFocus()
            return
        who = (self.member.name or self.member.card_no) if self.member else self.tr("walk-in")
        db = self.ctx.db
        self._saving = True
        self.save_button.setEnabled(False)
        self.ctx.run(lambda _c: record_purchase(db, data), label=self.tr("Saving sale"), kind="purchase",
                     on_done=lambda result: self._saved(result, who, data), on_error=self._save_failed, parent=self)

    def _saved(self, result: PurchaseResult, who: str, sale: PurchaseInput) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        # Only a saved sale sets the next sale's payment method and channel: a refused one was not how
        # the customer paid.
        remember("counter/payment", sale.payment_method or "none")
        remember("counter/channel", sale.channel)
        channel = sale.channel
        currency = self.ctx.settings.currency
        text = self.tr("Saved {amount} for {who}.").format(amount=money(result.total_cents, currency), who=who)
        if result.points_balance is not None:
            text += " " + self.tr("+{earned} points, balance {balance}.").format(
                earned=result.points_earned, balance=result.points_balance)
        if result.level_upgraded and result.level is not None:
            levels = self.ctx.settings.levels
            name = QCoreApplication.translate("levels", levels[min(result.level, len(levels) - 1)].name)
            text += " " + self.tr("Upgraded to {level}!").format(level=name)
        if extra := self.money.describe(result):
            text += " " + extra
        self.result_label.setText(text)
        self.recent.append((result, who))
        where = "" if channel == CHANNELS[0] else f"  ({label(CHANNEL_LABELS, channel)})"
        item = QListWidgetItem(f"{dt.datetime.now():%H:%M}  #{result.purchase_id}  {who}  "
                               f"{money(result.total_cents, currency)}{where}")
        item.setData(Qt.ItemDataRole.UserRole, result.purchase_id)
        self.recent_list.insertItem(0, item)
        self.feedback.sale_recorded(self.member, result.purchase_id)
        self.reset_sale()
        self.show_member(None)
        self.focus_search()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.sale_error.show_message(exc.message())
            self.amount.setFocus()
        else:
            self.ctx.show_error(exc, self)

    def reset_sale(self) -> None:
        self._sale_ref = None  # the next sale is a new one
        self.lines.clear()
        self.amount.clear()
        self.product.clear()
        self.quantity.setValue(1)
        self._restore_payment()  # the method of the last sale: most customers pay the same way
        self._restore_channel()
        self.money.reset()
        self.sale_error.clear_message()
        self._update_lines()

    def _restore_payment(self) -> None:
        code = remembered("counter/payment", PAYMENT_METHODS[0])
        index = self.payment.findData(None if code in ("", "none", None) else str(code))
        self.payment.setCurrentIndex(index if index >= 0 else 0)

    def _restore_channel(self) -> None:
        index = self.channel.findData(str(remembered("counter/channel", CHANNELS[0])))
        self.channel.setCurrentIndex(max(index, 0))

    def _escape(self) -> None:
        """Esc closes an open suggestion list first (the sale stays); otherwise it starts over."""
        open_popups = [p for c in self.findChildren(QCompleter) if (p := c.popup()) is not None and p.isVisible()]
        if open_popups:
            for popup in open_popups:
                popup.hide()
            return
        self.start_over()

    def start_over(self) -> None:
        """Esc: forget the sale and the member, back to the search field."""
        self.result_label.setText("")  # the last customer's "Saved ¥…" is not this one's
        self.reset_sale()
        self.search.clear()
        self.matches.clear()
        self.search_hint.setText("")
        self.show_member(None)
        self.search.setFocus()

    def void_selected(self) -> None:
        item = self.recent_list.currentItem()
        if item is None:
            return
        purchase_id = int(item.data(Qt.ItemDataRole.UserRole))
        answer = QMessageBox.question(self, self.tr("Void sale"),
                                      self.tr("Void sale #{id}? It stops counting and its points are taken back.")
                                      .format(id=purchase_id))
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        self.ctx.run(lambda _c: void_purchase(db, purchase_id), label=self.tr("Voiding sale"), kind="purchase",
                     on_done=lambda _r: self._voided(item), parent=self)

    def _voided(self, item: QListWidgetItem) -> None:
        item.setText(item.text() + "  " + self.tr("(voided)"))
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.result_label.setText(self.tr("Sale voided."))
