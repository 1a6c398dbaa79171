"""Customer pyramid: platinum / gold / iron / lead by spend in W (top 1 %, next 4 %, next 15 %, rest)."""

from __future__ import annotations

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.ranking import band, top_share_thresholds
from shopcrm.engine.reasons import Money, ReasonBuilder, percent
from shopcrm.engine.result import Classified
from shopcrm.engine.spend import cut_offs, no_spend
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("platinum", "gold", "iron", "lead")


def _shares(p: RuleParams) -> np.ndarray:
    return np.cumsum([p.pyramid_platinum_share, p.pyramid_gold_share, p.pyramid_iron_share])


def pyramid_thresholds(m: Metrics, p: RuleParams) -> np.ndarray:
    """Spend needed for platinum, gold and iron among these members (stored with a snapshot)."""
    return top_share_thresholds(m.spend, list(_shares(p)))


def classify_pyramid(m: Metrics, p: RuleParams, symbol: str = "¥", thresholds: np.ndarray | None = None) -> Classified:
    """`thresholds`: a population's pyramid_thresholds (a snapshot's), else these members' own."""
    shares = _shares(p)
    thresholds = pyramid_thresholds(m, p) if thresholds is None else np.asarray(thresholds, dtype=float)
    codes = band(m.spend, thresholds)
    spent = Money(m.spend)
    limits = cut_offs(thresholds)
    tops = percent(shares)
    reasons = ReasonBuilder("pyramid", m.size, symbol)
    template = QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days: top {share} % (from {limit})")
    for code in range(3):
        reasons.add(codes == code, template, spend=spent, window=p.window_days, share=int(tops[code]), limit=limits[code])
    reasons.add(
        (codes == 3) & (m.spend > 0),
        QT_TRANSLATE_NOOP("reasons", "{spend} in {window} days (iron from {limit})"),
        spend=spent, window=p.window_days, limit=limits[2],
    )
    no_spend(reasons, m, p)
    return Classified("pyramid", CLASSES, codes, reasons.done())
