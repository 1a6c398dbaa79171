"""Import a price list: pick the file, see what every row would do (a dry run), then import.

The preview is the service's dry run, read off the GUI thread; Import runs the same file for
real on the writer thread (backup, one transaction).  Rejected rows can be saved with their
reasons to fix and import again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.file_dialogs import ask_open_name, ask_save_name
from shopcrm.gui.formatting import date_text, join_list, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.widgets import ErrorLabel, hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.sales.price_list_import import (
    PriceListResult,
    PriceListRow,
    import_price_list,
    write_rejected,
)

CTX = "PriceListDialog"
ACTION_LABELS = {
    "new": QT_TRANSLATE_NOOP("PriceListDialog", "new product"),
    "changed": QT_TRANSLATE_NOOP("PriceListDialog", "changed"),
    "unchanged": QT_TRANSLATE_NOOP("PriceListDialog", "unchanged"),
    "rejected": QT_TRANSLATE_NOOP("PriceListDialog", "rejected"),
}
FILE_FILTER = QT_TRANSLATE_NOOP("PriceListDialog", "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)")


def _action(row: PriceListRow) -> str:
    text = QCoreApplication.translate(CTX, ACTION_LABELS[row.action])
    if not row.reason:
        return text
    return QCoreApplication.translate("PriceListDialog", "{action}: {reason}").format(action=text, reason=row.reason)


def preview_columns(currency: str) -> list[ListColumn[PriceListRow]]:
    return [
        ListColumn("Row", CTX, lambda r: str(r.row_number), numeric=True),
        ListColumn("Product", CTX, lambda r: r.name or ""),
        ListColumn("Code", CTX, lambda r: r.code or ""),
        ListColumn("Category", CTX, lambda r: r.category or ""),
        ListColumn("Old price", CTX, lambda r: money(r.old_price_cents, currency), numeric=True),
        ListColumn("New price", CTX, lambda r: money(r.price_cents, currency), numeric=True),
        ListColumn("Launch date", CTX, lambda r: date_text(r.launched_on)),
        ListColumn("What happens", CTX, _action, tooltip=_action),
    ]


QT_TRANSLATE_NOOP("PriceListDialog", "Row")
QT_TRANSLATE_NOOP("PriceListDialog", "Product")
QT_TRANSLATE_NOOP("PriceListDialog", "Code")
QT_TRANSLATE_NOOP("PriceListDialog", "Category")
QT_TRANSLATE_NOOP("PriceListDialog", "Old price")
QT_TRANSLATE_NOOP("PriceListDialog", "New price")
QT_TRANSLATE_NOOP("PriceListDialog", "Launch date")
QT_TRANSLATE_NOOP("PriceListDialog", "What happens")


class PriceListDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("priceListDialog")
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: PriceListResult | None = None
        self.result_: PriceListResult | None = None
        self.setWindowTitle(self.tr("Import a price list"))
        self.resize(900, 560)

        self.choose_button = QPushButton(self.tr("&Choose file…"))
        self.file_label = QLabel(self.tr("No file chosen."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model: ListTableModel[PriceListRow] = ListTableModel(preview_columns(ctx.settings.currency), parent=self)
        self.table = QTableView()
        self.table.setObjectName("priceListPreview")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.error = ErrorLabel()
        self.errors_button = QPushButton(self.tr("Save &rejected rows…"))
        self.errors_button.setEnabled(False)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importPriceList")
        self.import_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.errors_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "One row per product with its name and price (code, category, launch date and on sale are optional). "
            "Known products get the new price (past sales keep theirs); new products go on the review list.")))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.choose_button.clicked.connect(self.choose)
        self.import_button.clicked.connect(self.run_import)
        self.errors_button.clicked.connect(self.save_rejected)

    # ---- preview -----------------------------------------------------------------------------------
    def choose(self) -> None:
        name = ask_open_name(self, self.tr("Choose a price list"), QCoreApplication.translate(CTX, FILE_FILTER))
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the file as a dry run and show what each row would do."""
        self.path = path
        self.file_label.setText(path.name)
        self.error.clear_message()
        self.import_button.setEnabled(False)
        self.errors_button.setEnabled(False)
        self.summary.setText(self.tr("Reading {file}…").format(file=path.name))
        db = self.ctx.db
        self.ctx.read(lambda _c: import_price_list(db, path, dry_run=True), on_done=self._previewed, on_error=self._failed)

    def _previewed(self, result: PriceListResult) -> None:
        self.preview = result
        self.model.set_rows(result.rows)
        self.table.resizeColumnsToContents()
        columns = "; ".join(join_list([f"{header} → {label}" for label, header in cols.items()]) for cols in result.columns.values())
        self.summary.setText(self.tr(
            "{rows} rows: new products {new}, changed {changed}, unchanged {unchanged}, rejected {rejected}.\nColumns: {columns}"
        ).format(rows=len(result.rows), new=result.count("new"), changed=result.count("changed"),
                 unchanged=result.count("unchanged"), rejected=result.count("rejected"), columns=columns))
        self.import_button.setEnabled(bool(result.count("new") or result.count("changed")))
        self.errors_button.setEnabled(bool(result.count("rejected")))

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(False)
        self.summary.setText("")
        self.model.set_rows([])
        if isinstance(exc, ShopError):
            self.error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)

    # ---- import ------------------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.path is None:
            return
        path, db = self.path, self.ctx.db
        self.import_button.setEnabled(False)
        self.ctx.run(lambda _c: import_price_list(db, path), label=self.tr("Importing price list"), kind="product",
                     on_done=self._imported, on_error=self._failed, show_progress=True, parent=self)

    def _imported(self, result: PriceListResult) -> None:
        self.result_ = result
        self.preview = result
        self.model.set_rows(result.rows)
        self.summary.setText(self.tr(
            "Imported: new products {new} (on the review list), changed {changed}, rejected {rejected}."
        ).format(new=result.count("new"), changed=result.count("changed"), rejected=result.count("rejected")))
        self.errors_button.setEnabled(bool(result.count("rejected")))

    def save_rejected(self) -> None:
        if self.preview is None:
            return
        name = ask_save_name(self, self.tr("Save rejected rows"), "rejected-rows.xlsx",
                             self.tr("Excel workbook (*.xlsx)"))
        if not name:
            return
        try:
            saved = write_rejected(self.preview, name)
        except (ShopError, OSError) as exc:
            self.error.show_message(exc.message() if isinstance(exc, ShopError) else str(exc))
            return
        self.summary.setText(self.summary.text() + "\n" + self.tr("Rejected rows saved to {path}.").format(path=str(saved)))

