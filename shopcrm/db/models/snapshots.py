"""Classification snapshots: every member's metrics, classes and reasons as of a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base

# Snapshot columns the Members list sorts by with an index of their own (snapshot, column, member).
SNAPSHOT_SORT_COLUMNS = ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "last_purchase", "visits",
                         "spend_cents")


class ClassificationSnapshot(Base):
    __tablename__ = "classification_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date, index=True)
    window_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    members: Mapped[int] = mapped_column(Integer, default=0)
    # The thresholds used, the CLV fit (or the reason it fell back), timings.
    params: Mapped[dict[str, object]] = mapped_column(JSON)
    clv: Mapped[dict[str, object] | None] = mapped_column(JSON)
    # How the members' reason_data read back into words: every template (English source text),
    # which stored value fills each field, the names lists (shopcrm.engine.reasons.encode).
    reason_layout: Mapped[dict[str, object] | None] = mapped_column(JSON)
    # False while a run writes its member rows in short transactions (so counter sales never wait
    # for the whole write): until then no screen, list or export sees it, and the previous
    # snapshot stays the current one; a cancelled or crashed run leaves it incomplete.
    complete: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @classmethod
    def shown(cls) -> ColumnElement[bool]:
        """The snapshots any screen, list or export may show: the complete ones."""
        return cls.complete.is_(True)

    @classmethod
    def shown_first(cls) -> tuple[Any, ...]:
        """The order snapshots are shown in, and so which one "the latest" is: the latest 'as of'
        date, then the newest run of that date (one rule for every screen, list and export)."""
        return (cls.as_of.desc(), cls.created_at.desc(), cls.id.desc())


class SnapshotMember(Base):
    """One member's row in a snapshot.  Money in cents; model outputs (probabilities) as floats."""

    __tablename__ = "snapshot_members"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("classification_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    # metrics
    first_purchase: Mapped[dt.date | None] = mapped_column(Date)
    last_purchase: Mapped[dt.date | None] = mapped_column(Date)
    recency_days: Mapped[int | None] = mapped_column(Integer)
    visits: Mapped[int] = mapped_column(Integer, default=0)
    spend_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_spend_cents: Mapped[int] = mapped_column(Integer, default=0)
    avg_ticket_cents: Mapped[int] = mapped_column(Integer, default=0)
    tenure_days: Mapped[int | None] = mapped_column(Integer)
    median_interval_days: Mapped[float | None] = mapped_column(Float)
    visits_last90: Mapped[int] = mapped_column(Integer, default=0)
    visits_prev90: Mapped[int] = mapped_column(Integer, default=0)
    spend_last90_cents: Mapped[int] = mapped_column(Integer, default=0)
    spend_prev90_cents: Mapped[int] = mapped_column(Integer, default=0)
    new_product_share: Mapped[float | None] = mapped_column(Float)
    # classes
    frequency: Mapped[str] = mapped_column(String(10))
    spend_class: Mapped[str] = mapped_column(String(10))
    r_score: Mapped[int | None] = mapped_column(SmallInteger)
    f_score: Mapped[int | None] = mapped_column(SmallInteger)
    m_score: Mapped[int | None] = mapped_column(SmallInteger)
    segment: Mapped[str] = mapped_column(String(24))
    pyramid: Mapped[str] = mapped_column(String(10))
    abcd: Mapped[str] = mapped_column(String(1))
    lifecycle: Mapped[str] = mapped_column(String(10))
    churn_level: Mapped[str] = mapped_column(String(10))
    preference: Mapped[str] = mapped_column(String(12))
    favourite_category: Mapped[str | None] = mapped_column(String(50))
    # {"bread": 0.52, "drink": 0.31, ...}: share of product spend in the window per category
    category_shares: Mapped[dict[str, float] | None] = mapped_column(JSON)
    age_band: Mapped[str | None] = mapped_column(String(8))
    level: Mapped[int] = mapped_column(SmallInteger, default=0)
    # lifetime value
    p_alive: Mapped[float | None] = mapped_column(Float)
    expected_visits_90: Mapped[float | None] = mapped_column(Float)
    expected_visits_365: Mapped[float | None] = mapped_column(Float)
    predicted_value_1y_cents: Mapped[int | None] = mapped_column(Integer)
    # The reasons, language-neutral: the template of each classification and the numbers that fill
    # them, as little-endian integers laid out by the snapshot's reason_layout (about 150 bytes).
    reason_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Reasons given as ready text instead ({"segment": "...", ...}; rows written by hand, tests).
    reasons: Mapped[dict[str, str] | None] = mapped_column(JSON)
    recommendations: Mapped[list[int] | None] = mapped_column(JSON)

    # Campaign lists filtered by segment or tier start from these (a few hundred gold members
    # instead of a whole snapshot), and the Members list sorted by a class or figure walks them in
    # order, by member id within a value (services.members.window, migration 0007_speed).
    __table_args__ = (
        Index("ix_snapshot_members_member", "member_id"),
        *(Index(f"ix_snapshot_members_{column}", "snapshot_id", column, "member_id")
          for column in SNAPSHOT_SORT_COLUMNS),
    )
