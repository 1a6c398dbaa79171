"""The Pareto/NBD fast paths against their slow twins: the likelihood evaluated once per distinct
value (fit) and the predictions evaluated once per distinct history (P(alive), expected visits)."""

from __future__ import annotations

import numpy as np
import pytest
from cdnow import cdnow_calibration
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.engine import clv

# Whole days in weeks, as customer_data makes them; few distinct values so that histories repeat.
DAYS = st.integers(0, 60)


@st.composite
def histories(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x, T) of customers: x = 0 means t_x = 0; t_x <= T; duplicates on purpose."""
    n = draw(st.integers(1, 40))
    x = np.array(draw(st.lists(st.integers(0, 12), min_size=n, max_size=n)), dtype=float)
    first_to_last = np.array(draw(st.lists(DAYS, min_size=n, max_size=n)), dtype=float)
    last_to_T = np.array(draw(st.lists(DAYS, min_size=n, max_size=n)), dtype=float)
    first_to_last = np.where(x > 0, first_to_last, 0.0)
    t_x = first_to_last / 7.0
    T = (first_to_last + last_to_T) / 7.0
    repeat = draw(st.integers(0, n))
    return np.concatenate([x, x[:repeat]]), np.concatenate([t_x, t_x[:repeat]]), np.concatenate([T, T[:repeat]])


PARAMS = st.tuples(st.floats(0.05, 5), st.floats(0.3, 80), st.floats(0.05, 5), st.floats(0.3, 80))


@settings(max_examples=200, deadline=None)
@given(history=histories(), params=PARAMS)
def test_the_grouped_likelihood_is_the_per_customer_one(
    history: tuple[np.ndarray, np.ndarray, np.ndarray], params: tuple[float, float, float, float]
) -> None:
    x, t_x, T = history
    d = clv._ParetoData.of(x, t_x, T)
    rows = np.column_stack([d.x, d.t_x, d.T])
    assert len({tuple(row) for row in rows.tolist()}) == rows.shape[0]  # distinct triples
    assert d.weight.sum() == x.size
    with np.errstate(all="ignore"):
        slow = clv._paretonbd_parts(*params, d.x, d.t_x, d.T)
        fast = clv._paretonbd_parts_grouped(*params, d)
    for want, got in zip(slow, fast, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    with np.errstate(all="ignore"):
        per_customer = clv.paretonbd_loglik_terms(*params, x, t_x, T).sum()
        grouped = -clv._paretonbd_minus_loglik(np.log(params), d)
    if np.isfinite(per_customer):
        assert grouped == pytest.approx(per_customer, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(history=histories(), params=PARAMS, horizons=st.lists(st.floats(0.1, 120), min_size=1, max_size=3))
def test_the_grouped_predictions_are_p_alive_and_expected_visits(
    history: tuple[np.ndarray, np.ndarray, np.ndarray], params: tuple[float, float, float, float], horizons: list[float]
) -> None:
    x, t_x, T = history
    T = np.maximum(T, 1 / 7)  # a customer is classified from the day after the first visit on
    fit = clv.ParetoNbdFit(*params, loglik=0.0, customers=x.size)
    with np.errstate(all="ignore"):
        alive, visits = clv.paretonbd_predictions(fit, tuple(horizons), x, t_x, T)
        np.testing.assert_allclose(alive, clv.paretonbd_p_alive(fit, x, t_x, T), rtol=1e-12, atol=0)
        for t, got in zip(horizons, visits, strict=True):
            np.testing.assert_allclose(got, clv.paretonbd_expected_visits(fit, t, x, t_x, T), rtol=1e-12, atol=0)


def test_predictions_with_s_exactly_one_and_no_customers() -> None:
    fit = clv.ParetoNbdFit(0.5, 10.0, 1.0, 12.0, 0.0, 0)
    x, t_x, T = np.array([3.0, 0.0, 3.0]), np.array([20.0, 0.0, 20.0]), np.array([38.0, 5.0, 38.0])
    alive, (visits,) = clv.paretonbd_predictions(fit, (39.0,), x, t_x, T)
    np.testing.assert_allclose(visits, clv.paretonbd_expected_visits(fit, 39.0, x, t_x, T), rtol=1e-12)
    empty = clv.paretonbd_predictions(fit, (1.0, 2.0), np.zeros(0), np.zeros(0), np.zeros(0))
    assert empty[0].size == 0 and [v.size for v in empty[1]] == [0, 0]


@settings(max_examples=200, deadline=None)
@given(columns=st.integers(1, 3).flatmap(
    lambda k: st.integers(1, 50).flatmap(
        lambda n: st.lists(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, -3.0, 1e9]), min_size=n, max_size=n),
                           min_size=k, max_size=k))))
def test_distinct_rows_are_numpy_unique_rows(columns: list[list[float]]) -> None:
    arrays = [np.array(c) for c in columns]
    values, inverse, counts = clv._distinct_rows(*arrays)
    want, want_inverse, want_counts = np.unique(np.column_stack(arrays), axis=0, return_inverse=True, return_counts=True)
    np.testing.assert_array_equal(np.column_stack(values), want)
    np.testing.assert_array_equal(inverse, want_inverse.reshape(-1))
    np.testing.assert_array_equal(counts, want_counts)


def test_a_fit_started_from_the_previous_fit_finds_the_same_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    x, t_x, T, _ = cdnow_calibration()
    cold = clv.fit_paretonbd(x, t_x, T)
    # a start a little off (a day's sales later) and one far off, where the warm path gives up and
    # the fit from afar (Nelder-Mead first) takes over
    for start in [(0.56, 10.4, 0.61, 11.8), (0.6, 11.0, 0.55, 12.5), (5.0, 0.5, 20.0, 500.0)]:
        warm = clv.fit_paretonbd(x, t_x, T, start=start)
        assert warm.loglik == pytest.approx(cold.loglik, abs=1e-3), start
        for name in ("r", "alpha", "s", "beta"):
            assert getattr(warm, name) == pytest.approx(getattr(cold, name), rel=2e-3), (start, name)
    # from the previous fit itself (the usual case) the warm path alone answers, at that optimum

    def not_from_afar(*args: object) -> None:
        raise AssertionError("the warm start should have been enough")

    monkeypatch.setattr(clv, "_fit_from_afar", not_from_afar)
    again = clv.fit_paretonbd(x, t_x, T, start=(cold.r, cold.alpha, cold.s, cold.beta))
    assert again.loglik == pytest.approx(cold.loglik, abs=1e-6)
    for name in ("r", "alpha", "s", "beta"):
        assert getattr(again, name) == pytest.approx(getattr(cold, name), rel=1e-5), name
