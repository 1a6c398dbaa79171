"""Member level by cumulative spend, against the owner's thresholds (lowest level first, from 0).

Levels only go up automatically: with `floor` (each member's stored level) a member keeps a higher
level given earlier (by hand, or reached before a purchase was voided).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shopcrm.engine.reasons import Label, Money, ReasonBuilder
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP


def level_by_spend(total_spend: np.ndarray, thresholds: Sequence[int]) -> np.ndarray:
    """Index of the highest level whose threshold the cumulative spend reaches."""
    limits = np.asarray(thresholds, dtype=np.int64)
    return np.maximum(np.searchsorted(limits, total_spend, side="right") - 1, 0)


def classify_level(
    total_spend: np.ndarray,
    names: Sequence[str],
    thresholds: Sequence[int],
    floor: np.ndarray | None = None,
    symbol: str = "¥",
) -> Classified:
    earned = level_by_spend(total_spend, thresholds)
    top = len(names) - 1
    kept = np.zeros(earned.shape, dtype=bool) if floor is None else np.minimum(floor, top) > earned
    codes = earned if floor is None else np.maximum(earned, np.clip(floor, 0, top))
    spent = Money(total_spend)
    limits = np.asarray(thresholds, dtype=np.int64)
    reasons = ReasonBuilder("level", earned.size, symbol)
    nxt = np.minimum(codes + 1, top)
    reasons.add(
        ~kept & (codes < top), QT_TRANSLATE_NOOP("reasons", "cumulative spend {spend}; {next} from {limit}"),
        # the owner's level names, or ours translated
        spend=spent, next=Label(nxt, tuple(names), "levels"), limit=Money(limits[nxt]),
    )
    reasons.add(
        ~kept & (codes == top), QT_TRANSLATE_NOOP("reasons", "cumulative spend {spend} (top level from {limit})"),
        spend=spent, limit=Money(limits[codes]),
    )
    reasons.add(kept, QT_TRANSLATE_NOOP("reasons", "level kept from earlier (cumulative spend {spend})"), spend=spent)
    return Classified("level", tuple(names), codes, reasons.done())
