"""The classification the screens show: written once, read by the Members table, lists, dashboard and exports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.db.models import ClassificationSnapshot


def latest_snapshot_in(s: Session) -> ClassificationSnapshot | None:
    """The latest 'as of' date's newest run, or None before the first classification."""
    return s.execute(
        select(ClassificationSnapshot).where(ClassificationSnapshot.shown())
        .order_by(*ClassificationSnapshot.shown_first()).limit(1)
    ).scalar_one_or_none()
