"""Points ledger and feedback."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base


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

    # A member's rows newest first: a counter sale reads only the end of the member's ledger (its
    # last moment, the awards a redemption draws on), not the whole history (services.members.points).
    __table_args__ = (Index("ix_points_ledger_member_at", "member_id", "at", "id"),)


class PointsDraw(Base):
    """Which award (a positive ledger row) a debit (redemption, expiry, take-back) drew its points from."""

    __tablename__ = "points_draws"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    debit_id: Mapped[int] = mapped_column(ForeignKey("points_ledger.id", ondelete="CASCADE"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("points_ledger.id", ondelete="CASCADE"), index=True)
    points: Mapped[int] = mapped_column(Integer)


class StoredValueEntry(Base):
    """One movement of a member's stored-value balance (储值), split into paid money and bonus money.

    The member row caches both sums; every change writes a row here in the same transaction."""

    __tablename__ = "stored_value_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # topup, spend, refund, adjust, return
    principal_cents: Mapped[int] = mapped_column(Integer)
    bonus_cents: Mapped[int] = mapped_column(Integer, default=0)
    pay_method: Mapped[str | None] = mapped_column(String(20))
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("purchases.id", ondelete="RESTRICT"), index=True)
    # A refund names the top-up it gives back.
    topup_id: Mapped[int | None] = mapped_column(ForeignKey("stored_value_ledger.id", ondelete="RESTRICT"))
    # Made by the counter for a top-up: sending it again after a lost answer never tops up twice.
    external_ref: Mapped[str | None] = mapped_column(String(128), unique=True)
    note: Mapped[str | None] = mapped_column(String(200))


class CouponDefinition(Base):
    """What a coupon gives: money off over a minimum spend, a percentage off, or a free item."""

    __tablename__ = "coupon_definitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # amount, percent, item
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    min_spend_cents: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Coupon(Base):
    """One issued coupon with its short code; used once."""

    __tablename__ = "coupons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("coupon_definitions.id", ondelete="RESTRICT"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    issued_via: Mapped[str] = mapped_column(String(12))  # campaign, birthday, registration, manual
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    redeemed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    purchase_id: Mapped[int | None] = mapped_column(ForeignKey("purchases.id", ondelete="SET NULL"), index=True)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)


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
    # Feedback from a ratings sheet: the product rated (optional), the batch (undone as a whole) and
    # the row's fingerprint, by which importing the same rows again adds nothing.
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="SET NULL"))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    import_ref: Mapped[str | None] = mapped_column(String(40), unique=True)
