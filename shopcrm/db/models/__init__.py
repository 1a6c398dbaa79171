"""All tables.  Import from here so every model is registered on Base.metadata."""

from shopcrm.db.models.campaigns import AuditEvent, Campaign, CampaignMember, Setting
from shopcrm.db.models.history import MemberHistory, MemberHistoryMarks
from shopcrm.db.models.imports import (
    HeaderMapping,
    ImportBatch,
    ImportedLine,
    ImportMemberChange,
    RejectedRow,
)
from shopcrm.db.models.loyalty import (
    Coupon,
    CouponDefinition,
    Feedback,
    PointsDraw,
    PointsEntry,
    StoredValueEntry,
)
from shopcrm.db.models.members import ConsentEvent, Member, MemberTag
from shopcrm.db.models.sales import Category, Product, ProductPriceChange, Purchase, PurchaseLine
from shopcrm.db.models.snapshots import ClassificationSnapshot, SnapshotMember

__all__ = [
    "AuditEvent",
    "Campaign",
    "CampaignMember",
    "Category",
    "ClassificationSnapshot",
    "ConsentEvent",
    "Coupon",
    "CouponDefinition",
    "Feedback",
    "HeaderMapping",
    "ImportBatch",
    "ImportedLine",
    "ImportMemberChange",
    "Member",
    "MemberHistory",
    "MemberHistoryMarks",
    "MemberTag",
    "PointsDraw",
    "PointsEntry",
    "Product",
    "ProductPriceChange",
    "Purchase",
    "PurchaseLine",
    "RejectedRow",
    "Setting",
    "SnapshotMember",
    "StoredValueEntry",
]
