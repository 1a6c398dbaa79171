"""Campaigns (saved member lists), settings and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    filters: Mapped[dict[str, object]] = mapped_column(JSON)
    # The classification the list was built from; its date is kept even if the snapshot is deleted,
    # so the response comparison can still name the classes it used.
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("classification_snapshots.id", ondelete="SET NULL"), index=True
    )
    snapshot_as_of: Mapped[dt.date | None] = mapped_column(Date)
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    columns: Mapped[list[str] | None] = mapped_column(JSON)
    consent_only: Mapped[bool] = mapped_column(Boolean, default=True)
    printed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)


class CampaignMember(Base):
    """A member in a campaign on the day it was saved."""

    __tablename__ = "campaign_members"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    contacted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The member's RFM segment in the campaign's snapshot on the day: the response comparison group
    # is drawn from members of the same segments.
    segment: Mapped[str | None] = mapped_column(String(24))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


class AuditEvent(Base):
    """Exports, prints, erasures, restores: who saw or removed personal data, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[dict[str, object] | None] = mapped_column(JSON)
