"""CLI verbs, one module each.  Adding a verb: write a module with register() and run(), list it here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shopcrm.services.shop.database import Database, open_shop_database

COMMAND_MODULES: list[str] = [
    "stats",
    "demo",
    "member",
    "purchase",
    "product",
    "topup",
    "coupon",
    "takings",
    "backup",
    "selftest",
    "privacy",
    "import_",
    "undo_import",
    "export",
    "print_",
    "messages",
    "classify",
    "clv",
]


@dataclass
class CommandContext:
    """What a verb gets besides its arguments: the database it should use and how to print."""

    db_target: str | None
    json_output: bool = False
    _db: Database | None = field(default=None, init=False, repr=False)
    opener: Callable[[str | None], Database] | None = None

    def db(self) -> Database:
        if self._db is None:
            if self.opener is not None:
                self._db = self.opener(self.db_target)
            else:
                self._db = open_shop_database(self.db_target)
        return self._db

    def out(self, obj: Any) -> None:
        """JSON when --json was given (or obj is not text), else the text as is."""
        if self.json_output or not isinstance(obj, str):
            sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            sys.stdout.write(obj + ("\n" if not obj.endswith("\n") else ""))

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
