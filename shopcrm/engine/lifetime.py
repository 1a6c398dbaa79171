"""Lifetime value of every member: P(alive), expected visits in 90 / 365 days, predicted 1-year value.

Pareto/NBD, BG/NBD and Gamma-Gamma (shopcrm.engine.clv) are fitted on the shop's own history up to
T, in weeks.  P(alive) and the expected visits come from Pareto/NBD: BG/NBD lets a customer drop out
only right after a repeat visit, so it fixes P(alive) = 1 for everyone who bought once, however long
ago (SPEC §3).  The BG/NBD fit is kept for the `clv fit` report.  When the history is too thin (too
few customers or repeat customers) or Pareto/NBD does not converge, the summary says why and each
member's own visit rate in the window is projected instead (no P(alive) then).  Without a usable
Gamma-Gamma fit the spend per visit is the member's own average.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from shopcrm.engine import clv
from shopcrm.engine.frequency import observed_days
from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.reasons import Money, Phrase, ReasonBuilder, Reasons, Tenths, percent
from shopcrm.i18n import QT_TRANSLATE_NOOP

WEEK = 7.0


@dataclass(frozen=True)
class CustomerData:
    """BG/NBD inputs for the members who bought (index into the member arrays)."""

    index: np.ndarray
    x: np.ndarray  # repeat visits
    t_x: np.ndarray  # weeks from first to last visit
    T: np.ndarray  # weeks from first visit to T
    m: np.ndarray  # average spend of the repeat visits, currency units; NaN where x = 0


def customer_data(m: Metrics) -> CustomerData:
    index = np.flatnonzero(m.has_purchase)
    x = (m.visit_days[index] - 1).astype(float)
    first = m.first_day[index]
    repeat_spend = (m.total_spend[index] - m.first_day_spend[index]) / 100.0
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(x > 0, repeat_spend / np.where(x > 0, x, 1), np.nan)
    return CustomerData(
        index=index,
        x=x,
        t_x=(m.last_day[index] - first) / WEEK,
        T=(m.as_of - first) / WEEK,
        m=avg,
    )


@dataclass(frozen=True)
class Fits:
    bgnbd: clv.BgNbdFit | None
    gammagamma: clv.GammaGammaFit | None
    reason: Phrase | None = None  # why Pareto/NBD (the model of P(alive) and visits) is not used
    spend_reason: Phrase | None = None  # why Gamma-Gamma is not used
    paretonbd: clv.ParetoNbdFit | None = None


def _try_bgnbd(data: CustomerData, start: tuple[float, ...] | None) -> clv.BgNbdFit | None:
    try:
        return clv.fit_bgnbd(data.x, data.t_x, data.T, start=start)
    except clv.FitFailed:
        return None


def _try_paretonbd(data: CustomerData, start: tuple[float, ...] | None) -> clv.ParetoNbdFit | None:
    try:
        return clv.fit_paretonbd(data.x, data.t_x, data.T, start=start)
    except clv.FitFailed:
        return None


def _start_of(start: dict[str, Any] | None, key: str, names: tuple[str, ...]) -> tuple[float, ...] | None:
    """A previous snapshot's parameters as a starting point, or None when absent or malformed."""
    previous = start.get(key) if start else None
    if not isinstance(previous, dict):
        return None
    try:
        values = tuple(float(previous[name]) for name in names)
    except (KeyError, TypeError, ValueError):
        return None
    return values if all(np.isfinite(v) and v > 0 for v in values) else None


def single_threaded_blas() -> threadpool_limits:
    """The optimiser calls BLAS on vectors of 3 or 4 numbers thousands of times; a threaded BLAS
    spends more on waking its threads than on the work (3-15x slower fits on a busy 2-core PC)."""
    return threadpool_limits(limits=1, user_api="blas")


def fit_models(data: CustomerData, p: RuleParams, start: dict[str, Any] | None = None) -> Fits:
    """Fit both models, or say in the owner's words why not.  `start`: a previous snapshot's fits."""
    with single_threaded_blas():
        return _fit_models(data, p, start)


def _fit_models(data: CustomerData, p: RuleParams, start: dict[str, Any] | None) -> Fits:
    customers = int(data.x.size)
    repeat = int(np.count_nonzero(data.x > 0))
    if customers < p.clv_min_customers or repeat < p.clv_min_repeat_customers:
        why = Phrase(
            QT_TRANSLATE_NOOP(
                "reasons", "too little history for the lifetime model ({customers} customers, {repeat} came back; needs {need} and {need_repeat})"
            ),
            {"customers": customers, "repeat": repeat, "need": p.clv_min_customers, "need_repeat": p.clv_min_repeat_customers},
        )
        return Fits(None, None, why, why)
    bg_start = _start_of(start, "bgnbd", ("r", "alpha", "a", "b"))
    pn_start = _start_of(start, "paretonbd", ("r", "alpha", "s", "beta"))
    gg_start = _start_of(start, "gammagamma", ("p", "q", "gamma"))
    bg = _try_bgnbd(data, bg_start)
    if bg is None and bg_start is not None:  # a stale starting point can mislead the optimiser
        bg = _try_bgnbd(data, None)
    pn = _try_paretonbd(data, pn_start)
    if pn is None and pn_start is not None:
        pn = _try_paretonbd(data, None)
    unfitted = None if pn is not None else Phrase(
        QT_TRANSLATE_NOOP("reasons", "the lifetime model could not be fitted to this history"))
    gg: clv.GammaGammaFit | None = None
    spend_reason = None
    try:
        gg = clv.fit_gammagamma(data.x, data.m, start=gg_start)
    except clv.FitFailed:
        gg = None
    if gg is not None and gg.q <= 1:
        gg = None
    if gg is None:
        spend_reason = Phrase(QT_TRANSLATE_NOOP("reasons", "the spend model could not be fitted; using each member's own average"))
    return Fits(bg, gg, unfitted, spend_reason, pn)


@dataclass(frozen=True)
class LifetimeValue:
    p_alive: np.ndarray  # NaN where not modelled
    visits_90: np.ndarray  # NaN for members who never bought
    visits_365: np.ndarray
    value_1y: np.ndarray  # cents, -1 for members who never bought
    reasons: Reasons
    summary: dict[str, Any] = field(default_factory=dict)
    fits: Fits | None = None  # the fits applied (stored with a snapshot for one-member updates)


def lifetime_value(
    m: Metrics, p: RuleParams, start: dict[str, Any] | None = None, symbol: str = "¥", fits: Fits | None = None
) -> LifetimeValue:
    """`fits`: a snapshot's stored fits (one member against the shop's model), else fitted here."""
    n = m.size
    data = customer_data(m)
    fits = fit_models(data, p, start) if fits is None else fits
    idx = data.index
    p_alive = np.full(n, np.nan)
    v90 = np.full(n, np.nan)
    v365 = np.full(n, np.nan)
    per_visit = np.zeros(n)  # cents
    if fits.paretonbd is not None:
        pn = fits.paretonbd
        with np.errstate(all="ignore"):
            alive, (e90, e365) = clv.paretonbd_predictions(pn, (90 / WEEK, 365 / WEEK), data.x, data.t_x, data.T)
        if np.all(np.isfinite(alive)) and np.all(np.isfinite(e90)) and np.all(np.isfinite(e365)):
            p_alive[idx], v90[idx], v365[idx] = alive, e90, e365
        else:
            why = Phrase(QT_TRANSLATE_NOOP("reasons", "the lifetime model gave no usable predictions for this history"))
            fits = Fits(fits.bgnbd, fits.gammagamma, why, fits.spend_reason, None)
    if fits.paretonbd is None:
        rate = m.visits / observed_days(m, p)
        v90[idx] = rate[idx] * 90
        v365[idx] = rate[idx] * 365
    if fits.gammagamma is not None:
        per_visit[idx] = clv.expected_spend_per_visit(fits.gammagamma, data.x, data.m) * 100
    else:
        per_visit[idx] = m.total_spend[idx] / np.maximum(m.visit_days[idx], 1)
    value = np.full(n, -1, dtype=np.int64)
    value[idx] = np.rint(np.nan_to_num(v365[idx]) * per_visit[idx]).astype(np.int64)

    reasons = ReasonBuilder("clv", n, symbol)
    has = m.has_purchase
    worth = Money(np.maximum(value, 0))
    if fits.paretonbd is not None:
        reasons.add(
            has,
            QT_TRANSLATE_NOOP("reasons", "Pareto/NBD model estimate from the shop's visit history, not a certainty: {alive} % likely still a customer; {v90:.1f} visits expected in 90 days, {v365:.1f} in a year, worth {value}"),
            alive=percent(np.nan_to_num(p_alive)), v90=Tenths(v90), v365=Tenths(v365), value=worth,
        )
    else:
        reasons.add(
            has,
            QT_TRANSLATE_NOOP("reasons", "{v365:.1f} visits expected in a year at the member's own rate, worth {value} ({why})"),
            v365=Tenths(v365), value=worth, why=fits.reason or Phrase(""),
        )
    reasons.add(~has, QT_TRANSLATE_NOOP("reasons", "has not bought anything yet"))
    summary: dict[str, Any] = {
        "model": "paretonbd" if fits.paretonbd is not None else "fallback",
        "reason": fits.reason.text() if fits.reason else None,
        "spend_model": "gammagamma" if fits.gammagamma is not None else "own average",
        "spend_reason": fits.spend_reason.text() if fits.spend_reason else None,
        "paretonbd": fits.paretonbd.to_dict() if fits.paretonbd else None,
        "bgnbd": fits.bgnbd.to_dict() if fits.bgnbd else None,
        "gammagamma": fits.gammagamma.to_dict() if fits.gammagamma else None,
        "customers": int(idx.size),
        "repeat_customers": int(np.count_nonzero(data.x > 0)),
    }
    return LifetimeValue(p_alive, v90, v365, value, reasons.done(), summary, fits)
