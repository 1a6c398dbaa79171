"""End-of-day takings (日结): what came in and went out at the counter on one day.

Money taken = sales paid other than from stored value + top-ups - top-up refunds: the money that
should be in the drawer and the payment apps.  Stored value spent is shown apart (it was taken on
the day of the top-up), as are coupon and points discounts (money not taken).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, Purchase, StoredValueEntry
from shopcrm.services.sales.stored_value import Liability, liability_in
from shopcrm.services.shop.clock import now


@dataclass(frozen=True)
class MethodFigures:
    method: str
    sales: int
    amount_cents: int


@dataclass(frozen=True)
class Takings:
    day: dt.date
    sales: int
    sales_cents: int
    by_method: tuple[MethodFigures, ...]  # the part of sales paid by each method
    stored_value_spent_cents: int
    topups: int
    topup_cents: int
    topup_bonus_cents: int
    topup_by_method: tuple[MethodFigures, ...]
    topup_refund_cents: int
    coupon_discount_cents: int
    coupons_redeemed: int
    points_discount_cents: int
    refunds: int  # sales with a negative total (returns) on the day
    refund_cents: int
    voids: int  # sales voided on the day
    void_cents: int
    new_members: int
    liability: Liability  # outstanding stored value at the end of the day

    @property
    def money_in_cents(self) -> int:
        """What the drawer and payment apps took: sales not paid by stored value, and top-ups."""
        paid = sum(m.amount_cents for m in self.by_method if m.method != "stored_value")
        return paid + self.topup_cents - self.topup_refund_cents

    def to_json(self) -> dict[str, object]:
        def yuan(cents: int) -> float:
            return round(cents / 100, 2)

        data = asdict(self)
        out: dict[str, object] = {"date": self.day.isoformat()}
        for key, value in data.items():
            if key in ("day", "by_method", "topup_by_method", "liability"):
                continue
            if key.endswith("_cents"):
                name = key.removesuffix("_cents")
                out[f"{name}_amount" if name in ("sales", "topup", "refund", "void") else name] = yuan(value)
            else:
                out[key] = value
        out["by_method"] = {m.method: {"sales": m.sales, "amount": yuan(m.amount_cents)} for m in self.by_method}
        out["topup_by_method"] = {m.method: {"topups": m.sales, "amount": yuan(m.amount_cents)} for m in self.topup_by_method}
        out["money_in"] = yuan(self.money_in_cents)
        out["stored_value_liability"] = {
            "paid": yuan(self.liability.principal_cents), "bonus": yuan(self.liability.bonus_cents),
            "total": yuan(self.liability.total_cents), "members": self.liability.members,
        }
        return out


def takings(db: Database, day: dt.date | None = None) -> Takings:

    day = day or now().date()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    p, sv = Purchase, StoredValueEntry
    with db.read() as s:
        live = (p.purchased_at >= start, p.purchased_at < end, p.voided_at.is_(None))
        count, amount, coupon, points, coupons_used = s.execute(
            select(
                func.count(), func.coalesce(func.sum(p.total_cents), 0), func.coalesce(func.sum(p.coupon_discount_cents), 0),
                func.coalesce(func.sum(p.points_discount_cents), 0), func.count().filter(p.coupon_discount_cents > 0),
            ).where(*live, p.total_cents >= 0)
        ).one()
        methods: dict[str, list[int]] = {}
        for method, n, total, from_sv in s.execute(
            select(p.payment_method, func.count(), func.coalesce(func.sum(p.total_cents), 0), func.coalesce(func.sum(p.stored_value_cents), 0))
            .where(*live, p.total_cents >= 0).group_by(p.payment_method)
        ):
            rest = int(total) - int(from_sv)
            key = method or "other"
            if method == "stored_value":
                methods.setdefault("stored_value", [0, 0])
                methods["stored_value"][0] += int(n)
                methods["stored_value"][1] += int(total)
                continue
            row = methods.setdefault(key, [0, 0])
            row[0] += int(n)
            row[1] += rest
            if from_sv:
                sv_row = methods.setdefault("stored_value", [0, 0])
                sv_row[1] += int(from_sv)
        refunds, refund_cents = s.execute(
            select(func.count(), func.coalesce(func.sum(-p.total_cents), 0)).where(*live, p.total_cents < 0)
        ).one()
        voids, void_cents = s.execute(
            select(func.count(), func.coalesce(func.sum(p.total_cents), 0)).where(p.voided_at >= start, p.voided_at < end)
        ).one()
        on_day = (sv.at >= start, sv.at < end)
        spent = -int(
            s.scalar(select(func.coalesce(func.sum(sv.principal_cents + sv.bonus_cents), 0)).where(*on_day, sv.kind.in_(("spend", "return"))))
            or 0
        )
        topup_rows = s.execute(
            select(sv.pay_method, func.count(), func.coalesce(func.sum(sv.principal_cents), 0), func.coalesce(func.sum(sv.bonus_cents), 0))
            .where(*on_day, sv.kind == "topup").group_by(sv.pay_method)
        ).all()
        refund_topups = -int(s.scalar(select(func.coalesce(func.sum(sv.principal_cents), 0)).where(*on_day, sv.kind == "refund")) or 0)
        new_members = int(s.scalar(select(func.count()).select_from(Member).where(Member.registered_on == day)) or 0)
        owed = liability_in(s, day)
    return Takings(
        day=day,
        sales=int(count),
        sales_cents=int(amount),
        by_method=tuple(MethodFigures(k, v[0], v[1]) for k, v in sorted(methods.items())),
        stored_value_spent_cents=spent,
        topups=sum(int(r[1]) for r in topup_rows),
        topup_cents=sum(int(r[2]) for r in topup_rows),
        topup_bonus_cents=sum(int(r[3]) for r in topup_rows),
        topup_by_method=tuple(MethodFigures(r[0] or "other", int(r[1]), int(r[2])) for r in sorted(topup_rows, key=lambda r: r[0] or "")),
        topup_refund_cents=refund_topups,
        coupon_discount_cents=int(coupon),
        coupons_redeemed=int(coupons_used),
        points_discount_cents=int(points),
        refunds=int(refunds),
        refund_cents=int(refund_cents),
        voids=int(voids),
        void_cents=int(void_cents),
        new_members=new_members,
        liability=owed,
    )
