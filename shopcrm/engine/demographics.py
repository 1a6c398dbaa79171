"""Age band as of T: <18, 18-24, 25-34, 35-44, 45-59, 60+ (unknown without a birth year).

With only a birth year the age is T's year minus it (the birthday is taken as passed); with month
and day the exact age on T.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from shopcrm.engine.reasons import ReasonBuilder
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = ("<18", "18-24", "25-34", "35-44", "45-59", "60+", "unknown")
_LOWER_BOUNDS = np.array([18, 25, 35, 45, 60])


def ages(birth_year: np.ndarray, birth_month: np.ndarray, birth_day: np.ndarray, as_of: dt.date) -> np.ndarray:
    """Age in whole years on `as_of`; -1 where the birth year is unknown (values <= 0 mean unknown)."""
    year = np.asarray(birth_year, dtype=np.int64)
    month = np.asarray(birth_month, dtype=np.int64)
    day = np.asarray(birth_day, dtype=np.int64)
    age = as_of.year - year
    full_date = (month > 0) & (day > 0)
    before_birthday = full_date & ((month > as_of.month) | ((month == as_of.month) & (day > as_of.day)))
    age = age - before_birthday
    return np.where((year > 0) & (age >= 0), age, -1)


def classify_age(
    birth_year: np.ndarray, birth_month: np.ndarray, birth_day: np.ndarray, as_of: dt.date
) -> Classified:
    age = ages(birth_year, birth_month, birth_day, as_of)
    known = age >= 0
    codes = np.where(known, np.searchsorted(_LOWER_BOUNDS, age, side="right"), len(CLASSES) - 1)
    reasons = ReasonBuilder("age_band", age.size)
    reasons.add(known, QT_TRANSLATE_NOOP("reasons", "{age} years old"), age=age)
    reasons.add(~known, QT_TRANSLATE_NOOP("reasons", "no birth year recorded"))
    return Classified("age_band", CLASSES, codes, reasons.done())
