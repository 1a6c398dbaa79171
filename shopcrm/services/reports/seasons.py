"""Chinese festivals and public holidays, for marking trend charts and finding festival buyers.

Festival days are computed, never looked up: the lunar ones (Spring Festival, Lantern, Dragon
Boat, Qixi, Mid-Autumn, Double Ninth, New Year's Eve) with `lunardate` (1900-2099), Qingming as
its solar term, the solar ones by date.  The official days off (with the make-up working days the
State Council publishes each year) come from `chinese_calendar`, whose table ends with the last
published year; beyond it a chart still shows every festival, only without the days-off shading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar
from lunardate import LunarDate

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate

CONTEXT = "Seasons"


@dataclass(frozen=True)
class FestivalRule:
    key: str
    name: str  # English, context "Seasons"
    lunar: bool
    month: int
    day: int  # 0 with lunar=True: New Year's Eve (the day before the lunar new year)


RULES: tuple[FestivalRule, ...] = (
    FestivalRule("new_year", QT_TRANSLATE_NOOP("Seasons", "New Year's Day"), False, 1, 1),
    FestivalRule("new_years_eve", QT_TRANSLATE_NOOP("Seasons", "Chinese New Year's Eve"), True, 12, 0),
    FestivalRule("spring_festival", QT_TRANSLATE_NOOP("Seasons", "Spring Festival"), True, 1, 1),
    FestivalRule("lantern", QT_TRANSLATE_NOOP("Seasons", "Lantern Festival"), True, 1, 15),
    FestivalRule("qingming", QT_TRANSLATE_NOOP("Seasons", "Qingming"), False, 4, 0),
    FestivalRule("labour_day", QT_TRANSLATE_NOOP("Seasons", "Labour Day"), False, 5, 1),
    FestivalRule("dragon_boat", QT_TRANSLATE_NOOP("Seasons", "Dragon Boat Festival"), True, 5, 5),
    FestivalRule("qixi", QT_TRANSLATE_NOOP("Seasons", "Qixi"), True, 7, 7),
    FestivalRule("mid_autumn", QT_TRANSLATE_NOOP("Seasons", "Mid-Autumn Festival"), True, 8, 15),
    FestivalRule("national_day", QT_TRANSLATE_NOOP("Seasons", "National Day"), False, 10, 1),
    FestivalRule("double_ninth", QT_TRANSLATE_NOOP("Seasons", "Double Ninth Festival"), True, 9, 9),
)
RULE_BY_KEY = {r.key: r for r in RULES}
# The festivals a bakery or tea shop sells for: mooncakes, 年货 gift boxes, zongzi ...
SELLING_FESTIVALS = ("spring_festival", "lantern", "dragon_boat", "qixi", "mid_autumn", "double_ninth")
FIRST_YEAR, LAST_YEAR = 1901, 2099


@dataclass(frozen=True)
class Festival:
    key: str
    day: dt.date

    @property
    def name(self) -> str:
        return translate(CONTEXT, RULE_BY_KEY[self.key].name)


@dataclass(frozen=True)
class DaysOff:
    """A run of official days off around a holiday (chinese_calendar's table)."""

    name: str  # the library's English holiday name
    first: dt.date
    last: dt.date


def festival_day(key: str, year: int) -> dt.date | None:
    """The festival's solar date in this solar year (None outside 1901-2099)."""
    rule = RULE_BY_KEY.get(key)
    if rule is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown festival {key}."), "festival", key=key)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if not rule.lunar:
        if rule.key == "qingming":
            terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
            return next((d for d, name in terms if name == "清明"), None)
        return dt.date(year, rule.month, rule.day)
    if rule.day == 0:  # the eve: the day before the lunar new year that falls in this solar year
        return LunarDate(year, 1, 1).to_solar_date() - dt.timedelta(days=1)
    return LunarDate(year, rule.month, rule.day).to_solar_date()


def festivals_between(start: dt.date, end: dt.date, keys: tuple[str, ...] | None = None) -> list[Festival]:
    """Every festival from start to end (both included), in date order."""
    out: list[Festival] = []
    for year in range(start.year, end.year + 1):
        for rule in RULES:
            if keys is not None and rule.key not in keys:
                continue
            day = festival_day(rule.key, year)
            if day is not None and start <= day <= end:
                out.append(Festival(rule.key, day))
    return sorted(out, key=lambda f: (f.day, f.key))


def last_festival_before(key: str, today: dt.date) -> dt.date | None:
    """The most recent day of the festival before today (last year's if this year's is still ahead)."""
    for year in (today.year, today.year - 1):
        day = festival_day(key, year)
        if day is not None and day < today:
            return day
    return None


def days_off_between(start: dt.date, end: dt.date) -> list[DaysOff]:
    """Official days off by chinese_calendar's table; years it does not cover yet give nothing."""
    runs: list[DaysOff] = []
    day = start
    while day <= end:
        try:
            is_off, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:  # a year the table has no data for
            day = dt.date(day.year + 1, 1, 1)
            continue
        if is_off and name:
            if runs and runs[-1].name == name and runs[-1].last == day - dt.timedelta(days=1):
                runs[-1] = DaysOff(name, runs[-1].first, day)
            else:
                runs.append(DaysOff(str(name), day, day))
        day += dt.timedelta(days=1)
    return runs


# ---- marks on monthly trend charts ---------------------------------------------------------------------
CHART_FESTIVALS = ("spring_festival", "dragon_boat", "mid_autumn")  # National Day would sit on Mid-Autumn


@dataclass(frozen=True)
class ChartMark:
    """A festival on a chart whose x axis has one slot per month (slot i spans i-0.5 .. i+0.5)."""

    x: float  # where the festival's day falls
    label: str
    days_off: tuple[float, float] | None  # the official days off around it, when the table has them


def _position(day: dt.date, first_month: dt.date) -> float:
    import calendar

    index = (day.year - first_month.year) * 12 + day.month - first_month.month
    length = calendar.monthrange(day.year, day.month)[1]
    return index - 0.5 + (day.day - 0.5) / length


def month_chart_marks(first_month: dt.date, months: int, keys: tuple[str, ...] = CHART_FESTIVALS) -> list[ChartMark]:
    """The festivals within `months` monthly slots starting at `first_month`'s month."""
    start = first_month.replace(day=1)
    end_month = start.month - 1 + months
    end = dt.date(start.year + end_month // 12, end_month % 12 + 1, 1) - dt.timedelta(days=1)
    runs = days_off_between(start, end)
    marks = []
    for f in festivals_between(start, end, keys):
        run = next((r for r in runs if r.first <= f.day <= r.last), None)
        span = (_position(run.first, start) - 0.5 / 31, _position(run.last, start) + 0.5 / 31) if run else None
        marks.append(ChartMark(_position(f.day, start), f.name, span))
    return marks
