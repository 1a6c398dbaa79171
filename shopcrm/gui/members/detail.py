"""The member detail panel: profile, every class with its reason, purchases, points, feedback,
recommendations.  Each part is a short, bounded read done when a member is selected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.form_saving import save_and_close
from shopcrm.gui.formatting import birthday_note, date_text, join_list, money
from shopcrm.gui.insight import member_insight
from shopcrm.gui.insights.member_channels import MemberChannelsLabel
from shopcrm.gui.members.stored_value import StoredValuePage
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.privacy.member_actions import MemberPrivacyBar
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import (
    CHANNEL_LABELS,
    GENDER_LABELS,
    ORIGIN_LABELS,
    PAYMENT_LABELS,
    POINT_KIND_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    class_label,
    classification_explanation,
    classification_title,
    label,
)
from shopcrm.services.members.feedback import FeedbackInput, FeedbackView, add_feedback, member_feedback
from shopcrm.services.members.points import PointsEntryView, adjust_points, points_history, redeem_points
from shopcrm.services.members.records import MemberView, get_member
from shopcrm.services.sales.purchases import PurchaseView, member_history

HISTORY_LIMIT = 200
CLASS_ORDER = ("segment", "pyramid", "abcd", "lifecycle", "churn_level", "frequency", "spend_class", "preference",
               "favourite_category", "age_band", "level")


def _stars(value: int | None) -> str:
    return "" if value is None else "★" * value + "☆" * (5 - value)


def quantity_text(q: Any) -> str:
    """Decimal('2.000') -> '2', Decimal('0.500') -> '0.5'."""
    text = f"{q.normalize():f}" if hasattr(q, "normalize") else str(q)
    return text


def _lines_text(p: PurchaseView) -> str:
    return join_list([f"{line.product_name} ×{quantity_text(line.quantity)}" for line in p.lines if line.product_name])


def purchase_model(currency: str, parent: Any = None) -> ListTableModel[PurchaseView]:
    ctx = "MemberDetail"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Date"), ctx, lambda p: date_text(p.purchased_at)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Amount"), ctx,
                   lambda p: money(p.total_cents, currency) + (" ✕" if p.voided else ""), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Products"), ctx, _lines_text, tooltip=_lines_text),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Payment"), ctx,
                   lambda p: label(PAYMENT_LABELS, p.payment_method)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Channel"), ctx, lambda p: label(CHANNEL_LABELS, p.channel)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "From"), ctx, lambda p: label(ORIGIN_LABELS, p.origin)),
    ], parent=parent)


def points_model(parent: Any = None) -> ListTableModel[PointsEntryView]:
    ctx = "MemberDetail"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Date"), ctx, lambda e: date_text(e.at)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Kind"), ctx, lambda e: label(POINT_KIND_LABELS, e.kind)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Points"), ctx, lambda e: f"{e.points:+,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Note"), ctx, lambda e: e.note or ""),
    ], parent=parent)


def feedback_model(parent: Any = None) -> ListTableModel[FeedbackView]:
    ctx = "MemberDetail"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Date"), ctx, lambda f: date_text(f.at)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Product"), ctx, lambda f: _stars(f.rating_product)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Service"), ctx, lambda f: _stars(f.rating_service)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Environment"), ctx,
                   lambda f: _stars(f.rating_environment)),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Comment"), ctx, lambda f: f.comment or "",
                   tooltip=lambda f: f.comment or ""),
    ], parent=parent)


def classes_model(parent: Any = None) -> ListTableModel[tuple[str, str, str, str]]:
    """Rows: classification, class, why, and the classification's one-line explanation (its tooltip)."""
    ctx = "MemberDetail"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Classification"), ctx, lambda r: r[0], tooltip=lambda r: r[3]),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Class"), ctx, lambda r: r[1], tooltip=lambda r: r[3]),
        ListColumn(QT_TRANSLATE_NOOP("MemberDetail", "Why"), ctx, lambda r: r[2], tooltip=lambda r: r[2]),
    ], parent=parent)


class WrappingTableView(QTableView):
    """A table whose rows grow to show wrapped text whenever its width changes, the last column
    taking what the others leave: each of them at most SHARE of the width (wrapped beyond), so
    that in a narrow panel the last column is not squeezed to a few letters beside long names."""

    SHARE = 0.3

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_columns)

    def fit_columns(self) -> None:
        header = self.horizontalHeader()
        model = self.model()
        if model is None:
            return
        last = model.columnCount() - 1
        width = self.viewport().width()
        cap = max(60, int(width * self.SHARE))
        header.setStretchLastSection(False)
        used = 0
        for column in range(last + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            wanted = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            size = min(wanted, cap) if column < last else max(wanted if width - used < 60 else 0, width - used)
            header.resizeSection(column, size)
            used += size
        self.resizeRowsToContents()  # now that every column has its final width


def _table(model: ListTableModel[Any], view: QTableView | None = None) -> QTableView:
    view = view or QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class MemberDetail(QWidget):
    """Shows one member; `member_changed` after a points or feedback change stored here."""

    member_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberView | None = None
        currency = ctx.settings.currency
        self.header = QLabel()
        self.header.setObjectName("screenTitle")
        self.header.setWordWrap(True)
        self.subheader = hint_label()
        self.profile = QLabel()
        self.profile.setWordWrap(True)
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.classes = classes_model(self)
        self.purchases = purchase_model(currency, self)
        self.points = points_model(self)
        self.feedback = feedback_model(self)
        self.classes_view = WrappingTableView()
        _table(self.classes, self.classes_view)
        self.classes_view.setWordWrap(True)
        self.classes_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.classes_hint = hint_label()
        self.recommend = QLabel()
        self.recommend.setWordWrap(True)

        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.addWidget(self.profile)
        self.channels = MemberChannelsLabel(ctx.db)
        ov.addWidget(self.channels)
        ov.addWidget(self.classes_hint)
        ov.addWidget(self.classes_view, 1)
        ov.addWidget(self.recommend)
        # At 1024x768 the profile, the channels, the explanation, the classes and the suggestion do not
        # all fit the tab: scrolled rather than squeezed (squeezed, the wrapped lines were drawn over
        # each other and the classes table shrank to one cut row).
        self.classes_view.setMinimumHeight(self.classes_view.verticalHeader().defaultSectionSize() * 6)
        overview_scroll = QScrollArea()
        overview_scroll.setObjectName("overviewScroll")
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        overview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        overview_scroll.setWidget(overview)

        points_page = QWidget()
        pl = QVBoxLayout(points_page)
        self.points_balance = QLabel()
        self.points_balance.setObjectName("bigFigure")
        self.redeem_button = QPushButton(self.tr("&Redeem points ..."))
        self.redeem_button.clicked.connect(lambda: self._points_dialog("redeem"))
        self.adjust_button = QPushButton(self.tr("Ad&just ..."))
        self.adjust_button.clicked.connect(lambda: self._points_dialog("adjust"))
        prow = QHBoxLayout()
        prow.addWidget(self.points_balance, 1)
        prow.addWidget(self.redeem_button)
        prow.addWidget(self.adjust_button)
        pl.addLayout(prow)
        pl.addWidget(_table(self.points), 1)

        feedback_page = QWidget()
        fl = QVBoxLayout(feedback_page)
        self.feedback_button = QPushButton(self.tr("Add &feedback ..."))
        self.feedback_button.clicked.connect(self._feedback_dialog)
        frow = QHBoxLayout()
        frow.addStretch(1)
        frow.addWidget(self.feedback_button)
        fl.addLayout(frow)
        fl.addWidget(_table(self.feedback), 1)

        self.stored_value = StoredValuePage(ctx)
        self.stored_value.changed.connect(self.member_changed.emit)

        self.purchases_view = _table(self.purchases)
        self.tabs = QTabWidget()
        self.tabs.addTab(overview_scroll, self.tr("Overview and classes"))
        self.tabs.addTab(self.purchases_view, self.tr("Purchases"))
        self.tabs.addTab(points_page, self.tr("Points"))
        self.tabs.addTab(self.stored_value, self.tr("Stored value"))
        self.tabs.addTab(feedback_page, self.tr("Feedback"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        self.privacy = MemberPrivacyBar(ctx)
        layout.addWidget(self.privacy)
        layout.addWidget(self.tabs, 1)
        self.show_member(None)

    def show_member(self, member_id: int | None) -> None:
        """Load everything about this member (or clear the panel for None)."""
        self.privacy.set_member(None)
        self.channels.show_member(None)
        if member_id is None:
            self.member = None
            self.header.setText(self.tr("No member selected"))
            self.subheader.setText(self.tr("Pick a member in the table to see their history and classes."))
            self.tabs.setEnabled(False)
            for model in (self.classes, self.purchases, self.points, self.feedback):
                model.set_rows([])
            self.profile.setText("")
            self.recommend.setText("")
            self.points_balance.setText("")
            self.stored_value.show_member(None)
            return
        try:
            member = get_member(self.ctx.db, member_id)
        except ShopError as exc:
            self.member = None
            self.header.setText(exc.message())
            self.tabs.setEnabled(False)
            return
        self.member = member
        self.tabs.setEnabled(member.status != "erased")
        for w in (self.redeem_button, self.adjust_button, self.feedback_button):
            w.setEnabled(member.status == "active")
        currency = self.ctx.settings.currency
        self.header.setText(member.name or self.tr("(no name)"))
        self.subheader.setText(self.tr("Card {card} · {phone} · {level} · {status}").format(
            card=member.card_no, phone=member.phone_display, level=member.level_name,
            status=label(STATUS_LABELS, member.status)))
        note = birthday_note(member.birth_month, member.birth_day, calendar=member.birth_calendar,
                             leap_month=member.birth_leap_month)
        facts = [
            (self.tr("Birthday"), member.birthday + (f" — {note}" if note else "")),
            (self.tr("Gender"), label(GENDER_LABELS, member.gender)),
            (self.tr("Registered"), date_text(member.registered_on)),
            (self.tr("Came from"), label(SOURCE_LABELS, member.source)),
            (self.tr("Area"), member.area or ""),
            (self.tr("Tags"), join_list(list(member.tags))),
            (self.tr("Promotions"), self.tr("agreed") if member.consent else self.tr("not agreed")),
            (self.tr("Spent"), self.tr("{spend} in {visits} visits, last {last}").format(
                spend=money(member.total_spend_cents, currency), visits=member.visits,
                last=date_text(member.last_purchase_at) or "-")),
            (self.tr("Notes"), member.notes or ""),
        ]
        self.profile.setText("<table>" + "".join(
            f"<tr><td style='color:#6b6b6b; padding-right:12px'>{_html(k)}</td><td>{_html(v)}</td></tr>"
            for k, v in facts if v) + "</table>")
        self.points_balance.setText(self.tr("1 point") if member.points_balance == 1 else
                                    self.tr("{points} points").format(points=f"{member.points_balance:,}"))
        self.purchases.set_rows(member_history(self.ctx.db, member.id, limit=HISTORY_LIMIT))
        self.points.set_rows(points_history(self.ctx.db, member.id))
        self.feedback.set_rows(member_feedback(self.ctx.db, member.id))
        self.stored_value.show_member(member)
        self.privacy.set_member(member)
        self.channels.show_member(member.id)
        self._show_classes(member.id)

    def _show_classes(self, member_id: int) -> None:
        insight = member_insight(self.ctx.db, member_id)
        if insight is None:
            self.classes.set_rows([])
            self.classes_hint.setText(self.tr("Not classified yet: run a classification in Tiers & segments."))
            self.recommend.setText("")
            return
        self.classes_hint.setText(self.tr("Classification as of {as_of}").format(as_of=insight.as_of.isoformat())
                                  + "\n" + classification_explanation("segment"))
        rows: list[tuple[str, str, str, str]] = []
        for key in CLASS_ORDER:
            code = insight.classes.get(key) if key != "level" else insight.metrics.get("level")
            # The engine names some reasons without the column suffix ("churn", "spend").
            reason = insight.reasons.get(key) or insight.reasons.get(key.replace("_class", "").replace("_level", "")) or ""
            if code is None and not reason:
                continue
            if key == "level":
                levels = self.ctx.settings.levels
                text = QCoreApplication.translate("levels", levels[min(int(code or 0), len(levels) - 1)].name)
            elif key in ("favourite_category", "age_band"):
                text = str(code or "")
            else:
                text = class_label(key, code)
            rows.append((classification_title(key), text or "-", reason, classification_explanation(key)))
        m = insight.metrics
        if m.get("p_alive") is not None:
            clv = self.tr("P(alive) {p:.0%}; {visits:.1f} visits expected in 90 days; one-year value {value}").format(
                p=float(m["p_alive"]), visits=float(m.get("expected_visits_90") or 0),
                value=money(m.get("predicted_value_1y_cents"), self.ctx.settings.currency))
            rows.append((classification_title("clv"), money(m.get("predicted_value_1y_cents"), self.ctx.settings.currency),
                         insight.reasons.get("clv") or clv, classification_explanation("clv")))
        self.classes.set_rows(rows)
        QTimer.singleShot(0, self.classes_view.fit_columns)
        if insight.recommendations:
            self.recommend.setText(self.tr("Recommended: {products}").format(
                products=join_list([name for _id, name in insight.recommendations]))
                + (f" — {insight.reasons['recommendations']}" if insight.reasons.get("recommendations") else ""))
        else:
            self.recommend.setText(self.tr("No recommendation yet."))

    # ---- points and feedback ------------------------------------------------------------------
    def _points_dialog(self, kind: str) -> None:
        if self.member is None:
            return
        dialog = PointsDialog(self.ctx, self.member, kind, self)
        dialog.saved.connect(lambda _b: self.member_changed.emit(dialog.member.id))
        dialog.open()

    def _feedback_dialog(self) -> None:
        if self.member is None:
            return
        dialog = FeedbackDialog(self.ctx, self.member.id, self)
        dialog.saved.connect(lambda: self.member_changed.emit(dialog.member_id))
        dialog.open()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class PointsDialog(QDialog):
    """Redeem (spend) or adjust a member's points; the balance never goes below zero."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, member: MemberView, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member, self.kind = ctx, member, kind
        self.setWindowTitle(self.tr("Redeem points") if kind == "redeem" else self.tr("Adjust points"))
        self.points = QSpinBox()
        self.points.setRange(-10_000_000 if kind == "adjust" else 1, 10_000_000)
        self.points.setValue(1 if kind == "redeem" else 0)
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.points_error = ErrorLabel()
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("points", self.points_error, self.points)
        form = QFormLayout()
        form.addRow(self.tr("Balance"), QLabel(f"{member.points_balance:,}"))
        form.addRow(self.tr("Points to redeem") if kind == "redeem" else self.tr("Change (+/-)"), self.points)
        form.addRow("", self.points_error)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.errors.clear()
        db, member_id, points, note = self.ctx.db, self.member.id, self.points.value(), self.note.text() or None
        fn = redeem_points if self.kind == "redeem" else adjust_points
        save_and_close(self, self.ctx, self.errors, lambda _c: fn(db, member_id, points, note), kind="points",
                       saved=self.saved.emit)


class FeedbackDialog(QDialog):
    """Ratings 1–5 (0 = not rated) and a comment."""

    saved = Signal()

    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None, *,
                 purchase_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id, self.purchase_id = ctx, member_id, purchase_id
        self.setWindowTitle(self.tr("Add feedback"))
        self.ratings: dict[str, QSpinBox] = {}
        form = QFormLayout()
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        for field, caption in (("rating_product", self.tr("Product and taste")), ("rating_service", self.tr("Service")),
                               ("rating_environment", self.tr("Environment"))):
            spin = QSpinBox()
            spin.setRange(0, 5)
            spin.setSpecialValueText(self.tr("not rated"))
            self.ratings[field] = spin
            error = ErrorLabel()
            form.addRow(caption, spin)
            form.addRow("", error)
            self.errors.add(field, error, spin)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        comment_error = ErrorLabel()
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow("", comment_error)
        self.errors.add("comment", comment_error, self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def save(self) -> None:
        self.errors.clear()
        rating = {k: (s.value() or None) for k, s in self.ratings.items()}
        data = FeedbackInput(member_id=self.member_id, comment=self.comment.toPlainText() or None,
                             rating_product=rating.get("rating_product"), rating_service=rating.get("rating_service"),
                             rating_environment=rating.get("rating_environment"))
        data.purchase_id = self.purchase_id
        db = self.ctx.db
        save_and_close(self, self.ctx, self.errors, lambda _c: add_feedback(db, data), kind="feedback",
                       saved=lambda _r: self.saved.emit())
