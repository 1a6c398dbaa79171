"""Loading what the classification engine needs from the database, as numpy arrays.

The heavy reads are shaped for speed on a counter PC:
- purchases: ONE aggregate grouped by member over the covering partial index
  ix_purchases_member_time_total (member_id, purchased_at, total_cents WHERE voided_at IS NULL).
  Grouping by the index's leading column streams without a sort; each member's purchase ids, day
  numbers and totals come back as comma-joined text that numpy parses in C, so 1M purchases cost
  50k Python rows instead of 1M;
- purchase lines of member purchases in the window: one range of purchase ids over the covering
  index ix_purchase_lines_purchase_product_amount (no join, no table rows), purchase, product and
  amount each as ONE comma-joined text (a million lines would otherwise be a million driver rows),
  matched to their purchase's member and day in numpy rather than in SQL.
Day numbers (days since 1970-01-01) are computed in SQL: julianday() on SQLite, date arithmetic on
PostgreSQL.  Every query over sales filters `voided_at IS NULL`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from shopcrm.engine.classify import EPOCH, Members
from shopcrm.engine.metrics import NO_DAY, VisitDays
from shopcrm.engine.params import RuleParams
from shopcrm.engine.products import Catalogue, ProductHistory

_FETCH = 200_000  # rows per fetchmany when rows are streamed into arrays
_NAMED = re.compile(r"(?<!:):(\w+)")


@dataclass(frozen=True)
class Dialect:
    """The few SQL spellings that differ between SQLite and PostgreSQL."""

    name: str

    def day(self, column: str) -> str:
        if self.name == "sqlite":
            # julianday of a date-only text is exact (x.5), so the cast is exact too
            return f"CAST(julianday(substr({column}, 1, 10)) - 2440587.5 AS INTEGER)"
        return f"({column}::date - DATE '1970-01-01')"

    def joined(self, expression: str) -> str:
        if self.name == "sqlite":
            return f"group_concat({expression}, ',')"
        return f"string_agg(CAST({expression} AS text), ',')"

    def moment(self, value: dt.datetime) -> Any:
        """A datetime bound to raw SQL: SQLite stores SQLAlchemy's ISO text, PostgreSQL a timestamp."""
        return value.isoformat(sep=" ", timespec="microseconds") if self.name == "sqlite" else value


def dialect_of(s: Session) -> Dialect:
    return Dialect(s.get_bind().dialect.name)


def _parse_ints(parts: Iterable[str | None]) -> np.ndarray:
    joined = ",".join(filter(None, parts))
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")


def driver_rows(s: Session, sql: str, params: dict[str, Any], binary: bool = False) -> Iterator[list[tuple[Any, ...]]]:
    """Run `sql` (":name" parameters) on the session's own DBAPI connection and yield row batches.

    The driver's cursor skips SQLAlchemy's per-row Result machinery, which costs more than the
    database itself for a million rows; the query still runs in the session's transaction.
    `binary`: PostgreSQL sends the results in its binary format (bytea as bytes, not as hex text).
    """
    dbapi: Any = s.connection().connection.driver_connection
    postgres = s.get_bind().dialect.name != "sqlite"
    if postgres:
        sql = _NAMED.sub(r"%(\1)s", sql)  # psycopg's pyformat; '::' casts are left alone
    cursor = dbapi.cursor(binary=True) if postgres and binary else dbapi.cursor()
    try:
        cursor.execute(sql, params)
        while True:
            batch = cursor.fetchmany(_FETCH)
            if not batch:
                return
            yield batch
    finally:
        cursor.close()


@dataclass(frozen=True)
class Window:
    """The moments that bound the queries for an as-of date."""

    as_of: dt.date
    end: dt.datetime  # exclusive: midnight after T
    window_start: dt.datetime  # first moment of W
    compare_start: dt.datetime  # first moment of the last compare_days days

    @classmethod
    def of(cls, as_of: dt.date, params: RuleParams) -> Window:
        end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
        return cls(
            as_of=as_of,
            end=end,
            window_start=end - dt.timedelta(days=params.window_days),
            compare_start=end - dt.timedelta(days=params.compare_days),
        )


@dataclass(frozen=True)
class Roster:
    """The members a snapshot covers, and what the summary counts "as recorded" (SPEC §3)."""

    members: Members
    registered_day: np.ndarray
    recorded: dict[str, np.ndarray]  # source, area, gender: text or None per member

    def take(self, keep: np.ndarray) -> Roster:
        m = self.members
        return Roster(
            Members(m.ids[keep], m.birth_year[keep], m.birth_month[keep], m.birth_day[keep], m.stored_level[keep]),
            self.registered_day[keep],
            {k: v[keep] for k, v in self.recorded.items()},
        )

    def recorded_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name, values in self.recorded.items():
            tally = Counter(values.tolist())
            unknown = tally.pop(None, 0) + tally.pop("", 0)
            if unknown:
                tally["unknown"] += unknown
            out[name] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
        return out


def load_roster(s: Session, only: int | None = None) -> Roster:
    """Every member not erased, by id (restrict() then drops those who did not exist yet on T);
    `only`: just that member (one card brought up to date)."""
    d = dialect_of(s)
    one = "" if only is None else " AND id = :only"
    rows = [
        row
        for batch in driver_rows(
            s,
            f"SELECT id, {d.day('registered_on')}, COALESCE(birth_year, 0), COALESCE(birth_month, 0), "
            f"COALESCE(birth_day, 0), level, source, area, gender FROM members WHERE status <> 'erased'{one} ORDER BY id",
            {} if only is None else {"only": only},
        )
        for row in batch
    ]
    numbers = np.fromiter(itertools.chain.from_iterable(r[:6] for r in rows), dtype=np.int64, count=6 * len(rows)).reshape(-1, 6)
    texts = np.array([r[6:] for r in rows], dtype=object).reshape(-1, 3)
    return Roster(
        Members(numbers[:, 0], numbers[:, 2], numbers[:, 3], numbers[:, 4], numbers[:, 5]),
        numbers[:, 1],
        {"source": texts[:, 0], "area": texts[:, 1], "gender": texts[:, 2]},
    )


@dataclass(frozen=True)
class Purchases:
    """Every live member purchase up to T: id, member index, day number, total."""

    purchase_id: np.ndarray
    member: np.ndarray
    day: np.ndarray
    total: np.ndarray

    def visit_days(self) -> VisitDays:
        return VisitDays.from_rows(self.member, self.day, np.ones(self.member.size, dtype=np.int64), self.total)


def _index_of(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Position of each wanted id in `ids` (distinct ids, any order), -1 where absent.

    Database ids are mostly dense, so a table over their range answers with one gather; scattered
    ids (a range much wider than their number) are looked up by binary search instead.
    """
    if ids.size == 0 or wanted.size == 0:
        return np.full(wanted.size, -1, dtype=np.int64)
    lo, hi = int(ids.min()), int(ids.max())
    if hi - lo <= 4 * ids.size + 100_000:
        table = np.full(hi - lo + 1, -1, dtype=np.int64)
        table[ids - lo] = np.arange(ids.size)
        inside = (wanted >= lo) & (wanted <= hi)
        return np.where(inside, table[np.where(inside, wanted - lo, 0)], -1)
    order = np.argsort(ids, kind="stable")
    ranked = ids[order]
    pos = np.minimum(np.searchsorted(ranked, wanted), ids.size - 1)
    return np.where(ranked[pos] == wanted, order[pos], -1)


def load_purchases(s: Session, window: Window, member_ids: np.ndarray, only: int | None = None) -> Purchases:
    """Every live member purchase up to T, read over the covering index (see the module note)."""
    d = dialect_of(s)
    where = "purchased_at < :end"
    params: dict[str, Any] = {"end": d.moment(window.end)}
    if only is not None:  # one member's purchases (one card brought up to date)
        where += " AND member_id = :only"
        params["only"] = only
    buyer, purchase_id, day, total = purchase_rows(s, where, params)
    return purchases_of(buyer, purchase_id, day, total, member_ids)


def purchase_rows(
    s: Session, where: str = "", params: dict[str, Any] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(member id, purchase id, day, total) of every live member purchase [that matches `where`].

    SQLite gets the per-member aggregate with comma-joined columns (its driver pays per row);
    PostgreSQL gets plain rows, which psycopg fetches faster than the server builds the text.
    """
    d = dialect_of(s)
    where = "WHERE voided_at IS NULL AND member_id IS NOT NULL" + (f" AND {where}" if where else "")
    params = params or {}
    if d.name == "sqlite":
        rows = [
            row
            for batch in driver_rows(
                s,
                f"SELECT member_id, COUNT(*), {d.joined('id')}, {d.joined(d.day('purchased_at'))}, "
                f"{d.joined('total_cents')} FROM purchases {where} GROUP BY member_id",
                params,
            )
            for row in batch
        ]
        buyers = np.fromiter(map(itemgetter(0), rows), dtype=np.int64, count=len(rows))
        counts = np.fromiter(map(itemgetter(1), rows), dtype=np.int64, count=len(rows))
        buyer = np.repeat(buyers, counts)
        purchase_id = _parse_ints(map(itemgetter(2), rows))
        day = _parse_ints(map(itemgetter(3), rows))
        total = _parse_ints(map(itemgetter(4), rows))
        return buyer, purchase_id, day, total
    chunks = [
        np.fromiter(itertools.chain.from_iterable(batch), dtype=np.int64, count=4 * len(batch))
        for batch in driver_rows(s, f"SELECT member_id, id, {d.day('purchased_at')}, total_cents FROM purchases {where}", params)
    ]
    table = np.concatenate(chunks).reshape(-1, 4) if chunks else np.zeros((0, 4), dtype=np.int64)
    buyer, purchase_id, day, total = (np.ascontiguousarray(column) for column in table.T)
    return buyer, purchase_id, day, total


def purchases_of(
    buyer: np.ndarray, purchase_id: np.ndarray, day: np.ndarray, total: np.ndarray, member_ids: np.ndarray
) -> Purchases:
    """Purchases of the members in `member_ids` (their index there); purchases of erased members are
    not classified."""
    member = _index_of(member_ids, buyer)
    keep = member >= 0
    return Purchases(purchase_id[keep], member[keep], day[keep], total[keep])


def restrict(roster: Roster, purchases: Purchases, as_of: dt.date) -> tuple[Roster, Purchases]:
    """Drop members registered after T who had not bought by T (an imported history may have
    purchases from before the registration date it records)."""
    n = roster.members.size
    bought = np.bincount(purchases.member, minlength=n) > 0
    keep = (roster.registered_day <= (as_of - dt.date(1970, 1, 1)).days) | bought
    if keep.all():
        return roster, purchases
    new_index = np.cumsum(keep) - 1
    return roster.take(keep), Purchases(
        purchases.purchase_id, new_index[purchases.member], purchases.day, purchases.total
    )


def load_low_ratings(s: Session, window: Window, members: Members, params: RuleParams) -> np.ndarray:
    """Members who gave a rating <= churn_low_rating in the last compare_days days."""
    d = dialect_of(s)
    rows = s.execute(
        text(
            "SELECT DISTINCT member_id FROM feedback WHERE member_id IS NOT NULL AND at >= :start AND at < :end "
            "AND (rating_product <= :r OR rating_service <= :r OR rating_environment <= :r)"
        ),
        {"start": d.moment(window.compare_start), "end": d.moment(window.end), "r": params.churn_low_rating},
    ).all()
    out = np.zeros(members.size, dtype=bool)
    idx = _index_of(members.ids, np.array([r[0] for r in rows], dtype=np.int64))
    out[idx[idx >= 0]] = True
    return out


def load_catalogue(s: Session) -> Catalogue:
    d = dialect_of(s)
    categories = s.execute(text("SELECT id, name FROM categories ORDER BY name, id")).all()
    cat_ids = np.array([c[0] for c in categories], dtype=np.int64)
    order = np.argsort(cat_ids)
    rows = s.execute(
        text(
            f"SELECT id, name, COALESCE(category_id, -1), "
            f"CASE WHEN launched_on IS NULL THEN NULL ELSE {d.day('launched_on')} END, active "
            "FROM products ORDER BY id"
        )
    ).all()
    category_id = np.array([r[2] for r in rows], dtype=np.int64)
    if cat_ids.size:
        pos = np.searchsorted(cat_ids[order], category_id)
        pos = np.minimum(pos, cat_ids.size - 1)
        found = cat_ids[order][pos] == category_id
        category = np.where(found, order[pos], -1)
    else:
        category = np.full(len(rows), -1, dtype=np.int64)
    return Catalogue(
        product_ids=np.array([r[0] for r in rows], dtype=np.int64),
        product_names=tuple(str(r[1]) for r in rows),
        product_category=category.astype(np.int64),
        launched_day=np.array([NO_DAY if r[3] is None else r[3] for r in rows], dtype=np.int64),
        active=np.array([bool(r[4]) for r in rows], dtype=bool),
        category_names=tuple(str(c[1]) for c in categories),
    )


@dataclass(frozen=True)
class Lines:
    """Product lines of the member purchases in W, joined to their purchase."""

    history: ProductHistory  # per (member, product)
    basket: np.ndarray  # purchase id per line (for co-purchase counts)
    product: np.ndarray  # product index per line
    ever: ProductHistory = ProductHistory.empty()  # per (member, product) over all purchases up to T


# Up to this many purchases the lines are read by id (a member's card), else by the id range.
FEW_PURCHASES = 500
# Up to this many (member, product) cells the lines are tallied in a table of them all (8 bytes each).
DENSE_KEYS = 16_000_000


def load_lines(
    s: Session, window: Window, purchases: Purchases, catalogue: Catalogue, params: RuleParams
) -> Lines:
    """Lines of the member purchases in W, read from the covering index of purchase_lines alone.

    The purchase ids of W's member purchases are known already (load_purchases), so the lines come
    from one range of purchase ids in ix_purchase_lines_purchase_product_amount: no join with
    purchases, no table row touched (4-5x faster than the join).  Lines of other purchases in the
    range (walk-ins, voided sales, purchases outside W when ids are not in time order) are dropped
    here when they are matched to their purchase.  Each column comes back as one comma-joined text.
    The lines before W are read too, only to know what each member ever bought (recommendations
    never repeat an old purchase).
    """
    ids = purchases.purchase_id
    if ids.size == 0 or catalogue.size == 0:
        return lines_of(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                        window, purchases, catalogue, params)
    return lines_of(*line_rows(s, ids), window, purchases, catalogue, params)


def line_rows(s: Session, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(purchase id, product id, amount) of the lines with a product of the purchases `ids` (distinct),
    and of other purchases in their id range when there are many (the caller matches them)."""
    d = dialect_of(s)
    if ids.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if ids.size <= FEW_PURCHASES:  # one member's card: their own purchases, not the range they span
        where = "purchase_id IN (" + ",".join(str(int(i)) for i in ids.tolist()) + ")"
        bounds: dict[str, Any] = {}
    else:
        where = "purchase_id BETWEEN :lo AND :hi"
        bounds = {"lo": int(ids.min()), "hi": int(ids.max())}
    rows = [
        row
        for batch in driver_rows(
            s,
            f"SELECT {d.joined('purchase_id')}, {d.joined('product_id')}, {d.joined('amount_cents')} "
            f"FROM purchase_lines WHERE {where} AND product_id IS NOT NULL",
            bounds,
        )
        for row in batch
    ]
    basket, product_id, amount = (_parse_ints(r[i] for r in rows) for i in range(3))
    return basket, product_id, amount


def lines_of(
    basket: np.ndarray, product_id: np.ndarray, amount: np.ndarray,
    window: Window, purchases: Purchases, catalogue: Catalogue, params: RuleParams,
) -> Lines:
    """Lines (purchase id, product id, amount) matched to `purchases`; lines of any other purchase
    (walk-ins, voided, after T, of erased members) and of unknown products are dropped."""
    ids = purchases.purchase_id
    if ids.size == 0 or catalogue.size == 0:
        return Lines(ProductHistory.empty(), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    start_day = (window.window_start.date() - EPOCH).days
    every = np.arange(ids.size)
    at = _index_of(ids, basket)
    product = _index_of(catalogue.product_ids, product_id)
    keep = (at >= 0) & (product >= 0)
    at, product, amount, basket = every[at[keep]], product[keep], amount[keep], basket[keep]
    ever_member = purchases.member[at]
    ever = _per_member_product(ever_member, product, amount, np.zeros(product.size, dtype=bool), catalogue.size)
    inside = purchases.day[at] >= start_day
    at, product, amount, basket = at[inside], product[inside], amount[inside], basket[inside]
    member = purchases.member[at]
    day = purchases.day[at]
    launched = catalogue.launched_day[product]
    new = (launched != NO_DAY) & (day >= launched) & (day - launched < params.new_product_days)
    return Lines(
        history=_per_member_product(member, product, amount, new, catalogue.size),
        basket=basket,
        product=product,
        ever=ever,
    )


def _per_member_product(
    member: np.ndarray, product: np.ndarray, amount: np.ndarray, new: np.ndarray, n_products: int
) -> ProductHistory:
    if member.size == 0:
        return ProductHistory.empty()
    key = member * max(n_products, 1) + product
    span = int(key.max()) + 1
    if span <= DENSE_KEYS:  # every (member, product) cell counted in place: no sort of the lines
        seen = np.bincount(key, minlength=span) > 0
        unique = np.flatnonzero(seen)
        inverse = (np.cumsum(seen) - 1)[key]
    else:
        unique, inverse = np.unique(key, return_inverse=True)
    lines = np.bincount(inverse).astype(np.int64)
    total = np.rint(np.bincount(inverse, weights=amount.astype(float))).astype(np.int64)
    new_amount = np.rint(np.bincount(inverse, weights=np.where(new, amount, 0).astype(float))).astype(np.int64)
    new_lines = np.bincount(inverse, weights=new.astype(float)).astype(np.int64)
    return ProductHistory(
        member=unique // max(n_products, 1),
        product=unique % max(n_products, 1),
        lines=lines,
        amount=total,
        new_amount=new_amount,
        new_lines=new_lines,
    )
