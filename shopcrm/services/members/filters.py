"""Which members a list holds: the one filter of the Members screen, the Campaigns screen, export and print.

A filter combines the classes of the latest classification snapshot (segment, tier, lifecycle ...),
the member's own fields (level, birthday, tag, area, source, gender, consent) and what a screen
adds (the Members screen's search text and status, a chart's explicit id list; a promotion list's
festival buyers).  Every condition left at its default means "no restriction", so `MemberFilter()`
is every current member.  Class filters take several values ("gold or platinum"); birthdays may be
relative ("this week", "this month"), resolved against the list's day, so a saved campaign filter
rebuilt next month means next month's birthdays.  Saved campaigns keep the filter as JSON
(`to_dict` / `from_dict`).  There is one SQL translation, `member_select`, so a class counts the
same on every screen and in the CLI.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Select, and_, exists, false, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from shopcrm.db.models import Category, Member, MemberTag, Product, Purchase, PurchaseLine, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.members.birthdays import birthday_on_days_condition, month_days
from shopcrm.services.reports.seasons import RULE_BY_KEY, last_festival_before

STATUS_CHOICES = ("active", "archived", "all")
BIRTHDAY_WEEK = "week"
BIRTHDAY_MONTH = "month"
BIRTHDAY_CHOICES = (BIRTHDAY_WEEK, BIRTHDAY_MONTH)
WEEK_DAYS = 7  # "this week": the list's day and the six after it

# Snapshot class filters: field name -> the codes the classification engine stores (its CLASSES
# tuples; tests/services/test_campaigns.py checks they still agree), in the order a filter bar shows them.
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
CLASS_FILTERS = tuple(CLASS_CODES)
# Member-record fields with fixed codes, filtered like the classes (several values = any of them).
MEMBER_CODES: dict[str, tuple[str, ...]] = {"gender": ("F", "M")}
MEMBER_FILTERS = ("source", "gender")  # member-record fields filtered by value
MAX_TEXT = 100
FESTIVAL_DAYS = 30  # "bought before the festival": this many days up to and including its day
MAX_FESTIVAL_DAYS = 90


@dataclass(frozen=True)
class MemberFilter:
    """Empty tuple / None / False / "" means 'any'.  Stored as JSON in campaigns.filters (see to_dict)."""

    text: str = ""  # the Members screen's search: name, card no., area, phone, tag
    status: str = "active"  # "active", "archived" or "all"
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
    birthday_month: int | None = None  # a fixed month 1-12
    tag: str | None = None
    area: str | None = None  # part of the area text, e.g. "万科"
    source: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()  # "F" / "M" as recorded
    # festival buyers: bought (in `festival_category`, or anything) in the `festival_days` days up to
    # the latest past day of `festival` (services.reports.seasons), e.g. mooncakes before Mid-Autumn
    festival: str | None = None
    festival_category: str | None = None
    festival_days: int | None = None
    consent_only: bool = False
    member_ids: tuple[int, ...] | None = None  # an explicit list (a chart cell)

    def with_changes(self, **changes: Any) -> MemberFilter:
        return replace(self, **changes)

    def needs_snapshot(self) -> bool:
        return bool(self.favourite_category) or any(getattr(self, name) for name in CLASS_FILTERS)

    def is_empty(self) -> bool:
        """No condition at all besides consent: the list would be every current member."""
        return self.with_changes(consent_only=False) == MemberFilter()

    def to_dict(self) -> dict[str, object]:
        """JSON for campaigns.filters (and the audit log): only the conditions that are set, and consent."""
        out: dict[str, object] = {}
        default = MemberFilter()
        for name, value in asdict(self).items():
            if value != getattr(default, name):
                out[name] = list(value) if isinstance(value, tuple) else value
        out["consent_only"] = self.consent_only
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemberFilter:
        """Known keys only (saved campaigns, chart drill-downs); single values become one-element
        tuples, missing keys mean 'any'.  Validates."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data or data[f.name] is None:
                continue
            raw = data[f.name]
            if f.name in CLASS_FILTERS or f.name in MEMBER_FILTERS:
                values[f.name] = _strings(raw)
            elif f.name in ("level", "member_ids"):
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


def validate_filter(flt: MemberFilter) -> None:
    """Unknown statuses, class codes, months or birthday choices are the user's typo: say which."""
    if flt.status not in STATUS_CHOICES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown member status {status}."), "status", status=flt.status)
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
def birthday_days(flt: MemberFilter, today: dt.date) -> list[tuple[int, int]] | None:
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


def birthday_months(flt: MemberFilter, today: dt.date) -> list[int]:
    months: list[int] = []
    if flt.birthday == BIRTHDAY_MONTH:
        months.append(today.month)
    if flt.birthday_month is not None:
        months.append(flt.birthday_month)
    return months


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _birthday_conditions(flt: MemberFilter, today: dt.date) -> list[ColumnElement[bool]]:
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
def festival_window(flt: MemberFilter, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """(first, last) day of the buying window before the latest past festival, or None."""
    if flt.festival is None:
        return None
    day = last_festival_before(flt.festival, today)
    if day is None:
        return None
    return day - dt.timedelta(days=(flt.festival_days or FESTIVAL_DAYS) - 1), day


def _festival_conditions(flt: MemberFilter, today: dt.date) -> list[ColumnElement[bool]]:
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
def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _IgnoringCase(FunctionElement[bool]):
    """column ILIKE pattern: case-insensitive on every database.  SQLite says it as LIKE, which is
    already case-insensitive exactly where lower() changes anything (ASCII letters): the same
    answer without a lower() of every name and area (a third of a search at 1M members)."""

    type = Boolean()
    name = "ignoring_case"
    inherit_cache = True


@compiles(_IgnoringCase)
def _ilike(element: _IgnoringCase, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return str(compiler.process(column.ilike(pattern, escape="\\"), **kw))


@compiles(_IgnoringCase, "sqlite")
def _sqlite_like(element: _IgnoringCase, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return str(compiler.process(column.like(pattern, escape="\\"), **kw))


def _text_condition(text: str) -> ColumnElement[bool] | None:
    """The search box: part of the name or area, the start of the card no., a phone (its last four
    digits, or any run of digits), or a whole tag."""
    clean = unicodedata.normalize("NFKC", text or "").strip()
    if not clean:
        return None
    like = escape_like(clean)
    conditions: list[ColumnElement[bool]] = [
        _IgnoringCase(Member.name, f"%{like}%"),
        _IgnoringCase(Member.card_no, f"{like}%"),
        _IgnoringCase(Member.area, f"%{like}%"),
    ]
    digits = re.sub(r"\D", "", clean)
    if digits and re.fullmatch(r"[\d\s\-+]+", clean):
        if len(digits) == 4:
            conditions.append(Member.phone_last4 == digits)
        else:
            conditions.append(Member.phone.like(f"%{digits}%"))
    # the tagged members once (their index), not a look-up for every member
    conditions.append(Member.id.in_(select(MemberTag.member_id).where(MemberTag.tag == clean)))
    return or_(*conditions)


def _one_of(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    chosen = list(values)
    return column == chosen[0] if len(chosen) == 1 else column.in_(chosen)


def filter_conditions(flt: MemberFilter, snapshot_id: int | None, today: dt.date) -> list[ColumnElement[bool]]:
    """WHERE conditions over Member and the joined SnapshotMember row of `snapshot_id`."""
    validate_filter(flt)
    conditions: list[ColumnElement[bool]] = [
        Member.status.in_(("active", "archived")) if flt.status == "all" else Member.status == flt.status]
    if flt.needs_snapshot() and snapshot_id is None:
        conditions.append(false())  # class filters without a classification match nobody
    text = _text_condition(flt.text)
    if text is not None:
        conditions.append(text)
    for model, names in ((SnapshotMember, CLASS_FILTERS), (Member, (*MEMBER_FILTERS, "level"))):
        for name in names:
            values = getattr(flt, name)
            if values:
                conditions.append(_one_of(getattr(model, name), values))
    favourite = _clean_text(flt.favourite_category)
    if favourite:
        conditions.append(SnapshotMember.favourite_category == favourite)
    tag = _clean_text(flt.tag)
    if tag:
        conditions.append(exists().where(MemberTag.member_id == Member.id, MemberTag.tag == tag))
    area = _clean_text(flt.area)
    if area:
        conditions.append(Member.area.like(f"%{escape_like(area)}%", escape="\\"))
    conditions.extend(_birthday_conditions(flt, today))
    conditions.extend(_festival_conditions(flt, today))
    if flt.consent_only:
        conditions.append(Member.consent.is_(True))
    if flt.member_ids is not None:
        conditions.append(Member.id.in_(list(flt.member_ids)))
    return conditions


def member_select(columns: Iterable[Any], flt: MemberFilter, snapshot_id: int | None,
                  today: dt.date | None = None) -> Select[Any]:
    """SELECT columns FROM members joined to their row of the snapshot, with the filter applied
    (relative birthdays and festivals against `today`, default the real today).

    With class filters the join is inner, so the database can start from the snapshot's class
    index (a few hundred gold members) instead of walking every member; without, it is an outer
    join that keeps members the classification has not seen yet."""
    on = and_(SnapshotMember.member_id == Member.id, SnapshotMember.snapshot_id == (snapshot_id or -1))
    stmt = select(*columns).select_from(Member)
    stmt = stmt.join(SnapshotMember, on) if flt.needs_snapshot() else stmt.outerjoin(SnapshotMember, on)
    return stmt.where(*filter_conditions(flt, snapshot_id, today or dt.date.today()))
