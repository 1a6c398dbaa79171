"""Every classification of SPEC §3 for every member, from arrays the service has loaded.

No database and no Qt here: the service hands over `Inputs` (members, visit days, products bought,
baskets, low ratings) and stores what `run` returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from shopcrm.engine.abcd import classify_abcd
from shopcrm.engine.churn import classify_churn
from shopcrm.engine.cutoffs import CutOffs
from shopcrm.engine.demographics import classify_age
from shopcrm.engine.frequency import classify_frequency
from shopcrm.engine.levels import classify_level
from shopcrm.engine.lifecycle import classify_lifecycle
from shopcrm.engine.lifetime import LifetimeValue, lifetime_value, single_threaded_blas
from shopcrm.engine.metrics import Metrics, VisitDays, compute_metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.preference import classify_preference
from shopcrm.engine.products import (
    Catalogue,
    ProductHistory,
    ProductMetrics,
    co_purchase_counts,
    product_metrics,
)
from shopcrm.engine.pyramid import classify_pyramid
from shopcrm.engine.reasons import Reasons
from shopcrm.engine.recommendations import Recommendations, recommend
from shopcrm.engine.result import Classified
from shopcrm.engine.rfm import classify_rfm
from shopcrm.engine.spend import classify_spend

EPOCH = dt.date(1970, 1, 1)

# The classifications a snapshot stores, in display order (keys of counts and reasons).
CLASSIFICATIONS = (
    "frequency", "spend", "segment", "pyramid", "abcd", "lifecycle", "churn", "preference", "age_band", "level",
)


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


@dataclass(frozen=True)
class Members:
    """The members to classify (sorted by id) and what the member record says about them."""

    ids: np.ndarray
    birth_year: np.ndarray  # 0 where unknown
    birth_month: np.ndarray
    birth_day: np.ndarray
    stored_level: np.ndarray

    @property
    def size(self) -> int:
        return int(self.ids.size)


@dataclass(frozen=True)
class Inputs:
    as_of: dt.date
    members: Members
    visits: VisitDays
    products: ProductHistory = field(default_factory=ProductHistory.empty)
    ever_products: ProductHistory | None = None  # all purchases up to T (None: `products` is all there is)
    catalogue: Catalogue = field(default_factory=Catalogue.empty)
    basket: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # basket id per line
    basket_product: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # product index
    low_rating: np.ndarray | None = None  # bool per member
    level_names: Sequence[str] = ("",)
    level_thresholds: Sequence[int] = (0,)
    keep_stored_levels: bool = True  # levels only go up (current snapshots); False for past dates
    symbol: str = "¥"
    clv_start: dict[str, Any] | None = None  # a previous snapshot's fits, to start the optimiser there


@dataclass(frozen=True)
class Run:
    """Everything a snapshot stores, one entry per member (in Inputs.members order)."""

    metrics: Metrics
    product_metrics: ProductMetrics
    classes: dict[str, Classified]
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray
    favourite: np.ndarray
    favourite_reasons: Reasons
    lifetime: LifetimeValue
    recommendations: Recommendations
    cut_offs: Any = None  # CutOffs: the population cut-offs the rules used (stored with the snapshot)

    def counts(self) -> dict[str, dict[str, int]]:
        return {name: self.classes[name].counts() for name in CLASSIFICATIONS}

    def reason_columns(self) -> dict[str, Reasons]:
        """Every reason a snapshot stores, keyed by the name it is read back under."""
        out = {name: self.classes[name].reasons for name in CLASSIFICATIONS}
        out["favourite_category"] = self.favourite_reasons
        out["clv"] = self.lifetime.reasons
        out["recommendations"] = self.recommendations.reasons
        return out


def run(
    inputs: Inputs, params: RuleParams, step: Callable[[str], None] | None = None, cut_offs: Any = None
) -> Run:
    """Compute every classification; `step(name)` is called before each stage (progress, cancel).

    `cut_offs` (shopcrm.engine.cutoffs.CutOffs, a snapshot's): rank these members against that
    population instead of against each other, with the lifetime models it fitted.
    """
    with single_threaded_blas():
        return _run(inputs, params, step, cut_offs)


def _run(inputs: Inputs, params: RuleParams, step: Callable[[str], None] | None, given: Any = None) -> Run:

    say = step or (lambda _name: None)
    n = inputs.members.size
    symbol = inputs.symbol
    say("metrics")
    metrics = compute_metrics(inputs.visits, n, day_number(inputs.as_of), params)
    pm = product_metrics(inputs.products, inputs.catalogue, n)
    say("rules")
    low_rating = inputs.low_rating if inputs.low_rating is not None else np.zeros(n, dtype=bool)
    rfm = classify_rfm(metrics, params, given.rfm if given is not None else None)
    churn = classify_churn(metrics, params, low_rating, symbol)
    preference = classify_preference(metrics, params, pm, inputs.catalogue)
    floor = inputs.members.stored_level if inputs.keep_stored_levels else None
    say("lifetime value")
    lifetime = lifetime_value(metrics, params, inputs.clv_start, symbol, given.fits if given is not None else None)
    assert lifetime.fits is not None
    cut_offs = given if given is not None else CutOffs.of(metrics, params, lifetime.fits)
    classes = {
        "frequency": classify_frequency(metrics, params),
        "spend": classify_spend(metrics, params, symbol, cut_offs.spend),
        "segment": rfm.segment,
        "pyramid": classify_pyramid(metrics, params, symbol, cut_offs.pyramid),
        "abcd": classify_abcd(metrics, params, symbol, cut_offs.abcd),
        "lifecycle": classify_lifecycle(metrics, params, churn, lifetime.p_alive),
        "churn": churn.warning,
        "preference": preference.preference,
        "age_band": classify_age(
            inputs.members.birth_year, inputs.members.birth_month, inputs.members.birth_day, inputs.as_of
        ),
        "level": classify_level(metrics.total_spend, inputs.level_names, inputs.level_thresholds, floor, symbol),
    }
    say("recommendations")
    catalogue = inputs.catalogue
    co = co_purchase_counts(inputs.basket, inputs.basket_product, catalogue.size)
    recs = recommend(
        inputs.products.bought(n, catalogue.size),
        co,
        pm.favourite,
        catalogue,
        catalogue.new_on(metrics.as_of, params.new_product_days),
        params.recommendations,
        ever=inputs.ever_products.bought(n, catalogue.size) if inputs.ever_products is not None else None,
    )
    return Run(
        metrics=metrics,
        product_metrics=pm,
        classes=classes,
        r=rfm.r,
        f=rfm.f,
        m=rfm.m,
        favourite=preference.favourite,
        favourite_reasons=preference.favourite_reasons,
        lifetime=lifetime,
        recommendations=recs,
        cut_offs=cut_offs,
    )
