"""Areas, purchase channels and the feedback overview against generated shops with a known truth
(SQLite, and PostgreSQL when SHOPCRM_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest

from shopcrm.db.engine import Database
from shopcrm.errors import NotFoundError, ValidationError
from shopcrm.services.members.feedback import FeedbackInput, add_feedback
from shopcrm.services.members.records import MemberInput, archive_member, register_member
from shopcrm.services.reports.areas import AREA, NONE, REST, AreaKey, area_breakdown, area_member_ids
from shopcrm.services.reports.channels import member_channels, shop_channels
from shopcrm.services.reports.feedback_overview import low_ratings, monthly_ratings, never_rated
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase, void_purchase

AREAS = {"Office park": 9, "Riverside estate": 6, "University": 4, "Old town": 2, "Harbour": 1}
START = dt.datetime(2025, 1, 1, 9, 0)


def _member(db: Database, i: int, area: str | None) -> int:
    return register_member(db, MemberInput(phone=f"1380000{i:04d}", name=f"M{i}", area=area)).id


def test_areas_count_members_and_spend_as_recorded(db: Database) -> None:
    rng = random.Random(7)
    members: dict[str, list[int]] = defaultdict(list)
    i = 0
    for area, n in AREAS.items():
        for k in range(n):
            # spaces at the ends do not make another area
            members[area].append(_member(db, i, f"  {area} " if k % 3 == 0 else area))
            i += 1
    for _ in range(3):
        members["(none)"].append(_member(db, i, None if i % 2 else "   "))
        i += 1
    gone = _member(db, i, "Office park")
    archive_member(db, gone)  # archived: not counted
    record_purchase(db, PurchaseInput(member_id=None, total_cents=999, purchased_at=START))  # walk-in
    spend: Counter[str] = Counter()
    buyers: dict[str, set[int]] = defaultdict(set)
    in_period = (dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    spend_in: Counter[str] = Counter()
    for area, ids in members.items():
        for member_id in ids:
            for _ in range(rng.randint(0, 4)):
                at = START + dt.timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 8))
                cents = rng.randint(500, 20_000)
                record_purchase(db, PurchaseInput(member_id=member_id, total_cents=cents, purchased_at=at))
                spend[area] += cents
                buyers[area].add(member_id)
                if in_period[0] <= at.date() <= in_period[1]:
                    spend_in[area] += cents
    voided = record_purchase(db, PurchaseInput(member_id=members["Harbour"][0], total_cents=50_000, purchased_at=START))
    void_purchase(db, voided.purchase_id)

    whole = area_breakdown(db, top=3)
    assert [r.key.area for r in whole.rows[:3]] == ["Office park", "Riverside estate", "University"]
    assert [r.key.kind for r in whole.rows] == [AREA, AREA, AREA, REST, NONE]
    by_area = {r.key.area: r for r in whole.rows if r.key.kind == AREA}
    for area in ("Office park", "Riverside estate", "University"):
        assert by_area[area].members == AREAS[area]
        assert by_area[area].spend_cents == spend[area]
        assert by_area[area].buyers == len(buyers[area])
    rest, none = whole.rows[3], whole.rows[4]
    assert set(rest.key.areas) == {"Old town", "Harbour"} and rest.members == 3
    assert rest.spend_cents == spend["Old town"] + spend["Harbour"]
    assert none.members == 3 and none.spend_cents == spend["(none)"]
    assert whole.members == sum(AREAS.values()) + 3 and whole.areas == len(AREAS)
    assert whole.spend_cents == sum(spend.values())

    period = area_breakdown(db, since=in_period[0], until=in_period[1], top=10)
    assert {r.key.area: r.members for r in period.rows if r.key.kind == AREA} == AREAS  # members do not depend on it
    assert {r.key.area: r.spend_cents for r in period.rows if r.key.kind == AREA} == {a: spend_in[a] for a in AREAS}

    # the drill-down lists exactly the counted members
    assert sorted(area_member_ids(db, AreaKey(AREA, "Office park"))) == sorted(members["Office park"])
    assert sorted(area_member_ids(db, rest.key)) == sorted(members["Old town"] + members["Harbour"])
    assert sorted(area_member_ids(db, none.key)) == sorted(members["(none)"])
    assert sum(len(area_member_ids(db, r.key)) for r in whole.rows) == whole.members


def test_areas_of_an_empty_shop_and_bad_input(db: Database) -> None:
    empty = area_breakdown(db)
    assert empty.rows == [] and empty.members == 0 and empty.spend_cents == 0
    with pytest.raises(ValidationError):
        area_breakdown(db, since=dt.date(2025, 2, 1), until=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        area_breakdown(db, top=0)


def test_channel_shares_of_a_member_and_the_shop(db: Database) -> None:
    a = _member(db, 1, None)
    b = _member(db, 2, None)
    # a: 3 store visits on 2 days (two receipts on Jan 5), 1 delivery on Jan 5, 1 online
    for at, cents, channel in ((dt.datetime(2025, 1, 5, 9), 1000, "store"), (dt.datetime(2025, 1, 5, 15), 1000, "store"),
                               (dt.datetime(2025, 1, 9, 9), 2000, "store"), (dt.datetime(2025, 1, 5, 12), 3000, "delivery"),
                               (dt.datetime(2025, 3, 1, 12), 3000, "online")):
        record_purchase(db, PurchaseInput(member_id=a, total_cents=cents, channel=channel, purchased_at=at))
    record_purchase(db, PurchaseInput(member_id=b, total_cents=5000, channel="delivery", purchased_at=dt.datetime(2025, 3, 2)))
    record_purchase(db, PurchaseInput(member_id=None, total_cents=700, channel="store", purchased_at=dt.datetime(2025, 3, 3)))
    void = record_purchase(db, PurchaseInput(member_id=a, total_cents=9999, channel="online", purchased_at=dt.datetime(2025, 3, 4)))
    void_purchase(db, void.purchase_id)

    shares = {c.channel: c for c in member_channels(db, a)}
    assert [c.channel for c in member_channels(db, a)] == ["store", "delivery", "online"]
    assert (shares["store"].visits, shares["store"].sales, shares["store"].spend_cents) == (2, 3, 4000)
    assert (shares["delivery"].visits, shares["online"].visits) == (1, 1)
    assert shares["store"].visit_share == pytest.approx(0.5) and shares["delivery"].visit_share == pytest.approx(0.25)
    assert shares["store"].spend_share == pytest.approx(0.4) and shares["online"].spend_share == pytest.approx(0.3)
    assert member_channels(db, b)[0].spend_share == 1.0
    assert member_channels(db, a, since=dt.date(2025, 2, 1))[0].channel == "online"
    assert member_channels(db, _member(db, 3, None)) == []
    with pytest.raises(NotFoundError):
        member_channels(db, 999_999)

    shop = shop_channels(db)
    totals = {c.channel: c for c in shop.channels}
    assert (totals["store"].sales, totals["store"].spend_cents, totals["store"].buyers) == (4, 4700, 1)
    assert (totals["delivery"].sales, totals["delivery"].spend_cents, totals["delivery"].buyers) == (2, 8000, 2)
    assert sum(c.spend_share for c in shop.channels) == pytest.approx(1.0)
    assert totals["delivery"].spend_share == pytest.approx(8000 / 15700)
    assert [m.month for m in shop.months] == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    jan, feb, mar = shop.months
    assert jan.sales == {"store": 3, "delivery": 1, "online": 0} and jan.spend_cents["delivery"] == 3000
    assert feb.sales == {"store": 0, "delivery": 0, "online": 0}
    assert mar.spend_cents == {"store": 700, "delivery": 5000, "online": 3000}
    narrow = shop_channels(db, since=dt.date(2025, 3, 1), until=dt.date(2025, 4, 30))
    assert [m.month for m in narrow.months] == [dt.date(2025, 3, 1), dt.date(2025, 4, 1)]
    assert shop_channels(db, since=dt.date(2030, 1, 1)).channels == []


def test_channel_shares_follow_a_simulated_mix(db: Database) -> None:
    """Many random sales with a known channel mix: the shares are the generated ones exactly."""
    rng = random.Random(11)
    m = _member(db, 1, None)
    spend: Counter[str] = Counter()
    days: dict[str, set[dt.date]] = defaultdict(set)
    for _ in range(60):
        channel = rng.choices(["store", "delivery", "online"], weights=[6, 3, 1])[0]
        at = START + dt.timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 10))
        cents = rng.randint(100, 9000)
        record_purchase(db, PurchaseInput(member_id=m, total_cents=cents, channel=channel, purchased_at=at))
        spend[channel] += cents
        days[channel].add(at.date())
    visits = sum(len(d) for d in days.values())
    for share in member_channels(db, m):
        assert share.spend_cents == spend[share.channel]
        assert share.spend_share == pytest.approx(spend[share.channel] / sum(spend.values()))
        assert share.visits == len(days[share.channel])
        assert share.visit_share == pytest.approx(len(days[share.channel]) / visits)


def test_monthly_ratings_low_ratings_and_never_rated(db: Database) -> None:
    rng = random.Random(3)
    ids = [_member(db, i, None) for i in range(8)]
    truth: dict[dt.date, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    low: list[tuple[dt.datetime, int]] = []
    raters = ids[:5]
    for month in (1, 2, 4):  # March has none
        for k in range(6):
            who = raters[k % len(raters)]
            at = dt.datetime(2025, month, 1 + k * 3, 10 + k)
            p, sv = rng.randint(1, 5), rng.randint(1, 5)
            e = rng.randint(1, 5) if k % 2 else None  # environment not always rated
            add_feedback(db, FeedbackInput(member_id=who, rating_product=p, rating_service=sv, rating_environment=e,
                                           comment=f"said {month}-{k}", at=at))
            key = dt.date(2025, month, 1)
            truth[key]["product"].append(p)
            truth[key]["service"].append(sv)
            if e is not None:
                truth[key]["environment"].append(e)
            if min(x for x in (p, sv, e) if x is not None) <= 2:
                low.append((at, who))
    add_feedback(db, FeedbackInput(member_id=None, comment="walk-in, no rating", at=dt.datetime(2025, 4, 20)))
    archive_member(db, ids[7])

    months = monthly_ratings(db)
    assert [m.month for m in months] == [dt.date(2025, n, 1) for n in (1, 2, 3, 4)]
    for m in months:
        if m.month == dt.date(2025, 3, 1):
            assert (m.responses, m.product, m.service, m.environment) == (0, None, None, None)
            continue
        t = truth[m.month]
        assert m.product == pytest.approx(sum(t["product"]) / len(t["product"]))
        assert m.service == pytest.approx(sum(t["service"]) / len(t["service"]))
        assert m.environment == pytest.approx(sum(t["environment"]) / len(t["environment"]))
        assert m.rated == (6, 6, 3)
    assert months[-1].responses == 7  # the unrated comment is a response too
    only_feb = monthly_ratings(db, since=dt.date(2025, 2, 1), until=dt.date(2025, 2, 28))
    assert len(only_feb) == 1 and only_feb[0].responses == 6

    lows = low_ratings(db)
    assert [(r.at, r.member_id) for r in lows] == sorted(low, reverse=True)
    assert all(min(x for x in (r.product, r.service, r.environment) if x is not None) <= 2 for r in lows)
    assert lows[0].member_name == f"M{raters.index(lows[0].member_id)}" and lows[0].comment
    assert len(low_ratings(db, limit=2)) == min(2, len(low))
    assert len(low_ratings(db, threshold=1)) < len(lows)

    never = never_rated(db)
    assert sorted(never.member_ids) == sorted(ids[5:7]) and never.members == 2 and never.of_active == 7
    assert monthly_ratings(db, since=dt.date(2030, 1, 1)) == []
    with pytest.raises(ValidationError):
        low_ratings(db, threshold=0)
