"""Which members a promotion list holds: the filter of the Campaigns screen and of `print members`.

A list is made from the classes of the latest classification snapshot (segment, tier, lifecycle ...)
and the member's own fields (level, birthday, tag, area, source, consent).  Every class filter takes
several values ("gold or platinum"), so the ready-made lists are plain filters too.  Birthdays are
relative ("this week", "this month") and resolved against the list's day, so a saved filter
rebuilt next month means next month's birthdays.  Only active members are ever in a list.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, select

from shopcrm.db.models import Category, Member, MemberTag, Product, Purchase, PurchaseLine, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.members.birthdays import birthday_on_days_condition, month_days
from shopcrm.services.reports.seasons import RULE_BY_KEY, last_festival_before

BIRTHDAY_WEEK = "week"
BIRTHDAY_MONTH = "month"
BIRTHDAY_CHOICES = (BIRTHDAY_WEEK, BIRTHDAY_MONTH)
WEEK_DAYS = 7  # "this week": the list's day and the six after it

# Snapshot class filters: field name -> the codes the classification engine stores (its CLASSES
# tuples; tests/services/test_campaigns.py checks they still agree).
CLASS_CODES: dict[str, tuple[str, ...]] = {
    "segment": ("champions", "loyal", "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep",
                "at_risk", "cant_lose", "hibernating", "lost", "never_bought"),
    "pyramid": ("platinum", "gold", "iron", "lead"),
    "lifecycle": ("potential", "new", "active", "at_risk", "churned", "won_back"),
    "churn_level": ("none", "low", "medium", "high"),
    "abcd": ("A", "B", "C", "D"),
    "frequency": ("high", "medium", "low"),
    "spend_class": ("high", "medium", "low"),
    "preference": ("trier", "classic", "mixed", "none"),
    "age_band": ("<18", "18-24", "25-34", "35-44", "45-59", "60+"),  # "unknown" is stored as NULL
}
CLASS_FIELDS = tuple(CLASS_CODES)
# Member-record fields with fixed codes, filtered like the classes (several values = any of them).
MEMBER_CODES: dict[str, tuple[str, ...]] = {"gender": ("F", "M")}
MAX_TEXT = 100
FESTIVAL_DAYS = 30  # "bought before the festival": this many days up to and including its day
MAX_FESTIVAL_DAYS = 90


@dataclass(frozen=True)
class CampaignFilter:
    """Empty tuple / None means 'any'.  Stored as JSON in campaigns.filters (see to_dict)."""

    segment: tuple[str, ...] = ()
    pyramid: tuple[str, ...] = ()  # the customer pyramid tier
    lifecycle: tuple[str, ...] = ()
    churn_level: tuple[str, ...] = ()
    abcd: tuple[str, ...] = ()
    frequency: tuple[str, ...] = ()
    spend_class: tuple[str, ...] = ()
    preference: tuple[str, ...] = ()
    age_band: tuple[str, ...] = ()  # the classification's age band (as of its day)
    favourite_category: str | None = None
    level: tuple[int, ...] = ()  # indexes into the owner's member levels
    birthday: str | None = None  # "week" or "month", relative to the list's day
    birthday_month: int | None = None  # a fixed month 1-12 (the CLI's --birthday-month)
    tag: str | None = None
    area: str | None = None  # part of the area text, e.g. "万科"
    source: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()  # "F" / "M" as recorded
    # festival buyers: bought (in `festival_category`, or anything) in the `festival_days` days up to
    # the latest past day of `festival` (services.reports.seasons), e.g. mooncakes before Mid-Autumn
    festival: str | None = None
    festival_category: str | None = None
    festival_days: int | None = None
    consent_only: bool = True

    def with_changes(self, **changes: Any) -> CampaignFilter:
        return replace(self, **changes)

    def needs_snapshot(self) -> bool:
        return bool(self.favourite_category) or any(getattr(self, name) for name in CLASS_FIELDS)

    def is_empty(self) -> bool:
        """No condition at all besides consent: the list would be every active member."""
        return self.with_changes(consent_only=True) == CampaignFilter()

    def to_dict(self) -> dict[str, object]:
        """JSON for campaigns.filters: only the conditions that are set."""
        out: dict[str, object] = {}
        default = CampaignFilter()
        for name, value in asdict(self).items():
            if value != getattr(default, name):
                out[name] = list(value) if isinstance(value, tuple) else value
        out["consent_only"] = self.consent_only
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CampaignFilter:
        """Known keys only; single values become one-element tuples.  Validates."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data or data[f.name] is None:
                continue
            raw = data[f.name]
            if f.name in CLASS_FIELDS or f.name in MEMBER_CODES or f.name == "source":
                values[f.name] = _strings(raw)
            elif f.name == "level":
                values[f.name] = tuple(int(v) for v in _as_list(raw))
            elif f.name in ("birthday_month", "festival_days"):
                values[f.name] = int(raw)
            elif f.name == "consent_only":
                values[f.name] = bool(raw)
            else:
                values[f.name] = str(raw)
        flt = cls(**values)
        validate_filter(flt)
        return flt


def _as_list(raw: Any) -> list[Any]:
    if isinstance(raw, (list, tuple, set, frozenset)):
        return list(raw)
    return [raw]


def _strings(raw: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v).strip() for v in _as_list(raw) if str(v).strip()))


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    return text or None


def validate_filter(flt: CampaignFilter) -> None:
    """Unknown class codes, months or birthday choices are the user's typo: say which."""
    for name, codes in (CLASS_CODES | MEMBER_CODES).items():
        for value in getattr(flt, name):
            if value not in codes:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a known class; use one of: {choices}."),
                    name, value=value, choices=", ".join(codes),
                )
    if flt.birthday is not None and flt.birthday not in BIRTHDAY_CHOICES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Birthday must be \"week\" or \"month\"."), "birthday")
    if flt.birthday_month is not None and not 1 <= flt.birthday_month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A month goes from 1 to 12."), "birthday_month")
    if flt.festival is not None and flt.festival not in RULE_BY_KEY:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown festival {key}."), "festival", key=flt.festival)
    if flt.festival_days is not None and not 1 <= flt.festival_days <= MAX_FESTIVAL_DAYS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The days before a festival go from 1 to 90."), "festival")
    if any(level < 0 for level in flt.level):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown member level."), "level")
    for name in ("tag", "area", "favourite_category", "festival_category"):
        value = getattr(flt, name)
        if value is not None and len(value) > MAX_TEXT:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The filter text is too long."), name)


# ---- birthdays ---------------------------------------------------------------------------------------
def birthday_days(flt: CampaignFilter, today: dt.date) -> list[tuple[int, int]] | None:
    """The (month, day) pairs the birthday filter covers, or None when it covers whole months."""
    if flt.birthday != BIRTHDAY_WEEK:
        return None
    days: list[tuple[int, int]] = []
    for offset in range(WEEK_DAYS):
        day = today + dt.timedelta(days=offset)
        days.append((day.month, day.day))
        # Members born on 29 February celebrate on the 28th in other years.
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            days.append((2, 29))
    return days


def birthday_months(flt: CampaignFilter, today: dt.date) -> list[int]:
    months: list[int] = []
    if flt.birthday == BIRTHDAY_MONTH:
        months.append(today.month)
    if flt.birthday_month is not None:
        months.append(flt.birthday_month)
    return months


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _birthday_condition(flt: CampaignFilter, today: dt.date) -> list[ColumnElement[bool]]:
    """Solar and lunar birthdays alike: each condition is the set of solar days it covers, and a
    lunar birthday matches when this year's solar date of it falls on one of them."""
    conditions: list[ColumnElement[bool]] = []
    if flt.birthday == BIRTHDAY_WEEK:
        conditions.append(birthday_on_days_condition(
            [today + dt.timedelta(days=offset) for offset in range(WEEK_DAYS)]))
    # "This month" and a fixed month together only match when they are the same month.
    for month in sorted(set(birthday_months(flt, today))):
        conditions.append(birthday_on_days_condition(month_days(today.year, month)))
    return conditions


# ---- festival buyers ---------------------------------------------------------------------------------
def festival_window(flt: CampaignFilter, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """(first, last) day of the buying window before the latest past festival, or None."""
    if flt.festival is None:
        return None
    day = last_festival_before(flt.festival, today)
    if day is None:
        return None
    return day - dt.timedelta(days=(flt.festival_days or FESTIVAL_DAYS) - 1), day


def _festival_condition(flt: CampaignFilter, today: dt.date) -> list[ColumnElement[bool]]:
    if flt.festival is None:
        return []
    window = festival_window(flt, today)
    if window is None:
        return [false()]
    first, last = window
    bought = (select(Purchase.id).where(
        Purchase.member_id == Member.id, Purchase.voided_at.is_(None),
        Purchase.purchased_at >= dt.datetime.combine(first, dt.time()),
        Purchase.purchased_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time())))
    category = _clean_text(flt.festival_category)
    if category:
        bought = bought.where(exists().where(
            PurchaseLine.purchase_id == Purchase.id, PurchaseLine.product_id == Product.id,
            Product.category_id == Category.id, Category.name == category))
    return [exists(bought)]


# ---- the query ---------------------------------------------------------------------------------------
def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_conditions(flt: CampaignFilter, snapshot_id: int | None, today: dt.date) -> list[ColumnElement[bool]]:
    """WHERE conditions over Member and the outer-joined SnapshotMember row of `snapshot_id`."""
    validate_filter(flt)
    conditions: list[ColumnElement[bool]] = [Member.status == "active"]
    if flt.needs_snapshot() and snapshot_id is None:
        conditions.append(false())  # class filters without a classification match nobody
    for name in CLASS_FIELDS:
        values = getattr(flt, name)
        if values:
            conditions.append(getattr(SnapshotMember, name).in_(list(values)))
    favourite = _clean_text(flt.favourite_category)
    if favourite:
        conditions.append(SnapshotMember.favourite_category == favourite)
    if flt.level:
        conditions.append(Member.level.in_(list(flt.level)))
    if flt.source:
        conditions.append(Member.source.in_(list(flt.source)))
    if flt.gender:
        conditions.append(Member.gender.in_(list(flt.gender)))
    tag = _clean_text(flt.tag)
    if tag:
        conditions.append(exists().where(MemberTag.member_id == Member.id, MemberTag.tag == tag))
    area = _clean_text(flt.area)
    if area:
        conditions.append(Member.area.like(f"%{_escape_like(area)}%", escape="\\"))
    conditions.extend(_birthday_condition(flt, today))
    conditions.extend(_festival_condition(flt, today))
    if flt.consent_only:
        conditions.append(Member.consent.is_(True))
    return conditions


def filtered_select(columns: Iterable[Any], flt: CampaignFilter, snapshot_id: int | None,
                    today: dt.date) -> Select[Any]:
    """SELECT columns FROM members joined to their snapshot row, with the filter applied.

    With class filters the join is inner, so the database can start from the snapshot's class
    index (a few hundred gold members) instead of walking every member; without, it is an outer
    join that keeps members the classification has not seen yet."""
    on = and_(SnapshotMember.member_id == Member.id, SnapshotMember.snapshot_id == (snapshot_id or -1))
    stmt = select(*columns).select_from(Member)
    stmt = stmt.join(SnapshotMember, on) if flt.needs_snapshot() else stmt.outerjoin(SnapshotMember, on)
    return stmt.where(*filter_conditions(flt, snapshot_id, today))


def count_select(flt: CampaignFilter, snapshot_id: int | None, today: dt.date) -> Select[Any]:
    return filtered_select([func.count(Member.id)], flt, snapshot_id, today)
