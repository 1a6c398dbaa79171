"""The Classify button's work, as a job for the writer thread.

Wraps services.classification.classify: the chosen window replaces the settings' one for this run,
progress goes to the job, and the Cancel button stops the run between stages, never once the
snapshot is being written (a cancel then would report "nothing stored" for a stored snapshot).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from shopcrm.db.engine import Database
from shopcrm.gui.worker import Cancelled, JobControl

WRITE_STAGE = 5  # index of "write" in the service's stages (read, metrics, rules, lifetime, recs, write)


def classification_job(db: Database, as_of: dt.date, window_days: int) -> Callable[[JobControl], int]:
    """A job function returning the id of the stored snapshot."""

    def job(control: JobControl) -> int:
        from shopcrm.services.classification import run as classification
        from shopcrm.services.shop.settings import load_settings

        settings = load_settings(db)
        settings = replace(settings, rules=replace(settings.rules, window_days=window_days))
        writing = [False]

        def progress(done: float, total: float, text: str) -> None:
            if done >= WRITE_STAGE:
                writing[0] = True
            try:
                control.progress(done, total, text)
            except Cancelled:
                pass  # cancelling is asked through `cancel`, between stages

        def cancel() -> bool:
            return control.token.cancelled and not writing[0]

        try:
            summary = classification.classify(db, as_of, settings=settings, progress=progress, cancel=cancel)
        except classification.Cancelled as exc:
            raise Cancelled() from exc
        return int(summary["snapshot"])

    return job
