"""Matching a sales plan against the shop: purchases and lines earlier imports stored (by their
fingerprints, legacy ones too), the members the purchases name (phone first, then card no.; unknown
ones become new members), and the spend and level each member reaches.

Everything here reads the database inside the import's transaction and writes nothing;
sales_write.py writes what it decided.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection, func, select

from shopcrm.db.models import ImportedLine, Member, Product, Purchase, PurchaseLine
from shopcrm.i18n import translate
from shopcrm.services.importing.sales_plan import (
    KnownMember,
    NewMember,
    PlannedPurchase,
    SalesPlan,
    legacy_ref,
    line_keys,
    line_ref,
    member_key_of,
    single_key,
)
from shopcrm.services.importing.sales_rows import SaleRow
from shopcrm.services.shop.settings import ShopSettings

IN_CHUNK = 2_000


def _other_keys(conn: Connection, purchases: list[PlannedPurchase]) -> tuple[dict[str, str], dict[str, str]]:
    """For the members these purchases name: card no. by phone and phone by card no. (legacy refs
    carried whichever key the file had, so both are tried)."""
    t = Member.__table__
    card_of: dict[str, str] = {}
    phone_of: dict[str, str] = {}
    for column, values in ((t.c.phone, sorted({p.phone for p in purchases if p.phone})),
                           (t.c.card_no, sorted({p.card for p in purchases if p.card}))):
        for start in range(0, len(values), IN_CHUNK):
            for phone, card in conn.execute(select(t.c.phone, t.c.card_no).where(column.in_(values[start : start + IN_CHUNK]))):
                if phone and card:
                    card_of[phone] = card
                    phone_of[card] = phone
    return card_of, phone_of


class _Stored(NamedTuple):
    """A purchase an earlier import (or the counter) wrote under the same external_ref."""

    id: int
    member_id: int | None
    total: int
    discount: int
    voided: bool
    at: Any  # purchased_at as the driver gives it


@dataclass
class Addition:
    """Lines of a receipt imported before that the earlier file did not have: added to that purchase."""

    purchase: PlannedPurchase
    stored: _Stored
    rows: list[SaleRow]
    keys: list[tuple[Any, ...]]
    delta: int = 0  # what they add to the purchase's total
    member: Any = None
    points: int = 0


def _stored_by_ref(conn: Connection, refs: list[str]) -> dict[str, _Stored]:
    table = Purchase.__table__
    cols = (table.c.external_ref, table.c.id, table.c.member_id, table.c.total_cents, table.c.discount_cents,
            table.c.voided_at, table.c.purchased_at)
    found: dict[str, _Stored] = {}
    total_known = conn.execute(select(func.count()).select_from(table).where(table.c.external_ref.is_not(None))).scalar_one()
    if total_known == 0 or not refs:
        return found
    wanted = set(refs)
    if total_known <= 2 * len(refs):
        rows: Iterable[Any] = conn.execute(select(*cols).where(table.c.external_ref.is_not(None)))
        batches: Iterable[Iterable[Any]] = [rows]
    else:
        ordered = sorted(wanted)
        batches = (conn.execute(select(*cols).where(table.c.external_ref.in_(ordered[i : i + IN_CHUNK])))
                   for i in range(0, len(ordered), IN_CHUNK))
    for rows in batches:
        for ref, pid, mid, total, discount, voided, at in rows:
            if ref in wanted:
                found[ref] = _Stored(pid, mid, total, discount or 0, voided is not None, at)
    return found


def _has_legacy_refs(conn: Connection) -> bool:
    table = Purchase.__table__
    first = func.substr(table.c.external_ref, 1, 1)
    return conn.execute(select(table.c.id).where(first.in_(["r", "n"])).limit(1)).first() is not None


def match_stored(conn: Connection, plan: SalesPlan) -> tuple[list[PlannedPurchase], list[Addition], int]:
    """Split the planned purchases into new ones and lines to add to stored ones; count the lines already there.

    A receipt imported before is matched line by line: lines with a product against its stored
    lines (product, quantity, price, amount, as a multiset), lines without one by their
    fingerprint in imported_lines.  Only the lines the stored purchase lacks are added."""
    stored = _stored_by_ref(conn, [p.ref for p in plan.purchases])
    legacy: dict[int, _Stored] = {}
    if _has_legacy_refs(conn):
        occurrences: dict[tuple[Any, ...], int] = defaultdict(int)
        wanted: dict[str, PlannedPurchase] = {}
        unmatched = [p for p in plan.purchases if p.ref not in stored]
        card_of, phone_of = _other_keys(conn, unmatched)
        for p in unmatched:
            own = member_key_of(p.phone, p.card)
            n = 0
            if p.receipt is None:
                r = p.rows[0]
                key = (r.when, own, *single_key(r)[1:])
                n = occurrences[key]
                occurrences[key] = n + 1
            keys = {own}
            if p.phone and p.phone in card_of:
                keys.add(f"c:{card_of[p.phone]}")
            if p.card and p.card in phone_of:
                keys.add(phone_of[p.card])
            for member_key in keys:
                wanted[legacy_ref(p, n, member_key)] = p
        legacy = {id(wanted[ref]): found for ref, found in _stored_by_ref(conn, list(wanted)).items()}
    fresh: list[PlannedPurchase] = []
    matched: list[tuple[PlannedPurchase, _Stored, bool]] = []
    duplicates = 0
    for p in plan.purchases:
        hit = stored.get(p.ref)
        old = hit is None
        hit = hit or legacy.get(id(p))
        if hit is None:
            fresh.append(p)
        elif p.receipt is None:
            duplicates += 1  # a row without a receipt is one whole purchase
        else:
            matched.append((p, hit, old))
    if not matched:
        return fresh, [], duplicates
    ids = sorted({hit.id for _, hit, _ in matched})
    lt, pdt, it = PurchaseLine.__table__, Product.__table__, ImportedLine.__table__
    lines: dict[int, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    refs: set[str] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        stmt = (select(lt.c.purchase_id, pdt.c.name, lt.c.quantity, lt.c.unit_price_cents, lt.c.amount_cents)
                .join(pdt, pdt.c.id == lt.c.product_id).where(lt.c.purchase_id.in_(chunk)))
        for pid, name, quantity, unit, amount in conn.execute(stmt):
            lines[pid][(name, int(round(Decimal(str(quantity)) * 1000)), unit, amount)] += 1
        refs.update(conn.execute(select(it.c.ref).where(it.c.purchase_id.in_(chunk))).scalars())
    additions: list[Addition] = []
    for p, hit, old in matched:
        known = lines[hit.id]
        new_rows, new_keys = [], []
        for r, key in zip(p.rows, line_keys(p), strict=True):
            if r.product is not None:
                content = (r.product, r.qty, r.unit or 0, r.amount if r.amount is not None else 0)
                if known[content] > 0:
                    known[content] -= 1
                    continue
            elif old or line_ref(p, key) in refs:
                continue  # an earlier version kept no record of lines without a product: the receipt counts whole
            new_rows.append(r)
            new_keys.append(key)
        duplicates += len(p.rows) - len(new_rows)
        if new_rows:
            additions.append(Addition(p, hit, new_rows, new_keys))
    return fresh, additions, duplicates


def settle_additions(conn: Connection, additions: list[Addition], plan: SalesPlan, by_phone: dict[str, Any],
                      by_card: dict[str, Any], settings: ShopSettings) -> list[Addition]:
    """The member, total change and points of each addition; lines naming another member are rejected."""
    conflict = translate("import", "Receipt {receipt} was imported before for another member.")
    member_ids = sorted({a.stored.member_id for a in additions if a.stored.member_id is not None})
    known = {m.id: m for m in [*by_phone.values(), *by_card.values()]}
    missing = [mid for mid in member_ids if mid not in known]
    if missing:
        extra_phone, extra_card = _load_members_by_id(conn, missing)
        known.update({m.id: m for m in [*extra_phone.values(), *extra_card.values()]})
    keep = []
    for a in additions:
        p = a.purchase
        named = (by_phone.get(p.phone) if p.phone else None) or (by_card.get(p.card) if p.card else None)
        if named is not None and named.id != a.stored.member_id:
            plan.rejected.extend((r, conflict.format(receipt=p.receipt)) for r in a.rows)
            continue
        a.delta = p.total - a.stored.total if p.from_total else sum(r.amount or 0 for r in a.rows)
        a.member = known.get(a.stored.member_id) if a.stored.member_id is not None else None
        if a.member is not None and not a.stored.voided:
            before, after = a.stored.total, a.stored.total + a.delta
            earned = lambda total: settings.points_for(total) if total > 0 else 0  # noqa: E731
            a.points = earned(after) - earned(before)
            if a.points < 0:
                a.points = -min(-a.points, a.member.balance)
            a.member.balance += a.points
            a.member.spend += a.delta
        keep.append(a)
    for m in {id(a.member): a.member for a in keep if a.member is not None}.values():
        m.level = max(m.level, settings.level_for_spend(m.spend))
    return keep


def _load_members_by_id(conn: Connection, ids: list[int]) -> tuple[dict[str, KnownMember], dict[str, KnownMember]]:
    t = Member.__table__
    phones: set[str] = set()
    cards: set[str] = set()
    for start in range(0, len(ids), IN_CHUNK):
        for phone, card in conn.execute(select(t.c.phone, t.c.card_no).where(t.c.id.in_(ids[start : start + IN_CHUNK]))):
            if phone:
                phones.add(phone)
            cards.add(card)
    return load_members(conn, phones, cards)


def load_members(conn: Connection, phones: set[str], cards: set[str]) -> tuple[dict[str, KnownMember], dict[str, KnownMember]]:
    t = Member.__table__
    by_phone: dict[str, KnownMember] = {}
    by_card: dict[str, KnownMember] = {}
    known: dict[int, KnownMember] = {}
    for column, values in ((t.c.phone, sorted(phones)), (t.c.card_no, sorted(cards))):
        for start in range(0, len(values), IN_CHUNK):
            chunk = values[start : start + IN_CHUNK]
            stmt = select(t.c.id, t.c.phone, t.c.card_no, t.c.points_balance, t.c.level).where(column.in_(chunk))
            for mid, phone, card, balance, level in conn.execute(stmt):
                k = known.get(mid) or KnownMember(mid, phone, card, balance or 0, level or 0)
                known[mid] = k
                if phone:
                    by_phone[phone] = k
                by_card[card] = k
    ids = sorted(known)
    pt = Purchase.__table__
    for start in range(0, len(ids), IN_CHUNK):
        id_chunk = ids[start : start + IN_CHUNK]
        spend_stmt = (
            select(pt.c.member_id, func.coalesce(func.sum(pt.c.total_cents), 0))
            .where(pt.c.member_id.in_(id_chunk), pt.c.voided_at.is_(None))
            .group_by(pt.c.member_id)
        )
        for mid, spent in conn.execute(spend_stmt):
            known[mid].spend = int(spent)
    return by_phone, by_card


def resolve_members(plan: SalesPlan, by_phone: dict[str, Any], by_card: dict[str, Any]) -> list[NewMember]:
    """Link each purchase to a member: phone first, then card no.; unknown ones become new members."""
    created: list[NewMember] = []
    keep: list[PlannedPurchase] = []
    for p in plan.purchases:
        ph, cd = p.phone, p.card
        member: Any = None
        conflict = None
        if ph:
            member = by_phone.get(ph)
            owner = by_card.get(cd) if cd else None
            if member is None and owner is not None:
                if owner.phone is None:
                    member = owner
                    owner.phone = ph
                    if isinstance(owner, KnownMember):
                        owner.fill_phone = ph
                    by_phone[ph] = owner
                else:
                    conflict = translate("import", "The card no. {card} belongs to a member with another phone.")
            elif member is not None and owner is not None and owner is not member:
                conflict = translate("import", "The phone and the card no. {card} belong to different members.")
            elif member is not None and owner is None and cd and isinstance(member, NewMember) and member.card is None:
                member.card = cd
                by_card[cd] = member
            if member is None and conflict is None:
                member = NewMember(ph, cd if cd and cd not in by_card else None, p.name, p.when.date())
                by_phone[ph] = member
                if member.card:
                    by_card[member.card] = member
                created.append(member)
        elif cd:
            member = by_card.get(cd)
            if member is None:
                member = NewMember(None, cd, p.name, p.when.date())
                by_card[cd] = member
                created.append(member)
        if conflict:
            plan.rejected.extend((r, conflict.format(card=cd)) for r in p.rows)
            continue
        if isinstance(member, NewMember) and member.name is None and p.name:
            member.name = p.name
        p.member = member
        keep.append(p)
    plan.purchases = keep
    used = {id(p.member) for p in keep if p.member is not None}
    return [m for m in created if id(m) in used]


def points_and_levels(plan: SalesPlan, settings: ShopSettings) -> list[tuple[PlannedPurchase, str, int]]:
    """Each member's spend and first level.  Points rows are not made here: after the purchases are
    written, shopcrm.services.members.points.rebuild_after_import replays each member's sales in time order,
    so the balance and level do not depend on the order in which files are imported."""
    members: dict[int, KnownMember | NewMember] = {}
    for p in plan.purchases:
        m = p.member
        if m is None:
            continue
        members[id(m)] = m
        m.spend += p.total
    for m in members.values():
        level = settings.level_for_spend(m.spend)
        m.level = max(m.level, level) if isinstance(m, KnownMember) else level
    return []
