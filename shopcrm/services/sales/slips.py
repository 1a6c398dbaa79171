"""What a receipt-width or A4 slip says: the day's takings, a member's stored-value statement, a
coupon voucher.  Plain lines (label, value) in the current language, and for a voucher the QR code
as a matrix (segno); shopcrm.gui.printing.slip draws them, on an 80 mm receipt printer or on A4.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from shopcrm.db.engine import Database
from shopcrm.i18n import QT_TRANSLATE_NOOP, translate
from shopcrm.labels import PAYMENT_LABELS, label
from shopcrm.money import format_cents
from shopcrm.services.sales.coupons import (
    CouponView,
    definition_summaries,
    list_coupons,
    offer_text,
    show_code,
)
from shopcrm.services.sales.stored_value import statement
from shopcrm.services.sales.takings import takings
from shopcrm.services.shop.settings import load_settings


@dataclass(frozen=True)
class SlipLine:
    label: str
    value: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Slip:
    shop: str
    title: str
    lines: tuple[SlipLine, ...]
    qr: tuple[tuple[bool, ...], ...] | None = None  # dark modules, row by row
    big_text: str | None = None  # printed large under the QR (the coupon code)
    footer: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def takings_slip(db: Database, day: dt.date | None = None) -> Slip:
    t = takings(db, day)
    settings = load_settings(db)
    sym = "¥" if settings.currency == "CNY" else ""

    def m(cents: int) -> str:
        return format_cents(cents, sym)

    lines = [
        SlipLine(translate("slips", "Sales"), f"{t.sales}  {m(t.sales_cents)}", bold=True),
        *(SlipLine("  " + label(PAYMENT_LABELS, x.method), f"{x.sales}  {m(x.amount_cents)}") for x in t.by_method),
        SlipLine(translate("slips", "Stored value spent"), m(t.stored_value_spent_cents)),
        SlipLine(translate("slips", "Top-ups"), f"{t.topups}  {m(t.topup_cents)}", bold=True),
        *(SlipLine("  " + label(PAYMENT_LABELS, x.method), f"{x.sales}  {m(x.amount_cents)}") for x in t.topup_by_method),
        SlipLine(translate("slips", "Top-up bonus given"), m(t.topup_bonus_cents)),
        SlipLine(translate("slips", "Top-ups refunded"), m(t.topup_refund_cents)),
        SlipLine(translate("slips", "Coupon discounts"), f"{t.coupons_redeemed}  {m(t.coupon_discount_cents)}"),
        SlipLine(translate("slips", "Points discounts"), m(t.points_discount_cents)),
        SlipLine(translate("slips", "Refunds"), f"{t.refunds}  {m(t.refund_cents)}"),
        SlipLine(translate("slips", "Voids"), f"{t.voids}  {m(t.void_cents)}"),
        SlipLine(translate("slips", "New members"), str(t.new_members)),
        SlipLine(translate("slips", "Money taken"), m(t.money_in_cents), bold=True),
        SlipLine(translate("slips", "Stored value owed to members"), m(t.liability.total_cents)),
    ]
    return Slip(settings.shop_name, translate("slips", "Takings of {day}").format(day=t.day.isoformat()), tuple(lines),
                footer=translate("slips", "Printed {at}").format(at=dt.datetime.now().strftime("%Y-%m-%d %H:%M")))


_KINDS = {
    "topup": QT_TRANSLATE_NOOP("slips", "Top-up"), "spend": QT_TRANSLATE_NOOP("slips", "Spent"),
    "refund": QT_TRANSLATE_NOOP("slips", "Refund"), "adjust": QT_TRANSLATE_NOOP("slips", "Adjustment"),
    "return": QT_TRANSLATE_NOOP("slips", "Returned (void)"),
}


def statement_slip(db: Database, member_id: int, since: dt.date | None = None, until: dt.date | None = None) -> Slip:
    st = statement(db, member_id, since, until)
    settings = load_settings(db)
    sym = "¥" if settings.currency == "CNY" else ""
    lines = [SlipLine(translate("slips", "Member"), f"{st.name or ''} {st.card_no}".strip())]
    if since is not None:
        lines.append(SlipLine(translate("slips", "Opening balance"), format_cents(st.opening_cents, sym)))
    for e in st.lines:
        kind = translate("slips", _KINDS.get(e.kind, e.kind))
        lines.append(SlipLine(f"{e.at:%Y-%m-%d %H:%M} {kind}", f"{format_cents(e.principal_cents + e.bonus_cents, sym)}  "
                              f"= {format_cents(e.balance_cents, sym)}"))
    lines.append(SlipLine(translate("slips", "Balance"), format_cents(st.closing.total_cents, sym), bold=True))
    lines.append(SlipLine(translate("slips", "of which bonus"), format_cents(st.closing.bonus_cents, sym)))
    return Slip(settings.shop_name, translate("slips", "Stored value statement"), tuple(lines),
                footer=translate("slips", "Printed {at}").format(at=dt.datetime.now().strftime("%Y-%m-%d %H:%M")))


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    import segno

    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def voucher_slips(db: Database, definition_id: int, *, only_unused: bool = True,
                  codes: Collection[str] | None = None) -> list[Slip]:
    """One slip per issued coupon of a kind: what it gives, validity, code and QR (the code itself);
    `codes`: only these (the ones just issued)."""
    settings = load_settings(db)
    coupons: list[CouponView] = [
        c for c in list_coupons(db, definition_id=definition_id, limit=100_000)
        if not (only_unused and c.redeemed_at) and (codes is None or c.code in codes)
    ]
    summary = next((x for x in definition_summaries(db) if x.definition.id == definition_id), None)
    sym = "¥" if settings.currency == "CNY" else ""
    offer = offer_text(summary.definition, summary.product_name, sym) if summary is not None else ""
    slips = []
    for c in reversed(coupons):
        lines = (
            SlipLine(c.name, bold=True),
            *((SlipLine(offer),) if offer else ()),
            SlipLine(translate("slips", "Valid {start} to {end}").format(start=c.valid_from.isoformat(), end=c.valid_to.isoformat())),
            SlipLine(translate("slips", "One use; show this code at the counter.")),
        )
        slips.append(Slip(settings.shop_name, translate("slips", "Coupon"), lines, qr=qr_matrix(c.code), big_text=show_code(c.code)))
    return slips
