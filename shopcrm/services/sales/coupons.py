"""Coupons: the owner defines them, issues them to members (a campaign list, this week's birthdays,
new members) and the counter redeems them once, by their short code or from the member card.

A code is 8 characters from an alphabet without 0/O and 1/I, the last one a check character
(Luhn mod 32), so a mistyped code is caught as a typo before any lookup; it is shown as ABCD-EFGH.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import CampaignMember, Coupon, CouponDefinition, Member, Product, PurchaseLine
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.i18n import translate
from shopcrm.money import MAX_CENTS, format_cents
from shopcrm.services.campaigns.lists import load_campaign
from shopcrm.services.members.birthdays import birthday_on_days_condition, days_between
from shopcrm.services.shop import audit
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.owner_password import require_owner, save_settings_as_owner
from shopcrm.services.shop.settings import load_settings

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 characters: no 0/O, no 1/I
CODE_LENGTH = 8
KINDS = ("amount", "percent", "item")
ISSUED_VIA = ("campaign", "birthday", "registration", "manual")
MAX_ISSUE = 100_000


def _check_char(body: str) -> str:
    """Luhn mod N over the alphabet: catches every single wrong character and most swaps."""
    n = len(ALPHABET)
    total, factor = 0, 2
    for ch in reversed(body):
        addend = factor * ALPHABET.index(ch)
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH - 1))
    return body + _check_char(body)


def normalise_code(raw: str) -> str:
    """What the clerk typed or the scanner read -> the stored code; a typo is refused here."""
    text = unicodedata.normalize("NFKC", str(raw or "")).upper().replace("-", "").replace(" ", "")
    if len(text) != CODE_LENGTH or any(ch not in ALPHABET for ch in text) or _check_char(text[:-1]) != text[-1]:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a valid coupon code: check it for a typo."), "coupon",
            code=str(raw)[:20],
        )
    return text


def show_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@dataclass(frozen=True)
class CouponDefinitionView:
    id: int
    name: str
    kind: str
    amount_cents: int
    percent: int
    product_id: int | None
    min_spend_cents: int
    valid_from: dt.date
    valid_to: dt.date


@dataclass(frozen=True)
class CouponView:
    id: int
    code: str
    definition_id: int
    name: str
    member_id: int | None
    campaign_id: int | None
    issued_via: str
    issued_at: dt.datetime
    valid_from: dt.date
    valid_to: dt.date
    redeemed_at: dt.datetime | None
    purchase_id: int | None
    discount_cents: int
    member_card: str | None = None

    @property
    def shown_code(self) -> str:
        return show_code(self.code)


def _now() -> dt.datetime:

    return now()


def define_coupon(
    db: Database, name: str, kind: str, *, amount_cents: int = 0, percent: int = 0, product_id: int | None = None,
    min_spend_cents: int = 0, valid_from: dt.date, valid_to: dt.date,
) -> int:
    """A kind of coupon: ¥ off over a minimum spend, % off, or a free item; valid from/to."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A coupon needs a name of 1 to 100 characters."), "name")
    if kind not in KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown coupon kind {value}."), "kind", value=kind)
    if kind == "amount" and not 0 < amount_cents < MAX_CENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The money off must be more than 0."), "amount")
    if kind == "percent" and not 1 <= percent <= 100:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The percentage off must be between 1 and 100."), "percent")
    if not 0 <= min_spend_cents < MAX_CENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The minimum spend cannot be negative."), "min_spend")
    if kind == "amount" and min_spend_cents and amount_cents > min_spend_cents:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The money off is larger than the minimum spend."), "amount")
    if valid_to < valid_from:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The start date is after the end date."), "valid_to")
    with db.transaction() as s:
        if kind == "item":
            product = s.get(Product, product_id) if product_id is not None else None
            if product is None:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "A free-item coupon needs a product."), "product")
        d = CouponDefinition(
            name=name, kind=kind, amount_cents=amount_cents if kind == "amount" else 0,
            percent=percent if kind == "percent" else 0, product_id=product_id if kind == "item" else None,
            min_spend_cents=min_spend_cents, valid_from=valid_from, valid_to=valid_to, created_at=_now(),
        )
        s.add(d)
        s.flush()
        audit.record_in(s, audit.COUPON, event="define", definition_id=d.id)
        return d.id


def _definition(s: Session, definition_id: int) -> CouponDefinition:
    d = s.get(CouponDefinition, definition_id)
    if d is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Coupon {id} does not exist."), id=definition_id)
    return d


def _issue(s: Session, d: CouponDefinition, member_ids: list[int], via: str, campaign_id: int | None) -> list[str]:
    if len(member_ids) > MAX_ISSUE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At most 100000 coupons can be issued at once."), "members")
    if d.valid_to < _now().date():
        raise ConflictError(QT_TRANSLATE_NOOP("errors", "This coupon expired on {date}."), date=d.valid_to.isoformat())
    taken = set(s.scalars(select(Coupon.code)))
    codes = []
    at = _now()
    for mid in member_ids:
        code = new_code()
        while code in taken:
            code = new_code()
        taken.add(code)
        s.add(Coupon(code=code, definition_id=d.id, member_id=mid, campaign_id=campaign_id, issued_via=via,
                     issued_at=at, discount_cents=0))
        codes.append(code)
    s.flush()
    audit.record_in(s, audit.COUPON, event="issue", definition_id=d.id, via=via, campaign_id=campaign_id, count=len(codes))
    return codes


def issue_to_members(db: Database, definition_id: int, member_ids: list[int]) -> list[str]:
    with db.transaction() as s:
        d = _definition(s, definition_id)
        found = set(s.scalars(select(Member.id).where(Member.id.in_(member_ids), Member.status == "active")))
        missing = [m for m in member_ids if m not in found]
        if missing:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=missing[0])
        return _issue(s, d, list(dict.fromkeys(member_ids)), "manual", None)


def issue_to_campaign(db: Database, definition_id: int, campaign_id: int) -> list[str]:
    """One coupon for every active member on a saved list; redemptions count as its responses."""
    with db.transaction() as s:
        d = _definition(s, definition_id)
        load_campaign(s, campaign_id)
        ids = list(
            s.scalars(
                select(CampaignMember.member_id).join(Member, Member.id == CampaignMember.member_id)
                .where(CampaignMember.campaign_id == campaign_id, Member.status == "active").order_by(CampaignMember.member_id)
            )
        )
        return _issue(s, d, ids, "campaign", campaign_id)


def birthday_week(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week that holds `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


# A birthday comes round again after at least 353 days (a lunar one moves by -11 to +19 days from
# one year to the next), so "not given this coupon for a birthday in the last 300 days" is once per
# birthday: issuing the same week twice gives nothing new, next year's birthday gets its coupon, and
# a lunar birthday that falls both in early January and late December of one solar year gets both.
BIRTHDAY_REPEAT_DAYS = 300
MAX_BIRTHDAY_DAYS = 31


@dataclass(frozen=True)
class BirthdayRecipients:
    """Who a birthday issue for these days would reach: new coupons, and members who already have one."""

    start: dt.date
    end: dt.date
    member_ids: tuple[int, ...]
    already: int


def _check_days(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The start date is after the end date."), "valid_to")
    if (end - start).days >= MAX_BIRTHDAY_DAYS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Birthday coupons are issued for at most {days} days at a time."), "days",
            days=MAX_BIRTHDAY_DAYS,
        )


def _birthday_recipients_in(s: Session, definition_id: int, start: dt.date, end: dt.date) -> BirthdayRecipients:
    """Active members whose solar or lunar (农历) birthday falls on a day from start to end."""
    days = days_between(start, end)
    born = set(s.scalars(select(Member.id).where(Member.status == "active", birthday_on_days_condition(days))))
    since = dt.datetime.combine(start - dt.timedelta(days=BIRTHDAY_REPEAT_DAYS), dt.time())
    given = set(
        s.scalars(
            select(Coupon.member_id).where(
                Coupon.definition_id == definition_id, Coupon.issued_via == "birthday", Coupon.issued_at >= since
            )
        )
    )
    return BirthdayRecipients(start, end, tuple(sorted(born - given)), len(born & given))


def birthday_recipients(db: Database, definition_id: int, start: dt.date, end: dt.date) -> BirthdayRecipients:
    """What `issue_to_birthdays_between` would do, without doing it (for the screen's preview)."""
    _check_days(start, end)
    with db.read() as s:
        _definition(s, definition_id)
        return _birthday_recipients_in(s, definition_id, start, end)


def issue_to_birthdays_between(db: Database, definition_id: int, start: dt.date, end: dt.date) -> list[str]:
    """One coupon for every active member whose birthday (solar, or lunar at this year's solar date)
    falls from start to end, once per birthday."""
    _check_days(start, end)
    with db.transaction() as s:
        d = _definition(s, definition_id)
        recipients = _birthday_recipients_in(s, definition_id, start, end)
        return _issue(s, d, list(recipients.member_ids), "birthday", None)


def issue_to_birthdays(db: Database, definition_id: int, week_of: dt.date | None = None) -> list[str]:
    """Birthday coupons for the Monday-to-Sunday week that holds `week_of` (default: this week)."""
    start, end = birthday_week(week_of or _now().date())
    return issue_to_birthdays_between(db, definition_id, start, end)


def issue_on_registration_in(s: Session, member_id: int, definition_id: int) -> str | None:
    """The welcome coupon of a new member (setting `registration_coupon_id`), inside its transaction."""
    d = s.get(CouponDefinition, definition_id)
    if d is None or d.valid_to < _now().date():
        return None
    return _issue(s, d, [member_id], "registration", None)[0]


# ------------------------------------------------------------------ at the counter


@dataclass(frozen=True)
class CouponLine:
    product_id: int
    amount_cents: int


def discount_in(
    s: Session, code: str, member_id: int | None, base_cents: int, lines: list[PurchaseLine], at: dt.datetime
) -> tuple[Coupon, int]:
    """The coupon (row locked) and the money it takes off this sale; refuses with a clear reason."""
    code = normalise_code(code)
    coupon = s.scalars(select(Coupon).where(Coupon.code == code).with_for_update()).first()
    if coupon is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "There is no coupon {code}."), code=show_code(code))
    if coupon.redeemed_at is not None:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Coupon {code} was already used on {date}."), code=show_code(code),
            date=coupon.redeemed_at.date().isoformat(),
        )
    if coupon.member_id is not None and coupon.member_id != member_id:
        raise ConflictError(QT_TRANSLATE_NOOP("errors", "Coupon {code} belongs to another member."), code=show_code(code))
    d = s.get(CouponDefinition, coupon.definition_id)
    assert d is not None
    if at.date() > d.valid_to:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Coupon {code} expired on {date}."), code=show_code(code), date=d.valid_to.isoformat()
        )
    if at.date() < d.valid_from:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Coupon {code} is valid from {date}."), code=show_code(code), date=d.valid_from.isoformat()
        )
    if base_cents < d.min_spend_cents:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Coupon {code} needs a purchase of at least {amount}."), code=show_code(code),
            amount=format_cents(d.min_spend_cents),
        )
    if d.kind == "amount":
        off = d.amount_cents
    elif d.kind == "percent":
        off = int((Decimal(base_cents) * d.percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        prices = [line.unit_price_cents for line in lines if line.product_id == d.product_id]
        if not prices:
            product = s.get(Product, d.product_id)
            raise ConflictError(
                QT_TRANSLATE_NOOP("errors", "Coupon {code} gives a free {product}: add it to the sale."), code=show_code(code),
                product=product.name if product else "?",
            )
        off = max(prices)
    return coupon, min(off, base_cents)


def mark_redeemed_in(s: Session, coupon: Coupon, purchase_id: int, discount: int, at: dt.datetime) -> None:
    coupon.redeemed_at = at
    coupon.purchase_id = purchase_id
    coupon.discount_cents = discount
    audit.record_in(s, audit.COUPON, event="redeem", coupon_id=coupon.id, purchase_id=purchase_id, cents=discount)


def release_in(s: Session, purchase_id: int) -> int:
    """A voided sale gives its coupon back (it may be used again); returns how many."""
    count = 0
    for coupon in s.scalars(select(Coupon).where(Coupon.purchase_id == purchase_id, Coupon.redeemed_at.is_not(None))):
        coupon.redeemed_at = None
        coupon.purchase_id = None
        coupon.discount_cents = 0
        audit.record_in(s, audit.COUPON, event="release", coupon_id=coupon.id, purchase_id=purchase_id)
        count += 1
    return count


# ------------------------------------------------------------------ lists


@dataclass(frozen=True)
class DefinitionSummary:
    """A coupon kind on the Coupons screen: what it gives, and how many were issued and used."""

    definition: CouponDefinitionView
    product_name: str | None
    issued: int
    used: int


def definition_summaries(db: Database) -> list[DefinitionSummary]:
    """Every coupon kind, newest first, with its issued and used counts (one grouped read)."""
    counts = (
        select(Coupon.definition_id, func.count().label("issued"), func.count(Coupon.redeemed_at).label("used"))
        .group_by(Coupon.definition_id).subquery()
    )
    stmt = (
        select(CouponDefinition, Product.name, counts.c.issued, counts.c.used)
        .outerjoin(counts, counts.c.definition_id == CouponDefinition.id)
        .outerjoin(Product, Product.id == CouponDefinition.product_id)
        .order_by(CouponDefinition.id.desc())
    )
    with db.read() as s:
        return [
            DefinitionSummary(_definition_view(d), product, int(issued or 0), int(used or 0))
            for d, product, issued, used in s.execute(stmt)
        ]


def _definition_view(d: CouponDefinition) -> CouponDefinitionView:
    return CouponDefinitionView(d.id, d.name, d.kind, d.amount_cents, d.percent, d.product_id, d.min_spend_cents,
                                d.valid_from, d.valid_to)


def offer_text(d: CouponDefinitionView, product_name: str | None = None, symbol: str = "¥") -> str:
    """What the coupon gives, in the user's language: for the screen and printed on the voucher."""
    if d.kind == "amount":
        text = translate("coupons", "{amount} off").format(amount=format_cents(d.amount_cents, symbol))
    elif d.kind == "percent":
        text = translate("coupons", "{percent}% off").format(percent=d.percent)
    else:
        text = translate("coupons", "A free {product}").format(product=product_name or "?")
    if d.min_spend_cents:
        text = translate("coupons", "{offer} on a purchase of {minimum} or more").format(
            offer=text, minimum=format_cents(d.min_spend_cents, symbol))
    return text


def set_welcome_coupon(db: Database, definition_id: int | None, *, owner_password: str | None) -> int | None:
    """The coupon every newly registered member gets (a shop setting, so the owner's): None for none."""
    require_owner(db, owner_password)
    if definition_id is not None:
        with db.read() as s:
            d = _definition(s, definition_id)
            if d.valid_to < _now().date():
                raise ConflictError(
                    QT_TRANSLATE_NOOP("errors", "This coupon expired on {date}."), date=d.valid_to.isoformat()
                )
    settings = replace(load_settings(db), registration_coupon_id=definition_id)
    return save_settings_as_owner(db, settings, owner_password).registration_coupon_id  # type: ignore[no-any-return]


def list_definitions(db: Database) -> list[CouponDefinitionView]:
    with db.read() as s:
        return [_definition_view(d) for d in s.scalars(select(CouponDefinition).order_by(CouponDefinition.id))]


def list_coupons(
    db: Database, *, member_id: int | None = None, definition_id: int | None = None, usable_on: dt.date | None = None,
    limit: int = 1000,
) -> list[CouponView]:
    """Coupons, newest first; `usable_on`: only those not used and valid that day (the member card)."""
    stmt = (
        select(Coupon, CouponDefinition, Member.card_no)
        .join(CouponDefinition, CouponDefinition.id == Coupon.definition_id)
        .outerjoin(Member, Member.id == Coupon.member_id)
    )
    if member_id is not None:
        stmt = stmt.where(Coupon.member_id == member_id)
    if definition_id is not None:
        stmt = stmt.where(Coupon.definition_id == definition_id)
    if usable_on is not None:
        stmt = stmt.where(
            Coupon.redeemed_at.is_(None), CouponDefinition.valid_from <= usable_on, CouponDefinition.valid_to >= usable_on
        )
    with db.read() as s:
        return [
            CouponView(c.id, c.code, d.id, d.name, c.member_id, c.campaign_id, c.issued_via, c.issued_at, d.valid_from,
                       d.valid_to, c.redeemed_at, c.purchase_id, c.discount_cents, card)
            for c, d, card in s.execute(stmt.order_by(Coupon.id.desc()).limit(max(1, min(limit, 100_000))))
        ]
