"""A campaign filter in words, for the printout's header, the export's title rows and the CLI.

The class names and titles come from shopcrm.labels, the one table the screens use too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from shopcrm.errors import ValidationError
from shopcrm.i18n import QT_TRANSLATE_NOOP, translate
from shopcrm.labels import CLASS_LABELS, CLASSIFICATION_TITLES
from shopcrm.services.members.filters import CLASS_FILTERS, WEEK_DAYS, MemberFilter, festival_window
from shopcrm.services.reports.seasons import RULE_BY_KEY

CLASS_NAMES: dict[str, dict[str, str]] = {
    field: CLASS_LABELS[field]
    for field in ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class", "preference", "source",
                  "gender", "age_band")
}
# Who a list is for, as a printout's header says it: "Women, 25–34".
GENDER_PEOPLE: dict[str, str] = {
    "F": QT_TRANSLATE_NOOP("CampaignFilter", "Women"),
    "M": QT_TRANSLATE_NOOP("CampaignFilter", "Men"),
}
FILTER_TITLES: dict[str, str] = {
    field: CLASSIFICATION_TITLES[field]
    for field in (
        "segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class", "preference",
        "favourite_category", "level", "source", "area", "gender", "age_band",
    )
}


def class_name(field: str, code: str | None) -> str:
    """'gold' of 'pyramid' -> 'Gold' (or its translation); unknown codes as they are."""
    if code is None or code == "":
        return ""
    source = CLASS_NAMES.get(field, {}).get(code)
    return translate("labels", source) if source else code


def filter_title(field: str) -> str:
    source = FILTER_TITLES.get(field)
    return translate("labels", source) if source else field


def _or(values: Sequence[str]) -> str:
    return translate("CampaignFilter", " or ").join(values)


def _condition(title: str, values: str) -> str:
    return translate("CampaignFilter", "{title}: {values}").format(title=title, values=values)


def join_conditions(parts: Sequence[str]) -> str:
    """The conditions of a filter on one line ('; ' in English, '；' in Chinese)."""
    return translate("CampaignFilter", "; ").join(parts)


def describe_filter(flt: MemberFilter, today: dt.date, level_names: Sequence[str] = ()) -> list[str]:
    """One short phrase per condition, e.g. ['Customer pyramid: Gold or Platinum', 'Birthday 05-03 to 05-09']."""
    parts: list[str] = []
    for name in CLASS_FILTERS:
        values = getattr(flt, name)
        if values and name != "age_band":
            parts.append(_condition(filter_title(name), _or([class_name(name, v) for v in values])))
    people = _people(flt)
    if people:
        parts.append(people)
    if flt.favourite_category:
        parts.append(_condition(filter_title("favourite_category"), flt.favourite_category))
    if flt.level:
        names = [level_names[i] if 0 <= i < len(level_names) else str(i) for i in flt.level]
        parts.append(_condition(filter_title("level"), _or(names)))
    if flt.source:
        parts.append(_condition(filter_title("source"), _or([class_name("source", v) for v in flt.source])))
    if flt.area:
        parts.append(translate("CampaignFilter", "Area contains \"{text}\"").format(text=flt.area))
    if flt.tag:
        parts.append(translate("CampaignFilter", "Tag \"{tag}\"").format(tag=flt.tag))
    if flt.birthday == "week":
        last = today + dt.timedelta(days=WEEK_DAYS - 1)
        parts.append(translate("CampaignFilter", "Birthday from {first} to {last}").format(
            first=today.strftime("%m-%d"), last=last.strftime("%m-%d")))
    if flt.birthday == "month":
        parts.append(translate("CampaignFilter", "Birthday in month {month}").format(month=today.month))
    if flt.birthday_month is not None:
        parts.append(translate("CampaignFilter", "Birthday in month {month}").format(month=flt.birthday_month))
    window = festival_window(flt, today)
    if flt.festival is not None:
        festival = translate("Seasons", RULE_BY_KEY[flt.festival].name)
        if window is None:
            parts.append(translate("CampaignFilter", "Bought before {festival} (no such festival yet)").format(
                festival=festival))
        else:
            parts.append(translate("CampaignFilter", "Bought {what} from {first} to {last} ({festival})").format(
                what=flt.festival_category or translate("CampaignFilter", "anything"), first=window[0].isoformat(),
                last=window[1].isoformat(), festival=festival))
    if not parts:
        parts.append(translate("CampaignFilter", "All current members"))  # status, not the lifecycle stage (SPEC §10)
    return parts


def _people(flt: MemberFilter) -> str:
    """Gender and age band in one phrase: 'Women, 25–34', 'Men', 'Age band: 18–24 or 25–34'."""
    ages = _or([class_name("age_band", v) for v in flt.age_band])
    if not flt.gender:
        return _condition(filter_title("age_band"), ages) if ages else ""
    who = _or([translate("CampaignFilter", GENDER_PEOPLE[g]) if g in GENDER_PEOPLE else g for g in flt.gender])
    return translate("CampaignFilter", "{people}, {ages}").format(people=who, ages=ages) if ages else who


def consent_sentence(consent_only: bool) -> str:
    """The line every printout and export carries about marketing consent."""
    if consent_only:
        return translate("CampaignFilter", "Only members who agreed to receive promotions are listed.")
    return translate("CampaignFilter",
                     "The owner chose to include members who did NOT agree to receive promotions.")


def parse_class_values(field: str, values: Sequence[str]) -> tuple[str, ...]:
    """Codes from what a person typed: the code itself ('gold'), its English name ('Can't lose them') or
    its name in the current language ('黄金'); comma-separated lists allowed.  Unknown text is kept
    as typed, for validate_filter to refuse with the list of choices."""
    names = CLASS_NAMES.get(field, {})
    lookup: dict[str, str] = {}
    for code, english in names.items():
        for key in (code, english, translate("labels", english)):
            lookup.setdefault(key.strip().casefold(), code)
    out: list[str] = []
    for value in values:
        for part in str(value).replace("，", ",").split(","):
            text = part.strip()
            if text:
                out.append(lookup.get(text.casefold(), text))
    return tuple(dict.fromkeys(out))


def parse_levels(values: Sequence[str], level_names: Sequence[str], raw_names: Sequence[str] = ()) -> tuple[int, ...]:
    """Member levels by number (0 = lowest) or by name, in the current language or as stored."""
    out: list[int] = []
    for value in values:
        for part in str(value).replace("，", ",").split(","):
            text = part.strip()
            if not text:
                continue
            if text.isdigit() and int(text) < len(level_names):
                out.append(int(text))
                continue
            match = [i for i, names in enumerate(zip(level_names, raw_names or level_names, strict=False))
                     if text.casefold() in (names[0].casefold(), names[1].casefold())]
            if not match:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("errors", "Unknown member level \"{value}\"; use one of: {choices}."), "level",
                    value=text, choices=", ".join(level_names))
            out.append(match[0])
    return tuple(dict.fromkeys(out))
