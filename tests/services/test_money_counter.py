"""Money at the counter (SPEC §8): stored value, coupons, points as money off, takings, and bad
input that must change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import AuditEvent, Coupon, Member, PointsEntry, Purchase, StoredValueEntry
from shopcrm.errors import ConflictError, NotFoundError, ShopError, ValidationError
from shopcrm.services.campaigns.lists import promotion_filter, save_campaign
from shopcrm.services.campaigns.response import campaign_response
from shopcrm.services.members.records import MemberInput, get_member, register_member
from shopcrm.services.sales import coupons
from shopcrm.services.sales.coupons import (
    ALPHABET,
    _check_char,
    define_coupon,
    issue_to_birthdays,
    issue_to_campaign,
    issue_to_members,
    list_coupons,
    normalise_code,
)
from shopcrm.services.sales.products import add_product
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase, void_purchase
from shopcrm.services.sales.stored_value import (
    adjust_stored_value,
    ledger_sum,
    liability,
    refund_topup,
    statement,
    stored_balance,
    topup,
)
from shopcrm.services.sales.takings import takings
from shopcrm.services.shop.owner_password import OwnerPasswordError, set_owner_password
from shopcrm.services.shop.settings import BonusRule, update_settings

TODAY = dt.date.today()


@pytest.fixture
def member_id(db: Database) -> int:
    return register_member(db, MemberInput(phone="13812345678", name="张三")).id


def _counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Purchase, PointsEntry, StoredValueEntry, AuditEvent)
        ) + (
            int(s.scalar(select(func.count()).select_from(Coupon).where(Coupon.redeemed_at.is_not(None))) or 0),
            int(s.scalar(select(func.sum(Member.stored_value_cents + Member.stored_bonus_cents + Member.points_balance))) or 0),
        )


def _unchanged(db: Database, call: Any, error: type[ShopError], text: str) -> None:
    before = _counts(db)
    with pytest.raises(error) as info:
        call()
    assert text in info.value.message()
    assert _counts(db) == before


# ------------------------------------------------------------------ stored value


def test_topup_bonus_spent_last_refund_only_unspent(db: Database, member_id: int) -> None:
    update_settings(db, stored_value_bonus_rules=(BonusRule(20_000, 2_000), BonusRule(50_000, 8_000)))
    first = topup(db, member_id, 20_000, "wechat")
    assert (first.paid_cents, first.bonus_cents, first.balance.total_cents) == (20_000, 2_000, 22_000)
    assert topup(db, member_id, 10_000, "cash").bonus_cents == 0
    sale = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=25_000, payment_method="stored_value"))
    assert sale.stored_value_cents == 25_000
    assert stored_balance(db, member_id).principal_cents == 5_000 and stored_balance(db, member_id).bonus_cents == 2_000
    # Only 50.00 of the first top-up's 200.00 is unspent.
    with pytest.raises(ConflictError, match="50.00"):
        refund_topup(db, first.entry_id, 6_000)
    refunded = refund_topup(db, first.entry_id, 5_000, note="moved away")
    assert refunded.paid_cents == -5_000 and refunded.bonus_cents == -500
    assert stored_balance(db, member_id).total_cents == 1_500 == ledger_sum(db, member_id).total_cents
    assert liability(db).total_cents == 1_500
    lines = statement(db, member_id).lines
    assert [line.kind for line in lines] == ["topup", "topup", "spend", "refund"]
    assert [line.balance_cents for line in lines] == [22_000, 32_000, 7_000, 1_500]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "stored_value")) == 4


def test_partial_payment_void_gives_back_and_retry_never_pays_twice(db: Database, member_id: int) -> None:
    topup(db, member_id, 5_000, "cash")
    data = PurchaseInput(member_id=member_id, total_cents=8_000, payment_method="wechat", stored_value_cents=5_000, external_ref="till-1")
    first = record_purchase(db, data)
    again = record_purchase(db, data)
    assert again.purchase_id == first.purchase_id and stored_balance(db, member_id).total_cents == 0
    with pytest.raises(ConflictError, match="Not enough stored value"):
        record_purchase(db, PurchaseInput(member_id=member_id, total_cents=100, payment_method="stored_value"))
    void_purchase(db, first.purchase_id)
    assert stored_balance(db, member_id).total_cents == 5_000 == ledger_sum(db, member_id).total_cents
    assert topup(db, member_id, 1_000, external_ref="t-1").replayed is False
    assert topup(db, member_id, 1_000, external_ref="t-1").replayed is True
    assert stored_balance(db, member_id).total_cents == 6_000


def test_owner_password_guards_refunds_and_adjustments(db: Database, member_id: int) -> None:
    entry = topup(db, member_id, 3_000).entry_id
    set_owner_password(db, "secret1")
    _unchanged(db, lambda: refund_topup(db, entry), OwnerPasswordError, "owner password")
    _unchanged(db, lambda: adjust_stored_value(db, member_id, 500, "gift", owner_password="wrong"), OwnerPasswordError, "wrong")
    _unchanged(db, lambda: adjust_stored_value(db, member_id, -5_000, "typo", owner_password="secret1"), ConflictError, "cannot go below zero")
    _unchanged(db, lambda: adjust_stored_value(db, member_id, 500, " ", owner_password="secret1"), ValidationError, "why")
    assert adjust_stored_value(db, member_id, -500, "typo", owner_password="secret1").total_cents == 2_500
    assert refund_topup(db, entry, owner_password="secret1").balance.total_cents == 0


def test_bad_input_changes_nothing(db: Database, member_id: int) -> None:
    topup(db, member_id, 1_000)
    _unchanged(db, lambda: topup(db, member_id, -100), ValidationError, "more than 0")
    _unchanged(db, lambda: topup(db, member_id, 100, "bitcoin"), ValidationError, "payment method")
    _unchanged(
        db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=2_000, payment_method="stored_value")),
        ConflictError, "Not enough stored value",
    )
    _unchanged(
        db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=2_000, redeem_points=10)),
        ConflictError, "Not enough points",
    )
    _unchanged(
        db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=2_000, coupon_code="ABCD-EFGH")),
        ValidationError, "typo",
    )
    _unchanged(
        db, lambda: record_purchase(db, PurchaseInput(member_id=None, total_cents=2_000, redeem_points=5)),
        ValidationError, "need a member",
    )
    _unchanged(
        db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=2_000, payment_method="stored_value",
                                                      stored_value_cents=500)),
        ValidationError, "how the rest is paid",
    )


# ------------------------------------------------------------------ points as money off


def test_points_redemption_rate_minimum_maximum(db: Database, member_id: int) -> None:
    update_settings(db, points_per_unit=1, points_spend_unit_cents=1000, points_redeem_points=10, points_redeem_cents=100,
                    points_redeem_min=20, points_redeem_max=100)
    assert record_purchase(db, PurchaseInput(member_id=member_id, total_cents=150_000)).points_earned == 150  # 1 per ¥10
    _unchanged(db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=5_000, redeem_points=10)),
               ConflictError, "At least 20")
    _unchanged(db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=50_000, redeem_points=120)),
               ConflictError, "At most 100")
    _unchanged(db, lambda: record_purchase(db, PurchaseInput(member_id=member_id, total_cents=500, redeem_points=60)),
               ConflictError, "worth more")
    sale = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=5_000, redeem_points=30))
    assert (sale.points_discount_cents, sale.total_cents, sale.points_earned) == (300, 4_700, 4)
    assert get_member(db, member_id).points_balance == 150 - 30 + 4
    void_purchase(db, sale.purchase_id)
    assert get_member(db, member_id).points_balance == 150


# ------------------------------------------------------------------ coupons


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, min_size=7, max_size=7), st.integers(0, 7), st.sampled_from(ALPHABET))
def test_a_single_wrong_character_is_always_caught(body: str, where: int, wrong: str) -> None:
    code = body + _check_char(body)
    assert normalise_code(code.lower()[:4] + "-" + code[4:]) == code
    typo = code[:where] + wrong + code[where + 1 :]
    if typo != code:
        with pytest.raises(ValidationError):
            normalise_code(typo)


def test_codes_avoid_confusable_characters() -> None:
    for _ in range(200):
        code = coupons.new_code()
        assert not set(code) & set("0O1I") and normalise_code(code) == code


def test_coupon_rules_each_with_a_clear_message(db: Database, member_id: int) -> None:
    other = register_member(db, MemberInput(phone="13812345679")).id
    cake = add_product(db, "芝士蛋糕", category="蛋糕", price_cents=2_800)
    bun = add_product(db, "菠萝包", category="面包", price_cents=800)
    off = define_coupon(db, "满50减10", "amount", amount_cents=1_000, min_spend_cents=5_000, valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=30))
    pct = define_coupon(db, "9折", "percent", percent=10, valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=30))
    free = define_coupon(db, "送蛋糕", "item", product_id=cake.id, valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=30))
    old = define_coupon(db, "旧券", "amount", amount_cents=500, valid_from=TODAY - dt.timedelta(days=60), valid_to=TODAY + dt.timedelta(days=1))
    [c_off] = issue_to_members(db, off, [member_id])
    [c_pct] = issue_to_members(db, pct, [member_id])
    [c_free] = issue_to_members(db, free, [member_id])
    [c_old] = issue_to_members(db, old, [member_id])
    with db.transaction() as s:  # the old coupon's validity ended yesterday
        from shopcrm.db.models import CouponDefinition

        s.get(CouponDefinition, old).valid_to = TODAY - dt.timedelta(days=1)

    def sale(code: str, cents: int | None = None, who: int = member_id, lines: list[LineInput] | None = None) -> Any:
        return lambda: record_purchase(db, PurchaseInput(member_id=who, total_cents=cents, lines=lines or [], coupon_code=code))

    _unchanged(db, sale(c_off, 4_999), ConflictError, "at least ¥50.00")
    _unchanged(db, sale(c_off, 6_000, other), ConflictError, "another member")
    _unchanged(db, sale(c_old, 6_000), ConflictError, "expired on")
    _unchanged(db, sale(c_free, lines=[LineInput(bun.id, 2)]), ConflictError, "free 芝士蛋糕")
    assert record_purchase(db, PurchaseInput(member_id=member_id, total_cents=6_000, coupon_code=c_off)).total_cents == 5_000
    _unchanged(db, sale(c_off, 6_000), ConflictError, "already used")
    assert record_purchase(db, PurchaseInput(member_id=member_id, total_cents=3_333, coupon_code=c_pct)).coupon_discount_cents == 333
    free_sale = record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, 1), LineInput(cake.id, 1)], coupon_code=c_free))
    assert (free_sale.coupon_discount_cents, free_sale.total_cents) == (2_800, 800)
    void_purchase(db, free_sale.purchase_id)  # the coupon can be used again
    assert [c.code for c in list_coupons(db, member_id=member_id, usable_on=TODAY)] == [c_free]


def test_birthday_issue_once_and_campaign_redemption_counts_as_response(db: Database) -> None:
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    in_week = monday + dt.timedelta(days=3)
    later = in_week + dt.timedelta(days=7)
    birthday = register_member(db, MemberInput(phone="13700000001", birthday=f"1980-{in_week.month:02d}-{in_week.day:02d}")).id
    register_member(db, MemberInput(phone="13700000002", birthday=f"1980-{later.month:02d}-{later.day:02d}"))
    gift = define_coupon(db, "生日券", "amount", amount_cents=500, valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=60))
    assert len(issue_to_birthdays(db, gift, TODAY)) == 1
    assert issue_to_birthdays(db, gift, TODAY) == []  # once a year
    assert list_coupons(db, definition_id=gift)[0].member_id == birthday

    from shopcrm.db.models import MemberTag

    listed = [register_member(db, MemberInput(phone=f"1360000000{i}", consent=True)).id for i in range(3)]
    with db.transaction() as s:
        for mid in listed:
            s.add(MemberTag(member_id=mid, tag="vip"))
    campaign = save_campaign(db, "回访", promotion_filter(tag="vip", consent_only=False), when=dt.datetime.now() - dt.timedelta(days=40)).id
    codes = issue_to_campaign(db, gift, campaign)
    assert len(codes) == 3
    before = campaign_response(db, campaign, days=30).listed.buyers
    owner = list_coupons(db, definition_id=gift)[0]
    record_purchase(db, PurchaseInput(member_id=owner.member_id, total_cents=1_000, coupon_code=owner.code))
    assert campaign_response(db, campaign, days=30).listed.buyers == before + 1  # after the 30 days, by the coupon


def test_missing_things_are_named(db: Database, member_id: int) -> None:
    with pytest.raises(NotFoundError):
        issue_to_members(db, 999, [member_id])
    with pytest.raises(ValidationError):
        define_coupon(db, "x", "percent", percent=120, valid_from=TODAY, valid_to=TODAY)
    with pytest.raises(ValidationError):
        define_coupon(db, "x", "amount", amount_cents=100, valid_from=TODAY, valid_to=TODAY - dt.timedelta(days=1))


# ------------------------------------------------------------------ takings against a known day


def test_takings_of_a_day_add_up(db: Database, member_id: int) -> None:
    update_settings(db, stored_value_bonus_rules=(BonusRule(20_000, 2_000),))
    walk = dt.datetime.combine(TODAY, dt.time(0, 0, 5))
    yesterday = walk - dt.timedelta(days=1)
    record_purchase(db, PurchaseInput(member_id=None, total_cents=9_999, payment_method="cash", purchased_at=yesterday))
    topup(db, member_id, 20_000, "alipay")
    record_purchase(db, PurchaseInput(member_id=member_id, total_cents=3_000, payment_method="stored_value"))
    record_purchase(db, PurchaseInput(member_id=member_id, total_cents=5_000, payment_method="cash", stored_value_cents=2_000))
    record_purchase(db, PurchaseInput(member_id=None, total_cents=1_800, payment_method="wechat"))
    gone = record_purchase(db, PurchaseInput(member_id=None, total_cents=700, payment_method="wechat"))
    void_purchase(db, gone.purchase_id)
    off = define_coupon(db, "减5", "amount", amount_cents=500, valid_from=TODAY, valid_to=TODAY)
    [code] = issue_to_members(db, off, [member_id])
    record_purchase(db, PurchaseInput(member_id=member_id, total_cents=2_000, payment_method="cash", coupon_code=code))
    register_member(db, MemberInput(phone="13812349999"))
    t = takings(db, TODAY)
    assert (t.sales, t.sales_cents) == (4, 3_000 + 5_000 + 1_800 + 1_500)
    methods = {m.method: (m.sales, m.amount_cents) for m in t.by_method}
    assert methods == {"stored_value": (1, 3_000 + 2_000), "cash": (2, 3_000 + 1_500), "wechat": (1, 1_800)}
    assert (t.topups, t.topup_cents, t.topup_bonus_cents) == (1, 20_000, 2_000)
    assert t.stored_value_spent_cents == 5_000
    assert (t.coupons_redeemed, t.coupon_discount_cents) == (1, 500)
    assert (t.voids, t.void_cents) == (1, 700)
    assert t.new_members == 2
    assert t.money_in_cents == 3_000 + 1_500 + 1_800 + 20_000
    assert t.liability.total_cents == 22_000 - 5_000
    assert takings(db, yesterday.date()).sales_cents == 9_999
    data = t.to_json()
    assert data["sales"] == 4 and data["sales_amount"] == 113.0 and data["by_method"]["cash"]["amount"] == 45.0


def test_welcome_coupon_on_registration_and_liability_on_the_dashboard(db: Database) -> None:
    from shopcrm.services.reports.dashboard import dashboard_data

    welcome = define_coupon(db, "新会员券", "amount", amount_cents=300, valid_from=TODAY, valid_to=TODAY + dt.timedelta(days=30))
    update_settings(db, registration_coupon_id=welcome)
    new = register_member(db, MemberInput(phone="13500000077")).id
    [coupon] = list_coupons(db, member_id=new)
    assert (coupon.definition_id, coupon.issued_via) == (welcome, "registration")
    topup(db, new, 5_000)
    owed = dashboard_data(db).stored_value_liability
    assert owed is not None and (owed.total_cents, owed.members) == (5_000, 1)
