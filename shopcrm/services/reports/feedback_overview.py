"""What members said (SPEC §2 Feedback): average ratings per month, the latest low ratings with who
gave them, and the members who never rated.

An average is over the ratings given: a form with only a service rating counts for service alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, Member
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.reports.period import check_period, month_from_key, month_key, months_between, within

LOW = 2  # a rating of 2 or less is low (the churn warning's signal uses the same, SPEC §3)
DIMENSIONS = ("product", "service", "environment")


@dataclass(frozen=True)
class MonthRatings:
    month: dt.date  # its first day
    responses: int  # feedback forms that month
    product: float | None  # average, None when nobody rated it that month
    service: float | None
    environment: float | None
    rated: tuple[int, int, int]  # how many rated product, service, environment


@dataclass(frozen=True)
class LowRating:
    feedback_id: int
    at: dt.datetime
    member_id: int | None
    member_name: str | None
    card_no: str | None
    member_status: str | None
    product: int | None
    service: int | None
    environment: int | None
    comment: str | None


@dataclass(frozen=True)
class NeverRated:
    members: int  # active members without any feedback
    of_active: int
    member_ids: list[int]


def _avg(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def monthly_ratings(db: Database, *, since: dt.date | None = None, until: dt.date | None = None) -> list[MonthRatings]:
    """Each calendar month of the period (months without feedback included, empty), oldest first."""
    check_period(since, until)
    with db.read() as s:
        month = month_key(s, Feedback.at)
        found = {str(k): row for k, *row in s.execute(
            select(month, func.count(Feedback.id),
                   func.avg(Feedback.rating_product), func.avg(Feedback.rating_service),
                   func.avg(Feedback.rating_environment),
                   func.count(Feedback.rating_product), func.count(Feedback.rating_service),
                   func.count(Feedback.rating_environment))
            .where(within(Feedback.at, since, until)).group_by(month))}
    if not found:
        return []
    keys = sorted(found)
    out = []
    for day in months_between(since or month_from_key(keys[0]), until or month_from_key(keys[-1])):
        row = found.get(day.strftime("%Y-%m"))
        if row is None:
            out.append(MonthRatings(day, 0, None, None, None, (0, 0, 0)))
        else:
            n, p, sv, e, cp, cs, ce = row
            out.append(MonthRatings(day, int(n), _avg(p), _avg(sv), _avg(e), (int(cp), int(cs), int(ce))))
    return out


def low_ratings(db: Database, *, threshold: int = LOW, limit: int = 50) -> list[LowRating]:
    """The latest feedback with any rating at or below `threshold`, newest first, with who gave it."""
    if not 1 <= threshold <= 5:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Ratings go from 1 to 5."), "threshold")
    if not 1 <= limit <= 10_000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "--limit must be between 1 and 10000."), "limit")
    stmt = (select(Feedback, Member.name, Member.card_no, Member.status)
            .outerjoin(Member, Member.id == Feedback.member_id)
            .where(or_(Feedback.rating_product <= threshold, Feedback.rating_service <= threshold,
                       Feedback.rating_environment <= threshold))
            .order_by(Feedback.at.desc(), Feedback.id.desc()).limit(limit))
    with db.read() as s:
        return [LowRating(f.id, f.at, f.member_id, name, card, status, f.rating_product, f.rating_service,
                          f.rating_environment, f.comment) for f, name, card, status in s.execute(stmt)]


def never_rated(db: Database) -> NeverRated:
    """Active members who never gave feedback (card number order), and how many active members there are."""
    rated = exists().where(Feedback.member_id == Member.id)
    with db.read() as s:
        ids = [int(i) for i in s.scalars(
            select(Member.id).where(Member.status == "active", ~rated).order_by(Member.card_no, Member.id))]
        active = int(s.scalar(select(func.count(Member.id)).where(Member.status == "active")) or 0)
    return NeverRated(len(ids), active, ids)
