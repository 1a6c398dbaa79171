"""Products, purchases and their lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopcrm.db.base import Base


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id", ondelete="SET NULL"), index=True)
    price_cents: Mapped[int | None] = mapped_column(Integer)
    # A product counts as "new" for purchases within N days of this date (SPEC §3).
    launched_on: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The shop's own product code (PLU, 货号), typed at the counter; unique when given.
    code: Mapped[str | None] = mapped_column(String(32))
    # First letters of the name's pinyin (毛毛虫面包 -> "mmcmb"), computed when the name is set so
    # the counter's search is a plain LIKE, never a pinyin conversion per keystroke.
    initials: Mapped[str | None] = mapped_column(String(100))
    # Set on products an import created (their price is a guess): the owner checks and clears it.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    review_reason: Mapped[str | None] = mapped_column(String(20))  # sales_import | price_list

    category: Mapped[Category | None] = relationship(lazy="joined")

    # A unique index, not a constraint: SQLite adds an index without rebuilding the table, which
    # a migration could not do while purchase lines point at it.
    __table_args__ = (Index("ix_products_code", "code", unique=True),)


class ProductPriceChange(Base):
    """Every change of a product's list price.  Past sales keep their own unit price on their lines;
    this table says when the list price moved, from what, by whom (edit or price-list import)."""

    __tablename__ = "product_price_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    old_price_cents: Mapped[int | None] = mapped_column(Integer)
    new_price_cents: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(12))  # edit | price_list | sales_import


class Purchase(Base):
    __tablename__ = "purchases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    purchased_at: Mapped[dt.datetime] = mapped_column(DateTime)
    total_cents: Mapped[int] = mapped_column(Integer)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)
    payment_method: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10), default="store")
    origin: Mapped[str] = mapped_column(String(10), default="counter")
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="RESTRICT"))
    # Fingerprint of the source row(s) (receipt no. or row content) to recognise a re-import.
    external_ref: Mapped[str | None] = mapped_column(String(128), unique=True)
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Points the sale earns (negative: a refund takes them back), fixed at the rate of the day it was
    # recorded; NULL for sales from before this column (the current rate applies).
    points_earned: Mapped[int | None] = mapped_column(Integer)
    # Parts of discount_cents, and the part of the total paid from the member's stored value.
    coupon_discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    points_discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stored_value_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    lines: Mapped[list[PurchaseLine]] = relationship(
        back_populates="purchase", cascade="all, delete-orphan", order_by="PurchaseLine.id"
    )

    __table_args__ = (
        # Covering index for the per-member aggregate (classification) and member history.
        # Partial on live purchases: every query over sales filters voided_at IS NULL.
        Index(
            "ix_purchases_member_time_total",
            "member_id",
            "purchased_at",
            "total_cents",
            sqlite_where=text("voided_at IS NULL"),
            postgresql_where=text("voided_at IS NULL"),
        ),
        # A member's voided sales (few): with the index above, replaying a member's points reads
        # both kinds of sale from an index instead of scanning every purchase.
        Index(
            "ix_purchases_member_voided",
            "member_id",
            sqlite_where=text("voided_at IS NOT NULL"),
            postgresql_where=text("voided_at IS NOT NULL"),
        ),
        Index("ix_purchases_purchased_at", "purchased_at"),
        Index("ix_purchases_import_batch_id", "import_batch_id"),
        # The Dashboard's sales by day (SQLite only): live purchases in day order, each day's members
        # in order, so revenue, receipts and visits per day are one pass without a sort
        # (services.reports.dashboard).  An expression index: SQLAlchemy cannot reflect it, so a
        # later batch-mode ALTER of this table must create it again (migration 0010_dashboard).
        Index(
            "ix_purchases_day_member",
            text("substr(purchased_at, 1, 10)"),
            "member_id",
            "total_cents",
            sqlite_where=text("voided_at IS NULL"),
        ).ddl_if(dialect="sqlite"),
    )


class PurchaseLine(Base):
    __tablename__ = "purchase_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_id: Mapped[int] = mapped_column(ForeignKey("purchases.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)

    purchase: Mapped[Purchase] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship(lazy="joined")

    __table_args__ = (
        # Covering index for the classification's read of the lines in its window: a range of
        # purchase ids is read from the index alone, without the table or a join (4-5x faster).
        Index("ix_purchase_lines_purchase_product_amount", "purchase_id", "product_id", "amount_cents"),
    )
