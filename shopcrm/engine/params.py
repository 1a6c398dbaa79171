"""Every threshold of SPEC §3 with its default.  The owner changes them in Settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# The format of the cut-offs a snapshot stores (engine.cutoffs); here, so that reading whether a
# snapshot's cut-offs are current does not load numpy and scipy.
CUT_OFFS_VERSION = 1


@dataclass(frozen=True)
class RuleParams:
    window_days: int = 365
    # visit frequency: visits per week / per month, averaged over W (or tenure if shorter)
    freq_high_per_week: float = 2.0
    freq_medium_per_month: float = 2.0
    # the rate is never averaged over fewer days than this (a first-time buyer is not "high" on day one)
    freq_min_days: int = 30
    # spend class: top share high, next share medium
    spend_high_share: float = 0.20
    spend_medium_share: float = 0.30
    # customer pyramid cut-offs (shares of members with spend, ranked by spend)
    pyramid_platinum_share: float = 0.01
    pyramid_gold_share: float = 0.04
    pyramid_iron_share: float = 0.15
    # ABCD: cumulative spend shares
    abcd_a_share: float = 0.70
    abcd_b_share: float = 0.20
    # lifecycle
    new_days: int = 30
    churn_days: int = 90
    churn_p_alive: float = 0.1
    # "won back" lasts this many days after the return visit, then the member is active (or whatever fits)
    won_back_days: int = 90
    # "at risk" from this many churn-warning signals (1 = any warning)
    at_risk_min_signals: int = 1
    # churn warning
    churn_interval_factor: float = 2.0
    churn_min_recency_days: int = 14
    churn_drop_share: float = 0.50
    churn_low_rating: int = 2
    compare_days: int = 90
    # product preference
    new_product_days: int = 60
    trier_spend_share: float = 0.30
    trier_distinct_new: int = 3
    classic_max_new_share: float = 0.10
    classic_min_visits: int = 5
    # recommendations
    recommendations: int = 3
    # lifetime value: below these the BG/NBD and Gamma-Gamma fits are not attempted (run-rate fallback)
    clv_min_customers: int = 30
    clv_min_repeat_customers: int = 20

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> RuleParams:
        """Known keys only, each coerced to the default's type; unknown keys are ignored."""
        if not data:
            return cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data and data[f.name] is not None:
                default = getattr(cls, f.name)
                values[f.name] = type(default)(data[f.name])
        return cls(**values)
