"""The shared label tables (shopcrm.labels), for the screens."""

from __future__ import annotations

from shopcrm.labels import (
    ABCD_LABELS,
    BACKUP_REASON_LABELS,
    CHANNEL_LABELS,
    CHURN_LABELS,
    CLASS_LABELS,
    CLASSIFICATION_TITLES,
    GENDER_LABELS,
    LEVEL3_LABELS,
    LIFECYCLE_LABELS,
    ORIGIN_LABELS,
    PAYMENT_LABELS,
    POINT_KIND_LABELS,
    PREFERENCE_LABELS,
    PYRAMID_LABELS,
    SEGMENT_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    class_label,
    classification_title,
    label,
)

__all__ = [
    "SOURCE_LABELS",
    "GENDER_LABELS",
    "PAYMENT_LABELS",
    "CHANNEL_LABELS",
    "STATUS_LABELS",
    "POINT_KIND_LABELS",
    "ORIGIN_LABELS",
    "SEGMENT_LABELS",
    "PYRAMID_LABELS",
    "LIFECYCLE_LABELS",
    "CHURN_LABELS",
    "ABCD_LABELS",
    "LEVEL3_LABELS",
    "PREFERENCE_LABELS",
    "CLASS_LABELS",
    "CLASSIFICATION_TITLES",
    "BACKUP_REASON_LABELS",
    "label",
    "class_label",
    "classification_title",
]
