"""`shopcrm coupon define|issue|redeem|list`: coupons (SPEC §8)."""

from __future__ import annotations

import argparse
import dataclasses

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.purchase import line_input, member_id_of, sale_lines, sale_ref
from shopcrm.commands.takings import parse_day, write_pdf
from shopcrm.i18n import translate
from shopcrm.money import parse_money
from shopcrm.services.sales.coupons import (
    define_coupon,
    issue_to_birthdays,
    issue_to_campaign,
    issue_to_members,
    list_coupons,
    show_code,
)
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.sales.slips import voucher_slips
from shopcrm.services.shop.clock import now


def _who(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--member", type=int, help=translate("cli", "member id"))
    who.add_argument("--phone", help=translate("cli", "member phone"))
    who.add_argument("--card", help=translate("cli", "member card no."))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("coupon", help=translate("cli", "define, issue, redeem and list coupons"))
    verbs = parser.add_subparsers(dest="coupon_command", metavar="define|issue|redeem|list|print", required=True)

    define = verbs.add_parser("define", help=translate("cli", "define a coupon"))
    define.add_argument("--name", required=True)
    kind = define.add_mutually_exclusive_group(required=True)
    kind.add_argument("--off", metavar="AMOUNT", help=translate("cli", "money off"))
    kind.add_argument("--percent", type=int, help=translate("cli", "percentage off"))
    kind.add_argument("--free", metavar="PRODUCT", help=translate("cli", "a free item"))
    define.add_argument("--min", metavar="AMOUNT", default="0", help=translate("cli", "minimum spend"))
    define.add_argument("--from", dest="valid_from", required=True, help="YYYY-MM-DD")
    define.add_argument("--to", dest="valid_to", required=True, help="YYYY-MM-DD")
    add_json_flag(define)
    define.set_defaults(handler=run_define)

    issue = verbs.add_parser("issue", help=translate("cli", "issue a coupon to members"))
    issue.add_argument("definition_id", type=int)
    to = issue.add_mutually_exclusive_group(required=True)
    to.add_argument("--campaign", type=int, help=translate("cli", "every member of a saved list"))
    to.add_argument("--birthdays", action="store_true", help=translate("cli", "members with a birthday this week"))
    to.add_argument("--phone", help=translate("cli", "member phone"))
    to.add_argument("--card", help=translate("cli", "member card no."))
    to.add_argument("--member", type=int, help=translate("cli", "member id"))
    issue.add_argument("--week-of", help=translate("cli", "a day of the birthday week (YYYY-MM-DD; default today)"))
    add_json_flag(issue)
    issue.set_defaults(handler=run_issue)

    redeem = verbs.add_parser("redeem", help=translate("cli", "redeem a coupon on a sale"))
    redeem.add_argument("code")
    _who(redeem)
    redeem.add_argument("--amount", help=translate("cli", "total before the coupon (omit when giving --item)"))
    redeem.add_argument("--item", action="append", default=[], metavar="PRODUCT[xQTY]")
    redeem.add_argument("--payment", choices=["cash", "wechat", "alipay", "card", "stored_value", "other"])
    redeem.add_argument("--ref")
    add_json_flag(redeem)
    redeem.set_defaults(handler=run_redeem)

    slips = verbs.add_parser("print", help=translate("cli", "voucher slips with code and QR code, as a PDF"))
    slips.add_argument("definition_id", type=int)
    slips.add_argument("--pdf", metavar="OUT.pdf", required=True)
    slips.add_argument("--paper", choices=["80mm", "a4"], default="80mm")
    slips.set_defaults(handler=run_print)

    listing = verbs.add_parser("list", help=translate("cli", "list coupons"))
    _who(listing)
    listing.add_argument("--definition", type=int)
    listing.add_argument("--usable", action="store_true", help=translate("cli", "only coupons that can be used today"))
    add_json_flag(listing)
    listing.set_defaults(handler=run_list)


def run_define(args: argparse.Namespace, ctx: CommandContext) -> int:
    start, end = parse_day(args.valid_from), parse_day(args.valid_to)
    assert start is not None and end is not None
    product_id = None
    if args.free:
        product_id = line_input(ctx, args.free).product_id
    kind = "amount" if args.off else "percent" if args.percent is not None else "item"
    new_id = define_coupon(
        ctx.db(), args.name, kind, amount_cents=parse_money(args.off, exact=True) if args.off else 0,
        percent=args.percent or 0, product_id=product_id, min_spend_cents=parse_money(args.min, field="min", exact=True),
        valid_from=start, valid_to=end,
    )
    ctx.out({"definition": new_id} if ctx.json_output else translate("cli", "Coupon {id} defined.").format(id=new_id))
    return 0


def run_issue(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    if args.campaign is not None:
        codes = issue_to_campaign(db, args.definition_id, args.campaign)
    elif args.birthdays:
        codes = issue_to_birthdays(db, args.definition_id, parse_day(args.week_of))
    else:
        member = member_id_of(args, ctx)
        assert member is not None
        codes = issue_to_members(db, args.definition_id, [member])
    shown = [show_code(c) for c in codes]
    ctx.out({"issued": len(codes), "codes": shown} if ctx.json_output else translate("cli", "{count} coupons issued.").format(count=len(codes)))
    return 0


def run_redeem(args: argparse.Namespace, ctx: CommandContext) -> int:
    lines, total = sale_lines(args, ctx)
    result = record_purchase(
        ctx.db(),
        PurchaseInput(member_id=member_id_of(args, ctx), lines=lines, total_cents=total, payment_method=args.payment,
                      coupon_code=args.code, external_ref=sale_ref(args.ref)),
    )
    if ctx.json_output:
        ctx.out(dataclasses.asdict(result) | {"total": result.total_cents / 100, "coupon_discount": result.coupon_discount_cents / 100})
    else:
        ctx.out(translate("cli", "Purchase {id} recorded: {total:.2f} after {off:.2f} off.").format(
            id=result.purchase_id, total=result.total_cents / 100, off=result.coupon_discount_cents / 100))
    return 0


def run_print(args: argparse.Namespace, ctx: CommandContext) -> int:
    write_pdf(args, ctx, voucher_slips(ctx.db(), args.definition_id))
    return 0


def run_list(args: argparse.Namespace, ctx: CommandContext) -> int:

    member = member_id_of(args, ctx)
    rows = list_coupons(ctx.db(), member_id=member, definition_id=args.definition, usable_on=now().date() if args.usable else None)
    if ctx.json_output:
        ctx.out([
            {"code": c.shown_code, "coupon": c.name, "definition": c.definition_id, "member": c.member_id,
             "campaign": c.campaign_id, "issued_via": c.issued_via, "valid_from": c.valid_from.isoformat(),
             "valid_to": c.valid_to.isoformat(), "redeemed_at": c.redeemed_at.isoformat(sep=" ") if c.redeemed_at else None,
             "purchase": c.purchase_id, "discount": c.discount_cents / 100}
            for c in rows
        ])
    else:
        used = translate("cli", "used")
        ctx.out("\n".join(
            f"{c.shown_code}  {c.name}  {c.valid_from}..{c.valid_to}  " + (f"{used} {c.redeemed_at:%Y-%m-%d}" if c.redeemed_at else "")
            for c in rows
        ) or translate("cli", "No coupons."))
    return 0
