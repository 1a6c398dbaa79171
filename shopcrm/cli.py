"""The command line of SPEC §7.  No command: the GUI.  Exit 0 on success, 1 with one line on bad input."""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from shopcrm import __version__
from shopcrm.commands import COMMAND_MODULES, CommandContext
from shopcrm.errors import ShopError
from shopcrm.gui.launch import launch_gui
from shopcrm.i18n import set_language, system_language, translate
from shopcrm.paths import data_dir


def _database_int(text: str) -> int:
    """`type=int` on every verb: ids and counts beyond 64 bits are a one-line error, not an
    OverflowError from the database driver (found by tests/reliability/test_fuzz_cli.py)."""
    value = int(text)
    if not -(2**63) <= value < 2**63:
        raise argparse.ArgumentTypeError(translate("cli", "{value} is too large").format(value=text[:40]))
    return value


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line and exit code 1 (SPEC §7), not usage and 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.register("type", int, _database_int)

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"shopcrm: {message}\n")
        sys.exit(1)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shopcrm", description=translate("cli", "ShopCRM: members, sales and promotions for one shop."))
    parser.add_argument("--version", action="version", version=f"ShopCRM {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help=translate("cli", "database file or URL (default: SHOPCRM_DATABASE_URL or the per-user data folder)"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=translate("cli", "language of messages"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"shopcrm.commands.{name}")
        module.register(sub)
    return parser


class _NotWindowOnly(Exception):
    """The command line is more than --db/--lang: the full parser reads it."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotWindowOnly(message)


def window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """--db and --lang when the command line names no command (the window starts), else None.
    For start-up speed: the full parser imports every command's module (numpy, scipy, openpyxl),
    which the window does not need; a command, --help, --version or a mistake goes to it."""
    parser = _WindowParser(prog="shopcrm", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--lang", choices=["zh_CN", "en"])
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotWindowOnly:
        return None
    return None if rest else args


def run_cli(argv: Sequence[str]) -> int:
    window = window_only(argv)
    if window is not None:
        if window.lang:
            set_language(window.lang)
        return launch_gui(db_target=window.db)
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help, --version, or a usage error already reported in one line
        return exc.code if isinstance(exc.code, int) else 1
    if args.lang:
        set_language(args.lang)
    if not getattr(args, "handler", None):
        if args.command is None:
            return launch_gui(db_target=args.db)
        parser.print_help()
        return 1
    ctx = CommandContext(db_target=args.db, json_output=bool(getattr(args, "json", False)))
    try:
        return int(args.handler(args, ctx) or 0)
    except ShopError as exc:
        line = exc.message()
        if exc.cli_hint:
            line += " " + translate("cli", exc.cli_hint)
        sys.stderr.write(f"shopcrm: {line}\n")
        return 1
    except (SQLAlchemyError, sqlite3.DatabaseError) as exc:
        # A damaged or foreign database: one clear line, never a traceback (nothing was written).
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        sys.stderr.write("shopcrm: " + translate("cli", "The database could not be read or written: {reason}").format(reason=detail) + "\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("shopcrm: " + translate("cli", "cancelled") + "\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug must still end in one line, never a traceback on the terminal
        log = _log_crash(argv, exc)
        where = translate("cli", "details in {path}").format(path=log) if log else translate("cli", "no log could be written")
        sys.stderr.write(
            "shopcrm: " + translate("cli", "unexpected error ({error}); the command stopped; {where}").format(
                error=type(exc).__name__, where=where
            ) + "\n"
        )
        return 1
    finally:
        ctx.close()


def _log_crash(argv: Sequence[str], exc: BaseException) -> Path | None:
    """Append the traceback of an unexpected error to errors.log in the data folder; its path, or None."""
    import datetime as dt
    import traceback

    try:
        path = data_dir() / "logs" / "errors.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} shopcrm {__version__}: {' '.join(argv[:1])}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def gui_main() -> int:
    return launch_gui(db_target=None)


def main(argv: Sequence[str] | None = None) -> int:
    set_language(os.environ.get("SHOPCRM_LANG") or system_language())
    return run_cli(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
