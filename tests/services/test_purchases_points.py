from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shopcrm.db.engine import Database
from shopcrm.errors import ConflictError, NotFoundError, ValidationError
from shopcrm.services.members.feedback import FeedbackInput, add_feedback, member_feedback
from shopcrm.services.members.points import adjust_points, ledger_balance, points_history, redeem_points
from shopcrm.services.members.records import MemberInput, get_member, register_member
from shopcrm.services.reports.stats import shop_stats
from shopcrm.services.sales.products import add_product, search_products
from shopcrm.services.sales.purchases import (
    LineInput,
    PurchaseInput,
    get_purchase,
    member_history,
    record_purchase,
    void_purchase,
)
from shopcrm.services.shop.settings import MemberLevel, load_settings, update_settings


@pytest.fixture
def member_id(db: Database) -> int:
    return register_member(db, MemberInput(phone="13812345678", name="张三")).id


def test_lines_total_points_and_history(db: Database, member_id: int) -> None:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850)
    tea = add_product(db, "柠檬茶", category="茶饮", price_cents=1600)
    result = record_purchase(
        db,
        PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, 2), LineInput(tea.id, "1")], discount_cents=300, payment_method="wechat"),
    )
    assert result.total_cents == 850 * 2 + 1600 - 300
    assert result.points_earned == 30  # 1 point per whole yuan of 30.00
    history = member_history(db, member_id)
    assert [li.product_name for li in history[0].lines] == ["菠萝包", "柠檬茶"]
    assert history[0].lines[0].quantity == Decimal("2.000")
    assert get_member(db, member_id).points_balance == 30 == ledger_balance(db, member_id)
    assert [p.name for p in search_products(db, "包")] == ["菠萝包"]


def test_amount_only_and_walk_in(db: Database) -> None:
    record_purchase(db, PurchaseInput(member_id=None, total_cents=1234))
    stats = shop_stats(db)
    assert stats["purchases"] == 1 and stats["revenue"] == 12.34 and stats["members"] == 0


@pytest.mark.parametrize(
    "data",
    [
        PurchaseInput(member_id=None),
        PurchaseInput(member_id=None, total_cents=0),
        PurchaseInput(member_id=None, total_cents=-5),
        PurchaseInput(member_id=None, total_cents=100, discount_cents=-1),
        PurchaseInput(member_id=None, total_cents=100, payment_method="gold bars"),
        PurchaseInput(member_id=None, total_cents=100, channel="teleport"),
        PurchaseInput(member_id=None, total_cents=100, purchased_at=dt.datetime.now() + dt.timedelta(days=1)),
    ],
)
def test_bad_purchases_change_nothing(db: Database, data: PurchaseInput) -> None:
    with pytest.raises(ValidationError):
        record_purchase(db, data)
    assert shop_stats(db)["purchases"] == 0


def test_bad_lines(db: Database, member_id: int) -> None:
    bun = add_product(db, "菠萝包", price_cents=850)
    nameless = add_product(db, "散装饼干")
    with pytest.raises(ValidationError):
        record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, 0)]))
    with pytest.raises(ValidationError):
        record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, "abc")]))
    with pytest.raises(ValidationError):
        record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(nameless.id, 1)]))
    with pytest.raises(NotFoundError):
        record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(999, 1)]))
    with pytest.raises(ValidationError):
        record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, 1)], discount_cents=10_000))
    with pytest.raises(NotFoundError):
        record_purchase(db, PurchaseInput(member_id=999, total_cents=100))
    assert shop_stats(db)["purchases"] == 0
    assert get_member(db, member_id).points_balance == 0


def test_level_upgrades_by_cumulative_spend_and_points_rule(db: Database, member_id: int) -> None:
    update_settings(db, points_per_unit=2, levels=(MemberLevel("普通", 0), MemberLevel("银卡", 10_000), MemberLevel("金卡", 50_000)))
    r1 = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=9_999))
    assert (r1.level, r1.level_upgraded, r1.points_earned) == (0, False, 198)
    r2 = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=1))
    assert (r2.level, r2.level_upgraded) == (1, True)
    r3 = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=40_000))
    assert r3.level == 2 and get_member(db, member_id).level_name == "金卡"


def test_redeem_adjust_never_negative(db: Database, member_id: int) -> None:
    record_purchase(db, PurchaseInput(member_id=member_id, total_cents=10_000))
    assert redeem_points(db, member_id, 40) == 60
    with pytest.raises(ConflictError):
        redeem_points(db, member_id, 61)
    with pytest.raises(ConflictError):
        adjust_points(db, member_id, -61)
    with pytest.raises(ValidationError):
        redeem_points(db, member_id, 0)
    with pytest.raises(ValidationError):
        adjust_points(db, member_id, 0)
    assert adjust_points(db, member_id, -10, "correction") == 50
    assert ledger_balance(db, member_id) == 50
    assert [e.kind for e in points_history(db, member_id)][::-1] == ["earn", "redeem", "adjust"]


def test_void_reverses_points_as_far_as_balance_allows(db: Database, member_id: int) -> None:
    a = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=10_000))
    b = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=5_000))
    redeem_points(db, member_id, 120)  # balance 30 of 150
    res = void_purchase(db, a.purchase_id)
    assert (res.points_reversed, res.points_not_reversed) == (30, 70)
    assert get_member(db, member_id).points_balance == 0 == ledger_balance(db, member_id)
    assert get_purchase(db, a.purchase_id).voided
    with pytest.raises(ConflictError):
        void_purchase(db, a.purchase_id)
    assert shop_stats(db)["revenue"] == 50.0
    assert not get_purchase(db, b.purchase_id).voided


def test_feedback(db: Database, member_id: int) -> None:
    add_feedback(db, FeedbackInput(member_id=member_id, rating_product=2, comment="太甜了"))
    with pytest.raises(ValidationError):
        add_feedback(db, FeedbackInput(member_id=member_id, rating_service=6))
    with pytest.raises(ValidationError):
        add_feedback(db, FeedbackInput(member_id=member_id))
    assert [f.comment for f in member_feedback(db, member_id)] == ["太甜了"]


def test_settings_validation(db: Database) -> None:
    with pytest.raises(ValidationError):
        update_settings(db, levels=(MemberLevel("a", 0), MemberLevel("b", 0)))
    with pytest.raises(ValidationError):
        update_settings(db, levels=())
    with pytest.raises(ValidationError):
        update_settings(db, points_per_unit=-1)
    update_settings(db, shop_name="  好味烘焙  ")
    assert load_settings(db).shop_name == "好味烘焙"


def test_rule_settings_validation(db: Database) -> None:
    from dataclasses import replace

    rules = load_settings(db).rules
    for bad in (
        replace(rules, won_back_days=0),
        replace(rules, at_risk_min_signals=5),
        replace(rules, churn_low_rating=0),
        replace(rules, freq_high_per_week=0),
        replace(rules, clv_min_customers=1),
        replace(rules, pyramid_platinum_share=0.5, pyramid_gold_share=0.4, pyramid_iron_share=0.2),
    ):
        with pytest.raises(ValidationError):
            update_settings(db, rules=bad)
    assert load_settings(db).rules == rules
