"""The reporting period of the Insights figures, and the SQL pieces that differ between SQLite and
PostgreSQL (a day's or a month's key of a timestamp)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, true
from sqlalchemy.orm import Session

from shopcrm.db.models import Purchase
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError


def check_period(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The period starts after it ends."), "since")


def within(column: Any, since: dt.date | None, until: dt.date | None) -> Any:
    """`column` (a timestamp) from the first day's midnight to the end of the last day; None: open."""
    parts = []
    if since is not None:
        parts.append(column >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        parts.append(column < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    return and_(true(), *parts)


def live_purchases(since: dt.date | None, until: dt.date | None) -> Any:
    """Purchases that count (not voided) in the period."""
    return and_(Purchase.voided_at.is_(None), within(Purchase.purchased_at, since, until))


def _sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def day_key(s: Session, expr: Any) -> Any:
    """'YYYY-MM-DD' of a timestamp (SQLite keeps it as text starting so)."""
    return func.substr(expr, 1, 10) if _sqlite(s) else func.to_char(expr, "YYYY-MM-DD")


def month_key(s: Session, expr: Any) -> Any:
    """'YYYY-MM' of a timestamp."""
    return func.substr(expr, 1, 7) if _sqlite(s) else func.to_char(expr, "YYYY-MM")


def month_from_key(key: str) -> dt.date:
    return dt.date(int(key[:4]), int(key[5:7]), 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of every month from `first`'s to `last`'s, both included."""
    out: list[dt.date] = []
    index, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    while index <= end:
        year, month = divmod(index, 12)
        out.append(dt.date(year, month + 1, 1))
        index += 1
    return out
