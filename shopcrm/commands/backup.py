"""`shopcrm backup [DEST]` and `shopcrm restore FILE`."""

from __future__ import annotations

import argparse

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.privacy import add_password_option, owner_password
from shopcrm.i18n import translate
from shopcrm.services.shop.backups import backup_now, restore_backup


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help=translate("cli", "copy the database to DEST or the backup folder"))
    backup.add_argument("dest", nargs="?")
    add_json_flag(backup)
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser("restore", help=translate("cli", "replace the database with a backup (the current one is backed up first)"))
    restore.add_argument("file")
    restore.add_argument(
        "--other-shop", metavar="NAME",
        help=translate("cli", "the backup is of another shop: confirm by naming that shop (its data replaces this shop's)"),
    )
    add_password_option(restore)
    add_json_flag(restore)
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    path = backup_now(ctx.db(), args.dest)
    ctx.out({"backup": str(path)} if ctx.json_output else translate("cli", "Backup written to {path}").format(path=path))
    return 0


def run_restore(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    safety = restore_backup(db, args.file, password=owner_password(args, db), other_shop=args.other_shop)
    ctx.out(
        {"restored": args.file, "previous_saved_as": str(safety)}
        if ctx.json_output
        else translate("cli", "Restored {file}; the previous database was saved as {path}").format(file=args.file, path=safety)
    )
    return 0
