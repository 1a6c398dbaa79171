"""Did the members a list reached come back?  The contacted members beside comparable members.

Members on a list are picked for a reason (at risk, birthday, high value), so beside the average
member their return rate says nothing about the campaign: at-risk members come back less often
anyway, and members seen last week come back more than members last seen two months ago.  Even
members of the same RFM segment and recency who were not picked differ from those picked (an
at-risk member is one coming less often than they used to).  So:

- Only the members marked as contacted count as reached (ticked on the saved list; SPEC §9 has a
  message export mark them too).  A list nobody was contacted from has no effect to measure, and the
  report says so.
- The comparison members are those who passed the same filter on the list's day (in the list's
  snapshot) but were not contacted: the members of the list left unticked, and members the filter
  matched but the list left out for want of consent.  All of this was fixed before the campaign.
  Members contacted for another list in the `days` before this one, or during its window, are left
  out (they were reached by something else).
- Contacted and comparison members are compared within strata of the same RFM segment and the same
  recency on the list's day (days since the last purchase before it, in bands), and the comparison
  rate is weighted to the contacted members' strata.  The 95 % range of the difference is a
  stratified Wald interval with each share shrunk by one buyer and one non-buyer (Agresti & Caffo
  2000), which keeps its coverage for small strata and for shares of 0 or 1.

It is an observational comparison, not an experiment (unless the owner leaves a random part of the
list uncontacted), and with few members a difference is often chance: the report gives a 95 % range
for the difference and says plainly when groups are too small.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, aliased

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, CampaignMember, Coupon, Member, Purchase, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.services.campaigns.lists import load_campaign, now, saved_filter
from shopcrm.services.members.filters import member_select

DEFAULT_DAYS = 30
MAX_DAYS = 365
MIN_GROUP = 30  # below this, a share moves by several points with one member: too small to tell
Z95 = 1.959964
# Upper ends (days since the last purchase before the list) of the recency bands compared with each
# other; beyond the last one, and members who never bought, are bands of their own.
RECENCY_BANDS = (6, 13, 20, 29, 44, 59, 89, 119, 179, 364)
NEVER = -1


def recency_band(days: int | None) -> int:
    """The band of a recency in days (NEVER for a member who had not bought before the list)."""
    if days is None:
        return NEVER
    for band, upper in enumerate(RECENCY_BANDS):
        if days <= upper:
            return band
    return len(RECENCY_BANDS)


@dataclass(frozen=True)
class GroupFigures:
    members: int
    buyers: int
    spend_cents: int

    @property
    def rate(self) -> float | None:
        return self.buyers / self.members if self.members else None

    @property
    def spend_per_member_cents(self) -> int | None:
        return round(self.spend_cents / self.members) if self.members else None

    @property
    def spend_per_buyer_cents(self) -> int | None:
        return round(self.spend_cents / self.buyers) if self.buyers else None


NO_ONE = GroupFigures(0, 0, 0)


@dataclass(frozen=True)
class SegmentFigures:
    segment: str | None
    listed: GroupFigures  # the contacted members of this segment
    comparison: GroupFigures  # comparison members matched to them (same segment and recency)


@dataclass(frozen=True)
class Stratum:
    """Contacted and comparison members who looked alike at the list's date."""

    treated: GroupFigures
    comparison: GroupFigures


@dataclass(frozen=True)
class Difference:
    comparison_rate: float
    comparison_spend_per_member_cents: int
    difference: float
    low: float
    high: float


def stratified_difference(strata: Sequence[Stratum]) -> Difference | None:
    """Treated share who bought minus the comparison share weighted to the treated mix, with a 95 %
    range; strata without comparison members are left out (None when nothing is left)."""
    covered = [s for s in strata if s.comparison.members > 0 and s.treated.members > 0]
    treated = sum(s.treated.members for s in covered)
    if not treated:
        return None
    weights = [s.treated.members / treated for s in covered]
    rates = [s.comparison.buyers / s.comparison.members for s in covered]
    comparison_rate = sum(w * r for w, r in zip(weights, rates, strict=True))
    spend = round(sum(w * s.comparison.spend_cents / s.comparison.members for w, s in zip(weights, covered, strict=True)))
    buyers = sum(s.treated.buyers for s in covered)
    difference = buyers / treated - comparison_rate
    # Agresti-Caffo: the variance of each share is taken at (buyers + 1) / (members + 2)
    treated_share = (buyers + 1) / (treated + 2)
    variance = treated_share * (1 - treated_share) / (treated + 2)
    for w, s in zip(weights, covered, strict=True):
        share = (s.comparison.buyers + 1) / (s.comparison.members + 2)
        variance += w * w * share * (1 - share) / (s.comparison.members + 2)
    margin = Z95 * math.sqrt(variance)
    return Difference(comparison_rate, spend, difference, difference - margin, difference + margin)


@dataclass(frozen=True)
class ResponseReport:
    campaign_id: int
    name: str
    start: dt.datetime
    end: dt.datetime
    days: int
    as_of: dt.datetime
    listed: GroupFigures  # every member saved with the list
    contacted: GroupFigures  # the members of the list marked as contacted
    compared: GroupFigures  # the contacted members who have comparable members
    comparison: GroupFigures  # the comparison members matched to them, unweighted
    comparison_rate: float | None  # weighted to the contacted members' strata
    comparison_spend_per_member_cents: int | None  # weighted likewise
    difference: float | None  # contacted (compared part) minus comparison, as a share
    low: float | None  # 95 % range of the difference
    high: float | None
    segments: tuple[SegmentFigures, ...]
    verdict: str  # not_started | not_contacted | no_comparison | too_small | more | fewer | no_difference

    @property
    def window_complete(self) -> bool:
        return self.as_of >= self.end

    @property
    def uncovered(self) -> int:
        return self.contacted.members - self.compared.members

    def summary(self) -> list[str]:
        """Plain sentences for the screen and the CLI, in the current language."""
        return response_sentences(self)


def _window_purchases(start: dt.datetime, end: dt.datetime) -> Select[int | None, int]:
    """Per member: spend in (start, end]; a member appears once when they bought at all."""
    return (
        select(Purchase.member_id.label("mid"), func.sum(Purchase.total_cents).label("spend"))
        .where(Purchase.member_id.is_not(None), Purchase.voided_at.is_(None),
               Purchase.purchased_at > start, Purchase.purchased_at <= end)
        .group_by(Purchase.member_id)
    )


def _last_before(start: dt.datetime) -> Select[int | None, dt.datetime]:
    """Per member: the last purchase up to the list's moment (what the shop knew on the day)."""
    return (
        select(Purchase.member_id.label("mid"), func.max(Purchase.purchased_at).label("last"))
        .where(Purchase.member_id.is_not(None), Purchase.voided_at.is_(None), Purchase.purchased_at <= start)
        .group_by(Purchase.member_id)
    )


@dataclass(frozen=True)
class _Row:
    """One member as the comparison sees them: stratum key, on-list facts and the outcome."""

    key: tuple[str | None, int]
    segment: str | None
    contacted: bool
    bought: bool
    spend: int


def _as_datetime(value: object) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _rows(result: Iterable[Sequence[Any]], start: dt.datetime) -> list[_Row]:
    """(segment, last purchase before, contacted at, buyer id, spend[, redeemed a coupon of the list])."""
    out = []
    for segment, last, contacted, mid, spend, *redeemed in result:
        last_at = _as_datetime(last)
        days = None if last_at is None else (start.date() - last_at.date()).days
        coupon = bool(redeemed and redeemed[0])
        # A member who redeemed the list's coupon was reached by it and came back because of it.
        out.append(_Row((segment, recency_band(days)), segment, contacted is not None or coupon,
                        mid is not None or coupon, int(spend or 0)))
    return out


def _redeemed_coupons(campaign: Campaign, start: dt.datetime, until: dt.datetime) -> Any:
    """Members who redeemed a coupon this campaign issued, while valid and up to `until` (a redemption
    counts as a response even when that sale fell after the response window: SPEC §8 "Coupons")."""
    return (
        select(Coupon.member_id.label("cmid"))
        .where(Coupon.campaign_id == campaign.id, Coupon.redeemed_at.is_not(None), Coupon.redeemed_at > start,
               Coupon.redeemed_at <= until)
        .distinct()
        .subquery()
    )


def _listed(s: Session, campaign: Campaign, start: dt.datetime, end: dt.datetime,
            days: int, redeemed_until: dt.datetime) -> tuple[list[_Row], list[bool]]:
    """Every member of the list, and whether each was contacted for another list near this one."""
    p = _window_purchases(start, end).subquery()
    last = _last_before(start).subquery()
    coupons = _redeemed_coupons(campaign, start, redeemed_until)
    stmt = (
        select(CampaignMember.segment, last.c.last, CampaignMember.contacted_at, p.c.mid, p.c.spend,
               coupons.c.cmid, _contacted_elsewhere(campaign, start, end, days))
        .select_from(CampaignMember)
        .join(Member, Member.id == CampaignMember.member_id)
        .outerjoin(last, last.c.mid == CampaignMember.member_id)
        .outerjoin(p, p.c.mid == CampaignMember.member_id)
        .outerjoin(coupons, coupons.c.cmid == CampaignMember.member_id)
        .where(CampaignMember.campaign_id == campaign.id)
    )
    rows = s.execute(stmt).all()
    listed = _rows((row[:6] for row in rows), start)
    reached_elsewhere = [bool(row[6]) for row in rows]
    return listed, reached_elsewhere


def _contacted_elsewhere(campaign: Campaign, start: dt.datetime, end: dt.datetime, days: int) -> Any:
    """The member was marked contacted for another list from `days` before this one to its end."""
    other = aliased(CampaignMember)
    return (
        exists()
        .where(other.member_id == Member.id, other.campaign_id != campaign.id,
               other.contacted_at > start - dt.timedelta(days=days), other.contacted_at <= end)
    )


def _left_out(s: Session, campaign: Campaign, start: dt.datetime, end: dt.datetime, days: int) -> list[_Row]:
    """Members the list's filter matched on its day (in its snapshot) but who are not on the list:
    the list asked for consent and they had none.  Not contacted by this campaign, so comparable."""
    if not campaign.consent_only or campaign.snapshot_id is None:
        return []
    try:
        flt = saved_filter(campaign).with_changes(consent_only=False)
    except ShopError:
        return []
    p = _window_purchases(start, end).subquery()
    last = _last_before(start).subquery()
    on_this_list = exists().where(CampaignMember.member_id == Member.id, CampaignMember.campaign_id == campaign.id)
    stmt = (
        member_select([SnapshotMember.segment, last.c.last, None, p.c.mid, p.c.spend], flt, campaign.snapshot_id,
                        start.date())
        .outerjoin(last, last.c.mid == Member.id)
        .outerjoin(p, p.c.mid == Member.id)
        .where(Member.consent.is_not(True), Member.registered_on <= start.date(), ~on_this_list,
               ~_contacted_elsewhere(campaign, start, end, days))
    )
    return _rows(s.execute(stmt).all(), start)


def _figures(rows: Iterable[_Row]) -> GroupFigures:
    members = buyers = spend = 0
    for row in rows:
        members += 1
        buyers += row.bought
        spend += row.spend
    return GroupFigures(members, buyers, spend)


def campaign_response(db: Database, campaign_id: int, days: int = DEFAULT_DAYS,
                      as_of: dt.datetime | None = None) -> ResponseReport:
    """Buyers and spend within `days` after the list was saved, beside the comparison group."""
    if not 1 <= int(days) <= MAX_DAYS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The response window must be 1 to 365 days."), "days")
    days = int(days)
    as_of = as_of or now()
    with db.read() as s:
        campaign = load_campaign(s, campaign_id)
        start = campaign.created_at
        end = start + dt.timedelta(days=days)
        # Purchases after "now" do not exist yet; cap the window so a running one reads "so far".
        until = min(end, max(as_of, start))
        listed, elsewhere = _listed(s, campaign, start, until, days, max(as_of, start))
        treated = [row for row in listed if row.contacted]
        segments = sorted({row.segment for row in listed}, key=lambda x: (x is None, x or ""))
        snapshot_lost = campaign.snapshot_id is None and any(seg is not None for seg in segments)
        comparison: list[_Row] = []
        if treated and not snapshot_lost:
            comparison = [row for row, other in zip(listed, elsewhere, strict=True) if not row.contacted and not other]
            comparison += _left_out(s, campaign, start, until, days)
        name = campaign.name

    by_key: dict[tuple[str | None, int], list[_Row]] = defaultdict(list)
    for row in comparison:
        by_key[row.key].append(row)
    treated_by_key: dict[tuple[str | None, int], list[_Row]] = defaultdict(list)
    for row in treated:
        treated_by_key[row.key].append(row)
    strata = {key: Stratum(_figures(rows), _figures(by_key.get(key, []))) for key, rows in treated_by_key.items()}
    covered = {key: stratum for key, stratum in strata.items() if stratum.comparison.members}
    per_segment = tuple(
        SegmentFigures(
            seg,
            _figures(row for row in treated if row.segment == seg),
            _figures(row for key, stratum in covered.items() if key[0] == seg for row in by_key[key]),
        )
        for seg in segments
    )
    compared = _figures(row for row in treated if row.key in covered)
    comparison_all = _figures(row for key in covered for row in by_key[key])
    estimate = stratified_difference(list(covered.values()))

    if as_of <= start:
        verdict = "not_started"
    elif not treated:
        verdict = "not_contacted"
    elif estimate is None:
        verdict = "no_comparison"
    elif compared.members < MIN_GROUP or comparison_all.members < MIN_GROUP:
        verdict = "too_small"
    elif estimate.low > 0:
        verdict = "more"
    elif estimate.high < 0:
        verdict = "fewer"
    else:
        verdict = "no_difference"
    return ResponseReport(
        campaign_id=campaign_id, name=name, start=start, end=end, days=days, as_of=as_of, listed=_figures(listed),
        contacted=_figures(treated), compared=compared, comparison=comparison_all,
        comparison_rate=estimate.comparison_rate if estimate else None,
        comparison_spend_per_member_cents=estimate.comparison_spend_per_member_cents if estimate else None,
        difference=estimate.difference if estimate else None, low=estimate.low if estimate else None,
        high=estimate.high if estimate else None, segments=per_segment, verdict=verdict,
    )


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"


def points(share: float) -> str:
    return f"{share * 100:+.1f}"


def response_sentences(r: ResponseReport) -> list[str]:
    """What the figures mean, worded so that a small or unclear result is not oversold."""
    out: list[str] = []
    if r.verdict == "not_started":
        return [translate("CampaignResponse", "The list was saved on {date}; purchases after that will show here.")
                .format(date=r.start.strftime("%Y-%m-%d"))]
    if not r.window_complete:
        out.append(translate("CampaignResponse", "The {days}-day window runs until {date}: these are the figures "
                                                 "so far.").format(days=r.days, date=r.end.strftime("%Y-%m-%d")))
    out.append(translate("CampaignResponse", "{buyers} of {members} members on the list ({rate}) bought within "
                                             "{days} days.").format(buyers=r.listed.buyers, members=r.listed.members,
                                                                    rate=percent(r.listed.rate), days=r.days))
    if r.verdict == "not_contacted":
        out.append(translate("CampaignResponse", "Nobody on this list is marked as contacted, so there is no campaign "
                                                 "effect to measure. Tick the members you reached and the comparison "
                                                 "will show here."))
        return out
    out.append(translate("CampaignResponse", "{buyers} of the {members} contacted members ({rate}) bought in those "
                                             "days.").format(buyers=r.contacted.buyers, members=r.contacted.members,
                                                             rate=percent(r.contacted.rate)))
    if r.verdict == "no_comparison":
        out.append(translate("CampaignResponse", "There is nobody to compare with: everyone the list's filter matched "
                                                 "on its day was contacted (or was reached by another list). Leave a "
                                                 "part of the list uncontacted, chosen at random, to see whether "
                                                 "contacting makes a difference."))
        return out
    if r.uncovered:
        out.append(translate("CampaignResponse", "{n} contacted members have no similar uncontacted member to "
                                                 "compare with and are left out of the comparison.").format(n=r.uncovered))
    compare = translate("CampaignResponse", "Members the list matched on its day who were not contacted: {rate} of "
                                            "them bought in the same days ({n} members, counted like-for-like).").format(
        rate=percent(r.comparison_rate), n=r.comparison.members)
    out.append(compare)
    if r.verdict == "too_small":
        out.append(translate("CampaignResponse", "Too few members to tell (fewer than {min} in a group): a difference "
                                                 "of this size can easily be chance.").format(min=MIN_GROUP))
    elif r.verdict in ("more", "fewer") and r.difference is not None and r.low is not None and r.high is not None:
        template = (translate("CampaignResponse", "The contacted members came back more often: about {diff} more "
                                                  "of every 100 bought (somewhere from {low} to {high}).")
                    if r.verdict == "more" else
                    translate("CampaignResponse", "The contacted members came back less often: about {diff} fewer "
                                                  "of every 100 bought (somewhere from {low} to {high})."))
        out.append(template.format(diff=f"{abs(r.difference) * 100:.0f}", low=points(r.low), high=points(r.high)))
    elif r.difference is not None and r.low is not None and r.high is not None:
        out.append(translate("CampaignResponse", "No clear difference: {diff} of every 100 members, which could "
                                                 "just be luck (anywhere from {low} to {high}).").format(
            diff=points(r.difference), low=points(r.low), high=points(r.high)))
    out.append(translate("CampaignResponse", "Similar customers may have come anyway, so take this as a good "
                                             "guess, not proof."))
    return out
