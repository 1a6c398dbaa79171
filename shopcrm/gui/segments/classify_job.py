"""The Classify button's work, as a job for the writer thread.

Wraps services.classification.run.classify: the chosen window replaces the settings' one for this
run, progress goes to the job, and the job's cancel token goes to the service, which stops between
stages and never once the snapshot is committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from shopcrm.gui.worker import JobControl
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.settings import load_settings


def classification_job(db: Database, as_of: dt.date, window_days: int) -> Callable[[JobControl], int]:
    """A job function returning the id of the stored snapshot."""

    def job(control: JobControl) -> int:
        from shopcrm.services.classification.run import classify  # scipy and the engine: loaded on first use

        settings = load_settings(db)
        settings = replace(settings, rules=replace(settings.rules, window_days=window_days))
        summary = classify(db, as_of, settings=settings, progress=control.report, cancel=control.token)
        return int(summary["snapshot"])

    return job
