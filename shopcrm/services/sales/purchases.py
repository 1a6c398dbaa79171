"""Recording and voiding purchases at the counter, with points and level upgrades."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry, Product, Purchase, PurchaseLine
from shopcrm.db.models.sales import CHANNELS, PAYMENT_METHODS
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.money import MAX_CENTS
from shopcrm.services.members.points import lock_member, post_points
from shopcrm.services.shop.settings import load_settings

MAX_LINES = 200
MAX_QUANTITY = Decimal(100_000)
CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass
class LineInput:
    product_id: int
    quantity: Decimal | int | str = 1
    unit_price_cents: int | None = None  # None: the product's price


@dataclass
class PurchaseInput:
    member_id: int | None
    lines: list[LineInput] = field(default_factory=list)
    total_cents: int | None = None  # None: sum of the lines less the discount
    discount_cents: int = 0
    payment_method: str | None = None
    channel: str = "store"
    purchased_at: dt.datetime | None = None
    # Made by the counter when the sale is rung up (uuid4().hex): sending the same sale again after
    # a lost answer or a dropped connection returns the sale already recorded, never a second one.
    external_ref: str | None = None


@dataclass(frozen=True)
class PurchaseResult:
    purchase_id: int
    total_cents: int
    points_earned: int
    points_balance: int | None
    level: int | None
    level_upgraded: bool


@dataclass(frozen=True)
class LineView:
    product_id: int | None
    product_name: str
    category: str | None
    quantity: Decimal
    unit_price_cents: int
    amount_cents: int


@dataclass(frozen=True)
class PurchaseView:
    id: int
    member_id: int | None
    purchased_at: dt.datetime
    total_cents: int
    discount_cents: int
    payment_method: str | None
    channel: str
    origin: str
    voided: bool
    lines: tuple[LineView, ...]


@dataclass(frozen=True)
class VoidResult:
    points_reversed: int
    points_not_reversed: int


def _quantity(raw: Decimal | int | str) -> Decimal:
    try:
        q = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a quantity."), "quantity", value=str(raw)[:20]) from exc
    if not q.is_finite() or q <= 0 or q > MAX_QUANTITY:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The quantity must be more than 0."), "quantity")
    return q.quantize(Decimal("0.001"))


def _lines(s: Session, inputs: list[LineInput]) -> list[PurchaseLine]:
    if len(inputs) > MAX_LINES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A purchase can have at most 200 lines."), "lines")
    out = []
    for li in inputs:
        product = s.get(Product, li.product_id)
        if product is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=li.product_id)
        qty = _quantity(li.quantity)
        price = li.unit_price_cents if li.unit_price_cents is not None else product.price_cents
        if price is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "{product} has no price: enter the price."), "price", product=product.name
            )
        if price < 0 or price >= MAX_CENTS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The price cannot be negative."), "price")
        amount = int((qty * price).quantize(Decimal(1)))
        out.append(PurchaseLine(product_id=product.id, quantity=qty, unit_price_cents=price, amount_cents=amount))
    return out


def cumulative_spend(s: Session, member_id: int) -> int:
    return int(
        s.scalar(
            select(func.coalesce(func.sum(Purchase.total_cents), 0)).where(
                Purchase.member_id == member_id, Purchase.voided_at.is_(None)
            )
        )
        or 0
    )


def _already_recorded(s: Session, data: PurchaseInput, member: Member | None) -> PurchaseResult | None:
    """The sale with this counter reference, if it was recorded before (a retry): its result again."""
    existing = s.scalars(select(Purchase).where(Purchase.external_ref == data.external_ref)).first()
    if existing is None:
        return None
    if existing.member_id != data.member_id or (data.total_cents is not None and existing.total_cents != data.total_cents):
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "The sale reference {ref} belongs to another purchase."), ref=data.external_ref
        )
    earned = s.scalar(
        select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
            PointsEntry.purchase_id == existing.id, PointsEntry.kind == "earn"
        )
    )
    return PurchaseResult(
        purchase_id=existing.id,
        total_cents=existing.total_cents,
        points_earned=int(earned or 0),
        points_balance=member.points_balance if member else None,
        level=member.level if member else None,
        level_upgraded=False,
    )


def record_purchase(db: Database, data: PurchaseInput) -> PurchaseResult:
    """One sale: lines or just an amount; points earned and level upgraded in the same transaction.

    With an external_ref the call is idempotent: the member row lock orders two counters sending the
    same sale; for a walk-in sale the unique reference does, and the loser reads the winner's sale."""
    if data.external_ref is not None:
        ref = data.external_ref.strip()
        if not ref or len(ref) > 128:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A sale reference has 1 to 128 characters."), "external_ref")
        data = dataclasses.replace(data, external_ref=ref)
        try:
            return _record_purchase(db, data)
        except IntegrityError:
            return _record_purchase(db, data)  # recorded by the other counter meanwhile: replayed now
    return _record_purchase(db, data)


def _record_purchase(db: Database, data: PurchaseInput) -> PurchaseResult:
    from shopcrm.services.members.records import now

    settings = load_settings(db)
    when = data.purchased_at or now()
    if when > now() + CLOCK_SKEW:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A purchase cannot be in the future."), "purchased_at")
    if data.payment_method is not None and data.payment_method not in PAYMENT_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {value}."), "payment_method", value=data.payment_method)
    if data.channel not in CHANNELS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown sales channel {value}."), "channel", value=data.channel)
    if data.discount_cents < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The discount cannot be negative."), "discount")
    with db.transaction() as s:
        member: Member | None = None
        if data.member_id is not None:
            member = lock_member(s, data.member_id)
            if member.status == "archived":
                raise ConflictError(
                    QT_TRANSLATE_NOOP("errors", "Member {card} is archived; make the member active again first."),
                    card=member.card_no,
                )
        if data.external_ref is not None:
            replay = _already_recorded(s, data, member)
            if replay is not None:
                return replay
        lines = _lines(s, data.lines)
        subtotal = sum(line.amount_cents for line in lines)
        if data.total_cents is not None:
            total = data.total_cents
        elif lines:
            total = subtotal - data.discount_cents
        else:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter products or an amount."), "total")
        if lines and data.discount_cents > subtotal:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The discount is larger than the purchase."), "discount")
        if total <= 0:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount must be more than 0."), "total")
        if total >= MAX_CENTS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount {value} is too large."), "total", value=total / 100)
        purchase = Purchase(
            member_id=member.id if member else None,
            purchased_at=when,
            total_cents=total,
            discount_cents=data.discount_cents,
            payment_method=data.payment_method,
            channel=data.channel,
            origin="counter",
            external_ref=data.external_ref,
            lines=lines,
        )
        s.add(purchase)
        s.flush()
        earned = 0
        upgraded = False
        if member is not None:
            earned = settings.points_for(total)
            if earned:
                post_points(s, member, "earn", earned, at=when, purchase_id=purchase.id)
            new_level = settings.level_for_spend(cumulative_spend(s, member.id))
            if new_level > member.level:
                member.level = new_level
                upgraded = True
            member.updated_at = now()
        return PurchaseResult(
            purchase_id=purchase.id,
            total_cents=total,
            points_earned=earned,
            points_balance=member.points_balance if member else None,
            level=member.level if member else None,
            level_upgraded=upgraded,
        )


def void_purchase(db: Database, purchase_id: int) -> VoidResult:
    """Cancel a sale: it stops counting anywhere, its points are taken back as far as the balance allows."""
    from shopcrm.services.members.records import now

    with db.transaction() as s:
        purchase = s.scalars(select(Purchase).where(Purchase.id == purchase_id).with_for_update()).first()
        if purchase is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Purchase {id} does not exist."), id=purchase_id)
        if purchase.voided_at is not None:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "Purchase {id} has already been voided."), id=purchase_id)
        when = now()
        purchase.voided_at = when
        reversed_points = missing = 0
        if purchase.member_id is not None:
            member = lock_member(s, purchase.member_id)
            earned = int(
                s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0)).where(PointsEntry.purchase_id == purchase_id))
                or 0
            )
            if earned > 0:
                reversed_points = min(earned, member.points_balance)
                missing = earned - reversed_points
                if reversed_points:
                    post_points(
                        s, member, "reverse", -reversed_points, at=when, purchase_id=purchase_id,
                        note=f"void #{purchase_id}" + (f", {missing} already redeemed" if missing else ""),
                    )
        return VoidResult(reversed_points, missing)


def _view(p: Purchase) -> PurchaseView:
    return PurchaseView(
        id=p.id,
        member_id=p.member_id,
        purchased_at=p.purchased_at,
        total_cents=p.total_cents,
        discount_cents=p.discount_cents,
        payment_method=p.payment_method,
        channel=p.channel,
        origin=p.origin,
        voided=p.voided_at is not None,
        lines=tuple(
            LineView(
                product_id=line.product_id,
                product_name=line.product.name if line.product else "",
                category=line.product.category.name if line.product and line.product.category else None,
                quantity=line.quantity,
                unit_price_cents=line.unit_price_cents,
                amount_cents=line.amount_cents,
            )
            for line in p.lines
        ),
    )


def member_history(db: Database, member_id: int, limit: int = 100, offset: int = 0) -> list[PurchaseView]:
    with db.read() as s:
        rows = s.scalars(
            select(Purchase)
            .options(selectinload(Purchase.lines))
            .where(Purchase.member_id == member_id)
            .order_by(Purchase.purchased_at.desc(), Purchase.id.desc())
            .limit(max(1, min(limit, 1000)))
            .offset(max(0, offset))
        )
        return [_view(p) for p in rows]


def get_purchase(db: Database, purchase_id: int) -> PurchaseView:
    with db.read() as s:
        p = s.scalars(select(Purchase).options(selectinload(Purchase.lines)).where(Purchase.id == purchase_id)).first()
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Purchase {id} does not exist."), id=purchase_id)
        return _view(p)
