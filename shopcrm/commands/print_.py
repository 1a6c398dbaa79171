"""`shopcrm print members OUT.pdf [filters]`: a promotion list as an A4 PDF.

The same filters as the Campaigns screen and `export members` (SPEC §7: --segment --tier --lifecycle
--level --birthday-month --tag --consent-only, plus the screen's other classes, --gender, --age-band).  Only members who
agreed to promotions are printed unless --all-members is given, and phones are masked unless
--unmasked is given; both need the owner password when one is set.  `--campaign ID` prints a saved
campaign instead of a filter.
"""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.privacy import add_password_option, owner_password
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.output_files import check_output_file
from shopcrm.services.campaigns.output import (
    PreparedList,
    level_names,
    prepare_campaign_list,
    prepare_filter_list,
    record_output,
)
from shopcrm.services.campaigns.words import parse_class_values, parse_levels
from shopcrm.services.members.filters import MemberFilter, validate_filter
from shopcrm.services.shop import audit
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.settings import load_settings

# option -> (MemberFilter field, help)
CLASS_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--segment", "segment", "RFM segment, e.g. cant_lose or \"Can't lose them\" (comma-separated for several)"),
    ("--tier", "pyramid", "customer pyramid tier: platinum, gold, iron, lead"),
    ("--lifecycle", "lifecycle", "potential, new, active, at_risk, churned, won_back"),
    ("--abcd", "abcd", "value class A, B, C or D"),
    ("--frequency", "frequency", "visit frequency: high, medium, low"),
    ("--spend", "spend_class", "spend class: high, medium, low"),
    ("--preference", "preference", "trier, classic, mixed"),
    ("--churn", "churn_level", "churn warning: none, low, medium, high"),
    ("--source", "source", "walk_in, delivery, wechat, referral, event, other"),
    ("--gender", "gender", "gender as recorded: F or M"),
    ("--age-band", "age_band", "age band: <18, 18-24, 25-34, 35-44, 45-59, 60+"),
)


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The list filters, shared by every verb that picks members for a promotion."""
    for option, _field, help_text in CLASS_OPTIONS:
        parser.add_argument(option, action="append", default=[], metavar="VALUE", help=translate("cli", help_text))
    parser.add_argument("--level", action="append", default=[], metavar="LEVEL",
                        help=translate("cli", "member level by name or number (0 = lowest)"))
    parser.add_argument("--birthday-month", type=int, metavar="1-12", help=translate("cli", "birthday in this month"))
    parser.add_argument("--birthday", choices=["week", "month"],
                        help=translate("cli", "birthday in the coming 7 days or in the current month"))
    parser.add_argument("--tag", help=translate("cli", "members with this tag"))
    parser.add_argument("--area", help=translate("cli", "members whose area contains this text"))
    parser.add_argument("--favourite-category", metavar="CATEGORY",
                        help=translate("cli", "members whose favourite category is this"))
    consent = parser.add_mutually_exclusive_group()
    consent.add_argument("--consent-only", action="store_true",
                         help=translate("cli", "only members who agreed to promotions (the default for lists)"))
    consent.add_argument("--all-members", action="store_true",
                         help=translate("cli", "also members who did not agree to promotions (owner only)"))


def filter_from_args(args: argparse.Namespace, db: Database) -> MemberFilter:
    settings = load_settings(db)
    values: dict[str, Any] = {field: parse_class_values(field, getattr(args, option[2:].replace("-", "_")))
                              for option, field, _help in CLASS_OPTIONS}
    levels = parse_levels(args.level, level_names(settings), [lvl.name for lvl in settings.levels]) if args.level else ()
    flt = MemberFilter(
        **values, level=levels, birthday=args.birthday, birthday_month=args.birthday_month, tag=args.tag,
        area=args.area, favourite_category=args.favourite_category, consent_only=not args.all_members,
    )
    validate_filter(flt)  # a typo is refused with the choices in the message
    return flt


def _columns(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    return [c.strip() for c in raw.split(",") if c.strip()]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("print", help=translate("cli", "print a member list for a promotion to PDF"))
    kinds = parser.add_subparsers(dest="print_kind", metavar="members", required=True)
    members = kinds.add_parser("members", help=translate("cli", "members chosen by the filters, as an A4 PDF"))
    members.add_argument("out", metavar="OUT.pdf")
    add_filter_arguments(members)
    members.add_argument("--campaign", type=int, metavar="ID", help=translate("cli", "print this saved campaign instead"))
    members.add_argument("--title", help=translate("cli", "the list's title on the page"))
    members.add_argument("--columns", metavar="A,B,...",
                         help=translate("cli", "columns, e.g. card_no,name,phone,level,birthday,contacted"))
    members.add_argument("--unmasked", action="store_true",
                         help=translate("cli", "print phone numbers in full (owner only)"))
    add_password_option(members)
    add_json_flag(members)
    members.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    # lazy: Qt's printing loads only when something is printed, keeping start-up fast
    from shopcrm.gui.printing.app import ensure_print_application
    from shopcrm.gui.printing.output import write_pdf

    check_output_file(args.out, (".pdf",))  # before any work
    db = ctx.db()
    masked = not args.unmasked
    password = owner_password(args, db) if (args.unmasked or args.all_members) else None
    prepared: PreparedList
    if args.campaign is not None:
        if filters_given(args):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give either --campaign or filters, not both."), "campaign")
        prepared = prepare_campaign_list(db, args.campaign, columns=_columns(args.columns), masked=masked,
                                         password=password)
    else:
        prepared = prepare_filter_list(db, filter_from_args(args, db), title=args.title,
                                       columns=_columns(args.columns), masked=masked, password=password)
    ensure_print_application()
    pages = write_pdf(prepared, args.out)
    record_output(db, prepared, audit.PRINT, args.out)
    if ctx.json_output:
        ctx.out({"file": args.out, "members": prepared.member_count, "pages": pages, "masked": prepared.masked,
                 "consent_only": prepared.consent_only, "campaign": prepared.campaign_id})
    else:
        ctx.out(translate("cli", "{n} members on {pages} pages written to {path}").format(
            n=prepared.member_count, pages=pages, path=args.out))
    return 0


def filters_given(args: argparse.Namespace) -> bool:
    if any(getattr(args, option[2:].replace("-", "_")) for option, _f, _h in CLASS_OPTIONS):
        return True
    return bool(args.level or args.birthday or args.birthday_month or args.tag or args.area
                or args.favourite_category or args.all_members)
