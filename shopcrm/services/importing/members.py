"""Importing a member list (SPEC §2 fields): new members created, known ones merged.

A row matches an existing member by phone, else by card no.  Merging fills only what the
member lacks (name, gender, birthday, source, area, notes, consent never recorded, level 0,
a first points balance) and adds tags; with `overwrite` the file's non-empty values replace
the stored ones.  A registration date earlier than the stored one is taken (members created
from sales rows carry their first purchase day).  Every change to an existing member is
recorded so that undoing the batch puts the old values back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    ConsentEvent,
    ImportMemberChange,
    Member,
    MemberTag,
    PointsEntry,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.member_fields import MAX_NAME, parse_gender, parse_source, parse_tags
from shopcrm.io.phones import last4, normalise_phone_fast
from shopcrm.io.safety import inspect_file
from shopcrm.io.values import (
    is_empty,
    parse_birthday_cell,
    parse_bool,
    parse_card,
    parse_date,
    parse_points,
    text_of,
    whole_text,
)
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.batches import (
    backup_before_import,
    earlier_batches,
    finish_import,
    new_batch,
    row_values,
    store_rejected_rows,
)
from shopcrm.services.importing.conventions import sheet_conventions
from shopcrm.services.importing.options import (
    REJECTED_ROWS_KEPT,
    ImportOptions,
    ImportResult,
    Rejected,
    report_progress,
)
from shopcrm.services.importing.preview import PreparedSheet, prepare_sheets
from shopcrm.services.importing.rows import RowStats, numbered_rows
from shopcrm.services.members.birthdays import LUNAR, SOLAR, parse_lunar_birthday
from shopcrm.services.members.records import CardNumbers
from shopcrm.services.shop.settings import ShopSettings, load_settings

FIELDS = ("name", "gender", "birth_year", "birth_month", "birth_day", "source", "area", "notes", "birth_calendar",
          "birth_leap_month")
_BIRTH_FIELDS = ("birth_year", "birth_month", "birth_day")  # a lunar birthday's calendar goes with them
IN_CHUNK = 2_000


@dataclass
class MemberRow:
    sheet: str
    row: int
    values: list[Any]
    phone: str | None
    card: str | None
    data: dict[str, Any]
    registered_on: dt.date | None
    tags: list[str]
    consent: bool | None
    points: int | None
    level: int | None


@dataclass
class _Target:
    """An existing or new member as the import sees it."""

    id: int
    phone: str | None
    card: str
    values: dict[str, Any]
    registered_on: dt.date
    consent: bool
    consent_recorded: bool
    balance: int
    has_ledger: bool
    level: int
    tags: set[str]
    new: bool
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    tags_added: list[str] = field(default_factory=list)
    consent_change: bool | None = None
    opening_points: int = 0
    consent_at: dt.datetime | None = None  # as it was before this import (an undo puts it back)


def _level_index(settings: ShopSettings, value: Any) -> int | None:
    if is_empty(value):
        return None
    text = text_of(value).lower()
    for index, level in enumerate(settings.levels):
        if text in {level.name.lower(), translate("levels", level.name).lower(), translate("levels", level.name, "zh_CN").lower()}:
            return index
    if text.isdigit() and int(text) < len(settings.levels):
        return int(text)
    raise ValidationError(
        QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a member level ({levels})."),
        "level",
        value=text[:30],
        levels=", ".join(translate("levels", lvl.name) for lvl in settings.levels),
    )


def _parse(prepared: PreparedSheet, number: int, cells: list[Any], settings: ShopSettings, today: dt.date,
           orders: frozenset[str] | None = None) -> MemberRow:
    cols = {f: prepared.column(f) for f in (
        "card_no", "name", "phone", "gender", "birthday", "registered_on", "source", "area", "tags", "notes",
        "consent", "points", "level", "lunar_birthday",
    )}

    def get(name: str) -> Any:
        col = cols[name]
        if 0 <= col < len(cells) and not is_empty(cells[col]):
            return cells[col]
        return None

    current = "phone"
    try:
        phone = normalise_phone_fast(v) if (v := get("phone")) is not None else None
        current = "card_no"
        card = parse_card(get("card_no"))
        if phone is None and card is None:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A member needs a phone number or a card number."), "phone")
        current = "name"
        name = whole_text(v, MAX_NAME, "name") if (v := get("name")) is not None else None
        current = "gender"
        gender = parse_gender(get("gender"))
        current = "birthday"
        birthday = parse_birthday_cell(get("birthday"))
        current = "lunar_birthday"
        lunar = parse_lunar_birthday(get("lunar_birthday"))  # 农历生日 wins over a solar one in the same row
        current = "registered_on"
        registered = parse_date(v, orders) if (v := get("registered_on")) is not None else None
        if registered is not None and registered > today:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "The registration date cannot be in the future."), "registered_on")
        current = "source"
        source = parse_source(get("source"))
        current = "area"
        area = whole_text(v, 100, "area") if (v := get("area")) is not None else None
        current = "notes"
        notes = whole_text(v, 2000, "notes") if (v := get("notes")) is not None else None
        current = "tags"
        tags = parse_tags(text_of(v)) if (v := get("tags")) is not None else []
        current = "consent"
        consent = parse_bool(v) if (v := get("consent")) is not None else None
        current = "points"
        points = parse_points(v) if (v := get("points")) is not None else None
        current = "level"
        level = _level_index(settings, get("level"))
    except ValidationError as exc:
        raise _RowError(f"{prepared.header_of(current)}: {exc.message()}") from None
    year, month, day = birthday if birthday else (None, None, None)
    if lunar is not None:
        year, month, day = lunar[:3]
    data = {"name": name, "gender": gender, "birth_year": year, "birth_month": month, "birth_day": day,
            "source": source, "area": area, "notes": notes, "birth_calendar": LUNAR if lunar else SOLAR,
            "birth_leap_month": bool(lunar and lunar[3])}
    return MemberRow(prepared.name, number, list(cells), phone, card, data, registered, tags, consent, points, level)


class _RowError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def import_members(db: Database, path: str | Path, options: ImportOptions) -> ImportResult:
    info = inspect_file(path)
    result = ImportResult("members", info.path.name)
    result.earlier_batches = earlier_batches(db, info.sha256, "members")
    settings = load_settings(db)
    today = dt.date.today()
    parsed: list[MemberRow] = []
    rejects: list[Rejected] = []
    stats = RowStats()
    with open_workbook(path, info) as wb:
        prepared, notes = prepare_sheets(db, wb, "members", options)
        result.notes.extend(notes)
        result.sheets = [p.name for p in prepared]
        # The registration dates' day/month/year order, per sheet, from all of its values.
        conventions = sheet_conventions([(p.name, p.sheet, p.header_index, p.mapping) for p in prepared], "members", options,
                                        lambda when: when.date() <= today)
        orders = {p.name: conventions[p.name].date_orders.get("registered_on") for p in prepared}
        for sheet, number, cells in numbered_rows(prepared, stats, options):
            try:
                parsed.append(_parse(sheet, number, cells, settings, today, orders[sheet.name]))
            except _RowError as exc:
                rejects.append(Rejected(sheet.name, number, row_values(cells), exc.reason))
    result.skipped = stats.skipped
    result.rows = len(parsed) + len(rejects)
    if result.rows == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{file} has a header but no rows of data."), "file", file=info.path.name)
    report_progress(options, "checking", 0, None)
    backup_before_import(db, options)
    with db.read() if options.dry_run else db.transaction() as s:
        conn = s.connection()
        by_phone, by_card = _load(conn, {r.phone for r in parsed if r.phone}, {r.card for r in parsed if r.card})
        file_cards = {r.card for r in parsed if r.card}
        targets: list[_Target] = []
        created: list[_Target] = []
        now = dt.datetime.now().replace(microsecond=0)
        matched: set[int] = set()  # targets an earlier row of this file matched (id() of the _Target)
        for row in parsed:
            try:
                target, is_new = _match(row, by_phone, by_card, options.overwrite)
            except _RowError as exc:
                rejects.append(Rejected(row.sheet, row.row, row_values(row.values), exc.reason))
                continue
            if is_new:
                target = _Target(0, row.phone, row.card or "", {}, row.registered_on or today, False, False, 0, False, 0, set(), True)
                created.append(target)
                if row.phone:
                    by_phone[row.phone] = target
                if row.card:
                    by_card[row.card] = target
            changed = _merge(target, row, options.overwrite)
            if is_new:
                result.imported += 1
            elif changed and target.new:
                result.imported += 1  # a later row of a member this file creates: merged before it is written
            elif changed:
                result.imported += 1
                result.members_updated += 1
                if target not in targets:
                    targets.append(target)
            else:
                result.duplicates += 1
                if id(target) in matched:  # the same member again in this file, not a row already in the shop
                    result.in_file_duplicates += 1
            matched.add(id(target))
        result.rejected = len(rejects)
        result.members_created = len(created)
        rejects.sort(key=lambda r: (r.sheet, r.row_number))
        result.rejected_rows = rejects[:REJECTED_ROWS_KEPT]
        if not options.dry_run and not result.nothing_imported():
            result.batch = _write(s, conn, info, prepared, result, created, targets, rejects, file_cards, now, options)
    return finish_import(db, "members", options, result, rejects, prepared)


def _load(conn: Any, phones: set[str], cards: set[str]) -> tuple[dict[str, _Target], dict[str, _Target]]:
    t = Member.__table__
    found: dict[int, _Target] = {}
    for column, values in ((t.c.phone, sorted(phones)), (t.c.card_no, sorted(cards))):
        for start in range(0, len(values), IN_CHUNK):
            stmt = select(t).where(column.in_(values[start : start + IN_CHUNK]), t.c.status != "erased")
            for m in conn.execute(stmt).mappings():
                if m["id"] not in found:
                    found[m["id"]] = _Target(
                        m["id"], m["phone"], m["card_no"], {f: m[f] for f in FIELDS}, m["registered_on"], bool(m["consent"]),
                        m["consent_at"] is not None, m["points_balance"] or 0, False, m["level"] or 0, set(), False,
                        consent_at=m["consent_at"],
                    )
    ids = sorted(found)
    tt, lt = MemberTag.__table__, PointsEntry.__table__
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        for mid, tag in conn.execute(select(tt.c.member_id, tt.c.tag).where(tt.c.member_id.in_(chunk))):
            found[mid].tags.add(tag)
        for (mid,) in conn.execute(select(lt.c.member_id).where(lt.c.member_id.in_(chunk)).distinct()):
            found[mid].has_ledger = True
    by_phone = {t.phone: t for t in found.values() if t.phone}
    by_card = {t.card: t for t in found.values()}
    return by_phone, by_card


def _match(row: MemberRow, by_phone: dict[str, _Target], by_card: dict[str, _Target], overwrite: bool) -> tuple[Any, bool]:
    by_p = by_phone.get(row.phone) if row.phone else None
    by_c = by_card.get(row.card) if row.card else None
    if by_p is not None and by_c is not None and by_p is not by_c:
        raise _RowError(translate("import", "The phone and the card no. {card} belong to different members.").format(card=row.card))
    target = by_p or by_c
    if target is None:
        return None, True
    if by_p is None and row.phone and target.phone and target.phone != row.phone and not overwrite:
        raise _RowError(
            translate("import", "The card no. {card} belongs to a member with another phone.").format(card=row.card)
        )
    return target, False


def _merge(target: _Target, row: MemberRow, overwrite: bool) -> bool:
    """Apply the row to the member; returns whether anything changed."""
    changed = False

    def put(name: str, old: Any, new: Any) -> None:
        nonlocal changed
        if name not in target.before:
            target.before[name] = old
        target.after[name] = new
        changed = True

    birthday_set = False
    for name, value in row.data.items():
        if value is None or name in ("birth_calendar", "birth_leap_month"):
            continue
        old = target.values.get(name)
        if old is None or (overwrite and old != value):
            if old != value:
                put(name, old, value)
                target.values[name] = value
                birthday_set = birthday_set or name in _BIRTH_FIELDS
    for name in ("birth_calendar", "birth_leap_month"):  # the calendar follows the birthday it belongs to
        if (birthday_set or target.values.get(name) is None) and target.values.get(name) != row.data[name]:
            put(name, target.values.get(name), row.data[name])
            target.values[name] = row.data[name]
    if row.phone and target.phone != row.phone and (target.phone is None or overwrite):
        put("phone", target.phone, row.phone)
        target.phone = row.phone
    if row.card and target.card != row.card and (target.new and not target.card or overwrite):
        put("card_no", target.card, row.card)
        target.card = row.card
    if row.registered_on is not None and (row.registered_on < target.registered_on or (overwrite and row.registered_on != target.registered_on)):
        put("registered_on", target.registered_on.isoformat(), row.registered_on.isoformat())
        target.registered_on = row.registered_on
    for tag in row.tags:
        if tag not in target.tags:
            target.tags.add(tag)
            target.tags_added.append(tag)
            changed = True
    if row.consent is not None and (not target.consent_recorded or (overwrite and row.consent != target.consent)):
        if row.consent != target.consent or not target.consent_recorded:
            put("consent", target.consent, row.consent)
            target.consent = row.consent
            target.consent_recorded = True
            target.consent_change = row.consent
    if row.level is not None and (target.level == 0 or overwrite) and row.level != target.level:
        put("level", target.level, row.level)
        target.level = row.level
    if row.points is not None and row.points > 0 and not target.has_ledger and target.balance == 0 and not target.opening_points:
        target.opening_points = row.points
        target.balance = row.points
        changed = True
    return changed


def _write(
    s: Any,
    conn: Any,
    info: Any,
    prepared: list[PreparedSheet],
    result: ImportResult,
    created: list[_Target],
    targets: list[_Target],
    rejects: list[Rejected],
    file_cards: set[str],
    now: dt.datetime,
    options: ImportOptions,
) -> int:
    batch = new_batch("members", info.path.name, info.sha256, prepared, result, now)
    s.add(batch)
    s.flush()
    batch_id = batch.id
    report_progress(options, "writing", 0, len(created) + len(targets))
    if created:
        numbers = CardNumbers(s, taken=set(file_cards))
        ids = bulk.reserve_ids(conn, Member.__table__, len(created))
        rows = []
        for t, mid in zip(created, ids, strict=True):
            t.id = mid
            if not t.card:
                t.card = numbers.take()
            rows.append({
                "id": mid, "card_no": t.card, "phone": t.phone, "phone_last4": last4(t.phone) if t.phone else None,
                **{f: t.values.get(f) for f in FIELDS}, "registered_on": t.registered_on, "consent": t.consent,
                "consent_at": now if t.consent_recorded else None, "points_balance": t.balance, "level": t.level,
                "level_floor": t.level, "status": "active", "created_at": now, "updated_at": now, "import_batch_id": batch_id,
            })
        conn.execute(insert(Member.__table__), rows)
    mt = Member.__table__
    for t in targets:
        values: dict[str, Any] = {f: t.values.get(f) for f in FIELDS if f in t.after}
        if "phone" in t.after:
            values.update(phone=t.phone, phone_last4=last4(t.phone) if t.phone else None)
        if "card_no" in t.after:
            values["card_no"] = t.card
        if "registered_on" in t.after:
            values["registered_on"] = t.registered_on
        if "consent" in t.after:
            values.update(consent=t.consent, consent_at=now)
        if "level" in t.after:
            values["level"] = t.level
            values["level_floor"] = t.level  # a level from a member list is kept until changed by hand
        if t.opening_points:
            values["points_balance"] = t.balance
        values["updated_at"] = now
        conn.execute(update(mt).where(mt.c.id == t.id).values(**values))
        if "consent" in t.after:  # the consent date changes with it: keep the original for an undo
            t.before.setdefault("consent_at", t.consent_at.isoformat() if t.consent_at else None)
        after = dict(t.after)
        if "consent" in t.after:
            after["consent_at"] = now.isoformat()
        if t.tags_added:
            after["tags_added"] = list(t.tags_added)
        if t.opening_points:
            after["opening_points"] = t.opening_points
        conn.execute(insert(ImportMemberChange.__table__).values(batch_id=batch_id, member_id=t.id, before=t.before, after=after))
    everyone = created + targets
    tag_rows = [{"member_id": t.id, "tag": tag} for t in everyone for tag in (sorted(t.tags) if t.new else t.tags_added)]
    if tag_rows:
        conn.execute(insert(MemberTag.__table__), tag_rows)
    consent_rows = [
        {"member_id": t.id, "at": now, "consent": t.consent, "origin": "import"}
        for t in everyone
        if (t.new and t.consent_recorded) or (not t.new and t.consent_change is not None)
    ]
    if consent_rows:
        conn.execute(insert(ConsentEvent.__table__), consent_rows)
    points_rows = [
        {"member_id": t.id, "at": now, "kind": "adjust", "points": t.opening_points, "purchase_id": None,
         "import_batch_id": batch_id, "note": translate("import", "opening balance from import")}
        for t in everyone
        if t.opening_points
    ]
    if points_rows:
        conn.execute(insert(PointsEntry.__table__), points_rows)
    store_rejected_rows(conn, batch_id, rejects)
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    s.flush()
    return batch_id
