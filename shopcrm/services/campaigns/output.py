"""A promotion list made ready for paper or a spreadsheet: members, header texts, guard and audit.

The printing layout (shopcrm.gui.printing) and the workbook writer only draw what this module
hands them, so the rules live here once: only consenting, active members unless the owner says
otherwise; phones masked unless the owner turns masking off; both guarded by the owner password
when one is set; every print and export recorded in the audit log (ids and counts, no names).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, CampaignMember, Member
from shopcrm.i18n import current_language, translate
from shopcrm.jobs import Progress
from shopcrm.services.campaigns.columns import (
    COLUMN_BY_KEY,
    CellFormat,
    cell_text,
    cell_value,
    validate_columns,
)
from shopcrm.services.campaigns.lists import load_campaign, matching_in, now, saved_filter
from shopcrm.services.campaigns.words import consent_sentence, describe_filter, join_conditions
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import MemberRow, latest_info_in, load_rows
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import require_owner
from shopcrm.services.shop.settings import ShopSettings, load_settings

CURRENCY_SYMBOLS = {"CNY": "¥", "HKD": "HK$", "TWD": "NT$", "MOP": "MOP$", "SGD": "S$", "MYR": "RM", "USD": "$",
                    "EUR": "€"}


@dataclass(frozen=True)
class OutputColumn:
    key: str
    heading: str
    weight: float
    numeric: bool
    checkbox: bool


@dataclass(frozen=True)
class PreparedList:
    """Everything an output needs, texts already in the current language."""

    shop_name: str
    title: str
    made_at: dt.datetime
    output_at: dt.datetime
    filter_lines: tuple[str, ...]
    consent_only: bool
    masked: bool
    columns: tuple[OutputColumn, ...]
    rows: tuple[MemberRow, ...]
    fmt: CellFormat
    campaign_id: int | None
    left_out: int  # saved members not listed: erased, archived or withdrew consent since
    language: str

    @property
    def member_count(self) -> int:
        return len(self.rows)

    # ---- texts of the header and footer ----------------------------------------------------
    def info_line(self) -> str:
        return translate("PrintList", "List made on {made} · Printed {printed} · {n} members").format(
            made=self.made_at.strftime("%Y-%m-%d"), printed=self.output_at.strftime("%Y-%m-%d %H:%M"),
            n=self.member_count)

    def filter_line(self) -> str:
        return translate("PrintList", "Filter: {filter}").format(filter=join_conditions(self.filter_lines))

    def notes(self) -> list[str]:
        lines = [consent_sentence(self.consent_only)]
        lines.append(translate("PrintList", "Phone numbers are masked.") if self.masked
                     else translate("PrintList", "Phone numbers are shown in full: keep this list safe."))
        if self.left_out:
            lines.append(translate(
                "PrintList", "{n} members saved with the list are left out: erased, archived or no longer "
                             "agreeing to promotions.").format(n=self.left_out))
        return lines

    def page_text(self, page: int, pages: int) -> str:
        return translate("PrintList", "Page {page} of {pages}").format(page=page, pages=pages)

    def empty_text(self) -> str:
        return translate("PrintList", "No member is on this list.")

    # ---- cells --------------------------------------------------------------------------------
    def text_rows(self, start: int = 0, stop: int | None = None) -> list[list[str]]:
        keys = [c.key for c in self.columns]
        return [[cell_text(row, k, self.fmt) for k in keys] for row in self.rows[start:stop]]

    def value_rows(self) -> list[list[object]]:
        keys = [c.key for c in self.columns]
        return [[cell_value(row, k, self.fmt) for k in keys] for row in self.rows]


def currency_symbol(settings: ShopSettings) -> str:
    return CURRENCY_SYMBOLS.get(settings.currency, settings.currency + " ")


def level_names(settings: ShopSettings) -> tuple[str, ...]:
    return tuple(translate("levels", level.name) for level in settings.levels)


def check_output_allowed(db: Database, *, masked: bool, consent_only: bool, password: str | None) -> None:
    """Full phone numbers, or members who did not agree to promotions, need the owner (if a password is set)."""
    if not masked or not consent_only:
        require_owner(db, password)


def _columns(keys: Sequence[str] | None) -> tuple[OutputColumn, ...]:
    out = []
    for key in validate_columns(keys):
        c = COLUMN_BY_KEY[key]
        out.append(OutputColumn(key, c.heading(), c.weight, c.numeric, c.checkbox))
    return tuple(out)


def prepare_filter_list(
    db: Database,
    flt: MemberFilter,
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    masked: bool | None = None,
    password: str | None = None,
    when: dt.datetime | None = None,
    progress: Progress | None = None,
    limit: int | None = None,
) -> PreparedList:
    """A list straight from a filter (the CLI's `print members`, an unsaved list on the screen).

    `limit` keeps the first rows only: the screen's preview of a long list, never an output."""
    settings = load_settings(db)
    masked = settings.mask_phones if masked is None else masked
    check_output_allowed(db, masked=masked, consent_only=flt.consent_only, password=password)
    when = when or now()
    levels = level_names(settings)
    with db.read() as s:
        snap = latest_info_in(s)
        ids = [i for i, _ in matching_in(s, flt, snap.id if snap else None, when.date())]
        if limit is not None:
            ids = ids[:limit]
        rows = load_rows(s, ids, snap.id if snap else None, progress=progress)
    return PreparedList(
        shop_name=settings.shop_name, title=(title or "").strip() or translate("PrintList", "Member list"),
        made_at=when, output_at=when, filter_lines=tuple(describe_filter(flt, when.date(), levels)),
        consent_only=flt.consent_only, masked=masked, columns=_columns(columns), rows=tuple(rows),
        fmt=CellFormat(masked, levels, currency_symbol(settings)), campaign_id=None, left_out=0,
        language=current_language(),
    )


def prepare_member_list(
    db: Database,
    ids: Sequence[int],
    *,
    title: str,
    filter_lines: Sequence[str] = (),
    consent_only: bool = False,
    snapshot_id: int | None = None,
    columns: Sequence[str] | None = None,
    masked: bool | None = None,
    password: str | None = None,
    when: dt.datetime | None = None,
    progress: Progress | None = None,
) -> PreparedList:
    """The members a screen shows (the Members table under any filter, a chart's drill-down), in its
    order, printed or exported like a promotion list: same guard, same masking, same audit."""
    settings = load_settings(db)
    masked = settings.mask_phones if masked is None else masked
    check_output_allowed(db, masked=masked, consent_only=consent_only, password=password)
    when = when or now()
    levels = level_names(settings)
    with db.read() as s:
        if snapshot_id is None:
            snap = latest_info_in(s)
            snapshot_id = snap.id if snap else None
        rows = load_rows(s, list(ids), snapshot_id, progress=progress)
    kept = [r for r in rows if r.consent or not consent_only]
    return PreparedList(
        shop_name=settings.shop_name, title=title.strip() or translate("PrintList", "Member list"), made_at=when,
        output_at=when, filter_lines=tuple(filter_lines), consent_only=consent_only, masked=masked,
        columns=_columns(columns), rows=tuple(kept), fmt=CellFormat(masked, levels, currency_symbol(settings)),
        campaign_id=None, left_out=0, language=current_language(),
    )


def prepare_campaign_list(
    db: Database,
    campaign_id: int,
    *,
    columns: Sequence[str] | None = None,
    masked: bool | None = None,
    password: str | None = None,
    when: dt.datetime | None = None,
    progress: Progress | None = None,
) -> PreparedList:
    """A saved campaign's members as they are today: still active, still consenting (unless overridden)."""
    settings = load_settings(db)
    masked = settings.mask_phones if masked is None else masked
    when = when or now()
    levels = level_names(settings)
    with db.read() as s:
        campaign = load_campaign(s, campaign_id)
        consent_only = bool(campaign.consent_only)
        check_output_allowed(db, masked=masked, consent_only=consent_only, password=password)
        flt = saved_filter(campaign)
        ids = [int(i) for i in s.scalars(
            select(CampaignMember.member_id).join(Member, Member.id == CampaignMember.member_id)
            .where(CampaignMember.campaign_id == campaign_id).order_by(Member.card_no, Member.id))]
        rows = load_rows(s, ids, campaign.snapshot_id, campaign_id=campaign_id, progress=progress)
        kept = [r for r in rows if r.status == "active" and (r.consent or not consent_only)]
        made_at = campaign.created_at
        title = campaign.name
        chosen = columns if columns else campaign.columns
    return PreparedList(
        shop_name=settings.shop_name, title=title, made_at=made_at, output_at=when,
        filter_lines=tuple(describe_filter(flt, made_at.date(), levels)), consent_only=consent_only, masked=masked,
        columns=_columns(chosen), rows=tuple(kept), fmt=CellFormat(masked, levels, currency_symbol(settings)),
        campaign_id=campaign_id, left_out=len(ids) - len(kept), language=current_language(),
    )


def record_output(db: Database, prepared: PreparedList, action: str, target: str | os.PathLike[str] | None) -> None:
    """Audit the print or export (file name only, no personal data) and stamp the campaign."""
    if action not in (audit.PRINT, audit.EXPORT):
        raise ValueError(f"not an output action: {action!r}")
    when = now()
    with db.transaction() as s:
        audit.record_in(
            s, action, campaign_id=prepared.campaign_id, members=prepared.member_count, masked=prepared.masked,
            consent_only=prepared.consent_only, target=Path(target).name if target else "printer",
        )
        if prepared.campaign_id is not None:
            campaign = s.get(Campaign, prepared.campaign_id)
            if campaign is not None:
                if action == audit.PRINT:
                    campaign.printed_at = when
                else:
                    campaign.exported_at = when
