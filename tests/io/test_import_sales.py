"""Sales import end to end: messy sheets, receipts, duplicates, walk-ins, idempotence, undo, cancel."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sheet_factory import SALES_HEADER, csv_file, messy_sales_rows, xls, xlsx
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, Member, PointsEntry, Product, Purchase, PurchaseLine
from shopcrm.jobs import Cancelled, CancelToken
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import preview_file
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.reports.stats import shop_stats

MESSY_REVENUE = 16 + 18 + 12.5 + 18 + 1018 + 168 + 18 + 18 - 8 - 18 + 15


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_messy_sheet_imports_exact_counts_and_totals(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "march.xlsx", {"三月": messy_sales_rows()})
    result = import_file(db, path, "sales", ImportOptions(errors_path=tmp_path / "rejected.xlsx"))
    assert result.summary() == {"batch": result.batch, "rows": 12, "imported": 11, "duplicates": 0, "rejected": 1, "members_created": 4}
    assert result.skipped == 1  # the 合计 row
    stats = shop_stats(db)
    assert stats["purchases"] == 11 and stats["revenue"] == pytest.approx(MESSY_REVENUE)
    with db.read() as s:
        walk_ins = s.scalar(select(func.count()).select_from(Purchase).where(Purchase.member_id.is_(None)))
        assert walk_ins == 4
        member = s.scalars(select(Member).where(Member.phone == "+8613812345678")).one()
        assert member.points_balance == 16 + 18 - 8 and member.registered_on == dt.date(2024, 3, 1)
        ledger = s.scalar(select(func.sum(PointsEntry.points)).where(PointsEntry.member_id == member.id))
        assert ledger == member.points_balance
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.import_batch_id == result.batch)) == 7
        vip1 = s.scalars(select(Member).where(Member.card_no == "VIP001")).one()
        assert vip1.phone == "+8613900001111"
    sheet = openpyxl.load_workbook(tmp_path / "rejected.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][: len(SALES_HEADER)] == tuple(SALES_HEADER) and rows[0][-1] == "Reason"
    assert rows[1][2] == "12345" and "not a valid phone number" in rows[1][-1]
    again = import_file(db, path, "sales")
    assert again.summary()["imported"] == 0 and again.duplicates == 11 and again.members_created == 0
    assert again.earlier_batches == [result.batch]
    assert shop_stats(db)["purchases"] == 11


def test_line_level_receipts_merged_cells_several_sheets(db: Database, tmp_path: Path) -> None:
    header = ["日期", "单号", "手机", "品名", "数量", "金额"]
    march = [
        ["门店流水（三月）"], header,
        [dt.datetime(2024, 3, 1, 9), "A001", "13812345678", "拿铁", 1, 18],
        [None, "A001", "13812345678", "牛角包", 2, 16],
        [None, "A001", "13812345678", "牛角包", 2, 16],  # the same line exported twice: counts once
        [dt.datetime(2024, 3, 1, 10), "A002", None, "美式", 1, 15],
        [dt.datetime(2024, 3, 1, 10), "A003", None, "美式", 1, 15],
        ["小计", None, None, None, 6, 80],
    ]
    april = [header, ["2024-04-02 08:00", "B001", "", "吐司", 1, "12.00"], ["2024-04-02 08:00", "B001", "", "拿铁", 1, "18.00"]]
    notes = [["这是说明页"], ["没有表头"]]
    path = xlsx(tmp_path / "lines.xlsx", {"三月": march, "四月": april, "说明": notes}, merges={"三月": ["A1:F1", "A3:A5"]})
    preview = preview_file(db, path, "sales")
    assert [s.header_row for s in preview.sheets] == [2, 1, None]
    result = import_file(db, path, "sales")
    assert result.sheets == ["三月", "四月"] and any("说明" in note for note in result.notes)
    assert (result.rows, result.imported, result.duplicates, result.rejected, result.purchases) == (7, 6, 1, 0, 4)
    with db.read() as s:
        totals = sorted(s.scalars(select(Purchase.total_cents)))
        assert totals == [1500, 1500, 3000, 3400]
        assert s.scalar(select(func.count()).select_from(PurchaseLine)) == 6
        assert s.scalar(select(func.count()).select_from(Product)) == 4
    assert import_file(db, path, "sales").imported == 0


def test_identical_rows_without_receipt_are_separate_sales_and_reimport_adds_nothing(db: Database, tmp_path: Path) -> None:
    rows = [["日期", "金额"]] + [["2024-05-01 12:00", 10]] * 3 + [["2024-05-01 12:00", 11]]
    first = csv_file(tmp_path / "a.csv", rows)
    assert import_file(db, first, "sales").imported == 4
    overlapping = csv_file(tmp_path / "b.csv", rows + [["2024-05-01 12:00", 10]])  # one more identical sale
    result = import_file(db, overlapping, "sales")
    assert (result.imported, result.duplicates) == (1, 4)
    assert shop_stats(db)["purchases"] == 5


def test_gbk_csv_and_legacy_xls(db: Database, tmp_path: Path) -> None:
    rows = [SALES_HEADER, ["2024/6/1 10:00", "", "13812345678", "", "蛋糕", 1, 30, "30", "现金"]]
    gbk = csv_file(tmp_path / "gbk.csv", rows, encoding="gbk")
    assert import_file(db, gbk, "sales").imported == 1
    old = xls(tmp_path / "old.xls", {"销售": [SALES_HEADER, [dt.datetime(2024, 6, 2, 9), "R9", "", "", "面包", 2, 5, 10, "微信"]]})
    result = import_file(db, old, "sales")
    assert result.imported == 1 and result.members_created == 0
    assert shop_stats(db)["revenue"] == pytest.approx(40)


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "march.xlsx", {"三月": messy_sales_rows()})
    result = import_file(db, path, "sales", ImportOptions(dry_run=True))
    assert result.batch is None and result.imported == 11 and result.members_created == 4
    assert _count(db, Purchase) == 0 and _count(db, Member) == 0 and _count(db, ImportBatch) == 0


def test_cancel_leaves_nothing_half_written(db: Database, tmp_path: Path) -> None:
    rows = [["日期", "手机", "金额"]] + [[f"2024-01-{d:02d} 10:{m:02d}", f"1381234{d:02d}{m:02d}", 10] for d in range(1, 29) for m in range(60)]
    path = xlsx(tmp_path / "big.xlsx", {"S": rows})
    token = CancelToken()
    phases: list[str] = []

    def progress(done: float, total: float, phase: str) -> None:
        phases.append(phase)
        if phase == "writing":
            token.cancel()

    with pytest.raises(Cancelled, match="import was cancelled"):
        import_file(db, path, "sales", ImportOptions(progress=progress, cancel=token))
    assert "reading" in phases and "writing" in phases
    assert _count(db, Purchase) == 0 and _count(db, Member) == 0 and _count(db, ImportBatch) == 0


def test_mapping_given_is_remembered_for_the_layout(db: Database, tmp_path: Path) -> None:
    rows = [["when", "who", "paid", "x"], ["2024-02-01", "13812345678", 25, "n"]]
    path = xlsx(tmp_path / "odd.xlsx", {"S": rows})
    mapping = {"when": "date", "who": "phone", "paid": "amount", "x": None}
    result = import_file(db, path, "sales", ImportOptions(header_mapping=mapping))
    assert result.imported == 1 and result.members_created == 1
    second = xlsx(tmp_path / "odd2.xlsx", {"S": [rows[0], ["2024-02-02", "13812345678", 30, "n"]]})
    preview = preview_file(db, second, "sales")
    assert preview.sheets[0].source == "remembered" and preview.sheets[0].mapping[1] == "phone"
    assert import_file(db, second, "sales").imported == 1


def test_undo_removes_purchases_points_and_members_it_created(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "march.xlsx", {"三月": messy_sales_rows()})
    result = import_file(db, path, "sales")
    assert result.batch is not None
    undone = undo_import(db, result.batch, backup=False)
    assert undone.purchases_removed == 11 and undone.members_removed == 4
    assert _count(db, Purchase) == 0 and _count(db, Member) == 0 and _count(db, PointsEntry) == 0
    again = import_file(db, path, "sales")
    assert again.imported == 11


def test_cli_json_summary_has_exactly_the_spec_keys(sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shopcrm.cli import run_cli

    path = xlsx(tmp_path / "march.xlsx", {"三月": messy_sales_rows()})
    code = run_cli(["--db", str(sqlite_db.path), "import", "sales", str(path), "--json", "--errors", str(tmp_path / "e.xlsx")])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and set(out) == {"batch", "rows", "imported", "duplicates", "rejected", "members_created"}
    assert (tmp_path / "e.xlsx").exists()
    assert run_cli(["--db", str(sqlite_db.path), "undo-import", str(out["batch"])]) == 0
    assert run_cli(["--db", str(sqlite_db.path), "undo-import", str(out["batch"])]) == 1
    assert run_cli(["--db", str(sqlite_db.path), "import", "sales", str(tmp_path / "missing.xlsx")]) == 1


def test_every_form_of_refund_is_a_purchase_with_a_negative_total(db: Database, tmp_path: Path) -> None:
    header = ["日期", "手机", "商品", "数量", "单价", "金额", "类型"]
    rows = [
        header,
        ["2024-03-01 10:00", "13812345678", "蛋糕", 2, 50, 100, "销售"],  # earns 100 points
        ["2024-03-02 10:00", "13812345678", "拿铁", -1, 18, "-18", None],  # negative amount and quantity
        ["2024-03-03 10:00", "13812345678", "拿铁", 1, 18, "(18.00)", None],  # accounting-style negative amount
        ["2024-03-04 10:00", "13812345678", "拿铁", -1, 18, 18, None],  # a return line with a plain amount
        ["2024-03-05 10:00", "13812345678", "拿铁", 1, 18, 18, "退货"],  # a refund type
        ["2024-03-06 10:00", "13812345678", "拿铁", 1, 18, None, "Refund"],  # refund type, amount from the unit price
    ]
    result = import_file(db, xlsx(tmp_path / "refunds.xlsx", {"S": rows}), "sales")
    assert (result.imported, result.rejected, result.members_created) == (6, 0, 1)
    with db.read() as s:
        totals = [t for (t,) in s.execute(select(Purchase.total_cents).order_by(Purchase.purchased_at))]
        assert totals == [10000, -1800, -1800, -1800, -1800, -1800]
        quantities = sorted(float(q) for (q,) in s.execute(select(PurchaseLine.quantity)))
        assert quantities == [-1.0] * 5 + [2.0]
        assert all(u > 0 for (u,) in s.execute(select(PurchaseLine.unit_price_cents)))
        member = s.scalars(select(Member)).one()
        assert member.points_balance == 100 - 5 * 18
        reversed_points = s.scalars(select(PointsEntry.points).where(PointsEntry.kind == "reverse")).all()
        assert sorted(reversed_points) == [-18] * 5
    assert shop_stats(db)["revenue"] == pytest.approx(100 - 5 * 18)
