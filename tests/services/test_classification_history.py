"""The packed per-member histories (classification.history) against the plain read of the sales
tables: after counter sales (with and without a member, backdated), voids, erasures, imports, undo of
an import, refreshes at any point, an interrupted rebuild, and with tiny chunk sizes, a full
classification reads exactly the Inputs the plain read gives, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select, text

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, MemberHistoryMarks, Product, Purchase
from shopcrm.demo.shop import generate_demo
from shopcrm.engine.classify import Inputs
from shopcrm.services.classification import data, history
from shopcrm.services.classification.run import classify, read_inputs
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.records import MemberInput, erase_member, register_member
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase, void_purchase
from shopcrm.services.shop.settings import load_settings

NOW = dt.datetime.now().replace(microsecond=0)
HEADER = ["销售日期", "小票号", "会员手机", "实收金额"]


def assert_same_inputs(fast: Inputs, plain: Inputs) -> None:
    """Field by field; the baskets as a multiset (their order means nothing to the engine)."""
    assert fast.as_of == plain.as_of
    for name in ("ids", "birth_year", "birth_month", "birth_day", "stored_level"):
        np.testing.assert_array_equal(getattr(fast.members, name), getattr(plain.members, name), err_msg=name)
    for name in ("member", "day", "purchases", "spend"):
        np.testing.assert_array_equal(getattr(fast.visits, name), getattr(plain.visits, name), err_msg=name)
    for which in ("products", "ever_products"):
        for name in ("member", "product", "lines", "amount", "new_amount", "new_lines"):
            np.testing.assert_array_equal(
                getattr(getattr(fast, which), name), getattr(getattr(plain, which), name), err_msg=f"{which}.{name}"
            )
    a = np.lexsort((fast.basket_product, fast.basket))
    b = np.lexsort((plain.basket_product, plain.basket))
    np.testing.assert_array_equal(fast.basket[a], plain.basket[b])
    np.testing.assert_array_equal(fast.basket_product[a], plain.basket_product[b])
    np.testing.assert_array_equal(fast.low_rating, plain.low_rating)
    assert fast.clv_start == plain.clv_start


def check(db: Database) -> None:
    settings_ = load_settings(db)
    for as_of in (NOW.date(), NOW.date() - dt.timedelta(days=20)):
        with db.read() as s:
            fast = read_inputs(s, as_of, settings_)
            plain = read_inputs(s, as_of, settings_, packed=False)
        assert_same_inputs(fast, plain)


class Actions:
    """What the shop does between two classifications, one step at a time."""

    def __init__(self, db: Database, folder: Path) -> None:
        self.db = db
        self.folder = folder
        self.files = itertools.count()
        self.batches: list[int] = []

    def _members(self) -> list[tuple[int, str | None]]:
        """(id, phone) of the members not erased."""
        with self.db.read() as s:
            return [(int(i), p) for i, p in s.execute(
                select(Member.id, Member.phone).where(Member.status != "erased").order_by(Member.id))]

    def _products(self) -> list[int]:
        with self.db.read() as s:
            return list(s.scalars(select(Product.id).where(Product.active.is_(True)).order_by(Product.id)))

    def sale(self, rnd: random.Random, member: bool = True, backdated: bool = False) -> None:
        members = self._members()
        who = rnd.choice(members)[0] if member and members else None
        products = self._products()
        lines = [LineInput(product_id=rnd.choice(products), quantity=rnd.randint(1, 3)) for _ in range(rnd.randint(1, 3))]
        when = NOW - dt.timedelta(days=rnd.randint(1, 60), hours=1) if backdated else None
        record_purchase(self.db, PurchaseInput(member_id=who, lines=lines, purchased_at=when))

    def void(self, rnd: random.Random, walk_in: bool | None = None) -> int | None:
        """Void a sale, mostly a member's (old or recent); returns its member."""
        walk_in = rnd.random() < 0.2 if walk_in is None else walk_in
        with self.db.read() as s:
            erased = select(Member.id).where(Member.status == "erased")  # the shop cannot void theirs
            live = s.execute(
                select(Purchase.id, Purchase.member_id).where(
                    Purchase.voided_at.is_(None),
                    Purchase.member_id.is_(None) if walk_in else Purchase.member_id.not_in(erased),
                ).order_by(Purchase.id)
            ).all()
        if not live:
            return None
        purchase, member = rnd.choice(live[-20:] + live[:20])
        void_purchase(self.db, purchase)
        return member

    def erase(self, rnd: random.Random) -> None:
        members = self._members()
        if len(members) > 5:
            erase_member(self.db, rnd.choice(members)[0])

    def register(self, rnd: random.Random) -> None:
        n = next(self.files)  # examples share the shop: a phone nobody has yet
        register_member(self.db, MemberInput(name=f"New {n}", phone=f"137{n:08d}"))

    def import_sales(self, rnd: random.Random) -> None:
        phones = [phone for _, phone in self._members() if phone] or ["13900000000"]
        wb = Workbook()
        ws = wb.active
        ws.append(HEADER)
        n = next(self.files)
        for i in range(rnd.randint(1, 6)):
            phone = rnd.choice(phones) if rnd.random() < 0.8 else "13811112222"  # an unknown phone: no member
            when = NOW - dt.timedelta(days=rnd.randint(1, 200), minutes=rnd.randint(0, 600))
            ws.append([when, f"T{n}-{i}", phone, rnd.choice([12, 30.5, 88])])
        path = self.folder / f"sales-{n}.xlsx"
        wb.save(path)
        result = import_file(self.db, path, "sales")
        self.batches.append(result.batch)

    def undo(self, rnd: random.Random) -> None:
        if self.batches:
            undo_import(self.db, self.batches.pop(rnd.randrange(len(self.batches))), backup=False)

    def refresh(self, rnd: random.Random) -> None:
        history.refresh(self.db)
        with self.db.read() as s:  # from here on the stored rows answer for everyone untouched
            marks = history.stored_marks(s)
            assert marks is not None and history.touched(s, marks) == []

    def interrupted_rebuild(self, rnd: random.Random, monkeypatch: pytest.MonkeyPatch) -> None:
        """A rebuild that dies after writing a few rows (the marks stay 'building')."""
        with self.db.transaction() as s:  # another import's marks: the next refresh rebuilds everything
            row = s.get(MemberHistoryMarks, history.MARKS_ID)
            if row is not None:
                row.version = history.VERSION + 1
        real = history.pack

        def dies(h: history.Histories) -> Iterator[tuple[int, bytes, bytes]]:
            yield from itertools.islice(real(h), rnd.randint(0, 8))
            raise RuntimeError("power cut")

        with monkeypatch.context() as m:
            m.setattr(history, "pack", dies)
            with pytest.raises(RuntimeError, match="power cut"):
                history.refresh(self.db)


ACTIONS = ("sale", "walk_in", "backdated", "void", "erase", "register", "import_sales", "undo", "refresh", "interrupted")


@pytest.fixture
def shop(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Actions:
    # voids, walk-ins and lines of every kind come with the demo; small chunks cross every boundary
    generate_demo(db, members=40, months=3, seed=5, end=NOW - dt.timedelta(hours=3))
    monkeypatch.setattr(history, "WRITE_CHUNK", 7)
    monkeypatch.setattr(data, "FEW_PURCHASES", 6)
    return Actions(db, tmp_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=8), seed=st.integers(0, 10**6),
       partial_limit=st.sampled_from([0, 2, 20_000]))
def test_packed_histories_read_what_the_sales_tables_hold(
    shop: Actions, monkeypatch: pytest.MonkeyPatch, steps: list[str], seed: int, partial_limit: int
) -> None:
    rnd = random.Random(seed)
    monkeypatch.setattr(history, "PARTIAL_LIMIT", partial_limit)
    history.refresh(shop.db)
    check(shop.db)
    for step in steps:
        if step == "walk_in":
            shop.sale(rnd, member=False)
        elif step == "backdated":
            shop.sale(rnd, backdated=True)
        elif step == "interrupted":
            shop.interrupted_rebuild(rnd, monkeypatch)
        else:
            getattr(shop, step)(rnd)
        check(shop.db)


def test_a_refresh_folds_sales_and_voids_in_and_a_second_one_writes_nothing(shop: Actions) -> None:
    db = shop.db
    rnd = random.Random(3)
    history.refresh(db)
    shop.sale(rnd)
    shop.void(rnd)
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None
        assert history.touched(s, marks)  # the sale's (and perhaps the void's) member
    history.refresh(db)
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None and history.touched(s, marks) == []
        assert marks.purchase_id == s.scalar(text("SELECT MAX(id) FROM purchases"))
        stored = s.execute(text("SELECT COUNT(*) FROM member_histories")).scalar()
        buyers = s.execute(text(
            "SELECT COUNT(DISTINCT member_id) FROM purchases WHERE voided_at IS NULL AND member_id IS NOT NULL"
        )).scalar()
        assert stored == buyers
    check(db)


def test_a_void_of_a_stored_purchase_is_read_from_the_sales_tables(shop: Actions) -> None:
    """No sale since the refresh: the void alone (found by its purchase id) makes the member's row stale."""
    db = shop.db
    history.refresh(db)
    member = shop.void(random.Random(7), walk_in=False)
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None and history.touched(s, marks) == [member]
    check(db)
    history.refresh(db)
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None and history.touched(s, marks) == []
    check(db)


def test_a_full_classification_refreshes_the_histories(shop: Actions) -> None:
    db = shop.db
    with db.read() as s:
        assert history.stored_marks(s) is None  # never built: the first run reads the sales tables
    classify(db)
    with db.read() as s:
        assert history.stored_marks(s) is not None
    shop.sale(random.Random(1))
    classify(db)  # the sale's member folded in before the read
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None and marks.purchase_id == s.scalar(text("SELECT MAX(id) FROM purchases"))
        assert history.touched(s, marks) == []
    check(db)


@settings(max_examples=200, deadline=None)
@given(
    purchases=st.lists(st.tuples(st.integers(1, 6), st.integers(-3, 30_000), st.integers(-500, 10**12)), max_size=30),
    lines=st.lists(st.tuples(st.integers(0, 29), st.integers(1, 9), st.integers(-500, 10**9)), max_size=60),
)
def test_packing_and_unpacking_keep_every_purchase_and_line(
    purchases: list[tuple[int, int, int]], lines: list[tuple[int, int, int]]
) -> None:
    n = len(purchases)
    member = np.array([p[0] for p in purchases], dtype=np.int64)
    ids = np.arange(100, 100 + n, dtype=np.int64)[::-1].copy()
    line_rows = [line for line in lines if line[0] < n]
    h = history.Histories(
        member, ids, np.array([p[1] for p in purchases], dtype=np.int64), np.array([p[2] for p in purchases], dtype=np.int64),
        ids[[line[0] for line in line_rows]] if line_rows else np.zeros(0, dtype=np.int64),
        np.array([line[1] for line in line_rows], dtype=np.int64), np.array([line[2] for line in line_rows], dtype=np.int64),
    )
    rows = list(history.pack(h))
    assert [r[0] for r in rows] == sorted(set(member.tolist()))
    back = history.unpack(rows)

    def purchase_set(x: history.Histories) -> list[tuple[int, ...]]:
        return sorted(zip(x.member.tolist(), x.purchase_id.tolist(), x.day.tolist(), x.total.tolist(), strict=True))

    def line_set(x: history.Histories) -> list[tuple[int, ...]]:
        return sorted(zip(x.line_purchase.tolist(), x.line_product.tolist(), x.line_amount.tolist(), strict=True))

    assert purchase_set(back) == purchase_set(h)
    assert line_set(back) == line_set(h)
    if n:
        gone = np.array([member[0]])
        rest = h.without(gone)
        assert purchase_set(rest) == [p for p in purchase_set(h) if p[0] != member[0]]
        kept_ids = set(rest.purchase_id.tolist())
        assert line_set(rest) == [x for x in line_set(h) if x[0] in kept_ids]


def test_upgrading_a_shop_with_sales_to_the_packed_histories(tmp_path: Path) -> None:
    """A shop at 0007_speed with sales: the upgrade adds the empty tables; the first run builds them."""
    import sqlite3

    from shopcrm.db.migrate import head_revision

    def before_histories() -> str:
        """The revision 0009_member_history upgrades from (migrations are re-chained when merged)."""
        from alembic.script import ScriptDirectory

        from shopcrm.db.migrate import alembic_config

        return str(ScriptDirectory.from_config(alembic_config()).get_revision("0009_member_history").down_revision)
    from shopcrm.db.opening import open_database

    path = tmp_path / "shop.db"
    db = open_database(path)
    generate_demo(db, members=30, months=2, seed=2, end=NOW - dt.timedelta(hours=3))
    classify(db)
    db.dispose()
    from alembic import command

    from shopcrm.db.migrate import alembic_config

    db = open_database(path)
    command.downgrade(alembic_config(db), before_histories())  # the shop as it was before them
    db.dispose()
    conn = sqlite3.connect(path)
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'member_histories'").fetchall()
    conn.close()
    db = open_database(path)
    try:
        with db.read() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
            assert history.stored_marks(s) is None
        check(db)
        classify(db)
        with db.read() as s:
            assert history.stored_marks(s) is not None
            assert s.execute(text("SELECT COUNT(*) FROM member_histories")).scalar()
        check(db)
    finally:
        db.dispose()


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 6), st.integers(-100, 10**6)), max_size=80),
    launched=st.lists(st.one_of(st.none(), st.integers(19_990, 20_010)), min_size=5, max_size=5),
)
def test_lines_tallied_in_a_table_of_every_cell_or_by_sorting_agree(
    lines: list[tuple[int, int, int]], launched: list[int | None]
) -> None:
    """lines_of counts (member, product) cells in place up to DENSE_KEYS cells, by sorting beyond."""
    from shopcrm.engine.metrics import NO_DAY
    from shopcrm.engine.params import RuleParams
    from shopcrm.engine.products import Catalogue

    purchases = data.Purchases(
        purchase_id=np.arange(10, 22, dtype=np.int64), member=np.array([0, 0, 1, 2, 2, 2, 3, 5, 5, 7, 8, 8]),
        day=np.arange(19_995, 20_007, dtype=np.int64), total=np.full(12, 100, dtype=np.int64),
    )
    catalogue = Catalogue(
        product_ids=np.array([3, 4, 5, 7, 9], dtype=np.int64), product_names=tuple("abcde"),
        product_category=np.zeros(5, dtype=np.int64),
        launched_day=np.array([NO_DAY if d is None else d for d in launched], dtype=np.int64),
        active=np.ones(5, dtype=bool), category_names=("x",),
    )
    basket = np.array([10 + line[0] for line in lines], dtype=np.int64)
    product = np.array([(3, 4, 5, 7, 9, 8, 2)[line[1]] for line in lines], dtype=np.int64)  # 8 and 2: unknown
    amount = np.array([line[2] for line in lines], dtype=np.int64)
    window = data.Window.of(dt.date(2024, 10, 6), RuleParams(window_days=5))  # days 19998-20002: some lines before W
    dense = data.lines_of(basket, product, amount, window, purchases, catalogue, RuleParams(window_days=5))
    old = data.DENSE_KEYS
    try:
        data.DENSE_KEYS = 0
        sorted_ = data.lines_of(basket, product, amount, window, purchases, catalogue, RuleParams(window_days=5))
    finally:
        data.DENSE_KEYS = old
    for which in ("history", "ever"):
        for name in ("member", "product", "lines", "amount", "new_amount", "new_lines"):
            np.testing.assert_array_equal(getattr(getattr(dense, which), name), getattr(getattr(sorted_, which), name))
    np.testing.assert_array_equal(dense.basket, sorted_.basket)
    np.testing.assert_array_equal(dense.product, sorted_.product)


def test_on_postgresql_a_refresh_does_not_wait_behind_a_long_write(shop: Actions) -> None:
    """A sale or an import still open keeps its lock on purchases: the refresh gives up at once (its
    waiting SHARE lock would hold up the counter's next sales), and the read stays right."""
    db = shop.db
    if db.is_sqlite:
        pytest.skip("SQLite has one writer at a time: the refresh's own write transaction waits its turn")
    history.refresh(db)
    shop.sale(random.Random(4))
    with db.read() as s:
        before = history.stored_marks(s)
    with db.engine.connect() as other:
        other.execute(text("LOCK TABLE purchases IN ROW EXCLUSIVE MODE"))  # what an open sale holds
        started = dt.datetime.now()
        history.refresh(db)
        assert (dt.datetime.now() - started).total_seconds() < 5
        other.rollback()
    with db.read() as s:
        assert history.stored_marks(s) == before  # nothing folded in this time
    check(db)
    history.refresh(db)
    with db.read() as s:
        marks = history.stored_marks(s)
        assert marks is not None and history.touched(s, marks) == []
