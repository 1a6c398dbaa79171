"""Import batches, their rejected rows, and remembered header mappings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # sales | members
    file_name: Mapped[str] = mapped_column(String(260))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    members_created: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="done")  # done | undone
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    mapping: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # Purchases written (a receipt of several lines is one purchase).
    purchases: Mapped[int] = mapped_column(Integer, default=0)
    # Header cells per sheet, so the rejected rows can be written back under their own headers.
    headers: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)


class RejectedRow(Base):
    __tablename__ = "rejected_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    sheet: Mapped[str | None] = mapped_column(String(100))
    row_number: Mapped[int] = mapped_column(Integer)
    values: Mapped[list[object]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)


class HeaderMapping(Base):
    """The owner's corrected column mapping, remembered per header layout."""

    __tablename__ = "header_mappings"

    layout_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ImportMemberChange(Base):
    """Fields a member-list import filled in on an existing member, so undo can put them back."""

    __tablename__ = "import_member_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    before: Mapped[dict[str, object]] = mapped_column(JSON)
    after: Mapped[dict[str, object]] = mapped_column(JSON)


class ImportedLine(Base):
    """One sales-file line an import wrote, by its fingerprint, so a later file is recognised per line.

    A receipt split over two export files keeps the second file's extra lines (they are added to
    the purchase the first file made), and undoing the second import takes exactly those back:
    `amount_cents`/`discount_cents` are what the line added to its purchase's totals and
    `purchase_line_id` the line row it wrote into a purchase of an earlier batch."""

    __tablename__ = "imported_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    purchase_id: Mapped[int] = mapped_column(ForeignKey("purchases.id", ondelete="CASCADE"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    purchase_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_lines.id", ondelete="SET NULL"))
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)
