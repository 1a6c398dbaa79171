"""`shopcrm export members OUT.xlsx [filters] [--columns ...]`, `export report OUT.xlsx`, `export rejected BATCH OUT.xlsx`.

Member lists obey the GUI's rules (SPEC §7): phones masked and only members who agreed to marketing,
unless --unmasked / --all-members, which need the owner password when one is set.  The output file
and every option are checked before the database is opened."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.privacy import add_password_option, owner_password
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.output_files import check_output_file
from shopcrm.services.members.filter_options import filter_from_options
from shopcrm.services.reports.exporting import (
    MEMBER_COLUMNS,
    XLSX,
    export_members,
    export_rejected_rows,
    export_report,
    parse_columns,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("export", help=translate("cli", "export member lists, the classification report or rejected rows"))
    what = parser.add_subparsers(dest="export_kind", metavar="members|report|rejected", required=True)

    members = what.add_parser("members", help=translate("cli", "a member list as a styled .xlsx"))
    members.add_argument("out", metavar="OUT.xlsx")
    members.add_argument("--segment")
    members.add_argument("--tier", help=translate("cli", "customer pyramid tier (platinum, gold, iron, lead)"))
    members.add_argument("--lifecycle")
    members.add_argument("--level", help=translate("cli", "member level name or number"))
    members.add_argument("--birthday-month", type=int, metavar="1-12")
    members.add_argument("--tag")
    members.add_argument("--gender", metavar="F|M", help=translate("cli", "gender as recorded: F or M"))
    members.add_argument("--age-band", metavar="BAND",
                         help=translate("cli", "age band: <18, 18-24, 25-34, 35-44, 45-59, 60+"))
    consent = members.add_mutually_exclusive_group()
    consent.add_argument("--consent-only", action="store_true",
                         help=translate("cli", "only members who agreed to promotions (the default for lists)"))
    consent.add_argument("--all-members", action="store_true",
                         help=translate("cli", "also members who did not agree to promotions (owner only)"))
    members.add_argument("--status", choices=["active", "archived", "all"], default="active")
    members.add_argument(
        "--columns", help=translate("cli", "comma-separated, from: {columns}").format(columns=",".join(c.key for c in MEMBER_COLUMNS))
    )
    phones = members.add_mutually_exclusive_group()
    phones.add_argument("--mask-phones", action="store_true",
                        help=translate("cli", "write phones as 138****5678 (the default)"))
    phones.add_argument("--unmasked", action="store_true",
                        help=translate("cli", "write phone numbers in full (owner only)"))
    add_password_option(members)
    add_json_flag(members)
    members.set_defaults(handler=run_members)

    report = what.add_parser("report", help=translate("cli", "counts per class of the latest classification, with charts"))
    report.add_argument("out", metavar="OUT.xlsx")
    report.add_argument("--chart", action="append", default=[], metavar="TITLE=FILE.png", help=translate("cli", "add a chart image"))
    add_json_flag(report)
    report.set_defaults(handler=run_report)

    rejected = what.add_parser("rejected", help=translate("cli", "the rejected rows of an import batch, with reasons"))
    rejected.add_argument("batch_id", metavar="BATCH_ID", type=int)
    rejected.add_argument("out", metavar="OUT.xlsx")
    add_json_flag(rejected)
    rejected.set_defaults(handler=run_rejected)


def run_members(args: argparse.Namespace, ctx: CommandContext) -> int:
    check_output_file(args.out, XLSX)
    columns = parse_columns(args.columns)
    if args.birthday_month is not None and not 1 <= args.birthday_month <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A month goes from 1 to 12."), "birthday_month")
    db = ctx.db()
    password = owner_password(args, db) if (args.unmasked or args.all_members) else None
    flt = filter_from_options(
        db,
        segment=args.segment,
        tier=args.tier,
        lifecycle=args.lifecycle,
        level=args.level,
        birthday_month=args.birthday_month,
        tag=args.tag,
        consent_only=not args.all_members,
        status=args.status,
        gender=args.gender,
        age_band=args.age_band,
    )
    count = export_members(db, args.out, flt, columns, mask_phones=not args.unmasked, password=password)
    if ctx.json_output:
        ctx.out({"file": str(Path(args.out)), "members": count})
    else:
        ctx.out(translate("cli", "{n} members written to {path}.").format(n=count, path=args.out))
    return 0


def run_report(args: argparse.Namespace, ctx: CommandContext) -> int:
    check_output_file(args.out, XLSX)
    charts: list[tuple[str, bytes]] = []
    for item in args.chart:
        title, sep, file_name = item.partition("=")
        if not sep or not file_name:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give a chart as TITLE=FILE.png."), "chart")
        try:
            png = Path(file_name).read_bytes()
        except OSError as exc:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}"), "chart", path=file_name, reason=exc.strerror or str(exc)
            ) from exc
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):  # checked before the database is opened
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The chart \"{name}\" is not a PNG image."), "chart", name=title)
        charts.append((title, png))
    rows = export_report(ctx.db(), args.out, charts)
    if ctx.json_output:
        ctx.out({"file": str(Path(args.out)), "rows": rows, "charts": len(charts)})
    else:
        ctx.out(translate("cli", "Report written to {path}.").format(path=args.out))
    return 0


def run_rejected(args: argparse.Namespace, ctx: CommandContext) -> int:
    check_output_file(args.out, XLSX)
    count = export_rejected_rows(ctx.db(), args.batch_id, args.out)
    if ctx.json_output:
        ctx.out({"file": str(Path(args.out)), "rows": count})
    else:
        ctx.out(translate("cli", "{n} rejected rows written to {path}.").format(n=count, path=args.out))
    return 0
