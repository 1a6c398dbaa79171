"""`shopcrm product list|add|edit|import`: the catalogue of SPEC §8 from a script."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from typing import Any

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.import_ import read_mapping
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.money import format_cents
from shopcrm.services.sales.catalogue import (
    edit_product,
    find_product,
    list_catalogue,
    mark_reviewed,
)
from shopcrm.services.sales.price_list_import import PriceListResult, import_price_list
from shopcrm.services.sales.product_rules import parse_launch_date, parse_price
from shopcrm.services.sales.products import ProductView, add_product


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("product", help=translate("cli", "the catalogue: list, add, edit and import products"))
    verbs = parser.add_subparsers(dest="product_command", metavar="list|add|edit|import", required=True)

    lst = verbs.add_parser("list", help=translate("cli", "list products"))
    lst.add_argument("--category", help=translate("cli", "only this category"))
    lst.add_argument("--status", choices=["active", "retired", "all"], default="all")
    lst.add_argument("--review", action="store_true", help=translate("cli", "only products an import created that need a look"))
    add_json_flag(lst)
    lst.set_defaults(handler=run_list)

    add = verbs.add_parser("add", help=translate("cli", "add a product"))
    add.add_argument("name")
    add.add_argument("--price", help=translate("cli", "list price, more than 0 and less than 100,000 (e.g. 12.50)"))
    add.add_argument("--code", help=translate("cli", "the shop's product code"))
    add.add_argument("--category")
    add.add_argument("--launched", metavar="YYYY-MM-DD", help=translate("cli", "launch date (what makes a product new)"))
    add_json_flag(add)
    add.set_defaults(handler=run_add)

    edit = verbs.add_parser("edit", help=translate("cli", "change a product (by id, code or name)"))
    edit.add_argument("product", metavar="ID|CODE|NAME")
    edit.add_argument("--name")
    edit.add_argument("--price", help=translate("cli", "new list price; past sales keep theirs"))
    edit.add_argument("--code", help=translate("cli", "new code (\"\" removes it)"))
    edit.add_argument("--category", help=translate("cli", "new category (\"\" removes it)"))
    edit.add_argument("--launched", metavar="YYYY-MM-DD", help=translate("cli", "launch date (\"\" removes it)"))
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--retire", action="store_true", help=translate("cli", "take it off sale"))
    state.add_argument("--activate", action="store_true", help=translate("cli", "put it on sale again"))
    edit.add_argument("--reviewed", action="store_true", help=translate("cli", "take it off the review list"))
    add_json_flag(edit)
    edit.set_defaults(handler=run_edit)

    imp = verbs.add_parser("import", help=translate("cli", "import a price list (.xlsx/.xls/.ods/.csv)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--sheet", action="append", help=translate("cli", "only this sheet (name); repeatable"))
    imp.add_argument("--dry-run", action="store_true", help=translate("cli", "check every row, write nothing"))
    imp.add_argument("--errors", metavar="OUT.xlsx", help=translate("cli", "write the rejected rows with reasons here"))
    imp.add_argument(
        "--mapping",
        metavar="FILE",
        help=translate("cli", "JSON object {\"header or column letter\": \"field\"}; remembered for this header layout"),
    )
    add_json_flag(imp)
    imp.set_defaults(handler=run_import)


def product_json(p: ProductView) -> dict[str, Any]:
    data = dataclasses.asdict(p)
    data["price"] = None if p.price_cents is None else p.price_cents / 100
    return data


def _line(p: ProductView) -> str:
    flags = []
    if not p.active:
        flags.append(translate("cli", "retired"))
    if p.needs_review:
        flags.append(translate("cli", "to review"))
    launched = p.launched_on.isoformat() if p.launched_on else "-"
    price = format_cents(p.price_cents) if p.price_cents is not None else "-"
    return "\t".join([str(p.id), p.code or "-", p.name, p.category or "-", price, launched, ", ".join(flags)])


def run_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    active = {"active": True, "retired": False, "all": None}[args.status]
    found = list_catalogue(ctx.db(), category=args.category, active=active, needs_review=True if args.review else None)
    if ctx.json_output:
        ctx.out([product_json(p) for p in found])
    elif not found:
        ctx.out(translate("cli", "No products."))
    else:
        ctx.out("\n".join(_line(p) for p in found))
    return 0


def _date(text: str | None) -> dt.date | None:
    return parse_launch_date(text) if text else None


def _price(text: str) -> int:
    """--price given must be a price (a sheet's '-' or 'N/A' means empty, a typed one does not)."""
    price = parse_price(text)
    if price is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount."), "price", value=text[:40])
    return price


def run_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    view = add_product(
        ctx.db(), args.name, category=args.category, price_cents=_price(args.price) if args.price is not None else None,
        launched_on=_date(args.launched), code=args.code,
    )
    ctx.out(product_json(view) if ctx.json_output else translate("cli", "Product {id} added: {name}.").format(id=view.id, name=view.name))
    return 0


def run_edit(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    target = find_product(db, args.product)
    changes: dict[str, Any] = {}
    if args.name is not None:
        changes["name"] = args.name
    if args.price is not None:
        changes["price_cents"] = _price(args.price)
    if args.code is not None:
        changes["code"] = args.code
    if args.category is not None:
        changes["category"] = args.category
    if args.launched is not None:
        changes["launched_on"] = _date(args.launched)
    if args.retire or args.activate:
        changes["active"] = bool(args.activate)
    if not changes and not args.reviewed:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Nothing to change: give --price, --name or another option."), "product")
    if changes:
        view = edit_product(db, target.id, **changes)  # a change by the owner is a review too
    else:
        mark_reviewed(db, [target.id])
        view = find_product(db, str(target.id))
    ctx.out(product_json(view) if ctx.json_output else translate("cli", "Product {id} saved: {name}.").format(id=view.id, name=view.name))
    return 0


def text_summary(result: PriceListResult) -> str:
    lines = []
    if result.dry_run:
        lines.append(translate("cli", "Dry run: nothing was written."))
    for sheet, columns in result.columns.items():
        mapping = ", ".join(f"{header} → {label}" for label, header in columns.items())
        lines.append(translate("cli", "Sheet {sheet}: {columns}").format(sheet=sheet, columns=mapping))
    lines.append(
        translate("cli", "Rows: {rows}; new products: {created}; changed: {updated}; unchanged: {unchanged}; rejected: {rejected}.").format(
            rows=len(result.rows), created=result.count("new"), updated=result.count("changed"),
            unchanged=result.count("unchanged"), rejected=result.count("rejected"))
    )
    if result.count("new"):
        lines.append(translate("cli", "New products are on the review list: shopcrm product list --review"))
    lines.extend(result.notes)
    for r in result.rows:
        if r.action == "rejected":
            lines.append(translate("cli", "Row {row}: {reason}").format(row=r.row_number, reason=r.reason))
    if result.errors_file is not None:
        lines.append(translate("cli", "Rejected rows with reasons: {path}").format(path=result.errors_file))
    return "\n".join(lines)


def run_import(args: argparse.Namespace, ctx: CommandContext) -> int:
    mapping = read_mapping(args.mapping) if args.mapping else None
    result = import_price_list(ctx.db(), args.file, dry_run=args.dry_run, sheets=args.sheet, errors_path=args.errors,
                               mapping=mapping)
    ctx.out(result.summary() if ctx.json_output else text_summary(result))
    if result.rows and result.count("rejected") == len(result.rows):
        sys.stderr.write("shopcrm: " + translate("cli", "no row could be imported; see the reasons with --errors OUT.xlsx") + "\n")
        return 1
    return 0
