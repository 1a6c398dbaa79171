"""Recording and voiding purchases at the counter, with points, a coupon, stored value and levels.

A sale is one transaction: the purchase, its coupon, the points it redeems and earns (with their
draws) and the stored value it spends are all written, or none of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from shopcrm.codes import CHANNELS, PAYMENT_METHODS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry, Product, Purchase, PurchaseLine
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.money import MAX_CENTS
from shopcrm.services.members.points import append_sale_points, lock_member, post_fact, rebuild_points
from shopcrm.services.sales import coupons, stored_value
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.settings import ShopSettings, load_settings, settings_in

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
    # Money at the counter (SPEC §8): a coupon code, points taken as money off, and the part of the
    # total paid from stored value (None: none; with payment_method "stored_value": all of it).
    coupon_code: str | None = None
    redeem_points: int = 0
    stored_value_cents: int | None = None


@dataclass(frozen=True)
class PurchaseResult:
    purchase_id: int
    total_cents: int
    points_earned: int
    points_balance: int | None
    level: int | None
    level_upgraded: bool
    coupon_discount_cents: int = 0
    points_redeemed: int = 0
    points_discount_cents: int = 0
    stored_value_cents: int = 0
    stored_value_balance_cents: int | None = None


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
    wanted = {li.product_id for li in inputs}
    # One SELECT for the whole basket (a get() per line was a statement per line at the counter).
    products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(wanted)))} if wanted else {}
    for li in inputs:
        product = products.get(li.product_id)
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
    before_discounts = existing.total_cents + existing.coupon_discount_cents + existing.points_discount_cents
    if existing.member_id != data.member_id or (data.total_cents is not None and before_discounts != data.total_cents):
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "The sale reference {ref} belongs to another purchase."), ref=data.external_ref
        )
    earned = s.scalar(
        select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
            PointsEntry.purchase_id == existing.id, PointsEntry.kind == "earn"
        )
    )
    redeemed = s.scalar(
        select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
            PointsEntry.purchase_id == existing.id, PointsEntry.kind == "redeem"
        )
    )
    return PurchaseResult(
        purchase_id=existing.id,
        total_cents=existing.total_cents,
        points_earned=int(earned or 0),
        points_balance=member.points_balance if member else None,
        level=member.level if member else None,
        level_upgraded=False,
        coupon_discount_cents=existing.coupon_discount_cents,
        points_redeemed=-int(redeemed or 0),
        points_discount_cents=existing.points_discount_cents,
        stored_value_cents=existing.stored_value_cents,
        stored_value_balance_cents=member.stored_value_cents + member.stored_bonus_cents if member else None,
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


def _check_money_options(data: PurchaseInput) -> None:
    if isinstance(data.redeem_points, bool) or not isinstance(data.redeem_points, int) or data.redeem_points < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Redeem a positive number of points."), "points")
    if data.stored_value_cents is not None and (
        isinstance(data.stored_value_cents, bool) or not isinstance(data.stored_value_cents, int) or data.stored_value_cents <= 0
    ):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount must be more than 0."), "stored_value")
    if data.member_id is None and (data.coupon_code or data.redeem_points or data.stored_value_cents or data.payment_method == "stored_value"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Points, stored value and member coupons need a member: find the member first."),
            "member",
        )


def _points_off(settings: ShopSettings, points: int, payable: int) -> int:
    """Money off for the points; refuses below the minimum, above the maximum, or more than the sale."""
    if points < settings.points_redeem_min:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "At least {min} points must be redeemed at once."), min=settings.points_redeem_min
        )
    if settings.points_redeem_max and points > settings.points_redeem_max:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "At most {max} points can be redeemed on one sale."), max=settings.points_redeem_max
        )
    off = settings.points_value_cents(points)
    if off <= 0:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "{points} points are worth less than 0.01 off."), points=points
        )
    if off > payable:
        raise ConflictError(QT_TRANSLATE_NOOP("errors", "The points are worth more than what is left to pay."))
    return off


def _record_purchase(db: Database, data: PurchaseInput) -> PurchaseResult:
    when = data.purchased_at or now()
    if when > now() + CLOCK_SKEW:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A purchase cannot be in the future."), "purchased_at")
    if data.payment_method is not None and data.payment_method not in PAYMENT_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {value}."), "payment_method", value=data.payment_method)
    if data.channel not in CHANNELS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown sales channel {value}."), "channel", value=data.channel)
    if data.discount_cents < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The discount cannot be negative."), "discount")
    _check_money_options(data)
    if data.coupon_code:
        coupons.normalise_code(data.coupon_code)  # a typo is told before anything is locked
    with db.transaction() as s:
        settings = settings_in(s)  # in the sale's own transaction: one connection per sale
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
            base = data.total_cents
        elif lines:
            base = subtotal - data.discount_cents
        else:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter products or an amount."), "total")
        if lines and data.discount_cents > subtotal:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The discount is larger than the purchase."), "discount")
        if base <= 0:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount must be more than 0."), "total")
        if base >= MAX_CENTS:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount {value} is too large."), "total", value=base / 100)
        coupon = None
        coupon_off = 0
        if data.coupon_code:
            coupon, coupon_off = coupons.discount_in(s, data.coupon_code, data.member_id, base, lines, when)
        points_off = _points_off(settings, data.redeem_points, base - coupon_off) if data.redeem_points else 0
        total = base - coupon_off - points_off
        sv_cents = data.stored_value_cents or 0
        if data.payment_method == "stored_value" and data.stored_value_cents is None:
            sv_cents = total
        if sv_cents > total:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The stored value paid is more than the sale."), "stored_value")
        if data.payment_method == "stored_value" and sv_cents < total:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Part of the sale is paid from stored value: choose how the rest is paid."),
                "payment_method",
            )
        if member is not None and sv_cents > member.stored_value_cents + member.stored_bonus_cents:
            raise ConflictError(
                QT_TRANSLATE_NOOP("errors", "Not enough stored value: the balance is {balance}, {needed} needed."),
                balance=f"{(member.stored_value_cents + member.stored_bonus_cents) / 100:.2f}",
                needed=f"{sv_cents / 100:.2f}",
            )
        earned = settings.points_for(total) if member is not None else 0
        purchase = Purchase(
            member_id=member.id if member else None,
            purchased_at=when,
            total_cents=total,
            discount_cents=(data.discount_cents if data.total_cents is None else 0) + coupon_off + points_off,
            payment_method=data.payment_method if sv_cents < total or total == 0 else "stored_value",
            channel=data.channel,
            origin="counter",
            external_ref=data.external_ref,
            points_earned=earned if member is not None else None,
            coupon_discount_cents=coupon_off,
            points_discount_cents=points_off,
            stored_value_cents=sv_cents,
        )
        s.add(purchase)
        s.flush()
        if lines:  # in one statement: the ORM wrote them one INSERT each, for ids nothing here reads
            line_table = PurchaseLine.__table__
            s.connection().execute(insert(line_table), [
                {"purchase_id": purchase.id, "product_id": line.product_id, "quantity": line.quantity,
                 "unit_price_cents": line.unit_price_cents, "amount_cents": line.amount_cents} for line in lines])
        upgraded = False
        if coupon is not None:
            coupons.mark_redeemed_in(s, coupon, purchase.id, coupon_off, when)
        if member is not None:
            old_level = member.level
            if sv_cents:
                stored_value.spend_in(s, member, sv_cents, at=when, purchase_id=purchase.id)
            note = f"-{points_off / 100:.2f}" if data.redeem_points else None
            # The common case appends: the sale is the newest fact of the member's points.  Else replay.
            appended = append_sale_points(s, member, purchase_id=purchase.id, at=when, earned=earned,
                                          redeem=data.redeem_points, note=note, settings=settings,
                                          until=max(when, now()))
            if not appended and data.redeem_points:
                post_fact(s, member, "redeem", -data.redeem_points, at=when, purchase_id=purchase.id,
                          note=note, settings=settings)
            elif not appended:
                s.flush()
                rebuild_points(s.connection(), [member.id], settings, max(when, now()))
                s.expire(member, ["points_balance", "level"])
            upgraded = member.level > old_level
            member.updated_at = now()
        return PurchaseResult(
            purchase_id=purchase.id,
            total_cents=total,
            points_earned=earned,
            points_balance=member.points_balance if member else None,
            level=member.level if member else None,
            level_upgraded=upgraded,
            coupon_discount_cents=coupon_off,
            points_redeemed=data.redeem_points,
            points_discount_cents=points_off,
            stored_value_cents=sv_cents,
            stored_value_balance_cents=member.stored_value_cents + member.stored_bonus_cents if member else None,
        )


def void_purchase(db: Database, purchase_id: int) -> VoidResult:
    """Cancel a sale: it stops counting anywhere; its points are taken back as far as the balance
    allows, points it redeemed and stored value it spent come back, its coupon can be used again."""
    settings = load_settings(db)
    with db.transaction() as s:
        purchase = s.scalars(select(Purchase).where(Purchase.id == purchase_id).with_for_update()).first()
        if purchase is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Purchase {id} does not exist."), id=purchase_id)
        if purchase.voided_at is not None:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "Purchase {id} has already been voided."), id=purchase_id)
        when = now()
        reversed_points = missing = 0
        if purchase.member_id is not None:
            member = lock_member(s, purchase.member_id)
            purchase.voided_at = when
            coupons.release_in(s, purchase_id)
            stored_value.return_in(s, member, purchase_id, at=when)
            redeemed = -int(
                s.scalar(
                    select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
                        PointsEntry.purchase_id == purchase_id, PointsEntry.kind.in_(("redeem", "return"))
                    )
                )
                or 0
            )
            if redeemed > 0:
                post_fact(s, member, "return", redeemed, at=when, purchase_id=purchase_id, note=f"void #{purchase_id}",
                          settings=settings)
            s.flush()
            rebuild_points(s.connection(), [member.id], settings, when)
            s.expire(member)
            earned = int(
                s.scalar(
                    select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
                        PointsEntry.purchase_id == purchase_id, PointsEntry.kind == "earn"
                    )
                )
                or 0
            )
            reversed_points = -int(
                s.scalar(
                    select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
                        PointsEntry.purchase_id == purchase_id, PointsEntry.kind == "reverse"
                    )
                )
                or 0
            )
            missing = max(0, earned - reversed_points)
        else:
            purchase.voided_at = when
            coupons.release_in(s, purchase_id)
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
