"""Member lists by filter, for exports (and the campaign and printing work).

The query itself is the Members screen's (shopcrm.services.members.table): members joined to
their row of the latest classification snapshot.  This module turns what an owner types
(`--segment champions --tier gold --level Silver --birthday-month 5 --tag 咖啡 --consent-only`)
into that filter, checking class codes against the classification and level names against the
shop's levels, so a typo is an error and not an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.labels import AGE_BAND_LABELS, GENDER_LABELS
from shopcrm.services.members.table import MemberFilter, SnapshotInfo, latest_snapshot, member_ids
from shopcrm.services.shop.settings import load_settings

# What the CLI calls a "tier" is the customer pyramid of the classification.
CLASS_COLUMNS = {"segment": "segment", "tier": "pyramid", "lifecycle": "lifecycle"}


@dataclass(frozen=True)
class ExportFilter:
    """The SPEC §7 member-list filters; None / False means 'any'."""

    segment: str | None = None
    tier: str | None = None
    lifecycle: str | None = None
    level: str | None = None  # a level name (any language) or its number
    birthday_month: int | None = None
    tag: str | None = None
    consent_only: bool = False
    status: str = "active"
    gender: str | None = None  # F or M (or Female / 女)
    age_band: str | None = None  # 25-34 (or 25–34), <18, 60+

    def needs_snapshot(self) -> bool:
        return bool(self.segment or self.tier or self.lifecycle or self.age_band)

    def describe(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False, "")}


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
    column = getattr(SnapshotMember, CLASS_COLUMNS[option])
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


def to_member_filter(db: Database, flt: ExportFilter) -> MemberFilter:
    """The Members-screen filter for these options, validated against the data."""
    snapshot = latest_snapshot(db)
    if flt.needs_snapshot() and snapshot is None:
        raise ShopError(
            QT_TRANSLATE_NOOP("errors", "There is no classification yet: run the classification first (shopcrm classify).")
        )
    if flt.birthday_month is not None and not 1 <= flt.birthday_month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A month goes from 1 to 12."), "birthday_month")
    values: dict[str, object] = {"status": flt.status, "consent_only": flt.consent_only}
    for option, column in CLASS_COLUMNS.items():
        raw = getattr(flt, option)
        if raw and snapshot is not None:
            values[column] = _check_code(db, snapshot, option, raw)
    if flt.level:
        values["level"] = level_number(db, flt.level)
    if flt.birthday_month is not None:
        values["birthday_month"] = flt.birthday_month
    if flt.tag and flt.tag.strip():
        values["tag"] = flt.tag.strip()
    if flt.gender:
        values["gender"] = _fixed_code("gender", "--gender", flt.gender, GENDER_LABELS)
    if flt.age_band:
        values["age_band"] = _fixed_code("age_band", "--age-band", flt.age_band, AGE_BAND_LABELS)
    return MemberFilter(**values)  # type: ignore[arg-type]


def filtered_member_ids(db: Database, flt: ExportFilter) -> tuple[list[int], SnapshotInfo | None]:
    """Matching member ids by card no., and the snapshot their classes come from."""
    return member_ids(db, to_member_filter(db, flt), sort_key="card_no")
