"""`shopcrm undo-import BATCH_ID [--json]`: remove everything an import batch added."""

from __future__ import annotations

import argparse

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.i18n import translate
from shopcrm.services.importing.undo import undo_import


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("undo-import", help=translate("cli", "undo an import batch (its purchases, points and new members)"))
    parser.add_argument("batch_id", metavar="BATCH_ID", type=int)
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = undo_import(ctx.db(), args.batch_id)
    if ctx.json_output:
        ctx.out(result.summary())
    else:
        ctx.out(
            translate(
                "cli", "Import batch {batch} undone: {purchases} purchases and {members} members removed, {restored} members restored."
            ).format(
                batch=result.batch,
                purchases=result.purchases_removed,
                members=result.members_removed,
                restored=result.members_restored,
            )
        )
        if result.feedback_removed:
            ctx.out(translate("cli", "Feedback removed: {n}.").format(n=result.feedback_removed))
    return 0
