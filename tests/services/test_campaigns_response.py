"""Campaign response: a constructed history whose answer is worked out by hand, simulated campaigns with
no effect and with a known one, and the coverage of the 95 % range."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from campaign_shop import CampaignShop
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, Purchase
from shopcrm.errors import ValidationError
from shopcrm.services.campaigns.lists import promotion_filter, save_campaign, set_contacted
from shopcrm.services.campaigns.response import (
    GroupFigures,
    Stratum,
    campaign_response,
    recency_band,
    stratified_difference,
)

T0 = dt.datetime(2025, 3, 1, 10, 0)
DAY = dt.timedelta(days=1)


def _campaign(shop: CampaignShop, name: str, member_ids: list[int], when: dt.datetime) -> int:
    """A campaign holding exactly these members, saved at `when` (tagged so a filter finds them)."""
    from shopcrm.db.models import MemberTag

    with shop.db.transaction() as s:
        for member_id in member_ids:
            s.add(MemberTag(member_id=member_id, tag=name))
    return save_campaign(shop.db, name, promotion_filter(tag=name), when=when).id


def _contact(shop: CampaignShop, campaign: int, member_ids: list[int], when: dt.datetime) -> None:
    set_contacted(shop.db, campaign, member_ids, when=when)


@pytest.fixture
def history(db: Database) -> dict[str, int]:
    """A list of 56 members, 41 of them contacted, in three strata (segment, recency on the list's day)."""
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    at_risk = {"segment": "at_risk"}
    loyal = {"segment": "loyal"}

    def seen(members: list[int], days_before: int) -> list[int]:
        for m in members:
            shop.buy(m, T0 - days_before * DAY, 1500)
        return members

    # at risk, last seen 40 days before the list: 30 contacted (12 buy ¥30), 10 not (2 buy ¥20)
    risk_contacted = seen(shop.members(30, classes=at_risk, tags=("spring",)), 40)
    risk_waiting = seen(shop.members(10, classes=at_risk, tags=("spring",)), 40)
    # loyal, last seen 5 days before: 6 contacted (5 buy ¥50), 4 not (2 buy ¥40)
    loyal_contacted = seen(shop.members(6, classes=loyal, tags=("spring",)), 5)
    loyal_waiting = seen(shop.members(4, classes=loyal, tags=("spring",)), 5)
    # at risk, last seen 100 days before: 5 contacted (1 buys ¥10), nobody like them left uncontacted
    far_contacted = seen(shop.members(5, classes=at_risk, tags=("spring",)), 100)
    # the filter matched these too, but they gave no consent: 30 comparable members (9 buy ¥20)
    no_consent = seen(shop.members(30, consent=False, classes=at_risk, tags=("spring",)), 40)
    # on the list, not contacted for it, but contacted for another list during the window (buys): left out
    other_list = seen(shop.members(1, classes=at_risk, tags=("spring",)), 40)
    # not matched by the filter at all (no tag): never compared, whatever they do
    for m in seen(shop.members(30, classes=at_risk), 40):
        shop.buy(m, T0 + 5 * DAY, 1000)

    for m in risk_contacted[:12]:
        shop.buy(m, T0 + 3 * DAY, 3000)
    for m in risk_waiting[:2] + no_consent[:9]:
        shop.buy(m, T0 + 10 * DAY, 2000)
    for m in loyal_contacted[:5]:
        shop.buy(m, T0 + 29 * DAY, 5000)
    for m in loyal_waiting[:2]:
        shop.buy(m, T0 + 10 * DAY, 4000)
    shop.buy(far_contacted[0], T0 + 2 * DAY, 1000)
    shop.buy(other_list[0], T0 + 8 * DAY, 1000)
    # Purchases that do not count: after the window, voided.
    quiet = risk_contacted[20]
    shop.buy(quiet, T0 + 31 * DAY, 9900)
    shop.buy(quiet, T0 + 2 * DAY, 9900, voided=True)

    campaign = save_campaign(shop.db, "spring", promotion_filter(tag="spring"), when=T0).id
    _contact(shop, campaign, risk_contacted + loyal_contacted + far_contacted, T0 + DAY)
    march = _campaign(shop, "march", other_list, T0 + 5 * DAY)
    _contact(shop, march, other_list, T0 + 6 * DAY)
    return {"campaign": campaign}


def test_contacted_members_against_uncontacted_members_of_the_same_segment_and_recency(
    db: Database, history: dict[str, int]
) -> None:
    report = campaign_response(db, history["campaign"], days=30, as_of=T0 + 40 * DAY)
    assert (report.listed.members, report.listed.buyers) == (56, 12 + 2 + 5 + 2 + 1 + 1)
    assert (report.contacted.members, report.contacted.buyers) == (41, 18)
    assert report.contacted.spend_cents == 12 * 3000 + 5 * 5000 + 1000
    # the 5 far-away members have nobody comparable
    assert report.uncovered == 5
    assert (report.compared.members, report.compared.buyers) == (36, 17)
    # comparison: at risk 10 unticked + 30 without consent (11 buyers); loyal 4 unticked (2 buyers)
    assert (report.comparison.members, report.comparison.buyers) == (44, 13)
    by_segment = {f.segment: f for f in report.segments}
    assert (by_segment["at_risk"].listed.members, by_segment["at_risk"].comparison.members) == (35, 40)
    assert (by_segment["loyal"].listed.members, by_segment["loyal"].comparison.members) == (6, 4)
    weights = (30 / 36, 6 / 36)
    expected_rate = weights[0] * 11 / 40 + weights[1] * 2 / 4
    assert report.comparison_rate == pytest.approx(expected_rate)
    assert report.comparison_spend_per_member_cents == round(weights[0] * 11 * 2000 / 40 + weights[1] * 2 * 4000 / 4)
    assert report.difference == pytest.approx(17 / 36 - expected_rate)
    # Agresti-Caffo: one buyer and one non-buyer added to each group for the variance
    treated = 18 / 38
    variance = (treated * (1 - treated) / 38 + weights[0] ** 2 * (12 / 42) * (30 / 42) / 42
                + weights[1] ** 2 * (3 / 6) * (3 / 6) / 6)
    assert report.low == pytest.approx(17 / 36 - expected_rate - 1.959964 * math.sqrt(variance))
    assert report.high == pytest.approx(17 / 36 - expected_rate + 1.959964 * math.sqrt(variance))
    assert report.low < 0 < report.high and report.verdict == "no_difference"  # +16.0 points, range -4.6 to +36.6
    text = " ".join(report.summary())
    assert "18 of the 41 contacted members" in text
    assert "5 contacted members have no similar uncontacted member" in text
    assert "controlled" not in text and "weighted" not in text  # said for a baker, not a statistician


def test_a_running_window_says_so(db: Database, history: dict[str, int]) -> None:
    report = campaign_response(db, history["campaign"], days=30, as_of=T0 + 5 * DAY)
    assert not report.window_complete
    assert report.contacted.buyers == 13  # 12 at risk on day 3 and one far-away member on day 2
    assert "figures so far" in report.summary()[0]
    assert campaign_response(db, history["campaign"], as_of=T0).verdict == "not_started"


def test_a_list_nobody_was_contacted_from_reports_no_effect(db: Database) -> None:
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    listed = shop.members(60, classes={"segment": "at_risk"})
    others = shop.members(60, classes={"segment": "at_risk"})
    for m in listed[:40]:  # the listed members come back far more often, but nobody was contacted
        shop.buy(m, T0 + DAY, 1000)
    for m in others[:5]:
        shop.buy(m, T0 + DAY, 1000)
    campaign = _campaign(shop, "untouched", listed, T0)
    report = campaign_response(db, campaign, as_of=T0 + 31 * DAY)
    assert report.verdict == "not_contacted"
    assert report.difference is None and report.low is None and report.comparison_rate is None
    text = " ".join(report.summary())
    assert "Nobody on this list is marked as contacted" in text
    assert "more often" not in text and "points" not in text


def test_small_groups_are_called_too_small(db: Database) -> None:
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    listed = shop.members(25, classes={"segment": "at_risk"})
    for m in listed[:4]:
        shop.buy(m, T0 + DAY, 1000)
    campaign = _campaign(shop, "tiny", listed, T0)
    _contact(shop, campaign, listed[:5], T0)
    report = campaign_response(db, campaign, as_of=T0 + 31 * DAY)
    assert report.verdict == "too_small"
    assert report.contacted.rate == pytest.approx(0.8)
    assert any("Too few members to tell" in line for line in report.summary())
    assert not any("came back more often" in line for line in report.summary())


def test_no_comparison_and_lost_snapshot(db: Database) -> None:
    shop = CampaignShop(db, when=T0)
    snap = shop.snapshot(T0.date())
    listed = shop.members(40, classes={"segment": "lost"})
    shop.members(40, classes={"segment": "lost"})  # not matched by the list's filter: not comparable
    campaign = _campaign(shop, "all lost", listed, T0)
    _contact(shop, campaign, listed, T0)
    report = campaign_response(db, campaign, as_of=T0 + 31 * DAY)
    assert report.verdict == "no_comparison"
    assert "nobody to compare with" in " ".join(report.summary())
    from shopcrm.db.models import ClassificationSnapshot

    with db.transaction() as s:
        s.delete(s.get(ClassificationSnapshot, snap))
    with db.read() as s:
        assert s.get(Campaign, campaign).snapshot_id is None
    assert campaign_response(db, campaign, as_of=T0 + 31 * DAY).verdict == "no_comparison"


def _simulated_campaign(shop: CampaignShop, rng: np.random.Generator, effect: float, tag: str, members: int = 600) -> int:
    """A list whose members' chance to buy depends strongly on their recency (known truth), and an
    owner who contacts the recent members far more often than the others (so a raw comparison of
    contacted and uncontacted members is biased).  Contacting adds `effect` to the chance."""
    ids: list[int] = []
    for i in range(members):
        segment = ("at_risk", "need_attention")[i % 2]
        recency = int(rng.choice([3, 10, 25, 50, 75]))
        ids.append(shop.member(classes={"segment": segment}, tags=(tag,)))
        shop.buy(ids[-1], T0 - recency * DAY, 1000)
    campaign = save_campaign(shop.db, tag, promotion_filter(tag=tag), when=T0).id
    with shop.db.read() as s:
        last = dict(s.execute(select(Purchase.member_id, func.max(Purchase.purchased_at)).group_by(Purchase.member_id)).all())
    contacted = []
    for m in ids:
        recency = (T0 - last[m]).days
        base = 0.7 if recency <= 10 else 0.35 if recency <= 25 else 0.1
        reached = rng.random() < (0.8 if recency <= 10 else 0.3)
        if reached:
            contacted.append(m)
        if rng.random() < base + (effect if reached else 0.0):
            shop.buy(m, T0 + int(rng.integers(1, 30)) * DAY, 2000)
    _contact(shop, campaign, contacted, T0 + DAY)
    return campaign


def test_a_simulated_campaign_with_no_effect_and_one_with_a_known_effect(db: Database) -> None:
    rng = np.random.default_rng(5)
    shop = CampaignShop(db, when=T0)
    shop.snapshot(T0.date())
    none = campaign_response(db, _simulated_campaign(shop, rng, 0.0, "none"), as_of=T0 + 40 * DAY)
    assert none.low is not None and none.high is not None
    assert none.low < 0 < none.high and none.verdict == "no_difference"
    # the raw contacted-minus-uncontacted difference would have claimed an effect
    raw = none.contacted.rate - (none.listed.buyers - none.contacted.buyers) / (none.listed.members - none.contacted.members)
    assert raw > 0.15
    known = campaign_response(db, _simulated_campaign(shop, rng, 0.25, "known"), as_of=T0 + 40 * DAY)
    assert known.low is not None and known.high is not None
    assert known.low < 0.25 < known.high and known.verdict == "more"


def test_an_at_risk_list_on_the_untouched_demo_shop_shows_no_effect(db: Database) -> None:
    """The demo shop's sales are drawn without any campaign: a list saved on it has no effect to find,
    whether nobody is marked as contacted or a random half of the list is."""
    import random

    from shopcrm.demo.shop import generate_demo
    from shopcrm.services.campaigns.lists import campaign_member_ids, preset_filter
    from shopcrm.services.classification.run import classify

    end = dt.datetime(2025, 10, 20, 18, 30)
    generate_demo(db, members=500, months=12, seed=3, end=end)
    day = end.date() - dt.timedelta(days=45)
    classify(db, day)
    when = dt.datetime.combine(day, dt.time(21))
    campaign = save_campaign(db, "win back", preset_filter("win_back"), when=when).id
    report = campaign_response(db, campaign, as_of=end)
    assert report.listed.members >= 30
    assert report.verdict == "not_contacted" and report.difference is None
    members = campaign_member_ids(db, campaign)
    random.Random(4).shuffle(members)
    set_contacted(db, campaign, members[: len(members) // 2], when=when)
    report = campaign_response(db, campaign, as_of=end)
    assert report.low is not None and report.high is not None
    assert report.low < 0 < report.high and report.verdict in ("no_difference", "too_small")


# ---- the interval itself: coverage on many simulated campaigns -------------------------------------


def _simulated_strata(rng: np.random.Generator, effect: float) -> tuple[list[Stratum], float]:
    """One campaign drawn from a known process: members in (segment, recency band) strata with their
    own chance to buy (0.02 to 0.6, some strata tiny), contacted with a chance that depends on the
    stratum.  Returns the strata and the raw (unstratified) contacted-minus-rest difference."""
    strata: list[Stratum] = []
    totals = np.zeros(4)
    for _ in range(int(rng.integers(2, 8))):
        size = int(rng.integers(4, 150))
        base = float(rng.uniform(0.02, 0.6))
        reach = float(rng.uniform(0.1, 0.9))
        contacted = rng.random(size) < reach
        buys = rng.random(size) < base + effect * contacted
        t, c = int(contacted.sum()), int((~contacted).sum())
        tb, cb = int((buys & contacted).sum()), int((buys & ~contacted).sum())
        strata.append(Stratum(GroupFigures(t, tb, tb * 1000), GroupFigures(c, cb, cb * 1000)))
        totals += (t, tb, c, cb)
    raw = totals[1] / max(totals[0], 1) - totals[3] / max(totals[2], 1)
    return strata, raw


@pytest.mark.parametrize("effect", [0.0, 0.3])
def test_the_95_range_holds_its_coverage_on_simulated_campaigns(effect: float) -> None:
    rng = np.random.default_rng(2024)
    covered = estimates = runs = 0
    total = 0.0
    for _ in range(4000):
        strata, _raw = _simulated_strata(rng, effect)
        d = stratified_difference(strata)
        if d is None:
            continue
        runs += 1
        covered += d.low <= effect <= d.high
        total += d.difference
        estimates += 1
    assert runs > 3800
    assert 0.935 <= covered / runs <= 0.97  # nominal 95 %
    assert total / estimates == pytest.approx(effect, abs=0.005)  # unbiased


def test_recency_bands() -> None:
    assert [recency_band(d) for d in (0, 6, 7, 13, 29, 30, 89, 90, 364, 365, 2000)] == [0, 0, 1, 1, 3, 4, 6, 7, 9, 10, 10]
    assert recency_band(None) == -1


def test_window_length_is_checked(db: Database, history: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        campaign_response(db, history["campaign"], days=0)
    week = campaign_response(db, history["campaign"], days=7, as_of=T0 + 40 * DAY)
    assert week.listed.buyers == 13  # 12 at risk on day 3 and one far-away member on day 2
