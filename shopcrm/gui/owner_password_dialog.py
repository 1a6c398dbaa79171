"""Asking for the owner password before a guarded action (settings, erasure, restore).

The dialog checks the password before it closes, so a typo can be retyped at once; the service
called afterwards checks it again (the password may have changed meanwhile), so the dialog is a
convenience, not the guard.  Nothing is asked when no owner password is set.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from shopcrm.gui.widgets import ErrorLabel
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.owner_password import OwnerPasswordError, has_owner_password, require_owner


class OwnerPasswordDialog(QDialog):
    """One password field, the reason it is asked, and the service's message when it is wrong."""

    def __init__(self, db: Database, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("ownerPasswordDialog")
        self.setWindowTitle(self.tr("Owner password"))
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.error = ErrorLabel()
        self.password = QLineEdit()
        self.password.setObjectName("ownerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Owner password"))
        self.password.setMinimumWidth(320)
        self.password.textEdited.connect(lambda _t: self.error.clear_message())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def accept(self) -> None:
        text = self.password.text()
        if not text:
            self.error.show_message(self.tr("Type the owner password."))
            self.password.setFocus()
            return
        try:
            require_owner(self.db, text)
        except OwnerPasswordError as exc:
            self.error.show_message(exc.message())
            self.password.selectAll()
            self.password.setFocus()
            return
        super().accept()


def ask_owner_password(db: Database, parent: QWidget | None, reason: str) -> tuple[bool, str | None]:
    """(go ahead, password): (True, None) at once when no owner password is set; (False, None)
    when the owner cancels; else the password the dialog accepted."""
    if not has_owner_password(db):
        return True, None
    dialog = OwnerPasswordDialog(db, reason, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False, None
        return True, dialog.password.text()
    finally:
        dialog.deleteLater()
