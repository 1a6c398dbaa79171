"""`shopcrm import sales|members|ratings FILE [--sheet S] [--dry-run] [--errors OUT.xlsx] [--mapping FILE] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.jobs import CancelToken
from shopcrm.services.importing.options import ImportOptions, ImportResult
from shopcrm.services.importing.run import import_file


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import", help=translate("cli", "import past sales, a member list or member ratings from a spreadsheet"))
    kinds = parser.add_subparsers(dest="import_kind", metavar="sales|members|ratings", required=True)
    for kind, help_text in (
        ("sales", translate("cli", "sales from .xlsx/.xls/.ods/.csv (one row per sale or per receipt line)")),
        ("members", translate("cli", "a member list from .xlsx/.xls/.ods/.csv")),
        ("ratings", translate("cli", "member feedback (phone or card no., date, ratings 1-5, product, comment)")),
    ):
        p = kinds.add_parser(kind, help=help_text)
        p.add_argument("file", metavar="FILE")
        p.add_argument("--sheet", action="append", help=translate("cli", "only this sheet (name or number); repeatable"))
        p.add_argument("--dry-run", action="store_true", help=translate("cli", "check every row, write nothing"))
        p.add_argument("--errors", metavar="OUT.xlsx", help=translate("cli", "write the rejected rows with reasons here"))
        p.add_argument(
            "--mapping",
            metavar="FILE",
            help=translate("cli", "JSON object {\"header or column letter\": \"field\"}; remembered for this header layout"),
        )
        p.add_argument(
            "--date-order",
            choices=["dmy", "mdy", "ymd"],
            help=translate("cli", "order of day, month and year in text dates like 03/04/25, when the file leaves it open"),
        )
        if kind == "members":
            p.add_argument("--overwrite", action="store_true", help=translate("cli", "replace filled-in fields of known members"))
        add_json_flag(p)
        p.set_defaults(handler=run)


def read_mapping(path: str) -> dict[str, str | None]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cannot read {path}: {reason}"), "mapping", path=path, reason=exc.strerror or str(exc)) from exc
    except ValueError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{path} is not valid JSON: {reason}"), "mapping", path=path, reason=str(exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "{path} must hold a JSON object of column names to field names."), "mapping", path=path
        )
    return data


class _ProgressBar:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._last = 0.0

    def __call__(self, done: float, total: float, phase: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if phase != "done" and now - self._last < 0.1:
            return
        self._last = now
        label = {
            "reading": translate("cli", "reading"),
            "checking": translate("cli", "checking"),
            "writing": translate("cli", "writing"),
            "done": translate("cli", "done"),
        }.get(phase, phase)
        if total:
            share = min(1.0, done / total)
            filled = int(share * 30)
            line = f"\r{label:>10} [{'#' * filled}{'.' * (30 - filled)}] {int(done):>9,}/{int(total):,}"
        else:
            line = f"\r{label:>10} {int(done):>9,}"
        sys.stderr.write(line.ljust(70))
        if phase == "done":
            sys.stderr.write("\r" + " " * 70 + "\r")
        sys.stderr.flush()


def text_summary(result: ImportResult, dry_run: bool) -> str:
    lines = []
    if dry_run:
        lines.append(translate("cli", "Dry run: nothing was written."))
    elif result.nothing_imported():
        lines.append(translate("cli", "No row could be imported: nothing was written."))
    elif result.batch is not None:
        lines.append(translate("cli", "Import batch {batch} ({file}).").format(batch=result.batch, file=result.file_name))
    lines.append(
        translate("cli", "Rows: {rows}; imported: {imported}; already there: {duplicates}; rejected: {rejected}.").format(
            rows=result.rows, imported=result.imported, duplicates=result.duplicates, rejected=result.rejected
        )
    )
    if result.kind == "sales":
        lines.append(
            translate("cli", "Purchases: {purchases}; new members: {members}.").format(
                purchases=result.purchases, members=result.members_created
            )
        )
    elif result.kind == "members":
        lines.append(
            translate("cli", "New members: {created}; members completed: {updated}.").format(
                created=result.members_created, updated=result.members_updated
            )
        )
    if result.skipped:
        lines.append(translate("cli", "Left out {n} total, blank or repeated header rows.").format(n=result.skipped))
    if result.earlier_batches:
        lines.append(
            translate("cli", "This same file was imported before (batch {batches}).").format(
                batches=", ".join(str(b) for b in result.earlier_batches)
            )
        )
    lines.extend(result.notes)
    if result.errors_file is not None:
        lines.append(translate("cli", "Rejected rows with reasons: {path}").format(path=result.errors_file))
    elif result.rejected:
        lines.append(translate("cli", "Use --errors OUT.xlsx to get the rejected rows with reasons."))
    return "\n".join(lines)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    options = ImportOptions(
        sheets=args.sheet,
        header_mapping=read_mapping(args.mapping) if args.mapping else None,
        dry_run=args.dry_run,
        overwrite=bool(getattr(args, "overwrite", False)),
        errors_path=Path(args.errors) if args.errors else None,
        date_orders={"*": args.date_order} if args.date_order else None,
        progress=_ProgressBar(),
        cancel=CancelToken(),
    )
    result = import_file(db, args.file, args.import_kind, options)
    if ctx.json_output:
        ctx.out(result.summary())
    else:
        ctx.out(text_summary(result, args.dry_run))
    if result.nothing_imported():
        sys.stderr.write("shopcrm: " + translate("cli", "no row could be imported; see the reasons with --errors OUT.xlsx") + "\n")
        return 1
    return 0


