"""Message texts for a campaign list: per-member preview, the CSV an SMS platform's batch send takes,
and a text copied for WeChat (SPEC §9).  The fields are in message_fields, the templates in
message_templates, what a text costs in SMS parts in sms.

The rules are the printing rules (campaign_output): only active members who agreed to promotions
unless the owner says otherwise, phones masked unless the owner turns masking off, both guarded by
the owner password when one is set.  Every export and every copied text is audited (counts and
ids, never a text or a phone) and marks the members as contacted for the campaign's response.

Fields are written in either language, {姓名} or {name}.  Each field's values come from a provider
function (register_field() adds one).  {到期积分} exists only while points expire (a setting); a
member without a value for a field used (no usable coupon) gets no text.  The preview
says so, and an export that needs them is refused rather than sending "balance: " to members.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Campaign,
    CampaignMember,
    Member,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.i18n import current_language, translate
from shopcrm.io.phones import display_phone, mask_phone
from shopcrm.services.campaigns.lists import load_campaign, now, save_campaign
from shopcrm.services.campaigns.message_fields import (
    FIELDS,
    MessageField,
    Recipient,
    RenderContext,
    render,
    template_fields,
    validate_body,
)
from shopcrm.services.campaigns.output import check_output_allowed, currency_symbol, prepare_campaign_list
from shopcrm.services.campaigns.sms import SmsLength, sms_length
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.shop import audit
from shopcrm.services.shop.settings import load_settings

CONTEXT = "Messages"
_CHUNK = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONE_HEADING = QT_TRANSLATE_NOOP("Messages", "phone")  # the CSV's columns
TEXT_HEADING = QT_TRANSLATE_NOOP("Messages", "text")


# ---- rendering for members ---------------------------------------------------------------------------
def _recipients(s: Session, ids: Sequence[int]) -> dict[int, Recipient]:
    out: dict[int, Recipient] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        for r in s.execute(select(Member.id, Member.name, Member.phone, Member.points_balance, Member.birth_month,
                                  Member.birth_day, Member.birth_calendar, Member.birth_leap_month)
                           .where(Member.id.in_(chunk))):
            out[r.id] = Recipient(r.id, r.name, r.phone, int(r.points_balance or 0), r.birth_month, r.birth_day,
                                  r.birth_calendar or "solar", bool(r.birth_leap_month))
    return out


def _context(db: Database, today: dt.date | None) -> RenderContext:
    settings = load_settings(db)
    return RenderContext(settings.shop_name, currency_symbol(settings), today or dt.date.today(), current_language())


def _values(s: Session, used: Sequence[MessageField], members: Sequence[Recipient],
            context: RenderContext) -> tuple[dict[str, dict[int, str]], tuple[str, ...]]:
    """Each used field's values, and the fields that have no value yet in this shop."""
    values: dict[str, dict[int, str]] = {}
    missing: list[str] = []
    for f in used:
        if not f.available(s):
            missing.append(f.placeholder())
        values[f.key] = f.provider(s, members, context)
    return values, tuple(missing)


@dataclass(frozen=True)
class MessagePreview:
    text: str
    length: SmsLength
    missing: tuple[str, ...]  # placeholders that have no value yet (stay empty)


def preview_message(db: Database, body: str, member_id: int, *, today: dt.date | None = None) -> MessagePreview:
    """One member's text as it would be sent, with its SMS length (shown on the screen, not audited)."""
    text = validate_body(body)
    used = template_fields(text)
    context = _context(db, today)
    with db.read() as s:
        recipient = _recipients(s, [member_id]).get(member_id)
        if recipient is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "There is no member {id}."), id=member_id)
        values, missing = _values(s, used, [recipient], context)
    rendered = render(text, values, member_id)
    return MessagePreview(rendered, sms_length(rendered), missing)


@dataclass(frozen=True)
class MessageRow:
    member_id: int
    card_no: str
    name: str | None
    phone: str  # as written: national digits for China (masked as 138****5678 unless unmasked)
    text: str
    length: SmsLength


@dataclass(frozen=True)
class PreparedMessages:
    campaign_id: int
    title: str
    template: str
    rows: tuple[MessageRow, ...]
    masked: bool
    consent_only: bool
    missing: tuple[str, ...]
    left_out: int
    used: tuple[str, ...] = field(default=())  # field keys in the template, in order

    @property
    def segments(self) -> int:
        return sum(r.length.segments for r in self.rows)


def prepare_messages(db: Database, campaign_id: int, body: str, *, template: str = "", masked: bool | None = None,
                     password: str | None = None, today: dt.date | None = None) -> PreparedMessages:
    """The campaign's members as they are today (active, consenting unless overridden), with texts."""
    text = validate_body(body)
    used = template_fields(text)
    prepared = prepare_campaign_list(db, campaign_id, columns=["card_no", "name", "phone"], masked=masked,
                                     password=password)
    context = _context(db, today)
    ids = [r.member_id for r in prepared.rows]
    with db.read() as s:
        recipients = _recipients(s, ids)
        values, missing = _values(s, used, [recipients[i] for i in ids if i in recipients], context)
    rows = []
    without_value = 0  # a field the text uses has nothing for this member (no usable coupon, no birthday)
    for r in prepared.rows:
        if any(r.member_id not in values[f.key] for f in used if f.placeholder() not in missing):
            without_value += 1
            continue
        rendered = render(text, values, r.member_id)
        phone = mask_phone(r.phone) if prepared.masked else _sms_phone(r.phone)
        rows.append(MessageRow(r.member_id, r.card_no, r.name, phone, rendered, sms_length(rendered)))
    return PreparedMessages(campaign_id, prepared.title, template, tuple(rows), prepared.masked,
                            prepared.consent_only, missing, prepared.left_out + without_value,
                            tuple(f.key for f in used))


def _sms_phone(e164: str | None) -> str:
    """What SMS platforms take: 11 digits for a Chinese mobile, +country... otherwise."""
    if not e164:
        return ""
    return display_phone(e164) if e164.startswith("+86") else e164


# ---- output ------------------------------------------------------------------------------------------
SHAPE_TEXT = "text"  # phone, text: the platform sends each row's text
SHAPE_VARIABLES = "variables"  # phone, one column per field: for a template registered at the platform
SHAPES = (SHAPE_TEXT, SHAPE_VARIABLES)


def _safe(cell: str) -> str:
    """A text that starts like a formula gets a leading space, so a spreadsheet never runs it."""
    return " " + cell if cell.startswith(_FORMULA_START) else cell


def write_messages_csv(prepared: PreparedMessages, target: str | os.PathLike[str], shape: str = SHAPE_TEXT,
                       values: dict[str, dict[int, str]] | None = None) -> int:
    """UTF-8 with BOM (Excel and the platforms' upload pages read it), one header row."""
    path = Path(target)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        if shape == SHAPE_TEXT:
            out.writerow([translate(CONTEXT, PHONE_HEADING), translate(CONTEXT, TEXT_HEADING)])
            for r in prepared.rows:
                out.writerow([r.phone, _safe(r.text)])
        else:
            keys = list(prepared.used)
            out.writerow([translate(CONTEXT, PHONE_HEADING)] + [FIELDS[k].placeholder().strip("{}") for k in keys])
            for r in prepared.rows:
                out.writerow([r.phone] + [_safe((values or {}).get(k, {}).get(r.member_id, "")) for k in keys])
    return len(prepared.rows)


def _check_export(target: str | os.PathLike[str], shape: str, prepared_missing: tuple[str, ...]) -> None:
    if Path(target).suffix.lower() != ".csv":
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The file name must end in .csv."), "path")
    if shape not in SHAPES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The CSV shape must be \"text\" or \"variables\"."), "shape")
    if prepared_missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The template uses {fields}, which this shop has no values for yet; "
                                        "take them out of the text."), "template",
            fields=" ".join(prepared_missing))


def _mark_contacted(s: Session, campaign_id: int, member_ids: Sequence[int], when: dt.datetime) -> int:
    changed = 0
    for start in range(0, len(member_ids), _CHUNK):
        chunk = list(member_ids[start:start + _CHUNK])
        result = s.execute(update(CampaignMember).where(
            CampaignMember.campaign_id == campaign_id, CampaignMember.member_id.in_(chunk),
            CampaignMember.contacted_at.is_(None)).values(contacted_at=when))
        changed += getattr(result, "rowcount", 0) or 0
    return changed


def _missing_fields(db: Database, body: str) -> tuple[str, ...]:
    used = template_fields(validate_body(body))
    with db.read() as s:
        return tuple(f.placeholder() for f in used if not f.available(s))


def export_campaign_messages(db: Database, campaign_id: int, body: str, target: str | os.PathLike[str], *,
                             template: str = "", shape: str = SHAPE_TEXT, masked: bool | None = None,
                             password: str | None = None, today: dt.date | None = None) -> PreparedMessages:
    """Write the campaign's texts as a CSV for an SMS platform; audited; members marked contacted."""
    _check_export(target, shape, _missing_fields(db, body))
    prepared = prepare_messages(db, campaign_id, body, template=template, masked=masked, password=password,
                                today=today)
    if not prepared.rows:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "No member on this list can be sent a message."), "campaign")
    values: dict[str, dict[int, str]] | None = None
    if shape == SHAPE_VARIABLES:
        context = _context(db, today)
        ids = [r.member_id for r in prepared.rows]
        with db.read() as s:
            recipients = _recipients(s, ids)
            values, _missing = _values(s, [FIELDS[k] for k in prepared.used], [recipients[i] for i in ids], context)
    write_messages_csv(prepared, target, shape, values)
    when = now()
    with db.transaction() as s:
        campaign = load_campaign(s, campaign_id)
        audit.record_in(s, audit.MESSAGES, campaign_id=campaign_id, members=len(prepared.rows),
                        segments=prepared.segments, masked=prepared.masked, consent_only=prepared.consent_only,
                        template=template or None, shape=shape, target=Path(target).name)
        _mark_contacted(s, campaign_id, [r.member_id for r in prepared.rows], when)
        campaign.exported_at = when
    return prepared


def export_filter_messages(db: Database, flt: MemberFilter, body: str, target: str | os.PathLike[str], *,
                           list_name: str, template: str = "", shape: str = SHAPE_TEXT, masked: bool | None = None,
                           password: str | None = None, when: dt.datetime | None = None) -> PreparedMessages:
    """Save the members the filter selects as a campaign (so the response can be measured), then export.

    Everything is checked before the campaign is saved: a refused export saves nothing."""
    settings = load_settings(db)
    check_output_allowed(db, masked=settings.mask_phones if masked is None else masked,
                         consent_only=flt.consent_only, password=password)
    _check_export(target, shape, _missing_fields(db, body))
    campaign = save_campaign(db, list_name, flt, ["card_no", "name", "phone", "contacted"], when=when)
    try:
        return export_campaign_messages(db, campaign.id, body, target, template=template, shape=shape, masked=masked,
                                        password=password, today=(when.date() if when else None))
    except Exception:
        with db.transaction() as s:  # nothing was sent: the list made for it goes too
            s.delete(load_campaign(s, campaign.id))
        raise


def copy_message(db: Database, campaign_id: int, member_id: int, body: str, *, template: str = "",
                 password: str | None = None, today: dt.date | None = None) -> str:
    """One member's text for WeChat (no phone in it); audited and marked as contacted.

    The member must be on the campaign, active, and agree to promotions unless the list was made
    for every member (which needed the owner)."""
    text = validate_body(body)
    missing = _missing_fields(db, text)
    if missing:
        _check_export("x.csv", SHAPE_TEXT, missing)
    with db.read() as s:
        campaign = load_campaign(s, campaign_id)
        consent_only = bool(campaign.consent_only)
        on_list = s.execute(select(Member.status, Member.consent).join(
            CampaignMember, CampaignMember.member_id == Member.id).where(
            CampaignMember.campaign_id == campaign_id, Member.id == member_id)).first()
    if on_list is None or on_list.status != "active" or (consent_only and not on_list.consent):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This member is not on the list or cannot be sent "
                                                          "promotions."), "member")
    if not consent_only:
        check_output_allowed(db, masked=True, consent_only=False, password=password)
    preview = preview_message(db, text, member_id, today=today)
    when = now()
    with db.transaction() as s:
        audit.record_in(s, audit.MESSAGES, campaign_id=campaign_id, members=1, member_ids=[member_id],
                        template=template or None, shape="copy", target="clipboard")
        _mark_contacted(s, campaign_id, [member_id], when)
        s.execute(update(Campaign).where(Campaign.id == campaign_id).values(exported_at=when))
    return preview.text
