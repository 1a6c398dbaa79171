"""The sales import's fast writes against their slow twins, end to end on generated sheets.

Fast: plain indexes of purchases and their lines dropped for a large write into small tables and
built once after it; points of members whose points are plain earnings brought in line set-based in
SQL.  Slow (ImportTuning(fast_paths=False)): indexes kept up row by row, every member replayed.
Both must leave the same shop, across small injected chunk sizes (reader and bulk writer), with the
hostile cases shops send: decimal commas, two-digit years, receipts split over rows, rows exported
twice, refunds, receipts imported before with lines added now, and a member with the shop's own
points adjustment.  Undoing either import must give back exactly the shop before it; an import that
fails while writing changes nothing and leaves every index in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_factory import csv_file, xlsx
from sqlalchemy import select, text

from shopcrm.db import bulk
from shopcrm.db.engine import Database
from shopcrm.db.models import ImportedLine, Member, PointsDraw, PointsEntry, Product, Purchase, PurchaseLine
from shopcrm.services.importing import sales_write
from shopcrm.services.importing.options import ImportOptions, ImportTuning
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members import points
from shopcrm.services.members.points import adjust_points
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.shop.settings import update_settings

HEADER = ["销售日期", "小票号", "会员手机", "商品名称", "数量", "实收金额", "类型"]
PHONES = ["13800000001", "13800000002", "13800000003", None]
PRODUCTS = ["拿铁", "蛋糕", None]

_row = st.tuples(
    st.integers(0, 40),  # day
    st.integers(0, 6),  # receipt step: 0 = another line of the receipt before
    st.sampled_from(PHONES), st.sampled_from(PRODUCTS), st.sampled_from([1, 1, 2, -1]),
    st.sampled_from([1_250, 800, 3_000, 99]),  # amount in cents
    st.sampled_from([None, None, None, "退货"]),
    st.integers(0, 2),  # how many times the row is exported
)


def _sheet(rows: list[Any], as_csv: bool) -> list[list[Any]]:
    """The rows as a shop's export: two-digit years first (25/01/02), amounts with a decimal comma in
    the CSV (';'-separated) and as numbers in the .xlsx, some rows exported twice."""
    out: list[list[Any]] = [["门店流水"], HEADER]
    receipt = 100
    for day, step, phone, product, qty, cents, kind, copies in rows:
        receipt += step
        when = dt.datetime(2025, 1, 1, 9) + dt.timedelta(days=day, minutes=receipt)
        amount: Any = f"{cents // 100},{cents % 100:02d}" if as_csv else cents / 100
        line = [when.strftime("%y/%m/%d %H:%M"), f"X{receipt}", phone, product, qty, amount, kind]
        out.extend([line] * (1 + copies // 2))
    return out


def _dump(db: Database) -> dict[str, Any]:
    """The shop's sales, members and points by their natural keys (ids differ between runs)."""
    pt, lt, mt, pdt = Purchase.__table__, PurchaseLine.__table__, Member.__table__, Product.__table__
    et, dt_, it = PointsEntry.__table__, PointsDraw.__table__, ImportedLine.__table__
    with db.read() as s:
        c = s.connection()
        ref = dict(c.execute(select(pt.c.id, pt.c.external_ref)).all())
        phone = dict(c.execute(select(mt.c.id, mt.c.phone)).all())
        name = dict(c.execute(select(pdt.c.id, pdt.c.name)).all())
        entries = {r.id: (phone[r.member_id], r.kind, r.at, r.points, ref.get(r.purchase_id)) for r in c.execute(select(et))}
        return {
            "members": sorted(c.execute(select(mt.c.phone, mt.c.card_no, mt.c.name, mt.c.registered_on, mt.c.points_balance,
                                               mt.c.level, mt.c.status)).all(), key=repr),
            "purchases": sorted(((r.external_ref, phone.get(r.member_id), r.purchased_at, r.total_cents, r.discount_cents,
                                  r.points_earned, r.voided_at) for r in c.execute(select(pt))), key=repr),
            "lines": sorted(((ref[r.purchase_id], name.get(r.product_id), float(r.quantity), r.unit_price_cents,
                              r.amount_cents) for r in c.execute(select(lt))), key=repr),
            "imported_lines": sorted(((r.ref, ref[r.purchase_id], r.amount_cents) for r in c.execute(select(it))), key=repr),
            "products": sorted(c.execute(select(pdt.c.name, pdt.c.price_cents)).all(), key=repr),
            "ledger": sorted(entries.values(), key=repr),
            "draws": sorted(((entries[r.debit_id], entries[r.lot_id], r.points) for r in c.execute(select(dt_))), key=repr),
        }


CLEARED = ("points_draws", "points_ledger", "imported_lines", "rejected_rows", "purchase_lines", "purchases", "member_tags",
           "consent_events", "import_member_changes", "members", "import_batches", "products", "categories")


def _clear(db: Database) -> None:
    """An empty shop again (hypothesis runs many examples on one database)."""
    with db.transaction() as s:
        for name in CLEARED:
            s.execute(text(f"DELETE FROM {name}"))


def _without_products(shop: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in shop.items() if k != "products"}


def _import(db: Database, path: Path, fast: bool) -> Any:
    tuning = ImportTuning(chunk_rows=5, fast_paths=fast)
    return import_file(db, path, "sales", ImportOptions(tuning=tuning, date_orders={"*": "ymd"}, remember_mapping=False))


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=30), earlier=st.integers(0, 10), as_csv=st.booleans(),
       write_chunk=st.integers(1, 7))
def test_fast_writes_leave_the_shop_the_slow_twin_leaves(
    db: Database, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, rows: list[Any],
    earlier: int, as_csv: bool, write_chunk: int,
) -> None:
    monkeypatch.setattr(bulk, "CHUNK", write_chunk)  # the bulk writer's chunks, small
    folder = tmp_path_factory.mktemp("fast")
    table = _sheet(rows, as_csv)
    write = (lambda p, t: csv_file(p, t, delimiter=";")) if as_csv else (lambda p, t: xlsx(p, {"流水": t}))
    suffix = ".csv" if as_csv else ".xlsx"
    whole = write(folder / f"all{suffix}", table)
    results = {}
    for fast in (True, False):
        _clear(db)
        if earlier:  # part of the file imported before: known members, receipts that get lines added now
            _import(db, write(folder / f"first{suffix}", table[: 2 + earlier]), fast)
        before = _dump(db)
        result = _import(db, whole, fast)
        results[fast] = (result.summary() | {"batch": None}, _dump(db))
        if result.batch is not None:
            undo_import(db, result.batch, backup=False)
        # Undo gives back exactly the shop before (products an import made stay in the catalogue, on its review list).
        assert _without_products(_dump(db)) == _without_products(before)
    assert results[True] == results[False]


def test_shop_facts_and_known_members_through_both_paths(db: Database, tmp_path: Path) -> None:
    """A member with the shop's own adjustment (replayed) beside plain earners (set-based), expiry off."""
    update_settings(db, points_expiry_months=0)
    known = register_member(db, MemberInput(phone=PHONES[0]))
    adjust_points(db, known.id, 30, "welcome")
    rows = [(d, 1, PHONES[d % 3], PRODUCTS[d % 2], 1, 1_250 + d, None, 0) for d in range(12)]
    path = xlsx(tmp_path / "s.xlsx", {"流水": _sheet(rows, False)})
    fast = _import(db, path, True)
    shop_fast = _dump(db)
    undo_import(db, fast.batch, backup=False)
    slow = _import(db, path, False)
    assert _dump(db) == shop_fast
    assert slow.members_created == fast.members_created == 2
    balances = {p: b for p, _, _, _, b, _, _ in shop_fast["members"]}
    # The adjustment kept, plus ¥1 = 1 point for each of the four ¥12.5x sales.
    assert balances["+86" + PHONES[0]] == 30 + 4 * 12 and balances["+86" + PHONES[1]] == 4 * 12


def _indexes(db: Database) -> list[tuple[str, str | None]]:
    """The indexes of purchases and their lines as SQLite keeps them (name and definition)."""
    with db.read() as s:
        rows = s.connection().execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('purchases', 'purchase_lines')"
        ))
        return sorted((name, sql) for name, sql in rows)


def test_indexes_are_built_again_with_statistics(sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(points, "STATISTICS_FROM", 5)  # the earn rows of 30 sales count as a bulk write
    before = _indexes(sqlite_db)
    rows = [(d, 1, PHONES[d % 4], PRODUCTS[d % 3], 1, 800, None, 0) for d in range(30)]
    result = _import(sqlite_db, xlsx(tmp_path / "s.xlsx", {"流水": _sheet(rows, False)}), True)
    assert result.imported == 30
    assert _indexes(sqlite_db) == before and "ix_purchases_member_time_total" in dict(before)
    # The Dashboard's expression index (migration 0010_dashboard) too: dropped for the write, built again the same.
    assert "substr(purchased_at, 1, 10)" in (dict(before).get("ix_purchases_day_member") or "")
    with sqlite_db.read() as s:
        analysed = set(s.connection().execute(text("SELECT idx FROM sqlite_stat1 WHERE tbl = 'purchases'")).scalars())
    assert {"ix_purchases_member_time_total", "ix_purchases_purchased_at", "ix_purchases_import_batch_id"} <= analysed
    with sqlite_db.read() as s:
        ledger = set(s.connection().execute(text("SELECT idx FROM sqlite_stat1 WHERE tbl = 'points_ledger'")).scalars())
    assert "ix_points_ledger_member_id" in ledger


def test_a_failure_while_writing_changes_nothing_and_keeps_the_indexes(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, shop = _indexes(sqlite_db), _dump(sqlite_db)

    def broken(*args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sales_write, "_write_line_refs", broken)  # after the purchases and lines went in
    rows = [(d, 1, PHONES[d % 4], PRODUCTS[d % 3], 1, 800, None, 0) for d in range(30)]
    with pytest.raises(OSError, match="disk full"):
        _import(sqlite_db, xlsx(tmp_path / "s.xlsx", {"流水": _sheet(rows, False)}), True)
    assert _indexes(sqlite_db) == before
    assert _dump(sqlite_db) == shop


def test_a_sheet_with_unit_prices_and_no_amount_column_imports_as_the_slow_twin_does(db: Database, tmp_path: Path) -> None:
    """Found by the import fuzzer: such a sheet took the column-wise path's check, which consumed the amount's
    empty column, and stopped with a ValueError instead of importing."""
    table: list[list[Any]] = [["销售日期", "手机号", "商品名称", "数量", "单价"]]
    table += [[dt.datetime(2024, 3, 1 + d % 5, 9, d), PHONES[d % 4], PRODUCTS[d % 3], 1 + d % 2, 8.5] for d in range(12)]
    path = xlsx(tmp_path / "s.xlsx", {"流水": table})
    results = {}
    for fast in (True, False):
        _clear(db)
        result = _import(db, path, fast)
        results[fast] = (result.summary() | {"batch": None}, _dump(db))
    assert results[True] == results[False]
    summary, shop = results[True]
    assert summary["imported"] == 12 and sorted(p[3] for p in shop["purchases"]) == sorted([850] * 6 + [1700] * 6)
