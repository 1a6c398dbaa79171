"""`shopcrm classify [--as-of DATE | --if-due] [--json]`: recompute every classification and store a snapshot.

`--if-due` is the daily check (a scheduled task, or after imports, undos and restores on the command
line, which leave the reclassifying to it or to the next start of the window): a full run only when
the newest snapshot no longer describes the shop, else just the cards of members with new sales.
"""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.labels import class_label, classification_title
from shopcrm.services.classification.freshness import freshness
from shopcrm.services.classification.incremental import update_cards
from shopcrm.services.classification.run import classify, parse_as_of


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("classify", help=translate("cli", "recompute every classification and store a snapshot"))
    parser.add_argument("--as-of", metavar="DATE", help=translate("cli", "classify as of this day (YYYY-MM-DD, default today)"))
    parser.add_argument("--if-due", action="store_true", help=translate(
        "cli", "only when the classes are out of date (another day, changed rules, an import or undo); else update the cards of new sales"))
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def _clv_line(clv: dict[str, Any]) -> str:
    fit = clv.get("paretonbd")
    if not fit:
        return translate("cli", "Lifetime value: each member's own visit rate ({reason})").format(reason=clv.get("reason") or "")
    return translate("cli", "Lifetime value: Pareto/NBD r={r:.3f} alpha={alpha:.3f} s={s:.3f} beta={beta:.3f} on {customers} customers").format(**fit)


def _if_due(args: argparse.Namespace, ctx: CommandContext) -> int | None:
    """The daily check; None when a full run is due (the caller runs it)."""
    if args.as_of:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "--if-due classifies as of today; leave out --as-of."), "as_of")
    db = ctx.db()
    if freshness(db).due:
        return None
    update = update_cards(db)
    if update.full_run_due is not None:
        return None
    state = freshness(db)
    if ctx.json_output:
        ctx.out({"full_run": False, "snapshot": state.snapshot_id, "cards": list(update.members)})
        return 0
    ctx.out(translate("cli", "The classes are current (snapshot {id} of {when}); {n} cards brought up to date.").format(
        id=state.snapshot_id, when=state.created_at.strftime("%Y-%m-%d %H:%M") if state.created_at else "", n=len(update.members)))
    return 0


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.if_due:
        done = _if_due(args, ctx)
        if done is not None:
            return done
    summary = classify(ctx.db(), parse_as_of(args.as_of))
    if ctx.json_output:
        ctx.out(summary)
        return 0
    lines = [
        translate("cli", "Snapshot {id} as of {date}: {members} members").format(
            id=summary["snapshot"], date=summary["as_of"], members=summary["members"]
        )
    ]
    # names, not codes: the RFM segment and the lifecycle stage share the code at_risk (SPEC §10)
    for name, counts in summary["counts"].items():
        lines.append(f"  {classification_title(name)}: " + ", ".join(
            f"{class_label(name, cls) if name != 'level' else translate('levels', cls)} {n}" for cls, n in counts.items()))
    lines.append(_clv_line(summary["clv"]))
    lines.append(translate("cli", "Took {seconds:.1f} s").format(seconds=summary["seconds"].get("total", 0.0)))
    ctx.out("\n".join(lines))
    return 0
