"""`shopcrm takings`: the end-of-day takings (日结) of one day."""

from __future__ import annotations

import argparse
import datetime as dt

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.labels import PAYMENT_LABELS, label
from shopcrm.services.sales.slips import takings_slip
from shopcrm.services.sales.takings import Takings, takings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("takings", help=translate("cli", "end-of-day takings"))
    parser.add_argument("--date", help=translate("cli", "the day (YYYY-MM-DD; default today)"))
    add_pdf_options(parser)
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def parse_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date (YYYY-MM-DD)."), "date", value=text[:20]) from None


def text_lines(t: Takings) -> list[str]:
    def y(cents: int) -> str:
        return f"{cents / 100:,.2f}"

    lines = [
        translate("takings", "Takings of {day}").format(day=t.day.isoformat()),
        translate("takings", "Sales: {count}, {amount}").format(count=t.sales, amount=y(t.sales_cents)),
    ]
    lines += [translate("takings", "  {method}: {count}, {amount}").format(method=label(PAYMENT_LABELS, m.method), count=m.sales, amount=y(m.amount_cents)) for m in t.by_method]
    lines += [
        translate("takings", "Stored value spent: {amount}").format(amount=y(t.stored_value_spent_cents)),
        translate("takings", "Top-ups: {count}, {amount} (bonus {bonus})").format(count=t.topups, amount=y(t.topup_cents), bonus=y(t.topup_bonus_cents)),
        translate("takings", "Top-ups refunded: {amount}").format(amount=y(t.topup_refund_cents)),
        translate("takings", "Coupon discounts: {count}, {amount}").format(count=t.coupons_redeemed, amount=y(t.coupon_discount_cents)),
        translate("takings", "Points discounts: {amount}").format(amount=y(t.points_discount_cents)),
        translate("takings", "Refunds: {count}, {amount}").format(count=t.refunds, amount=y(t.refund_cents)),
        translate("takings", "Voids: {count}, {amount}").format(count=t.voids, amount=y(t.void_cents)),
        translate("takings", "New members: {count}").format(count=t.new_members),
        translate("takings", "Money taken: {amount}").format(amount=y(t.money_in_cents)),
        translate("takings", "Stored value owed to members: {amount}").format(amount=y(t.liability.total_cents)),
    ]
    return lines


def add_pdf_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", metavar="OUT.pdf", help=translate("cli", "also write it as a PDF to print"))
    parser.add_argument("--paper", choices=["80mm", "a4"], default="80mm",
                        help=translate("cli", "80mm receipt printer (default) or a4"))


def write_pdf(args: argparse.Namespace, ctx: CommandContext, slips: list) -> None:  # type: ignore[type-arg]
    # lazy: Qt's printing loads only when something is printed, keeping start-up fast
    from shopcrm.gui.printing.slip import write_slips_pdf

    pages = write_slips_pdf(slips, args.pdf, args.paper)
    if not ctx.json_output:
        ctx.out(translate("cli", "{pages} pages written to {path}.").format(pages=pages, path=args.pdf))


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    day = parse_day(args.date)
    if args.pdf:
        write_pdf(args, ctx, [takings_slip(ctx.db(), day)])
    result = takings(ctx.db(), day)
    ctx.out(result.to_json() if ctx.json_output else "\n".join(text_lines(result)))
    return 0
