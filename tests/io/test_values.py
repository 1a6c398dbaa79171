"""Every cell-value parser: the forms shops write, and never anything but ValidationError on junk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.errors import ValidationError
from shopcrm.io.phones import normalise_phone, normalise_phone_fast
from shopcrm.io.values import (
    EXCEL_EPOCH,
    is_subtotal_label,
    parse_amount,
    parse_birthday_cell,
    parse_bool,
    parse_card,
    parse_channel,
    parse_code,
    parse_datetime,
    parse_payment,
    parse_quantity,
    parse_time,
)

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
datetimes = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2035, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)


@settings(deadline=None)
@given(st.integers(min_value=-10**9, max_value=10**9))
def test_amount_round_trips_through_every_written_form(cents: int) -> None:
    yuan = Decimal(cents) / 100
    text = f"{abs(yuan):,.2f}"
    sign = "-" if cents < 0 else ""
    for form in (f"{sign}¥{text}", f"{sign}{text}元", f"RMB {sign}{text}", f"{sign}{text}".translate(FULL_WIDTH), f"{sign}￥ {text}"):
        assert parse_amount(form) == cents, form
    if cents < 0:
        assert parse_amount(f"({text})") == cents
        assert parse_amount(f"{text}-") == cents
        assert parse_amount(f"−{text}") == cents
    assert parse_amount(float(yuan)) == cents
    assert parse_amount(cents // 100) == cents // 100 * 100


@settings(deadline=None)
@given(st.text(max_size=30))
def test_amount_junk_is_a_validation_error(text: str) -> None:
    try:
        parse_amount(text)
    except ValidationError:
        pass


@settings(deadline=None)
@given(datetimes)
def test_datetime_round_trips_through_every_written_form(when: dt.datetime) -> None:
    forms = [
        when,
        when.strftime("%Y/%m/%d %H:%M:%S"),
        f"{when.year}/{when.month}/{when.day} {when.hour}:{when.minute:02d}:{when.second:02d}",
        when.strftime("%Y-%m-%d %H:%M:%S"),
        when.strftime("%Y-%m-%dT%H:%M:%S"),
        f"{when.year}年{when.month}月{when.day}日 {when.hour}:{when.minute:02d}:{when.second:02d}",
        when.strftime("%Y%m%d%H%M%S"),
        (when - EXCEL_EPOCH).total_seconds() / 86400,
    ]
    for form in forms:
        assert parse_datetime(form) == when, form
    day = dt.datetime(when.year, when.month, when.day)
    for form in (when.date(), f"{when.year}年{when.month}月{when.day}日", when.strftime("%Y-%m-%d"), int(when.strftime("%Y%m%d")),
                 when.strftime("%Y.%m.%d")):
        assert parse_datetime(form) == day, form
    # m/d/y is read as such when its column says so (shopcrm.io.conventions), never guessed alone.
    assert parse_datetime(f"{when.month}/{when.day}/{when.year}", frozenset({"mdy"})) == day
    if when.month != when.day and when.day <= 12:
        with pytest.raises(ValidationError):
            parse_datetime(f"{when.month}/{when.day}/{when.year}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025/3/5 14:32", dt.datetime(2025, 3, 5, 14, 32)),
        ("2025年3月5日 14时32分", dt.datetime(2025, 3, 5, 14, 32)),
        ("2025年3月5日 下午2:32", dt.datetime(2025, 3, 5, 14, 32)),
        ("25/3/2025 9:05 PM", dt.datetime(2025, 3, 25, 21, 5)),
        ("5-Mar-25", dt.datetime(2025, 3, 5)),
        ("Mar 5, 2025", dt.datetime(2025, 3, 5)),
        ("45721", dt.datetime(2025, 3, 5)),
    ],
)
def test_datetime_examples(text: str, expected: dt.datetime) -> None:
    assert parse_datetime(text) == expected


@settings(deadline=None)
@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=True), st.integers()))
def test_datetime_and_time_junk_is_a_validation_error(value: object) -> None:
    for parser in (parse_datetime, parse_time, parse_birthday_cell):
        try:
            parser(value)
        except ValidationError:
            pass


@settings(deadline=None)
@given(st.decimals(min_value=Decimal("-99999"), max_value=Decimal("99999"), places=3).filter(lambda d: d != 0))
def test_quantity_is_exact_to_three_decimals(q: Decimal) -> None:
    assert parse_quantity(str(q)) == int(q * 1000)
    assert parse_quantity(float(q)) == int(q * 1000)
    if q > 0 and q == q.to_integral():
        assert parse_quantity(f"{int(q)}件") == int(q) * 1000
        assert parse_quantity(f"x{int(q)}") == int(q) * 1000


@settings(deadline=None)
@given(st.text(max_size=20))
def test_quantity_junk_is_a_validation_error(text: str) -> None:
    try:
        parse_quantity(text)
    except ValidationError:
        pass


@settings(deadline=None)
@given(st.integers(min_value=10**10, max_value=2 * 10**10 - 1))
def test_fast_phone_path_agrees_with_libphonenumber(number: int) -> None:
    digits = str(number)
    for form in (digits, f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}", f"86{digits}", f"{digits}.0", float(digits)):
        try:
            expected: str | None = normalise_phone(form)
        except ValidationError:
            expected = None
        try:
            got: str | None = normalise_phone_fast(form)
        except ValidationError:
            got = None
        assert got == expected


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**14))
def test_codes_and_cards_lose_no_digits(number: int) -> None:
    assert parse_code(float(number), field="receipt") == str(number)
    assert parse_card(str(number)) == str(number)
    with pytest.raises(ValidationError):
        parse_code("1.38123E+10", field="receipt")


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)))
def test_birthdays_with_and_without_year(day: dt.date) -> None:
    assert parse_birthday_cell(day.isoformat()) == (day.year, day.month, day.day)
    assert parse_birthday_cell(f"{day.year}年{day.month}月{day.day}日") == (day.year, day.month, day.day)
    assert parse_birthday_cell(dt.datetime(day.year, day.month, day.day)) == (day.year, day.month, day.day)
    assert parse_birthday_cell(f"{day.month}月{day.day}日") == (None, day.month, day.day)
    assert parse_birthday_cell(f"{day.month:02d}-{day.day:02d}") == (None, day.month, day.day)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_codes_never_crash(text: str) -> None:
    for parser in (parse_payment, parse_channel):
        parser(text)
    parse_bool(text)
    is_subtotal_label(text)
    try:
        parse_card(text)
    except ValidationError:
        pass


def test_labels_and_codes() -> None:
    assert [is_subtotal_label(t) for t in ("合计", "本页合计：", "Total", "小计(元)", "总汇三明治", "合计金额")] == [
        True, True, True, True, False, False,
    ]
    assert parse_payment("微信支付") == "wechat"
    assert parse_payment("会员卡余额") == "stored_value"
    assert parse_payment("刷卡") == "card"
    assert parse_channel("美团外卖") == "delivery"
    assert parse_channel("小程序") == "online"
    assert parse_bool("是") is True and parse_bool("否") is False and parse_bool("?") is None
    assert parse_time(0.6) == dt.time(14, 24) and parse_time("下午2点") == dt.time(14)
