"""Frequency, spend class, pyramid and ABCD at their cut-offs, ties included."""

from __future__ import annotations

import numpy as np
import pytest
from engine_history import every, metrics_of

from shopcrm.engine.abcd import classify_abcd
from shopcrm.engine.frequency import classify_frequency
from shopcrm.engine.params import RuleParams
from shopcrm.engine.pyramid import classify_pyramid
from shopcrm.engine.ranking import band, cumulative_value_thresholds, quintile_scores, top_share_thresholds
from shopcrm.engine.spend import classify_spend

P = RuleParams()


# ------------------------------------------------------------------------------------------ frequency


def test_two_visits_a_week_over_the_window_is_high_and_one_fewer_is_not() -> None:
    # 365-day window: 2 a week needs visits * 7 >= 2 * 365, i.e. 105 visits (104.3 rounded up)
    m = metrics_of([every(3, 104) + [(364, 1)], every(3, 103) + [(364, 1)]])
    assert m.visits.tolist() == [105, 104]
    f = classify_frequency(m, P)
    assert f.values().tolist() == ["high", "medium"]
    assert "visits in 365 days: 105, 2.0 a week" in f.reasons[0]
    assert "1.9 a week" not in f.reasons[1] and "a month" in f.reasons[1]


def test_two_visits_a_month_is_medium_and_below_is_low() -> None:
    # 365 days: 2 a month needs visits * 30.4375 >= 2 * 365, i.e. 24 visits (23.98)
    m = metrics_of([every(15, 23) + [(364, 1)], every(15, 22) + [(364, 1)]])
    assert m.visits.tolist() == [24, 23]
    assert classify_frequency(m, P).values().tolist() == ["medium", "low"]


def test_short_tenure_uses_tenure_but_never_fewer_than_the_minimum_days() -> None:
    # first visit today: 1 visit over the 30-day floor is low, not "7 a week"
    # 9 visits in the first 30 days (tenure 29 -> 30 days) is 2.1 a week: high; 3 is medium
    m = metrics_of([[(0, 1)], every(3, 9, last=5) + [(29, 1)], every(10, 3, last=0)])
    f = classify_frequency(m, P)
    assert f.values().tolist() == ["low", "high", "medium"]
    assert "in 30 days" in f.reasons[1]
    # a tenure of 100 days: 2 a month needs 7 visits (100 * 2 / 30.44 = 6.57)
    m = metrics_of([every(16, 6) + [(99, 1)], every(19, 5) + [(99, 1)]])
    assert m.tenure.tolist() == [99, 99]
    assert classify_frequency(m, P).values().tolist() == ["medium", "low"]


def test_no_visit_in_window_and_never_bought_are_low_with_their_reason() -> None:
    m = metrics_of([[(400, 1)], []])
    f = classify_frequency(m, P)
    assert f.values().tolist() == ["low", "low"]
    assert f.reasons[0] == "no visit in 365 days"
    assert "has not bought" in f.reasons[1]


# --------------------------------------------------------------------------------------- cut-offs


def test_top_share_takes_ceil_of_share_times_members_and_ties_join_the_higher_class() -> None:
    values = np.array([100, 90, 80, 70, 60, 50, 40, 30, 20, 10])
    assert top_share_thresholds(values, [0.2, 0.5]).tolist() == [90, 60]
    assert top_share_thresholds(values, [0.01]).tolist() == [100]  # ceil(0.1) = 1 member
    tied = np.array([100, 90, 90, 90, 60, 0])
    t = top_share_thresholds(tied, [0.2])  # 5 with spend: ceil(1.0) = 1 member -> 100
    assert t.tolist() == [100]
    t = top_share_thresholds(tied, [0.4])  # ceil(2.0) = 2 -> value 90: all three 90s are in
    assert band(tied, t).tolist() == [0, 0, 0, 0, 1, 1]
    assert top_share_thresholds(values, [0.0]).tolist() == [np.inf]
    assert top_share_thresholds(np.array([0, 0]), [0.5]).tolist() == [np.inf]


def test_cumulative_thresholds_include_the_member_who_crosses_the_share() -> None:
    values = np.array([50, 30, 10, 5, 5])  # total 100: 50 -> 50 %, +30 -> 80 %
    assert cumulative_value_thresholds(values, [0.7, 0.9]).tolist() == [30, 10]
    assert cumulative_value_thresholds(values, [0.5]).tolist() == [50]  # exactly 50 % with the first
    assert cumulative_value_thresholds(values, [0.0]).tolist() == [np.inf]


def test_quintile_scores_share_the_lowest_score_of_a_tie_and_stay_in_range() -> None:
    assert quintile_scores(np.arange(10), higher_is_better=True).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintile_scores(np.arange(10), higher_is_better=False).tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    ties = np.array([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
    assert quintile_scores(ties, higher_is_better=True).tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert quintile_scores(np.array([7]), higher_is_better=True).tolist() == [1]


# ------------------------------------------------------------------------------- spend, pyramid, ABCD


def _spend_metrics(amounts: list[int]):  # type: ignore[no-untyped-def]
    return metrics_of([[(1, a)] if a else [] for a in amounts])


def test_spend_class_top_20_then_30_percent() -> None:
    m = _spend_metrics([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0])
    s = classify_spend(m, P)
    assert s.values().tolist() == ["high"] * 2 + ["medium"] * 3 + ["low"] * 6
    assert "top 20 %" in s.reasons[0] and "¥9.00" in s.reasons[0]
    assert "no spend" in s.reasons[10]


def test_pyramid_shares_with_a_hundred_members() -> None:
    m = _spend_metrics(list(range(100, 0, -1)))
    codes = classify_pyramid(m, P).values()
    assert (codes == "platinum").sum() == 1
    assert (codes == "gold").sum() == 4
    assert (codes == "iron").sum() == 15
    assert (codes == "lead").sum() == 80


def test_pyramid_ties_at_the_cut_off_all_go_up() -> None:
    m = _spend_metrics([500, 500, 500] + [100] * 97)
    codes = classify_pyramid(m, P).values()
    assert (codes == "platinum").sum() == 3


def test_abcd_by_cumulative_spend_and_d_without_spend() -> None:
    m = _spend_metrics([5000, 3000, 1000, 500, 500, 0])
    a = classify_abcd(m, P)
    assert a.values().tolist() == ["A", "A", "B", "C", "C", "D"]
    assert "first 70 %" in a.reasons[0]
    assert "no spend" in a.reasons[5]


@pytest.mark.parametrize("shares", [(0.7, 0.2), (0.5, 0.5), (1.0, 0.0)])
def test_abcd_a_members_carry_at_least_their_share(shares: tuple[float, float]) -> None:
    p = RuleParams(abcd_a_share=shares[0], abcd_b_share=shares[1])
    amounts = [37, 21, 19, 11, 8, 3, 1]
    m = _spend_metrics(amounts)
    codes = classify_abcd(m, p).values()
    spend = np.array(amounts)
    assert spend[codes == "A"].sum() >= shares[0] * spend.sum() - 1e-9
