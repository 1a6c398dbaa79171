"""Product preference (classic lover / new-product trier / mixed) and favourite category.

Over the window W: a trier spends at least trier_spend_share on new products or tried at least
trier_distinct_new distinct new products; a classic lover spends at most classic_max_new_share on
them over at least classic_min_visits visits; everyone else who bought products is mixed.  Members
with no purchase in W, or whose purchases carry no product lines (amount-only sales), get "none".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.products import Catalogue, ProductMetrics
from shopcrm.engine.reasons import ReasonBuilder, Reasons, Text, percent
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("trier", "classic", "mixed", "none")


@dataclass(frozen=True)
class PreferenceResult:
    preference: Classified
    favourite: np.ndarray  # category name or None per member
    favourite_reasons: Reasons


def classify_preference(m: Metrics, p: RuleParams, pm: ProductMetrics, catalogue: Catalogue) -> PreferenceResult:
    known = (m.visits > 0) & np.isfinite(pm.new_share)
    share = np.nan_to_num(pm.new_share)
    trier = known & ((share >= p.trier_spend_share - 1e-12) | (pm.distinct_new >= p.trier_distinct_new))
    classic = known & ~trier & (share <= p.classic_max_new_share + 1e-12) & (m.visits >= p.classic_min_visits)
    mixed = known & ~trier & ~classic
    codes = np.select([trier, classic, mixed], [0, 1, 2], default=3)
    shown = percent(share)
    reasons = ReasonBuilder("preference", m.size)
    reasons.add(
        trier,
        QT_TRANSLATE_NOOP("reasons", "{share} % of spend on new products, {count} tried (trier from {limit} % or {distinct})"),
        share=shown, count=pm.distinct_new, limit=int(percent(p.trier_spend_share)), distinct=p.trier_distinct_new,
    )
    reasons.add(
        classic,
        QT_TRANSLATE_NOOP("reasons", "{share} % of spend on new products over {visits} visits (classic up to {limit} %)"),
        share=shown, visits=m.visits, limit=int(percent(p.classic_max_new_share)),
    )
    reasons.add(
        mixed,
        QT_TRANSLATE_NOOP("reasons", "{share} % of spend on new products, {count} tried, {visits} visits"),
        share=shown, count=pm.distinct_new, visits=m.visits,
    )
    reasons.add(
        (m.visits > 0) & ~known,
        QT_TRANSLATE_NOOP("reasons", "no product details for the purchases in {window} days"), window=p.window_days,
    )
    reasons.add(m.visits == 0, QT_TRANSLATE_NOOP("reasons", "no purchase in {window} days"), window=p.window_days)

    names = np.asarray((*catalogue.category_names, None), dtype=object)
    favourite = names[pm.favourite]  # -1 picks the trailing None
    fav_reasons = ReasonBuilder("favourite_category", m.size)
    has_fav = pm.favourite >= 0
    top = pm.category_spend[np.arange(m.size), np.maximum(pm.favourite, 0)] if pm.category_spend.shape[1] else 0
    total = pm.category_spend.sum(axis=1)
    fav_share = np.where(total > 0, top / np.where(total > 0, total, 1), 0.0)
    fav_reasons.add(
        has_fav, QT_TRANSLATE_NOOP("reasons", "{category}: {share} % of product spend in {window} days"),
        category=Text(pm.favourite, catalogue.category_names), share=percent(fav_share), window=p.window_days,
    )
    fav_reasons.add(
        ~has_fav, QT_TRANSLATE_NOOP("reasons", "no product purchases in {window} days"), window=p.window_days,
    )
    return PreferenceResult(Classified("preference", CLASSES, codes, reasons.done()), favourite, fav_reasons.done())
