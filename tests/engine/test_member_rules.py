"""RFM segments, churn warning, lifecycle, age band and member level at their boundaries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from engine_history import every, metrics_of

from shopcrm.engine.churn import classify_churn
from shopcrm.engine.demographics import classify_age
from shopcrm.engine.levels import classify_level, level_by_spend
from shopcrm.engine.lifecycle import classify_lifecycle
from shopcrm.engine.params import RuleParams
from shopcrm.engine.rfm import GRID, classify_rfm

P = RuleParams()

# ---------------------------------------------------------------------------------------------- RFM

EXPECTED_GRID = {
    "champions": {(5, 4), (5, 5)},
    "loyal": {(3, 4), (3, 5), (4, 4), (4, 5)},
    "potential_loyalist": {(4, 2), (4, 3), (5, 2), (5, 3)},
    "new": {(5, 1)},
    "promising": {(4, 1)},
    "need_attention": {(3, 3)},
    "about_to_sleep": {(3, 1), (3, 2)},
    "at_risk": {(1, 3), (1, 4), (2, 3), (2, 4)},
    "cant_lose": {(1, 5), (2, 5)},
    "hibernating": {(1, 1), (1, 2), (2, 1), (2, 2)},
}


def test_segment_grid_is_exactly_the_issue_s_r_f_grid() -> None:
    from shopcrm.engine.rfm import CLASSES

    seen: dict[str, set[tuple[int, int]]] = {}
    for r in range(1, 6):
        for f in range(1, 6):
            seen.setdefault(CLASSES[GRID[r - 1, f - 1]], set()).add((r, f))
    assert seen == EXPECTED_GRID


def test_rfm_scores_segments_lost_and_never_bought() -> None:
    # five buyers: recency 1..5 days, visits 5..1, spend 5000..1000; one lapsed; one never
    histories = [every(1, 5 - i, cents=1000, last=i + 1) for i in range(5)] + [[(400, 100)], []]
    m = metrics_of(histories)
    res = classify_rfm(m, P)
    assert res.r.tolist() == [5, 4, 3, 2, 1, 0, 0]
    assert res.f.tolist() == [5, 4, 3, 2, 1, 0, 0]
    assert res.m.tolist() == [5, 4, 3, 2, 1, 0, 0]
    assert res.segment.values().tolist() == [
        "champions", "loyal", "need_attention", "hibernating", "hibernating", "lost", "never_bought",
    ]
    assert res.segment.reasons[0] == "bought recently and often: R5 F5 M5"
    assert res.segment.reasons[5] == "no purchase in 365 days; last visit 400 days ago"


# -------------------------------------------------------------------------------------------- churn


def _churn(histories, low=None, **changes):  # type: ignore[no-untyped-def]
    m = metrics_of(histories, **changes)
    return m, classify_churn(m, P if not changes else RuleParams(**changes), np.array(low or [False] * m.size))


def test_overdue_signal_needs_more_than_twice_the_interval_and_more_than_14_days() -> None:
    # usual interval 10 days (visits 10 days apart); recency 20 = 2x: no signal, 21: signal
    m, c = _churn([every(10, 5, last=20), every(10, 5, last=21), every(5, 5, last=14), every(5, 5, last=15)])
    assert c.signals.tolist() == [0, 1, 0, 1]
    assert c.warning.reasons[1] == "last visit 21 days ago; usually every 10 days"


def test_visit_and_spend_drop_of_exactly_half_is_a_signal() -> None:
    last_prev = [(5, 1000), (95, 1000), (100, 1000)]  # 1 visit now vs 2 before, spend 1000 vs 2000
    slight = [(5, 1000), (6, 500), (95, 1000), (100, 1000)]  # 2 vs 2 visits, 1500 vs 2000
    m, c = _churn([last_prev, slight])
    assert c.signals.tolist() == [2, 0]
    assert c.warning.reasons[0] == "visits down 50 % (1 vs 2 in 90 days); spend down 50 % (¥10.00 vs ¥20.00 in 90 days)"
    assert "spend down 50 %" in c.warning.reasons[0]
    assert c.warning.values().tolist() == ["medium", "none"]


def test_low_rating_is_a_signal_and_levels_count_signals() -> None:
    everything = every(3, 10, last=100) + [(95, 1)]  # overdue, visits and spend down
    m, c = _churn([everything, [(1, 10)], everything], low=[True, True, False])
    assert c.signals.tolist() == [4, 1, 3]
    assert c.warning.values().tolist() == ["high", "low", "high"]
    assert c.warning.reasons[1] == "rated 2 or lower in the last 90 days"
    assert c.warning.reasons[1].count(";") == 0


# ---------------------------------------------------------------------------------------- lifecycle


def _life(histories, alive=None, low=None, **changes):  # type: ignore[no-untyped-def]
    p = RuleParams(**changes)
    m = metrics_of(histories, p)
    churn = classify_churn(m, p, np.array(low or [False] * m.size))
    return classify_lifecycle(m, p, churn, None if alive is None else np.array(alive, dtype=float))


def test_churned_from_90_days_without_a_visit() -> None:
    life = _life([[(89, 1), (100, 1)], [(90, 1), (100, 1)], []])
    assert life.values().tolist() == ["at_risk", "churned", "potential"]
    assert life.reasons[1] == "no visit for 90 days (churned from 90 days)"


def test_new_while_the_first_purchase_is_less_than_30_days_old() -> None:
    life = _life([[(29, 1)], [(30, 1)], [(0, 1), (30, 1)]])
    assert life.values().tolist() == ["new", "active", "active"]
    assert life.reasons[0] == "first purchase 29 days ago"


def test_won_back_after_a_churned_gap_for_won_back_days() -> None:
    came_back = [(10, 1), (100, 1)]  # 90 days away, back 10 days ago
    short_gap = [(10, 1), (99, 1)]
    long_ago = [(5, 1), (50, 1), (90, 1), (180, 1)]  # returned 90 days ago: no longer "won back"
    life = _life([came_back, short_gap, long_ago])
    assert life.values().tolist()[0] == "won_back"
    assert life.values().tolist()[1] != "won_back"
    assert life.values().tolist()[2] != "won_back"
    assert life.reasons[0] == "came back 10 days ago after 90 days away"


def test_low_p_alive_churns_a_recent_member_and_at_risk_needs_a_signal() -> None:
    steady = every(7, 10, last=3)
    life = _life([steady, steady, every(7, 10, last=15)], alive=[0.09, 0.1, 0.9])
    assert life.values().tolist() == ["churned", "active", "at_risk"]
    assert "chance of still being a customer 9 % by the Pareto/NBD model (churned below 10 %)" in life.reasons[0]
    assert life.reasons[2].startswith("churn warning: last visit 15 days ago; usually every 7 days")


# ----------------------------------------------------------------------------------------- age, level


def test_age_bands_turn_on_the_birthday() -> None:
    as_of = dt.date(2025, 6, 30)
    years = np.array([2007, 2007, 2001, 2000, 1991, 1990, 1981, 1980, 1966, 1965, 1965, 0])
    months = np.array([6, 7, 7, 6, 7, 6, 7, 6, 7, 6, 0, 0])
    days = np.array([30, 1, 1, 30, 1, 30, 1, 30, 1, 30, 0, 0])
    age = classify_age(years, months, days, as_of)
    assert age.values().tolist() == [
        "18-24", "<18", "18-24", "25-34", "25-34", "35-44", "35-44", "45-59", "45-59", "60+", "60+", "unknown",
    ]
    assert age.reasons[0] == "18 years old"
    assert age.reasons[-1] == "no birth year recorded"


def test_level_by_cumulative_spend_and_never_down_with_a_floor() -> None:
    thresholds = (0, 50_000, 200_000, 500_000)
    assert level_by_spend(np.array([0, 49_999, 50_000, 500_000, 10**9]), thresholds).tolist() == [0, 0, 1, 3, 3]
    names = ("Regular", "Silver", "Gold", "Diamond")
    lvl = classify_level(np.array([60_000, 60_000, 600_000]), names, thresholds, floor=np.array([0, 2, 0]))
    assert lvl.codes.tolist() == [1, 2, 3]
    assert lvl.reasons[0] == "cumulative spend ¥600.00; Gold from ¥2,000.00"
    assert lvl.reasons[1] == "level kept from earlier (cumulative spend ¥600.00)"
    assert lvl.reasons[2] == "cumulative spend ¥6,000.00 (top level from ¥5,000.00)"


@pytest.mark.parametrize("spend", [0, 1, 49_999])
def test_lowest_level_reason_names_the_next(spend: int) -> None:
    lvl = classify_level(np.array([spend]), ("Regular", "Silver"), (0, 50_000))
    assert lvl.codes.tolist() == [0]
    assert "Silver from ¥500.00" in lvl.reasons[0]
