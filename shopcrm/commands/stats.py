"""`shopcrm stats [--json]`: counts and revenue of the shop."""

from __future__ import annotations

import argparse

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.i18n import translate
from shopcrm.services.reports.stats import shop_stats


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("stats", help=translate("cli", "members, purchases and revenue"))
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    stats = shop_stats(ctx.db())
    if ctx.json_output:
        ctx.out(stats)
        return 0
    lines = [
        translate("cli", "Members: {n}").format(n=stats["members"]),
        translate("cli", "Purchases: {n}").format(n=stats["purchases"]),
        translate("cli", "Revenue: {amount:.2f}").format(amount=stats["revenue"]),
        translate("cli", "First purchase: {when}").format(when=stats["first_purchase"] or "-"),
        translate("cli", "Last purchase: {when}").format(when=stats["last_purchase"] or "-"),
    ]
    ctx.out("\n".join(lines))
    return 0
