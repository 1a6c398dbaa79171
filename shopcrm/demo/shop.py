"""The demo shop: a believable bakery / milk-tea shop with members, sales, points and feedback.

Used on first start ("open the demo shop"), by `shopcrm demo`, in tests and in benchmarks.  The
same seed and end time always give the same shop.  Generation is pure numpy (demo_people,
demo_sales); the result is written in ONE transaction with bulk inserts (demo_store), so a
failure or a cancel from the progress callback leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.codes import CHANNELS
from shopcrm.db.bulk import DAY, BulkWriter, date_texts, time_texts
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Category,
    ConsentEvent,
    Feedback,
    Member,
    MemberTag,
    PointsEntry,
    Product,
    Purchase,
    PurchaseLine,
    Setting,
)
from shopcrm.demo import catalog as cat
from shopcrm.demo import people as ppl
from shopcrm.demo import sales as sales_mod
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import current_language, normalise_language, translate
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.jobs import CancelToken, Progress
from shopcrm.services.shop.settings import ShopSettings, load_settings

DEFAULT_MEMBERS = 2_000
DEFAULT_MONTHS = 24
LARGE_MEMBERS = 50_000
MAX_MEMBERS = 1_000_000
MAX_MONTHS = 120



@dataclass(frozen=True)
class DemoSummary:
    shop_name: str
    members: int
    purchases: int
    voided_purchases: int
    walk_in_purchases: int
    purchase_lines: int
    products: int
    points_entries: int
    feedback: int
    revenue_cents: int
    first_purchase: dt.datetime | None
    last_purchase: dt.datetime | None
    seed: int
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {
            "shop_name": self.shop_name,
            "members": self.members,
            "purchases": self.purchases,
            "voided_purchases": self.voided_purchases,
            "walk_in_purchases": self.walk_in_purchases,
            "purchase_lines": self.purchase_lines,
            "products": self.products,
            "points_entries": self.points_entries,
            "feedback": self.feedback,
            "revenue": self.revenue_cents / 100,
            "first_purchase": self.first_purchase.isoformat(sep=" ") if self.first_purchase else None,
            "last_purchase": self.last_purchase.isoformat(sep=" ") if self.last_purchase else None,
            "seed": self.seed,
            "seconds": round(self.seconds, 2),
        }


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the month's last day if it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _validate(members: int, months: int, seed: int, end: dt.datetime) -> None:
    if not 1 <= members <= MAX_MEMBERS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The demo shop can have between 1 and {most} members."), "members", most=MAX_MEMBERS
        )
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The demo history can cover between 1 and {most} months."), "months", most=MAX_MONTHS
        )
    if seed < 0 or seed >= 2**63:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The seed must be a whole number of 0 or more."), "seed")
    if end > dt.datetime.now() + dt.timedelta(minutes=5):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The demo history cannot end in the future."), "end")


def _refuse_if_not_empty(s: Session) -> None:
    has_members = s.scalar(select(func.count()).select_from(select(Member.id).limit(1).subquery())) or 0
    has_sales = s.scalar(select(func.count()).select_from(select(Purchase.id).limit(1).subquery())) or 0
    if has_members or has_sales:
        raise ShopError(
            QT_TRANSLATE_NOOP(
                "errors",
                "This database already holds members or sales; the demo shop needs an empty database.",
            )
        )


def _next_id(s: Session, column: object) -> int:
    return int(s.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1  # type: ignore[call-overload]


def generate_demo(
    db: Database,
    *,
    members: int = DEFAULT_MEMBERS,
    months: int = DEFAULT_MONTHS,
    seed: int = 1,
    end: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    language: str | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo shop whose history ends at `end` (default: now).

    `progress(fraction, 1.0, message)` is called along the way; a set `cancel` token (or an exception
    from `progress`) stops the fill and rolls it back.
    """
    began = time.perf_counter()
    end = (end or dt.datetime.now()).replace(microsecond=0)
    _validate(members, months, seed, end)
    lang = normalise_language(language or current_language())
    settings = load_settings(db)
    with db.read() as s:
        _refuse_if_not_empty(s)

    def report(message: str, fraction: float) -> None:
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(min(1.0, fraction), 1.0, message)

    start = months_before(end.date(), months)
    days = (end.date() - start).days + 1
    end_second = (days - 1) * DAY + end.hour * 3600 + end.minute * 60 + end.second
    rng = np.random.default_rng(seed)
    report(translate("demo", "Inventing members ..."), 0.02)
    people = ppl.generate_people(rng, members, start, days, end.year, lang)
    report(translate("demo", "Ringing up the sales ..."), 0.10)
    sales = sales_mod.generate_sales(
        rng, people, start, days, end_second, settings.points_per_unit, settings.rules.new_product_days
    )
    report(translate("demo", "Preparing the rows ..."), 0.25)
    rows = _Rows(people, sales, settings, start, days, end_second, lang)

    total_rows = rows.count()
    written = [0]

    def tick(n: int) -> None:
        written[0] += n
        report(translate("demo", "Writing the demo shop ..."), 0.30 + 0.6 * written[0] / max(total_rows, 1))

    with db.transaction() as s:
        _refuse_if_not_empty(s)
        conn = s.connection()
        writer = BulkWriter(conn, tick)
        product_ids = _products(s, writer, start, days, lang)
        ids = {
            "member": _next_id(s, Member.id),
            "purchase": _next_id(s, Purchase.id),
            "line": _next_id(s, PurchaseLine.id),
            "points": _next_id(s, PointsEntry.id),
            "feedback": _next_id(s, Feedback.id),
            "consent": _next_id(s, ConsentEvent.id),
        }
        big = [t.__table__ for t in (Purchase, PurchaseLine, PointsEntry, Feedback, ConsentEvent, MemberTag)]
        with writer.loading(big):  # type: ignore[arg-type]
            rows.write(writer, ids, product_ids)
            report(translate("demo", "Building indexes ..."), 0.92)
        writer.finish()
        shop_name = settings.shop_name or cat.label(cat.SHOP_NAME, lang)
        if not settings.shop_name:
            _set_shop_name(s, shop_name)
        report(translate("demo", "Saving ..."), 0.97)
    report(translate("demo", "Done."), 1.0)

    live = sales.p_void_second < 0
    live_seconds = sales.p_second[live]
    return DemoSummary(
        shop_name=shop_name,
        members=members,
        purchases=int(live.sum()),
        voided_purchases=int((~live).sum()),
        walk_in_purchases=int(((sales.p_member < 0) & live).sum()),
        purchase_lines=int(sales.l_purchase.size),
        products=len(cat.PRODUCTS),
        points_entries=int(sales.e_member.size),
        feedback=int(sales.f_member.size),
        revenue_cents=int(sales.p_total[live].sum()),
        first_purchase=_at(start, int(live_seconds[0])) if live_seconds.size else None,
        last_purchase=_at(start, int(live_seconds[-1])) if live_seconds.size else None,
        seed=seed,
        seconds=time.perf_counter() - began,
    )


def _at(start: dt.date, second: int) -> dt.datetime:
    return dt.datetime.combine(start, dt.time()) + dt.timedelta(seconds=second)


def _set_shop_name(s: Session, name: str) -> None:
    row = s.get(Setting, "shop_name")
    if row is None:
        s.add(Setting(key="shop_name", value=name))
    else:
        row.value = name
    s.flush()


def _products(s: Session, writer: BulkWriter, start: dt.date, days: int, lang: str) -> np.ndarray:
    """Categories and products, reusing any that already exist by name; ids in catalogue order."""
    existing_cats = {name: cid for cid, name in s.execute(select(Category.id, Category.name))}
    next_cat = _next_id(s, Category.id)
    cat_ids: list[int] = []
    new_cats = []
    for pair in cat.CATEGORIES:
        name = cat.label(pair, lang)
        if name in existing_cats:
            cat_ids.append(existing_cats[name])
        else:
            cat_ids.append(next_cat)
            new_cats.append((next_cat, name))
            next_cat += 1
    writer.insert(Category.__table__, ("id", "name"), new_cats)  # type: ignore[arg-type]

    existing = {name: pid for pid, name in s.execute(select(Product.id, Product.name))}
    next_product = _next_id(s, Product.id)
    end_date = start + dt.timedelta(days=days - 1)
    ids: list[int] = []
    new_rows = []
    for j, p in enumerate(cat.PRODUCTS):
        name = cat.label((p.zh, p.en), lang)
        if name in existing:
            ids.append(existing[name])
            continue
        if p.launched_days_ago is not None:
            launched = end_date - dt.timedelta(days=p.launched_days_ago)
        else:  # classics: on the menu since before the history (spread so dates look real)
            launched = start - dt.timedelta(days=90 + (j * 37) % 600)
        new_rows.append((next_product, name, cat_ids[p.category], p.price_cents, launched.isoformat(),
                         0 if p.retired_days_ago is not None else 1, pinyin_initials(name)))
        ids.append(next_product)
        next_product += 1
    writer.insert(
        Product.__table__,  # type: ignore[arg-type]
        ("id", "name", "category_id", "price_cents", "launched_on", "active", "initials"),
        new_rows,
    )
    return np.array(ids, dtype=np.int64)


class _Rows:
    """Turns the generated arrays into the tables' rows (plain tuples) and writes them."""

    def __init__(self, people: ppl.People, sales: sales_mod.Sales, settings: ShopSettings, start: dt.date,
                 days: int, end_second: int, lang: str) -> None:
        self.people = people
        self.sales = sales
        self.settings = settings
        self.start = start
        self.end_second = end_second
        self.lang = lang
        self._member_times()

    def count(self) -> int:
        p, s = self.people, self.sales
        return (
            p.count * 2 + sum(len(t) for t in p.tags) + int((p.consent_change_day >= 0).sum())
            + s.p_member.size + s.l_purchase.size + s.e_member.size + s.f_member.size
        )

    def _member_times(self) -> None:
        p, s = self.people, self.sales
        n = p.count
        registered = p.reg_day * DAY + p.reg_second
        first = s.member_first_second
        # Registered at the counter on the first purchase, or earlier online; never after it.
        created = np.where((first >= 0) & (first < registered), np.maximum(first - 90, 0), registered)
        created = np.minimum(created, self.end_second)
        created = np.where((first >= 0), np.minimum(created, first), created)
        change = p.consent_change_day * DAY + (p.reg_second + 3 * 3600) % DAY
        has_change = (p.consent_change_day >= 0) & (change > created) & (change <= self.end_second)
        self.created = created
        self.change_second = np.where(has_change, change, -1)
        self.consent_final = np.where(has_change, ~p.consent_initial, p.consent_initial)
        self.consent_at = np.where(has_change, change, created)
        levels = self.settings.levels
        level = np.zeros(n, dtype=np.int64)
        for index, lvl in enumerate(levels):  # the same rule as ShopSettings.level_for_spend
            level = np.where(s.member_spend >= lvl.min_spend_cents, index, level)
        self.level = level

    def write(self, writer: BulkWriter, ids: dict[str, int], product_ids: np.ndarray) -> None:
        self._members(writer, ids["member"])
        self._consent(writer, ids["member"], ids["consent"])
        self._purchases(writer, ids["member"], ids["purchase"], ids["line"], product_ids)
        self._points(writer, ids["member"], ids["purchase"], ids["points"])
        self._feedback(writer, ids["member"], ids["purchase"], ids["feedback"])

    def _members(self, writer: BulkWriter, base: int) -> None:
        p = self.people
        n = p.count
        member_id = (base + np.arange(n)).tolist()
        phone = ["+86" + str(x) for x in p.phone_national.tolist()]
        last4 = [f"{x % 10000:04d}" for x in p.phone_national.tolist()]
        created = time_texts(self.start, self.created, missing=None)
        consent_at = time_texts(self.start, self.consent_at, missing=None)
        updated = time_texts(self.start, np.maximum(self.created, self.change_second), missing=None)
        registered = date_texts(self.start, self.created // DAY)
        year = [y or None for y in p.birth_year.tolist()]
        month = [m or None for m in p.birth_month.tolist()]
        bday = [d or None for d in p.birth_day.tolist()]
        status = np.where(p.archived, "archived", "active").tolist()
        rows = list(zip(
            member_id, [f"{i + 1:06d}" for i in range(base - 1, base - 1 + n)], p.name, phone, last4, p.gender,
            year, month, bday, registered, p.source, p.area, p.notes, self.consent_final.astype(int).tolist(),
            consent_at, self.sales.member_balance.tolist(), self.level.tolist(), status, created, updated, strict=True,
        ))
        writer.insert(
            Member.__table__,  # type: ignore[arg-type]
            ("id", "card_no", "name", "phone", "phone_last4", "gender", "birth_year", "birth_month", "birth_day",
             "registered_on", "source", "area", "notes", "consent", "consent_at", "points_balance", "level",
             "status", "created_at", "updated_at"),
            rows,
        )
        tag_rows = [(base + i, tag) for i, tags in enumerate(p.tags) for tag in tags]
        writer.insert(MemberTag.__table__, ("member_id", "tag"), tag_rows)  # type: ignore[arg-type]

    def _consent(self, writer: BulkWriter, member_base: int, base: int) -> None:
        p = self.people
        n = p.count
        changed = np.flatnonzero(self.change_second >= 0)
        member = np.concatenate([np.arange(n), changed])
        at = np.concatenate([self.created, self.change_second[changed]])
        value = np.concatenate([p.consent_initial, ~p.consent_initial[changed]])
        origin = np.array(["counter"] * n + ["edit"] * changed.size)
        order = np.lexsort((member, at))
        rows = list(zip(
            (base + np.arange(order.size)).tolist(), (member_base + member[order]).tolist(),
            time_texts(self.start, at[order], missing=None), value[order].astype(int).tolist(), origin[order].tolist(), strict=True,
        ))
        writer.insert(ConsentEvent.__table__, ("id", "member_id", "at", "consent", "origin"), rows)  # type: ignore[arg-type]

    def _purchases(self, writer: BulkWriter, member_base: int, base: int, line_base: int, product_ids: np.ndarray) -> None:
        s = self.sales
        payments = np.array(sales_mod.PAYMENTS, dtype=object)
        channels = np.array(CHANNELS, dtype=object)
        member = np.where(s.p_member >= 0, s.p_member + member_base, -1)

        def purchases(lo: int, hi: int) -> list[tuple[object, ...]]:
            return list(zip(
                range(base + lo, base + hi), _nullable(member[lo:hi]), time_texts(self.start, s.p_second[lo:hi]),
                s.p_total[lo:hi].tolist(), s.p_discount[lo:hi].tolist(), payments[s.p_payment[lo:hi]].tolist(),
                channels[s.p_channel[lo:hi]].tolist(), ["demo"] * (hi - lo),
                time_texts(self.start, s.p_void_second[lo:hi]), strict=True,
            ))

        writer.insert_chunks(
            Purchase.__table__,  # type: ignore[arg-type]
            ("id", "member_id", "purchased_at", "total_cents", "discount_cents", "payment_method", "channel",
             "origin", "voided_at"),
            int(s.p_member.size), purchases,
        )
        line_product = product_ids[s.l_product]

        def lines(lo: int, hi: int) -> list[tuple[object, ...]]:
            return list(zip(
                range(line_base + lo, line_base + hi), (base + s.l_purchase[lo:hi]).tolist(),
                line_product[lo:hi].tolist(), s.l_quantity[lo:hi].tolist(), s.l_unit_price[lo:hi].tolist(),
                s.l_amount[lo:hi].tolist(), strict=True,
            ))

        writer.insert_chunks(
            PurchaseLine.__table__,  # type: ignore[arg-type]
            ("id", "purchase_id", "product_id", "quantity", "unit_price_cents", "amount_cents"),
            int(s.l_purchase.size), lines,
        )

    def _points(self, writer: BulkWriter, member_base: int, purchase_base: int, base: int) -> None:
        s = self.sales
        purchase = np.where(s.e_purchase >= 0, s.e_purchase + purchase_base, -1)
        kinds = np.array(sales_mod.LEDGER_KINDS, dtype=object)
        redeem_note = cat.label(cat.REDEEM_NOTE, self.lang)

        def rows(lo: int, hi: int) -> list[tuple[object, ...]]:
            pid = _nullable(purchase[lo:hi])
            kind = s.e_kind[lo:hi]
            notes: list[str | None] = [None] * (hi - lo)
            for i in np.flatnonzero(kind == 1).tolist():
                notes[i] = redeem_note
            for i in np.flatnonzero(kind == 2).tolist():
                notes[i] = f"void #{pid[i]}"
            return list(zip(
                range(base + lo, base + hi), (member_base + s.e_member[lo:hi]).tolist(),
                time_texts(self.start, s.e_second[lo:hi]), kinds[kind].tolist(), s.e_points[lo:hi].tolist(), pid,
                notes, strict=True,
            ))

        writer.insert_chunks(
            PointsEntry.__table__,  # type: ignore[arg-type]
            ("id", "member_id", "at", "kind", "points", "purchase_id", "note"),
            int(s.e_member.size), rows,
        )

    def _feedback(self, writer: BulkWriter, member_base: int, purchase_base: int, base: int) -> None:
        s = self.sales
        k = s.f_member.size
        member = _nullable(np.where(s.f_member >= 0, s.f_member + member_base, -1))
        ratings = [[r or None for r in col] for col in s.f_ratings.T.tolist()] if k else [[], [], []]
        comments: list[str | None] = [
            cat.label(cat.COMMENTS[b][c], self.lang) if c >= 0 else None
            for b, c in zip(s.f_base.tolist(), s.f_comment.tolist(), strict=True)
        ]
        rows = list(zip(
            range(base, base + k), member, (purchase_base + s.f_purchase).tolist(),
            time_texts(self.start, s.f_second), ratings[0], ratings[1], ratings[2], comments, strict=True,
        ))
        writer.insert(
            Feedback.__table__,  # type: ignore[arg-type]
            ("id", "member_id", "purchase_id", "at", "rating_product", "rating_service", "rating_environment",
             "comment"),
            rows,
        )


def _nullable(ids: np.ndarray) -> list[int | None]:
    """Ids with -1 meaning NULL."""
    out: list[int | None] = list(ids.tolist())
    for i in np.flatnonzero(ids < 0).tolist():
        out[i] = None
    return out
