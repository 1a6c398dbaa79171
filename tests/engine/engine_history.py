"""Tiny hand-written histories for rule tests: member i's visits as (day offset from T, cents)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import numpy as np

from shopcrm.engine.classify import day_number
from shopcrm.engine.metrics import Metrics, VisitDays, compute_metrics
from shopcrm.engine.params import RuleParams

AS_OF = dt.date(2025, 6, 30)
T = day_number(AS_OF)


def visit_days(histories: list[list[tuple[int, int]]]) -> VisitDays:
    """histories[i] = [(days before T, spend), ...]; same-day entries are separate purchases."""
    member, day, spend = [], [], []
    for i, visits in enumerate(histories):
        for ago, cents in visits:
            member.append(i)
            day.append(T - ago)
            spend.append(cents)
    return VisitDays.from_rows(
        np.array(member, dtype=np.int64), np.array(day, dtype=np.int64),
        np.ones(len(member), dtype=np.int64), np.array(spend, dtype=np.int64),
    )


def metrics_of(histories: list[list[tuple[int, int]]], params: RuleParams | None = None, **changes: Any) -> Metrics:
    p = replace(params or RuleParams(), **changes)
    return compute_metrics(visit_days(histories), len(histories), T, p)


def every(days: int, count: int, cents: int = 1000, last: int = 0) -> list[tuple[int, int]]:
    """`count` visits `days` apart, the most recent `last` days before T."""
    return [(last + k * days, cents) for k in range(count)]


def simulate_bgnbd(
    n: int, r: float, alpha: float, a: float, b: float, weeks: float, seed: int = 7
) -> list[list[tuple[int, int]]]:
    """Histories drawn from the BG/NBD story (rates in visits per week; a customer may drop out after
    each repeat visit), first visits spread over the first half of the period, each visit
    1,000-6,000 cents; visits on one day merge, as the shop counts them."""
    rng = np.random.default_rng(seed)
    histories: list[list[tuple[int, int]]] = []
    horizon = int(weeks * 7)
    for _ in range(n):
        rate = rng.gamma(r, 1 / alpha)
        drop = rng.beta(a, b)
        day = float(rng.integers(0, horizon // 2))
        visits = [int(day)]
        while True:
            day += rng.exponential(7 / rate) if rate > 0 else horizon
            if day >= horizon:
                break
            visits.append(int(day))
            if rng.random() < drop:
                break
        histories.append([(horizon - 1 - d, int(rng.integers(1000, 6000))) for d in visits])
    return histories


def simulate_paretonbd(
    n: int, r: float, alpha: float, s: float, beta: float, weeks: float, holdout_weeks: float = 0.0, seed: int = 11
) -> tuple[list[list[tuple[int, int]]], np.ndarray, np.ndarray]:
    """Histories drawn from the Pareto/NBD story: each customer buys at a Poisson rate λ ~ Gamma(r, α)
    per week until an exponential lifetime with rate μ ~ Gamma(s, β) ends, first visits spread over
    the first half of the period, each visit 1,000-6,000 cents.  The history ends at T (`weeks` after
    the start); returns (histories, alive at T, visits in the `holdout_weeks` after T)."""
    rng = np.random.default_rng(seed)
    histories: list[list[tuple[int, int]]] = []
    alive = np.zeros(n, dtype=bool)
    later = np.zeros(n)
    horizon = int(weeks * 7)
    for i in range(n):
        rate = rng.gamma(r, 1 / alpha) / 7  # per day
        death = rng.gamma(s, 1 / beta) / 7
        start = float(rng.integers(0, horizon // 2))
        end = start + rng.exponential(1 / death)
        days = [start]
        day = start
        while True:
            day += rng.exponential(1 / rate) if rate > 0 else np.inf
            if day >= end or day >= horizon + holdout_weeks * 7:
                break
            days.append(day)
        alive[i] = end > horizon
        past = sorted({int(d) for d in days if d < horizon})
        later[i] = sum(1 for d in days[1:] if d >= horizon)
        histories.append([(horizon - 1 - d, int(rng.integers(1000, 6000))) for d in past])
    return histories, alive, later
