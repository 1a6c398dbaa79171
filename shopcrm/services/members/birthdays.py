"""Solar and lunar (农历) birthdays: the solar date a birthday falls on in a given year.

Many older customers keep their lunar birthday, which moves by up to a month in the solar calendar
from year to year.  A lunar birthday is stored as its lunar month and day (and whether the month
was a leap month, 闰月); the solar date of each year is computed with `lunardate` (1900-2099),
never stored, so lists, the counter card and coupons agree.  Two customs are applied:
- born in a leap month: in a year that has the same leap month the birthday falls in it, in
  other years in the regular month of that number (the common practice);
- born on the 30th of a lunar month that has only 29 days this year: the 29th, its last day.
A solar 29 February falls on 28 February in other years (as before).
(This module lives flat under services/ because services/members/ would clash with members.py on
this branch; the restructuring moves it.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from lunardate import LunarDate
from sqlalchemy import ColumnElement, and_, false, or_

from shopcrm.db.models import Member
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

SOLAR = "solar"
LUNAR = "lunar"
CALENDARS = (SOLAR, LUNAR)
FIRST_LUNAR_YEAR = 1900
LAST_LUNAR_YEAR = 2099  # the range lunardate's table covers
LUNAR_MONTH_NAMES = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DAY_TENS = ("初", "十", "廿", "三")
_DIGITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

LunarKey = tuple[int, int, bool]  # (lunar month, lunar day, leap month)


@dataclass(frozen=True)
class Birthday:
    month: int
    day: int
    calendar: str = SOLAR
    leap_month: bool = False

    @property
    def lunar(self) -> bool:
        return self.calendar == LUNAR


def birthday_of(month: int | None, day: int | None, calendar_name: str | None = SOLAR,
                leap_month: bool | None = False) -> Birthday | None:
    """The birthday stored on a member row, or None without month and day."""
    if not month or not day:
        return None
    return Birthday(int(month), int(day), LUNAR if calendar_name == LUNAR else SOLAR, bool(leap_month))


def validate_lunar(month: int, day: int, leap_month: bool) -> None:
    """A lunar month has 29 or 30 days; a leap month must have existed in some year."""
    if not 1 <= month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A lunar month goes from 1 to 12."), "birthday")
    if not 1 <= day <= 30:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A lunar day goes from 1 to 30."), "birthday")
    if leap_month and month == 1:
        # 闰正月 did occur (1651, 2262) but never within the calendar table this program uses
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "There is no leap first month in 1900-2099."), "birthday")


def _lunar_day(year: int, month: int, day: int, leap: bool) -> dt.date | None:
    try:
        return LunarDate(year, month, day, leap).to_solar_date()
    except ValueError:
        return None


def lunar_month_days(year: int, month: int, leap: bool) -> int:
    """29 or 30: the length of this lunar month (0 when the year has no such month)."""
    return 30 if _lunar_day(year, month, 30, leap) else (29 if _lunar_day(year, month, 29, leap) else 0)


def lunar_occurrence(lunar_year: int, b: Birthday) -> dt.date | None:
    """The solar date of a lunar birthday in lunar year `lunar_year` (None outside 1900-2099)."""
    if not FIRST_LUNAR_YEAR <= lunar_year <= LAST_LUNAR_YEAR:
        return None
    leap = b.leap_month and LunarDate.leap_month_for_year(lunar_year) == b.month
    length = lunar_month_days(lunar_year, b.month, leap)
    if length == 0:
        return None
    return _lunar_day(lunar_year, b.month, min(b.day, length), leap)


def solar_occurrence(year: int, b: Birthday) -> dt.date:
    if b.month == 2 and b.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, b.month, b.day)


def occurrences_between(b: Birthday, start: dt.date, end: dt.date) -> list[dt.date]:
    """Every solar date the birthday falls on from start to end (both included), in order.

    A lunar birthday can fall twice in one solar year (early January and late December) or not at
    all, so lists work on date ranges, never on 'the birthday of year Y'."""
    out: list[dt.date] = []
    for year in range(start.year - 1, end.year + 1):
        try:
            when = lunar_occurrence(year, b) if b.lunar else solar_occurrence(year, b)
        except ValueError:
            when = None
        if when is not None and start <= when <= end:
            out.append(when)
    return sorted(set(out))


def next_birthday(b: Birthday | None, today: dt.date) -> dt.date | None:
    """The birthday on or after today (within about 13 months), or None."""
    if b is None:
        return None
    found = occurrences_between(b, today, today + dt.timedelta(days=400))
    return found[0] if found else None


def date_in_year(b: Birthday, year: int) -> dt.date | None:
    """This year's solar date for lists and coupons: the first one in the solar year."""
    found = occurrences_between(b, dt.date(year, 1, 1), dt.date(year, 12, 31))
    return found[0] if found else None


# ---- which stored birthdays fall on given days (for SQL) --------------------------------------------
def lunar_keys_on(day: dt.date) -> set[LunarKey]:
    """The stored lunar birthdays (month, day, leap) that fall on this solar date."""
    try:
        ld = LunarDate.from_solar_date(day.year, day.month, day.day)
    except ValueError:
        return set()
    year, month, mday, leap = ld.year, ld.month, ld.day, bool(ld.is_leap_month)
    keys: set[LunarKey] = {(month, mday, leap)}
    year_leap = LunarDate.leap_month_for_year(year)
    if not leap and year_leap != month:
        keys.add((month, mday, True))  # born in a leap month: the regular month in other years
    last = lunar_month_days(year, month, leap)
    if mday == 29 and last == 29:
        keys |= {(m, 30, lp) for m, _d, lp in keys}  # the 30th falls on the 29th in a short month
    return keys


def solar_keys_on(day: dt.date) -> set[tuple[int, int]]:
    keys = {(day.month, day.day)}
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        keys.add((2, 29))
    return keys


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def month_days(year: int, month: int) -> list[dt.date]:
    return days_between(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def birthday_on_days_condition(days: Iterable[dt.date]) -> ColumnElement[bool]:
    """SQL: the member's birthday (solar or lunar) falls on one of these solar days."""
    solar: dict[int, set[int]] = {}
    lunar: dict[tuple[int, bool], set[int]] = {}
    for day in days:
        for m, d in solar_keys_on(day):
            solar.setdefault(m, set()).add(d)
        for m, d, leap in lunar_keys_on(day):
            lunar.setdefault((m, leap), set()).add(d)
    is_lunar = Member.birth_calendar == LUNAR
    parts: list[ColumnElement[bool]] = [
        and_(~is_lunar, Member.birth_month == m, Member.birth_day.in_(sorted(ds))) for m, ds in sorted(solar.items())
    ]
    parts += [
        and_(is_lunar, Member.birth_month == m, Member.birth_leap_month.is_(leap), Member.birth_day.in_(sorted(ds)))
        for (m, leap), ds in sorted(lunar.items())
    ]
    return or_(*parts) if parts else false()


# ---- words ------------------------------------------------------------------------------------------
def lunar_day_name(day: int) -> str:
    """初一 ... 初十, 十一 ... 二十, 廿一 ... 三十."""
    if day == 10:
        return "初十"
    if day == 20:
        return "二十"
    if day == 30:
        return "三十"
    return _DAY_TENS[day // 10] + _DIGITS[day % 10]


def lunar_text(month: int, day: int, leap_month: bool) -> str:
    """农历闰四月初八: how a lunar birthday is written (Chinese in both languages, as on calendars)."""
    return f"农历{'闰' if leap_month else ''}{LUNAR_MONTH_NAMES[month - 1]}月{lunar_day_name(day)}"


# ---- reading what people write ----------------------------------------------------------------------
_CN_MONTHS = {name: i + 1 for i, name in enumerate(LUNAR_MONTH_NAMES)} | {"一": 1, "十一": 11, "十二": 12, "冬": 11,
                                                                           "腊": 12, "元": 1}
_CN_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMERIC = re.compile(r"^(?:(?P<y>\d{4})[-/.年])?(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?$")
_CHINESE = re.compile(r"^(?:(?P<y>\d{4})年?)?(?P<m>十一|十二|[正一二三四五六七八九十冬腊元])月(?P<d>初[一二三四五六七八九十]|"
                      r"十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十|\d{1,2})日?$")


def _chinese_day(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("初"):
        return _CN_NUMBER[text[1]]
    if text == "二十":
        return 20
    if text == "三十":
        return 30
    if text.startswith("廿"):
        return 20 + _CN_NUMBER[text[1]]
    return 10 + (_CN_NUMBER[text[1]] if len(text) > 1 else 0)  # 十, 十一 .. 十九


def parse_lunar_birthday(value: object, *, leap_month: bool = False,
                         today: dt.date | None = None) -> tuple[int | None, int, int, bool] | None:
    """(year, lunar month, lunar day, leap) from '农历四月初八', '闰四月初八', '1990年腊月廿三', '04-08'."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):  # a sheet cell formatted as a date: its numbers are the lunar ones
        year: int | None = value.year
        month, day = value.month, value.day
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
        if not text:
            return None
        for word in ("农历", "阴历", "農曆", "陰曆", "旧历"):  # 农历四月初八, 1958 农历四月初八
            text = text.replace(word, "")
        if "闰" in text or "閏" in text:  # 闰四月初八, 1958年闰四月初八
            leap_month, text = True, text.replace("闰", "").replace("閏", "")
        numeric, chinese = _NUMERIC.match(text), _CHINESE.match(text)
        if numeric:
            year = int(numeric["y"]) if numeric["y"] else None
            month, day = int(numeric["m"]), int(numeric["d"])
        elif chinese:
            year = int(chinese["y"]) if chinese["y"] else None
            month, day = _CN_MONTHS[chinese["m"]], _chinese_day(chinese["d"])
        else:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a lunar birthday (e.g. 农历四月初八 or 04-08)."),
                "birthday", value=text[:30])
    validate_lunar(month, day, leap_month)
    today = today or dt.date.today()
    if year is not None and not (today.year - 120 <= year <= today.year):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The birth year {year} is not plausible."), "birthday",
                              year=year)
    return year, month, day, leap_month


def format_member_birthday(year: int | None, month: int | None, day: int | None, calendar_name: str | None,
                           leap_month: bool | None) -> str:
    """'1990-05-03' for a solar birthday, '1990 农历闰四月初八' for a lunar one."""
    if not month or not day:
        return ""
    if calendar_name != LUNAR:
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    text = lunar_text(month, day, bool(leap_month))
    return f"{year:04d} {text}" if year else text
