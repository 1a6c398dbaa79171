"""`shopcrm selftest [--output DIR]`: check that this installed or built copy of ShopCRM works."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopcrm.commands import CommandContext
from shopcrm.i18n import translate
from shopcrm.selftest import run_selftest


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "selftest",
        help=translate("cli", "check this copy of ShopCRM on a temporary demo shop (window offscreen, chart, PDF)"),
    )
    parser.add_argument("--output", metavar="DIR", type=Path,
                        help=translate("cli", "keep the screenshot, chart and PDF the test makes in DIR"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    return run_selftest(output=args.output)
