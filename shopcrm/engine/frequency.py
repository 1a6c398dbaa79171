"""Visit frequency: high / medium / low by visits per week or month.

Visits are distinct purchase days in the window W.  The rate is taken over W, or over the member's
tenure when shorter (first visit to T, both days counted), but never over less than
freq_min_days: otherwise a first-time buyer would have "7 visits a week" on day one.
"""

from __future__ import annotations

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.reasons import ReasonBuilder, Tenths
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("high", "medium", "low")
DAYS_PER_MONTH = 365.25 / 12


def observed_days(m: Metrics, p: RuleParams) -> np.ndarray:
    """Days the visit rate is averaged over: W, or the tenure when shorter, at least freq_min_days."""
    floor = min(p.freq_min_days, p.window_days)
    return np.clip(np.minimum(p.window_days, m.tenure + 1), floor, p.window_days)


def _shown(rate: np.ndarray) -> np.ndarray:
    """Rates rounded down to one decimal so a reason never shows a rate the class has not reached."""
    return np.floor(rate * 10 + 1e-9) / 10


def classify_frequency(m: Metrics, p: RuleParams) -> Classified:
    days = observed_days(m, p)
    visits = m.visits
    high = visits * 7 >= p.freq_high_per_week * days
    medium = ~high & (visits * DAYS_PER_MONTH >= p.freq_medium_per_month * days)
    codes = np.where(high, 0, np.where(medium, 1, 2))
    per_week = Tenths(_shown(visits * 7 / days))
    per_month = Tenths(_shown(visits * DAYS_PER_MONTH / days))
    reasons = ReasonBuilder("frequency", m.size)
    reasons.add(
        high,
        QT_TRANSLATE_NOOP("reasons", "visits in {days} days: {visits}, {rate:.1f} a week (high from {limit:g} a week)"),
        visits=visits, days=days, rate=per_week, limit=p.freq_high_per_week,
    )
    reasons.add(
        medium,
        QT_TRANSLATE_NOOP("reasons", "visits in {days} days: {visits}, {rate:.1f} a month (medium from {limit:g} a month)"),
        visits=visits, days=days, rate=per_month, limit=p.freq_medium_per_month,
    )
    reasons.add(
        (codes == 2) & (visits > 0),
        QT_TRANSLATE_NOOP("reasons", "visits in {days} days: {visits}, {rate:.1f} a month (below {limit:g} a month)"),
        visits=visits, days=days, rate=per_month, limit=p.freq_medium_per_month,
    )
    reasons.add((visits == 0) & m.has_purchase, QT_TRANSLATE_NOOP("reasons", "no visit in {window} days"), window=p.window_days)
    reasons.add(~m.has_purchase, QT_TRANSLATE_NOOP("reasons", "has not bought anything yet"))
    return Classified("frequency", CLASSES, codes, reasons.done())
