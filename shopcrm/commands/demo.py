"""`shopcrm demo [--members N] [--months M] [--seed S] [--large] [--json]`: fill a demo shop."""

from __future__ import annotations

import argparse
import sys

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.demo.shop import DEFAULT_MEMBERS, DEFAULT_MONTHS, LARGE_MEMBERS, generate_demo
from shopcrm.i18n import translate
from shopcrm.money import format_cents


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("demo", help=translate("cli", "fill an empty database with a demo bakery"))
    parser.add_argument("--members", type=int, metavar="N",
                        help=translate("cli", "number of members (default 2000; 50000 with --large)"))
    parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, metavar="M",
                        help=translate("cli", "months of sales history ending today (default 24)"))
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help=translate("cli", "random seed: the same seed gives the same shop (default 1)"))
    parser.add_argument("--large", action="store_true",
                        help=translate("cli", "benchmark size: 50,000 members and about a million purchases"))
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    members = args.members if args.members is not None else (LARGE_MEMBERS if args.large else DEFAULT_MEMBERS)
    show = sys.stderr.isatty() and not ctx.json_output
    last = [-1]

    def progress(fraction: float, _total: float, message: str) -> None:
        percent = int(fraction * 100)
        if show and percent != last[0]:
            last[0] = percent
            sys.stderr.write(f"\r{percent:3d}%  {message:<40}")
            sys.stderr.flush()

    try:
        summary = generate_demo(ctx.db(), members=members, months=args.months, seed=args.seed, progress=progress)
    finally:
        if show and last[0] >= 0:
            sys.stderr.write("\n")
    if ctx.json_output:
        ctx.out(summary.to_dict())
        return 0
    ctx.out(
        translate(
            "cli",
            "Demo shop \"{name}\": {members} members, {purchases} purchases ({walk_ins} without a member card), "
            "revenue {revenue}, from {first} to {last}; {seconds:.1f} s.",
        ).format(
            name=summary.shop_name,
            members=f"{summary.members:,}",
            purchases=f"{summary.purchases:,}",
            walk_ins=f"{summary.walk_in_purchases:,}",
            revenue=format_cents(summary.revenue_cents),
            first=summary.first_purchase.date() if summary.first_purchase else "-",
            last=summary.last_purchase.date() if summary.last_purchase else "-",
            seconds=summary.seconds,
        )
    )
    return 0
