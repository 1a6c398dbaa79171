"""Message texts for a campaign list: templates with fields, per-member preview, SMS length, and the
CSV an SMS platform's batch send takes (SPEC §9).

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
import math
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Campaign,
    CampaignMember,
    Coupon,
    CouponDefinition,
    Member,
    PointsDraw,
    PointsEntry,
    Setting,
)
from shopcrm.engine.points_replay import add_months
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.i18n import current_language, translate
from shopcrm.io.phones import display_phone, mask_phone
from shopcrm.money import format_cents
from shopcrm.services.campaigns.lists import load_campaign, now, save_campaign
from shopcrm.services.campaigns.output import check_output_allowed, currency_symbol, prepare_campaign_list
from shopcrm.services.members.birthdays import birthday_of, next_birthday
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.shop import audit
from shopcrm.services.shop.settings import load_settings, settings_in

CONTEXT = "Messages"
TEMPLATES_KEY = "message_templates"
MAX_TEMPLATE = 500
MAX_TEMPLATE_NAME = 50
_CHUNK = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEMBER_WORD = QT_TRANSLATE_NOOP("Messages", "member")  # {name} of a member without a name
PHONE_HEADING = QT_TRANSLATE_NOOP("Messages", "phone")  # the CSV's columns
TEXT_HEADING = QT_TRANSLATE_NOOP("Messages", "text")


# ---- SMS length (3GPP TS 23.038 / 23.040) ------------------------------------------------------------
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")  # two septets each: escape + the character
GSM7_SINGLE, GSM7_PART = 160, 153  # septets in one SMS / in each part of a long one (UDH takes 7)
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 code units likewise


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int  # SMS a phone company bills; 0 for an empty text
    per_segment: int  # units one segment holds for this text (160/153, 70/67)


def _pack(sizes: Sequence[int], capacity: int) -> int:
    """Segments needed when no character (escape pair, surrogate pair) may be split."""
    segments, used = 1, 0
    for size in sizes:
        if used + size > capacity:
            segments, used = segments + 1, 0
        used += size
    return segments


def sms_length(text: str) -> SmsLength:
    """How many SMS the text takes: GSM-7 when every character is in the GSM alphabet (160 in one,
    153 per part), otherwise UCS-2 (70 in one, 67 per part; Chinese text always)."""
    if all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text):
        sizes = [2 if c in GSM7_EXTENSION else 1 for c in text]
        units = sum(sizes)
        if units <= GSM7_SINGLE:
            return SmsLength("GSM-7", units, 1 if units else 0, GSM7_SINGLE)
        parts = math.ceil(units / GSM7_PART) if units == len(text) else _pack(sizes, GSM7_PART)
        return SmsLength("GSM-7", units, parts, GSM7_PART)
    sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
    units = sum(sizes)
    if units <= UCS2_SINGLE:
        return SmsLength("UCS-2", units, 1, UCS2_SINGLE)
    parts = math.ceil(units / UCS2_PART) if units == len(text) else _pack(sizes, UCS2_PART)
    return SmsLength("UCS-2", units, parts, UCS2_PART)


# ---- fields ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recipient:
    """What the field providers may read about a member."""

    member_id: int
    name: str | None
    phone: str | None
    points: int
    birth_month: int | None
    birth_day: int | None
    birth_calendar: str
    birth_leap_month: bool


@dataclass(frozen=True)
class RenderContext:
    shop_name: str
    currency_symbol: str
    today: dt.date
    language: str


Provider = Callable[[Session, Sequence[Recipient], RenderContext], dict[int, str]]


@dataclass(frozen=True)
class MessageField:
    key: str  # the English placeholder: {name}
    chinese: str  # the Chinese placeholder: {姓名}
    label: str  # English, context "Messages"
    provider: Provider
    available: Callable[[Session], bool] = lambda _s: True

    def placeholder(self, language: str | None = None) -> str:
        return "{" + (self.chinese if (language or current_language()).startswith("zh") else self.key) + "}"

    def heading(self) -> str:
        return translate(CONTEXT, self.label)


def _names(_s: Session, members: Sequence[Recipient], _c: RenderContext) -> dict[int, str]:
    fallback = translate(CONTEXT, MEMBER_WORD)
    return {m.member_id: (m.name or fallback) for m in members}


def _points(_s: Session, members: Sequence[Recipient], _c: RenderContext) -> dict[int, str]:
    return {m.member_id: str(m.points) for m in members}


def _shop(_s: Session, members: Sequence[Recipient], c: RenderContext) -> dict[int, str]:
    return {m.member_id: c.shop_name for m in members}


def _birthdays(_s: Session, members: Sequence[Recipient], c: RenderContext) -> dict[int, str]:
    out: dict[int, str] = {}
    for m in members:
        when = next_birthday(birthday_of(m.birth_month, m.birth_day, m.birth_calendar, m.birth_leap_month), c.today)
        if when is not None:
            out[m.member_id] = (f"{when.month}月{when.day}日" if c.language.startswith("zh")
                                else f"{when.day} {when.strftime('%B')}")
    return out


EXPIRING_WITHIN_DAYS = 30  # {expiring_points}: what expires in the next month


def _ids(members: Sequence[Recipient]) -> list[int]:
    return [m.member_id for m in members]


def _stored_value(s: Session, members: Sequence[Recipient], c: RenderContext) -> dict[int, str]:
    rows = s.execute(select(Member.id, Member.stored_value_cents).where(Member.id.in_(_ids(members))))
    return {mid: format_cents(int(cents or 0), c.currency_symbol) for mid, cents in rows}


def _coupon(s: Session, members: Sequence[Recipient], c: RenderContext) -> dict[int, str]:
    """The member's usable coupon that runs out first (none: no value, the text is not sent to them)."""
    rows = s.execute(
        select(Coupon.member_id, Coupon.code)
        .join(CouponDefinition, CouponDefinition.id == Coupon.definition_id)
        .where(Coupon.member_id.in_(_ids(members)), Coupon.redeemed_at.is_(None),
               CouponDefinition.valid_from <= c.today, CouponDefinition.valid_to >= c.today)
        .order_by(CouponDefinition.valid_to.desc(), Coupon.id.desc())
    )
    return {mid: code for mid, code in rows if mid is not None}  # the last written per member runs out first


def _expiring_points(s: Session, members: Sequence[Recipient], c: RenderContext) -> dict[int, str]:
    """Points left in awards that expire within EXPIRING_WITHIN_DAYS (the ledger's own draws say what is left)."""
    months = settings_in(s).points_expiry_months
    if not months:
        return {}
    cutoff = dt.datetime.combine(add_months(c.today + dt.timedelta(days=EXPIRING_WITHIN_DAYS), -months), dt.time.max)
    drawn = (select(PointsDraw.lot_id, func.sum(PointsDraw.points).label("used"))
             .group_by(PointsDraw.lot_id).subquery())
    left = PointsEntry.points - func.coalesce(drawn.c.used, 0)
    rows = s.execute(
        select(PointsEntry.member_id, func.sum(left))
        .outerjoin(drawn, drawn.c.lot_id == PointsEntry.id)
        .where(PointsEntry.member_id.in_(_ids(members)), PointsEntry.points > 0, PointsEntry.kind != "shortfall",
               PointsEntry.at <= cutoff, left > 0)
        .group_by(PointsEntry.member_id)
    )
    return {int(mid): str(int(points)) for mid, points in rows if points}


def _expiry_on(s: Session) -> bool:
    return bool(settings_in(s).points_expiry_months)


FIELDS: dict[str, MessageField] = {}


def register_field(f: MessageField) -> None:
    """Add or replace a field (the stored-value and coupon modules register their providers here)."""
    FIELDS[f.key] = f


for _field in (
    MessageField("name", "姓名", QT_TRANSLATE_NOOP("Messages", "Name"), _names),
    MessageField("points", "积分", QT_TRANSLATE_NOOP("Messages", "Points"), _points),
    MessageField("stored_value", "储值余额", QT_TRANSLATE_NOOP("Messages", "Stored value"), _stored_value),
    MessageField("coupon", "优惠券码", QT_TRANSLATE_NOOP("Messages", "Coupon code"), _coupon),
    MessageField("shop", "店名", QT_TRANSLATE_NOOP("Messages", "Shop name"), _shop),
    MessageField("birthday", "生日", QT_TRANSLATE_NOOP("Messages", "Birthday this year"), _birthdays),
    MessageField("expiring_points", "到期积分", QT_TRANSLATE_NOOP("Messages", "Points about to expire"),
                 _expiring_points, _expiry_on),
):
    register_field(_field)

_PLACEHOLDER = re.compile(r"\{([^{}\n]{1,20})\}")


def field_of(token: str) -> MessageField | None:
    token = unicodedata.normalize("NFKC", token).strip()
    for f in FIELDS.values():
        if token in (f.key, f.chinese):
            return f
    return None


def template_fields(body: str) -> list[MessageField]:
    """The fields a template uses, in order; an unknown {field} is the owner's typo: say which."""
    used: list[MessageField] = []
    for m in _PLACEHOLDER.finditer(body):
        f = field_of(m.group(1))
        if f is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{token} is not a message field; use one of: {choices}."), "template",
                token="{" + m.group(1) + "}",
                choices=" ".join(f.placeholder() for f in FIELDS.values()))
        if f not in used:
            used.append(f)
    return used


def validate_body(body: str) -> str:
    text = unicodedata.normalize("NFC", body or "").strip()
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The message text is empty."), "template")
    if len(text) > MAX_TEMPLATE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The message text is too long ({max} characters at most)."),
                              "template", max=MAX_TEMPLATE)
    template_fields(text)
    return text


def render(body: str, values: dict[str, dict[int, str]], member_id: int) -> str:
    """The text for one member; `values` maps field key -> member id -> text."""
    def fill(m: re.Match[str]) -> str:
        f = field_of(m.group(1))
        return values.get(f.key, {}).get(member_id, "") if f else m.group(0)

    return _PLACEHOLDER.sub(fill, body)


# ---- templates ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MessageTemplate:
    key: str  # a ready-made key, or the saved template's name
    name: str  # in the current language
    body: str
    ready_made: bool
    preset: str | None = None  # the ready-made list it is meant for (services.campaigns.PRESETS)


@dataclass(frozen=True)
class _Ready:
    key: str
    title: str
    chinese: str
    english: str
    preset: str | None


READY_MADE: tuple[_Ready, ...] = (
    _Ready("birthday", QT_TRANSLATE_NOOP("Messages", "Birthday"),
           "{姓名}您好！{店名}祝您生日快乐！{生日}生日当周到店，会员有生日礼遇，期待您的光临。",
           "Happy birthday, {name}! Everyone at {shop} wishes you a wonderful day on {birthday}; visit us in your "
           "birthday week for a member treat.", "birthdays_week"),
    _Ready("win_back", QT_TRANSLATE_NOOP("Messages", "We miss you (at risk)"),
           "{姓名}您好，好久不见！{店名}的新鲜烘焙一直在等您，您还有{积分}积分可用，欢迎回来坐坐。",
           "Hello {name}, we have missed you at {shop}! You still have {points} points to use; come back and see "
           "what is fresh today.", "win_back"),
    _Ready("new_product", QT_TRANSLATE_NOOP("Messages", "New product"),
           "{姓名}您好，{店名}上新啦！您常买的品类有新品上市，欢迎到店尝鲜。",
           "Hello {name}, something new has arrived at {shop} in the kind of treats you love: come and try it first.",
           "launch_triers"),
    _Ready("points_expiring", QT_TRANSLATE_NOOP("Messages", "Points about to expire"),
           "{姓名}您好，您在{店名}有{到期积分}积分即将到期，记得到店使用哦。",
           "Hello {name}, {expiring_points} of your points at {shop} expire soon: use them on your next visit.", None),
    _Ready("stored_value_low", QT_TRANSLATE_NOOP("Messages", "Stored value low"),
           "{姓名}您好，您在{店名}的储值余额为{储值余额}，欢迎到店充值。",
           "Hello {name}, your stored value at {shop} is down to {stored_value}; top up on your next visit.", None),
)
READY_BY_KEY = {r.key: r for r in READY_MADE}


def ready_made_templates(language: str | None = None) -> list[MessageTemplate]:
    zh = (language or current_language()).startswith("zh")
    return [MessageTemplate(r.key, translate(CONTEXT, r.title, language), r.chinese if zh else r.english, True,
                            r.preset) for r in READY_MADE]


def _stored(s: Session) -> dict[str, str]:
    row = s.get(Setting, TEMPLATES_KEY)
    value = row.value if row is not None else None
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def saved_templates(db: Database) -> list[MessageTemplate]:
    with db.read() as s:
        return [MessageTemplate(name, name, body, False) for name, body in sorted(_stored(s).items())]


def all_templates(db: Database) -> list[MessageTemplate]:
    return ready_made_templates() + saved_templates(db)


def _clean_name(name: str) -> str:
    clean = unicodedata.normalize("NFKC", name or "").strip()
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give the template a name."), "name")
    if len(clean) > MAX_TEMPLATE_NAME:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The template name is too long (50 characters at most)."),
                              "name")
    if clean in READY_BY_KEY or any(clean == ready.name for ready in ready_made_templates()):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{name}\" is a ready-made template; choose another name."),
                              "name", name=clean)
    return clean


def save_template(db: Database, name: str, body: str) -> MessageTemplate:
    """Save (or overwrite) one of the owner's own templates."""
    clean, text = _clean_name(name), validate_body(body)
    with db.transaction() as s:
        stored = _stored(s)
        stored[clean] = text
        row = s.get(Setting, TEMPLATES_KEY)
        if row is None:
            s.add(Setting(key=TEMPLATES_KEY, value=stored))
        else:
            row.value = dict(stored)
    return MessageTemplate(clean, clean, text, False)


def delete_template(db: Database, name: str) -> None:
    with db.transaction() as s:
        stored = _stored(s)
        if name not in stored:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "There is no message template \"{name}\"."), name=name)
        del stored[name]
        row = s.get(Setting, TEMPLATES_KEY)
        if row is not None:
            row.value = dict(stored)


def find_template(db: Database, key_or_name: str) -> MessageTemplate:
    """A ready-made template by key or title (either language), or a saved one by name."""
    wanted = unicodedata.normalize("NFKC", key_or_name or "").strip()
    for t in ready_made_templates():
        if wanted in (t.key, t.name, READY_BY_KEY[t.key].title):
            return t
    for t in saved_templates(db):
        if wanted == t.name:
            return t
    raise NotFoundError(
        QT_TRANSLATE_NOOP("errors", "There is no message template \"{name}\"; ready-made ones: {choices}."),
        name=wanted[:50], choices=", ".join(r.key for r in READY_MADE))


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
