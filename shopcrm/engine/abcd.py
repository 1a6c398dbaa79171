"""Value class ABCD: A makes the first 70 % of spend in W, B the next 20 %, C the rest, D no spend."""

from __future__ import annotations

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.ranking import band, cumulative_value_thresholds
from shopcrm.engine.reasons import Money, ReasonBuilder, percent
from shopcrm.engine.result import Classified
from shopcrm.engine.spend import cut_offs, no_spend
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("A", "B", "C", "D")


def abcd_thresholds(m: Metrics, p: RuleParams) -> np.ndarray:
    """Spend needed for A and for B among these members (stored with a snapshot)."""
    return cumulative_value_thresholds(m.spend, [p.abcd_a_share, p.abcd_a_share + p.abcd_b_share])


def classify_abcd(m: Metrics, p: RuleParams, symbol: str = "¥", thresholds: np.ndarray | None = None) -> Classified:
    """`thresholds`: a population's abcd_thresholds (a snapshot's), else these members' own."""
    a_share, b_share = p.abcd_a_share, p.abcd_a_share + p.abcd_b_share
    thresholds = abcd_thresholds(m, p) if thresholds is None else np.asarray(thresholds, dtype=float)
    # a C member is any member with spend: the third cut-off is the smallest positive spend
    codes = band(m.spend, np.r_[thresholds, 1.0])
    spent = Money(m.spend)
    limits = cut_offs(thresholds)
    reasons = ReasonBuilder("abcd", m.size, symbol)
    reasons.add(
        codes == 0,
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days: within the first {share} % of spend (from {limit})"),
        spend=spent, window=p.window_days, share=int(percent(a_share)), limit=limits[0],
    )
    reasons.add(
        codes == 1,
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days: within {low}-{high} % of spend (from {limit})"),
        spend=spent, window=p.window_days, low=int(percent(a_share)), high=int(percent(b_share)), limit=limits[1],
    )
    reasons.add(
        codes == 2,
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days: after the first {share} % of spend"),
        spend=spent, window=p.window_days, share=int(percent(b_share)),
    )
    no_spend(reasons, m, p)
    return Classified("abcd", CLASSES, codes, reasons.done())
