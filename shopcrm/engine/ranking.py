"""Cut-offs shared by the ranking rules (spend class, pyramid, ABCD, RFM quintiles).

Ties are resolved by value, never by member order, so two members with the same figure always get
the same class and a reason like "gold from ¥1,200.00" is true for everyone it is shown to:
- top-share cut-offs: with n members ranked by value, the top share s holds ceil(s * n) members; the
  cut-off is the value of the last of them, and everyone tied with it joins the higher class (so a
  class can be a little larger than its share, never smaller);
- cumulative-value cut-offs (ABCD): the cut-off is the value of the member whose spend carries the
  running total to the share; ties with it join the higher class;
- quintile scores: score = 1 + floor(5 * w / n), w = number of members with a strictly worse value,
  so tied members share the lowest score their group reaches and the scores stay within 1..5.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_EPS = 1e-9


def top_share_thresholds(values: np.ndarray, cumulative_shares: Sequence[float]) -> np.ndarray:
    """The value needed to be in the top s of the members with a positive value, per share s.

    +inf where the share holds nobody.
    """
    ranked = np.sort(values[values > 0])[::-1]
    n = ranked.size
    out = np.full(len(cumulative_shares), np.inf)
    for i, share in enumerate(cumulative_shares):
        k = min(n, math.ceil(share * n - _EPS)) if share > 0 else 0
        if k >= 1:
            out[i] = ranked[k - 1]
    return out


def cumulative_value_thresholds(values: np.ndarray, cumulative_shares: Sequence[float]) -> np.ndarray:
    """The value of the member whose own value brings the running total (largest first) to each share."""
    ranked = np.sort(values[values > 0])[::-1].astype(float)
    out = np.full(len(cumulative_shares), np.inf)
    if ranked.size == 0:
        return out
    running = np.cumsum(ranked)
    total = running[-1]
    for i, share in enumerate(cumulative_shares):
        if share <= 0:
            continue
        k = int(np.searchsorted(running, share * total * (1 - 1e-12), side="left"))
        out[i] = ranked[min(k, ranked.size - 1)]
    return out


def band(values: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Class index by descending thresholds: 0 when value >= thresholds[0], ..., len(thresholds) below all.

    Values <= 0 always land in the last class.
    """
    codes = np.zeros(values.shape, dtype=np.int64)
    for t in thresholds:
        codes += values < t
    codes[values <= 0] = len(thresholds)
    return codes


def quintile_scores(values: np.ndarray, *, higher_is_better: bool) -> np.ndarray:
    """Scores 1..5 by quintile among `values` (see the module note for ties)."""
    n = values.size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    ordered = np.sort(values)
    if higher_is_better:
        worse = np.searchsorted(ordered, values, side="left")
    else:
        worse = n - np.searchsorted(ordered, values, side="right")
    return (5 * worse) // n + 1


def quintile_bounds(values: np.ndarray, *, higher_is_better: bool) -> np.ndarray:
    """The four values a member must pass for scores 2..5 among `values`, as quintile_scores gives them.

    score >= s needs w >= k = ceil((s - 1) * n / 5) members strictly worse: a value above the k-th
    smallest (higher is better) or below the k-th largest (lower is better).  Stored with a snapshot
    so one member can be scored later against the population the snapshot ranked (scores_from_bounds).
    """
    n = values.size
    if n == 0:
        return np.full(4, np.nan)
    ordered = np.sort(values).astype(float)
    k = np.array([-(-(s - 1) * n // 5) for s in range(2, 6)], dtype=np.int64)
    return ordered[k - 1] if higher_is_better else ordered[n - k]


def scores_from_bounds(values: np.ndarray, bounds: np.ndarray, *, higher_is_better: bool) -> np.ndarray:
    """Scores 1..5 against stored quintile_bounds (equal to quintile_scores on the same population)."""
    out = np.ones(values.shape, dtype=np.int64)
    for b in np.asarray(bounds, dtype=float):
        out += (values > b) if higher_is_better else (values < b)
    return out
