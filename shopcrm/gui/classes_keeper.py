"""Keeps the classes current in the background and says how fresh they are (SPEC §9).

After an import, an undo, a restore or a new demo shop, and on start when the newest snapshot is
from an earlier day (or the rules changed since), the whole shop is reclassified on the writer
thread; a sale, a void or a new member brings just that member's card up to date
(services.classification.incremental).  A program left open past midnight notices the new day (a
timer) and reclassifies then too.  Nothing here makes the window wait: how fresh the classes are
is read on a reader thread (a light read: the engine loads only with the first job), the jobs are
queued, and the status-bar label says "updating…" until they report back.  Both kinds of job finish as
kind "classification", so every screen that shows classes (the counter's card, the members table,
the segments) reads them again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel

from shopcrm.gui.context import AppContext
from shopcrm.gui.worker import Job, JobControl
from shopcrm.services.classification.freshness import Freshness, freshness
from shopcrm.services.shop import clock
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.settings import ShopSettings

if TYPE_CHECKING:
    from shopcrm.services.classification.incremental import CardUpdate

log = logging.getLogger(__name__)

# writes after which everyone is ranked again / after which only the touched cards are
FULL_RUN_AFTER = ("import", "undo-import", "restore", "demo", "settings-saved")
CARDS_AFTER = ("purchase", "member")
# how often the open program looks whether the day has changed (then the daily reclassification runs)
DAY_CHECK_MS = 60_000


class ClassesKeeper(QObject):
    """Owns the status-bar label about the classes and the background jobs that keep them current."""

    def __init__(self, ctx: AppContext, label: QLabel) -> None:
        super().__init__(label)
        self.ctx = ctx
        self.label = label
        self._full: Job | None = None
        self._again = False  # something changed while a full run was already under way
        self._cards: Job | None = None
        self._failed = ""
        self._state: Freshness | None = None
        self._known = False  # the first reading has come back
        self._unreadable = ""  # why the last reading failed
        self._day = clock.now().date()  # the day of the last daily check
        # The daily check again when the day changes while the program stays open (past midnight,
        # or after the PC slept through it); a minute's look at the clock, started by start().
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self._look_at_the_day)
        ctx.operation_finished.connect(self._operation_finished)
        self._show()  # "checking…" until the reader thread answers
        self.refresh()

    def start(self) -> None:
        """On start (launch): the daily check, once the window is up, so it never delays the first
        paint; then the same check each time the day changes while the program stays open."""
        QTimer.singleShot(0, self.check)
        self.day_timer.start()

    # ---- what starts work ---------------------------------------------------------------------
    def check(self) -> None:
        """Start a full run when the newest snapshot no longer describes the shop; else bring up to
        date the cards of sales made meanwhile (the command line, another counter).  Decided once
        the reader thread has said how fresh the classes are."""
        self._day = clock.now().date()
        self.refresh(then=self._decide)

    def _decide(self) -> None:
        if self._state is not None and self._state.due:
            self.reclassify()
        elif self._state is not None and self._state.snapshot_id is not None:
            self.update_cards()

    def _look_at_the_day(self) -> None:
        if clock.now().date() != self._day:
            log.info("a new day: the daily reclassification check")
            self.check()

    def reclassify(self) -> None:
        """Queue a full run (or one more after the one under way)."""
        if self._full is not None and not self._full.done:
            self._again = True
            return
        db = self.ctx.db
        self._failed = ""
        self._full = self.ctx.run(
            lambda c: _classify(db, c),
            label=self.tr("Classifying members"), kind="classification",
            on_done=lambda _r: self._full_finished(), on_error=self._job_failed, classifying=True,
        )
        self._full.finished.connect(self.refresh)
        self._show()

    def update_cards(self) -> None:
        """Queue bringing the touched members' cards up to date (one job covers every sale so far)."""
        if self._cards is not None and self._cards.state == "queued":
            return
        if self._full is not None and not self._full.done:  # the full run will see them; mark it
            self._again = self._again or self._full.state == "running"
            return
        db, today = self.ctx.db, clock.now().date()
        self._cards = self.ctx.run(lambda _c: _update_cards(db, today), label="", kind="classification",
                                   on_done=self._cards_done, on_error=self._job_failed, classifying=True)
        self._cards.finished.connect(self.refresh)
        self._show()

    def _operation_finished(self, kind: str) -> None:
        if kind in FULL_RUN_AFTER:
            if kind == "settings-saved":  # only when the rules or levels changed
                self.check()
            else:
                self.reclassify()
        elif kind in CARDS_AFTER:
            self.update_cards()
        elif kind == "classification":
            self.refresh()

    def _full_finished(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.reclassify)

    def _cards_done(self, result: CardUpdate) -> None:
        if result.full_run_due is not None and result.members == ():
            self.reclassify()

    def _job_failed(self, exc: BaseException) -> None:
        log.warning("keeping the classes current failed: %s", exc)
        self._failed = str(exc)[:200]
        self.refresh()

    def _read_failed(self, exc: BaseException) -> None:
        """The status line must never break the window: it says the classes could not be read."""
        log.warning("reading how fresh the classes are failed: %s", exc)
        self._state = None
        self._known = True
        self._unreadable = str(exc)[:200]
        self._show()

    # ---- what the label says ------------------------------------------------------------------
    @property
    def updating(self) -> bool:
        return any(job is not None and not job.done for job in (self._full, self._cards))

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read how fresh the classes are on the reader thread, then show it (and run `then`)."""
        db, settings, today = self.ctx.db, self.ctx.settings, clock.now().date()
        self.ctx.read(lambda _c: _freshness(db, settings, today), on_done=lambda state: self._read(state, then),
                      on_error=self._read_failed, background=True)

    def _read(self, state: Freshness, then: Callable[[], None] | None) -> None:
        self._state = state
        self._known = True
        self._unreadable = ""
        self._show()
        if then is not None:
            then()

    def _show(self) -> None:
        self.label.setText(self.text())
        tip = ""
        if self._state is not None and self._state.updated_at is not None:
            tip = self.tr("Cards brought up to date after sales: {when}").format(
                when=self._state.updated_at.strftime("%Y-%m-%d %H:%M"))
        if self._failed:
            tip = self.tr("The classes could not be updated: {error}").format(error=self._failed)
        if self._unreadable:
            tip = self._unreadable
        self.label.setToolTip(tip)

    def text(self) -> str:
        state = self._state
        if not self._known:
            return self.tr("Classes: checking…")
        if self._unreadable:
            return self.tr("Classes: could not be read")
        if state is None or state.created_at is None:
            base = QCoreApplication.translate("MainWindow", "Not classified yet")  # the window's own words
        else:
            # the moment of the run, unless it classified an earlier day (then that day)
            when = (state.created_at.strftime("%Y-%m-%d %H:%M") if state.as_of == state.created_at.date()
                    else state.as_of.isoformat() if state.as_of else "")
            base = self.tr("Classes as of {when}").format(when=when)
        if self.updating:
            return self.tr("{classes} · updating…").format(classes=base)
        if self._failed or (state is not None and state.due and state.created_at is not None):
            return self.tr("{classes} · out of date").format(classes=base)
        return base


def _classify(db: Database, control: JobControl) -> dict[str, Any]:
    """The full run, on the classification thread (the engine is imported there, not at start-up)."""
    # lazy: numpy/scipy load with the first classification, keeping start-up fast
    from shopcrm.services.classification.run import classify

    return classify(db, progress=control.report, cancel=control.token)


def _freshness(db: Database, settings: ShopSettings, today: dt.date) -> Freshness:
    """How fresh the classes are, on the reader thread (a read: it loads no engine)."""
    return freshness(db, settings, today)


def _update_cards(db: Database, today: dt.date) -> CardUpdate:
    """The cards of members touched since the last look, on the classification thread."""
    from shopcrm.services.classification.incremental import update_cards  # engine: loaded on first use

    return update_cards(db, today=today)
