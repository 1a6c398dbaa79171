"""`shopcrm member add|list|find|show`."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.money import format_cents
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.members.points import points_history
from shopcrm.services.members.records import (
    MemberInput,
    MemberView,
    find_members,
    get_member,
    list_members,
    register_member,
)
from shopcrm.services.sales.purchases import member_history


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("member", help=translate("cli", "register, list, find and show members"))
    verbs = parser.add_subparsers(dest="member_command", metavar="add|list|find|show", required=True)

    add = verbs.add_parser("add", help=translate("cli", "register a member"))
    add.add_argument("--phone", required=True)
    add.add_argument("--name")
    add.add_argument("--gender", help="F/M/女/男")
    add.add_argument("--birthday", help="YYYY-MM-DD or MM-DD")
    add.add_argument("--source")
    add.add_argument("--area")
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--notes")
    add.add_argument("--card-no")
    add.add_argument("--consent", action="store_true", help=translate("cli", "the member agrees to marketing"))
    add_json_flag(add)
    add.set_defaults(handler=run_add)

    lst = verbs.add_parser("list", help=translate("cli", "list members"))
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--offset", type=int, default=0)
    lst.add_argument("--status", choices=["active", "archived", "erased", "all"], default="active")
    add_json_flag(lst)
    lst.set_defaults(handler=run_list)

    find = verbs.add_parser("find", help=translate("cli", "find by phone, last 4 digits, name or card no."))
    find.add_argument("query")
    find.add_argument("--limit", type=int, default=20)
    add_json_flag(find)
    find.set_defaults(handler=run_find)

    show = verbs.add_parser("show", help=translate("cli", "one member with history, points and classes"))
    show.add_argument("member_id", type=int)
    add_json_flag(show)
    show.set_defaults(handler=run_show)


def member_json(view: MemberView) -> dict[str, Any]:
    data = dataclasses.asdict(view)
    data["total_spend"] = view.total_spend_cents / 100
    return data


def _line(v: MemberView) -> str:
    return "\t".join(
        [v.card_no, v.name or "", v.phone_display, v.level_name, str(v.points_balance), format_cents(v.total_spend_cents)]
    )


def run_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    view = register_member(
        ctx.db(),
        MemberInput(
            phone=args.phone,
            name=args.name,
            gender=args.gender,
            birthday=args.birthday,
            source=args.source,
            area=args.area,
            tags=args.tag,
            notes=args.notes,
            consent=args.consent,
            card_no=args.card_no,
        ),
    )
    ctx.out(member_json(view) if ctx.json_output else translate("cli", "Registered member {card} (id {id}).").format(card=view.card_no, id=view.id))
    return 0


def _check_limit(limit: int) -> None:
    if limit < 1 or limit > 10_000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "--limit must be between 1 and 10000."), "limit")


def run_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    _check_limit(args.limit)
    views = list_members(ctx.db(), status=None if args.status == "all" else args.status, limit=args.limit, offset=max(0, args.offset))
    ctx.out([member_json(v) for v in views] if ctx.json_output else "\n".join(_line(v) for v in views))
    return 0


def run_find(args: argparse.Namespace, ctx: CommandContext) -> int:
    _check_limit(args.limit)
    views = find_members(ctx.db(), args.query, limit=args.limit, include_archived=True)
    if ctx.json_output:
        ctx.out([member_json(v) for v in views])
    elif views:
        ctx.out("\n".join(_line(v) for v in views))
    else:
        ctx.out(translate("cli", "No member found."))
    return 0


def member_details(ctx: CommandContext, member_id: int) -> dict[str, Any]:
    """Everything `member show` prints, as one dict (the classification adds classes and reasons)."""
    db = ctx.db()
    view = get_member(db, member_id)
    data = member_json(view)
    data["purchases"] = [
        {
            "id": p.id,
            "purchased_at": p.purchased_at.isoformat(sep=" "),
            "total": p.total_cents / 100,
            "voided": p.voided,
            "lines": [{"product": li.product_name, "quantity": str(li.quantity), "amount": li.amount_cents / 100} for li in p.lines],
        }
        for p in member_history(db, member_id, limit=20)
    ]
    data["classification"] = member_classes(db, member_id)
    data["points"] = [
        {"at": e.at.isoformat(sep=" "), "kind": e.kind, "points": e.points, "note": e.note} for e in points_history(db, member_id, limit=20)
    ]
    return data


def run_show(args: argparse.Namespace, ctx: CommandContext) -> int:
    data = member_details(ctx, args.member_id)
    if ctx.json_output:
        ctx.out(data)
        return 0
    lines = [
        f"{data['card_no']}  {data['name'] or ''}  {data['phone_display']}",
        translate("cli", "Level: {level}  Points: {points}  Spend: {spend}").format(
            level=data["level_name"], points=data["points_balance"], spend=format_cents(data["total_spend_cents"])
        ),
    ]
    classification = data.get("classification") or {}
    for key, reason in (classification.get("reasons") or {}).items():
        lines.append(f"  {key}: {classification.get('classes', {}).get(key, '')} ({reason})")
    for p in data["purchases"]:
        lines.append(f"  {p['purchased_at']}  {p['total']:.2f}" + ("  (void)" if p["voided"] else ""))
    ctx.out("\n".join(lines))
    return 0
