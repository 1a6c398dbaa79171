"""Birthday coupons reach solar and lunar (农历) birthdays at this year's solar date, once per birthday.

The expected solar dates come from the lunardate tables (Mid-Autumn 2027 is 15 September)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lunardate import LunarDate

from shopcrm.db.engine import Database
from shopcrm.errors import ValidationError
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.coupons import (
    birthday_recipients,
    birthday_week,
    define_coupon,
    issue_to_birthdays,
    issue_to_birthdays_between,
    list_coupons,
)

MID_AUTUMN_2027 = LunarDate(2027, 8, 15).to_solar_date()


def _gift(db: Database) -> int:
    return define_coupon(db, "生日券", "amount", amount_cents=800, valid_from=dt.date(2026, 1, 1),
                         valid_to=dt.date(2028, 12, 31))


def _member(db: Database, phone: str, birthday: str, lunar: bool = False) -> int:
    return register_member(db, MemberInput(phone=phone, birthday=birthday, lunar_birthday=lunar)).id


def test_the_week_is_monday_to_sunday() -> None:
    assert MID_AUTUMN_2027 == dt.date(2027, 9, 15)  # a Wednesday
    assert birthday_week(MID_AUTUMN_2027) == (dt.date(2027, 9, 13), dt.date(2027, 9, 19))


def test_lunar_birthdays_get_their_coupon_in_the_week_their_solar_date_falls(db: Database) -> None:
    gift = _gift(db)
    lunar = _member(db, "13700000011", "农历八月十五", lunar=True)  # solar 2027-09-15
    solar_same_numbers = _member(db, "13700000012", "1980-08-15")  # 15 August: not this week
    solar_in_week = _member(db, "13700000013", "1980-09-17")
    _member(db, "13700000014", "农历九月十五", lunar=True)  # a month later
    preview = birthday_recipients(db, gift, *birthday_week(MID_AUTUMN_2027))
    assert preview.member_ids == tuple(sorted((lunar, solar_in_week))) and preview.already == 0
    codes = issue_to_birthdays(db, gift, MID_AUTUMN_2027)
    assert len(codes) == 2
    assert {c.member_id for c in list_coupons(db, definition_id=gift)} == {lunar, solar_in_week}
    assert all(c.issued_via == "birthday" for c in list_coupons(db, definition_id=gift))
    assert solar_same_numbers not in {c.member_id for c in list_coupons(db, definition_id=gift)}
    # the same week again: nothing new, and the preview says why
    assert issue_to_birthdays(db, gift, MID_AUTUMN_2027 + dt.timedelta(days=2)) == []
    assert birthday_recipients(db, gift, *birthday_week(MID_AUTUMN_2027)).already == 2


def test_a_leap_month_birthday_falls_in_the_regular_month_of_a_year_without_it(db: Database) -> None:
    gift = _gift(db)
    assert LunarDate.leap_month_for_year(2027) is None
    leap_born = register_member(db, MemberInput(phone="13700000021", birthday="闰六月初一", lunar_birthday=True)).id
    day = LunarDate(2027, 6, 1).to_solar_date()
    assert issue_to_birthdays_between(db, gift, day, day) and list_coupons(db, definition_id=gift)[0].member_id == leap_born


def test_a_lunar_birthday_twice_in_one_solar_year_gets_both_coupons(db: Database) -> None:
    gift = _gift(db)
    born = _member(db, "13700000031", "腊月初一", lunar=True)
    early, late = LunarDate(2026, 12, 1).to_solar_date(), LunarDate(2027, 12, 1).to_solar_date()
    assert early.year == late.year == 2027  # January and December of 2027
    assert len(issue_to_birthdays(db, gift, early)) == 1
    assert len(issue_to_birthdays(db, gift, late)) == 1
    assert [c.member_id for c in list_coupons(db, definition_id=gift)] == [born, born]


def test_archived_members_and_bad_ranges(db: Database) -> None:
    from shopcrm.services.members.records import archive_member

    gift = _gift(db)
    archive_member(db, _member(db, "13700000041", "农历八月十五", lunar=True))
    assert issue_to_birthdays(db, gift, MID_AUTUMN_2027) == []
    with pytest.raises(ValidationError, match="start date is after"):
        issue_to_birthdays_between(db, gift, MID_AUTUMN_2027, MID_AUTUMN_2027 - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="at most 31 days"):
        birthday_recipients(db, gift, MID_AUTUMN_2027, MID_AUTUMN_2027 + dt.timedelta(days=31))


def test_cli_issues_birthday_coupons_to_lunar_birthdays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from shopcrm.cli import run_cli
    from shopcrm.db.opening import open_database

    path = str(tmp_path / "shop.db")
    day = dt.date.today() + dt.timedelta(days=400)  # a week well inside the coupon's validity
    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    if lunar.is_leap_month:
        pytest.skip("that day is in a leap lunar month")
    shop = open_database(Path(path))
    register_member(shop, MemberInput(phone="13812345678", name="王奶奶", birthday=f"农历{lunar.month}月{lunar.day}日",
                                      lunar_birthday=True))
    shop.dispose()  # `member add` has no lunar option: the member form and imports take lunar birthdays
    assert run_cli(["--db", path, "coupon", "define", "--name", "寿星券", "--off", "8", "--from",
                    dt.date.today().isoformat(), "--to", (day + dt.timedelta(days=30)).isoformat(), "--json"]) == 0
    definition = json.loads(capsys.readouterr().out)["definition"]
    assert run_cli(["--db", path, "coupon", "issue", str(definition), "--birthdays", "--week-of", day.isoformat(),
                    "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["issued"] == 1
