"""Ratings sheets (issue 15): member feedback imported with a sales import's safety.

A messy sheet as a shop keeps it (title row, Chinese headers, blank and total rows, decimal
commas, two-digit years, stars and "4分"), in xlsx and in a GBK CSV; every bad row rejected
with its row number and reason; one transaction; the same file again adds nothing; undo; cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sheet_factory import csv_file, xlsx
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Feedback, ImportBatch
from shopcrm.errors import ShopError
from shopcrm.jobs import Cancelled, CancelToken
from shopcrm.services.importing import ratings
from shopcrm.services.importing.options import ImportOptions, ImportTuning
from shopcrm.services.importing.preview import preview_file
from shopcrm.services.importing.review import batch_rejected_rows, read_rejects_file
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.products import add_product

HEADER = ["会员手机", "会员卡号", "评价日期", "评分", "服务评分", "商品", "留言"]


def messy_rows() -> list[list[Any]]:
    """Rows 3-14 of the sheet (row 1 a title, row 2 the header), with what each should become."""
    return [
        ["139 0000 1111", "", "2025-03-05 14:32", "5", "4,0", "牛角包", "很好吃"],  # 3: ok, decimal comma
        ["", "VIP002", "31/12/24", "4分", "", "", "下次还来"],  # 4: ok by card, two-digit year
        ["+86 138-0000-2222", "", "5/3/25", "★★☆☆☆", "", "Latte", ""],  # 5: ok, stars; product by case
        ["13900001111", "", "15/3/25", "6", "", "", ""],  # 6: rating out of range
        ["13700009999", "", "16/3/25", "3", "", "", "谁？"],  # 7: unknown member
        ["13900001111", "", "31/02/25", "3", "", "", ""],  # 8: impossible date
        [None, None, None, None, None, None, None],  # blank row: not counted
        ["13900001111", "", "20/3/25", "4,5", "", "", ""],  # 10: not a whole rating
        ["13900001111", "", "21/3/25", "4", "", "菠萝包", ""],  # 11: unknown product
        ["13900001111", "", "22/3/25", "", "", "", ""],  # 12: neither rating nor comment
        ["139 0000 1111", "", "2025-03-05 14:32", "5", "4,0", "牛角包", "很好吃"],  # 13: row 3 again: a second one
        ["合计", "", "", "", "", "", ""],  # a total row: left out
    ]


REJECTED_ROWS = [6, 7, 8, 10, 11, 12]


@pytest.fixture
def shop(db: Database) -> Database:
    register_member(db, MemberInput(phone="13900001111", name="王芳"))
    register_member(db, MemberInput(phone="13800002222", name="李雷"))
    register_member(db, MemberInput(phone="13600003333", name="张三", card_no="VIP002"))
    add_product(db, "牛角包", price_cents=800)
    add_product(db, "latte", price_cents=1800)
    return db


def feedback(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        rows = s.execute(select(Feedback.member_id, Feedback.at, Feedback.rating_product, Feedback.rating_service,
                                Feedback.product_id, Feedback.comment).order_by(Feedback.id))
        return [tuple(r) for r in rows]


def batches(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(ImportBatch)) or 0)


def sheet(tmp_path: Path, kind: str) -> Path:
    rows = [["会员评价 2025 年 3 月"], HEADER, *messy_rows()]
    if kind == "xlsx":
        return xlsx(tmp_path / "评价.xlsx", {"评价": rows})
    return csv_file(tmp_path / "评价.csv", rows, encoding="gbk")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_messy_ratings_sheet_is_checked_imported_once_and_undone(shop: Database, tmp_path: Path, kind: str) -> None:
    path = sheet(tmp_path, kind)
    preview = preview_file(shop, path, "ratings")
    guessed = preview.sheets[0]
    assert preview.kind_guess == "ratings" and guessed.header_row == 2 and not guessed.missing
    assert [guessed.mapping.get(c) for c in range(7)] == ["phone", "card_no", "date", "rating", "service_rating",
                                                         "product", "comment"]

    errors = tmp_path / "rejected.xlsx"
    checked = import_file(shop, path, "ratings", ImportOptions(dry_run=True, errors_path=errors))
    assert (checked.rows, checked.imported, checked.duplicates, checked.rejected) == (10, 4, 0, 6)
    assert feedback(shop) == [] and batches(shop) == 0  # a check writes nothing
    assert [r.row_number for r in checked.rejected_rows] == REJECTED_ROWS
    reasons = {r.row_number: r.reason for r in checked.rejected_rows}
    assert "not a rating from 1 to 5" in reasons[6] and reasons[6].startswith("评分")
    assert "No member has the phone +8613700009999" in reasons[7]
    assert reasons[8].startswith("评价日期")
    assert "whole number" in reasons[10]
    assert "菠萝包" in reasons[11] and "empty the cell" in reasons[11]
    assert "at least one rating or a comment" in reasons[12]
    assert [r.values[0] for r in read_rejects_file(errors)][:2] == ["13900001111", "13700009999"]

    result = import_file(shop, path, "ratings")
    assert (result.imported, result.rejected, result.batch) == (4, 6, result.batch) and result.batch is not None
    assert result.summary()["members_created"] == 0
    wang, li, zhang = 1, 2, 3
    croissant, latte = 1, 2
    assert sorted(feedback(shop), key=str) == sorted([
        (wang, dt.datetime(2025, 3, 5, 14, 32), 5, 4, croissant, "很好吃"),
        (wang, dt.datetime(2025, 3, 5, 14, 32), 5, 4, croissant, "很好吃"),  # the same row twice: two pieces
        (zhang, dt.datetime(2024, 12, 31), 4, None, None, "下次还来"),
        (li, dt.datetime(2025, 3, 5), 2, None, latte, None),
    ], key=str)
    assert [r.row_number for r in batch_rejected_rows(shop, result.batch)] == REJECTED_ROWS

    again = import_file(shop, path, "ratings")
    assert (again.imported, again.duplicates, again.rejected) == (0, 4, 6) and again.earlier_batches == [result.batch]
    assert len(feedback(shop)) == 4

    undone = undo_import(shop, result.batch, backup=False)
    assert undone.feedback_removed == 4 and undone.members_removed == 0 and feedback(shop) == []
    assert import_file(shop, path, "ratings").imported == 4  # after the undo the rows are new again


def test_a_repeated_row_in_a_later_file_is_already_there(shop: Database, tmp_path: Path) -> None:
    first = xlsx(tmp_path / "march.xlsx", {"s": [HEADER, messy_rows()[0], messy_rows()[1]]})
    april = ["13800002222", "", "2025-04-01", "3", "", "", "咖啡淡了"]
    later = xlsx(tmp_path / "march and april.xlsx", {"s": [HEADER, messy_rows()[0], messy_rows()[0], april]})
    assert import_file(shop, first, "ratings").imported == 2
    result = import_file(shop, later, "ratings")
    # its first row was in March's file; the same row once more is a second piece of feedback, as is April's
    assert (result.rows, result.imported, result.duplicates, result.rejected) == (3, 2, 1, 0)


def test_small_chunks_find_the_same(shop: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = sheet(tmp_path, "xlsx")
    whole = import_file(shop, path, "ratings", ImportOptions(dry_run=True))
    for size in (1, 2, 3):
        monkeypatch.setattr(ratings, "LOOKUP_CHUNK", size)
        # rows read a chunk at a time too: the header, blank and total rows fall on chunk edges
        chunked = import_file(shop, path, "ratings", ImportOptions(dry_run=True, tuning=ImportTuning(chunk_rows=size)))
        assert chunked.summary() == whole.summary()
        assert [(r.row_number, r.reason) for r in chunked.rejected_rows] == \
            [(r.row_number, r.reason) for r in whole.rejected_rows]
    monkeypatch.setattr(ratings, "LOOKUP_CHUNK", 2)
    written = import_file(shop, path, "ratings")
    assert written.imported == 4 and len(feedback(shop)) == 4


def test_a_cancel_writes_nothing(shop: Database, tmp_path: Path) -> None:
    token = CancelToken()

    def progress(done: float, total: float, phase: str) -> None:
        if phase == "writing":
            token.cancel()

    with pytest.raises(Cancelled):
        import_file(shop, sheet(tmp_path, "xlsx"), "ratings", ImportOptions(progress=progress, cancel=token))
    assert feedback(shop) == [] and batches(shop) == 0


def test_a_sheet_that_is_not_ratings_is_refused_with_the_reason(shop: Database, tmp_path: Path) -> None:
    sales = xlsx(tmp_path / "sales.xlsx", {"流水": [["日期", "手机", "商品", "实收"], ["2025-03-01", "13900001111", "牛角包", 8]]})
    with pytest.raises(ShopError) as refused:
        import_file(shop, sales, "ratings")
    assert "No sheet of sales.xlsx looks like a list of ratings" in refused.value.message()
    assert "Rating" in refused.value.message()
    assert preview_file(shop, sales, "ratings").kind_guess == "sales"
    every_row_bad = xlsx(tmp_path / "bad.xlsx", {"s": [HEADER, ["13700009999", "", "2025-03-01", "5", "", "", ""]]})
    result = import_file(shop, every_row_bad, "ratings")
    assert result.nothing_imported() and result.batch is None and batches(shop) == 0
