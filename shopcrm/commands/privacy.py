"""`shopcrm privacy export-data|erase|consent`, `shopcrm password set|clear|status`, `shopcrm audit`.

Guarded verbs take the owner password from --password, --password-file or SHOPCRM_OWNER_PASSWORD;
only on an interactive terminal is it asked for, so a script never hangs on a prompt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.output_files import check_output_file
from shopcrm.services.members.privacy import (
    consent_history,
    erase_member_data,
    export_member_data,
    record_consent,
)
from shopcrm.services.shop import audit
from shopcrm.services.shop.database import Database
from shopcrm.services.shop.owner_password import clear_owner_password, has_owner_password, set_owner_password

PASSWORD_ENV = "SHOPCRM_OWNER_PASSWORD"
NEW_PASSWORD_ENV = "SHOPCRM_NEW_OWNER_PASSWORD"


def add_password_option(parser: argparse.ArgumentParser) -> None:
    """--password / --password-file for a verb the owner password guards (print --unmasked, restore ...)."""
    parser.add_argument(
        "--password",
        help=translate("cli", "the owner password, if one is set; without a terminal, rather use --password-file or "
                              "the environment variable SHOPCRM_OWNER_PASSWORD (a typed prompt is used on a terminal)"),
    )
    parser.add_argument(
        "--password-file", metavar="FILE",
        help=translate("cli", "read the owner password from the first line of FILE (- for standard input)"),
    )


def _interactive() -> bool:
    try:
        return bool(sys.stdin and sys.stdin.isatty() and sys.stderr.isatty())
    except (ValueError, OSError):
        return False


def _password_from_file(name: str) -> str:
    try:
        if name == "-":
            line = sys.stdin.readline()
        else:
            with open(name, encoding="utf-8") as fh:
                line = fh.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Cannot read the password file {path}: {reason}"), "password_file",
            path=name, reason=getattr(exc, "strerror", None) or str(exc),
        ) from exc
    return line.rstrip("\r\n")


def owner_password(args: argparse.Namespace, db: Database) -> str | None:
    """--password, else --password-file, else SHOPCRM_OWNER_PASSWORD, else a prompt on a terminal
    when a password is set (never a prompt without one, so a script never hangs)."""
    given = getattr(args, "password", None)
    if given is not None:
        return str(given)
    password_file = getattr(args, "password_file", None)
    if password_file:
        return _password_from_file(str(password_file))
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    if _interactive() and has_owner_password(db):
        return getpass.getpass(translate("cli", "Owner password: "))
    return None


def record_id(text: str) -> int:
    """A row id on the command line: a whole number the database can hold (SQLite: 64-bit)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("cli", "{value} is not a number").format(value=text[:40])) from None
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(translate("cli", "{value} is not a valid id").format(value=text[:40]))
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = sub.add_parser("privacy", help=translate("cli", "a member's personal data: export, consent, erase"))
    verbs = privacy.add_subparsers(dest="privacy_command", metavar="export-data|consent|erase", required=True)

    export = verbs.add_parser("export-data", help=translate("cli", "write everything kept about one member to a JSON file"))
    export.add_argument("member_id", type=record_id)
    export.add_argument("out", metavar="OUT.json")
    add_password_option(export)
    add_json_flag(export)
    export.set_defaults(handler=run_export)

    consent = verbs.add_parser("consent", help=translate("cli", "show or change a member's marketing consent"))
    consent.add_argument("member_id", type=record_id)
    change = consent.add_mutually_exclusive_group()
    change.add_argument("--give", action="store_true", help=translate("cli", "the member agrees to marketing"))
    change.add_argument("--withdraw", action="store_true", help=translate("cli", "the member withdraws consent"))
    add_json_flag(consent)
    consent.set_defaults(handler=run_consent)

    erase = verbs.add_parser("erase", help=translate("cli", "erase a member's personal data for good (sales stay anonymously)"))
    erase.add_argument("member_id", type=record_id)
    erase.add_argument("--yes", action="store_true", help=translate("cli", "confirm: this cannot be undone"))
    add_password_option(erase)
    add_json_flag(erase)
    erase.set_defaults(handler=run_erase)

    password = sub.add_parser("password", help=translate("cli", "set, change or remove the owner password"))
    pw_verbs = password.add_subparsers(dest="password_command", metavar="set|clear|status", required=True)
    pw_set = pw_verbs.add_parser("set", help=translate("cli", "set or change the owner password"))
    pw_set.add_argument("--new", help=translate("cli", "the new password (or set SHOPCRM_NEW_OWNER_PASSWORD)"))
    add_password_option(pw_set)
    pw_set.set_defaults(handler=run_password_set)
    pw_clear = pw_verbs.add_parser("clear", help=translate("cli", "remove the owner password"))
    add_password_option(pw_clear)
    pw_clear.set_defaults(handler=run_password_clear)
    pw_status = pw_verbs.add_parser("status", help=translate("cli", "is an owner password set?"))
    add_json_flag(pw_status)
    pw_status.set_defaults(handler=run_password_status)

    log = sub.add_parser("audit", help=translate("cli", "the audit log: exports, prints, erasures, restores"))
    log.add_argument("--action", choices=list(audit.ACTIONS))
    log.add_argument("--since", metavar="YYYY-MM-DD")
    log.add_argument("--until", metavar="YYYY-MM-DD")
    log.add_argument("--member", type=record_id, metavar="ID")
    log.add_argument("--limit", type=int, default=100)
    add_json_flag(log)
    log.set_defaults(handler=run_audit)


def run_export(args: argparse.Namespace, ctx: CommandContext) -> int:
    check_output_file(args.out, (".json",))  # before any work
    db = ctx.db()
    path = export_member_data(db, args.member_id, args.out, password=owner_password(args, db))
    ctx.out({"member_id": args.member_id, "file": str(path)} if ctx.json_output
            else translate("cli", "Personal data of member {id} written to {path}").format(id=args.member_id, path=path))
    return 0


def run_consent(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    if args.give or args.withdraw:
        history = record_consent(db, args.member_id, bool(args.give), origin="cli")
    else:
        history = consent_history(db, args.member_id)
    if ctx.json_output:
        ctx.out([{"at": e.at.isoformat(sep=" "), "consent": e.consent, "origin": e.origin} for e in history])
    elif history:
        yes, no = translate("cli", "consents"), translate("cli", "withdrew consent")
        ctx.out("\n".join(f"{e.at:%Y-%m-%d %H:%M}\t{yes if e.consent else no}\t{e.origin}" for e in history))
    else:
        ctx.out(translate("cli", "No consent recorded."))
    return 0


def run_erase(args: argparse.Namespace, ctx: CommandContext) -> int:
    if not args.yes:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Erasing a member cannot be undone: add --yes to confirm."), "yes"
        )
    db = ctx.db()
    result = erase_member_data(db, args.member_id, password=owner_password(args, db))
    ctx.out(
        {"erased": args.member_id, "rejected_cells_blanked": result.rejected_cells_blanked, "file_compacted": result.file_compacted}
        if ctx.json_output
        else translate("cli", "Member {id} erased; their sales remain without personal data.").format(id=args.member_id)
    )
    return 0


def _new_password(args: argparse.Namespace) -> str:
    if args.new is not None:
        return str(args.new)
    env = os.environ.get(NEW_PASSWORD_ENV)
    if env:
        return env
    if _interactive():
        first = getpass.getpass(translate("cli", "New owner password: "))
        if getpass.getpass(translate("cli", "Repeat it: ")) != first:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The two passwords differ."), "password")
        return first
    raise ValidationError(
        QT_TRANSLATE_NOOP("errors", "Give the new password with --new or SHOPCRM_NEW_OWNER_PASSWORD."), "password"
    )


def run_password_set(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    current = owner_password(args, db) if has_owner_password(db) else None
    set_owner_password(db, _new_password(args), current)
    ctx.out(translate("cli", "The owner password is set."))
    return 0


def run_password_clear(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    removed = clear_owner_password(db, owner_password(args, db))
    ctx.out(translate("cli", "The owner password was removed.") if removed else translate("cli", "No owner password was set."))
    return 0


def run_password_status(args: argparse.Namespace, ctx: CommandContext) -> int:
    is_set = has_owner_password(ctx.db())
    ctx.out({"owner_password": is_set} if ctx.json_output
            else translate("cli", "An owner password is set.") if is_set else translate("cli", "No owner password is set."))
    return 0


def _date(text: str | None, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date (YYYY-MM-DD)."), field, value=text[:40]) from exc


def run_audit(args: argparse.Namespace, ctx: CommandContext) -> int:
    events = audit.list_events(
        ctx.db(), action=args.action, since=_date(args.since, "since"), until=_date(args.until, "until"),
        member_id=args.member, limit=args.limit,
    )
    if ctx.json_output:
        ctx.out([{"id": e.id, "at": e.at.isoformat(sep=" "), "action": e.action, "detail": e.detail} for e in events])
    elif events:
        ctx.out("\n".join(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.action}\t{_detail_text(e.detail)}" for e in events))
    else:
        ctx.out(translate("cli", "The audit log is empty."))
    return 0


def _detail_text(detail: dict[str, object]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(detail.items()))
