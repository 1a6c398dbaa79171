"""The fields of a message text ({姓名} or {name}, {积分} ...): each field's provider reads its values
for the recipients in one query; render() fills a template for one member (SPEC §9)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.models import (
    Coupon,
    CouponDefinition,
    Member,
    PointsDraw,
    PointsEntry,
)
from shopcrm.engine.points_replay import add_months
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import current_language, translate
from shopcrm.money import format_cents
from shopcrm.services.members.birthdays import birthday_of, next_birthday
from shopcrm.services.shop.settings import settings_in

CONTEXT = "Messages"
MAX_TEMPLATE = 500
MEMBER_WORD = QT_TRANSLATE_NOOP("Messages", "member")  # {name} of a member without a name


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
