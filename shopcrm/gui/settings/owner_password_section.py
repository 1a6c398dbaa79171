"""Settings → Owner password: set one, change it or remove it (both need the current one).

The password keeps a clerk at the counter out of the owner's functions; the page says plainly that
it does not encrypt the database file.  The checks and the storing (scrypt hash) are the service's:
shopcrm.services.shop.owner_password.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shopcrm.errors import ValidationError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.services.shop.owner_password import (
    OwnerPasswordError,
    clear_owner_password,
    has_owner_password,
    set_owner_password,
)


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaximumWidth(320)
    field.setMinimumWidth(240)
    return field


class OwnerPasswordSection(QWidget):
    """The state (set or not), the current password when one is set, the new one twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self.is_set = False
        self.state_label = QLabel()
        self.state_label.setObjectName("ownerPasswordState")
        about = hint_label(self.tr(
            "The owner password is asked before saving settings, erasing a member, restoring a backup, "
            "printing or exporting phone numbers in full and exporting a member's personal data. It keeps "
            "the counter staff out of these functions; it does not encrypt the database file, so anyone "
            "who can copy that file can read it."))
        self.result_label = hint_label()
        self.result_label.setObjectName("ownerPasswordResult")
        self.current = _password_field("currentOwnerPassword")
        self.current_caption = QLabel(self.tr("Current password"))
        self.current_caption.setBuddy(self.current)
        self.current_error = ErrorLabel()
        self.new = _password_field("newOwnerPassword")
        self.new.setPlaceholderText(self.tr("at least 4 characters"))
        self.repeat = _password_field("repeatOwnerPassword")
        self.new_error = ErrorLabel()
        for error in (self.current_error, self.new_error):
            error.setMinimumWidth(520)  # one line, not wrapped to the width its text would suggest
        for field, error in ((self.current, self.current_error), (self.new, self.new_error),
                             (self.repeat, self.new_error)):
            field.textEdited.connect(lambda _t, e=error: e.clear_message())
            field.textEdited.connect(lambda _t: self.result_label.setText(""))
        self.repeat.returnPressed.connect(self.set_password)
        self.set_button = QPushButton()
        self.set_button.clicked.connect(self.set_password)
        self.remove_button = QPushButton(self.tr("Re&move password"))
        self.remove_button.clicked.connect(self.remove_password)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.current_caption, self.current)
        form.addRow("", self.current_error)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("Repeat the new password"), self.repeat)
        form.addRow("", self.new_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show whether a password is set; the current-password field only matters when it is."""
        is_set = self.is_set = has_owner_password(self.ctx.db)
        self.state_label.setText(self.tr("An owner password is set.") if is_set
                                 else self.tr("No owner password is set: everyone can use every function."))
        self.current_caption.setVisible(is_set)
        self.current.setVisible(is_set)
        self.set_button.setText(self.tr("&Change password") if is_set else self.tr("Set &password"))
        self.remove_button.setEnabled(is_set and not self._busy)
        self.set_button.setEnabled(not self._busy)

    def _clear_errors(self) -> None:
        self.current_error.clear_message()
        self.new_error.clear_message()
        self.result_label.setText("")

    def _current(self) -> tuple[bool, str | None]:
        """(typed or not needed, the current password or None when none is set); says so if missing."""
        if not self.is_set:
            return True, None
        if not self.current.text():
            self.current_error.show_message(self.tr("Type the current owner password."))
            self.current.setFocus()
            return False, None
        return True, self.current.text()

    def set_password(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        ok, current = self._current()
        if not ok:
            return
        new = self.new.text()
        if new != self.repeat.text():
            self.new_error.show_message(self.tr("The two new passwords are not the same."))
            self.repeat.setFocus()
            self.repeat.selectAll()
            return
        changed = self.is_set
        db = self.ctx.db
        self._start()
        self.ctx.run(lambda _c: set_owner_password(db, new, current), label=self.tr("Setting the owner password"),
                     kind="owner-password",
                     on_done=lambda _r: self._done(self.tr("The owner password was changed.") if changed
                                                   else self.tr("The owner password is set.")),
                     on_error=self._failed)

    def remove_password(self) -> None:
        if self._busy or not self.is_set:
            return
        self._clear_errors()
        ok, current = self._current()
        if not ok:
            return
        db = self.ctx.db
        self._start()
        self.ctx.run(lambda _c: clear_owner_password(db, current), label=self.tr("Removing the owner password"),
                     kind="owner-password",
                     on_done=lambda _r: self._done(self.tr("The owner password was removed.")),
                     on_error=self._failed)

    def _start(self) -> None:
        self._busy = True
        self.set_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    def _done(self, message: str) -> None:
        self._busy = False
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self.refresh()
        self.result_label.setText(message)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.refresh()
        if isinstance(exc, OwnerPasswordError):
            self.current_error.show_message(exc.message())
            self.current.selectAll()
            self.current.setFocus()
        elif isinstance(exc, ValidationError):
            self.new_error.show_message(exc.message())
            self.new.setFocus()
        else:
            self.ctx.show_error(exc, self)
