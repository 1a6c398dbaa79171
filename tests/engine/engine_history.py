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
