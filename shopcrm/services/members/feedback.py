"""Feedback: ratings 1–5 for product, service and environment, and a comment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, Member
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.io.member_fields import clean_text
from shopcrm.services.shop.clock import now


@dataclass
class FeedbackInput:
    member_id: int | None
    rating_product: int | None = None
    rating_service: int | None = None
    rating_environment: int | None = None
    comment: str | None = None
    purchase_id: int | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class FeedbackView:
    id: int
    member_id: int | None
    at: dt.datetime
    rating_product: int | None
    rating_service: int | None
    rating_environment: int | None
    comment: str | None


def _rating(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Ratings go from 1 to 5."), field)
    return value


def add_feedback(db: Database, data: FeedbackInput) -> FeedbackView:

    ratings = (
        _rating(data.rating_product, "rating_product"),
        _rating(data.rating_service, "rating_service"),
        _rating(data.rating_environment, "rating_environment"),
    )
    comment = clean_text(data.comment, 2000)
    if all(r is None for r in ratings) and not comment:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give at least one rating or a comment."), "comment")
    at = data.at or now()
    if at > now() + dt.timedelta(minutes=5):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Feedback cannot be dated in the future."), "at")
    with db.transaction() as s:
        if data.member_id is not None and s.get(Member, data.member_id) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=data.member_id)
        fb = Feedback(
            member_id=data.member_id,
            purchase_id=data.purchase_id,
            at=at,
            rating_product=ratings[0],
            rating_service=ratings[1],
            rating_environment=ratings[2],
            comment=comment,
        )
        s.add(fb)
        s.flush()
        return FeedbackView(fb.id, fb.member_id, fb.at, *ratings, comment)


def member_feedback(db: Database, member_id: int, limit: int = 100) -> list[FeedbackView]:
    with db.read() as s:
        rows = s.scalars(
            select(Feedback).where(Feedback.member_id == member_id).order_by(Feedback.at.desc()).limit(limit)
        )
        return [
            FeedbackView(f.id, f.member_id, f.at, f.rating_product, f.rating_service, f.rating_environment, f.comment)
            for f in rows
        ]
