"""Settings tab "Database and backups": where the database is, the backup folder and how many backups
to keep, a backup by hand, and restoring one (from a file or from this shop's list)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.gui.owner_password_dialog import ask_owner_password
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import BACKUP_REASON_LABELS, label
from shopcrm.services.shop.backups import (
    OtherShopError,
    backup_folder,
    backup_now,
    list_backups,
    restore_backup,
)
from shopcrm.services.shop.settings import ShopSettings


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} KB"


def backups_model(parent: Any = None) -> ListTableModel[Any]:
    ctx = "BackupsSection"
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("BackupsSection", "Taken"), ctx, lambda b: b.taken_at.strftime("%Y-%m-%d %H:%M:%S")),
        ListColumn(QT_TRANSLATE_NOOP("BackupsSection", "Why"), ctx, lambda b: label(BACKUP_REASON_LABELS, b.reason)),
        ListColumn(QT_TRANSLATE_NOOP("BackupsSection", "Size"), ctx, lambda b: _size(b.size), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("BackupsSection", "File"), ctx, lambda b: b.path.name, tooltip=lambda b: str(b.path)),
    ], parent=parent)


class BackupsSection(QWidget):
    def __init__(self, ctx: AppContext, errors: FieldErrors) -> None:
        super().__init__()
        self.ctx = ctx
        self.errors = errors
        form = QFormLayout(self)
        self.db_location = QLineEdit(self.ctx.db.display_name())
        self.db_location.setMaximumWidth(720)
        self.db_location.setReadOnly(True)
        self.backup_dir = QLineEdit()
        self.backup_dir.setMaximumWidth(620)
        self.backup_dir.setPlaceholderText(self.tr("default folder"))
        browse = QPushButton(self.tr("&Choose ..."))
        browse.clicked.connect(self._choose_backup_dir)
        dir_row = QHBoxLayout()
        dir_row.addWidget(self.backup_dir, 1)
        dir_row.addWidget(browse)
        dir_row.addStretch(1)
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 1000)
        self.backup_keep.setMaximumWidth(120)
        self.backup_keep_error = ErrorLabel()
        self.errors.add("backup_keep", self.backup_keep_error, self.backup_keep)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Res&tore from a backup file ..."))
        self.restore_button.clicked.connect(lambda: self.restore_from_file())
        self.backup_status = hint_label()
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        self.backups = backups_model(self)
        self.backups_view = QTableView()
        self.backups_view.setObjectName("backupsTable")
        self.backups_view.setModel(self.backups)
        self.backups_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups_view.verticalHeader().setVisible(False)
        self.backups_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.backups_view.horizontalHeader().setStretchLastSection(True)
        self.backups_view.setMaximumWidth(720)
        self.backups_view.doubleClicked.connect(lambda _i: self.restore_selected())
        self.restore_selected_button = QPushButton(self.tr("Restore the &selected backup ..."))
        self.restore_selected_button.clicked.connect(self.restore_selected)
        form.addRow(self.tr("Database"), self.db_location)
        form.addRow(self.tr("Backup folder"), dir_row)
        form.addRow(self.tr("Keep the newest"), self.backup_keep)
        form.addRow("", self.backup_keep_error)
        form.addRow("", actions)
        form.addRow("", self.backup_status)
        form.addRow(self.tr("Backups of this shop"), self.backups_view)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_selected_button)
        restore_row.addStretch(1)
        form.addRow("", restore_row)
        if not self.ctx.db.is_sqlite:
            for w in (self.backup_button, self.restore_button, self.backup_dir, browse, self.backup_keep,
                      self.backups_view, self.restore_selected_button):
                w.setEnabled(False)
            self.backup_status.setText(self.tr("This shop uses a PostgreSQL server: back it up on the server (pg_dump)."))
        self.refresh_backups()

    def load(self, settings: ShopSettings) -> None:
        self.backup_dir.setText(settings.backup_dir or "")
        self.backup_keep.setValue(settings.backup_keep)

    def values(self) -> dict[str, Any]:
        """The ShopSettings fields of this tab, as the form shows them."""
        return {"backup_dir": self.backup_dir.text().strip() or None, "backup_keep": self.backup_keep.value()}

    # ---- backups --------------------------------------------------------------------------------
    def refresh_backups(self) -> None:
        """The backup files of this shop, newest first (a folder listing: quick)."""
        if not self.ctx.db.is_sqlite:
            return
        try:
            self.backups.set_rows(list_backups(self.ctx.db))
        except (OSError, ShopError):
            self.backups.set_rows([])

    def restore_selected(self) -> None:
        rows = self.backups_view.selectionModel().selectedRows()
        if rows:
            self.restore_from_file(str(self.backups.row(rows[0].row()).path))

    def _choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def backup_now(self) -> None:
        db, keep = self.ctx.db, self.ctx.settings.backup_keep
        self.backup_button.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up ..."))
        job = self.ctx.run(lambda _c: backup_now(db, keep=keep), label=self.tr("Backing up"),
                           on_done=lambda path: self.backup_status.setText(
                               self.tr("Backup written to {path}").format(path=path)),
                           parent=self)
        job.failed.connect(lambda _e: self.backup_status.setText(""))
        job.finished.connect(self._backup_finished)

    def restore_from_file(self, path: str | None = None) -> None:
        if not path:
            try:
                start = str(backup_folder(self.ctx.db))
            except ShopError:
                start = str(Path.home())
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup"), start,
                                                  self.tr("ShopCRM backups (*.db);;All files (*)"))
        if not path:
            return
        answer = QMessageBox.warning(
            self, self.tr("Restore from a backup"),
            self.tr("Replace ALL data of this shop with the backup {file}?\n\n"
                    "The current data is backed up first, so this can be undone by restoring that copy.")
            .format(file=Path(path).name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, password = ask_owner_password(self.ctx.db, self, self.tr("Restoring a backup needs the owner password."))
        if not ok:
            return
        self.start_restore(path, password)

    def _backup_finished(self) -> None:
        self.backup_button.setEnabled(True)
        self.refresh_backups()

    def _restored(self, safety: object) -> None:
        QMessageBox.information(None, QCoreApplication.translate("BackupsSection", "Restore from a backup"),
                                QCoreApplication.translate(
                                    "BackupsSection", "Restored. The previous data was saved as {path}").format(path=safety))

    def start_restore(self, path: str, password: str | None = None, other_shop: str | None = None) -> None:
        db = self.ctx.db
        self.restore_button.setEnabled(False)
        self.ctx.run(lambda _c: restore_backup(db, path, password=password, other_shop=other_shop),
                     label=self.tr("Restoring"), kind="restore",
                     on_done=self._restored,
                     on_error=lambda exc: self._restore_failed(exc, path, password),
                     show_progress=True)

    def _restore_failed(self, exc: BaseException, path: str, password: str | None) -> None:
        """Another shop's backup: ask, naming both shops, and restore only on an explicit yes."""
        self.restore_button.setEnabled(True)
        if not isinstance(exc, OtherShopError):
            self.ctx.show_error(exc, self)
            return
        other, this = str(exc.params.get("other", "")), str(exc.params.get("this", ""))
        answer = QMessageBox.warning(
            self, self.tr("Restore from a backup"),
            self.tr("{file} is a backup of another shop, \"{other}\".\n\nReplace ALL data of this shop, \"{this}\", "
                    "with the data of \"{other}\"?").format(file=Path(path).name, other=other, this=this),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.start_restore(path, password, other_shop=other)
