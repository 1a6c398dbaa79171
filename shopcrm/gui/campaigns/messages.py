"""The 'Messages' tab of a saved campaign: pick or write a text, see it for one member with its SMS
length, export every member's text as a CSV for an SMS platform, or copy one text for WeChat.

The rules live in services.campaign_messages (consent, masking, owner password, audit, contact
marks); this panel asks for the file and the password and shows what came back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.campaigns.outputs import OUTPUT_KIND, ListOutputs, ListSource, default_file_name
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.widgets import hint_label
from shopcrm.services.campaigns.columns import phone_text
from shopcrm.services.campaigns.lists import CampaignSummary
from shopcrm.services.campaigns.message_fields import FIELDS
from shopcrm.services.campaigns.message_templates import MessageTemplate, all_templates, save_template
from shopcrm.services.campaigns.messages import (
    MessagePreview,
    PreparedMessages,
    copy_message,
    export_campaign_messages,
    preview_message,
)
from shopcrm.services.campaigns.output import PreparedList, prepare_campaign_list

PREVIEW_DELAY_MS = 250  # typing pauses this long before the preview is read again


class MessagesPanel(QWidget):
    def __init__(self, ctx: AppContext, outputs: ListOutputs, masked: Callable[[], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outputs = outputs
        self.masked = masked
        self.campaign: CampaignSummary | None = None
        self.templates: list[MessageTemplate] = []
        self.member_ids: list[int] = []
        self.preview: MessagePreview | None = None
        self.last_export: PreparedMessages | None = None
        self._generation = 0

        self.template = QComboBox()
        self.template.setObjectName("messageTemplate")
        self.template.activated.connect(self._template_chosen)
        self.body = QPlainTextEdit()
        self.body.setObjectName("messageBody")
        self.body.setFixedHeight(90)
        self.body.textChanged.connect(self._schedule_preview)
        self.field = QComboBox()
        self.field.setObjectName("messageField")
        self.field.activated.connect(self._insert_field)
        self.save_button = QPushButton(self.tr("Save as template …"))
        self.save_button.setObjectName("saveMessageTemplate")
        self.save_button.clicked.connect(self._save_template)
        self.member = QComboBox()
        self.member.setObjectName("messageMember")
        self.member.activated.connect(lambda _i: self._refresh_preview())
        self.preview_label = QLabel()
        self.preview_label.setObjectName("messagePreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.length_label = hint_label()
        self.length_label.setObjectName("messageLength")
        self.export_button = QPushButton(self.tr("Export texts for SMS (CSV) …"))
        self.export_button.setObjectName("exportMessages")
        self.export_button.clicked.connect(self._export)
        self.copy_button = QPushButton(self.tr("Copy this text for WeChat"))
        self.copy_button.setObjectName("copyMessage")
        self.copy_button.clicked.connect(self._copy)
        self.status = hint_label()
        self.status.setObjectName("messageStatus")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._refresh_preview)

        row = QHBoxLayout()
        row.addWidget(self.template, 2)
        row.addWidget(QLabel(self.tr("Insert field:")))
        row.addWidget(self.field, 1)
        row.addWidget(self.save_button)
        form = QFormLayout()
        form.addRow(self.tr("Template:"), row)
        form.addRow(self.tr("Text:"), self.body)
        form.addRow(self.tr("Preview for:"), self.member)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.length_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(hint_label(self.tr(
            "Only members who agreed to promotions get a text, unless the list was made for everyone. Each export "
            "or copied text is recorded and ticks the members as contacted. Your SMS platform may add its "
            "signature (【shop name】), which counts towards the length too.")))
        layout.addStretch(1)
        self._fill_fields()
        self.reload_templates()
        self.show_campaign(None)

    # ---- choices ----------------------------------------------------------------------------------------
    def _fill_fields(self) -> None:
        self.field.clear()
        for f in FIELDS.values():
            self.field.addItem(f"{f.heading()} {f.placeholder()}", f.key)

    def reload_templates(self, select: str | None = None) -> None:
        try:
            self.templates = all_templates(self.ctx.db)
        except ShopError as exc:
            self.ctx.show_error(exc, self)
            self.templates = []
        keep = select or (self.template.currentData() if self.template.count() else None)
        self.template.clear()
        for t in self.templates:
            label = t.name if t.ready_made else self.tr("{name} (mine)").format(name=t.name)
            self.template.addItem(label, t.key)
        index = max(0, self.template.findData(keep)) if keep else 0
        if self.templates:
            self.template.setCurrentIndex(index)
            self._template_chosen(index)

    def _template_chosen(self, index: int) -> None:
        if 0 <= index < len(self.templates):
            self.body.setPlainText(self.templates[index].body)

    def _insert_field(self, index: int) -> None:
        key = self.field.itemData(index)
        if key in FIELDS:
            self.body.insertPlainText(FIELDS[key].placeholder())
            self.body.setFocus()

    def _save_template(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as template"), self.tr("Name of the template:"),
                                        QLineEdit.EchoMode.Normal)
        if not ok:
            return
        db, body = self.ctx.db, self.body.toPlainText()
        self.ctx.run(lambda _c: save_template(db, name, body), kind="message-template",
                     on_done=lambda t: self.reload_templates(select=t.key), parent=self)

    # ---- the campaign -----------------------------------------------------------------------------------
    def show_campaign(self, campaign: CampaignSummary | None) -> None:
        if campaign is not None and self.campaign is not None and campaign.id == self.campaign.id:
            return
        self.campaign = campaign
        self.member.clear()
        self.member_ids = []
        self.status.setText("")
        for w in (self.export_button, self.copy_button, self.member):
            w.setEnabled(campaign is not None)
        if campaign is None:
            self.preview_label.setText(self.tr("Choose a saved campaign to write to its members."))
            self.length_label.setText("")
            return
        self._generation += 1
        generation, db, campaign_id = self._generation, self.ctx.db, campaign.id
        self.ctx.read(lambda _c: prepare_campaign_list(db, campaign_id, masked=True),
                      on_done=lambda prepared: self._members_loaded(generation, prepared),
                      on_error=lambda exc: self.ctx.show_error(exc, self))

    def _members_loaded(self, generation: int, prepared: PreparedList) -> None:
        if generation != self._generation:
            return
        self.member.clear()
        self.member_ids = [r.member_id for r in prepared.rows]
        for r in prepared.rows:
            self.member.addItem(f"{r.name or r.card_no} · {phone_text(r.phone, masked=True)}", r.member_id)
        self.export_button.setEnabled(bool(self.member_ids))
        self.copy_button.setEnabled(bool(self.member_ids))
        self._refresh_preview()

    # ---- preview -------------------------------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._timer.start()

    def _refresh_preview(self) -> None:
        member_id = self.member.currentData()
        body = self.body.toPlainText()
        if member_id is None:
            self.preview = None
            self.preview_label.setText(self.tr("No member on this list can be sent a message.")
                                       if self.campaign is not None else "")
            self.length_label.setText("")
            return
        try:
            self.preview = preview_message(self.ctx.db, body, int(member_id))
        except ShopError as exc:  # a typo in a field is shown where the preview would be
            self.preview = None
            self.preview_label.setText(exc.message())
            self.length_label.setText("")
            return
        length = self.preview.length
        self.preview_label.setText(self.preview.text)
        words = self.tr("{n} SMS · {units} characters ({encoding}: {per} per SMS)").format(
            n=length.segments, units=length.units, encoding=length.encoding, per=length.per_segment)
        if self.preview.missing:
            words += " · " + self.tr("no value yet for {fields}: take them out before sending").format(
                fields=" ".join(self.preview.missing))
        self.length_label.setText(words)

    # ---- outputs -----------------------------------------------------------------------------------------
    def _template_key(self) -> str:
        index = self.template.currentIndex()
        if 0 <= index < len(self.templates) and self.templates[index].body == self.body.toPlainText():
            return self.templates[index].key
        return ""

    def _source(self) -> ListSource:
        assert self.campaign is not None
        return ListSource(campaign_id=self.campaign.id, title=self.campaign.name,
                          consent_only=self.campaign.consent_only)

    def _export(self) -> None:
        if self.campaign is None:
            return
        masked = self.masked()
        ok, password = self.outputs.owner_password(self._source(), masked)
        if not ok:
            return
        chosen = ask_save_name(self, self.tr("Export the texts for an SMS platform"),
                               default_file_name(self.campaign.name, ".csv"), self.tr("CSV file (*.csv)"))
        if not chosen:
            return
        target = Path(chosen) if chosen.lower().endswith(".csv") else Path(chosen).with_suffix(".csv")
        db, campaign_id, body, key = self.ctx.db, self.campaign.id, self.body.toPlainText(), self._template_key()
        self.ctx.run(lambda _c: export_campaign_messages(db, campaign_id, body, target, template=key, masked=masked,
                                                         password=password),
                     label=self.tr("Exporting the texts"), kind=OUTPUT_KIND,
                     on_done=lambda prepared: self._exported(prepared, target), parent=self)

    def _exported(self, prepared: PreparedMessages, target: Path) -> None:
        self.last_export = prepared
        self.status.setText(self.tr("{n} texts ({segments} SMS) saved to {path}").format(
            n=len(prepared.rows), segments=prepared.segments, path=target))

    def _copy(self) -> None:
        member_id = self.member.currentData()
        if self.campaign is None or member_id is None:
            return
        ok, password = self.outputs.owner_password(self._source(), True)
        if not ok:
            return
        db, campaign_id, body, key = self.ctx.db, self.campaign.id, self.body.toPlainText(), self._template_key()
        self.ctx.run(lambda _c: copy_message(db, campaign_id, int(member_id), body, template=key, password=password),
                     kind=OUTPUT_KIND, on_done=self._copied, parent=self)

    def _copied(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("Copied: paste it into WeChat."))
