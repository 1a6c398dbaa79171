"""Churn warning: none / low / medium / high = how many warning signals a member shows.

Signals (SPEC §3): the last visit is more than churn_interval_factor times the member's own median
interval ago (and more than churn_min_recency_days); visits in the last compare_days days are down by
churn_drop_share or more on the compare_days before; spend likewise; a rating of churn_low_rating or
lower in the last compare_days days.  One signal is low, two medium, three or four high.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.result import Classified
from shopcrm.engine.text import Money, percent, put
from shopcrm.i18n import translate

CLASSES = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class ChurnResult:
    signals: np.ndarray  # number of signals per member, 0..4
    warning: Classified


def _dropped(last: np.ndarray, prev: np.ndarray, share: float) -> np.ndarray:
    return (prev > 0) & (last <= prev * (1 - share) + 1e-9)


def _drop_percent(last: np.ndarray, prev: np.ndarray) -> np.ndarray:
    safe = np.where(prev > 0, prev, 1)
    return percent(np.where(prev > 0, (prev - last) / safe, 0.0))


def classify_churn(m: Metrics, p: RuleParams, low_rating: np.ndarray, symbol: str = "¥") -> ChurnResult:
    """`low_rating[i]`: member i gave a rating <= churn_low_rating in the last compare_days days."""
    interval = m.median_interval
    overdue = (
        m.has_purchase
        & np.isfinite(interval)
        & (m.recency > p.churn_interval_factor * np.nan_to_num(interval, nan=np.inf))
        & (m.recency > p.churn_min_recency_days)
    )
    fewer_visits = _dropped(m.visits_last, m.visits_prev, p.churn_drop_share)
    less_spend = _dropped(m.spend_last, m.spend_prev, p.churn_drop_share)
    rated_low = np.asarray(low_rating, dtype=bool)
    signals = overdue.astype(np.int64) + fewer_visits + less_spend + rated_low
    codes = np.minimum(signals, 3)

    n = m.size
    parts = []
    part = np.full(n, "", dtype=object)
    put(
        part, overdue, translate("reasons", "last visit {days} days ago; usually every {interval:g} days"),
        days=m.recency, interval=np.nan_to_num(interval),
    )
    parts.append(part)
    part = np.full(n, "", dtype=object)
    put(
        part, fewer_visits,
        translate("reasons", "visits down {share} % ({last} vs {prev} in {days} days)"),
        share=_drop_percent(m.visits_last, m.visits_prev), last=m.visits_last, prev=m.visits_prev, days=p.compare_days,
    )
    parts.append(part)
    part = np.full(n, "", dtype=object)
    put(
        part, less_spend,
        translate("reasons", "spend down {share} % ({last} vs {prev} in {days} days)"),
        share=_drop_percent(m.spend_last, m.spend_prev), last=Money(m.spend_last, symbol),
        prev=Money(m.spend_prev, symbol), days=p.compare_days,
    )
    parts.append(part)
    part = np.full(n, "", dtype=object)
    put(
        part, rated_low, translate("reasons", "rated {limit} or lower in the last {days} days"),
        limit=p.churn_low_rating, days=p.compare_days,
    )
    parts.append(part)
    reasons = np.empty(n, dtype=object)
    reasons[:] = ["; ".join(filter(None, row)) for row in zip(*(x.tolist() for x in parts), strict=True)]
    put(reasons, signals == 0, translate("reasons", "no warning signs"))
    return ChurnResult(signals, Classified("churn", CLASSES, codes, reasons))
