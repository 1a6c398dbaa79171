"""Festivals and seasons: computed festival days against published dates and against the official
holiday table (a second, independent source), the table's end (years it does not cover still get
their festivals), the marks on monthly charts, and the festival buyers list on the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import chinese_calendar
import pytest
from campaign_shop import CampaignShop

from shopcrm.db.engine import Database
from shopcrm.db.models import Category, Product, Purchase, PurchaseLine
from shopcrm.errors import ValidationError
from shopcrm.services.campaigns.lists import festival_buyers_filter, matching_ids
from shopcrm.services.campaigns.words import describe_filter
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.reports.seasons import (
    days_off_between,
    festival_day,
    festivals_between,
    last_festival_before,
    month_chart_marks,
)


@pytest.mark.parametrize(("key", "year", "day"), [
    ("spring_festival", 2024, dt.date(2024, 2, 10)), ("spring_festival", 2027, dt.date(2027, 2, 6)),
    ("spring_festival", 2028, dt.date(2028, 1, 26)), ("spring_festival", 2030, dt.date(2030, 2, 3)),
    ("new_years_eve", 2025, dt.date(2025, 1, 28)), ("lantern", 2025, dt.date(2025, 2, 12)),
    ("qingming", 2025, dt.date(2025, 4, 4)), ("dragon_boat", 2023, dt.date(2023, 6, 22)),
    ("mid_autumn", 2025, dt.date(2025, 10, 6)), ("mid_autumn", 2027, dt.date(2027, 9, 15)),
    ("national_day", 2031, dt.date(2031, 10, 1)),
])
def test_festival_days_are_the_published_ones_also_beyond_the_holiday_table(key: str, year: int,
                                                                             day: dt.date) -> None:
    assert festival_day(key, year) == day


@pytest.mark.parametrize("year", range(2008, 2027))
def test_computed_festivals_are_official_days_off_in_every_year_of_the_table(year: int) -> None:
    for key in ("spring_festival", "dragon_boat", "mid_autumn", "qingming", "national_day", "labour_day"):
        day = festival_day(key, year)
        assert day is not None and chinese_calendar.is_holiday(day), (key, day)


def test_days_off_come_from_the_table_and_stop_where_it_stops() -> None:
    runs = days_off_between(dt.date(2026, 9, 20), dt.date(2026, 10, 10))
    assert [(r.first, r.last) for r in runs] == [(dt.date(2026, 9, 25), dt.date(2026, 9, 27)),
                                                 (dt.date(2026, 10, 1), dt.date(2026, 10, 7))]
    assert days_off_between(dt.date(2031, 1, 1), dt.date(2031, 12, 31)) == []
    assert [f.key for f in festivals_between(dt.date(2031, 1, 1), dt.date(2031, 12, 31),
                                             ("spring_festival", "mid_autumn"))] == ["spring_festival", "mid_autumn"]


def test_the_latest_festival_before_a_day_is_last_years_until_this_years_has_passed() -> None:
    assert last_festival_before("mid_autumn", dt.date(2026, 9, 1)) == dt.date(2025, 10, 6)
    assert last_festival_before("mid_autumn", dt.date(2026, 9, 26)) == dt.date(2026, 9, 25)
    assert last_festival_before("mid_autumn", dt.date(2026, 9, 25)) == dt.date(2025, 10, 6)
    with pytest.raises(ValidationError):
        festival_day("christmas", 2026)


def test_chart_marks_fall_in_their_month_slot() -> None:
    marks = month_chart_marks(dt.date(2025, 12, 1), 13)  # Dec 2025 .. Dec 2026: slot 0 is December
    positions = {m.label: m.x for m in marks}
    assert set(positions) == {"Spring Festival", "Dragon Boat Festival", "Mid-Autumn Festival"}
    assert 1.5 < positions["Spring Festival"] < 2.5  # 17 February 2026: slot 2
    assert 8.5 < positions["Mid-Autumn Festival"] < 9.5  # 25 September 2026: slot 9, near its end
    spring = next(m for m in marks if m.label == "Spring Festival")
    assert spring.days_off is not None and spring.days_off[0] < spring.x < spring.days_off[1]


# ---- festival buyers --------------------------------------------------------------------------------
def _buy(db: Database, member: int, at: dt.datetime, product: int, *, voided: bool = False) -> None:
    with db.transaction() as s:
        p = Purchase(member_id=member, purchased_at=at, total_cents=10000, channel="store", origin="counter",
                     voided_at=at if voided else None)
        s.add(p)
        s.flush()
        s.add(PurchaseLine(purchase_id=p.id, product_id=product, quantity=Decimal(1), unit_price_cents=10000,
                           amount_cents=10000))


def test_festival_buyers_are_those_who_bought_in_the_window_before_last_years_festival(db: Database) -> None:
    shop = CampaignShop(db)
    with db.transaction() as s:
        mooncakes, bread = Category(name="月饼"), Category(name="面包")
        s.add_all([mooncakes, bread])
        s.flush()
        box, toast = Product(name="双黄莲蓉", category_id=mooncakes.id), Product(name="吐司", category_id=bread.id)
        s.add_all([box, toast])
        s.flush()
        box_id, toast_id = box.id, toast.id
    festival = dt.datetime(2025, 10, 6, 10)  # Mid-Autumn 2025; the list is made on 2026-09-01
    buyer = shop.member("买月饼")
    _buy(db, buyer, festival - dt.timedelta(days=10), box_id)
    on_the_day = shop.member("当天买")
    _buy(db, on_the_day, festival.replace(hour=20), box_id)
    too_early = shop.member("太早")
    _buy(db, too_early, festival - dt.timedelta(days=30), box_id)  # day 31 before: outside 30 days
    bread_only = shop.member("只买面包")
    _buy(db, bread_only, festival - dt.timedelta(days=3), toast_id)
    voided = shop.member("退单")
    _buy(db, voided, festival - dt.timedelta(days=3), box_id, voided=True)
    no_consent = shop.member("不同意", consent=False)
    _buy(db, no_consent, festival - dt.timedelta(days=3), box_id)
    today = dt.date(2026, 9, 1)
    flt, title = festival_buyers_filter("mid_autumn", "月饼")
    assert title == "Mid-Autumn Festival buyers of 月饼"
    ids, _snap = matching_ids(db, flt, today)
    assert set(ids) == {buyer, on_the_day}
    anything, _title = festival_buyers_filter("mid_autumn")
    assert set(matching_ids(db, anything, today)[0]) == {buyer, on_the_day, bread_only}
    wider, _title = festival_buyers_filter("mid_autumn", "月饼", days=31)
    assert set(matching_ids(db, wider, today)[0]) == {buyer, on_the_day, too_early}
    assert describe_filter(flt, today) == ["Bought 月饼 from 2025-09-07 to 2025-10-06 (Mid-Autumn Festival)"]
    assert MemberFilter.from_dict(flt.to_dict()) == flt  # saved with a campaign and read back
    with pytest.raises(ValidationError):
        festival_buyers_filter("mid_autumn", days=0)
