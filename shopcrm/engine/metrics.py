"""Per-member metrics of SPEC §3 from the per-member, per-day purchase aggregate.

The database hands over one row per member and day (purchases on the same day are one visit) sorted
by member then day; everything here is array arithmetic over those rows, with group boundaries
found by searchsorted, so 50,000 members cost no Python loop.  Days are integers (days since
1970-01-01); "as of T" includes day T, the window W is the W days ending on T.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopcrm.engine.params import RuleParams

NO_DAY = -(2**40)  # first/last day of a member without purchases (far before any real day)


@dataclass(frozen=True)
class VisitDays:
    """Live purchases per (member, day): member index, day number, purchases and spend that day."""

    member: np.ndarray
    day: np.ndarray
    purchases: np.ndarray
    spend: np.ndarray

    @classmethod
    def from_rows(cls, member: np.ndarray, day: np.ndarray, purchases: np.ndarray, spend: np.ndarray) -> VisitDays:
        """Sort by member then day and merge duplicate (member, day) rows, whatever order they came in."""
        member = np.asarray(member, dtype=np.int64)
        day = np.asarray(day, dtype=np.int64)
        purchases = np.asarray(purchases, dtype=np.int64)
        spend = np.asarray(spend, dtype=np.int64)
        if member.size > 1:
            same_member = member[1:] == member[:-1]
            sorted_rows = np.all((member[1:] > member[:-1]) | (same_member & (day[1:] >= day[:-1])))
            if not sorted_rows:  # the database's order is usually kept: sort only when it is not
                order = np.lexsort((day, member))
                member, day, purchases, spend = member[order], day[order], purchases[order], spend[order]
                same_member = member[1:] == member[:-1]
            repeat = same_member & (day[1:] == day[:-1])
            if repeat.any():
                starts = np.flatnonzero(np.r_[True, ~repeat])
                member, day = member[starts], day[starts]
                purchases = np.add.reduceat(purchases, starts)
                spend = np.add.reduceat(spend, starts)
        return cls(member, day, purchases, spend)


@dataclass(frozen=True)
class Metrics:
    """One entry per member (same order as the member arrays).  Money in cents."""

    as_of: int
    window_days: int
    has_purchase: np.ndarray  # any purchase up to T
    first_day: np.ndarray  # NO_DAY where none
    last_day: np.ndarray
    recency: np.ndarray  # days since the last visit; -1 where none
    tenure: np.ndarray  # days since the first visit; -1 where none
    visit_days: np.ndarray  # distinct purchase days, whole history to T
    total_spend: np.ndarray  # whole history to T
    first_day_spend: np.ndarray  # spend on the first visit day (Gamma-Gamma uses repeat visits)
    visits: np.ndarray  # distinct purchase days in W
    purchases: np.ndarray  # purchases in W
    spend: np.ndarray  # spend in W
    avg_ticket: np.ndarray  # spend in W / purchases in W, rounded; 0 where none
    median_interval: np.ndarray  # median days between consecutive visits (whole history); NaN below 2 visits
    visits_last: np.ndarray  # visits in the last compare_days days
    visits_prev: np.ndarray  # visits in the compare_days before those
    spend_last: np.ndarray
    spend_prev: np.ndarray
    return_day: np.ndarray  # most recent visit that ended a gap of >= churn_days; NO_DAY where none
    return_gap: np.ndarray  # that gap in days; 0 where none

    @property
    def size(self) -> int:
        return int(self.has_purchase.size)


def _window_sums(member: np.ndarray, mask: np.ndarray, values: np.ndarray | None, n: int) -> np.ndarray:
    if values is None:
        return np.bincount(member[mask], minlength=n).astype(np.int64)
    return np.rint(np.bincount(member[mask], weights=values[mask], minlength=n)).astype(np.int64)


def _median_intervals(member: np.ndarray, day: np.ndarray, n: int) -> np.ndarray:
    """Median gap between consecutive visit days per member (sorted rows), NaN with fewer than 2 visits."""
    out = np.full(n, np.nan)
    if member.size < 2:
        return out
    same = member[1:] == member[:-1]
    gap_member = member[1:][same]
    gaps = (day[1:] - day[:-1])[same]
    if gaps.size == 0:
        return out
    # rows are sorted by member: sort each member's gaps with one key (member, gap) -> one sort
    span = int(gaps.max()) + 1
    gaps = np.sort(gap_member * span + gaps) - gap_member * span
    ids = np.arange(n)
    start = np.searchsorted(gap_member, ids, side="left")
    count = np.searchsorted(gap_member, ids, side="right") - start
    has = count > 0
    lo = gaps[start[has] + (count[has] - 1) // 2]
    hi = gaps[start[has] + count[has] // 2]
    out[has] = (lo + hi) / 2.0
    return out


def _returns(member: np.ndarray, day: np.ndarray, n: int, churn_days: int) -> tuple[np.ndarray, np.ndarray]:
    """The latest visit that came after >= churn_days without one, and that gap, per member."""
    return_day = np.full(n, NO_DAY, dtype=np.int64)
    return_gap = np.zeros(n, dtype=np.int64)
    if member.size < 2:
        return return_day, return_gap
    gaps = day[1:] - day[:-1]
    hit = np.flatnonzero((member[1:] == member[:-1]) & (gaps >= churn_days))
    if hit.size:
        # rows are sorted by member then day: the last hit of each member is its latest return
        who = member[1:][hit]
        last = np.r_[who[1:] != who[:-1], True]
        return_day[who[last]] = day[1:][hit[last]]
        return_gap[who[last]] = gaps[hit[last]]
    return return_day, return_gap


def compute_metrics(visits: VisitDays, n_members: int, as_of: int, params: RuleParams) -> Metrics:
    """All per-member metrics as of day `as_of` from visit days up to and including that day."""
    keep = visits.day <= as_of
    member, day = visits.member[keep], visits.day[keep]
    purchases, spend = visits.purchases[keep], visits.spend[keep]
    n = n_members
    ids = np.arange(n)
    start = np.searchsorted(member, ids, side="left")
    end = np.searchsorted(member, ids, side="right")
    has = end > start
    first_day = np.full(n, NO_DAY, dtype=np.int64)
    last_day = np.full(n, NO_DAY, dtype=np.int64)
    first_day_spend = np.zeros(n, dtype=np.int64)
    first_day[has] = day[start[has]]
    last_day[has] = day[end[has] - 1]
    first_day_spend[has] = spend[start[has]]
    recency = np.where(has, as_of - last_day, -1)
    tenure = np.where(has, as_of - first_day, -1)

    spend_f = spend.astype(float)
    purchases_f = purchases.astype(float)
    everything = np.ones(member.size, dtype=bool)
    in_window = day > as_of - params.window_days
    c = params.compare_days
    last = day > as_of - c
    prev = (day > as_of - 2 * c) & ~last
    w_spend = _window_sums(member, in_window, spend_f, n)
    w_purchases = _window_sums(member, in_window, purchases_f, n)
    avg_ticket = np.zeros(n, dtype=np.int64)
    bought = w_purchases > 0
    avg_ticket[bought] = np.floor(w_spend[bought] / w_purchases[bought] + 0.5).astype(np.int64)
    return_day, return_gap = _returns(member, day, n, params.churn_days)
    return Metrics(
        as_of=as_of,
        window_days=params.window_days,
        has_purchase=has,
        first_day=first_day,
        last_day=last_day,
        recency=recency,
        tenure=tenure,
        visit_days=(end - start).astype(np.int64),
        total_spend=_window_sums(member, everything, spend_f, n),
        first_day_spend=first_day_spend,
        visits=_window_sums(member, in_window, None, n),
        purchases=w_purchases,
        spend=w_spend,
        avg_ticket=avg_ticket,
        median_interval=_median_intervals(member, day, n),
        visits_last=_window_sums(member, last, None, n),
        visits_prev=_window_sums(member, prev, None, n),
        spend_last=_window_sums(member, last, spend_f, n),
        spend_prev=_window_sums(member, prev, spend_f, n),
        return_day=return_day,
        return_gap=return_gap,
    )
