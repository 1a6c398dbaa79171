"""Writing a planned sales import in its one transaction: the batch row, new members and products,
the purchases and their lines, the line fingerprints, lines added to earlier purchases, points and
the rejected rows, as plain tuples through the bulk writer (shopcrm.db.bulk).

The writing is kept apart from the planning and matching, which decide everything it writes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.db import bulk
from shopcrm.db.models import (
    Category,
    ImportedLine,
    Member,
    PointsEntry,
    Product,
    Purchase,
    PurchaseLine,
)
from shopcrm.io.phones import last4
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.io.values import quantity_decimal
from shopcrm.services.importing.batches import new_batch, store_rejected_rows
from shopcrm.services.importing.options import ImportOptions, ImportResult, Rejected, report_progress
from shopcrm.services.importing.preview import PreparedSheet
from shopcrm.services.importing.sales_match import IN_CHUNK, Addition
from shopcrm.services.importing.sales_plan import (
    KnownMember,
    NewMember,
    PlannedPurchase,
    SalesPlan,
    line_keys,
    line_ref,
)
from shopcrm.services.importing.sales_rows import SaleRow
from shopcrm.services.members.points import points_earned_now
from shopcrm.services.members.records import CardNumbers
from shopcrm.services.sales.product_rules import MAX_PRICE_CENTS
from shopcrm.services.shop.settings import ShopSettings


def write_import(
    s: Any,
    conn: Connection,
    info: Any,
    options: ImportOptions,
    plan: SalesPlan,
    created: list[NewMember],
    ledger: list[tuple[PlannedPurchase, str, int]],
    settings: ShopSettings,
    rejects: list[Rejected],
    result: ImportResult,
    prepared: list[PreparedSheet],
    additions: list[Addition],
) -> int:
    now = dt.datetime.now().replace(microsecond=0)
    batch = new_batch("sales", info.path.name, info.sha256, prepared, result, now)
    s.add(batch)
    s.flush()
    batch_id = batch.id
    total_work = len(plan.purchases)
    report_progress(options, "writing", 0, total_work)
    product_ids, new_products = _products(conn, plan, settings, [r for a in additions for r in a.rows])
    _members(s, conn, created, batch_id, now)
    _fill_phones(conn, plan, now)
    when = bulk.datetime_param(conn)  # values go to the driver as it takes them (see shopcrm.db.bulk)
    # A large write into small tables: their plain indexes are built once after it (fast_paths=False: kept up row by row).
    lines = sum(len(p.rows) for p in plan.purchases) if options.tuning.fast_paths else 0
    with bulk.indexes_deferred(conn, [(Purchase.__table__, len(plan.purchases) if lines else 0), (PurchaseLine.__table__, lines)]):
        _write_purchases(conn, plan, product_ids, batch_id, when, lambda n: report_progress(options, "writing", n, total_work),
                         settings)
        _write_line_refs(conn, plan, batch_id)
        if additions:
            _write_additions(conn, additions, batch_id, product_ids, when, now)
        bulk.insert_rows(
            conn,
            PointsEntry.__table__,
            ["member_id", "at", "kind", "points", "purchase_id", "import_batch_id", "note"],
            ((p.member.id, when(p.when), kind, pts, p.id, batch_id, None) for p, kind, pts in ledger),  # type: ignore[union-attr]
            converted=True,
        )
        _update_members(conn, plan, now)
        # Everything planned is written: the purchases and their rows are let go here (the caller
        # reads nothing of them after), so that the index rebuild, pypinyin's dictionary and the
        # points replay reuse their memory instead of adding to the peak (issue 16: RSS <= 500 MB).
        plan.purchases.clear()
        ledger.clear()
    _set_initials(conn, new_products)
    store_rejected_rows(conn, batch_id, rejects)
    batch.finished_at = dt.datetime.now().replace(microsecond=0)
    s.flush()
    return batch_id


def _fill_phones(conn: Connection, plan: SalesPlan, now: dt.datetime) -> None:
    """Known members found by card whose record had no phone get the sheet's."""
    fills = {p.member.id: p.member.fill_phone for p in plan.purchases if isinstance(p.member, KnownMember) and p.member.fill_phone}
    if fills:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                phone=bindparam("ph"), phone_last4=bindparam("l4"), updated_at=bindparam("now")
            ),
            [{"mid": mid, "ph": ph, "l4": last4(ph), "now": now} for mid, ph in fills.items()],
        )


def _write_purchases(conn: Connection, plan: SalesPlan, product_ids: dict[str, int] | None, batch_id: int,
                     when: Callable[[dt.datetime], Any], on_chunk: Callable[[int], None], settings: ShopSettings) -> None:
    """The purchases (ids reserved in one go) and their lines, as plain tuples through the bulk writer.
    A member's purchase carries the points it earns at today's rate (see rebuild_after_import(rated=True)),
    so the column is not written a second time."""
    ids = bulk.reserve_ids(conn, Purchase.__table__, len(plan.purchases))
    for p, pid in zip(plan.purchases, ids, strict=True):
        p.id = pid
    del ids

    def purchase_rows() -> Iterator[tuple[Any, ...]]:
        for p in plan.purchases:
            member = p.member
            yield (p.id, member.id if member is not None else None, when(p.when), p.total, p.discount, p.payment, p.channel,
                   "import", batch_id, p.ref, points_earned_now(settings, p.total) if member is not None else None)

    bulk.insert_rows(
        conn,
        Purchase.__table__,
        ["id", "member_id", "purchased_at", "total_cents", "discount_cents", "payment_method", "channel", "origin",
         "import_batch_id", "external_ref", "points_earned"],
        purchase_rows(),
        on_chunk=on_chunk,
        converted=True,
    )
    if product_ids is not None:
        qty_value = (lambda m: m / 1000) if bulk.is_sqlite(conn) else quantity_decimal
        bulk.insert_rows(
            conn,
            PurchaseLine.__table__,
            ["purchase_id", "product_id", "quantity", "unit_price_cents", "amount_cents"],
            (
                (p.id, product_ids[r.product], qty_value(r.qty), r.unit or 0, r.amount if r.amount is not None else 0)
                for p in plan.purchases
                for r in p.rows
                if r.product is not None
            ),
            converted=True,
        )


def _update_members(conn: Connection, plan: SalesPlan, now: dt.datetime) -> None:
    """Known members' new points balance and level."""
    touched: dict[int, Any] = {}
    for p in plan.purchases:
        if isinstance(p.member, KnownMember):
            touched[p.member.id] = p.member
    if touched:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                points_balance=bindparam("bal"), level=bindparam("lvl"), updated_at=bindparam("now")
            ),
            [{"mid": m.id, "bal": m.balance, "lvl": m.level, "now": now} for m in touched.values()],
        )


def _write_line_refs(conn: Connection, plan: SalesPlan, batch_id: int) -> None:
    """Fingerprints of the receipt lines without a product: the only record of them a later file can be matched on."""
    bulk.insert_rows(
        conn,
        ImportedLine.__table__,
        ["ref", "purchase_id", "import_batch_id", "purchase_line_id", "amount_cents", "discount_cents"],
        (
            (line_ref(p, key), p.id, batch_id, None, r.amount or 0, r.discount)
            for p in plan.purchases
            if p.receipt is not None and any(r.product is None for r in p.rows)
            for r, key in zip(p.rows, line_keys(p), strict=True)
            if r.product is None
        ),
        converted=True,
    )


def _write_additions(conn: Connection, additions: list[Addition], batch_id: int, product_ids: dict[str, int] | None,
                     when: Callable[[dt.datetime | None], Any], now: dt.datetime) -> None:
    """Lines added to purchases of earlier imports, recorded so that undoing this batch takes exactly them back."""
    pt, lt = Purchase.__table__, PurchaseLine.__table__
    with_product = [(a, r) for a in additions for r in a.rows if r.product is not None]
    line_ids = iter(bulk.reserve_ids(conn, lt, len(with_product)))
    qty_value = (lambda m: m / 1000) if bulk.is_sqlite(conn) else quantity_decimal
    lines, refs, ledger = [], [], []
    for a in additions:
        share = a.delta  # a receipt total is carried by the first added line; line amounts by each line
        for r, key in zip(a.rows, a.keys, strict=True):
            line_id = None
            if r.product is not None and product_ids is not None:
                line_id = next(line_ids)
                lines.append((line_id, a.stored.id, product_ids[r.product], qty_value(r.qty), r.unit or 0,
                              r.amount if r.amount is not None else 0))
            amount = share if a.purchase.from_total else (r.amount or 0)
            share = 0
            refs.append((line_ref(a.purchase, key), a.stored.id, batch_id, line_id, amount, r.discount))
        if a.points and a.member is not None:
            ledger.append((a.member.id, a.stored.at, "earn" if a.points > 0 else "reverse", a.points, a.stored.id, batch_id, None))
    bulk.insert_rows(conn, lt, ["id", "purchase_id", "product_id", "quantity", "unit_price_cents", "amount_cents"], lines,
                     converted=True)
    bulk.insert_rows(conn, ImportedLine.__table__,
                     ["ref", "purchase_id", "import_batch_id", "purchase_line_id", "amount_cents", "discount_cents"], refs,
                     converted=True)
    conn.execute(
        update(pt).where(pt.c.id == bindparam("pid")).values(
            total_cents=pt.c.total_cents + bindparam("delta"), discount_cents=pt.c.discount_cents + bindparam("disc")
        ),
        [{"pid": a.stored.id, "delta": a.delta, "disc": sum(r.discount for r in a.rows)} for a in additions],
    )
    if ledger:
        conn.execute(insert(PointsEntry.__table__), [
            {"member_id": m, "at": at, "kind": k, "points": pts, "purchase_id": pid, "import_batch_id": b, "note": note}
            for m, at, k, pts, pid, b, note in ledger
        ])
    members = {a.member.id: a.member for a in additions if a.member is not None}
    if members:
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(
                points_balance=bindparam("bal"), level=bindparam("lvl"), updated_at=bindparam("now")
            ),
            [{"mid": m.id, "bal": m.balance, "lvl": m.level, "now": now} for m in members.values()],
        )


def _products(conn: Connection, plan: SalesPlan, settings: ShopSettings,
              extra: list[SaleRow] | None = None) -> tuple[dict[str, int] | None, list[tuple[int, str]]]:
    """Product ids by name, and the (id, name) of the products created here; products and
    categories not known yet are created, their pinyin initials written later (_set_initials).

    A new product's price is the most common unit price of the file (never one odd row, e.g. a
    ¥1,015.50 typo), and it goes on the catalogue's review list for the owner to confirm."""
    first_seen: dict[str, SaleRow] = {}  # the row that names a product first (its category)
    first_day: dict[str, dt.datetime] = {}  # when it was first sold
    prices: dict[str, Counter[int]] = defaultdict(Counter)  # unit prices seen per product
    for rows in [*(p.rows for p in plan.purchases), extra or []]:
        for r in rows:
            product = r.product
            if product is None:
                continue
            if r.unit is not None and r.unit > 0:
                prices[product][r.unit] += 1
            when = first_day.get(product)
            if when is None:
                first_seen[product] = r
                first_day[product] = r.when
            elif r.when < when:
                first_day[product] = r.when
    if not first_seen:
        return None, []
    pt, ct = Product.__table__, Category.__table__
    names = sorted(first_seen)
    ids: dict[str, int] = {}
    for start in range(0, len(names), IN_CHUNK):
        chunk = names[start : start + IN_CHUNK]
        ids.update({n: i for i, n in conn.execute(select(pt.c.id, pt.c.name).where(pt.c.name.in_(chunk)))})
    missing = [n for n in names if n not in ids]
    if not missing:
        return ids, []
    wanted_categories = sorted({c for n in missing if (c := first_seen[n].category)})
    categories = {n: i for i, n in conn.execute(select(ct.c.id, ct.c.name).where(ct.c.name.in_(wanted_categories)))} if wanted_categories else {}
    for name in wanted_categories:
        if name not in categories:
            categories[name] = conn.execute(insert(ct).values(name=name).returning(ct.c.id)).scalar_one()
    earliest_db = conn.execute(select(func.min(Purchase.__table__.c.purchased_at))).scalar()
    earliest = min([r.when for r in first_seen.values()] + ([earliest_db] if earliest_db else []))
    new_after = earliest + dt.timedelta(days=settings.rules.new_product_days)
    new_ids = bulk.reserve_ids(conn, pt, len(missing))
    conn.execute(
        insert(pt),
        [
            {
                "id": pid,
                "name": name,
                "category_id": categories.get(first_seen[name].category or ""),
                "price_cents": _usual_price(prices.get(name)),
                # Products first sold well after the history starts were new then (SPEC §3 "new product").
                "launched_on": first_day[name].date() if first_day[name] > new_after else None,
                "active": True,
                "initials": None,  # _set_initials, once the import's rows are let go
                "needs_review": True,
                "review_reason": "sales_import",
            }
            for pid, name in zip(new_ids, missing, strict=True)
        ],
    )
    ids.update(zip(missing, new_ids, strict=True))
    return ids, list(zip(new_ids, missing, strict=True))


def _set_initials(conn: Connection, products: list[tuple[int, str]]) -> None:
    """The pinyin initials of the products this import created, in the same transaction.

    Written after the purchases, once the import's rows are let go: pypinyin's dictionaries take
    about 50 MB, which would otherwise add to the import's peak memory."""
    if products:
        pt = Product.__table__
        conn.execute(update(pt).where(pt.c.id == bindparam("pid")).values(initials=bindparam("ini")),
                     [{"pid": pid, "ini": pinyin_initials(name)} for pid, name in products])


def _usual_price(seen: Counter[int] | None) -> int | None:
    """The most common unit price (on a tie the lower one); None when no usable price was seen."""
    if not seen:
        return None
    price = min(seen, key=lambda cents: (-seen[cents], cents))
    return price if price < MAX_PRICE_CENTS else None


def _members(s: Any, conn: Connection, created: list[NewMember], batch_id: int, now: dt.datetime) -> None:
    if not created:
        return
    numbers = CardNumbers(s, taken={m.card for m in created if m.card})
    ids = bulk.reserve_ids(conn, Member.__table__, len(created))
    values = []
    for m, mid in zip(created, ids, strict=True):
        m.id = mid
        if not m.card:
            m.card = numbers.take()
        values.append(
            (mid, m.card, m.name, m.phone, last4(m.phone) if m.phone else None, m.first, False, m.balance, m.level,
             "active", now, now, batch_id)
        )
    bulk.insert_rows(
        conn,
        Member.__table__,
        ["id", "card_no", "name", "phone", "phone_last4", "registered_on", "consent", "points_balance", "level", "status",
         "created_at", "updated_at", "import_batch_id"],
        values,
    )
