"""Per-member metrics at their boundaries: window edges, same-day visits, intervals, returns."""

from __future__ import annotations

import math

import numpy as np
from engine_history import T, metrics_of, visit_days

from shopcrm.engine.metrics import NO_DAY, VisitDays


def test_rows_in_any_order_are_sorted_and_same_day_rows_merged() -> None:
    vd = VisitDays.from_rows(
        np.array([1, 0, 1, 0]), np.array([5, 3, 5, 2]), np.array([1, 1, 1, 1]), np.array([100, 200, 300, 400])
    )
    assert vd.member.tolist() == [0, 0, 1]
    assert vd.day.tolist() == [2, 3, 5]
    assert vd.purchases.tolist() == [1, 1, 2]
    assert vd.spend.tolist() == [400, 200, 400]


def test_recency_tenure_first_and_last_day() -> None:
    m = metrics_of([[(3, 500), (40, 700)], []])
    assert m.recency.tolist() == [3, -1]
    assert m.tenure.tolist() == [40, -1]
    assert m.first_day.tolist() == [T - 40, NO_DAY]
    assert m.last_day.tolist() == [T - 3, NO_DAY]
    assert m.has_purchase.tolist() == [True, False]


def test_purchases_on_one_day_are_one_visit_but_every_purchase_counts_for_spend_and_ticket() -> None:
    m = metrics_of([[(0, 1000), (0, 500), (7, 300)]])
    assert m.visits[0] == 2
    assert m.purchases[0] == 3
    assert m.spend[0] == 1800
    assert m.avg_ticket[0] == 600


def test_window_holds_exactly_window_days_ending_on_t() -> None:
    # 364 days before T is inside a 365-day window, 365 days before is not
    m = metrics_of([[(364, 100)], [(365, 100)]])
    assert m.visits.tolist() == [1, 0]
    assert m.spend.tolist() == [100, 0]
    assert m.total_spend.tolist() == [100, 100]


def test_purchases_after_t_are_ignored() -> None:
    m = metrics_of([[(-1, 999), (2, 100)]])
    assert m.total_spend[0] == 100
    assert m.recency[0] == 2


def test_compare_windows_split_at_compare_days() -> None:
    # last 90 days: 0..89 days before T; the 90 before: 90..179
    m = metrics_of([[(0, 10), (89, 20), (90, 40), (179, 80), (180, 160)]])
    assert (m.visits_last[0], m.visits_prev[0]) == (2, 2)
    assert (m.spend_last[0], m.spend_prev[0]) == (30, 120)


def test_median_interval_odd_and_even_counts_and_single_visit() -> None:
    m = metrics_of([[(0, 1), (2, 1), (12, 1)], [(0, 1), (2, 1), (6, 1), (16, 1)], [(5, 1)]])
    assert m.median_interval[0] == 6.0  # gaps 2, 10
    assert m.median_interval[1] == 4.0  # gaps 2, 4, 10
    assert math.isnan(m.median_interval[2])


def test_return_after_a_churned_gap_is_the_latest_such_return() -> None:
    m = metrics_of([[(0, 1), (90, 1), (300, 1), (400, 1)], [(0, 1), (89, 1)]], churn_days=90)
    assert m.return_day[0] == T - 0  # the 90-day gap ending today (the 210-day gap is older)
    assert m.return_gap[0] == 90
    assert m.return_day[1] == NO_DAY  # a gap of 89 days is not churned


def test_empty_history() -> None:
    m = metrics_of([[], []])
    assert m.visits.tolist() == [0, 0]
    assert not m.has_purchase.any()
    assert visit_days([]).member.size == 0
