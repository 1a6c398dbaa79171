"""Campaign response on a constructed history whose answer is worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from campaign_shop import CampaignShop

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign
from shopcrm.errors import ValidationError
from shopcrm.services.campaigns.filters import CampaignFilter
from shopcrm.services.campaigns.lists import save_campaign
from shopcrm.services.campaigns.response import campaign_response

T0 = dt.datetime(2025, 3, 1, 10, 0)
DAY = dt.timedelta(days=1)


def _campaign(shop: CampaignShop, name: str, member_ids: list[int], when: dt.datetime) -> int:
    """A campaign holding exactly these members, saved at `when` (tagged so a filter finds them)."""
    from shopcrm.db.models import MemberTag

    with shop.db.transaction() as s:
        for member_id in member_ids:
            s.add(MemberTag(member_id=member_id, tag=name))
    return save_campaign(shop.db, name, CampaignFilter(tag=name), when=when).id


@pytest.fixture
def history(db: Database) -> dict[str, int]:
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    at_risk = {"segment": "at_risk"}
    loyal = {"segment": "loyal"}

    # On the list: 40 at risk (16 buy ¥30 within 30 days), 10 loyal (8 buy ¥50).
    listed_risk = shop.members(40, classes=at_risk)
    listed_loyal = shop.members(10, classes=loyal)
    for m in listed_risk[:16]:
        shop.buy(m, T0 + 3 * DAY, 3000)
    for m in listed_loyal[:8]:
        shop.buy(m, T0 + 29 * DAY, 5000)
    # Purchases that do not count: before the list, after the window, voided.
    quiet = listed_risk[16]
    shop.buy(quiet, T0 - DAY, 9900)
    shop.buy(quiet, T0 + 31 * DAY, 9900)
    shop.buy(quiet, T0 + 2 * DAY, 9900, voided=True)

    # Comparison: 100 at risk (20 buy ¥20), 50 loyal (30 buy ¥40), all consenting and on no list.
    comp_risk = shop.members(100, classes=at_risk)
    comp_loyal = shop.members(50, classes=loyal)
    for m in comp_risk[:20]:
        shop.buy(m, T0 + 10 * DAY, 2000)
    for m in comp_loyal[:30]:
        shop.buy(m, T0 + 10 * DAY, 4000)
    # 10 at-risk members on a list 60 days earlier: outside the period, so they do compare (none buy).
    old_list = shop.members(10, classes=at_risk)
    # Not comparable: no consent, on another list in the period, other segment, registered later.
    no_consent = shop.members(10, consent=False, classes=at_risk)
    other_list = shop.members(10, classes=at_risk)
    champions = shop.members(30, classes={"segment": "champions"})
    newcomers = shop.members(5, classes=at_risk, registered_on=T0.date() + 2 * DAY)
    for m in no_consent + other_list + champions + newcomers:
        shop.buy(m, T0 + 5 * DAY, 1000)

    campaign = _campaign(shop, "spring", listed_risk + listed_loyal, T0)
    _campaign(shop, "winter", old_list, T0 - 60 * DAY)
    _campaign(shop, "march", other_list, T0 + 5 * DAY)
    return {"campaign": campaign}


def test_response_against_the_comparison_group(db: Database, history: dict[str, int]) -> None:
    report = campaign_response(db, history["campaign"], days=30, as_of=T0 + 40 * DAY)
    assert (report.listed.members, report.listed.buyers, report.listed.spend_cents) == (50, 24, 16 * 3000 + 8 * 5000)
    assert report.listed.rate == pytest.approx(0.48)
    assert report.listed.spend_per_buyer_cents == round(88000 / 24)
    # Comparison: at risk 110 members (100 + the old list's 10) with 20 buyers; loyal 50 with 30.
    assert (report.comparison.members, report.comparison.buyers) == (160, 50)
    by_segment = {f.segment: f for f in report.segments}
    assert (by_segment["at_risk"].comparison.members, by_segment["at_risk"].comparison.buyers) == (110, 20)
    assert (by_segment["loyal"].comparison.members, by_segment["loyal"].comparison.buyers) == (50, 30)
    # Weighted to the list's mix: 80 % at risk, 20 % loyal.
    expected_rate = 0.8 * 20 / 110 + 0.2 * 30 / 50
    assert report.comparison_rate == pytest.approx(expected_rate)
    assert report.comparison_spend_per_member_cents == round(0.8 * 20 * 2000 / 110 + 0.2 * 30 * 4000 / 50)
    assert report.difference == pytest.approx(0.48 - expected_rate)
    variance = 0.48 * 0.52 / 50 + 0.64 * (20 / 110) * (90 / 110) / 110 + 0.04 * 0.6 * 0.4 / 50
    assert report.low == pytest.approx(0.48 - expected_rate - 1.959964 * math.sqrt(variance))
    assert report.verdict == "more"
    text = " ".join(report.summary())
    assert "24 of 50 members on the list (48.0 %)" in text
    assert "came back more often" in text
    more = round((0.48 - expected_rate) * 100)
    assert f"about {more} more of every 100 members bought" in text  # said for a baker, not in "points"
    assert "controlled" not in text and "weighted" not in text


def test_a_running_window_says_so(db: Database, history: dict[str, int]) -> None:
    report = campaign_response(db, history["campaign"], days=30, as_of=T0 + 5 * DAY)
    assert not report.window_complete
    assert report.listed.buyers == 16  # the loyal members buy on day 29
    assert "figures so far" in report.summary()[0]
    assert campaign_response(db, history["campaign"], as_of=T0).verdict == "not_started"


def test_small_groups_are_called_too_small(db: Database) -> None:
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    listed = shop.members(5, classes={"segment": "at_risk"})
    shop.members(200, classes={"segment": "at_risk"})
    for m in listed[:4]:
        shop.buy(m, T0 + DAY, 1000)
    campaign = _campaign(shop, "tiny", listed, T0)
    report = campaign_response(db, campaign, as_of=T0 + 31 * DAY)
    assert report.verdict == "too_small"
    assert report.listed.rate == pytest.approx(0.8)
    assert any("Too few members to tell" in line for line in report.summary())
    assert not any("came back more often" in line for line in report.summary())


def test_no_comparison_and_lost_snapshot(db: Database) -> None:
    shop = CampaignShop(db, when=T0)
    snap = shop.snapshot(T0.date())
    listed = shop.members(40, classes={"segment": "lost"})
    campaign = _campaign(shop, "all lost", listed, T0)
    report = campaign_response(db, campaign, as_of=T0 + 31 * DAY)
    assert report.verdict == "no_comparison"
    assert "no comparable members" in " ".join(report.summary())
    from shopcrm.db.models import ClassificationSnapshot

    with db.transaction() as s:
        s.delete(s.get(ClassificationSnapshot, snap))
    with db.read() as s:
        assert s.get(Campaign, campaign).snapshot_id is None
    assert campaign_response(db, campaign, as_of=T0 + 31 * DAY).verdict == "no_comparison"


def test_window_length_is_checked(db: Database, history: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        campaign_response(db, history["campaign"], days=0)
    week = campaign_response(db, history["campaign"], days=7, as_of=T0 + 40 * DAY)
    assert week.listed.buyers == 16
