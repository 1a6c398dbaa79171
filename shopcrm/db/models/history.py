"""Every member's live purchase history packed into one row, so a full classification reads one row
per member instead of every purchase and line (shopcrm.services.classification.history keeps it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from shopcrm.db.base import Base


class MemberHistory(Base):
    """One member's live purchases and their product lines, as little-endian int64 triples.

    purchases: (id, day number (days since 1970-01-01), total in cents) per purchase;
    lines: (purchase id, product id, amount in cents) per line with a product.
    Derived data: rebuilt from purchases and purchase_lines whenever in doubt.
    """

    __tablename__ = "member_histories"

    member_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    purchases: Mapped[bytes] = mapped_column(LargeBinary)
    lines: Mapped[bytes] = mapped_column(LargeBinary)


class MemberHistoryMarks(Base):
    """What the packed histories have seen (one row, id 1; none: never built).

    A purchase with a higher id, a void of a purchase in a member's row (looked for only when the count
    of voids has changed), or another import or undo means that the members concerned (or everyone)
    are read from the sales tables instead.
    """

    __tablename__ = "member_history_marks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer)
    purchase_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    import_batch: Mapped[int] = mapped_column(Integer)
    undone_batches: Mapped[int] = mapped_column(Integer)
    voided: Mapped[int] = mapped_column(Integer)  # member purchases voided when the marks were taken
