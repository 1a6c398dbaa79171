"""Price lists as shops really keep them, and the prices a sales import gives the products it creates.

A price list goes through the same checks as a sales sheet (file safety, header found among title
rows by synonyms, sheet value parsers, one transaction after a backup, rejected rows with reasons);
a sales import prices a new product by the most common unit price of the file (issue 12 item 8)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sheet_factory import SALES_HEADER, csv_file, xls, xlsx
from sqlalchemy import func, select

from shopcrm.db.backup import parse_backup_name
from shopcrm.db.engine import Database
from shopcrm.db.models import Product, ProductPriceChange
from shopcrm.errors import ShopError
from shopcrm.io.safety import BadFileError
from shopcrm.paths import default_backup_dir
from shopcrm.services.importing.run import import_file
from shopcrm.services.sales.catalogue import find_product, price_history, review_list
from shopcrm.services.sales.price_list_import import import_price_list
from shopcrm.services.sales.products import add_product, search_products

HEADER = ["商品编码", "品名", "类别", "零售价", "上市日期", "状态"]


def _products(db: Database) -> dict[str, tuple[int | None, str | None, bool, bool]]:
    with db.read() as s:
        return {p.name: (p.price_cents, p.code, p.active, p.needs_review) for p in s.scalars(select(Product))}


def _messy_list(tmp_path: Path) -> Path:
    rows = [
        ["阿福烘焙 商品价目表（2025 年春）", None, None, None, None, None],
        ["制表：店长", None, None, None, None, None],
        HEADER,
        ["B001", "毛毛虫面包", "面包", "¥12.50", dt.datetime(2025, 3, 1), "在售"],
        [1002.0, "牛角包", "面包", 8, None, None],
        ["D01", "奶茶", "饮品", "１５.５", "2025年3月5日", "是"],
        ["D02", "柠檬茶", "饮品", "16,50", None, "停售"],
        [None, None, None, None, None, None],
        ["小计", None, None, 52.5, None, None],
        ["C9", "生日蛋糕", "蛋糕", "1,288.00", "2025/4/1", None],
    ]
    return xlsx(tmp_path / "价目表.xlsx", {"价目表": rows}, merges={"价目表": ["A1:F1"]})


def test_a_messy_price_list_creates_products_for_review(db: Database, tmp_path: Path) -> None:
    path = _messy_list(tmp_path)
    preview = import_price_list(db, path, dry_run=True)
    assert preview.summary()["created"] == 5 and preview.summary()["rejected"] == 0
    assert preview.columns["价目表"]["Unit price"] == "零售价"
    assert _products(db) == {}  # the preview wrote nothing

    result = import_price_list(db, path)
    assert (result.count("new"), result.count("changed"), result.count("rejected"), result.skipped) == (5, 0, 0, 1)
    assert _products(db) == {
        "毛毛虫面包": (1250, "B001", True, True),
        "牛角包": (800, "1002", True, True),
        "奶茶": (1550, "D01", True, True),
        "柠檬茶": (1650, "D02", False, True),
        "生日蛋糕": (128800, "C9", True, True),
    }
    assert find_product(db, "B001").launched_on == dt.date(2025, 3, 1)
    assert find_product(db, "奶茶").category == "饮品"
    assert {p.name for p in review_list(db)} == set(_products(db))
    assert [p.name for p in search_products(db, "mmc")] == ["毛毛虫面包"]  # initials stored on import
    if db.is_sqlite:
        backups = [i for i in map(parse_backup_name, default_backup_dir().glob("*.db")) if i and i.reason == "before-import"]
        assert len(backups) == 1

    again = import_price_list(db, path)  # the same list again: nothing to change
    assert (again.count("new"), again.count("changed"), again.count("unchanged")) == (0, 0, 5)
    assert len(review_list(db)) == 5


def test_a_new_price_list_changes_prices_keeps_history_and_confirms_the_products(db: Database, tmp_path: Path) -> None:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850, code="P1")
    add_product(db, "蛋挞", category="面包", price_cents=600)
    path = csv_file(tmp_path / "prices.csv", [["编码", "名称", "价格"], ["P1", "菠萝包", "9.00"], ["", "蛋挞", "6"]])
    result = import_price_list(db, path)
    assert (result.count("changed"), result.count("unchanged")) == (1, 1)
    assert find_product(db, "P1").price_cents == 900
    assert [(h.old_price_cents, h.new_price_cents, h.source) for h in price_history(db, bun.id)] == [(850, 900, "price_list")]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ProductPriceChange)) == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_and_decimal_commas(db: Database, tmp_path: Path, encoding: str) -> None:
    rows = [["商品名称", "单价"], ["红豆面包", "6,50"], ["抹茶蛋糕卷", "1.288,00"], ["拿铁", "18"]]
    path = csv_file(tmp_path / f"p-{encoding}.csv", rows, encoding=encoding, delimiter=";")
    result = import_price_list(db, path)
    assert result.count("new") == 3
    assert {n: v[0] for n, v in _products(db).items()} == {"红豆面包": 650, "抹茶蛋糕卷": 128800, "拿铁": 1800}


def test_legacy_xls_price_list(db: Database, tmp_path: Path) -> None:
    path = xls(tmp_path / "old.xls", {"Sheet1": [["Product", "Code", "Price"], ["Croissant", "c-1", 9.5]]})
    assert import_price_list(db, path).count("new") == 1
    assert _products(db) == {"Croissant": (950, "C-1", True, True)}


def test_bad_rows_are_rejected_with_reasons_and_the_rest_imported(db: Database, tmp_path: Path) -> None:
    add_product(db, "菠萝包", price_cents=850, code="P1")
    rows = [
        ["编码", "品名", "单价"],
        ["A1", "好面包", "8"],
        ["A2", "免费面包", "0"],
        ["A3", "金面包", "¥1,000,000"],
        ["A4", "贵面包", "12.345"],
        ["A5", None, "9"],
        ["A6", "好面包", "9"],
        ["A1", "另一个面包", "9"],
        ["P1", "别的面包", "9"],
        ["A9", "菠萝包", "9"],
        ["A10", "无价面包", "abc"],
        ["A 11", "空格面包", "9"],
    ]
    path = xlsx(tmp_path / "bad.xlsx", {"S": rows})
    errors = tmp_path / "rejected.xlsx"
    result = import_price_list(db, path, errors_path=errors)
    reasons = {r.row_number: r.reason for r in result.rows if r.action == "rejected"}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
    assert "more than ¥0" in reasons[3]
    assert "less than ¥100,000" in reasons[4]
    assert "more than 2 decimals" in reasons[5]
    assert "needs a name" in reasons[6]
    assert "in the file twice (first in row 2)" in reasons[7]
    assert "The code A1 is in the file twice" in reasons[8]
    assert "already used by 菠萝包" in reasons[9]
    assert "has the code P1 in the shop, not A9" in reasons[10]
    assert "not an amount" in reasons[11]
    assert "not a product code" in reasons[12]
    assert set(_products(db)) == {"菠萝包", "好面包"}
    sheet = openpyxl.load_workbook(errors).active
    assert sheet.cell(1, 4).value == "Reason" and sheet.max_row == 11
    assert sheet.cell(2, 2).value == "免费面包"


def test_all_rows_bad_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "zero.csv", [["品名", "单价"], ["甲", "0"], ["乙", "-3"]])
    result = import_price_list(db, path)
    assert result.count("rejected") == 2 and _products(db) == {}
    assert not list(default_backup_dir().glob("*before-import*.db"))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "picture"),
        (b"%PDF-1.4 something", "PDF"),
        ("日期,手机号,金额\n2025-03-01,13812345678,18\n".encode(), "looks like a price list"),
        ("品名,单价\n".encode(), "no products under it"),
        (b"PK\x03\x04broken zip", "damaged or incomplete"),
    ],
)
def test_hostile_and_foreign_files_get_one_clear_message(db: Database, tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "list.csv" if not content.startswith(b"PK") else tmp_path / "list.xlsx"
    path.write_bytes(content)
    with pytest.raises(ShopError) as caught:
        import_price_list(db, path)
    assert words in caught.value.message("en")
    assert _products(db) == {}


def test_missing_file_and_folder(db: Database, tmp_path: Path) -> None:
    with pytest.raises(BadFileError):
        import_price_list(db, tmp_path / "nope.xlsx")
    with pytest.raises(BadFileError):
        import_price_list(db, tmp_path)


# ------------------------------------------------------------------ issue 12 item 8


def test_sales_import_prices_a_new_product_by_its_most_common_unit_price(db: Database, tmp_path: Path) -> None:
    """奶茶's first row is an odd ¥1,015.50 (a typo): the product gets ¥15.50, and is marked for review."""
    header = ["销售日期", "会员手机", "商品名称", "数量", "实收金额"]
    rows = [
        header,
        ["2025-03-01 09:00", "13812345678", "奶茶", 1, "1,015.50"],
        ["2025-03-02 09:00", "13812345678", "奶茶", 1, "15.50"],
        ["2025-03-03 09:00", None, "奶茶", 2, "31.00"],
        ["2025-03-04 09:00", None, "奶茶", 1, "15.50"],
        ["2025-03-04 10:00", None, "毛毛虫面包", 1, "12"],
        ["2025-03-05 10:00", None, "毛毛虫面包", 1, "13"],
        ["2025-03-05 11:00", None, "菠萝包", 1, "99"],
    ]
    add_product(db, "菠萝包", price_cents=850)  # known products keep the price the owner gave them
    result = import_file(db, xlsx(tmp_path / "sales.xlsx", {"S": rows}), "sales")
    assert result.imported == 7
    products = _products(db)
    assert products["奶茶"] == (1550, None, True, True)
    assert products["毛毛虫面包"][0] == 1200  # a tie: the lower price, still for review
    assert products["菠萝包"] == (850, None, True, False)
    tea = find_product(db, "奶茶")
    assert tea.review_reason == "sales_import" and tea.initials == "nc"
    assert {p.name for p in review_list(db)} == {"奶茶", "毛毛虫面包"}


def test_sales_import_with_only_refunds_or_absurd_prices_leaves_the_price_empty(db: Database, tmp_path: Path) -> None:
    rows = [SALES_HEADER, ["2025-03-01", None, None, None, "礼盒", 1, 150000, 150000, "现金"]]
    import_file(db, xlsx(tmp_path / "s.xlsx", {"S": rows}), "sales")
    assert _products(db)["礼盒"] == (None, None, True, True)


def test_a_price_list_is_the_owners_word_on_a_guessed_price(db: Database, tmp_path: Path) -> None:
    rows = [["销售日期", "商品名称", "数量", "实收金额"], ["2025-03-01", "奶茶", 1, "1,015.50"], ["2025-03-02", "奶茶", 1, "15.50"]]
    import_file(db, xlsx(tmp_path / "sales.xlsx", {"S": rows}), "sales")
    assert [p.name for p in review_list(db)] == ["奶茶"]
    result = import_price_list(db, csv_file(tmp_path / "p.csv", [["品名", "单价"], ["奶茶", "16"]]))
    assert result.count("changed") == 1
    assert review_list(db) == [] and find_product(db, "奶茶").price_cents == 1600


@given(st.lists(st.integers(1, 50_000), min_size=1, max_size=40))
def test_usual_price_is_the_most_common_and_the_lower_on_a_tie(prices: list[int]) -> None:
    """The sales import's Counter-based pick against a plain count over the list."""
    from collections import Counter

    from shopcrm.services.importing.sales_write import _usual_price

    top = max(prices.count(p) for p in prices)
    assert _usual_price(Counter(prices)) == min(p for p in prices if prices.count(p) == top)
