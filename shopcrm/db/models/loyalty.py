"""Points ledger and feedback."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base

POINT_KINDS = ("earn", "redeem", "adjust", "expire", "reverse")


class PointsEntry(Base):
    """One signed movement of a member's points; the balance is their sum."""

    __tablename__ = "points_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("purchases.id", ondelete="CASCADE"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    note: Mapped[str | None] = mapped_column(String(200))


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("purchases.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    rating_product: Mapped[int | None] = mapped_column(SmallInteger)
    rating_service: Mapped[int | None] = mapped_column(SmallInteger)
    rating_environment: Mapped[int | None] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
