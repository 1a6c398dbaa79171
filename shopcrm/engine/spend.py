"""Spend class: high / medium / low by spend in W, ranked among members who spent something."""

from __future__ import annotations

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.ranking import band, top_share_thresholds
from shopcrm.engine.reasons import Money, ReasonBuilder, percent
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("high", "medium", "low")


def cut_offs(thresholds: np.ndarray) -> list[Money]:
    """Cut-off amounts for reasons (a cut-off nobody reaches is written as 0)."""
    return [Money(int(t) if np.isfinite(t) else 0) for t in thresholds]


def spend_thresholds(m: Metrics, p: RuleParams) -> np.ndarray:
    """Spend needed for high and for medium among these members (stored with a snapshot)."""
    return top_share_thresholds(m.spend, [p.spend_high_share, p.spend_high_share + p.spend_medium_share])


def classify_spend(m: Metrics, p: RuleParams, symbol: str = "¥", thresholds: np.ndarray | None = None) -> Classified:
    """`thresholds`: a population's spend_thresholds (a snapshot's), else these members' own."""
    high_share = p.spend_high_share
    thresholds = spend_thresholds(m, p) if thresholds is None else np.asarray(thresholds, dtype=float)
    codes = band(m.spend, thresholds)
    spent = Money(m.spend)
    limits = cut_offs(thresholds)
    reasons = ReasonBuilder("spend", m.size, symbol)
    reasons.add(
        codes == 0,
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days: top {share} % (from {limit})"),
        spend=spent, window=p.window_days, share=int(percent(high_share)), limit=limits[0],
    )
    reasons.add(
        codes == 1,
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days (medium from {limit}, high from {high})"),
        spend=spent, window=p.window_days, limit=limits[1], high=limits[0],
    )
    reasons.add(
        (codes == 2) & (m.spend > 0),
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days (medium from {limit})"),
        spend=spent, window=p.window_days, limit=limits[1],
    )
    no_spend(reasons, m, p)
    return Classified("spend", CLASSES, codes, reasons.done())


def no_spend(reasons: ReasonBuilder, m: Metrics, p: RuleParams) -> None:
    """The reason of every spend-ranked class for members who spent nothing in W."""
    reasons.add(m.spend <= 0, QT_TRANSLATE_NOOP("reasons", "no spend in {window} days"), window=p.window_days)
