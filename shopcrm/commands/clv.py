"""`shopcrm clv fit [--until DATE] [--json]`: fit BG/NBD, Pareto/NBD and Gamma-Gamma on the history (weeks)."""

from __future__ import annotations

import argparse

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.i18n import translate
from shopcrm.services.classification.run import fit_lifetime_models, parse_as_of


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("clv", help=translate("cli", "customer lifetime value models"))
    verbs = parser.add_subparsers(dest="clv_command", metavar="fit", required=True)
    fit = verbs.add_parser("fit", help=translate("cli", "fit BG/NBD, Pareto/NBD and Gamma-Gamma on the sales history (time unit: weeks)"))
    fit.add_argument("--until", metavar="DATE", help=translate("cli", "use the history up to this day (YYYY-MM-DD, default today)"))
    add_json_flag(fit)
    fit.set_defaults(handler=run_fit)


def run_fit(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = fit_lifetime_models(ctx.db(), parse_as_of(args.until))
    if ctx.json_output:
        ctx.out(result)
        return 0
    bg = result["bgnbd"]
    lines = [
        translate("cli", "History up to {date}, time unit weeks").format(date=result["until"]),
        translate("cli", "BG/NBD: r={r:.4f} alpha={alpha:.4f} a={a:.4f} b={b:.4f} log-likelihood={loglik:.1f} ({customers} customers)").format(**bg),
    ]
    pn = result.get("paretonbd")
    if pn:
        lines.append(translate("cli", "Pareto/NBD: r={r:.4f} alpha={alpha:.4f} s={s:.4f} beta={beta:.4f} log-likelihood={loglik:.1f} ({customers} customers)").format(**pn))
    else:
        lines.append(translate("cli", "Pareto/NBD: not fitted ({reason})").format(reason=result.get("reason", "")))
    gg = result["gammagamma"]
    if gg:
        lines.append(
            translate("cli", "Gamma-Gamma: p={p:.4f} q={q:.4f} gamma={gamma:.4f} ({customers} repeat customers)").format(**gg)
        )
    else:
        lines.append(translate("cli", "Gamma-Gamma: not fitted ({reason})").format(reason=result.get("spend_reason", "")))
    ctx.out("\n".join(lines))
    return 0
