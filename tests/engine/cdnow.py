"""The CDNOW 1/10 sample (<repo>/../shared/data/cdnow_sample.csv) as BG/NBD and Gamma-Gamma inputs."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

CDNOW = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cdnow_sample.csv"
CALIBRATION_END = dt.date(1997, 9, 30)


def cdnow_rows() -> list[tuple[int, dt.date, float]]:
    if not CDNOW.exists():
        pytest.skip(f"the CDNOW sample is not at {CDNOW} (the shared data folder beside the repository)")
    with CDNOW.open(newline="", encoding="utf-8") as fh:
        return [(int(r["customer_id"]), dt.date.fromisoformat(r["date"]), float(r["amount"])) for r in csv.DictReader(fh)]


def cdnow_calibration() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, t_x, T in weeks and the average repeat-day spend, per customer, 39 weeks to 1997-09-30.

    Purchases on the same day count once (their amounts are added), as in the published fits.
    """
    days: dict[int, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    for customer, day, amount in cdnow_rows():
        if day <= CALIBRATION_END:
            days[customer][day] += amount
    x, t_x, T, m = [], [], [], []
    for customer in sorted(days):
        dates = sorted(days[customer])
        first = dates[0]
        x.append(len(dates) - 1)
        t_x.append((dates[-1] - first).days / 7)
        T.append((CALIBRATION_END - first).days / 7)
        repeat = [days[customer][d] for d in dates[1:]]
        m.append(sum(repeat) / len(repeat) if repeat else np.nan)
    return np.array(x, dtype=float), np.array(t_x), np.array(T), np.array(m)
