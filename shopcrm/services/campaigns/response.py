"""Did the members on a list come back?  The list's buyers beside a comparison group.

Members on a list are picked for a reason (at risk, birthday, high value), so their raw return rate
says little: at-risk members come back less often anyway.  The comparison group is the members of
the same RFM segments (in the snapshot the list was built from) who were on no campaign from N days
before the list to N days after it.  Its rate is weighted to the list's segment mix, so a list that
is 80 % "at risk" is compared with what at-risk members did, not with the average member.

It is an observational comparison, not an experiment, and with few members a difference is often
chance: the report gives a 95 % range for the difference and says plainly when groups are too small.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, CampaignMember, Member, Purchase, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.services.campaigns.lists import load_campaign, now

DEFAULT_DAYS = 30
MAX_DAYS = 365
MIN_GROUP = 30  # below this, a share moves by several points with one member: too small to tell
Z95 = 1.959964


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


@dataclass(frozen=True)
class SegmentFigures:
    segment: str | None
    listed: GroupFigures
    comparison: GroupFigures


@dataclass(frozen=True)
class ResponseReport:
    campaign_id: int
    name: str
    start: dt.datetime
    end: dt.datetime
    days: int
    as_of: dt.datetime
    listed: GroupFigures  # every member saved with the list
    compared: GroupFigures  # the listed members whose segment has comparison members
    comparison: GroupFigures  # the comparison group, unweighted
    comparison_rate: float | None  # weighted to the list's segment mix
    comparison_spend_per_member_cents: int | None  # weighted likewise
    difference: float | None  # listed (compared part) minus comparison, as a share
    low: float | None  # 95 % range of the difference
    high: float | None
    segments: tuple[SegmentFigures, ...]
    verdict: str  # not_started | no_comparison | too_small | more | fewer | no_difference

    @property
    def window_complete(self) -> bool:
        return self.as_of >= self.end

    @property
    def uncovered(self) -> int:
        return self.listed.members - self.compared.members

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


def _listed(s: Session, campaign_id: int, start: dt.datetime, end: dt.datetime) -> dict[str | None, GroupFigures]:
    p = _window_purchases(start, end).subquery()
    rows = s.execute(
        select(CampaignMember.segment, func.count(), func.count(p.c.mid), func.coalesce(func.sum(p.c.spend), 0))
        .select_from(CampaignMember)
        .outerjoin(p, p.c.mid == CampaignMember.member_id)
        .where(CampaignMember.campaign_id == campaign_id)
        .group_by(CampaignMember.segment)
    ).all()
    return {seg: GroupFigures(int(n), int(b), int(spend)) for seg, n, b, spend in rows}


def _comparison(s: Session, campaign: Campaign, segments: list[str | None], start: dt.datetime,
                end: dt.datetime, days: int) -> dict[str | None, GroupFigures]:
    """Members of the list's segments, registered by the list's day, on no campaign near it."""
    p = _window_purchases(start, end).subquery()
    near_campaign = (
        exists()
        .where(CampaignMember.member_id == Member.id)
        .where(CampaignMember.campaign_id == Campaign.id)
        .where(Campaign.created_at > start - dt.timedelta(days=days), Campaign.created_at <= end)
    )
    conditions = [Member.status != "archived", Member.registered_on <= start.date(), ~near_campaign]
    if campaign.consent_only:
        conditions.append(Member.consent.is_(True))
    if campaign.snapshot_id is not None:
        seg = SnapshotMember.segment
        stmt = (
            select(seg, func.count(), func.count(p.c.mid), func.coalesce(func.sum(p.c.spend), 0))
            .select_from(Member)
            .join(SnapshotMember, and_(SnapshotMember.member_id == Member.id,
                                       SnapshotMember.snapshot_id == campaign.snapshot_id))
            .where(seg.in_([x for x in segments if x is not None]))
        )
    else:
        stmt = select(func.count(), func.count(p.c.mid), func.coalesce(func.sum(p.c.spend), 0)).select_from(Member)
    stmt = stmt.outerjoin(p, p.c.mid == Member.id).where(*conditions)
    if campaign.snapshot_id is not None:
        rows = s.execute(stmt.group_by(SnapshotMember.segment)).all()
        return {seg: GroupFigures(int(n), int(b), int(spend)) for seg, n, b, spend in rows}
    n, b, spend = s.execute(stmt).one()
    return {None: GroupFigures(int(n), int(b), int(spend))}


def _sum(groups: list[GroupFigures]) -> GroupFigures:
    return GroupFigures(sum(g.members for g in groups), sum(g.buyers for g in groups),
                        sum(g.spend_cents for g in groups))


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
        listed = _listed(s, campaign_id, start, min(end, max(as_of, start)))
        segments = sorted(listed, key=lambda x: (x is None, x or ""))
        snapshot_lost = campaign.snapshot_id is None and any(seg is not None for seg in segments)
        comparison = {} if snapshot_lost else _comparison(s, campaign, segments, start, min(end, max(as_of, start)), days)
        name = campaign.name

    per_segment = tuple(
        SegmentFigures(seg, listed[seg], comparison.get(seg, GroupFigures(0, 0, 0))) for seg in segments)
    covered = [f for f in per_segment if f.comparison.members > 0]
    listed_all = _sum([f.listed for f in per_segment])
    compared = _sum([f.listed for f in covered])
    comparison_all = _sum([f.comparison for f in covered])

    comparison_rate = spend_per_member = difference = low = high = None
    if compared.members:
        weights = [f.listed.members / compared.members for f in covered]
        rates = [f.comparison.buyers / f.comparison.members for f in covered]
        comparison_rate = sum(w * r for w, r in zip(weights, rates, strict=True))
        spend_per_member = round(sum(w * f.comparison.spend_cents / f.comparison.members
                                     for w, f in zip(weights, covered, strict=True)))
        listed_rate = compared.buyers / compared.members
        difference = listed_rate - comparison_rate
        variance = listed_rate * (1 - listed_rate) / compared.members + sum(
            w * w * r * (1 - r) / f.comparison.members for w, r, f in zip(weights, rates, covered, strict=True))
        margin = Z95 * math.sqrt(variance)
        low, high = difference - margin, difference + margin

    if as_of <= start:
        verdict = "not_started"
    elif not compared.members:
        verdict = "no_comparison"
    elif compared.members < MIN_GROUP or comparison_all.members < MIN_GROUP:
        verdict = "too_small"
    elif low is not None and low > 0:
        verdict = "more"
    elif high is not None and high < 0:
        verdict = "fewer"
    else:
        verdict = "no_difference"
    return ResponseReport(
        campaign_id=campaign_id, name=name, start=start, end=end, days=days, as_of=as_of, listed=listed_all,
        compared=compared, comparison=comparison_all, comparison_rate=comparison_rate,
        comparison_spend_per_member_cents=spend_per_member, difference=difference, low=low, high=high,
        segments=per_segment, verdict=verdict,
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
    if r.verdict == "no_comparison":
        out.append(translate("CampaignResponse", "There are no comparable members (same segments, on no list at the "
                                                 "time) to compare with, so this cannot tell whether the list made a "
                                                 "difference."))
        return out
    if r.uncovered:
        out.append(translate("CampaignResponse", "{n} members of the list belong to segments without comparable "
                                                 "members and are left out of the comparison.").format(n=r.uncovered))
    compare = translate("CampaignResponse", "Similar customers who were not on the list: {rate} of them bought in "
                                            "the same days ({n} members, counted like-for-like).").format(
        rate=percent(r.comparison_rate), n=r.comparison.members)
    out.append(compare)
    if r.verdict == "too_small":
        out.append(translate("CampaignResponse", "Too few members to tell (fewer than {min} in a group): a difference "
                                                 "of this size can easily be chance.").format(min=MIN_GROUP))
    elif r.verdict in ("more", "fewer") and r.difference is not None and r.low is not None and r.high is not None:
        template = (translate("CampaignResponse", "The list came back more often: about {diff} more of every 100 "
                                                  "members bought (somewhere from {low} to {high}).")
                    if r.verdict == "more" else
                    translate("CampaignResponse", "The list came back less often: about {diff} fewer of every 100 "
                                                  "members bought (somewhere from {low} to {high})."))
        out.append(template.format(diff=f"{abs(r.difference) * 100:.0f}", low=points(r.low), high=points(r.high)))
    elif r.difference is not None and r.low is not None and r.high is not None:
        out.append(translate("CampaignResponse", "No clear difference: {diff} of every 100 members, which could "
                                                 "just be luck (anywhere from {low} to {high}).").format(
            diff=points(r.difference), low=points(r.low), high=points(r.high)))
    out.append(translate("CampaignResponse", "Similar customers may have come anyway, so take this as a good "
                                             "guess, not proof."))
    return out
