"""`shopcrm classify [--as-of DATE] [--json]`: recompute every classification and store a snapshot."""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.i18n import translate
from shopcrm.labels import class_label, classification_title
from shopcrm.services.classification.run import classify, parse_as_of


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("classify", help=translate("cli", "recompute every classification and store a snapshot"))
    parser.add_argument("--as-of", metavar="DATE", help=translate("cli", "classify as of this day (YYYY-MM-DD, default today)"))
    add_json_flag(parser)
    parser.set_defaults(handler=run)


def _clv_line(clv: dict[str, Any]) -> str:
    fit = clv.get("paretonbd")
    if not fit:
        return translate("cli", "Lifetime value: each member's own visit rate ({reason})").format(reason=clv.get("reason") or "")
    return translate("cli", "Lifetime value: Pareto/NBD r={r:.3f} alpha={alpha:.3f} s={s:.3f} beta={beta:.3f} on {customers} customers").format(**fit)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
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
