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
from shopcrm.engine.result import Classified, empty_reasons
from shopcrm.engine.text import percent, put
from shopcrm.i18n import translate

CLASSES = ("trier", "classic", "mixed", "none")


@dataclass(frozen=True)
class PreferenceResult:
    preference: Classified
    favourite: np.ndarray  # category name or None per member
    favourite_reasons: np.ndarray


def classify_preference(m: Metrics, p: RuleParams, pm: ProductMetrics, catalogue: Catalogue) -> PreferenceResult:
    known = (m.visits > 0) & np.isfinite(pm.new_share)
    share = np.nan_to_num(pm.new_share)
    trier = known & ((share >= p.trier_spend_share - 1e-12) | (pm.distinct_new >= p.trier_distinct_new))
    classic = known & ~trier & (share <= p.classic_max_new_share + 1e-12) & (m.visits >= p.classic_min_visits)
    mixed = known & ~trier & ~classic
    codes = np.select([trier, classic, mixed], [0, 1, 2], default=3)
    shown = percent(share)
    reasons = empty_reasons(m.size)
    put(
        reasons, trier,
        translate("reasons", "{share} % of spend on new products, {count} tried (trier from {limit} % or {distinct})"),
        share=shown, count=pm.distinct_new, limit=int(percent(np.array(p.trier_spend_share))),
        distinct=p.trier_distinct_new,
    )
    put(
        reasons, classic,
        translate("reasons", "{share} % of spend on new products over {visits} visits (classic up to {limit} %)"),
        share=shown, visits=m.visits, limit=int(percent(np.array(p.classic_max_new_share))),
    )
    put(
        reasons, mixed,
        translate("reasons", "{share} % of spend on new products, {count} tried, {visits} visits"),
        share=shown, count=pm.distinct_new, visits=m.visits,
    )
    put(
        reasons, (m.visits > 0) & ~known,
        translate("reasons", "no product details for the purchases in {window} days"), window=p.window_days,
    )
    put(reasons, m.visits == 0, translate("reasons", "no purchase in {window} days"), window=p.window_days)

    names = np.asarray((*catalogue.category_names, None), dtype=object)
    favourite = names[pm.favourite]  # -1 picks the trailing None
    fav_reasons = empty_reasons(m.size)
    has_fav = pm.favourite >= 0
    if has_fav.any():
        top = pm.category_spend[np.arange(m.size), np.maximum(pm.favourite, 0)]
        total = pm.category_spend.sum(axis=1)
        fav_share = np.where(total > 0, top / np.where(total > 0, total, 1), 0.0)
        put(
            fav_reasons, has_fav, translate("reasons", "{category}: {share} % of product spend in {window} days"),
            category=favourite, share=percent(fav_share), window=p.window_days,
        )
    put(fav_reasons, ~has_fav, translate("reasons", "no product purchases in {window} days"), window=p.window_days)
    return PreferenceResult(Classified("preference", CLASSES, codes, reasons), favourite, fav_reasons)
