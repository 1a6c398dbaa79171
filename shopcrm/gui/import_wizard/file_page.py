"""Step 1: what is in the file and which file; read for the preview on the reader thread.

The earlier imports are listed below, each can be undone or its rejected rows saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_open_name
from shopcrm.gui.import_wizard.common import JobSlot, translate
from shopcrm.gui.import_wizard.earlier_imports import EarlierImports
from shopcrm.gui.import_wizard.jobs import LoadedFile, preview_job
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.services.importing.preview import FilePreview

FILE_FILTER = "*.xlsx *.xlsm *.xls *.csv *.txt"


class FilePage(QWidget):
    read_button: QPushButton  # built after the file field whose edits enable it

    previewed = Signal(object)  # LoadedFile
    preview_failed = Signal()  # the message is shown on this page

    def __init__(self, ctx: AppContext, slot: JobSlot) -> None:
        super().__init__()
        self.ctx = ctx
        self.slot = slot
        self.setAcceptDrops(True)
        self.path: Path | None = None
        self.kind_radios: dict[str, QRadioButton] = {
            "sales": QRadioButton(translate("ImportWizard", "Past &sales (one row per sale or per sale line)")),
            "members": QRadioButton(translate("ImportWizard", "A &member list")),
            "ratings": QRadioButton(translate("ImportWizard", "Members' &ratings and comments (feedback)")),
        }
        self.sales_radio, self.members_radio = self.kind_radios["sales"], self.kind_radios["members"]
        self.ratings_radio = self.kind_radios["ratings"]
        self.sales_radio.setChecked(True)
        group = QButtonGroup(self)
        for radio in self.kind_radios.values():
            group.addButton(radio)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFile")
        self.file_edit.setPlaceholderText(translate("ImportWizard", "Choose a spreadsheet, or drop it here"))
        self.file_edit.returnPressed.connect(lambda: self.read_file())
        self.file_edit.textChanged.connect(lambda t: self.read_button.setEnabled(bool(t.strip())))
        browse = QPushButton(translate("ImportWizard", "C&hoose file ..."))
        browse.clicked.connect(self.choose_file)
        self.read_button = QPushButton(translate("ImportWizard", "&Next: columns"))
        self.read_button.setObjectName("primary")
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(lambda: self.read_file())
        self.file_error = ErrorLabel()
        self.file_busy = hint_label()
        self.earlier = EarlierImports(ctx)
        self.earlier.saved.connect(lambda path: self.file_busy.setText(
            translate("ImportWizard", "Rejected rows saved to {path}.").format(path=path)))
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        radios = list(self.kind_radios.values())
        form.addRow(translate("ImportWizard", "What is in the file"), radios[0])
        for radio in radios[1:]:
            form.addRow("", radio)
        form.addRow(translate("ImportWizard", "File"), row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_busy, 1)
        buttons.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.file_error)
        layout.addWidget(hint_label(translate(
            "ImportWizard",
            "Excel (.xlsx, .xlsm, .xls) or CSV (UTF-8 or GBK). Title rows above the header, merged cells, several "
            "sheets, blank and total rows are fine. Nothing is written before the last step, and an import can be "
            "undone.")))
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.earlier, 1)

    def kind(self) -> str:
        return next((k for k, radio in self.kind_radios.items() if radio.isChecked()), "sales")

    def reset(self) -> None:
        self.file_edit.clear()
        self.file_error.clear_message()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.file_edit.setText(urls[0].toLocalFile())
            self.read_file()

    def choose_file(self) -> None:
        name = ask_open_name(
            self, translate("ImportWizard", "Choose a spreadsheet"),
            translate("ImportWizard", "Spreadsheets ({patterns})").format(patterns=FILE_FILTER))
        if name:
            self.file_edit.setText(name)
            self.read_file()

    def read_file(self, kind: str | None = None) -> None:
        """Read the file for the preview (as `kind` when given: the columns page's "import as ...")."""
        text = self.file_edit.text().strip().strip('"')
        if not text or self.slot.busy():
            return
        if kind in self.kind_radios:
            self.kind_radios[kind].setChecked(True)
        path = self.path = Path(text).expanduser()
        self.file_error.clear_message()
        self.file_busy.setText(translate("ImportWizard", "Reading {file} ...").format(file=path.name))
        self.read_button.setEnabled(False)
        chosen = self.kind()
        self.slot.hold(self.ctx.read(preview_job(self.ctx.db, path, chosen),
                                     on_done=lambda preview: self._previewed(path, chosen, preview),
                                     on_error=self._preview_failed))

    def _preview_failed(self, exc: BaseException) -> None:
        self.file_busy.setText("")
        self.read_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.file_error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)
        self.preview_failed.emit()

    def _previewed(self, path: Path, kind: str, preview: FilePreview) -> None:
        self.file_busy.setText("")
        self.read_button.setEnabled(True)
        self.previewed.emit(LoadedFile(path, kind, preview))
