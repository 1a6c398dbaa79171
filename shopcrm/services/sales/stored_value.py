"""Stored value (储值): top-ups with the owner's bonus rules, paying from the balance, refunds.

The balance is its own ledger (stored_value_ledger), split into money paid in (principal) and
bonus money; the member row caches both sums and changes only with a ledger row, in the same
transaction, under the member row lock (SELECT ... FOR UPDATE), so two counters paying from one
balance at once cannot overspend it.  Bonus money is spent last and is never refunded.  Every
movement is in the audit log; refunds and manual adjustments need the owner password.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcrm.codes import PAYMENT_METHODS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, StoredValueEntry
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.money import MAX_CENTS, format_cents
from shopcrm.services.members.points import lock_member
from shopcrm.services.shop import audit
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.owner_password import require_owner
from shopcrm.services.shop.settings import settings_in

TOPUP_METHODS = tuple(m for m in PAYMENT_METHODS if m not in ("stored_value",))
SV_KINDS = ("topup", "spend", "refund", "adjust", "return")


@dataclass(frozen=True)
class StoredBalance:
    principal_cents: int
    bonus_cents: int

    @property
    def total_cents(self) -> int:
        return self.principal_cents + self.bonus_cents


@dataclass(frozen=True)
class TopupResult:
    entry_id: int
    member_id: int
    paid_cents: int
    bonus_cents: int
    balance: StoredBalance
    replayed: bool = False


@dataclass(frozen=True)
class StatementLine:
    id: int
    at: dt.datetime
    kind: str
    principal_cents: int
    bonus_cents: int
    balance_cents: int
    pay_method: str | None
    purchase_id: int | None
    note: str | None


@dataclass(frozen=True)
class Statement:
    member_id: int
    card_no: str
    name: str | None
    since: dt.date | None
    until: dt.date | None
    opening_cents: int
    closing: StoredBalance
    lines: tuple[StatementLine, ...]


@dataclass(frozen=True)
class Liability:
    """What the shop owes its members in stored value: paid-in money and bonus money."""

    principal_cents: int
    bonus_cents: int
    members: int

    @property
    def total_cents(self) -> int:
        return self.principal_cents + self.bonus_cents


def _now() -> dt.datetime:

    return now()


def _check_cents(cents: int, *, field: str = "amount") -> int:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An amount is required."), field)
    if cents <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount must be more than 0."), field)
    if cents >= MAX_CENTS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount {value} is too large."), field, value=cents / 100)
    return cents


def _post(
    s: Session, member: Member, kind: str, principal: int, bonus: int, *, at: dt.datetime,
    pay_method: str | None = None, purchase_id: int | None = None, topup_id: int | None = None,
    external_ref: str | None = None, note: str | None = None,
) -> int:
    """One ledger row and the cached balance with it; a balance never goes below zero.  Returns the
    row's id.  The row is written at once; the member's new balance goes out with the transaction's
    one UPDATE of the member (at a sale, with its points and level: no flush here)."""
    if member.stored_value_cents + principal < 0 or member.stored_bonus_cents + bonus < 0:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "Not enough stored value: the balance is {balance}, {needed} needed."),
            balance=f"{(member.stored_value_cents + member.stored_bonus_cents) / 100:.2f}",
            needed=f"{-(principal + bonus) / 100:.2f}",
        )
    table = StoredValueEntry.__table__
    entry_id = int(s.connection().execute(
        insert(table).returning(table.c.id),
        [{"member_id": member.id, "at": at, "kind": kind, "principal_cents": principal, "bonus_cents": bonus,
          "pay_method": pay_method, "purchase_id": purchase_id, "topup_id": topup_id,
          "external_ref": external_ref, "note": note}],
    ).scalar_one())
    member.stored_value_cents += principal
    member.stored_bonus_cents += bonus
    audit.record_in(
        s, audit.STORED_VALUE, kind=kind, member_id=member.id, entry_id=entry_id, principal_cents=principal,
        bonus_cents=bonus, purchase_id=purchase_id,
    )
    return entry_id


def refuse_erase_with_balance(member: Member) -> None:
    """Erasing a member who still holds stored value would drop money the shop owes them without a
    ledger entry: refuse, so the owner refunds (or adjusts) the balance to zero first."""
    held = member.stored_value_cents + member.stored_bonus_cents
    if held:
        raise ConflictError(
            QT_TRANSLATE_NOOP(
                "errors",
                "Member {card} still has {amount} of stored value. Refund or adjust the balance to zero first "
                "(member details, Stored value tab), then erase.",
            ),
            card=member.card_no, amount=format_cents(held),
        )


def _balance(member: Member) -> StoredBalance:
    return StoredBalance(member.stored_value_cents, member.stored_bonus_cents)


def topup(
    db: Database, member_id: int, amount_cents: int, pay_method: str = "cash", *, external_ref: str | None = None,
    note: str | None = None,
) -> TopupResult:
    """Put money on a member's balance, with the bonus of the owner's rules.  With an external_ref a
    retry (lost answer, second click) returns the first top-up instead of topping up twice."""
    amount_cents = _check_cents(amount_cents)
    if pay_method not in TOPUP_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {value}."), "pay_method", value=pay_method)
    if external_ref is not None:
        external_ref = external_ref.strip()
        if not external_ref or len(external_ref) > 128:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A sale reference has 1 to 128 characters."), "external_ref")
        try:
            return _topup(db, member_id, amount_cents, pay_method, external_ref, note)
        except IntegrityError:
            return _topup(db, member_id, amount_cents, pay_method, external_ref, note)
    return _topup(db, member_id, amount_cents, pay_method, external_ref, note)


def _topup(db: Database, member_id: int, amount: int, method: str, ref: str | None, note: str | None) -> TopupResult:
    with db.transaction() as s:
        member = lock_member(s, member_id)
        if ref is not None:
            old = s.scalars(select(StoredValueEntry).where(StoredValueEntry.external_ref == ref)).first()
            if old is not None:
                if old.member_id != member_id or old.kind != "topup" or old.principal_cents != amount:
                    raise ConflictError(
                        QT_TRANSLATE_NOOP("errors", "The sale reference {ref} belongs to another purchase."), ref=ref
                    )
                return TopupResult(old.id, member_id, old.principal_cents, old.bonus_cents, _balance(member), True)
        if member.status != "active":
            raise ConflictError(
                QT_TRANSLATE_NOOP("errors", "Member {card} is archived; make the member active again first."),
                card=member.card_no,
            )
        bonus = settings_in(s).topup_bonus(amount)
        entry_id = _post(s, member, "topup", amount, bonus, at=_now(), pay_method=method, external_ref=ref, note=note)
        return TopupResult(entry_id, member_id, amount, bonus, _balance(member))


def spend_in(s: Session, member: Member, cents: int, *, at: dt.datetime, purchase_id: int) -> int:
    """Pay part of a sale from the (locked) member's balance: paid-in money first, bonus money last.
    Returns the ledger row's id."""
    principal = min(cents, member.stored_value_cents)
    return _post(s, member, "spend", -principal, -(cents - principal), at=at, purchase_id=purchase_id)


def return_in(s: Session, member: Member, purchase_id: int, *, at: dt.datetime) -> int:
    """A voided sale gives back what it took from the balance, in the same parts; returns cents."""
    taken = s.execute(
        select(func.coalesce(func.sum(StoredValueEntry.principal_cents), 0), func.coalesce(func.sum(StoredValueEntry.bonus_cents), 0))
        .where(StoredValueEntry.purchase_id == purchase_id, StoredValueEntry.member_id == member.id)
    ).one()
    principal, bonus = -int(taken[0]), -int(taken[1])
    if principal or bonus:
        _post(s, member, "return", principal, bonus, at=at, purchase_id=purchase_id, note=f"void #{purchase_id}")
    return principal + bonus


def refund_topup(
    db: Database, topup_id: int, amount_cents: int | None = None, *, owner_password: str | None = None,
    note: str | None = None,
) -> TopupResult:
    """Give money back from a top-up, only as far as it is unspent (owner password).  The bonus that
    came with it goes in proportion, as far as the bonus balance allows."""
    require_owner(db, owner_password)
    with db.transaction() as s:
        entry = s.get(StoredValueEntry, topup_id)
        if entry is None or entry.kind != "topup":
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Top-up {id} does not exist."), id=topup_id)
        member = lock_member(s, entry.member_id)
        refunded = -int(
            s.scalar(
                select(func.coalesce(func.sum(StoredValueEntry.principal_cents), 0)).where(
                    StoredValueEntry.topup_id == topup_id, StoredValueEntry.kind == "refund"
                )
            )
            or 0
        )
        refundable = min(entry.principal_cents - refunded, member.stored_value_cents)
        amount = refundable if amount_cents is None else _check_cents(amount_cents)
        if refundable <= 0 or amount > refundable:
            raise ConflictError(
                QT_TRANSLATE_NOOP("errors", "Only {refundable} of this top-up is unspent and can be refunded."),
                refundable=f"{max(refundable, 0) / 100:.2f}",
            )
        bonus = min(member.stored_bonus_cents, entry.bonus_cents * amount // max(1, entry.principal_cents))
        out_id = _post(
            s, member, "refund", -amount, -bonus, at=_now(), pay_method=entry.pay_method, topup_id=topup_id, note=note
        )
        return TopupResult(out_id, member.id, -amount, -bonus, _balance(member))


def adjust_stored_value(
    db: Database, member_id: int, delta_cents: int, note: str, *, owner_password: str | None = None,
    bonus: bool = False,
) -> StoredBalance:
    """A correction by the owner (with a reason), either sign; never below zero."""
    require_owner(db, owner_password)
    if isinstance(delta_cents, bool) or not isinstance(delta_cents, int) or delta_cents == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An adjustment of zero changes nothing."), "amount")
    _check_cents(abs(delta_cents))
    if not note or not note.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Say why the balance is adjusted."), "note")
    with db.transaction() as s:
        member = lock_member(s, member_id)
        principal, extra = (0, delta_cents) if bonus else (delta_cents, 0)
        held = member.stored_bonus_cents if bonus else member.stored_value_cents
        if held + delta_cents < 0:
            raise ConflictError(
                QT_TRANSLATE_NOOP(
                    "errors", "The balance cannot go below zero: {held} is there, the adjustment takes {taken}."
                ),
                held=format_cents(held), taken=format_cents(-delta_cents),
            )
        _post(s, member, "adjust", principal, extra, at=_now(), note=note.strip()[:200])
        return _balance(member)


@dataclass(frozen=True)
class RefundableTopup:
    """A top-up and how much of it can still be given back (never more than the paid-in balance)."""

    id: int
    at: dt.datetime
    paid_cents: int
    bonus_cents: int
    pay_method: str | None
    refunded_cents: int
    refundable_cents: int


def refundable_topups(db: Database, member_id: int) -> list[RefundableTopup]:
    """The member's top-ups, newest first, each with what is left to refund (0 when spent or refunded)."""
    t = StoredValueEntry
    with db.read() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
        refunded = {
            topup_id: int(cents or 0)
            for topup_id, cents in s.execute(
                select(t.topup_id, func.sum(t.principal_cents)).where(t.member_id == member_id, t.kind == "refund")
                .group_by(t.topup_id)
            )
        }
        out = []
        for e in s.scalars(select(t).where(t.member_id == member_id, t.kind == "topup").order_by(t.at.desc(), t.id.desc())):
            back = -int(refunded.get(e.id) or 0)
            left = max(0, min(e.principal_cents - back, member.stored_value_cents))
            out.append(RefundableTopup(e.id, e.at, e.principal_cents, e.bonus_cents, e.pay_method, back, left))
        return out


def stored_balance(db: Database, member_id: int) -> StoredBalance:
    with db.read() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
        return _balance(member)


def ledger_sum(db: Database, member_id: int) -> StoredBalance:
    """The balance as the sum of the ledger (the cached one must always equal it)."""
    with db.read() as s:
        p, b = s.execute(
            select(func.coalesce(func.sum(StoredValueEntry.principal_cents), 0), func.coalesce(func.sum(StoredValueEntry.bonus_cents), 0))
            .where(StoredValueEntry.member_id == member_id)
        ).one()
        return StoredBalance(int(p), int(b))


def statement(db: Database, member_id: int, since: dt.date | None = None, until: dt.date | None = None) -> Statement:
    """A member's movements with the running balance, for printing (oldest first)."""
    if since is not None and until is not None and since > until:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The start date is after the end date."), "since")
    with db.read() as s:
        member = s.get(Member, member_id)
        if member is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
        t = StoredValueEntry
        opening = 0
        stmt = select(t).where(t.member_id == member_id)
        if since is not None:
            start = dt.datetime.combine(since, dt.time())
            opening = int(
                s.scalar(select(func.coalesce(func.sum(t.principal_cents + t.bonus_cents), 0)).where(t.member_id == member_id, t.at < start)) or 0
            )
            stmt = stmt.where(t.at >= start)
        if until is not None:
            stmt = stmt.where(t.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
        running = opening
        lines = []
        for e in s.scalars(stmt.order_by(t.at, t.id)):
            running += e.principal_cents + e.bonus_cents
            lines.append(StatementLine(e.id, e.at, e.kind, e.principal_cents, e.bonus_cents, running, e.pay_method, e.purchase_id, e.note))
        return Statement(member.id, member.card_no, member.name, since, until, opening, _balance(member), tuple(lines))


def liability(db: Database, as_of: dt.date | None = None) -> Liability:
    """The shop's outstanding stored value (today, or at the end of a past day)."""
    with db.read() as s:
        return liability_in(s, as_of)


def liability_in(s: Session, as_of: dt.date | None = None) -> Liability:
    t = StoredValueEntry
    per_member = select(
        t.member_id, func.sum(t.principal_cents).label("p"), func.sum(t.bonus_cents).label("b")
    ).group_by(t.member_id)
    if as_of is not None:
        per_member = per_member.where(t.at < dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    sub = per_member.subquery()
    principal, bonus, holders = s.execute(
        select(
            func.coalesce(func.sum(sub.c.p), 0), func.coalesce(func.sum(sub.c.b), 0),
            func.count().filter((sub.c.p + sub.c.b) > 0),
        )
    ).one()
    return Liability(int(principal), int(bonus), int(holders or 0))
