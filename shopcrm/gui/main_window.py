"""The main window: navigation on the left, one screen at a time, a status bar with the database,
the last classification and the running job (with its progress and a cancel button)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from shopcrm.gui.classes_keeper import ClassesKeeper
from shopcrm.gui.context import AppContext
from shopcrm.gui.registry import Screen, available_screens
from shopcrm.gui.style import icon_path
from shopcrm.gui.window_state import restore_window, save_window
from shopcrm.gui.worker import Job
from shopcrm.services.shop.database import startup_warnings, take_daily_backup

log = logging.getLogger(__name__)


class JobIndicator(QWidget):
    """Status-bar widget for the running long job: text, progress, cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(16)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._jobs: list[Job] = []
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def track(self, job: Job) -> None:
        self._jobs.append(job)
        job.progressed.connect(lambda d, t, text, j=job: self._progress(j, d, t, text))
        job.finished.connect(lambda j=job: self._done(j))
        self._show(job)

    def _show(self, job: Job) -> None:
        self.label.setText(job.label)
        self.bar.setRange(0, 0)
        self.cancel_button.setToolTip(self.tr("Cancel {task}").format(task=job.label))
        self.show()

    def _progress(self, job: Job, done: float, total: float, text: str) -> None:
        if not self._jobs or self._jobs[0] is not job:
            return
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, done / total)))
        if text:
            self.label.setText(f"{job.label}: {text}")

    def _done(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if self._jobs:
            self._show(self._jobs[0])
        else:
            self.hide()

    def _cancel(self) -> None:
        if self._jobs:
            self._jobs[0].cancel()


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.screens: list[Screen] = available_screens()
        self.views: dict[str, QWidget] = {}
        self.setMinimumSize(QSize(960, 600))
        # Fits the screen it opens on (a 1024×768 counter PC included), or comes back as the owner left it.
        self.open_maximised = restore_window(self, "main", 1280, 800)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(200)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for s in self.screens:
            item = QListWidgetItem(QIcon(str(icon_path(s.icon))), "")
            item.setData(Qt.ItemDataRole.UserRole, s.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._row_changed)

        self._shortcuts: list[QShortcut] = []
        for s in self.screens:
            for keys in s.shortcuts:
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
                shortcut.activated.connect(lambda key=s.key: self.show_screen(key))
                self._shortcuts.append(shortcut)

        self.db_label = QLabel()
        self.classification_label = QLabel()
        self.jobs = JobIndicator()
        self.statusBar().addWidget(self.db_label, 1)
        # What went wrong while opening the shop without stopping it (e.g. the day's backup failed).
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warning")
        self.statusBar().addWidget(self.warning_label)
        self._show_startup_warnings()
        self.statusBar().addPermanentWidget(self.jobs)
        self.statusBar().addPermanentWidget(self.classification_label)
        self.classes_keeper = ClassesKeeper(ctx, self.classification_label)  # says how fresh; keeps them so

        ctx.language_changed.connect(self._language_changed)
        ctx.operation_finished.connect(self._operation_finished)
        ctx.settings_changed.connect(lambda _s: self._update_title())
        ctx.job_started.connect(self.jobs.track)
        ctx.navigate_requested.connect(self.show_screen)
        self.retranslate()
        self._update_status()
        first = next((s.key for s in self.screens if s.key in ("dashboard", "counter")), None)
        if first:
            self.show_screen(first)

    def show_fitted(self) -> None:
        """Show the window maximised on small screens (or when it was closed maximised), else as sized."""
        if self.open_maximised:
            self.showMaximized()
        else:
            self.show()

    # ---- screens --------------------------------------------------------------------------------
    def screen_keys(self) -> list[str]:
        return [s.key for s in self.screens]

    def current_key(self) -> str | None:
        item = self.navigation.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def view(self, key: str) -> QWidget | None:
        return self.views.get(key)

    def show_screen(self, key: str, argument: Any = None) -> QWidget | None:
        """Open a screen (created on first use); `argument` goes to the view's `open_item`."""
        keys = self.screen_keys()
        if key not in keys:
            return None
        view = self.views.get(key)
        if view is None:
            view = self._create(key)
            if view is None:
                return None
        row = keys.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.stack.setCurrentWidget(view)
        if argument is not None and hasattr(view, "open_item"):
            view.open_item(argument)
        if hasattr(view, "on_shown"):
            view.on_shown()
        focus = getattr(view, "initial_focus", None)
        if callable(focus):
            focus()
        return view

    def _create(self, key: str) -> QWidget | None:
        screen = next(s for s in self.screens if s.key == key)
        try:
            view = screen.factory()(self.ctx)
        except Exception as exc:  # noqa: BLE001 - a broken screen must not take the window down
            log.exception("cannot open screen %s", key)
            self.ctx.show_error(exc, self)
            return None
        self.views[key] = view
        self.stack.addWidget(view)
        return view

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.show_screen(self.screens[row].key)

    # ---- language and status --------------------------------------------------------------------
    def retranslate(self) -> None:
        for i, s in enumerate(self.screens):
            item = self.navigation.item(i)
            title = QCoreApplication.translate("Navigation", s.title)
            item.setText(title)
            item.setToolTip(f"{title} ({' / '.join(s.shortcuts)})")
        self.jobs.cancel_button.setToolTip(self.tr("Cancel"))
        self._update_title()
        self._update_status()

    def _update_title(self) -> None:
        name = self.ctx.settings.shop_name
        self.setWindowTitle(f"{name} — ShopCRM" if name else "ShopCRM")

    def _update_status(self) -> None:
        self.db_label.setText(self.tr("Database: {name}").format(name=self.ctx.db.display_name()))
        self.classes_keeper.refresh()

    def take_daily_backup(self) -> None:
        """Today's automatic backup, on the housekeeping thread once the window shows; a failure
        joins the start-up warnings in the status bar."""
        db = self.ctx.db
        job = self.ctx.housekeeper.submit(lambda _control: take_daily_backup(db), label=self.tr("Today's backup"))
        job.succeeded.connect(lambda message: self._show_startup_warnings() if message else None)
        job.failed.connect(lambda exc: self.ctx.show_error(exc, self))

    def _show_startup_warnings(self) -> None:
        warnings = startup_warnings()
        self.warning_label.setText("⚠ " + warnings[-1] if warnings else "")
        self.warning_label.setToolTip("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))

    def _operation_finished(self, kind: str) -> None:
        self._update_status()
        if kind in ("restore", "demo"):
            self._rebuild_views()

    def _language_changed(self, _code: str) -> None:
        # Views are rebuilt rather than retranslated in place: every screen just builds itself
        # in the current language.  Deferred so a view that triggered the switch can return first.
        QTimer.singleShot(0, self._rebuild_views)
        self.retranslate()

    def _rebuild_views(self) -> None:
        current = self.current_key()
        for view in self.views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        if current:
            self.show_screen(current)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        pending = [j for j in (*self.ctx.worker.pending_jobs(), *self.ctx.classifier.pending_jobs()) if j.label]
        if pending:
            answer = QMessageBox.question(
                self, self.tr("Work in progress"),
                self.tr("{task} is still running. Cancel it and close?").format(task=pending[0].label))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        for view in self.views.values():
            closing = getattr(view, "can_close", None)
            if callable(closing) and not closing():
                event.ignore()
                return
        save_window(self, "main")
        event.accept()
