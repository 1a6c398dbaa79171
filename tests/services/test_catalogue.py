"""The catalogue (SPEC §8): products with codes and pinyin initials, price history that leaves past
sales alone, categories, the review list, and the limits on what a price may be."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Product, ProductPriceChange, PurchaseLine
from shopcrm.errors import ConflictError, NotFoundError, ValidationError
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.services.sales.catalogue import (
    add_category,
    edit_product,
    find_product,
    list_catalogue,
    list_categories,
    mark_reviewed,
    price_history,
    rename_category,
    review_list,
)
from shopcrm.services.sales.product_rules import MAX_PRICE_CENTS, parse_price
from shopcrm.services.sales.products import add_product, list_products, search_products, set_product_active
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_pinyin_initials_of_real_product_names() -> None:
    assert pinyin_initials("毛毛虫面包") == "mmcmb"
    assert pinyin_initials("重庆小面") == "cqxm"  # 重 read chóng in this word, not zhòng
    assert pinyin_initials("A4奶茶") == "a4nc"
    assert pinyin_initials("Matcha roll") == "mr"
    assert pinyin_initials("") == ""


def test_counter_search_by_name_code_or_pinyin_initials(db: Database) -> None:
    caterpillar = add_product(db, "毛毛虫面包", category="面包", price_cents=1200, code="b012")
    add_product(db, "美式咖啡", category="饮品", price_cents=1500)
    add_product(db, "芒果慕斯", category="蛋糕", price_cents=2800)
    assert caterpillar.code == "B012" and caterpillar.initials == "mmcmb"
    assert [p.name for p in search_products(db, "mmc")] == ["毛毛虫面包"]
    assert [p.name for p in search_products(db, "MMC")] == ["毛毛虫面包"]
    assert [p.name for p in search_products(db, "b012")] == ["毛毛虫面包"]
    assert [p.name for p in search_products(db, "毛虫")] == ["毛毛虫面包"]
    assert {p.name for p in search_products(db, "m")} == {"毛毛虫面包", "美式咖啡", "芒果慕斯"}
    assert [p.name for p in search_products(db, "mg")] == ["芒果慕斯"]
    set_product_active(db, caterpillar.id, False)
    assert search_products(db, "mmc") == []  # retired products are not sold at the counter


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(st.text(alphabet="毛虫面包奶茶abAB1_%", min_size=1, max_size=6), min_size=1, max_size=6, unique=True),
    query=st.text(alphabet="毛虫面包奶茶abAB1_%mcnb", min_size=1, max_size=3),
)
def test_the_counters_in_memory_match_agrees_with_the_database_search(db: Database, names: list[str], query: str) -> None:
    """ProductView.matches (the counter's Enter on typed text) is the fast twin of search_products."""
    with db.transaction() as s:
        s.query(Product).delete()
    for name in names:
        if name.strip():
            add_product(db, name, price_cents=100)
    everything = list_products(db)
    fast = sorted(p.name for p in everything if p.matches(query))
    slow = sorted(p.name for p in search_products(db, query, limit=200))
    assert fast == slow


@pytest.mark.parametrize(
    ("raw", "cents"),
    [("12.50", 1250), ("¥1,234.50", 123450), ("12,50", 1250), ("12,5", 1250), ("1.234,50", 123450), ("１２.５", 1250),
     ("30元", 3000), (12.5, 1250), (8, 800), (Decimal("9.90"), 990), ("12.500", 1250), ("99999.99", 9999999)],
)
def test_price_forms_a_shop_types(raw: object, cents: int) -> None:
    assert parse_price(raw) == cents


@pytest.mark.parametrize(
    ("raw", "words"),
    [("0", "more than ¥0"), (0, "more than ¥0"), ("-5", "more than ¥0"), ("100000", "less than ¥100,000"),
     ("1000000", "less than ¥100,000"), ("12.345", "more than 2 decimals"), (12.345, "more than 2 decimals"),
     ("abc", "is not an amount"), ("12.3.4", "is not an amount"), ("1e400", "not an amount")],
)
def test_prices_that_are_refused_with_a_clear_message(raw: object, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_price(raw)
    assert words in caught.value.message("en")
    assert caught.value.field == "price"


def test_bad_product_input_writes_nothing(db: Database) -> None:
    add_product(db, "菠萝包", price_cents=850, code="P1")
    cases = [
        (dict(name="", price_cents=100), ValidationError, "needs a name"),
        (dict(name="   ", price_cents=100), ValidationError, "needs a name"),
        (dict(name="x" * 101, price_cents=100), ValidationError, "too long"),
        (dict(name="蛋挞", price_cents=0), ValidationError, "more than ¥0"),
        (dict(name="蛋挞", price_cents=MAX_PRICE_CENTS), ValidationError, "less than ¥100,000"),
        (dict(name="菠萝包", price_cents=900), ConflictError, "already exists"),
        (dict(name="蛋挞", price_cents=900, code="p1"), ConflictError, "already used by 菠萝包"),
        (dict(name="蛋挞", price_cents=900, code="P 1"), ValidationError, "not a product code"),
    ]
    for kwargs, error, words in cases:
        with pytest.raises(error) as caught:
            add_product(db, **kwargs)  # type: ignore[arg-type]
        assert words in caught.value.message("en")
    assert _count(db, Product) == 1


def test_bad_input_in_chinese(db: Database) -> None:
    from shopcrm.i18n import set_language

    set_language("zh_CN")
    try:
        with pytest.raises(ValidationError) as caught:
            add_product(db, "蛋挞", price_cents=0)
        text = caught.value.message()
    finally:
        set_language("en")
    assert "价格" in text and "price" not in text.lower()


def test_a_price_change_keeps_the_old_price_on_past_sales(db: Database) -> None:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850)
    first = record_purchase(db, PurchaseInput(member_id=None, lines=[LineInput(bun.id, Decimal(2))], payment_method="cash"))
    edited = edit_product(db, bun.id, price_cents=950)
    assert edited.price_cents == 950
    second = record_purchase(db, PurchaseInput(member_id=None, lines=[LineInput(bun.id, Decimal(1))], payment_method="cash"))
    with db.read() as s:
        units = dict(s.execute(select(PurchaseLine.purchase_id, PurchaseLine.unit_price_cents)).all())
    assert units == {first.purchase_id: 850, second.purchase_id: 950}
    assert first.total_cents == 1700 and second.total_cents == 950
    history = price_history(db, bun.id)
    assert [(h.old_price_cents, h.new_price_cents, h.source) for h in history] == [(850, 950, "edit")]
    edit_product(db, bun.id, price_cents=950)  # the same price again is no change
    assert len(price_history(db, bun.id)) == 1


def test_edit_checks_everything_first_and_changes_nothing_on_bad_input(db: Database) -> None:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850, code="P1")
    add_product(db, "蛋挞", price_cents=600, code="P2")
    for kwargs, error in [
        (dict(name="蛋挞"), ConflictError),
        (dict(code="p2"), ConflictError),
        (dict(price_cents=0), ValidationError),
        (dict(name="", price_cents=900), ValidationError),
        (dict(price_cents=900, launched_on="soon"), ValidationError),
    ]:
        with pytest.raises(error):
            edit_product(db, bun.id, **kwargs)
    assert find_product(db, "P1") == bun
    assert _count(db, ProductPriceChange) == 0
    with pytest.raises(NotFoundError):
        edit_product(db, 999, price_cents=100)


def test_edit_renames_recodes_recategorises_launches_and_retires(db: Database) -> None:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850)
    changed = edit_product(db, bun.id, name="毛毛虫面包", code="mm1", category="甜面包", launched_on=dt.date(2025, 3, 1),
                           active=False)
    assert (changed.name, changed.initials, changed.code, changed.category, changed.launched_on, changed.active) == (
        "毛毛虫面包", "mmcmb", "MM1", "甜面包", dt.date(2025, 3, 1), False)
    assert find_product(db, "mm1").id == bun.id and find_product(db, str(bun.id)).name == "毛毛虫面包"
    assert [p.name for p in list_catalogue(db, active=False)] == ["毛毛虫面包"]
    assert list_catalogue(db, active=True) == []
    assert [p.name for p in list_catalogue(db, category="甜面包")] == ["毛毛虫面包"]
    cleared = edit_product(db, bun.id, code=None, category=None, active=True)
    assert (cleared.code, cleared.category, cleared.active) == (None, None, True)


def test_categories_add_rename_and_refuse_duplicates(db: Database) -> None:
    bread = add_category(db, "面包")
    add_product(db, "菠萝包", category="面包", price_cents=850)
    cake = add_category(db, "蛋糕")
    with pytest.raises(ConflictError):
        add_category(db, " 面包 ")
    with pytest.raises(ValidationError):
        add_category(db, "")
    with pytest.raises(ConflictError):
        rename_category(db, cake.id, "面包")
    renamed = rename_category(db, bread.id, "烘焙面包")
    assert (renamed.name, renamed.products) == ("烘焙面包", 1)
    assert [(c.name, c.products) for c in list_categories(db)] == [("烘焙面包", 1), ("蛋糕", 0)]
    assert find_product(db, "菠萝包").category == "烘焙面包"


def test_review_list_and_marking_reviewed(db: Database) -> None:
    bun = add_product(db, "菠萝包", price_cents=850)
    tea = add_product(db, "奶茶", price_cents=1200)
    with db.transaction() as s:
        for p in s.scalars(select(Product)):
            p.needs_review, p.review_reason = True, "sales_import"
    assert [p.name for p in review_list(db)] == ["奶茶", "菠萝包"] or [p.name for p in review_list(db)] == ["菠萝包", "奶茶"]
    assert mark_reviewed(db, [bun.id]) == 1
    assert [p.id for p in review_list(db)] == [tea.id]
    edit_product(db, tea.id, price_cents=1300)  # the owner set the price: reviewed
    assert review_list(db) == []


def test_demo_products_can_be_found_by_pinyin_initials(db: Database) -> None:
    from shopcrm.demo.shop import generate_demo

    generate_demo(db, members=20, months=2, seed=3, language="zh_CN")
    products = list_catalogue(db)
    assert products and all(p.initials == pinyin_initials(p.name) for p in products)
    some = next(p for p in products if p.active and len(p.initials or "") >= 3)
    assert some.id in {p.id for p in search_products(db, some.initials or "", limit=200)}
