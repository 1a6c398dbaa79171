"""BG/NBD and Gamma-Gamma: the published CDNOW figures, gradients, and the stable eq. 10."""

from __future__ import annotations

import numpy as np
import pytest
from cdnow import cdnow_calibration
from engine_history import every, metrics_of
from scipy.optimize import approx_fprime
from scipy.special import hyp2f1

from shopcrm.engine import clv
from shopcrm.engine.lifetime import customer_data, fit_models, lifetime_value
from shopcrm.engine.params import RuleParams

PUBLISHED = clv.BgNbdFit(r=0.243, alpha=4.414, a=0.793, b=2.426, loglik=-9582.4, customers=2357)


@pytest.fixture(scope="module")
def cdnow() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return cdnow_calibration()


def test_bgnbd_reproduces_fader_hardie_lee_2005(cdnow) -> None:  # type: ignore[no-untyped-def]
    x, t_x, T, _ = cdnow
    assert x.size == 2357
    fit = clv.fit_bgnbd(x, t_x, T)
    for name in ("r", "alpha", "a", "b"):
        assert getattr(fit, name) == pytest.approx(getattr(PUBLISHED, name), rel=0.005), name
    assert fit.loglik == pytest.approx(-9582.4, abs=0.1)
    assert fit.customers == 2357


def test_gammagamma_reproduces_fader_hardie_2013(cdnow) -> None:  # type: ignore[no-untyped-def]
    x, _, _, m = cdnow
    fit = clv.fit_gammagamma(x, m)
    assert fit.customers == 946
    assert fit.p == pytest.approx(6.25, rel=0.01)
    assert fit.q == pytest.approx(3.74, rel=0.01)
    assert fit.gamma == pytest.approx(15.44, rel=0.01)


def test_customer_one_at_the_published_parameters() -> None:
    x, t_x, T = np.array([2.0]), np.array([30.43]), np.array([38.86])
    assert clv.p_alive(PUBLISHED, x, t_x, T)[0] == pytest.approx(0.7266, abs=5e-5)
    assert clv.expected_visits(PUBLISHED, 39, x, t_x, T)[0] == pytest.approx(1.2260, abs=5e-5)


def test_a_previous_fit_as_starting_point_gives_the_same_optimum(cdnow) -> None:  # type: ignore[no-untyped-def]
    x, t_x, T, _ = cdnow
    cold = clv.fit_bgnbd(x, t_x, T)
    warm = clv.fit_bgnbd(x, t_x, T, start=(0.3, 5.0, 0.7, 2.0))
    assert warm.loglik == pytest.approx(cold.loglik, abs=1e-4)
    assert warm.r == pytest.approx(cold.r, rel=1e-3)


def test_analytic_gradients_match_finite_differences(cdnow) -> None:  # type: ignore[no-untyped-def]
    x, t_x, T, m = cdnow
    data = clv._BgNbdData.of(x, t_x, T)
    point = np.log([0.5, 6.0, 0.9, 2.0])
    _, grad = clv._bgnbd_objective(point, data)
    numeric = approx_fprime(point, lambda p: clv._bgnbd_objective(p, data)[0], 1e-6)
    assert np.allclose(grad, numeric, rtol=1e-4, atol=1e-3)
    keep = x > 0
    gg = clv._GammaGammaData.of(x[keep], m[keep])
    point = np.log([5.0, 3.0, 12.0])
    _, grad = clv._gg_objective(point, gg)
    numeric = approx_fprime(point, lambda p: clv._gg_objective(p, gg)[0], 1e-6)
    assert np.allclose(grad, numeric, rtol=1e-4, atol=1e-3)


def test_expected_visits_equals_the_textbook_form_and_stays_finite_for_frequent_members() -> None:
    fit = clv.BgNbdFit(r=0.68, alpha=2.1, a=1.09, b=93.0, loglik=0.0, customers=0)
    x = np.array([0.0, 1, 5, 20])
    t_x = np.array([0.0, 10, 20, 30])
    T = np.array([40.0, 40, 40, 40])
    t = 52.0
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    textbook = (a + b + x - 1) / (a - 1) * (
        1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    ) / (1 + (x > 0) * a / (b + np.maximum(x, 1) - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    assert clv.expected_visits(fit, t, x, t_x, T) == pytest.approx(textbook, rel=1e-9)
    frequent = clv.expected_visits(fit, 52.0, np.array([70.0, 475]), np.array([21.3, 100]), np.array([21.4, 100]))
    assert np.all(np.isfinite(frequent)) and np.all(frequent > 0)


def test_gammagamma_expected_spend_is_the_population_mean_without_repeat_visits() -> None:
    fit = clv.GammaGammaFit(p=6.25, q=3.74, gamma=15.44, loglik=0.0, customers=0)
    out = clv.expected_spend_per_visit(fit, np.array([0.0, 2.0]), np.array([np.nan, 30.0]))
    assert out[0] == pytest.approx(6.25 * 15.44 / 2.74)
    assert out[1] == pytest.approx(6.25 * (15.44 + 60) / (12.5 + 2.74))


def test_degenerate_histories_do_not_fit() -> None:
    with pytest.raises(clv.FitFailed):
        clv.fit_bgnbd(np.zeros(0), np.zeros(0), np.zeros(0))
    with pytest.raises(clv.FitFailed):
        clv.fit_gammagamma(np.array([0.0, 0.0]), np.array([np.nan, np.nan]))


def test_thin_history_falls_back_to_the_member_s_own_rate_with_the_reason() -> None:
    m = metrics_of([every(7, 4), [(3, 500)], []])
    p = RuleParams()
    fits = fit_models(customer_data(m), p)
    assert fits.bgnbd is None and fits.reason is not None and "too little history" in fits.reason.text()
    value = lifetime_value(m, p)
    assert value.summary["model"] == "fallback"
    assert np.isnan(value.p_alive).all()
    assert value.visits_365[0] == pytest.approx(4 / 30 * 365)  # 4 visits over the 30-day minimum
    assert value.value_1y.tolist()[2] == -1
    assert "at the member's own rate" in value.reasons[0]
    assert value.reasons[2] == "has not bought anything yet"


def test_the_model_recovers_simulated_parameters_and_predicts_for_every_buyer() -> None:
    from engine_history import simulate_bgnbd

    truth = (0.8, 4.0, 0.6, 3.0)
    m = metrics_of(simulate_bgnbd(3000, *truth, weeks=78))
    value = lifetime_value(m, RuleParams())
    assert value.summary["model"] == "bgnbd"
    fit = value.summary["bgnbd"]
    for name, expected in zip(("r", "alpha", "a", "b"), truth, strict=True):
        assert fit[name] == pytest.approx(expected, rel=0.25), name
    buyers = m.has_purchase
    assert np.all((value.p_alive[buyers] > 0) & (value.p_alive[buyers] <= 1))
    assert np.all(value.visits_365[buyers] >= value.visits_90[buyers])
    assert np.all(value.value_1y[buyers] >= 0)
    assert value.summary["spend_model"] == "gammagamma"
