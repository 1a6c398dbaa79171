"""Members, their tags and consent history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, SmallInteger, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shopcrm.db.base import Base

# Columns the Members list sorts by with an index of their own (status, column, id).
MEMBER_SORT_COLUMNS = ("card_no", "name", "phone", "level", "points_balance", "source", "area", "registered_on")


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str | None] = mapped_column(String(100))
    # E.164 form (+8613812345678); NULL once erased.  Unique among members that have one.
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Last four digits of the national number: the clerk's counter search.
    phone_last4: Mapped[str | None] = mapped_column(String(4))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    birth_month: Mapped[int | None] = mapped_column(SmallInteger)
    birth_day: Mapped[int | None] = mapped_column(SmallInteger)
    # "lunar": birth_month/birth_day are a 农历 month and day (birth_leap_month: a 闰月), the solar
    # date of each year is computed (services.member_birthdays); "solar" otherwise.
    birth_calendar: Mapped[str] = mapped_column(String(5), default="solar", server_default="solar")
    birth_leap_month: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    registered_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(20))
    area: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Cached sum of the points ledger, updated in the same transaction as every ledger row.
    points_balance: Mapped[int] = mapped_column(Integer, default=0)
    # Index into the owner's level list (0 = lowest); names live in settings.
    level: Mapped[int] = mapped_column(SmallInteger, default=0)
    # The level set by hand or by a member list: the level never goes below it; spend can raise it.
    level_floor: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    # Cached sums of the stored-value ledger: money paid in, and bonus money (spent last).
    stored_value_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stored_bonus_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The import batch that created this member (undo removes members it alone created).
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )

    tags: Mapped[list[MemberTag]] = relationship(
        back_populates="member", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (
        Index("ix_members_birth_month_day", "birth_month", "birth_day"),
        # Counter search: last 4 digits among active members.  With status in the index the planner
        # picks it even before ANALYZE has run (a bare status index would otherwise win).
        Index("ix_members_phone_last4_status", "phone_last4", "status"),
        # The Members list's windows walk these in order (services.members.window): a million
        # members open, sort and scroll without the database sorting them (migration 0007_speed).
        *(Index(f"ix_members_sort_{column}", "status", column, "id") for column in MEMBER_SORT_COLUMNS),
        # The birthday order, one month at a time (migration 0008_members_sort).
        Index("ix_members_sort_birthday", "status", "birth_month", "birth_day", "id"),
    )


class MemberTag(Base):
    __tablename__ = "member_tags"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)

    member: Mapped[Member] = relationship(back_populates="tags")


class ConsentEvent(Base):
    """Every change of marketing consent, with its date, kept for privacy questions."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    consent: Mapped[bool] = mapped_column(Boolean)
    origin: Mapped[str] = mapped_column(String(20))  # counter, import, edit, erase
