"""Campaigns: promotion lists built from filters, saved with the members in them on the day.

A campaign keeps its filter (to show what it was) and its members (to know later who was on it,
whether they were contacted and whether they came back).  Rebuilding a filter tomorrow would give
another list; the stored members never change, except that erased members drop out of outputs.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, insert, select, update
from sqlalchemy.orm import Session

from shopcrm.db.backup import backup_before
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Campaign,
    CampaignMember,
    Category,
    Member,
    Product,
    SnapshotMember,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.i18n import translate
from shopcrm.services.campaigns.columns import validate_columns
from shopcrm.services.members.filters import MemberFilter, member_select, validate_filter
from shopcrm.services.members.table import SnapshotInfo, latest_info_in
from shopcrm.services.reports.seasons import RULE_BY_KEY

MAX_NAME = 200


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# ---- ready-made lists ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Preset:
    key: str
    title: str  # English, context "CampaignPresets"; {category} filled for the launch list
    description: str
    needs_category: bool = False

    def filter(self, category: str | None = None) -> MemberFilter:
        return preset_filter(self.key, category)

    def heading(self, category: str | None = None) -> str:
        return translate("CampaignPresets", self.title).format(category=category or "")

    def explanation(self) -> str:
        return translate("CampaignPresets", self.description)


PRESETS: tuple[Preset, ...] = (
    Preset("birthdays_week", QT_TRANSLATE_NOOP("CampaignPresets", "Birthdays this week"),
           QT_TRANSLATE_NOOP("CampaignPresets", "Members whose birthday falls in the next 7 days.")),
    Preset("birthdays_month", QT_TRANSLATE_NOOP("CampaignPresets", "Birthdays this month"),
           QT_TRANSLATE_NOOP("CampaignPresets", "Members whose birthday is in the current month.")),
    Preset("win_back", QT_TRANSLATE_NOOP("CampaignPresets", "At-risk members to win back"),
           QT_TRANSLATE_NOOP("CampaignPresets", "Members the churn warning marks as at risk: coming less often "
                                                "than they used to.")),
    Preset("lapsed_gold", QT_TRANSLATE_NOOP("CampaignPresets", "Top-pyramid customers slipping away"),
           QT_TRANSLATE_NOOP("CampaignPresets", "Gold and platinum members of the customer pyramid who are at "
                                                "risk or have stopped coming.")),
    Preset("launch_triers", QT_TRANSLATE_NOOP("CampaignPresets", "New-product triers for a launch in {category}"),
           QT_TRANSLATE_NOOP("CampaignPresets", "Members who like to try new products and buy this category "
                                                "most: invite them to the launch."),
           needs_category=True),
)
PRESET_BY_KEY = {p.key: p for p in PRESETS}


def promotion_filter(**conditions: Any) -> MemberFilter:
    """A promotion list's filter: only members who agreed to promotions unless `consent_only=False`
    is given (the owner's choice, guarded when the list is output)."""
    return MemberFilter(**({"consent_only": True} | conditions))


def saved_filter(campaign: Campaign) -> MemberFilter:
    """A saved campaign's filter, from its JSON; consent as the campaign was saved when the JSON
    does not say (its own consent_only column)."""
    return MemberFilter.from_dict({"consent_only": bool(campaign.consent_only), **dict(campaign.filters or {})})


def preset_filter(key: str, category: str | None = None) -> MemberFilter:
    """The filter of a ready-made list (consent only, like every promotion list)."""
    if key == "birthdays_week":
        return promotion_filter(birthday="week")
    if key == "birthdays_month":
        return promotion_filter(birthday="month")
    if key == "win_back":
        return promotion_filter(lifecycle=("at_risk",))
    if key == "lapsed_gold":
        return promotion_filter(pyramid=("platinum", "gold"), lifecycle=("at_risk", "churned"))
    if key == "launch_triers":
        clean = unicodedata.normalize("NFKC", category or "").strip()
        if not clean:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose the category of the new product."), "category")
        return promotion_filter(preference=("trier",), favourite_category=clean)
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown ready-made list {key}."), "preset", key=key)


FESTIVAL_BUYERS_TITLE = QT_TRANSLATE_NOOP("CampaignPresets", "{festival} buyers of {category}")
FESTIVAL_BUYERS_ANY_TITLE = QT_TRANSLATE_NOOP("CampaignPresets", "{festival} buyers")
FESTIVAL_BUYERS_DESCRIPTION = QT_TRANSLATE_NOOP(
    "CampaignPresets", "Members who bought (in the category) in the days before the festival's latest day, e.g. "
                       "mooncakes before last Mid-Autumn or 年货 before the Spring Festival: invite them again.")


def festival_buyers_filter(festival: str, category: str | None = None,
                           days: int | None = None) -> tuple[MemberFilter, str]:
    """The ready-made 'festival buyers' list and its title (consent only, like every promotion list)."""
    clean = unicodedata.normalize("NFKC", category or "").strip() or None
    flt = promotion_filter(festival=festival, festival_category=clean, festival_days=days)
    validate_filter(flt)
    name = translate("Seasons", RULE_BY_KEY[festival].name)
    title = (translate("CampaignPresets", FESTIVAL_BUYERS_TITLE).format(festival=name, category=clean) if clean
             else translate("CampaignPresets", FESTIVAL_BUYERS_ANY_TITLE).format(festival=name))
    return flt, title


def launch_categories(db: Database, today: dt.date | None = None, recent_days: int = 60) -> list[str]:
    """Categories for the launch list: those with a product launched lately (newest first), then the rest."""
    today = today or dt.date.today()
    since = today - dt.timedelta(days=recent_days)
    with db.read() as s:
        recent = s.execute(
            select(Category.name, func.max(Product.launched_on))
            .join(Product, Product.category_id == Category.id)
            .where(Product.launched_on.is_not(None), Product.launched_on >= since)
            .group_by(Category.name)
            .order_by(func.max(Product.launched_on).desc(), Category.name)
        ).all()
        names = [str(n) for n, _ in recent]
        rest = [str(n) for n in s.scalars(select(Category.name).order_by(Category.name)) if n not in names]
    return names + rest


def favourite_categories(db: Database) -> list[str]:
    """The favourite categories members have in the latest classification, most members first."""
    with db.read() as s:
        snap = latest_info_in(s)
        if snap is None:
            return []
        rows = s.execute(
            select(SnapshotMember.favourite_category, func.count())
            .where(SnapshotMember.snapshot_id == snap.id, SnapshotMember.favourite_category.is_not(None))
            .group_by(SnapshotMember.favourite_category)
            .order_by(func.count().desc(), SnapshotMember.favourite_category)
        ).all()
    return [str(name) for name, _n in rows if name]


# ---- counting and listing -------------------------------------------------------------------------
@dataclass(frozen=True)
class ListCount:
    members: int
    snapshot: SnapshotInfo | None


def count_matching(db: Database, flt: MemberFilter, today: dt.date | None = None) -> ListCount:
    """How many members the filter selects now (the screen's live count)."""
    today = today or dt.date.today()
    with db.read() as s:
        snap = latest_info_in(s)
        n = int(s.execute(member_select([func.count(Member.id)], flt, snap.id if snap else None, today)).scalar_one())
    return ListCount(n, snap)


def matching_in(s: Session, flt: MemberFilter, snapshot_id: int | None, today: dt.date) -> list[tuple[int, str | None]]:
    stmt = member_select([Member.id, SnapshotMember.segment], flt, snapshot_id, today).order_by(
        Member.card_no, Member.id)
    return [(int(i), seg) for i, seg in s.execute(stmt)]


def matching_ids(db: Database, flt: MemberFilter, today: dt.date | None = None) -> tuple[list[int], SnapshotInfo | None]:
    """The members the filter selects now, by card number, and the snapshot their classes came from."""
    today = today or dt.date.today()
    with db.read() as s:
        snap = latest_info_in(s)
        rows = matching_in(s, flt, snap.id if snap else None, today)
    return [i for i, _ in rows], snap


# ---- saved campaigns ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CampaignSummary:
    id: int
    name: str
    created_at: dt.datetime
    filters: MemberFilter
    columns: tuple[str, ...]
    consent_only: bool
    member_count: int
    contacted: int
    snapshot_id: int | None
    snapshot_as_of: dt.date | None
    printed_at: dt.datetime | None
    exported_at: dt.datetime | None
    notes: str | None


def _clean_name(name: str) -> str:
    clean = unicodedata.normalize("NFKC", name or "").strip()
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give the list a name."), "name")
    if len(clean) > MAX_NAME:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The name is too long (200 characters at most)."), "name")
    return clean


def _summary(c: Campaign, contacted: int) -> CampaignSummary:
    return CampaignSummary(
        id=c.id, name=c.name, created_at=c.created_at, filters=saved_filter(c),
        columns=validate_columns(c.columns), consent_only=bool(c.consent_only), member_count=c.member_count,
        contacted=contacted, snapshot_id=c.snapshot_id, snapshot_as_of=c.snapshot_as_of, printed_at=c.printed_at,
        exported_at=c.exported_at, notes=c.notes,
    )


def save_campaign(
    db: Database,
    name: str,
    flt: MemberFilter,
    columns: Sequence[str] | None = None,
    *,
    notes: str | None = None,
    when: dt.datetime | None = None,
) -> CampaignSummary:
    """Save the list as it is now: the filter, the chosen columns and every member it selects."""
    clean = _clean_name(name)
    chosen = validate_columns(columns)
    when = when or now()
    with db.transaction() as s:
        snap = latest_info_in(s)
        rows = matching_in(s, flt, snap.id if snap else None, when.date())
        if not rows:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "No member matches these filters; nothing was saved."),
                                  "filters")
        campaign = Campaign(
            name=clean, created_at=when, filters=flt.to_dict(), columns=list(chosen), consent_only=flt.consent_only,
            snapshot_id=snap.id if snap else None, snapshot_as_of=snap.as_of if snap else None,
            member_count=len(rows), notes=(notes or "").strip() or None,
        )
        s.add(campaign)
        s.flush()
        s.execute(insert(CampaignMember), [
            {"campaign_id": campaign.id, "member_id": member_id, "segment": segment} for member_id, segment in rows
        ])
        return _summary(campaign, 0)


def _contacted_counts(s: Session, ids: Sequence[int] | None = None) -> dict[int, int]:
    stmt = (select(CampaignMember.campaign_id, func.count())
            .where(CampaignMember.contacted_at.is_not(None)).group_by(CampaignMember.campaign_id))
    if ids is not None:
        stmt = stmt.where(CampaignMember.campaign_id.in_(list(ids)))
    return {int(c): int(n) for c, n in s.execute(stmt)}


def list_campaigns(db: Database) -> list[CampaignSummary]:
    """Every saved campaign, newest first."""
    with db.read() as s:
        campaigns = list(s.scalars(select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id.desc())))
        contacted = _contacted_counts(s)
        return [_summary(c, contacted.get(c.id, 0)) for c in campaigns]


def load_campaign(s: Session, campaign_id: int) -> Campaign:
    campaign = s.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "There is no campaign {id}."), id=campaign_id)
    return campaign


def get_campaign(db: Database, campaign_id: int) -> CampaignSummary:
    with db.read() as s:
        campaign = load_campaign(s, campaign_id)
        return _summary(campaign, _contacted_counts(s, [campaign_id]).get(campaign_id, 0))


def campaign_member_ids(db: Database, campaign_id: int) -> list[int]:
    """The members saved with the campaign, by card number (erased members included)."""
    with db.read() as s:
        load_campaign(s, campaign_id)
        return [int(i) for i in s.scalars(
            select(CampaignMember.member_id).join(Member, Member.id == CampaignMember.member_id)
            .where(CampaignMember.campaign_id == campaign_id).order_by(Member.card_no, Member.id))]


def set_contacted(db: Database, campaign_id: int, member_ids: Sequence[int], contacted: bool = True,
                  *, when: dt.datetime | None = None) -> int:
    """Tick (or untick) members as contacted for this campaign; returns how many rows changed."""
    ids = [int(i) for i in member_ids]
    if not ids:
        return 0
    stamp = (when or now()) if contacted else None
    changed = 0
    with db.transaction() as s:
        load_campaign(s, campaign_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            stmt = update(CampaignMember).where(CampaignMember.campaign_id == campaign_id,
                                                CampaignMember.member_id.in_(chunk))
            stmt = stmt.where(CampaignMember.contacted_at.is_(None) if contacted
                              else CampaignMember.contacted_at.is_not(None))
            result = cast(CursorResult[Any], s.execute(stmt.values(contacted_at=stamp)))
            changed += result.rowcount or 0
    return changed


def update_campaign(db: Database, campaign_id: int, *, name: str | None = None,
                    columns: Sequence[str] | None = None, notes: str | None = None) -> CampaignSummary:
    """Rename, change the printed columns or the notes; the members never change."""
    with db.transaction() as s:
        campaign = load_campaign(s, campaign_id)
        if name is not None:
            campaign.name = _clean_name(name)
        if columns is not None:
            campaign.columns = list(validate_columns(columns))
        if notes is not None:
            campaign.notes = notes.strip() or None
        s.flush()
        return _summary(campaign, _contacted_counts(s, [campaign_id]).get(campaign_id, 0))


def delete_campaign(db: Database, campaign_id: int) -> None:
    """Remove a campaign and its member list (its response can no longer be measured); backup first."""
    with db.read() as s:
        load_campaign(s, campaign_id)
    backup_before(db, "delete-campaign")
    with db.transaction() as s:
        s.delete(load_campaign(s, campaign_id))
