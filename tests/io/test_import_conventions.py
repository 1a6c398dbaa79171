"""Amounts and text dates as files really write them: decided per file/column, never a different number.

The generators write a known amount or day in every style a POS export or a European/US locale
uses (decimal comma or point, thousands by comma, dot or space; d/m/y, m/d/y, yy/mm/dd with 2- or
4-digit years) and check that the import reads exactly that value, or refuses the cell with a
reason - never another value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_factory import csv_file, xlsx
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Purchase
from shopcrm.errors import ValidationError
from shopcrm.io.conventions import DateOrderScan, DecimalMarkScan
from shopcrm.io.values import EARLIEST, AmbiguousDateError, parse_amount, parse_sale_datetime
from shopcrm.io.workbook import open_workbook
from shopcrm.money import number_text, parse_money
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import prepare_sheets, preview_file
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.sales_rows import Reading, read_sheets

NOW = dt.datetime(2026, 6, 1, 12, 0)
SETTINGS = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# ------------------------------------------------------------------ amounts


def write_amount(cents: int, *, comma: bool, group: str | None, decimals: int) -> str:
    """`cents` as a locale writes it: decimal comma or point, thousands grouped by `group` (or not)."""
    whole, frac = divmod(cents, 100)
    digits = f"{whole:,}".replace(",", "\x00") if group else str(whole)
    digits = digits.replace("\x00", group or "")
    mark = "," if comma else "."
    if decimals == 0:
        return digits
    text = f"{frac:02d}"[:decimals]
    return f"{digits}{mark}{text}"


@st.composite
def written_amounts(draw: Any) -> tuple[int, str, bool]:
    comma = draw(st.booleans())
    group = draw(st.sampled_from([None, " ", "." if comma else ","]))
    decimals = draw(st.sampled_from([0, 1, 2]))
    cents = draw(st.integers(0, 10**9))
    cents -= cents % (100 if decimals == 0 else 10 if decimals == 1 else 1)  # what the written form can carry
    return cents, write_amount(cents, comma=comma, group=group, decimals=decimals), comma


@SETTINGS
@given(written_amounts(), st.sampled_from(["", "¥", "￥", "RMB "]), st.sampled_from(["", "元"]))
def test_an_amount_reads_as_written_in_its_convention_and_never_as_another_number(
    case: tuple[int, str, bool], prefix: str, suffix: str
) -> None:
    cents, text, comma = case
    cell = f"{prefix}{text}{suffix}"
    assert parse_amount(cell, decimal_comma=comma) == cents
    for convention in (not comma, None):  # the other convention, or a file that shows both
        try:
            other = parse_amount(cell, decimal_comma=convention)
        except ValidationError:
            continue
        if convention is None:
            assert other == cents  # a file with both marks takes only what reads one way
        elif other != cents:
            # Read with the other mark, another number only from 3-digit groups (1.234 / 1,234): that is
            # why the mark is the file's, decided from the values that show it.
            assert ("," in text or "." in text) and text.replace(" ", "")[-4] in ",."


@pytest.mark.parametrize(
    ("text", "comma", "cents"),
    [("12,50", True, 1250), ("1.234,50", True, 123450), ("8,5", True, 850), ("1 234,50", True, 123450),
     ("1,234.50", False, 123450), ("1 234.50", False, 123450), ("12.5", False, 1250)],
)
def test_the_examples_of_issue_12(text: str, comma: bool, cents: int) -> None:
    assert parse_money(text, decimal_comma=comma) == cents


@pytest.mark.parametrize("text", ["12,50", "1.234,50", "8,5", "12 50", "1,23,456", "1.2.3"])
def test_a_comma_group_that_is_not_three_digits_is_refused_in_a_decimal_point_file(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_money(text)  # the counter and `purchase add` too: ¥12,50 is not ¥1,250
    assert "separators" in caught.value.message() or "not an amount" in caught.value.message()


@SETTINGS
@given(st.lists(written_amounts(), min_size=1, max_size=12))
def test_the_file_decimal_mark_comes_from_the_values_that_show_it(cases: list[tuple[int, str, bool]]) -> None:
    scan = DecimalMarkScan()
    scan.feed([t for _, t, _ in cases])
    decided = scan.result()
    if decided is True:
        assert any(number_text(t, False) is None and number_text(t, True) is not None for _, t, _ in cases)  # shown by a value
    for cents, text, comma in cases:
        try:
            got = parse_amount(text, decimal_comma=decided)
        except ValidationError:
            continue
        if got != cents:  # another number only from a text that reads both ways (1.234), in a file that said otherwise
            assert decided is not None and decided != comma and number_text(text, not decided) is not None


def _sheet_amounts(path: Path) -> tuple[list[int | None], list[str]]:
    options = ImportOptions()
    reading, stats = Reading(), RowStats()
    with open_workbook(path) as wb:
        prepared, _ = prepare_sheets(None, wb, "sales", options)
        read_sheets(prepared, options, stats, reading, now=NOW)
    rows = sorted(reading.singles, key=lambda r: r.row)
    return [r.amount for r in rows], [r.reason for r in reading.rejects]


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    amounts=st.lists(st.integers(0, 10**7), min_size=1, max_size=15),
    comma=st.booleans(),
    styles=st.lists(st.tuples(st.sampled_from([None, " ", "grp"]), st.sampled_from([0, 1, 2])), min_size=15, max_size=15),
)
def test_a_csv_export_reads_its_amounts_exactly_or_rejects_them(
    tmp_path_factory: Any, amounts: list[int], comma: bool, styles: list[tuple[str | None, int]]
) -> None:
    """A ';'-separated export with decimal commas (or a ',' one with points): every amount as written."""
    folder = tmp_path_factory.mktemp("csv")
    rows, truth = [["日期", "金额"]], []
    for i, (cents, (group, decimals)) in enumerate(zip(amounts, styles, strict=False)):
        cents -= cents % (100 if decimals == 0 else 10 if decimals == 1 else 1)
        sep = ("." if comma else ",") if group == "grp" else group
        rows.append([f"2025-01-{1 + i % 28:02d} 10:00", write_amount(cents, comma=comma, group=sep, decimals=decimals)])
        truth.append(cents)
    path = csv_file(folder / "sales.csv", rows, delimiter=";" if comma else ",")
    got, reasons = _sheet_amounts(path)
    assert len(got) + len(reasons) == len(truth)
    assert not reasons  # written in the file's own convention: nothing to refuse
    assert got == truth


def test_a_decimal_comma_in_a_decimal_point_file_is_rejected_with_a_reason(tmp_path: Path) -> None:
    dots = [["2025-01-02 10:00", "1,234.50"], ["2025-01-03 10:00", "12.5"], ["2025-01-04 10:00", "3.20"], ["2025-01-05 10:00", "8.80"]]
    path = xlsx(tmp_path / "s.xlsx", {"s": [["日期", "金额"], *dots, ["2025-01-06 10:00", "12,5"], ["2025-01-07 10:00", 18.5]]})
    got, reasons = _sheet_amounts(path)
    assert got == [123450, 1250, 320, 880, 1850]
    assert len(reasons) == 1 and "12,5" in reasons[0]


def test_a_file_split_between_both_marks_takes_only_what_reads_the_same(tmp_path: Path) -> None:
    rows = [["2025-01-02 10:00", "1,234.50"], ["2025-01-03 10:00", "12,5"], ["2025-01-04 10:00", "18"], ["2025-01-05 10:00", 7.5]]
    got, reasons = _sheet_amounts(xlsx(tmp_path / "s.xlsx", {"s": [["日期", "金额"], *rows]}))
    assert got == [1800, 750]
    assert len(reasons) == 2 and all("decimal comma and a decimal point" in r for r in reasons)


# ------------------------------------------------------------------ dates

ORDERS = ("dmy", "mdy", "ymd")


def write_date(when: dt.datetime, order: str, sep: str, four: bool, with_time: bool) -> str:
    year = f"{when.year:04d}" if four else f"{when.year % 100:02d}"
    parts = {"dmy": (f"{when.day:02d}", f"{when.month:02d}", year), "mdy": (f"{when.month:02d}", f"{when.day:02d}", year),
             "ymd": (year, f"{when.month:02d}", f"{when.day:02d}")}[order]
    text = sep.join(parts)
    return f"{text} {when.hour:02d}:{when.minute:02d}" if with_time else text


_DAYS = st.datetimes(min_value=dt.datetime(1980, 1, 1), max_value=dt.datetime(2026, 5, 31)).map(lambda w: w.replace(second=0, microsecond=0))


def _in_range(when: dt.datetime) -> bool:
    return EARLIEST <= when <= NOW + dt.timedelta(days=1)


@SETTINGS
@given(
    days=st.lists(_DAYS, min_size=1, max_size=20),
    order=st.sampled_from(ORDERS),
    sep=st.sampled_from(["/", "-", "."]),
    four=st.booleans(),
    with_time=st.booleans(),
)
def test_a_date_column_reads_every_day_as_written_or_asks(
    days: list[dt.datetime], order: str, sep: str, four: bool, with_time: bool
) -> None:
    texts = [write_date(w, order, sep, four, with_time) for w in days]
    scan = DateOrderScan(_in_range)
    scan.feed(texts)
    orders = scan.result()
    assert order in orders or (order == "ymd" and four)  # a 4-digit year first is its own form
    for when, text in zip(days, texts, strict=True):
        expected = when if with_time else when.replace(hour=0, minute=0)
        try:
            got = parse_sale_datetime(text, now=NOW, orders=orders)
        except AmbiguousDateError:
            assert len(orders) > 1 and scan.examples()  # open: the wizard shows these and asks
            continue
        assert got == expected  # never another day
        assert parse_sale_datetime(text, now=NOW, orders=frozenset({order})) == expected  # the owner's choice


@pytest.mark.parametrize(
    ("texts", "settled", "first"),
    [
        (["25/01/02 10:00", "2025/01/03 09:00"], "ymd", dt.datetime(2025, 1, 2, 10)),  # a 4-digit year first settles it
        (["24-12-31", "24-12-30"], "ymd", dt.datetime(2024, 12, 31)),  # 2031 or 1931 is not a sale date
        (["01/02/2025", "25/02/2025"], "dmy", dt.datetime(2025, 2, 1)),  # a first part > 12
        (["01/02/2025", "02/25/2025"], "mdy", dt.datetime(2025, 1, 2)),
    ],
)
def test_the_column_settles_the_order(texts: list[str], settled: str, first: dt.datetime) -> None:
    scan = DateOrderScan(_in_range)
    scan.feed(texts)
    assert scan.result() == frozenset({settled})
    assert parse_sale_datetime(texts[0], now=NOW, orders=scan.result()) == first


def test_a_column_mixing_orders_is_refused_not_guessed() -> None:
    scan = DateOrderScan(_in_range)
    scan.feed(["13/01/2025", "01/13/2025"])
    assert scan.result() == frozenset()
    with pytest.raises(ValidationError, match="mix"):
        parse_sale_datetime("13/01/2025", now=NOW, orders=scan.result())


def test_open_date_order_is_asked_in_the_preview_rejected_in_the_import_and_taken_when_chosen(
    db: Database, tmp_path: Path
) -> None:
    rows = [["日期", "手机", "金额"], ["25/01/02 10:00", "13812345678", 20], ["25/01/03 11:00", "13812345678", 30]]
    path = csv_file(tmp_path / "yy.csv", rows)
    sheet = preview_file(db, path, "sales").sheets[0]
    assert set(sheet.date_orders) == {"dmy", "ymd"}
    assert sheet.date_examples[0][0] == "25/01/02 10:00"
    refused = import_file(db, path, "sales", ImportOptions(errors_path=tmp_path / "why.xlsx"))
    assert refused.rejected == 2 and refused.imported == 0 and refused.batch is None
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Purchase)) == 0
    chosen = import_file(db, path, "sales", ImportOptions(date_orders={sheet.name: "ymd"}))
    assert chosen.imported == 2
    with db.read() as s:
        assert sorted(s.scalars(select(Purchase.purchased_at))) == [dt.datetime(2025, 1, 2, 10), dt.datetime(2025, 1, 3, 11)]


def test_preview_reports_the_decimal_mark(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "eu.csv", [["日期", "金额"], ["2025-01-02", "12,50"], ["2025-01-03", "1.234,50"]], delimiter=";")
    assert preview_file(db, path, "sales").sheets[0].decimal_comma is True
    result = import_file(db, path, "sales")
    assert result.imported == 2
    with db.read() as s:
        assert s.scalar(select(func.sum(Purchase.total_cents))) == 1250 + 123450


def test_member_registration_dates_take_their_column_order_too(db: Database, tmp_path: Path) -> None:
    from shopcrm.db.models import Member

    settled = csv_file(tmp_path / "m.csv", [["手机", "注册日期"], ["13812345678", "01/02/2024"], ["13900001111", "25/03/2024"]])
    assert import_file(db, settled, "members").imported == 2
    with db.read() as s:
        assert s.scalar(select(Member.registered_on).where(Member.phone == "+8613812345678")) == dt.date(2024, 2, 1)
    open_column = csv_file(tmp_path / "o.csv", [["手机", "注册日期"], ["13700002222", "01/02/2024"], ["13600003333", "03/04/2024"]])
    refused = import_file(db, open_column, "members", ImportOptions(errors_path=tmp_path / "why.xlsx"))
    assert refused.rejected == 2 and refused.batch is None
    chosen = import_file(db, open_column, "members", ImportOptions(date_orders={"*": "mdy"}))
    assert chosen.imported == 2
    with db.read() as s:
        assert s.scalar(select(Member.registered_on).where(Member.phone == "+8613600003333")) == dt.date(2024, 3, 4)


@SETTINGS
@given(points=st.integers(0, 9_999_999), group=st.sampled_from([None, ",", " "]), typo=st.integers(1, 2))
def test_points_read_as_written_and_a_short_group_is_refused(points: int, group: str | None, typo: int) -> None:
    from shopcrm.io.values import parse_points

    written = f"{points:,}".replace(",", group) if group else str(points)
    assert parse_points(written) == points
    if len(str(points)) > typo:  # '1,5' or '12 50' is not 15 or 1250 points
        short = f"{str(points)[:-typo]}{group or ','}{str(points)[-typo:]}"
        with pytest.raises(ValidationError):
            parse_points(short)
