"""First start of a new shop: language, shop name, then demo shop / empty / import spreadsheets."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.language import LANGUAGE_NAMES
from shopcrm.gui.registry import screen
from shopcrm.gui.widgets import ErrorLabel, FieldErrors, hint_label, title_label
from shopcrm.gui.worker import Job, JobControl
from shopcrm.services.shop.settings import validate_settings

DEMO_MEMBERS = 2000
DEMO_MONTHS = 24
DEMO_SEED = 1


def run_demo(db: Any, control: JobControl) -> Any:
    """Fill the demo shop on the writer thread, then classify it, so tiers and warnings show at once.

    The demo's progress fills the first 90 % of the bar; the job's cancel token stops the fill and
    rolls it back."""
    # lazy: the demo generator (numpy) loads only to make a demo shop, keeping start-up fast
    from shopcrm.demo.shop import generate_demo
    from shopcrm.services.classification.run import classify

    def progress(fraction: float, _total: float, message: str) -> None:
        control.report(0.9 * fraction, 1.0, message)

    summary = generate_demo(db, members=DEMO_MEMBERS, months=DEMO_MONTHS, seed=DEMO_SEED, progress=progress,
                            cancel=control.token)
    control.progress(0.9, 1.0, QCoreApplication.translate("FirstStartDialog", "Sorting members into classes ..."))
    classify(db)
    return summary


class FirstStartDialog(QDialog):
    """Two pages; the language switches the dialog as soon as it is picked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choice: str | None = None
        self._job: Job | None = None
        self.setModal(True)
        self.setMinimumWidth(640)

        self.pages = QStackedWidget()
        # page 1: language and shop name
        page1 = QWidget()
        self.welcome = title_label("")
        self.intro = hint_label()
        self.language_box = QComboBox()
        for code in ("zh_CN", "en"):
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(0 if ctx.language.language == "zh_CN" else 1)
        self.shop_name = QLineEdit(ctx.settings.shop_name)
        self.shop_name.setMaxLength(120)
        self.shop_name_error = ErrorLabel()
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("shop_name", self.shop_name_error, self.shop_name)
        form = QFormLayout()
        self.language_caption = QLabel()
        self.language_caption.setBuddy(self.language_box)
        self.shop_caption = QLabel()
        self.shop_caption.setBuddy(self.shop_name)
        form.addRow(self.language_caption, self.language_box)
        form.addRow(self.shop_caption, self.shop_name)
        form.addRow("", self.shop_name_error)
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        buttons1 = QHBoxLayout()
        buttons1.addStretch(1)
        buttons1.addWidget(self.next_button)
        l1 = QVBoxLayout(page1)
        l1.addWidget(self.welcome)
        l1.addWidget(self.intro)
        l1.addSpacing(8)
        l1.addLayout(form)
        l1.addStretch(1)
        l1.addLayout(buttons1)

        # page 2: how to start
        page2 = QWidget()
        self.start_title = title_label("")
        self.demo_button = QCommandLinkButton()
        self.empty_button = QCommandLinkButton()
        self.import_button = QCommandLinkButton()
        self.import_button.setVisible(bool((s := screen("import")) and s.available()))
        self.demo_button.clicked.connect(self._open_demo)
        self.empty_button.clicked.connect(lambda: self._finish("empty"))
        self.import_button.clicked.connect(lambda: self._finish("import"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.progress_text = hint_label()
        self.progress_text.hide()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._cancel_demo)
        self.cancel_button.hide()
        buttons2 = QHBoxLayout()
        buttons2.addWidget(self.back_button)
        buttons2.addStretch(1)
        buttons2.addWidget(self.cancel_button)
        l2 = QVBoxLayout(page2)
        l2.addWidget(self.start_title)
        l2.addWidget(self.demo_button)
        l2.addWidget(self.empty_button)
        l2.addWidget(self.import_button)
        l2.addWidget(self.progress)
        l2.addWidget(self.progress_text)
        l2.addWidget(self.general_error)
        l2.addStretch(1)
        l2.addLayout(buttons2)

        self.pages.addWidget(page1)
        self.pages.addWidget(page2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.language_box.currentIndexChanged.connect(self._language_picked)
        self.retranslate()

    # ---- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to ShopCRM"))
        self.welcome.setText(self.tr("Welcome to ShopCRM"))
        self.intro.setText(self.tr("Members, sales and promotions for your shop. Pick a language and name your shop; "
                                   "you can change both later in Settings."))
        self.language_caption.setText(self.tr("&Language"))
        self.shop_caption.setText(self.tr("&Shop name"))
        self.shop_name.setPlaceholderText(self.tr("e.g. Sunny Bakery"))
        self.next_button.setText(self.tr("&Next"))
        self.start_title.setText(self.tr("How do you want to start?"))
        self.demo_button.setText(self.tr("Open the &demo shop"))
        self.demo_button.setDescription(self.tr("A made-up bakery with {members} members and {months} months of sales, "
                                                "to try every screen.").format(members=f"{DEMO_MEMBERS:,}", months=DEMO_MONTHS))
        self.empty_button.setText(self.tr("Start &empty"))
        self.empty_button.setDescription(self.tr("Register members and ring up sales at the counter from today."))
        self.import_button.setText(self.tr("&Import my spreadsheets"))
        self.import_button.setDescription(self.tr("Bring in your member list and past sales from Excel or CSV files."))
        self.back_button.setText(self.tr("&Back"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_picked(self) -> None:
        self.ctx.set_language(str(self.language_box.currentData()))
        self.retranslate()

    # ---- steps ---------------------------------------------------------------------------------
    def _settings(self) -> Any:
        base = self.ctx.settings
        name = self.shop_name.text().strip() or base.shop_name  # the demo names its shop if the owner did not
        return replace(base, shop_name=name, language=str(self.language_box.currentData()), first_start_done=True)

    def _next(self) -> None:
        self.errors.clear()
        try:
            validate_settings(self._settings())
        except ShopError as exc:
            self.errors.show(exc)
            return
        self.pages.setCurrentIndex(1)
        self.demo_button.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.demo_button, self.empty_button, self.import_button, self.back_button):
            w.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _open_demo(self) -> None:
        self.errors.clear()
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress_text.setText(self.tr("Creating the demo shop ..."))
        db = self.ctx.db
        self._job = self.ctx.run(lambda c: run_demo(db, c), label=self.tr("Creating the demo shop"), kind="demo",
                                 on_done=lambda _r: self._finish("demo"), on_error=self._demo_failed,
                                 on_progress=self._demo_progress)
        self._job.cancelled.connect(lambda: self._set_busy(False))

    def _demo_progress(self, done: float, total: float, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(1.0, done / total)))
        if text:
            self.progress_text.setText(text)

    def _demo_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ShopError):
            self.general_error.show_message(exc.message())
        else:
            self.ctx.show_error(exc, self)

    def _cancel_demo(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.progress_text.setText(self.tr("Cancelling ..."))

    def _finish(self, choice: str) -> None:
        """Store language, shop name and 'first start done', then close."""
        self.choice = choice
        self._set_busy(True)
        if choice == "demo":
            self.ctx.reload_settings()  # the demo may have stored its own settings
        self.ctx.save_settings(self._settings(), on_done=lambda _s: self.accept(), on_error=self._save_failed)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ShopError):
            self.pages.setCurrentIndex(0)
            self.errors.show(exc)
        else:
            self.ctx.show_error(exc, self)

    def start_screen(self) -> str | None:
        """The screen the window opens on after this dialog."""
        return {"import": "import", "empty": "counter"}.get(self.choice or "")

    def reject(self) -> None:
        if self._job is not None and not self._job.done:
            self._cancel_demo()
            return
        super().reject()
