"""Spend class: high / medium / low by spend in W, ranked among members who spent something."""

from __future__ import annotations

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.ranking import band, top_share_thresholds
from shopcrm.engine.result import Classified, empty_reasons
from shopcrm.engine.text import Money, cut_offs, percent, put
from shopcrm.i18n import translate

CLASSES = ("high", "medium", "low")


def classify_spend(m: Metrics, p: RuleParams, symbol: str = "¥") -> Classified:
    high_share = p.spend_high_share
    thresholds = top_share_thresholds(m.spend, [high_share, high_share + p.spend_medium_share])
    codes = band(m.spend, thresholds)
    spent = Money(m.spend, symbol)
    limits = cut_offs(thresholds, symbol)
    reasons = empty_reasons(m.size)
    put(
        reasons, codes == 0,
        translate("reasons", "{spend} in {window} days: top {share} % (from {limit})"),
        spend=spent, window=p.window_days, share=int(percent(np.array(high_share))), limit=limits[0],
    )
    put(
        reasons, codes == 1,
        translate("reasons", "{spend} in {window} days (medium from {limit}, high from {high})"),
        spend=spent, window=p.window_days, limit=limits[1], high=limits[0],
    )
    put(
        reasons, (codes == 2) & (m.spend > 0),
        translate("reasons", "{spend} in {window} days (medium from {limit})"),
        spend=spent, window=p.window_days, limit=limits[1],
    )
    no_spend(reasons, m, p)
    return Classified("spend", CLASSES, codes, reasons)


def no_spend(reasons: np.ndarray, m: Metrics, p: RuleParams) -> None:
    """The reason of every spend-ranked class for members who spent nothing in W."""
    put(reasons, m.spend <= 0, translate("reasons", "no spend in {window} days"), window=p.window_days)
