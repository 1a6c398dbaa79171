"""Add or edit a member; each validation message appears under the field it is about."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopcrm.codes import SOURCES
from shopcrm.errors import ConflictError, ShopError, ValidationError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import ErrorLabel, FieldErrors
from shopcrm.labels import GENDER_LABELS, SOURCE_LABELS, label
from shopcrm.services.members.birthdays import LUNAR, SOLAR
from shopcrm.services.members.records import MemberInput, MemberView, register_member, update_member

FIELDS = ("phone", "name", "gender", "birthday", "source", "area", "tags", "notes", "card_no")


class MemberDialog(QDialog):
    """New member (member=None) or edit; emits `saved(MemberView)` once the writer stored it."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, member: MemberView | None = None, *, phone: str = "",
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member = member
        self.result_member: MemberView | None = None  # what was stored, once accepted
        self.setWindowTitle(self.tr("Edit member") if member else self.tr("New member"))
        self.setMinimumWidth(460)

        self.phone = QLineEdit(member.phone_display if member else phone)
        self.phone.setPlaceholderText(self.tr("mobile number, e.g. 138 1234 5678"))
        self.name = QLineEdit(member.name or "" if member else name)
        self.gender = QComboBox()
        self.gender.addItem("", None)
        for code in GENDER_LABELS:
            self.gender.addItem(label(GENDER_LABELS, code), code)
        self.birthday = QLineEdit(member.birthday if member else "")
        self.birthday.setPlaceholderText(self.tr("1990-05-03, 05-03 or 5月3日"))
        self.birthday_calendar = QComboBox()
        self.birthday_calendar.setObjectName("birthdayCalendar")
        self.birthday_calendar.addItem(self.tr("Solar"), SOLAR)
        self.birthday_calendar.addItem(self.tr("Lunar (农历)"), LUNAR)
        self.birthday_calendar.setToolTip(self.tr("A lunar birthday, e.g. 农历四月初八 or 闰四月初八, falls on another "
                                                  "solar date each year; lists and the counter use this year's."))
        birthday_row = QWidget()
        birthday_layout = QHBoxLayout(birthday_row)
        birthday_layout.setContentsMargins(0, 0, 0, 0)
        birthday_layout.addWidget(self.birthday, 1)
        birthday_layout.addWidget(self.birthday_calendar)
        self.source = QComboBox()
        self.source.addItem("", None)
        for code in SOURCES:
            self.source.addItem(label(SOURCE_LABELS, code), code)
        self.area = QLineEdit(member.area or "" if member else "")
        self.area.setPlaceholderText(self.tr("office district, residential estate ..."))
        self.tags = QLineEdit(", ".join(member.tags) if member else "")
        self.tags.setPlaceholderText(self.tr("separated by commas"))
        self.notes = QPlainTextEdit(member.notes or "" if member else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.consent = QCheckBox(self.tr("Agrees to receive promotions"))
        self.card_no = QLineEdit(member.card_no if member else "")
        self.card_no.setPlaceholderText(self.tr("generated when empty"))
        if member:
            self.gender.setCurrentIndex(max(0, self.gender.findData(member.gender)))
            self.source.setCurrentIndex(max(0, self.source.findData(member.source)))
            self.consent.setChecked(member.consent)
            self.birthday_calendar.setCurrentIndex(max(0, self.birthday_calendar.findData(member.birth_calendar)))

        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        rows = (
            ("phone", self.tr("&Phone"), self.phone),
            ("name", self.tr("&Name"), self.name),
            ("gender", self.tr("&Gender"), self.gender),
            ("birthday", self.tr("&Birthday"), birthday_row),
            ("source", self.tr("&Came from"), self.source),
            ("area", self.tr("&Area"), self.area),
            ("tags", self.tr("&Tags"), self.tags),
            ("notes", self.tr("N&otes"), self.notes),
            ("card_no", self.tr("Card n&o."), self.card_no),
        )
        for field, caption, widget in rows:
            error = ErrorLabel()
            form.addRow(caption, widget)
            form.addRow("", error)
            self.errors.add(field, error, self.birthday if widget is birthday_row else widget)
        form.addRow("", self.consent)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        (self.name if member or phone else self.phone).setFocus()

    def data(self) -> MemberInput:
        return MemberInput(
            phone=self.phone.text(),
            name=self.name.text() or None,
            gender=self.gender.currentData(),
            birthday=self.birthday.text() or None,
            lunar_birthday=self.birthday_calendar.currentData() == LUNAR,
            source=self.source.currentData(),
            area=self.area.text() or None,
            tags=[t for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
            notes=self.notes.toPlainText() or None,
            consent=self.consent.isChecked(),
            card_no=self.card_no.text() or None,
        )

    def save(self) -> None:
        self.errors.clear()
        data = self.data()
        db, member = self.ctx.db, self.member
        self.buttons.setEnabled(False)
        if member is None:
            job = self.ctx.run(lambda _c: register_member(db, data), label=self.tr("Registering member"), kind="member",
                               on_done=self._saved, on_error=self._failed, parent=self)
        else:
            job = self.ctx.run(lambda _c: update_member(db, member.id, data), label=self.tr("Saving member"),
                               kind="member", on_done=self._saved, on_error=self._failed, parent=self)
        self._job = job

    def _saved(self, view: MemberView) -> None:
        self.buttons.setEnabled(True)
        self.result_member = view
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ShopError):
            self.ctx.show_error(exc, self)
            return
        if isinstance(exc, ConflictError) and not isinstance(exc, ValidationError):
            # A duplicate phone or card number belongs beside that field.
            field = "phone" if "phone" in exc.params else ("card_no" if "card" in exc.params else "")
            self.errors.clear()
            target = self.errors.label(field)
            target.show_message(exc.message())
            {"phone": self.phone, "card_no": self.card_no}.get(field, self.phone).setFocus()
            return
        self.errors.show(exc)
