"""Lifecycle: potential / new / active / at risk / churned / won back.

Checked in this order, the first that applies wins:
  potential  registered, never bought (up to T);
  churned    no visit for churn_days days, or P(alive) below churn_p_alive when the CLV model is fitted;
  new        first purchase within new_days days (tenure < new_days);
  won back   came back within the last won_back_days days after a gap of churn_days or more;
  at risk    at least at_risk_min_signals churn-warning signals;
  active     everyone else who bought.
"""

from __future__ import annotations

import numpy as np

from shopcrm.engine.churn import ChurnResult
from shopcrm.engine.metrics import NO_DAY, Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.reasons import DaysAgo, ReasonBuilder, percent
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("potential", "new", "active", "at_risk", "churned", "won_back")


def classify_lifecycle(
    m: Metrics, p: RuleParams, churn: ChurnResult, alive: np.ndarray | None = None
) -> Classified:
    """`alive`: P(alive) per member (NaN where unknown), or None when no model was fitted."""
    has = m.has_purchase
    p_alive = np.full(m.size, np.nan) if alive is None else np.asarray(alive, dtype=float)
    unlikely = has & np.isfinite(p_alive) & (p_alive < p.churn_p_alive)
    gone = has & (m.recency >= p.churn_days)
    churned = gone | unlikely
    new = has & ~churned & (m.tenure < p.new_days)
    won_back = has & ~churned & ~new & (m.as_of - m.return_day < p.won_back_days)
    at_risk = has & ~churned & ~new & ~won_back & (churn.signals >= max(1, p.at_risk_min_signals))
    active = has & ~churned & ~new & ~won_back & ~at_risk
    codes = np.select([~has, new, active, at_risk, churned, won_back], [0, 1, 2, 3, 4, 5], default=2)

    ago = DaysAgo(m.recency)
    reasons = ReasonBuilder("lifecycle", m.size)
    reasons.add(~has, QT_TRANSLATE_NOOP("reasons", "registered, has not bought anything yet"))
    reasons.add(
        gone, QT_TRANSLATE_NOOP("reasons", "no visit for {days} days (churned from {limit} days)"),
        days=m.recency, limit=p.churn_days,
    )
    reasons.add(
        unlikely & ~gone,
        QT_TRANSLATE_NOOP("reasons", "last visit {ago}; chance of still being a customer {share} % by the Pareto/NBD model (churned below {limit} %)"),
        ago=ago, share=percent(np.nan_to_num(p_alive)), limit=int(percent(p.churn_p_alive)),
    )
    reasons.add(new, QT_TRANSLATE_NOOP("reasons", "first purchase {ago}"), ago=DaysAgo(m.tenure))
    reasons.add(
        won_back, QT_TRANSLATE_NOOP("reasons", "came back {ago} after {gap} days away"),
        ago=DaysAgo(np.where(m.return_day != NO_DAY, m.as_of - m.return_day, -1)), gap=m.return_gap,
    )
    reasons.add(at_risk, QT_TRANSLATE_NOOP("reasons", "churn warning: {why}"), why=churn.warning.reasons)
    reasons.add(active, QT_TRANSLATE_NOOP("reasons", "last visit {ago}"), ago=ago)
    return Classified("lifecycle", CLASSES, codes, reasons.done())
