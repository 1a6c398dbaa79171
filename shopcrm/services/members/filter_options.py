"""`export members` options as a member filter: what an owner types, checked against the shop's data.

`--segment champions --tier gold --level Silver --birthday-month 5 --tag 咖啡 --gender 女 --age-band 25–34`
becomes a MemberFilter, checking class codes against the latest classification and level names
against the shop's levels, so a typo is an error and not an empty list.
"""

from __future__ import annotations

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.labels import AGE_BAND_LABELS, GENDER_LABELS
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import SnapshotInfo, latest_snapshot
from shopcrm.services.shop.settings import load_settings

# What the CLI calls a "tier" is the customer pyramid of the classification.
CLASS_OPTIONS = {"segment": "segment", "tier": "pyramid", "lifecycle": "lifecycle"}


def level_number(db: Database, value: str) -> int:
    levels = load_settings(db).levels
    text = value.strip().lower()
    for index, level in enumerate(levels):
        names = {level.name.lower(), translate("levels", level.name).lower(), translate("levels", level.name, "zh_CN").lower()}
        if text in names:
            return index
    if text.isdigit() and int(text) < len(levels):
        return int(text)
    raise ValidationError(
        QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a member level ({levels})."),
        "level",
        value=value,
        levels=", ".join(translate("levels", lvl.name) for lvl in levels),
    )


def _check_code(db: Database, snapshot: SnapshotInfo, option: str, value: str) -> str:
    column = getattr(SnapshotMember, CLASS_OPTIONS[option])
    with db.read() as s:
        codes = sorted(
            str(c) for c in s.scalars(select(column).where(SnapshotMember.snapshot_id == snapshot.id).distinct()) if c
        )
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for code in codes:
        if code.lower() == wanted:
            return code
    raise ValidationError(
        QT_TRANSLATE_NOOP("errors", "No member is in {option} \"{value}\" in the latest classification. Classes there: {codes}."),
        option,
        option=option,
        value=value,
        codes=", ".join(codes) or "-",
    )


def _fixed_code(field: str, option: str, value: str, names: dict[str, str]) -> str:
    """A gender or age band by its code or its name in either language; anything else is a typo."""
    wanted = value.strip().casefold()
    for code, english in names.items():
        if code == "unknown":
            continue
        if wanted in (code.casefold(), english.casefold(), translate("labels", english).casefold(),
                      translate("labels", english, "zh_CN").casefold()):
            return code
    raise ValidationError(
        QT_TRANSLATE_NOOP("errors", "{option} \"{value}\" is not known; use one of: {codes}."),
        field, value=value, option=option, codes=", ".join(c for c in names if c != "unknown"),
    )


def filter_from_options(
    db: Database,
    *,
    segment: str | None = None,
    tier: str | None = None,
    lifecycle: str | None = None,
    level: str | None = None,  # a level name (any language) or its number
    birthday_month: int | None = None,
    tag: str | None = None,
    consent_only: bool = False,
    status: str = "active",
    gender: str | None = None,  # F or M (or Female / 女)
    age_band: str | None = None,  # 25-34 (or 25–34), <18, 60+
) -> MemberFilter:
    """The filter for these options (None / False means 'any'), validated against the data."""
    snapshot = latest_snapshot(db)
    typed = {"segment": segment, "tier": tier, "lifecycle": lifecycle}
    if (segment or tier or lifecycle or age_band) and snapshot is None:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "There is no classification yet: run the classification first (shopcrm classify).")
        )
    if birthday_month is not None and not 1 <= birthday_month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A month goes from 1 to 12."), "birthday_month")
    flt = MemberFilter(status=status, consent_only=consent_only, birthday_month=birthday_month,
                       tag=tag.strip() if tag and tag.strip() else None)
    for option, field in CLASS_OPTIONS.items():
        raw = typed[option]
        if raw and snapshot is not None:
            flt = flt.with_changes(**{field: (_check_code(db, snapshot, option, raw),)})
    if level:
        flt = flt.with_changes(level=(level_number(db, level),))
    if gender:
        flt = flt.with_changes(gender=(_fixed_code("gender", "--gender", gender, GENDER_LABELS),))
    if age_band:
        flt = flt.with_changes(age_band=(_fixed_code("age_band", "--age-band", age_band, AGE_BAND_LABELS),))
    return flt
