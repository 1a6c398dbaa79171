"""Receipts across export files: recognised line by line, whichever member key the file carries.

The generator makes receipts of 1-4 lines, then two export files that each hold a random part of
every receipt's lines (a line may be in both, as overlapping exports are), each file naming the
member by card no. or by phone at random, with or without a product column.  Whatever the split
and order, after both imports every distinct line counts once: revenue, purchases and points are
what one complete export would give; importing either file again adds nothing; undoing the second
import gives back exactly the state after the first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_factory import xlsx
from sqlalchemy import func, select

from shopcrm.db.base import Base
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry, Purchase, PurchaseLine
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.shop.settings import load_settings

PEOPLE = [("13812345678", "VIP001"), ("13900001111", "VIP002"), (None, None)]
PRODUCTS = [("拿铁", 1800), ("牛角包", 800), ("吐司", 1250), ("蛋挞", 600)]


def _wipe(db: Database) -> None:
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as s:
        revenue = s.scalar(select(func.coalesce(func.sum(Purchase.total_cents), 0)))
        purchases = s.scalar(select(func.count()).select_from(Purchase))
        lines = s.scalar(select(func.count()).select_from(PurchaseLine))
        points = sorted(s.execute(select(Member.card_no, Member.points_balance)).all())
        ledger = s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0)))
    return revenue, purchases, lines, points, ledger


_RECEIPT = st.tuples(
    st.sampled_from(range(len(PEOPLE))),
    st.lists(st.tuples(st.sampled_from(range(len(PRODUCTS))), st.integers(1, 3), st.sampled_from(["a", "b", "ab"])),
             min_size=1, max_size=4),
)


def _file(path: Path, receipts: list[tuple[int, list[tuple[int, int, str]]]], part: str, key: str, products: bool) -> Path:
    header = ["销售日期", "小票号", "会员手机" if key == "phone" else "会员卡号", *(["商品名称"] if products else []), "数量", "实收金额"]
    rows: list[list[Any]] = [header]
    for n, (person, lines) in enumerate(receipts):
        phone, card = PEOPLE[person]
        member = phone if key == "phone" else card
        when = dt.datetime(2025, 1, 1, 9) + dt.timedelta(days=n // 3, minutes=n)
        for product, qty, where in lines:
            if part in where:
                name, price = PRODUCTS[product]
                rows.append([when, f"T{n:03d}", member, *([name] if products else []), qty, price * qty / 100])
    return xlsx(path, {"流水": rows})


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    receipts=st.lists(_RECEIPT, min_size=1, max_size=6),
    keys=st.tuples(st.sampled_from(["phone", "card"]), st.sampled_from(["phone", "card"])),
    products=st.booleans(),
)
def test_two_partial_exports_count_every_line_once(
    db: Database, tmp_path_factory: Any, receipts: list[Any], keys: tuple[str, str], products: bool
) -> None:
    _wipe(db)
    for phone, card in PEOPLE[:2]:
        register_member(db, MemberInput(phone=phone, card_no=card))
    folder = tmp_path_factory.mktemp("split")
    # Identical lines in one receipt would be one line "exported twice"; keep them apart by quantity.
    distinct = []
    for person, lines in receipts:
        seen, kept = set(), []
        for product, qty, where in lines:
            while (product, qty) in seen:
                qty += 1
            seen.add((product, qty))
            kept.append((product, qty, where))
        distinct.append((person, kept))
    first = _file(folder / "a.xlsx", distinct, "a", keys[0], products)
    second = _file(folder / "b.xlsx", distinct, "b", keys[1], products)
    complete = _file(folder / "all.xlsx", [(p, [(a, q, "ab") for a, q, _ in lines]) for p, lines in distinct], "a", "phone", products)

    expected_revenue = sum(PRODUCTS[a][1] * q for _, lines in distinct for a, q, _ in lines)
    parts = [path for path in (first, second) if any(path.name[0] in w for _, lines in distinct for _, _, w in lines)]
    for path in parts:
        import_file(db, path, "sales")
    after_both = _state(db)
    assert after_both[0] == expected_revenue
    assert after_both[1] == len(distinct)  # one purchase per receipt, whichever file brought its lines
    assert after_both[2] == (sum(len(lines) for _, lines in distinct) if products else 0)
    rules = load_settings(db)
    earned = {card: 0 for _, card in PEOPLE[:2]}
    for person, lines in distinct:
        if person < 2:
            earned[PEOPLE[person][1]] += rules.points_for(sum(PRODUCTS[a][1] * q for a, q, _ in lines))
    assert after_both[3] == sorted(earned.items())  # points per receipt, as one complete export gives them
    assert after_both[4] == sum(earned.values())

    for path in (*parts, complete):  # again, or one complete export: nothing new
        result = import_file(db, path, "sales")
        assert result.imported == 0 and _state(db) == after_both

    _wipe(db)
    for phone, card in PEOPLE[:2]:
        register_member(db, MemberInput(phone=phone, card_no=card))
    import_file(db, complete, "sales")
    assert _state(db) == after_both  # the same as one export holding every line


def test_issue_12_examples_and_undo_of_the_second_file(db: Database, tmp_path: Path) -> None:
    register_member(db, MemberInput(phone="13812345678", card_no="VIP001"))
    header = ["销售日期", "小票号", "会员卡号", "会员手机", "商品名称", "数量", "实收金额"]
    when = dt.datetime(2025, 3, 1, 10)
    a = xlsx(tmp_path / "a.xlsx", {"s": [header, [when, "T1", "VIP001", None, "拿铁", 1, 18], [when, "T1", "VIP001", None, "吐司", 1, 22]]})
    b = xlsx(tmp_path / "b.xlsx", {"s": [header, [when, "T1", None, "13812345678", "拿铁", 1, 18],
                                         [when, "T1", None, "13812345678", "吐司", 1, 22],
                                         [when, "T1", None, "13812345678", "蛋挞", 1, 15]]})
    import_file(db, a, "sales")
    after_a = _state(db)
    assert after_a[0] == 4000
    second = import_file(db, b, "sales")
    assert second.imported == 1 and second.duplicates == 2
    after_b = _state(db)
    assert after_b[0] == 5500 and after_b[1] == 1 and after_b[3] == [("VIP001", 55)]
    undo_import(db, second.batch, backup=False)
    assert _state(db) == after_a
    again = import_file(db, b, "sales")
    assert again.imported == 1 and _state(db) == after_b


@pytest.mark.parametrize("products", [True, False])
def test_purchases_imported_before_line_fingerprints_are_still_recognised_by_either_member_key(
    db: Database, tmp_path: Path, products: bool
) -> None:
    """A shop's history imported by an earlier version carries legacy refs (with the file's member key):
    the same sales exported again, with the phone instead of the card no., add nothing."""
    from sqlalchemy import update

    from shopcrm.db.models import ImportedLine
    from shopcrm.io.workbook import open_workbook
    from shopcrm.services.importing.options import ImportOptions
    from shopcrm.services.importing.preview import prepare_sheets
    from shopcrm.services.importing.rows import RowStats
    from shopcrm.services.importing.sales_plan import legacy_ref, member_key_of, plan_purchases
    from shopcrm.services.importing.sales_rows import Reading, read_sheets

    register_member(db, MemberInput(phone="13812345678", card_no="VIP001"))
    header = ["销售日期", "小票号", "会员卡号", "会员手机", "商品名称", "数量", "实收金额"]
    when = dt.datetime(2025, 3, 1, 10)
    lines = [("T1", "拿铁", 18), ("T1", "吐司", 22), (None, "蛋挞", 6)]

    def export(name: str, card: str | None, phone: str | None) -> Path:
        rows = [[when, receipt, card, phone, product, 1, amount] for receipt, product, amount in lines]
        if not products:
            rows = [r[:4] + r[5:] for r in rows]
        return xlsx(tmp_path / name, {"s": [header if products else header[:4] + header[5:], *rows]})

    by_card = export("card.xlsx", "VIP001", None)
    by_phone = export("phone.xlsx", None, "13812345678")
    import_file(db, by_card, "sales")
    reading = Reading()
    with open_workbook(by_card) as wb:
        prepared, _ = prepare_sheets(None, wb, "sales", ImportOptions())
        read_sheets(prepared, ImportOptions(), RowStats(), reading)
    with db.transaction() as s:  # what the earlier version stored: legacy refs, no line fingerprints
        s.execute(ImportedLine.__table__.delete())
        for p in plan_purchases(reading).purchases:
            legacy = legacy_ref(p, 0, member_key_of(p.phone, p.card))
            s.execute(update(Purchase).where(Purchase.external_ref == p.ref).values(external_ref=legacy))
    before = _state(db)
    assert before[0] == 4600 and before[1] == 2
    for path in (by_card, by_phone):
        again = import_file(db, path, "sales")
        assert again.imported == 0 and again.duplicates == 3 and _state(db) == before
