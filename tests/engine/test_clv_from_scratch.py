"""Pareto/NBD fitted from scratch (a new shop's first classification): the true optimum, known truths.

The search from scratch must end where the warm start from its own end point ends (the optimum, with
a flat slope), recover the parameters of simulated shops within their sampling error (also at
r ~ s ~ 1 and alpha = beta, where the search used to stall), and the likelihood it maximises must be
the model's, checked against the Euler integral evaluated by mpmath at high precision.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
from engine_history import metrics_of, simulate_paretonbd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.engine import clv
from shopcrm.engine.lifetime import customer_data

# (r, alpha, s, beta): r ~ s ~ 1 (where the old search stopped short), alpha = beta, and a spread one
TRUTHS = [(1.0, 2.0, 1.0, 40.0), (2.0, 8.0, 1.0, 8.0), (0.6, 4.0, 1.2, 30.0), (0.8, 2.5, 0.35, 40.0)]


def _shop(truth: tuple[float, ...], n: int = 6000, seed: int = 7) -> tuple[np.ndarray, ...]:
    """(x, t_x, T) drawn exactly from the model in continuous time (engine_history's shops round
    visits to whole days, which biases the fit by more than its sampling error at some truths):
    a Poisson count over the time alive within (0, T], the last visit the largest of x uniforms."""
    r, alpha, s, beta = truth
    rng = np.random.default_rng(seed)
    T = rng.uniform(26.0, 104.0, n)
    lifetime = rng.exponential(1.0 / rng.gamma(s, 1.0 / beta, n))
    active = np.minimum(lifetime, T)
    x = rng.poisson(rng.gamma(r, 1.0 / alpha, n) * active).astype(float)
    t_x = np.where(x > 0, active * rng.uniform(size=n) ** (1.0 / np.maximum(x, 1.0)), 0.0)
    return x, t_x, T


def test_the_whole_day_shops_fit_too() -> None:
    """engine_history's shops (whole days, first visits in the first half) fit from scratch to an optimum."""
    histories, _, _ = simulate_paretonbd(1500, 1.0, 2.0, 1.0, 40.0, weeks=104, seed=7)
    d = customer_data(metrics_of(histories, window_days=800))
    fit = clv.fit_paretonbd(d.x, d.t_x, d.T)
    warm = clv.fit_paretonbd(d.x, d.t_x, d.T, start=(fit.r, fit.alpha, fit.s, fit.beta))
    assert fit.loglik == pytest.approx(warm.loglik, rel=1e-9)
    assert fit.loglik >= clv.paretonbd_loglik_terms(1.0, 2.0, 1.0, 40.0, d.x, d.t_x, d.T).sum()


def _standard_errors(log_params: np.ndarray, data: clv._ParetoData, h: float = 1e-3) -> np.ndarray:
    """Sampling standard errors of the log-parameters: the inverse of the observed information."""
    f = clv._paretonbd_minus_loglik
    k = log_params.size
    hessian = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            hessian[i, j] = (
                f(log_params + ei + ej, data) - f(log_params + ei - ej, data)
                - f(log_params - ei + ej, data) + f(log_params - ei - ej, data)
            ) / (4 * h * h)
    return np.sqrt(np.diag(np.linalg.inv(hessian)))


@pytest.mark.parametrize("truth", TRUTHS)
def test_fit_from_scratch_recovers_a_known_truth_within_its_sampling_error(truth: tuple[float, ...]) -> None:
    x, t_x, T = _shop(truth)
    fit = clv.fit_paretonbd(x, t_x, T)
    got = np.log([fit.r, fit.alpha, fit.s, fit.beta])
    se = _standard_errors(got, clv._ParetoData.of(x, t_x, T))
    assert np.all(np.abs(got - np.log(truth)) < 4 * se), (np.exp(got), se)
    # the maximum is at least as likely as the truth it was drawn from
    assert fit.loglik >= clv.paretonbd_loglik_terms(*truth, x, t_x, T).sum()


@pytest.mark.parametrize("truth", TRUTHS)
def test_fit_from_scratch_ends_where_a_warm_start_from_its_end_ends(truth: tuple[float, ...]) -> None:
    """The optimum: the slope is flat there, and starting again from it changes nothing."""
    x, t_x, T = _shop(truth, seed=3)
    fit = clv.fit_paretonbd(x, t_x, T)
    warm = clv.fit_paretonbd(x, t_x, T, start=(fit.r, fit.alpha, fit.s, fit.beta))
    assert fit.loglik == pytest.approx(warm.loglik, rel=1e-9)
    assert [fit.r, fit.alpha, fit.s, fit.beta] == pytest.approx([warm.r, warm.alpha, warm.s, warm.beta], rel=1e-3)
    _, slope = clv._paretonbd_objective(np.log([fit.r, fit.alpha, fit.s, fit.beta]), clv._ParetoData.of(x, t_x, T))
    assert np.all(np.abs(slope) < clv._FLAT)


@pytest.mark.parametrize("box", [0.2, 0.5, 3.0])
def test_lbfgsb_in_steps_reaches_the_same_optimum_with_any_box(box: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small boxes make the search cross many box sides on its way: every size ends at the same
    optimum.  (With the whole range as its box, the first step goes to a corner and the search
    stops there, which is why the box is there.)"""
    x, t_x, T = _shop(TRUTHS[2], n=2000, seed=5)
    data = clv._ParetoData.of(x, t_x, T)
    bounds = [clv._LOG_BOUNDS, clv._LOG_BOUNDS, (clv._LOG_BOUNDS[0], np.log(clv.PARETO_MAX_S)), clv._LOG_BOUNDS]
    lower, upper = np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])
    reference = clv.fit_paretonbd(x, t_x, T)
    monkeypatch.setattr(clv, "_STEP_BOX", box)
    start = np.log([0.3, 2.0, 0.3, 10.0])  # several boxes of 0.2 away from the optimum in every parameter
    result = clv._lbfgsb_in_steps(data, start, lower, upper)
    assert result is not None
    assert -result.fun == pytest.approx(reference.loglik, rel=1e-9)
    assert np.exp(result.x) == pytest.approx([reference.r, reference.alpha, reference.s, reference.beta], rel=2e-3)


def test_initial_simplex_moves_every_parameter_and_stays_inside_the_bounds() -> None:
    lower, upper = np.full(4, -2.0), np.array([2.0, 2.0, 0.5, 2.0])
    centre = np.array([0.0, 1.5, 0.0, -2.0])
    simplex = clv._initial_simplex(centre, lower, upper)
    assert simplex.shape == (5, 4)
    assert np.array_equal(simplex[0], centre)
    assert np.all(np.abs(simplex[1:] - centre) == np.eye(4))
    assert np.all((simplex >= lower) & (simplex <= upper))


def _loglik_by_mpmath(r: float, alpha: float, s: float, beta: float, x: int, t_x: float, T: float) -> float:
    """The Pareto/NBD likelihood (Fader, Hardie & Lee 2005, eq. 2 with A0) at 40 digits, mpmath's 2F1
    in the original form (no transformation; the difference of the two terms taken at 40 digits)."""
    mp.mp.dps = 40
    r_, a_, s_, b_ = (mp.mpf(v) for v in (r, alpha, s, beta))
    rx, k = r_ + x, r_ + s_ + x
    common = mp.loggamma(rx) - mp.loggamma(r_) + r_ * mp.log(a_) + s_ * mp.log(b_)
    alive = (a_ + T) ** (-rx) * (b_ + T) ** (-s_)
    big, small, second = (a_, b_, s_ + 1) if alpha >= beta else (b_, a_, rx)

    def term(t: float) -> mp.mpf:
        return mp.hyp2f1(k, second, k + 1, (big - small) / (big + t)) / (big + t) ** k

    gone = s_ / k * (term(t_x) - term(T))
    return float(common + mp.log(alive + gone))


near_one = st.one_of(st.floats(0.2, 3.0), st.sampled_from([1.0, 1.0 - 1e-9, 1.0 + 1e-7, 0.999, 1.001]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    r=near_one, s=near_one, alpha=st.floats(0.5, 200.0), beta_over_alpha=st.one_of(
        st.floats(0.02, 50.0), st.sampled_from([1.0, 1.0 + 1e-9, 1.0 - 1e-6])),
    x=st.integers(0, 400), weeks_after_last=st.floats(0.0, 60.0), share=st.floats(0.0, 1.0),
)
def test_paretonbd_likelihood_matches_mpmath_including_r_and_s_near_one(
    r: float, s: float, alpha: float, beta_over_alpha: float, x: int, weeks_after_last: float, share: float
) -> None:
    """scipy's 2F1 in the grouped likelihood the fit maximises, against the definition at 40 digits,
    also at r ~ s ~ 1 and alpha ~ beta (integer c - a - b, z ~ 0: 2F1's special cases).  Histories
    a shop can have: x repeat visits are x distinct days after the first, so t_x >= x / 7 weeks.
    (Outside that, e.g. 100 repeat visits within one week, scipy's 2F1 overflows to inf.)"""
    beta = alpha * beta_over_alpha
    t_x = x / 7.0 + share * 20.0 if x else 0.0
    T = t_x + weeks_after_last + 1 / 7
    want = _loglik_by_mpmath(r, alpha, s, beta, x, t_x, T)
    arrays = (np.array([float(x)]), np.array([t_x]), np.array([T]))
    got = clv.paretonbd_loglik_terms(r, alpha, s, beta, *arrays)[0]
    assert got == pytest.approx(want, rel=1e-9, abs=1e-9)
    grouped = -clv._paretonbd_minus_loglik(np.log([r, alpha, s, beta]), clv._ParetoData.of(*arrays))
    assert grouped == pytest.approx(want, rel=1e-9, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    k=st.one_of(st.floats(0.05, 500.0), st.sampled_from([1.0, 2.0, 2.0 + 1e-9, 101.0])),
    share=st.one_of(st.floats(0.001, 0.999), st.sampled_from([0.5, 1.0 - 1e-9])),
    z=st.one_of(st.floats(0.0, clv._SERIES_MAX_Z), st.sampled_from([0.0, 1e-12, 0.9, clv._SERIES_MAX_Z])),
    block=st.sampled_from([1, 3, 16, 64]),
)
def test_log_hyp2f1_series_matches_mpmath_and_scipy_where_scipy_is_finite(k: float, share: float, z: float, block: int) -> None:
    """The series (summed in blocks of any size, stopping mid-block or not) against mpmath at 40
    digits, and against scipy's 2F1 (its fast twin) wherever scipy gives a number."""
    from scipy.special import hyp2f1

    b = share * (k + 1.0)  # 0 < b < k + 1, as for b = s + 1 and b = r + x
    got = clv._log_hyp2f1_series(np.array([k]), np.array([b]), np.array([z]), block=block)[0]
    mp.mp.dps = 40
    want = float(mp.log(mp.hyp2f1(mp.mpf(k), mp.mpf(b), mp.mpf(k) + 1, mp.mpf(z))))
    assert got == pytest.approx(want, rel=1e-12, abs=1e-13)
    with np.errstate(all="ignore"):
        theirs = np.log(hyp2f1(k, b, k + 1.0, z))
    if np.isfinite(theirs):
        assert got == pytest.approx(theirs, rel=1e-9, abs=1e-10)
    both = clv._log_hyp2f1_last(np.array([k, k]), np.array([b, b]), np.array([z, z]))
    assert both[0] == both[1] == pytest.approx(want, rel=1e-9, abs=1e-10)


def test_log_hyp2f1_takes_the_series_where_scipy_overflows() -> None:
    """A member with 102 repeat visits in 14.6 weeks at r = s = 1, alpha = 9, beta = 225: 2F1 is about
    1e104, which scipy returns as NaN (and as inf at k = 100, z = 0.95); near z = 1 and for NaN
    scipy's answer stands."""
    from scipy.special import hyp2f1

    z_member = 216 / (225 + 102 / 7)
    k = np.array([104.0, 100.0, 3.0, 3.0])
    b, z = np.array([103.0, 99.0, 1.5, 1.5]), np.array([z_member, 0.95, 0.995, np.nan])
    with np.errstate(all="ignore"):
        assert not np.any(np.isfinite(hyp2f1(k[:2], b[:2], k[:2] + 1, z[:2])))
    got = clv._log_hyp2f1_last(k, b, z)
    mp.mp.dps = 40
    assert got[0] == pytest.approx(float(mp.log(mp.hyp2f1(104, 103, 105, mp.mpf(z_member)))), rel=1e-12)
    assert got[1] == pytest.approx(float(mp.log(mp.hyp2f1(100, 99, 101, mp.mpf(0.95)))), rel=1e-12)
    assert got[2] == np.log(hyp2f1(3.0, 1.5, 4.0, 0.995))
    assert np.isnan(got[3])
