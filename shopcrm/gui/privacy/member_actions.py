"""The member detail's privacy buttons: "Export this member's data…" and "Consent history…".

Both ask for the owner password first (nothing is asked when none is set); the service checks it
again.  The export is written on the writer thread and recorded in the audit log by the service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.formatting import date_text
from shopcrm.gui.insights.tables import list_view
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.widgets import hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.members.privacy import ConsentView, export_member_data
from shopcrm.services.members.privacy_owner import consent_history_as_owner, export_file_name
from shopcrm.services.members.records import MemberView

ORIGIN_LABELS = {
    "counter": QT_TRANSLATE_NOOP("ConsentHistory", "Registered at the counter"),
    "edit": QT_TRANSLATE_NOOP("ConsentHistory", "Member edited"),
    "import": QT_TRANSLATE_NOOP("ConsentHistory", "Member list import"),
    "cli": QT_TRANSLATE_NOOP("ConsentHistory", "Command line"),
    "erase": QT_TRANSLATE_NOOP("ConsentHistory", "Erasure"),
}


def _origin(code: str) -> str:
    from PySide6.QtCore import QCoreApplication

    source = ORIGIN_LABELS.get(code)
    return QCoreApplication.translate("ConsentHistory", source) if source else code


def consent_model(parent: object = None) -> ListTableModel[ConsentView]:
    from PySide6.QtCore import QCoreApplication

    ctx = "ConsentHistory"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("ConsentHistory", "When"), ctx, lambda e: e.at.strftime("%Y-%m-%d %H:%M")),
        ListColumn(QT_TRANSLATE_NOOP("ConsentHistory", "Promotions"), ctx,
                   lambda e: QCoreApplication.translate("ConsentHistory", "agreed" if e.consent else "withdrawn")),
        ListColumn(QT_TRANSLATE_NOOP("ConsentHistory", "Where"), ctx, lambda e: _origin(e.origin)),
    ], parent=parent)


# the two words above, for the translation files
_WORDS = (QT_TRANSLATE_NOOP("ConsentHistory", "agreed"), QT_TRANSLATE_NOOP("ConsentHistory", "withdrawn"))


class ConsentHistoryDialog(QDialog):
    """Every change of one member's marketing consent, oldest first."""

    def __init__(self, member: MemberView, history: list[ConsentView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentHistoryDialog")
        self.setWindowTitle(self.tr("Consent history — {who}").format(who=member.name or member.card_no))
        self.resize(520, 360)
        self.model = consent_model(self)
        self.model.set_rows(history)
        self.table = list_view(self.model, "consentHistoryTable")
        now = self.tr("Promotions: agreed") if member.consent else self.tr("Promotions: not agreed")
        self.summary = QLabel(now + (" " + self.tr("(since {date})").format(date=date_text(history[-1].at))
                                     if history else ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint_label(self.tr("Consent is changed by editing the member.") if history else
                                    self.tr("No consent change is recorded for this member.")))
        layout.addWidget(buttons)


class MemberPrivacyBar(QWidget):
    """Two buttons and the outcome of the last export, above the member detail's tabs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberView | None = None
        self.last_export: Path | None = None
        self.export_button = QPushButton(self.tr("E&xport this member's data…"))
        self.export_button.setObjectName("exportMemberData")
        self.export_button.setToolTip(self.tr("Everything the shop keeps about this member, as a JSON file "
                                              "(a member's right to see their data). Needs the owner password."))
        self.export_button.clicked.connect(self.export_data)
        self.consent_button = QPushButton(self.tr("Consent &history…"))
        self.consent_button.setObjectName("consentHistory")
        self.consent_button.setToolTip(self.tr("When this member agreed to or withdrew from promotions. "
                                               "Needs the owner password."))
        self.consent_button.clicked.connect(self.show_consent_history)
        self.status = hint_label()
        self.status.setObjectName("privacyStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.export_button)
        layout.addWidget(self.consent_button)
        self.dialogs: list[QDialog] = []
        self.set_member(None)

    def set_member(self, member: MemberView | None) -> None:
        self.member = member
        usable = member is not None and member.status != "erased"
        self.export_button.setEnabled(usable)
        self.consent_button.setEnabled(usable)
        self.status.setText("")

    def export_data(self) -> None:
        member = self.member
        if member is None:
            return
        go, password = ask_owner_password(self.ctx.db, self,
                                          self.tr("Exporting a member's personal data needs the owner password."))
        if not go:
            return
        chosen = ask_save_name(self, self.tr("Export this member's data"), export_file_name(member.id),
                               self.tr("JSON files (*.json)"))
        if not chosen:
            return
        target = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".json")
        db, member_id = self.ctx.db, member.id
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting ..."))
        self.ctx.run(lambda _c: export_member_data(db, member_id, target, password=password),
                     label=self.tr("Exporting a member's data"), kind="privacy",
                     on_done=self._exported, on_error=self._failed, parent=self)

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.export_button.setEnabled(self.member is not None)
        self.status.setText(self.tr("Saved to {path} (recorded in the audit log).").format(path=str(path)))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(self.member is not None)
        if isinstance(exc, ShopError):
            self.status.setText(exc.message())
        else:
            self.status.setText("")
            self.ctx.show_error(exc, self)

    def show_consent_history(self) -> None:
        member = self.member
        if member is None:
            return
        go, password = ask_owner_password(self.ctx.db, self,
                                          self.tr("A member's consent history needs the owner password."))
        if not go:
            return
        try:
            history = consent_history_as_owner(self.ctx.db, member.id, password)
        except ShopError as exc:
            self.status.setText(exc.message())
            return
        dialog = ConsentHistoryDialog(member, history, self)
        dialog.finished.connect(lambda _r, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.open()
