"""What the counter and the member detail show about a member's classes, from the classification
service (shopcrm.services.classification.queries.member_classes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from shopcrm.codes import CLASS_COLUMNS
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.shop.database import Database


@dataclass(frozen=True)
class Insight:
    """One member as their newest classification saw them; classes keyed by snapshot column
    (segment, pyramid, churn_level, spend_class ...), reasons keyed as the engine names them."""

    as_of: dt.date
    classes: dict[str, Any]
    reasons: dict[str, str]
    metrics: dict[str, Any]
    recommendations: list[tuple[int, str]]


def member_insight(db: Database, member_id: int) -> Insight | None:
    """None before the member was first classified."""
    found = member_classes(db, member_id)
    if found is None:
        return None
    classes = {CLASS_COLUMNS.get(name, name): code for name, code in found["classes"].items()}
    classes["favourite_category"] = found.get("favourite_category")
    metrics: dict[str, Any] = {**found.get("metrics", {}), **found.get("lifetime_value", {})}
    metrics["level"] = found["classes"].get("level")
    rfm = found.get("rfm") or {}
    metrics.update({"r_score": rfm.get("r"), "f_score": rfm.get("f"), "m_score": rfm.get("m")})
    return Insight(
        as_of=dt.date.fromisoformat(found["snapshot"]["as_of"]),
        classes=classes,
        reasons=dict(found.get("reasons") or {}),
        metrics=metrics,
        recommendations=[(int(r["id"]), str(r["name"])) for r in found.get("recommendations", [])],
    )
