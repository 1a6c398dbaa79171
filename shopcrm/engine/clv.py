"""Customer lifetime value: BG/NBD for visits and Gamma-Gamma for spend per visit.

Both models are fitted by maximum likelihood with scipy (analytic gradients, L-BFGS-B on the log of
each parameter so they stay positive).  Time is measured in weeks, as in the published fits, so the
parameters can be compared with Fader, Hardie & Lee (2005) and Fader & Hardie (2013).

Per customer: x = repeat visits (visit days after the first), t_x = weeks from the first to the last
visit, T = weeks from the first visit to the end of the calibration period; m = average spend of the
repeat visits (Gamma-Gamma uses customers with x >= 1 only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln, hyp2f1

FloatArray = np.ndarray

# Parameters outside these bounds mean the optimiser ran off to a degenerate corner.
_LOG_BOUNDS = (np.log(1e-6), np.log(1e6))


@dataclass(frozen=True)
class BgNbdFit:
    r: float
    alpha: float
    a: float
    b: float
    loglik: float
    customers: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


@dataclass(frozen=True)
class GammaGammaFit:
    p: float
    q: float
    gamma: float
    loglik: float
    customers: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


class FitFailed(Exception):
    """The likelihood could not be maximised (no convergence, degenerate parameters)."""


def _dot(u: FloatArray, v: FloatArray) -> float:
    """Sum of products without BLAS: a threaded BLAS dot of 50,000 numbers stalls on a busy 2-core PC."""
    return float(np.multiply(u, v).sum())


@dataclass(frozen=True)
class _Grouped:
    """A per-customer column as its distinct values plus each customer's index into them.

    Visits, weeks and repeat counts take few distinct values (whole days), so special functions and
    logs of them are evaluated once per distinct value instead of once per customer.
    """

    values: FloatArray
    index: np.ndarray

    @classmethod
    def of(cls, column: FloatArray) -> _Grouped:
        values, index = np.unique(column, return_inverse=True)
        return cls(values, index)


def _distinct_rows(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The distinct rows of equal-length columns in np.unique(axis=0)'s (lexicographic) order, each
    row's index into them, and how many rows each has.  Ranks each column, then one integer key: many
    times faster than np.unique(axis=0), which sorts the rows as raw bytes."""
    key = np.zeros(columns[0].size, dtype=np.int64)
    for column in columns:
        values, index = np.unique(column, return_inverse=True)
        key = np.unique(key * values.size + index.reshape(-1), return_inverse=True)[1].reshape(-1)
    _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    return [column[first] for column in columns], inverse.reshape(-1), counts


# --------------------------------------------------------------------------------------------- BG/NBD


def bgnbd_loglik_terms(
    r: float, alpha: float, a: float, b: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """Each customer's log-likelihood (FHL 2005 eq. 6 written with logs for stability)."""
    x = np.asarray(x, dtype=float)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    a4 = np.full_like(a3, -np.inf)
    xr = x[repeat]
    a4[repeat] = np.log(a) - np.log(b + xr - 1) - (r + xr) * np.log(alpha + t_x[repeat])
    return a1 + a2 + np.logaddexp(a3, a4)


@dataclass(frozen=True)
class _BgNbdData:
    x: FloatArray
    repeat: np.ndarray
    xg: _Grouped
    x_weight: FloatArray  # customers per distinct x
    tg: _Grouped  # T
    txg: _Grouped  # t_x

    @classmethod
    def of(cls, x: FloatArray, t_x: FloatArray, T: FloatArray) -> _BgNbdData:
        xg = _Grouped.of(x)
        return cls(x, x > 0, xg, np.bincount(xg.index).astype(float), _Grouped.of(T), _Grouped.of(t_x))


def _bgnbd_objective(log_params: FloatArray, d: _BgNbdData) -> tuple[float, FloatArray]:
    """Minus the log-likelihood and its gradient with respect to the log-parameters."""
    r, alpha, a, b = np.exp(log_params)
    n = float(d.x.size)
    ux, wx = d.xg.values, d.x_weight
    # terms that depend on x only, summed over distinct x
    ll = (
        _dot(wx, gammaln(r + ux) + gammaln(b + ux) - gammaln(a + b + ux))
        + n * (-gammaln(r) + r * np.log(alpha) + gammaln(a + b) - gammaln(b))
    )
    psi_abx = digamma(a + b + ux)
    g_r = _dot(wx, digamma(r + ux)) + n * (np.log(alpha) - digamma(r))
    g_a = n * digamma(a + b) - _dot(wx, psi_abx)
    g_b = n * (digamma(a + b) - digamma(b)) + _dot(wx, digamma(b + ux) - psi_abx)
    # the mixture term, per customer
    x, repeat = d.x, d.repeat
    log_at = np.log(alpha + d.tg.values)[d.tg.index]
    log_atx = np.log(alpha + d.txg.values)[d.txg.index]
    inv_bx = (1.0 / (b + np.maximum(ux - 1, 0)))[d.xg.index]
    a3 = -(r + x) * log_at
    a4 = np.where(repeat, np.log(a) + np.log(inv_bx) - (r + x) * log_atx, -np.inf)
    mix = np.logaddexp(a3, a4)
    # share of the "still alive at T" branch; values below e^-700 are flushed to zero because
    # subnormal floats make every later vector operation many times slower
    gap = a3 - mix
    w3 = np.where(gap > -700.0, np.exp(np.maximum(gap, -700.0)), 0.0)
    w4 = 1.0 - w3
    ll += mix.sum()
    g_r -= _dot(w3, log_at) + _dot(w4, log_atx)
    g_alpha = n * r / alpha - _dot(
        r + x, w3 / (alpha + d.tg.values)[d.tg.index] + w4 / (alpha + d.txg.values)[d.txg.index]
    )
    g_a += w4.sum() / a
    g_b -= _dot(w4, inv_bx)
    grad = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
    return -float(ll), -grad


def _maximise(
    objective: Callable[[FloatArray, Any], tuple[float, FloatArray]], start: FloatArray, data: Any
) -> FloatArray:
    """Minimise `objective(log_params, data)` (minus the log-likelihood) over the log-parameters."""
    result = minimize(
        objective, start, args=(data,), jac=True, method="L-BFGS-B",
        bounds=[_LOG_BOUNDS] * len(start), options={"maxiter": 500, "ftol": 1e-12, "gtol": 1e-6},
    )
    params = result.x
    if not np.all(np.isfinite(params)) or not np.isfinite(result.fun):
        raise FitFailed("the likelihood is not finite")
    # status 2 (no further progress in the line search) is how L-BFGS-B usually stops at the optimum
    if result.status not in (0, 2):
        raise FitFailed(str(result.message))
    if np.any(params <= _LOG_BOUNDS[0] + 1e-3) or np.any(params >= _LOG_BOUNDS[1] - 1e-3):
        raise FitFailed("a parameter ran to the edge of its range")
    return np.exp(params)


def fit_bgnbd(
    x: FloatArray, t_x: FloatArray, T: FloatArray, start: tuple[float, ...] | None = None
) -> BgNbdFit:
    """Maximum-likelihood BG/NBD; `start` (r, alpha, a, b) may be a previous fit to converge faster."""
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float)
    T = np.asarray(T, dtype=float)
    if x.size == 0:
        raise FitFailed("no customers")
    data = _BgNbdData.of(x, t_x, T)
    if start is None:
        mean_T = float(np.mean(T)) or 1.0
        start = (1.0, mean_T, 1.0, 1.0)
    params = _maximise(_bgnbd_objective, np.log(np.asarray(start, dtype=float)), data)
    r, alpha, a, b = (float(v) for v in params)
    loglik = float(bgnbd_loglik_terms(r, alpha, a, b, x, t_x, T).sum())
    return BgNbdFit(r=r, alpha=alpha, a=a, b=b, loglik=loglik, customers=int(x.size))


def _dropout_odds(fit: BgNbdFit, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """Odds that a customer has dropped out by T (0 without a repeat visit: BG/NBD drops out only after one)."""
    x = np.asarray(x, dtype=float)
    repeat = x > 0
    odds = np.zeros_like(x)
    xr = x[repeat]
    odds[repeat] = np.exp(
        np.log(fit.a) - np.log(fit.b + xr - 1)
        + (fit.r + xr) * (np.log(fit.alpha + T[repeat]) - np.log(fit.alpha + t_x[repeat]))
    )
    return odds


def p_alive(fit: BgNbdFit, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """P(still a customer | x, t_x, T) (FHL 2005, appendix); 1 for customers with no repeat visit."""
    return 1.0 / (1.0 + _dropout_odds(fit, x, t_x, T))


def expected_visits(fit: BgNbdFit, t: float, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """Expected visits in the next t weeks given the history (FHL 2005 eq. 10).

    The factor ((alpha+T)/(alpha+T+t))^(r+x) * 2F1(r+x, b+x; a+b+x-1; z), z = t/(alpha+T+t), is
    evaluated after Euler's transformation as ((alpha+T)/(alpha+T+t))^(a-1) *
    2F1(a+b-1-r, a-1; a+b+x-1; z): the same value, but the series now has small parameters, a
    large third one and 0 <= z < 1, so it converges fast and stays exact for the most frequent
    members, where the original form multiplies a huge 2F1 by a tiny power (and scipy's 2F1 for
    the equivalent Pfaff form with z < -1 returns NaN).
    """
    r, alpha, a, b = fit.r, fit.alpha, fit.a, fit.b
    x = np.asarray(x, dtype=float)
    T = np.asarray(T, dtype=float)
    z = t / (alpha + T + t)
    hyp = ((alpha + T) / (alpha + T + t)) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    numerator = (a + b + x - 1) / (a - 1) * (1.0 - hyp)
    return numerator / (1.0 + _dropout_odds(fit, x, t_x, T))


# --------------------------------------------------------------------------------------- Gamma-Gamma


def gammagamma_loglik_terms(p: float, q: float, gamma: float, x: FloatArray, m: FloatArray) -> FloatArray:
    """Each repeat customer's log-likelihood of its average spend m over x visits (FH 2013 eq. 3)."""
    px = p * x
    return (
        gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
        + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(gamma + m * x)
    )


@dataclass(frozen=True)
class _GammaGammaData:
    x: FloatArray
    m: FloatArray
    log_m: FloatArray
    xg: _Grouped
    x_weight: FloatArray
    x_log_xm: float  # sum of x * (ln m + ln x)
    log_m_sum: float

    @classmethod
    def of(cls, x: FloatArray, m: FloatArray) -> _GammaGammaData:
        xg = _Grouped.of(x)
        log_m = np.log(m)
        return cls(
            x, m, log_m, xg, np.bincount(xg.index).astype(float),
            _dot(x, log_m + np.log(x)), float(log_m.sum()),
        )


def _gg_objective(log_params: FloatArray, d: _GammaGammaData) -> tuple[float, FloatArray]:
    p, q, gamma = np.exp(log_params)
    n = float(d.x.size)
    ux, wx = d.xg.values, d.x_weight
    pux = p * ux
    log_gmx = np.log(gamma + d.m * d.x)
    ll = (
        _dot(wx, gammaln(pux + q) - gammaln(pux)) + n * (q * np.log(gamma) - gammaln(q))
        + p * d.x_log_xm - d.log_m_sum - _dot(p * d.x + q, log_gmx)
    )
    psi_q = digamma(pux + q)
    d_p = _dot(wx * ux, psi_q - digamma(pux)) + d.x_log_xm - _dot(d.x, log_gmx)
    d_q = _dot(wx, psi_q) - n * digamma(q) + n * np.log(gamma) - log_gmx.sum()
    d_gamma = n * q / gamma - ((p * d.x + q) / (gamma + d.m * d.x)).sum()
    grad = np.array([d_p * p, d_q * q, d_gamma * gamma])
    return -float(ll), -grad


def fit_gammagamma(
    x: FloatArray, m: FloatArray, start: tuple[float, ...] | None = None
) -> GammaGammaFit:
    """Maximum-likelihood Gamma-Gamma on customers with x >= 1 and a positive average spend."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(m, dtype=float)
    keep = (x > 0) & (m > 0) & np.isfinite(m)
    x, m = x[keep], m[keep]
    if x.size == 0:
        raise FitFailed("no repeat customers")
    if start is None:
        start = (1.0, 1.0, float(np.mean(m)))
    params = _maximise(_gg_objective, np.log(np.asarray(start, dtype=float)), _GammaGammaData.of(x, m))
    p, q, gamma = (float(v) for v in params)
    loglik = float(gammagamma_loglik_terms(p, q, gamma, x, m).sum())
    return GammaGammaFit(p=p, q=q, gamma=gamma, loglik=loglik, customers=int(x.size))


def expected_spend_per_visit(fit: GammaGammaFit, x: FloatArray, m: FloatArray) -> FloatArray:
    """E[spend per visit | x, m] = p (gamma + m x) / (p x + q - 1); the population mean where x = 0."""
    x = np.asarray(x, dtype=float)
    m = np.where(np.isfinite(m) & (x > 0), m, 0.0)
    return fit.p * (fit.gamma + m * x) / (fit.p * x + fit.q - 1)



# ------------------------------------------------------------------------------------------ Pareto/NBD


@dataclass(frozen=True)
class ParetoNbdFit:
    r: float
    alpha: float
    s: float
    beta: float
    loglik: float
    customers: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


# The shape of the gamma spread of dropout rates is capped: when a shop's members drop out at much the
# same rate the likelihood keeps rising, ever so little, as s and beta grow together (their ratio, the
# mean dropout rate, stays put), and 2F1 gets slow out there.  At s = 30 the rates vary by +-18 %.
PARETO_MAX_S = 30.0


_SERIES_MAX_Z = 0.99  # beyond this the series needs over 3,600 terms


def _log_hyp2f1_last(k: FloatArray, b: FloatArray | float, z: FloatArray) -> FloatArray:
    """log 2F1(k, b; k+1; z) for k > 0, 0 < b < k + 1 and 0 <= z < 1, elementwise: scipy's 2F1, and
    _log_hyp2f1_series where that overflows (a member with 100 visits when alpha << beta: the value
    is ~1e100, scipy says inf) or fails.  scipy's is 1.1-2.7x faster on the large demo shop."""
    k, b, z = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(k, b, z))
    with np.errstate(all="ignore"):
        value = hyp2f1(k, b, k + 1.0, z)
        out = np.log(value)
    failed = ~(np.isfinite(value) & (value > 0)) & (z >= 0.0) & (z <= _SERIES_MAX_Z) & np.isfinite(k) & np.isfinite(b)
    if np.any(failed):
        out[failed] = _log_hyp2f1_series(k[failed], b[failed], z[failed])
    return out


def _log_hyp2f1_series(k: FloatArray, b: FloatArray, z: FloatArray, block: int = 16) -> FloatArray:
    """log 2F1(k, b; k+1; z) for k > 0, 0 < b < k + 1 and 0 <= z <= _SERIES_MAX_Z (finite), elementwise.

    Euler's transformation gives (1-z)^(1-b) 2F1(1, k+1-b; k+1; z), whose series has positive terms
    falling by a factor below z each: summed (checked every `block` terms) until the next term is
    below 1e-17 of the sum times 1-z, which bounds the rest, it is exact to rounding, whatever the
    size of the value and also at integer c - a - b (r or s at 1), scipy's special cases.
    """
    c: FloatArray = k + 1.0
    c_low: FloatArray = k + 1.0 - b
    zz: FloatArray = z.copy()
    total: FloatArray = np.ones(z.size)
    term: FloatArray = np.ones(z.size)
    tolerance = 1e-17 * (1.0 - zz)
    done_total = np.ones(z.size)
    active = np.arange(z.size)
    n = 0
    while active.size:
        for _ in range(block):
            term *= zz * (c_low + n) / (c + n)
            total += term
            n += 1
        done = term <= tolerance * total
        done_total[active[done]] = total[done]
        keep = ~done
        active = active[keep]
        c, c_low, zz, term, total, tolerance = (v[keep] for v in (c, c_low, zz, term, total, tolerance))
    return np.asarray((1.0 - b) * np.log1p(-z) + np.log(done_total))


def _paretonbd_parts(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(common, alive, gone): log-likelihood = common + log(e^alive + e^gone).

    alive: the customer is still active at T; gone: dropped out between the last visit t_x and T.
    The "gone" term is s/(r+s+x) * A0 of Fader, Hardie & Lee (2005, "A note on deriving the
    Pareto/NBD model"), written with the Gauss series whose argument lies in [0, 1): for alpha >= beta
    it is (alpha-beta)/(alpha+t), otherwise (beta-alpha)/(beta+t).  A0 is a difference of two such
    terms (at t_x and at T); it is taken in logs so that the term stays finite for frequent members.
    """
    x = np.asarray(x, dtype=float)
    rsx = r + s + x
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    second: float | FloatArray
    if alpha >= beta:
        big, small, second = alpha, beta, s + 1.0
    else:
        big, small, second = beta, alpha, r + x

    def log_term(t: FloatArray) -> FloatArray:
        return _log_hyp2f1_last(rsx, second, (big - small) / (big + t)) - rsx * np.log(big + t)

    at_tx, at_T = log_term(t_x), log_term(T)
    # log(e^at_tx - e^at_T); at_T <= at_tx, equal only when t_x == T (then nothing can have dropped out)
    diff = at_T - at_tx
    with np.errstate(divide="ignore"):
        gone = np.log(s) - np.log(rsx) + at_tx + np.log(-np.expm1(np.minimum(diff, 0.0)))
    return common, alive, gone


def paretonbd_loglik_terms(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> FloatArray:
    """Each customer's Pareto/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 2 and A0)."""
    common, alive, gone = _paretonbd_parts(r, alpha, s, beta, x, t_x, T)
    return common + np.logaddexp(alive, gone)


@dataclass(frozen=True)
class _ParetoData:
    """Customers with the same (x, t_x, T) share one likelihood term: whole days repeat a lot.

    Within the distinct triples, each piece of the likelihood is evaluated once per distinct value it
    depends on and gathered: gammaln(r+x) per x, the logs of alpha+t and beta+t per t, and the costly
    2F1 per distinct (x, t_x) and (x, T) pair (about half as many as triples).  Each gathered value
    is the one the per-customer formula computes for that customer, so the terms are the same.
    """

    x: FloatArray
    t_x: FloatArray
    T: FloatArray
    weight: FloatArray
    xg: _Grouped  # x of each triple
    tg: _Grouped  # t_x and T of each triple, in one set of distinct values (first t_x, then T)
    at_tx: _Grouped  # distinct (x, t_x) pairs: index into xg.values and tg.values per pair, pair per triple
    at_T: _Grouped

    @classmethod
    def of(cls, x: FloatArray, t_x: FloatArray, T: FloatArray, weight: FloatArray | None = None) -> _ParetoData:
        """`weight`: customers per row when the rows are already distinct triples."""
        if weight is None:
            (x, t_x, T), _, counts = _distinct_rows(x, t_x, T)
            weight = counts.astype(float)
        xg = _Grouped.of(x)
        tg = _Grouped.of(np.concatenate([t_x, T]))
        n = x.size
        return cls(x, t_x, T, weight, xg, tg, _pairs(xg.index, tg.index[:n]), _pairs(xg.index, tg.index[n:]))


def _pairs(x_index: np.ndarray, t_index: np.ndarray) -> _Grouped:
    """Distinct (x, t) pairs as rows of two indices (x's, t's), and each triple's pair."""
    if x_index.size == 0:
        return _Grouped(np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64))
    (px, pt), index, _ = _distinct_rows(x_index, t_index)
    return _Grouped(np.column_stack([px, pt]), index)


def _paretonbd_parts_grouped(
    r: float, alpha: float, s: float, beta: float, d: _ParetoData
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """_paretonbd_parts for the triples of `d`, each distinct value's function evaluated once."""
    ux, ut = d.xg.values, d.tg.values
    x, xi = d.x, d.xg.index
    n = x.size
    ti_x, ti_T = d.tg.index[:n], d.tg.index[n:]
    rsx = r + s + x
    common = (gammaln(r + ux) - gammaln(r) + r * np.log(alpha) + s * np.log(beta))[xi]
    alive = -(r + x) * np.log(alpha + ut)[ti_T] - s * np.log(beta + ut)[ti_T]
    if alpha >= beta:
        big, small = alpha, beta
    else:
        big, small = beta, alpha
    log_big_t = np.log(big + ut)
    z = (big - small) / (big + ut)

    def log_term(pairs: _Grouped, ti: np.ndarray) -> FloatArray:
        px, pt = pairs.values[:, 0], pairs.values[:, 1]
        p_rsx = r + s + ux[px]
        p_second = s + 1.0 if alpha >= beta else r + ux[px]
        return _log_hyp2f1_last(p_rsx, p_second, z[pt])[pairs.index] - rsx * log_big_t[ti]

    at_tx, at_T = log_term(d.at_tx, ti_x), log_term(d.at_T, ti_T)
    diff = at_T - at_tx
    with np.errstate(divide="ignore"):
        gone = np.log(s) - np.log(rsx) + at_tx + np.log(-np.expm1(np.minimum(diff, 0.0)))
    return common, alive, gone


def _paretonbd_minus_loglik(log_params: FloatArray, d: _ParetoData) -> float:
    r, alpha, s, beta = np.exp(log_params)
    with np.errstate(over="ignore", invalid="ignore"):
        common, alive, gone = _paretonbd_parts_grouped(r, alpha, s, beta, d)
        terms = common + np.logaddexp(alive, gone)
    total = _dot(d.weight, terms)
    return -total if np.isfinite(total) else 1e300


def _paretonbd_objective(log_params: FloatArray, d: _ParetoData) -> tuple[float, FloatArray]:
    """Minus the log-likelihood and its central-difference gradient in the log-parameters."""
    value = _paretonbd_minus_loglik(log_params, d)
    grad = np.empty_like(log_params)
    for i in range(log_params.size):
        step = np.zeros_like(log_params)
        step[i] = 1e-5
        grad[i] = (_paretonbd_minus_loglik(log_params + step, d) - _paretonbd_minus_loglik(log_params - step, d)) / 2e-5
    return value, grad


def _at_edge(log_params: FloatArray, tolerance: float) -> bool:
    """r, alpha or beta at the edge of its range (s may rest at its cap: a dropout rate shared by all)."""
    free = log_params[[0, 1, 3]]
    return bool(np.any(free <= _LOG_BOUNDS[0] + tolerance) or np.any(free >= _LOG_BOUNDS[1] - tolerance))


def fit_paretonbd(
    x: FloatArray, t_x: FloatArray, T: FloatArray, start: tuple[float, ...] | None = None
) -> ParetoNbdFit:
    """Maximum-likelihood Pareto/NBD; `start` (r, alpha, s, beta) may be a previous fit."""
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float)
    T = np.asarray(T, dtype=float)
    if x.size == 0:
        raise FitFailed("no customers")
    data = _ParetoData.of(x, t_x, T)
    bounds = [_LOG_BOUNDS, _LOG_BOUNDS, (_LOG_BOUNDS[0], np.log(PARETO_MAX_S)), _LOG_BOUNDS]
    lower, upper = [b[0] for b in bounds], [b[1] for b in bounds]
    result = None
    if start is not None:
        result = _fit_from_previous(data, np.clip(np.log(np.asarray(start, dtype=float)), lower, upper), bounds)
    if result is None:
        mean_T = float(np.mean(T)) or 1.0
        result = _fit_from_afar(data, start or (1.0, mean_T, 1.0, mean_T), bounds)
    if _at_edge(result.x, tolerance=1e-3):
        raise FitFailed("a parameter ran to the edge of its range")
    r, alpha, s, beta = (float(v) for v in np.exp(result.x))
    loglik = -_paretonbd_minus_loglik(result.x, data)
    if not np.isfinite(loglik) or loglik <= -1e300:
        raise FitFailed("the likelihood is not finite")
    return ParetoNbdFit(r=r, alpha=alpha, s=s, beta=beta, loglik=loglik, customers=int(x.size))


_LBFGS = {"maxiter": 300, "ftol": 1e-13, "gtol": 1e-5}
_FLAT = 0.1  # slope of the log-likelihood in each log-parameter below which a warm fit is at its optimum


def _fit_from_previous(data: _ParetoData, first: FloatArray, bounds: list[tuple[float, float]]) -> Any:
    """L-BFGS-B straight from a previous fit, or None when that does not end cleanly at a better point.

    A previous snapshot's fit is already in the basin (a day's sales move the optimum very little), so
    the coarse Nelder-Mead of _fit_from_afar only costs evaluations there (81 against 27 on the large
    demo shop) and, stopping at 1e-2, it can even leave L-BFGS-B a worse end point than this.
    """
    before = _paretonbd_minus_loglik(first, data)
    if before >= 1e300:
        return None
    result = minimize(_paretonbd_objective, first, args=(data,), jac=True, method="L-BFGS-B", bounds=bounds,
                      options=_LBFGS)
    if result.status != 0 or not np.all(np.isfinite(result.x)) or not result.fun <= before:
        return None
    # "Converged" can also mean that the first steps ran off to where 2F1 overflows and the line search
    # gave up where it began: an optimum is where the slope is flat (at the large demo shop's optimum
    # it is below 0.005 per unit of log-parameter, against 40-100 a few per cent away).
    if not np.all(np.abs(result.jac) < _FLAT):
        return None
    if _at_edge(result.x, tolerance=2e-2):
        return None
    return result


def _fit_from_afar(data: _ParetoData, start: tuple[float, ...], bounds: list[tuple[float, float]]) -> Any:
    """A coarse Nelder-Mead finds the basin, then L-BFGS-B with central differences converges.

    The likelihood has no gradient in closed form (2F1 differentiated in its parameters), and from a
    poor start quasi-Newton steps run off to the corners of the box, where 2F1 is slow (2-3 s per
    likelihood on the large demo shop) and overflows.  Nelder-Mead's own first simplex moves a
    coordinate of 0 by 0.00025 only (log 1 = 0: r and s from their start of 1), so it is given one
    that moves each log-parameter by 1.
    """
    lower, upper = np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])
    first = np.clip(np.log(np.asarray(start, dtype=float)), lower, upper)
    coarse = minimize(_paretonbd_minus_loglik, first, args=(data,), method="Nelder-Mead", bounds=bounds,
                      options={"xatol": 1e-2, "fatol": 1e-2, "maxfev": 4000,
                               "initial_simplex": _initial_simplex(first, lower, upper)})
    # Already at the edge of a range: the likelihood rises without end that way (a short history, where
    # dropout cannot be told from a long gap).  The fine fit ends there too and is refused below, but
    # out there 2F1 converges slowly: on 3 months of a 10,000-member shop it took 30 s to say so.
    if _at_edge(coarse.x, tolerance=2e-2):
        raise FitFailed("a parameter ran to the edge of its range")
    result = _lbfgsb_in_steps(data, coarse.x, lower, upper)
    if result is None or result.fun > coarse.fun or not np.all(np.abs(result.jac) < _FLAT):
        fine = minimize(_paretonbd_minus_loglik, coarse.x, args=(data,), method="Nelder-Mead", bounds=bounds,
                        options={"xatol": 1e-6, "fatol": 1e-8, "maxiter": 4000, "maxfev": 8000,
                                 "initial_simplex": _initial_simplex(coarse.x, lower, upper, 0.1)})
        if not fine.success:
            raise FitFailed(str(fine.message))
        result = fine if result is None or fine.fun < result.fun else result
    if not np.all(np.isfinite(result.x)) or result.fun >= 1e300:
        raise FitFailed("the likelihood is not finite")
    return result


def _initial_simplex(centre: FloatArray, lower: FloatArray, upper: FloatArray, step: float = 1.0) -> FloatArray:
    """`centre` and one vertex `step` away along each log-parameter, inward where a bound is near."""
    simplex = np.tile(centre, (centre.size + 1, 1))
    for i in range(centre.size):
        simplex[i + 1, i] += step if centre[i] + step <= upper[i] else -step
    return np.clip(simplex, lower, upper)


_STEP_BOX = 1.0  # how far (in each log-parameter) one L-BFGS-B run may go from where it starts


def _lbfgsb_in_steps(data: _ParetoData, first: FloatArray, lower: FloatArray, upper: FloatArray) -> Any:
    """L-BFGS-B in a box of +-_STEP_BOX around its start, moved on while it ends on the box's side.

    Its first step goes as far as the bounds allow along the gradient; in the full box that is a
    corner 10^6 away (where one likelihood takes seconds and the line search gives up).  The small
    box keeps every step near the last point, and the search still reaches any interior optimum.
    """
    centre = first
    result = None
    for _ in range(30):
        box_lower, box_upper = np.maximum(lower, centre - _STEP_BOX), np.minimum(upper, centre + _STEP_BOX)
        result = minimize(_paretonbd_objective, centre, args=(data,), jac=True, method="L-BFGS-B",
                          bounds=list(zip(box_lower, box_upper, strict=True)), options=_LBFGS)
        if result.status not in (0, 2) or not np.all(np.isfinite(result.x)) or not np.isfinite(result.fun):
            return None
        on_side = ((result.x <= box_lower + 1e-6) & (box_lower > lower)) | ((result.x >= box_upper - 1e-6) & (box_upper < upper))
        if not np.any(on_side):
            return result
        centre = result.x
    return None


def paretonbd_p_alive(fit: ParetoNbdFit, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """P(still a customer | x, t_x, T): the share of the "alive at T" branch in the likelihood.

    Unlike BG/NBD it falls for one-visit customers too, and for every customer it falls as T - t_x
    (the time since the last visit) grows.
    """
    _, alive, gone = _paretonbd_parts(fit.r, fit.alpha, fit.s, fit.beta, x, np.asarray(t_x, float), np.asarray(T, float))
    return np.exp(alive - np.logaddexp(alive, gone))


def paretonbd_expected_visits(fit: ParetoNbdFit, t: float, x: FloatArray, t_x: FloatArray, T: FloatArray) -> FloatArray:
    """Expected visits in the next t weeks given the history (Schmittlein, Morrison & Colombo 1987):
    P(alive) * (r+x)(beta+T) / ((alpha+T)(s-1)) * (1 - ((beta+T)/(beta+T+t))^(s-1)), whose limit at
    s = 1 is P(alive) * (r+x)(beta+T)/(alpha+T) * ln((beta+T+t)/(beta+T))."""
    x = np.asarray(x, dtype=float)
    T = np.asarray(T, dtype=float)
    log_u = np.log(fit.beta + T) - np.log(fit.beta + T + t)  # < 0
    s1 = fit.s - 1.0
    share = -log_u if abs(s1) < 1e-9 else -np.expm1(s1 * log_u) / s1
    rate = (fit.r + x) * (fit.beta + T) / (fit.alpha + T)
    return paretonbd_p_alive(fit, x, t_x, T) * rate * share


def paretonbd_predictions(
    fit: ParetoNbdFit, horizons: tuple[float, ...], x: FloatArray, t_x: FloatArray, T: FloatArray
) -> tuple[FloatArray, tuple[FloatArray, ...]]:
    """P(alive) and the expected visits in each of `horizons` (weeks), per customer: the values of
    paretonbd_p_alive and paretonbd_expected_visits, with P(alive) computed once (not once per
    horizon) and each distinct (x, t_x, T) evaluated once (customers share whole-day histories)."""
    x = np.asarray(x, dtype=float)
    t_x = np.asarray(t_x, dtype=float)
    T = np.asarray(T, dtype=float)
    if x.size == 0:
        return np.zeros(0), tuple(np.zeros(0) for _ in horizons)
    (ux, utx, uT), inverse, counts = _distinct_rows(x, t_x, T)
    d = _ParetoData.of(ux, utx, uT, counts.astype(float))
    _, alive, gone = _paretonbd_parts_grouped(fit.r, fit.alpha, fit.s, fit.beta, d)
    p = np.exp(alive - np.logaddexp(alive, gone))
    rate = (fit.r + ux) * (fit.beta + uT) / (fit.alpha + uT)
    s1 = fit.s - 1.0
    visits = []
    for t in horizons:
        log_u = np.log(fit.beta + uT) - np.log(fit.beta + uT + t)
        share = -log_u if abs(s1) < 1e-9 else -np.expm1(s1 * log_u) / s1
        visits.append((p * rate * share)[inverse])
    return p[inverse], tuple(visits)
