"""`shopcrm purchase add`: ring up a sale from a script."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.money import parse_money
from shopcrm.services.members.records import find_members, get_member_by_card
from shopcrm.services.sales.products import search_products
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase, void_purchase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("purchase", help=translate("cli", "record or void a purchase"))
    verbs = parser.add_subparsers(dest="purchase_command", metavar="add|void", required=True)
    add = verbs.add_parser("add", help=translate("cli", "record a purchase"))
    who = add.add_mutually_exclusive_group()
    who.add_argument("--member", type=int, help=translate("cli", "member id"))
    who.add_argument("--phone", help=translate("cli", "member phone"))
    who.add_argument("--card", help=translate("cli", "member card no."))
    add.add_argument("--amount", help=translate("cli", "total paid (omit when giving --item)"))
    add.add_argument("--item", action="append", default=[], metavar="PRODUCT[xQTY]", help=translate("cli", "a product by name, e.g. 菠萝包x2"))
    add.add_argument("--discount", default="0")
    add.add_argument("--payment", choices=["cash", "wechat", "alipay", "card", "stored_value", "other"])
    add.add_argument("--channel", choices=["store", "delivery", "online"], default="store")
    add.add_argument("--at", help="YYYY-MM-DD HH:MM")
    add.add_argument("--coupon", metavar="CODE", help=translate("cli", "a coupon code to redeem on this sale"))
    add.add_argument("--redeem-points", type=int, default=0, metavar="N", help=translate("cli", "points to take as money off"))
    add.add_argument(
        "--stored-value", metavar="AMOUNT",
        help=translate("cli", "part of the total paid from the member's stored value (--payment stored_value: all of it)"),
    )
    add.add_argument(
        "--ref",
        help=translate("cli", "a reference of your own for this sale: sending the same one again records nothing twice"),
    )
    add_json_flag(add)
    add.set_defaults(handler=run_add)
    void = verbs.add_parser("void", help=translate("cli", "void a purchase"))
    void.add_argument("purchase_id", type=int)
    add_json_flag(void)
    void.set_defaults(handler=run_void)


def member_id_of(args: argparse.Namespace, ctx: CommandContext) -> int | None:
    """The member named by --member, --card or --phone (a full number or its last 4 digits)."""
    if args.member is not None:
        return int(args.member)
    if args.card:
        return get_member_by_card(ctx.db(), args.card).id
    if args.phone:
        found = find_members(ctx.db(), args.phone, limit=2)
        if len(found) != 1:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "No single member matches {query}."), "phone", query=args.phone)
        return found[0].id
    return None


def line_input(ctx: CommandContext, spec: str) -> LineInput:
    name, qty = spec, "1"
    for sep in ("x", "×", "*"):
        head, found, tail = spec.rpartition(sep)
        if found and head and tail.strip().replace(".", "", 1).isdigit():
            name, qty = head, tail
            break
    matches = search_products(ctx.db(), name.strip(), limit=50)
    exact = [p for p in matches if p.name == name.strip()]
    chosen = exact or (matches if len(matches) == 1 else [])
    if not chosen:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "No single product matches {query}."), "item", query=name)
    return LineInput(product_id=chosen[0].id, quantity=qty)


def sale_lines(args: argparse.Namespace, ctx: CommandContext) -> tuple[list[LineInput], int | None]:
    """The sale's --item lines and its --amount (cents), at least one of the two."""
    lines = [line_input(ctx, spec) for spec in args.item]
    total = parse_money(args.amount, exact=True) if args.amount is not None else None
    if total is None and not lines:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter products or an amount."), "amount")
    return lines, total


def _when(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date and time (YYYY-MM-DD HH:MM)."), "at", value=text)


def sale_ref(text: str | None) -> str | None:
    if text is None:
        return None
    ref = text.strip()
    if not ref or len(ref) > 100:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A sale reference has 1 to 100 characters."), "ref")
    return f"cli:{ref}"


def run_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    lines, total = sale_lines(args, ctx)
    result = record_purchase(
        ctx.db(),
        PurchaseInput(
            member_id=member_id_of(args, ctx),
            lines=lines,
            total_cents=total,
            discount_cents=parse_money(args.discount, field="discount", exact=True),
            payment_method=args.payment,
            channel=args.channel,
            purchased_at=_when(args.at),
            external_ref=sale_ref(args.ref),
            coupon_code=args.coupon,
            redeem_points=args.redeem_points,
            stored_value_cents=parse_money(args.stored_value, field="stored_value", exact=True) if args.stored_value else None,
        ),
    )
    if ctx.json_output:
        data = dataclasses.asdict(result)
        data["total"] = result.total_cents / 100
        data["coupon_discount"] = result.coupon_discount_cents / 100
        data["points_discount"] = result.points_discount_cents / 100
        data["stored_value"] = result.stored_value_cents / 100
        if result.stored_value_balance_cents is not None:
            data["stored_value_balance"] = result.stored_value_balance_cents / 100
        ctx.out(data)
    else:
        ctx.out(
            translate("cli", "Purchase {id} recorded: {total:.2f}, {points} points earned.").format(
                id=result.purchase_id, total=result.total_cents / 100, points=result.points_earned
            )
        )
    return 0


def run_void(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = void_purchase(ctx.db(), args.purchase_id)
    ctx.out(dataclasses.asdict(result) if ctx.json_output else translate("cli", "Purchase {id} voided.").format(id=args.purchase_id))
    return 0
