"""Settings → Privacy: the audit log (exports, prints, erasures, restores, password and settings
changes) behind the owner password, and where a member's own data export and consent history are.

The log holds ids, counts and file names only; the details are shown as the service recorded them,
with the usual keys put into words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.formatting import join_list
from shopcrm.gui.insights.tables import list_view
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.shop import audit
from shopcrm.services.shop.audit import AuditView
from shopcrm.services.shop.audit_owner import audit_events_as_owner
from shopcrm.services.shop.owner_password import has_owner_password

CTX = "AuditLog"
SHOWN = 500
ACTION_LABELS = {
    audit.EXPORT: QT_TRANSLATE_NOOP("AuditLog", "Member list exported"),
    audit.PRINT: QT_TRANSLATE_NOOP("AuditLog", "Member list printed"),
    audit.ERASE: QT_TRANSLATE_NOOP("AuditLog", "Member erased"),
    audit.RESTORE: QT_TRANSLATE_NOOP("AuditLog", "Backup restored"),
    audit.PERSONAL_DATA_EXPORT: QT_TRANSLATE_NOOP("AuditLog", "A member's data exported"),
    audit.PASSWORD_SET: QT_TRANSLATE_NOOP("AuditLog", "Owner password set"),
    audit.PASSWORD_CLEARED: QT_TRANSLATE_NOOP("AuditLog", "Owner password removed"),
    audit.SETTINGS_CHANGED: QT_TRANSLATE_NOOP("AuditLog", "Settings changed"),
}
# detail key -> how it reads ({v} is the value)
DETAIL_WORDS = {
    "member_id": QT_TRANSLATE_NOOP("AuditLog", "member {v}"),
    "purchases": QT_TRANSLATE_NOOP("AuditLog", "{v} purchases"),
    "points_entries": QT_TRANSLATE_NOOP("AuditLog", "{v} points entries"),
    "campaign_id": QT_TRANSLATE_NOOP("AuditLog", "saved list {v}"),
    "members": QT_TRANSLATE_NOOP("AuditLog", "{v} members"),
    "rows": QT_TRANSLATE_NOOP("AuditLog", "{v} rows"),
    "target": QT_TRANSLATE_NOOP("AuditLog", "to {v}"),
    "file": QT_TRANSLATE_NOOP("AuditLog", "file {v}"),
    "source": QT_TRANSLATE_NOOP("AuditLog", "from {v}"),
    "previous_saved_as": QT_TRANSLATE_NOOP("AuditLog", "the data before saved as {v}"),
    "keys": QT_TRANSLATE_NOOP("AuditLog", "changed: {v}"),
}
FLAG_WORDS = {
    ("masked", True): QT_TRANSLATE_NOOP("AuditLog", "phones masked"),
    ("masked", False): QT_TRANSLATE_NOOP("AuditLog", "phones shown in full"),
    ("consent_only", True): QT_TRANSLATE_NOOP("AuditLog", "members with consent only"),
    ("consent_only", False): QT_TRANSLATE_NOOP("AuditLog", "members without consent included"),
    ("changed", True): QT_TRANSLATE_NOOP("AuditLog", "changed"),
    ("changed", False): QT_TRANSLATE_NOOP("AuditLog", "first set"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def action_text(action: str) -> str:
    source = ACTION_LABELS.get(action)
    return tr(source) if source else action


def _value(value: object) -> str:
    if isinstance(value, list):
        return join_list([str(v) for v in value])
    if isinstance(value, dict):
        return join_list([f"{k}: {v}" for k, v in value.items()])
    return str(value)


def detail_text(detail: dict[str, object]) -> str:
    """'member 12 · 34 purchases · 5 points entries' (unknown keys as 'key: value')."""
    parts: list[str] = []
    for key, value in detail.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool) and (key, value) in FLAG_WORDS:
            parts.append(tr(FLAG_WORDS[(key, value)]))
        elif key in DETAIL_WORDS:
            parts.append(tr(DETAIL_WORDS[key]).format(v=_value(value)))
        else:
            parts.append(f"{key}: {_value(value)}")
    return " · ".join(parts)


def audit_model(parent: object = None) -> ListTableModel[AuditView]:
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("AuditLog", "When"), CTX, lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S")),
        ListColumn(QT_TRANSLATE_NOOP("AuditLog", "What"), CTX, lambda e: action_text(e.action)),
        ListColumn(QT_TRANSLATE_NOOP("AuditLog", "Details"), CTX, lambda e: detail_text(e.detail),
                   tooltip=lambda e: detail_text(e.detail)),
    ], parent=parent)


class AuditLogPanel(QWidget):
    """Locked until the owner password is typed (at once when none is set); then it stays open
    while the screen lives, so changing the filter does not ask again."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unlocked = False
        self.password: str | None = None
        intro = hint_label(self.tr(
            "The audit log lists every member list exported or printed, every member's data exported, every "
            "erasure, restore, password and settings change — with ids and counts only, never a name or a phone."))
        where = hint_label(self.tr(
            "A member's own data and consent history: Members screen → pick the member → "
            "\"Export this member's data…\" or \"Consent history…\"."))
        self.action_box = QComboBox()
        self.action_box.setObjectName("auditAction")
        self.action_box.addItem(self.tr("Everything"), None)
        for action in audit.ACTIONS:
            self.action_box.addItem(action_text(action), action)
        self.action_box.currentIndexChanged.connect(lambda _i: self.reload() if self.unlocked else None)
        self.show_button = QPushButton(self.tr("&Show the audit log"))
        self.show_button.setObjectName("showAuditLog")
        self.show_button.clicked.connect(self.unlock)
        self.count = hint_label()
        self.error = ErrorLabel()
        self.model = audit_model(self)
        self.table = list_view(self.model, "auditTable")
        controls = QHBoxLayout()
        show_label = QLabel(self.tr("Sho&w"))
        show_label.setBuddy(self.action_box)
        controls.addWidget(show_label)
        controls.addWidget(self.action_box)
        controls.addWidget(self.show_button)
        controls.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addLayout(controls)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.table.setEnabled(False)
        if not has_owner_password(ctx.db):
            self.unlock()
        else:
            self.count.setText(self.tr("The audit log needs the owner password."))

    def unlock(self) -> None:
        if self.unlocked:
            self.reload()
            return
        go, password = ask_owner_password(self.ctx.db, self, self.tr("The audit log needs the owner password."))
        if not go:
            return
        self.password = password
        self.unlocked = True
        self.show_button.setText(self.tr("&Refresh"))
        self.table.setEnabled(True)
        self.reload()

    def reload(self) -> None:
        self.error.clear_message()
        try:
            events = audit_events_as_owner(self.ctx.db, self.password, action=self.action_box.currentData(),
                                           limit=SHOWN)
        except ShopError as exc:  # the password was changed meanwhile: lock again
            self.unlocked = False
            self.password = None
            self.show_button.setText(self.tr("&Show the audit log"))
            self.model.set_rows([])
            self.table.setEnabled(False)
            self.error.show_message(exc.message())
            return
        self.model.set_rows(events)
        self.count.setText(self.tr("{n} events, newest first (the latest {max} are shown).").format(
            n=f"{len(events):,}", max=f"{SHOWN:,}") if len(events) >= SHOWN else
            self.tr("{n} events, newest first.").format(n=f"{len(events):,}") if events else
            self.tr("Nothing recorded yet."))
