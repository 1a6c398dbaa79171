"""`shopcrm messages export OUT.csv --template T [filters]`: a list's message texts for an SMS platform.

The filters are those of `print members`.  With filters the members are saved as a campaign first
(named by --name, or the template and the day), so the response to the messages can be measured;
`--campaign ID` exports a saved campaign instead.  As for printing: only members who agreed to
promotions unless --all-members, phones masked unless --unmasked, both needing the owner password
when one is set.  Every export is audited and marks the members as contacted.
`messages templates` lists the ready-made and saved templates.
"""

from __future__ import annotations

import argparse
import datetime as dt

from shopcrm.commands import CommandContext, add_json_flag
from shopcrm.commands.print_ import add_filter_arguments, filter_from_args, filters_given
from shopcrm.commands.privacy import add_password_option, owner_password
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.services.campaigns.message_templates import all_templates, find_template
from shopcrm.services.campaigns.messages import (
    SHAPES,
    PreparedMessages,
    export_campaign_messages,
    export_filter_messages,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("messages", help=translate("cli", "message texts for SMS or WeChat"))
    kinds = parser.add_subparsers(dest="messages_kind", metavar="export|templates", required=True)

    export = kinds.add_parser("export", help=translate("cli", "a list's message texts as a CSV for an SMS platform"))
    export.add_argument("out", metavar="OUT.csv")
    export.add_argument("--template", required=True, metavar="T",
                        help=translate("cli", "a ready-made template (birthday, win_back, new_product, "
                                              "points_expiring, stored_value_low) or a saved one by name"))
    add_filter_arguments(export)
    export.add_argument("--campaign", type=int, metavar="ID", help=translate("cli", "export this saved campaign instead"))
    export.add_argument("--name", help=translate("cli", "the name the list is saved under (filters only)"))
    export.add_argument("--shape", choices=list(SHAPES), default="text",
                        help=translate("cli", "text: phone and text; variables: phone and one column per field"))
    export.add_argument("--unmasked", action="store_true",
                        help=translate("cli", "write phone numbers in full (owner only)"))
    add_password_option(export)
    add_json_flag(export)
    export.set_defaults(handler=run_export)

    templates = kinds.add_parser("templates", help=translate("cli", "list the message templates"))
    add_json_flag(templates)
    templates.set_defaults(handler=run_templates)


def run_export(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = ctx.db()
    template = find_template(db, args.template)
    masked = not args.unmasked
    password = owner_password(args, db) if (args.unmasked or args.all_members) else None
    prepared: PreparedMessages
    if args.campaign is not None:
        if filters_given(args) or args.name:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give either --campaign or filters, not both."), "campaign")
        prepared = export_campaign_messages(db, args.campaign, template.body, args.out, template=template.key,
                                            shape=args.shape, masked=masked, password=password)
    else:
        name = args.name or translate("cli", "Messages: {template} {date}").format(
            template=template.name, date=dt.date.today().isoformat())
        prepared = export_filter_messages(db, filter_from_args(args, db), template.body, args.out, list_name=name,
                                          template=template.key, shape=args.shape, masked=masked, password=password)
    if ctx.json_output:
        ctx.out({"file": args.out, "members": len(prepared.rows), "segments": prepared.segments,
                 "campaign": prepared.campaign_id, "masked": prepared.masked, "consent_only": prepared.consent_only,
                 "template": template.key})
    else:
        ctx.out(translate("cli", "{n} messages ({segments} SMS) written to {path}; list saved as campaign {id}.").format(
            n=len(prepared.rows), segments=prepared.segments, path=args.out, id=prepared.campaign_id))
    return 0


def run_templates(args: argparse.Namespace, ctx: CommandContext) -> int:
    templates = all_templates(ctx.db())
    if ctx.json_output:
        ctx.out([{"key": t.key, "name": t.name, "ready_made": t.ready_made, "text": t.body} for t in templates])
    else:
        ctx.out("\n".join(f"{t.key}\t{t.name}\t{t.body}" for t in templates))
    return 0
