"""`shopcrm topup`: put money on a member's stored value (储值), or refund an unspent top-up."""

from __future__ import annotations

import argparse
import dataclasses

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.privacy import add_password_option, owner_password
from shopcrm.commands.purchase import member_id_of, sale_ref
from shopcrm.commands.takings import add_pdf_options, parse_day, write_pdf
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.money import parse_money
from shopcrm.services.sales.slips import statement_slip
from shopcrm.services.sales.stored_value import (
    TOPUP_METHODS,
    TopupResult,
    adjust_stored_value,
    refund_topup,
    statement,
    topup,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("topup", help=translate("cli", "top up a member's stored value (bonus rules apply)"))
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--member", type=int, help=translate("cli", "member id"))
    who.add_argument("--phone", help=translate("cli", "member phone"))
    who.add_argument("--card", help=translate("cli", "member card no."))
    parser.add_argument("--amount", help=translate("cli", "the money paid in"))
    parser.add_argument("--pay", choices=TOPUP_METHODS, default="cash", help=translate("cli", "how it was paid"))
    parser.add_argument(
        "--refund", type=int, metavar="TOPUP_ID",
        help=translate("cli", "give back an unspent top-up (all of it, or --amount); needs the owner password"),
    )
    parser.add_argument(
        "--ref",
        help=translate("cli", "a reference of your own for this sale: sending the same one again records nothing twice"),
    )
    parser.add_argument("--adjust", metavar="AMOUNT",
                        help=translate("cli", "correct the member's balance by this amount (+ or -); needs --reason and the owner password"))
    parser.add_argument("--reason", help=translate("cli", "why the balance is adjusted"))
    parser.add_argument("--statement", action="store_true",
                        help=translate("cli", "show the member's stored-value statement instead (--pdf to print it)"))
    parser.add_argument("--since", help="YYYY-MM-DD")
    add_pdf_options(parser)
    add_password_option(parser)
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def _out(ctx: CommandContext, result: TopupResult, text: str) -> None:
    if ctx.json_output:
        data = dataclasses.asdict(result)
        data["balance"] = {
            "paid": result.balance.principal_cents / 100, "bonus": result.balance.bonus_cents / 100,
            "total": result.balance.total_cents / 100,
        }
        data["amount"], data["bonus"] = result.paid_cents / 100, result.bonus_cents / 100
        ctx.out(data)
    else:
        ctx.out(text)


def _statement(args: argparse.Namespace, ctx: CommandContext, member_id: int) -> int:
    since = parse_day(args.since)
    if args.pdf:
        write_pdf(args, ctx, [statement_slip(ctx.db(), member_id, since)])
    st = statement(ctx.db(), member_id, since)
    if ctx.json_output:
        ctx.out({
            "member": st.member_id, "card": st.card_no, "opening": st.opening_cents / 100,
            "balance": st.closing.total_cents / 100, "bonus": st.closing.bonus_cents / 100,
            "lines": [{"id": e.id, "at": e.at.isoformat(sep=" "), "kind": e.kind, "amount": (e.principal_cents + e.bonus_cents) / 100,
                       "bonus": e.bonus_cents / 100, "balance": e.balance_cents / 100, "pay": e.pay_method,
                       "purchase": e.purchase_id} for e in st.lines],
        })
    elif not args.pdf:
        ctx.out("\n".join(f"{e.at:%Y-%m-%d %H:%M}  #{e.id}  {e.kind:<7} {(e.principal_cents + e.bonus_cents) / 100:>10.2f}"
                          f"  {e.balance_cents / 100:>10.2f}" for e in st.lines) or translate("cli", "No movements."))
    return 0


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    amount = parse_money(args.amount, exact=True) if args.amount is not None else None
    if amount is not None and amount <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount must be more than 0."), "amount")
    if args.refund is not None:
        result = refund_topup(db, args.refund, amount, owner_password=owner_password(args, db))
        _out(ctx, result, translate("cli", "Refunded {amount:.2f} of top-up {id}; balance {balance:.2f}.").format(
            amount=-result.paid_cents / 100, id=args.refund, balance=result.balance.total_cents / 100))
        return 0
    member_id = member_id_of(args, ctx)
    if member_id is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Name the member: --phone, --card or --member."), "member")
    if args.statement:
        return _statement(args, ctx, member_id)
    if args.adjust is not None:
        delta = parse_money(args.adjust, field="amount", exact=True, allow_negative=True)
        balance = adjust_stored_value(db, member_id, delta, args.reason or "", owner_password=owner_password(args, db))
        ctx.out({"balance": balance.total_cents / 100, "bonus": balance.bonus_cents / 100} if ctx.json_output else
                translate("cli", "Balance adjusted; now {balance:.2f}.").format(balance=balance.total_cents / 100))
        return 0
    if amount is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An amount is required."), "amount")
    ref = sale_ref(args.ref)
    result = topup(db, member_id, amount, args.pay, external_ref=ref.replace("cli:", "cli-topup:", 1) if ref else None)
    _out(ctx, result, translate("cli", "Topped up {amount:.2f} (+{bonus:.2f} bonus); balance {balance:.2f}.").format(
        amount=result.paid_cents / 100, bonus=result.bonus_cents / 100, balance=result.balance.total_cents / 100))
    return 0
