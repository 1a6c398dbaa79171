from __future__ import annotations

import datetime as dt

import pytest

from shopcrm.db.engine import Database
from shopcrm.errors import ConflictError, NotFoundError, ValidationError
from shopcrm.i18n import set_language
from shopcrm.services.members.records import (
    MemberInput,
    archive_member,
    erase_member,
    find_members,
    get_member,
    reactivate_member,
    register_member,
    update_member,
)
from shopcrm.services.sales.purchases import PurchaseInput, member_history, record_purchase


def test_register_normalises_phone_and_generates_card(db: Database) -> None:
    m = register_member(db, MemberInput(phone="+86 138-1234-5678", name=" 张三 ", birthday="5月3日", tags=["早餐", "早餐", "奶茶"]))
    assert m.phone == "+8613812345678"
    assert m.phone_display == "13812345678"
    assert m.card_no == "000001"
    assert m.name == "张三"
    assert (m.birth_year, m.birth_month, m.birth_day) == (None, 5, 3)
    assert m.tags == ("奶茶", "早餐")
    second = register_member(db, MemberInput(phone="13912345678"))
    assert second.card_no == "000002"


@pytest.mark.parametrize("phone", ["138 1234 5678", "8613812345678", "１３８１２３４５６７８", "0086-138-1234-5678"])
def test_second_member_with_same_phone_is_refused_naming_the_first(db: Database, phone: str) -> None:
    register_member(db, MemberInput(phone="13812345678", name="张三"))
    with pytest.raises(ConflictError) as info:
        register_member(db, MemberInput(phone=phone, name="李四"))
    assert "张三" in str(info.value) and "000001" in str(info.value)
    assert len(find_members(db, "5678")) == 1


def test_error_messages_in_chinese(db: Database) -> None:
    register_member(db, MemberInput(phone="13812345678", name="张三"))
    set_language("zh_CN")
    try:
        with pytest.raises(ConflictError) as info:
            register_member(db, MemberInput(phone="13812345678"))
        assert "张三" in info.value.message()
        assert "already" not in info.value.message()
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("field", "value", "attr"),
    [
        ("phone", "123", "phone"),
        ("phone", "", "phone"),
        ("birthday", "2030-01-01", "birthday"),
        ("birthday", "02-30", "birthday"),
        ("birthday", "hello", "birthday"),
        ("gender", "robot", "gender"),
        ("name", "x" * 101, "name"),
        ("card_no", "a b!c", "card_no"),
    ],
)
def test_invalid_fields_are_refused_and_change_nothing(db: Database, field: str, value: str, attr: str) -> None:
    data = MemberInput(phone="13812345678")
    setattr(data, field, value)
    with pytest.raises(ValidationError) as info:
        register_member(db, data)
    assert info.value.field == attr
    assert find_members(db, "5678") == []


def test_find_by_last4_phone_card_and_name(db: Database) -> None:
    a = register_member(db, MemberInput(phone="13812345678", name="张三"))
    b = register_member(db, MemberInput(phone="13912345678", name="李四", card_no="VIP88"))
    register_member(db, MemberInput(phone="13700000000", name="王五"))
    assert {m.id for m in find_members(db, "5678")} == {a.id, b.id}
    assert [m.id for m in find_members(db, "139 1234 5678")] == [b.id]
    assert [m.id for m in find_members(db, "VIP88")] == [b.id]
    assert [m.id for m in find_members(db, "李")] == [b.id]
    assert find_members(db, "") == []
    assert find_members(db, "%") == []


def test_edit_keeps_phone_unique_and_records_consent(db: Database) -> None:
    a = register_member(db, MemberInput(phone="13812345678", name="张三"))
    register_member(db, MemberInput(phone="13912345678", name="李四"))
    with pytest.raises(ConflictError):
        update_member(db, a.id, MemberInput(phone="13912345678"))
    updated = update_member(db, a.id, MemberInput(phone="13812345678", name="张三丰", consent=True, area="科技园"))
    assert updated.name == "张三丰" and updated.consent and updated.consent_at is not None
    assert updated.area == "科技园"


def test_archive_hides_from_counter_and_refuses_sales(db: Database) -> None:
    a = register_member(db, MemberInput(phone="13812345678", name="张三"))
    archive_member(db, a.id)
    assert find_members(db, "5678") == []
    assert len(find_members(db, "5678", include_archived=True)) == 1
    with pytest.raises(ConflictError):
        record_purchase(db, PurchaseInput(member_id=a.id, total_cents=1000))
    reactivate_member(db, a.id)
    record_purchase(db, PurchaseInput(member_id=a.id, total_cents=1000))


def test_erase_removes_personal_data_but_keeps_sales(db: Database) -> None:
    a = register_member(db, MemberInput(phone="13812345678", name="张三", birthday="1990-01-02", notes="likes cake", tags=["vip"], consent=True))
    record_purchase(db, PurchaseInput(member_id=a.id, total_cents=2500))
    erase_member(db, a.id)
    m = get_member(db, a.id)
    assert (m.name, m.phone, m.birthday, m.notes, m.tags, m.consent, m.status) == (None, None, "", None, (), False, "erased")
    assert len(member_history(db, a.id)) == 1
    # the phone is free again for a new registration
    register_member(db, MemberInput(phone="13812345678", name="新会员"))
    with pytest.raises(ConflictError):
        erase_member(db, a.id)


def test_unknown_member(db: Database) -> None:
    with pytest.raises(NotFoundError):
        get_member(db, 42)
    with pytest.raises(NotFoundError):
        update_member(db, 42, MemberInput(phone="13812345678"))


def test_registration_date_not_in_future(db: Database) -> None:
    with pytest.raises(ValidationError):
        register_member(db, MemberInput(phone="13812345678", registered_on=dt.date.today() + dt.timedelta(days=2)))
