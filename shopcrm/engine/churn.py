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
from shopcrm.engine.reasons import Money, ReasonBuilder, Tenths, percent
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

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

    reasons = ReasonBuilder("churn", m.size, symbol)
    # one part per signal; the reason of a member names each signal it shows (kind = bit mask)
    signal_parts = [
        reasons.part(
            QT_TRANSLATE_NOOP("reasons", "last visit {days} days ago; usually every {interval:g} days"),
            days=m.recency, interval=Tenths(interval),
        ),
        reasons.part(
            QT_TRANSLATE_NOOP("reasons", "visits down {share} % ({last} vs {prev} in {days} days)"),
            share=_drop_percent(m.visits_last, m.visits_prev), last=m.visits_last, prev=m.visits_prev,
            days=p.compare_days,
        ),
        reasons.part(
            QT_TRANSLATE_NOOP("reasons", "spend down {share} % ({last} vs {prev} in {days} days)"),
            share=_drop_percent(m.spend_last, m.spend_prev), last=Money(m.spend_last), prev=Money(m.spend_prev),
            days=p.compare_days,
        ),
        reasons.part(
            QT_TRANSLATE_NOOP("reasons", "rated {limit} or lower in the last {days} days"),
            limit=p.churn_low_rating, days=p.compare_days,
        ),
    ]
    reasons.kind(reasons.part(QT_TRANSLATE_NOOP("reasons", "no warning signs")))
    for mask in range(1, 1 << len(signal_parts)):
        reasons.kind(*(part for bit, part in enumerate(signal_parts) if mask >> bit & 1))
    reasons.assign(overdue * 1 + fewer_visits * 2 + less_spend * 4 + rated_low * 8)
    return ChurnResult(signals, Classified("churn", CLASSES, codes, reasons.done()))
