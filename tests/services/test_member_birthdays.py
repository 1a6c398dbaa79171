"""Lunar (农历) and solar birthdays: this year's solar date against known calendar dates (leap
months, a 30th in a 29-day month), the SQL day sets against the date arithmetic (hypothesis), and
the birthday lists, dashboard and member form service on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from campaign_shop import CampaignShop
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.db.engine import Database
from shopcrm.errors import ValidationError
from shopcrm.services.campaigns.lists import matching_ids, promotion_filter
from shopcrm.services.members.birthdays import (
    LUNAR,
    Birthday,
    date_in_year,
    format_member_birthday,
    lunar_keys_on,
    lunar_month_days,
    next_birthday,
    occurrences_between,
    parse_lunar_birthday,
    solar_keys_on,
)
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.records import MemberInput, get_member, register_member
from shopcrm.services.reports.dashboard import upcoming_birthdays


def lunar(month: int, day: int, leap: bool = False) -> Birthday:
    return Birthday(month, day, LUNAR, leap)


# ---- known dates (published calendars) -----------------------------------------------------------
@pytest.mark.parametrize(("birthday", "year", "solar"), [
    (lunar(1, 1), 2024, dt.date(2024, 2, 10)),  # Spring Festival 2024
    (lunar(1, 1), 2026, dt.date(2026, 2, 17)),  # Spring Festival 2026
    (lunar(8, 15), 2025, dt.date(2025, 10, 6)),  # Mid-Autumn 2025
    (lunar(5, 5), 2023, dt.date(2023, 6, 22)),  # Dragon Boat 2023
    (lunar(4, 8), 2021, dt.date(2021, 5, 19)),  # 佛诞 2021 (no leap 4th month)
    (lunar(4, 8, leap=True), 2020, dt.date(2020, 5, 30)),  # 闰四月 2020 began 23 May
    (lunar(4, 8, leap=True), 2021, dt.date(2021, 5, 19)),  # leap-born, no leap month: the regular one
    (lunar(4, 8), 2020, dt.date(2020, 4, 30)),  # the regular 4th month of 2020
    (lunar(2, 1, leap=True), 2023, dt.date(2023, 3, 22)),  # 闰二月 2023
    (lunar(6, 1, leap=True), 2025, dt.date(2025, 7, 25)),  # 闰六月 2025
])
def test_lunar_birthdays_fall_on_the_known_solar_dates(birthday: Birthday, year: int, solar: dt.date) -> None:
    assert occurrences_between(birthday, dt.date(year, 1, 1), dt.date(year, 12, 31)) == [solar]
    assert next_birthday(birthday, solar) == solar
    assert next_birthday(birthday, solar - dt.timedelta(days=3)) == solar


def test_the_30th_of_a_month_that_has_29_days_this_year_is_its_29th() -> None:
    # 除夕 of lunar year 2024 was 腊月廿九 = 28 January 2025: the 12th month had 29 days
    assert lunar_month_days(2024, 12, False) == 29
    assert next_birthday(lunar(12, 30), dt.date(2025, 1, 1)) == dt.date(2025, 1, 28)
    assert (12, 30, False) in lunar_keys_on(dt.date(2025, 1, 28))
    # in lunar year 2023 the 12th month had 30 days: 除夕 = 腊月三十 = 9 February 2024
    assert lunar_month_days(2023, 12, False) == 30
    assert next_birthday(lunar(12, 30), dt.date(2024, 2, 1)) == dt.date(2024, 2, 9)
    assert (12, 30, False) not in lunar_keys_on(dt.date(2024, 2, 8))


def test_a_lunar_birthday_can_fall_twice_in_one_solar_year_and_the_first_is_this_years() -> None:
    # 腊月初一 fell on 11 January 2024 (lunar 2023) and on 31 December 2024 (lunar 2024)
    days = occurrences_between(lunar(12, 1), dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert days == [dt.date(2024, 1, 11), dt.date(2024, 12, 31)]
    assert date_in_year(lunar(12, 1), 2024) == dt.date(2024, 1, 11)


def test_a_solar_29_february_falls_on_the_28th_in_common_years() -> None:
    assert next_birthday(Birthday(2, 29), dt.date(2025, 2, 1)) == dt.date(2025, 2, 28)
    assert (2, 29) in solar_keys_on(dt.date(2025, 2, 28))
    assert next_birthday(Birthday(2, 29), dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)


@pytest.mark.parametrize(("text", "expected"), [
    ("农历四月初八", (None, 4, 8, False)), ("闰四月初八", (None, 4, 8, True)), ("1990年腊月廿三", (1990, 12, 23, False)),
    ("04-08", (None, 4, 8, False)), ("正月十五", (None, 1, 15, False)), ("冬月初十", (None, 11, 10, False)),
    ("阴历八月三十", (None, 8, 30, False)), ("1958 农历闰四月初八", (1958, 4, 8, True)), ("十月二十", (None, 10, 20, False)), ("", None),
])
def test_lunar_birthdays_as_people_write_them(text: str, expected: object) -> None:
    assert parse_lunar_birthday(text, today=dt.date(2026, 1, 1)) == expected


@pytest.mark.parametrize("text", ["四月三十一", "13-01", "闰正月初一", "农历", "May 3"])
def test_impossible_lunar_birthdays_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_lunar_birthday(text)


def test_lunar_birthdays_are_written_as_on_a_calendar() -> None:
    assert format_member_birthday(1960, 4, 8, LUNAR, True) == "1960 农历闰四月初八"
    assert format_member_birthday(None, 12, 30, LUNAR, False) == "农历腊月三十"
    assert format_member_birthday(1990, 5, 3, "solar", False) == "1990-05-03"


# ---- the SQL day sets agree with the date arithmetic ----------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1901, 3, 1), dt.date(2098, 10, 1)), st.integers(1, 12), st.integers(1, 30), st.booleans())
def test_a_birthday_is_in_a_days_set_exactly_when_it_falls_on_that_day(
    day: dt.date, month: int, mday: int, leap: bool,
) -> None:
    b = lunar(month, mday, leap)
    falls = day in occurrences_between(b, day, day)
    assert falls == ((month, mday, leap) in lunar_keys_on(day))
    # every key of the day really falls on it
    for m, d, lp in lunar_keys_on(day):
        assert occurrences_between(lunar(m, d, lp), day, day) == [day]


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(1901, 3, 1), dt.date(2097, 1, 1)), st.integers(1, 12), st.integers(1, 30), st.booleans())
def test_every_lunar_birthday_falls_once_in_each_lunar_year(start: dt.date, month: int, mday: int, leap: bool) -> None:
    """Over 3 solar years a birthday falls 2 to 4 times, 300 to 430 days apart."""
    days = occurrences_between(lunar(month, mday, leap), start, start + dt.timedelta(days=3 * 365))
    assert 2 <= len(days) <= 4
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert all(320 <= g <= 420 for g in gaps), gaps


# ---- lists, dashboard, member service on the database ----------------------------------------------
def test_birthday_lists_and_the_dashboard_find_lunar_birthdays_by_this_years_date(db: Database) -> None:
    shop = CampaignShop(db)
    # 2026-05-24 is 农历四月初八; the list day is 2026-05-20
    lunar_member = shop.member("Lunar", birth_month=4, birth_day=8, birth_calendar="lunar")
    solar_member = shop.member("Solar", birth_month=5, birth_day=22)
    fooled = shop.member("Solar 04-08", birth_month=4, birth_day=8)  # a solar 8 April is not this week
    leap_member = shop.member("Leap", birth_month=4, birth_day=9, birth_calendar="lunar", birth_leap_month=True)
    today = dt.date(2026, 5, 20)
    week, _snap = matching_ids(db, promotion_filter(birthday="week"), today)
    assert set(week) == {lunar_member, solar_member, leap_member}  # 2026 has no 闰四月
    month, _snap = matching_ids(db, promotion_filter(birthday="month"), today)
    assert set(month) == {lunar_member, solar_member, leap_member}
    april, _snap = matching_ids(db, promotion_filter(birthday_month=4), today)
    assert set(april) == {fooled}
    rows = upcoming_birthdays(db, today, days=7)
    assert [(r.member_id, r.birthday) for r in rows] == [
        (solar_member, dt.date(2026, 5, 22)), (lunar_member, dt.date(2026, 5, 24)),
        (leap_member, dt.date(2026, 5, 25))]


def test_the_member_service_keeps_a_lunar_birthday_and_refuses_a_bad_one(db: Database) -> None:
    view = register_member(db, MemberInput(phone="13800138000", name="王阿姨", birthday="1958年闰四月初八",
                                         lunar_birthday=True))
    got = get_member(db, view.id)
    assert (got.birth_year, got.birth_month, got.birth_day, got.birth_calendar, got.birth_leap_month) == (
        1958, 4, 8, "lunar", True)
    assert got.birthday == "1958 农历闰四月初八"
    with pytest.raises(ValidationError):
        register_member(db, MemberInput(phone="13800138001", birthday="四月三十二", lunar_birthday=True))


def test_lists_tables_and_exports_write_a_lunar_birthday_as_lunar(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from shopcrm.services.campaigns.output import prepare_filter_list
    from shopcrm.services.members.table import member_rows
    from shopcrm.services.reports.exporting import export_members, parse_columns

    shop = CampaignShop(db)
    member = shop.member("陈伯", birth_year=1950, birth_month=4, birth_day=8, birth_calendar="lunar",
                         birth_leap_month=True)
    assert member_rows(db, [member], None)[member].birthday == "1950 农历闰四月初八"
    printed = prepare_filter_list(db, promotion_filter(), columns=["name", "birthday"])
    assert printed.text_rows() == [["陈伯", "1950 农历闰四月初八"]]
    out = tmp_path / "m.xlsx"
    export_members(db, out, MemberFilter(), parse_columns("name,birthday"))
    assert list(load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True))[0][:2] == (
        "陈伯", "1950 农历闰四月初八")


def test_the_members_screen_birthday_month_uses_this_years_solar_date(db: Database) -> None:
    from shopcrm.services.members.table import member_ids

    shop = CampaignShop(db)
    member = shop.member("陈伯", birth_month=4, birth_day=8, birth_calendar="lunar")
    year = dt.date.today().year
    months = {d.month for d in occurrences_between(lunar(4, 8), dt.date(year, 1, 1), dt.date(year, 12, 31))}
    for month in range(1, 13):
        ids, _snap = member_ids(db, MemberFilter(birthday_month=month))
        assert (member in ids) == (month in months), month
