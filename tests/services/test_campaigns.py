"""Campaign lists: filters, ready-made lists, saving with the members of the day, contact marks,
what a printout may contain (consent, masking, owner password) and the audit of outputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from campaign_shop import CampaignShop

from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, CampaignMember, Member
from shopcrm.errors import NotFoundError, ValidationError
from shopcrm.services.campaigns.lists import (
    PRESETS,
    campaign_member_ids,
    count_matching,
    delete_campaign,
    get_campaign,
    launch_categories,
    list_campaigns,
    matching_ids,
    preset_filter,
    promotion_filter,
    save_campaign,
    set_contacted,
    update_campaign,
)
from shopcrm.services.campaigns.output import prepare_campaign_list, prepare_filter_list, record_output
from shopcrm.services.campaigns.words import describe_filter
from shopcrm.services.members.filters import CLASS_CODES, MemberFilter, birthday_days
from shopcrm.services.members.privacy import record_consent
from shopcrm.services.sales.products import add_product
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import OwnerPasswordError, set_owner_password

TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def shop(db: Database) -> CampaignShop:
    shop = CampaignShop(db)
    shop.snapshot()
    return shop


def ids(db: Database, flt: MemberFilter, today: dt.date = TODAY) -> set[int]:
    return set(matching_ids(db, flt, today)[0])


def test_class_filters_take_several_values_and_default_to_consenting_members(shop: CampaignShop) -> None:
    db = shop.db
    gold = shop.member(classes={"pyramid": "gold", "lifecycle": "at_risk"})
    plat = shop.member(classes={"pyramid": "platinum", "lifecycle": "churned"})
    gold_active = shop.member(classes={"pyramid": "gold", "lifecycle": "active"})
    gold_no_consent = shop.member(consent=False, classes={"pyramid": "gold", "lifecycle": "at_risk"})
    shop.member(classes={"pyramid": "lead", "lifecycle": "at_risk"})

    flt = promotion_filter(pyramid=("gold", "platinum"), lifecycle=("at_risk", "churned"))
    assert ids(db, flt) == {gold, plat}
    assert count_matching(db, flt, TODAY).members == 2
    assert ids(db, flt.with_changes(consent_only=False)) == {gold, plat, gold_no_consent}
    assert ids(db, promotion_filter(pyramid=("gold",))) == {gold, gold_active}


def test_member_field_filters(shop: CampaignShop) -> None:
    db = shop.db
    a = shop.member(area="万科城市花园", source="wechat", level=2, tags=("奶茶",), classes={})
    b = shop.member(area="Office park 50%", source="walk_in", level=1, classes={})
    shop.member(area="老街", source="walk_in", level=0, classes={})
    archived = shop.member(area="万科城市花园", classes={})
    with db.transaction() as s:
        s.get(Member, archived).status = "archived"

    assert ids(db, promotion_filter(area="万科")) == {a}
    assert ids(db, promotion_filter(area="50%")) == {b}  # LIKE wildcards are literal
    assert ids(db, promotion_filter(area="%")) == {b}
    assert ids(db, promotion_filter(source=("wechat", "delivery"))) == {a}
    assert ids(db, promotion_filter(level=(1, 2))) == {a, b}
    assert ids(db, promotion_filter(tag="奶茶")) == {a}
    assert ids(db, promotion_filter(tag="咖啡")) == set()


def test_birthdays_this_week_cross_the_year_and_keep_29_february(shop: CampaignShop) -> None:
    db = shop.db
    dec30 = shop.member(birth_month=12, birth_day=30)
    jan3 = shop.member(birth_month=1, birth_day=3)
    jan5 = shop.member(birth_month=1, birth_day=5)
    feb29 = shop.member(birth_month=2, birth_day=29)
    no_birthday = shop.member()
    week = promotion_filter(birthday="week")
    assert ids(db, week, dt.date(2025, 12, 29)) == {dec30, jan3}  # 29 Dec .. 4 Jan
    assert ids(db, week, dt.date(2025, 2, 25)) == {feb29}  # 2025 has no 29 February: the 28th counts
    assert ids(db, week, dt.date(2024, 2, 25)) == {feb29}
    assert ids(db, promotion_filter(birthday="month"), dt.date(2026, 1, 20)) == {jan3, jan5}
    assert ids(db, promotion_filter(birthday_month=12)) == {dec30}
    assert no_birthday not in ids(db, promotion_filter(birthday_month=1))
    assert len(birthday_days(week, dt.date(2025, 2, 25)) or []) == 8  # 7 days + the 29th


def test_class_filters_without_a_classification_match_nobody(db: Database) -> None:
    shop = CampaignShop(db)
    shop.member()
    assert ids(db, promotion_filter(segment=("at_risk",))) == set()
    assert len(ids(db, promotion_filter())) == 1


def test_unknown_codes_are_refused_with_the_choices(db: Database) -> None:
    with pytest.raises(ValidationError, match="gold, iron"):
        count_matching(db, promotion_filter(pyramid=("golden",)))
    with pytest.raises(ValidationError):
        MemberFilter.from_dict({"birthday": "year"})
    with pytest.raises(ValidationError):
        MemberFilter.from_dict({"birthday_month": 13})


def test_filter_round_trips_through_json() -> None:
    flt = promotion_filter(pyramid=("gold", "platinum"), level=(2,), birthday="week", area="万科", consent_only=False)
    data = flt.to_dict()
    assert data == {"pyramid": ["gold", "platinum"], "level": [2], "birthday": "week", "area": "万科",
                    "consent_only": False}
    assert MemberFilter.from_dict(data) == flt
    assert MemberFilter.from_dict({"segment": "at_risk", "unknown": 1}) == MemberFilter(segment=("at_risk",))


def test_filter_in_words() -> None:
    words = describe_filter(promotion_filter(pyramid=("gold", "platinum"), birthday="week", level=(1,)),
                            dt.date(2025, 5, 3), ("Regular", "Silver"))
    assert words == ["Customer pyramid: Gold or Platinum", "Member level: Silver", "Birthday from 05-03 to 05-09"]
    assert describe_filter(promotion_filter(), TODAY) == ["All current members"]


def test_class_codes_match_the_engine() -> None:
    engine = pytest.importorskip("shopcrm.engine.rfm")
    from shopcrm.engine import abcd, churn, frequency, lifecycle, preference, pyramid, spend

    assert CLASS_CODES["segment"] == tuple(engine.CLASSES)
    assert CLASS_CODES["pyramid"] == tuple(pyramid.CLASSES)
    assert CLASS_CODES["lifecycle"] == tuple(lifecycle.CLASSES)
    assert CLASS_CODES["churn_level"] == tuple(churn.CLASSES)
    assert CLASS_CODES["abcd"] == tuple(abcd.CLASSES)
    assert CLASS_CODES["frequency"] == tuple(frequency.CLASSES)
    assert CLASS_CODES["spend_class"] == tuple(spend.CLASSES)
    assert CLASS_CODES["preference"] == tuple(preference.CLASSES)


# ---- ready-made lists ---------------------------------------------------------------------------------
def test_ready_made_lists(shop: CampaignShop) -> None:
    db = shop.db
    birthday = shop.member(birth_month=3, birth_day=4, classes={})
    later_in_month = shop.member(birth_month=3, birth_day=20, classes={})
    at_risk = shop.member(classes={"lifecycle": "at_risk"})
    lapsed_gold = shop.member(classes={"pyramid": "gold", "lifecycle": "churned"})
    active_gold = shop.member(classes={"pyramid": "gold", "lifecycle": "active"})
    cake_trier = shop.member(classes={"preference": "trier", "favourite_category": "Cake"})
    bread_trier = shop.member(classes={"preference": "trier", "favourite_category": "Bread"})
    cake_classic = shop.member(classes={"preference": "classic", "favourite_category": "Cake"})

    assert ids(db, preset_filter("birthdays_week")) == {birthday}
    assert ids(db, preset_filter("birthdays_month")) == {birthday, later_in_month}
    assert ids(db, preset_filter("win_back")) == {at_risk}
    assert ids(db, preset_filter("lapsed_gold")) == {lapsed_gold}
    assert ids(db, preset_filter("launch_triers", "Cake")) == {cake_trier}
    assert not {active_gold, bread_trier, cake_classic} & ids(db, preset_filter("launch_triers", "Cake"))
    with pytest.raises(ValidationError):
        preset_filter("launch_triers", " ")
    assert all(p.filter("Cake").consent_only for p in PRESETS)
    assert PRESETS[-1].heading("蛋糕") == "New-product triers for a launch in 蛋糕"


def test_launch_categories_put_recent_launches_first(db: Database) -> None:
    add_product(db, "Old loaf", category="Bread", launched_on=dt.date(2020, 1, 1))
    add_product(db, "Matcha roll", category="Cake", launched_on=dt.date(2025, 2, 20))
    add_product(db, "Peach tea", category="Tea", launched_on=dt.date(2025, 2, 25))
    add_product(db, "Gift", category="Gift box")
    assert launch_categories(db, TODAY) == ["Tea", "Cake", "Bread", "Gift box"]


# ---- saved campaigns ----------------------------------------------------------------------------------
def test_save_keeps_the_members_of_the_day_with_their_segment(shop: CampaignShop) -> None:
    db = shop.db
    a = shop.member(classes={"segment": "at_risk", "pyramid": "gold"})
    b = shop.member(classes={"segment": "cant_lose", "pyramid": "gold"})
    shop.member(classes={"segment": "champions", "pyramid": "lead"})
    flt = promotion_filter(pyramid=("gold",))
    saved = save_campaign(db, "  Gold members  ", flt, ["name", "phone"], when=shop.when)
    assert (saved.name, saved.member_count, saved.columns, saved.snapshot_id) == (
        "Gold members", 2, ("name", "phone"), shop.snapshot_id)
    later = shop.member(classes={"pyramid": "gold"})  # joins the class after the list was saved
    assert campaign_member_ids(db, saved.id) == [a, b]
    assert later in ids(db, flt)
    with db.read() as s:
        segments = dict(s.query(CampaignMember.member_id, CampaignMember.segment)
                        .filter(CampaignMember.campaign_id == saved.id).all())
    assert segments == {a: "at_risk", b: "cant_lose"}
    assert get_campaign(db, saved.id).filters == flt
    assert [c.id for c in list_campaigns(db)] == [saved.id]


def test_save_refuses_an_empty_list_or_a_blank_name(shop: CampaignShop) -> None:
    shop.member(classes={"pyramid": "lead"})
    with pytest.raises(ValidationError, match="No member"):
        save_campaign(shop.db, "Gold", promotion_filter(pyramid=("gold",)))
    with pytest.raises(ValidationError, match="name"):
        save_campaign(shop.db, "   ", promotion_filter())
    with pytest.raises(ValidationError, match="column"):
        save_campaign(shop.db, "All", promotion_filter(), ["name", "shoe_size"])
    with shop.db.read() as s:
        assert s.query(Campaign).count() == 0


def test_contacted_marks(shop: CampaignShop) -> None:
    db = shop.db
    a, b, c = shop.members(3, classes={})
    saved = save_campaign(db, "All", promotion_filter())
    assert set_contacted(db, saved.id, [a, b]) == 2
    assert set_contacted(db, saved.id, [a]) == 0  # already marked: the first time is kept
    assert get_campaign(db, saved.id).contacted == 2
    assert set_contacted(db, saved.id, [b], contacted=False) == 1
    assert get_campaign(db, saved.id).contacted == 1
    rows = prepare_campaign_list(db, saved.id, columns=["name", "contacted"]).text_rows()
    assert [r[1] != "" for r in rows] == [True, False, False]
    with pytest.raises(NotFoundError):
        set_contacted(db, 999, [c])


def test_update_and_delete(shop: CampaignShop) -> None:
    db = shop.db
    shop.members(2, classes={})
    saved = save_campaign(db, "All", promotion_filter())
    changed = update_campaign(db, saved.id, name="Spring", columns=["card_no"], notes="call after 3 pm")
    assert (changed.name, changed.columns, changed.notes, changed.member_count) == (
        "Spring", ("card_no",), "call after 3 pm", 2)
    delete_campaign(db, saved.id)
    assert list_campaigns(db) == []
    with db.read() as s:
        assert s.query(CampaignMember).count() == 0
    with pytest.raises(NotFoundError):
        get_campaign(db, saved.id)


# ---- what a printout may contain --------------------------------------------------------------------
def test_campaign_output_leaves_out_members_who_withdrew_consent_or_were_erased(shop: CampaignShop) -> None:
    from shopcrm.services.members.records import erase_member

    db = shop.db
    keep, withdraws, erased = shop.members(3, classes={})
    saved = save_campaign(db, "All", promotion_filter())
    record_consent(db, withdraws, False, origin="counter")
    erase_member(db, erased)
    prepared = prepare_campaign_list(db, saved.id, columns=["card_no", "phone"])
    assert [r.member_id for r in prepared.rows] == [keep]
    assert prepared.left_out == 2
    assert any("2 members" in line for line in prepared.notes())
    assert prepared.text_rows() == [["C00001", "139****0001"]]


def test_masking_and_consent_override_need_the_owner_password(shop: CampaignShop) -> None:
    db = shop.db
    shop.member(classes={})
    shop.member(consent=False, classes={})
    masked = prepare_filter_list(db, promotion_filter(), columns=["phone"])
    assert masked.text_rows() == [["139****0001"]]
    set_owner_password(db, "secret")
    with pytest.raises(OwnerPasswordError):
        prepare_filter_list(db, promotion_filter(), columns=["phone"], masked=False)
    with pytest.raises(OwnerPasswordError):
        prepare_filter_list(db, promotion_filter(consent_only=False), password="wrong")
    full = prepare_filter_list(db, promotion_filter(consent_only=False), columns=["phone"], masked=False,
                               password="secret")
    assert full.text_rows() == [["13900000001"], ["13900000002"]]
    assert "did NOT agree" in full.notes()[0]
    assert "shown in full" in full.notes()[1]


def test_outputs_are_audited_without_personal_data(shop: CampaignShop) -> None:
    db = shop.db
    shop.member("Zhang Wei", classes={})
    saved = save_campaign(db, "All", promotion_filter())
    prepared = prepare_campaign_list(db, saved.id)
    record_output(db, prepared, audit.PRINT, "/tmp/lists/spring.pdf")
    record_output(db, prepared, audit.EXPORT, "/tmp/lists/spring.xlsx")
    events = audit.list_events(db)
    assert [e.action for e in events] == [audit.EXPORT, audit.PRINT]
    assert events[1].detail == {"campaign_id": saved.id, "members": 1, "masked": True, "consent_only": True,
                                "target": "spring.pdf"}
    assert "Zhang" not in str([e.detail for e in events])
    after = get_campaign(db, saved.id)
    assert after.printed_at is not None and after.exported_at is not None


# ---- spreadsheet export ---------------------------------------------------------------------------------
def test_campaign_export_workbook(shop: CampaignShop, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from shopcrm.services.campaigns.export import export_campaign

    db = shop.db
    a = shop.member("=HYPERLINK(\"x\")", classes={"pyramid": "gold", "spend_cents": 12345, "visits": 7,
                                                   "last_purchase": dt.date(2025, 2, 20)})
    shop.member("李娜", classes={"pyramid": "gold"})
    shop.member("No consent", consent=False, classes={"pyramid": "gold"})
    saved = save_campaign(db, "Gold", promotion_filter(pyramid=("gold",)),
                          ["card_no", "name", "phone", "visits", "spend_cents", "last_purchase", "contacted"])
    set_contacted(db, saved.id, [a], when=dt.datetime(2025, 3, 2, 9, 30))
    target = tmp_path / "gold.xlsx"
    prepared = export_campaign(db, saved.id, target)
    assert prepared.member_count == 2
    wb = load_workbook(target)
    members, about = wb.worksheets
    rows = list(members.iter_rows(values_only=True))
    assert rows[0] == ("Card no.", "Name", "Phone", "Visits", "Spend", "Last visit", "Contacted")
    assert rows[1][:4] == ("C00001", "=HYPERLINK(\"x\")", "139****0001", 7)
    assert members["B2"].data_type == "s"  # a name that looks like a formula stays text
    assert float(rows[1][4]) == 123.45 and members["E2"].number_format == "#,##0.00"
    assert rows[1][5] == dt.datetime(2025, 2, 20) and rows[1][6] == dt.datetime(2025, 3, 2, 9, 30)
    assert rows[2][1] == "李娜" and rows[2][6] is None
    assert members.freeze_panes == "A2" and members.auto_filter.ref == "A1:G3"
    facts = dict(list(about.iter_rows(values_only=True))[1:7])
    assert facts["List"] == "Gold" and facts["Members"] == 2
    assert facts["Filter"] == "Customer pyramid: Gold"
    assert "No consent" not in str(rows)
    assert get_campaign(db, saved.id).exported_at is not None
    assert audit.list_events(db, action=audit.EXPORT)[0].detail["target"] == "gold.xlsx"
    with pytest.raises(ValidationError):
        export_campaign(db, saved.id, tmp_path / "gold.pdf")


def test_a_screens_member_list_prints_in_its_order_with_the_same_guard(db: Database, shop: CampaignShop) -> None:
    from shopcrm.services.campaigns.output import prepare_member_list

    a = shop.member("Ann", classes={"pyramid": "gold"})
    b = shop.member("Bo", consent=False, classes={"pyramid": "iron"})
    c = shop.member("Cy", classes={"pyramid": "lead"})
    shown = [c, b, a]  # the screen's order (e.g. sorted by spend)
    listed = prepare_member_list(db, shown, title="Members", filter_lines=("Status: active",), masked=True)
    assert [r.member_id for r in listed.rows] == shown and listed.filter_lines == ("Status: active",)
    assert all("****" in row[2] for row in listed.text_rows()) and listed.campaign_id is None
    consenting = prepare_member_list(db, shown, title="Members", consent_only=True, masked=True)
    assert [r.member_id for r in consenting.rows] == [c, a]
    set_owner_password(db, "owner-pw")
    with pytest.raises(OwnerPasswordError):
        prepare_member_list(db, shown, title="Members", masked=True)  # non-consenting members need the owner
    assert len(prepare_member_list(db, shown, title="Members", masked=True, password="owner-pw").rows) == 3


# ---- campaigns saved before the one member filter --------------------------------------------------------
# campaigns.filters as CampaignFilter.to_dict wrote it: the set conditions (lists for several values) and consent.
OLD_SAVED_FILTER = {"pyramid": ["gold", "platinum"], "lifecycle": ["at_risk"], "level": [1], "gender": ["F"],
                    "age_band": ["25-34"], "birthday": "week", "area": "万科", "tag": "奶茶",
                    "festival": "mid_autumn", "festival_category": "月饼", "festival_days": 20, "consent_only": True}


def _old_campaign(shop: CampaignShop, name: str, filters: dict[str, object], consent_only: bool,
                  members: list[int]) -> int:
    """A campaign row as an older ShopCRM stored it, written straight to the database."""
    with shop.db.transaction() as s:
        campaign = Campaign(name=name, created_at=shop.when, filters=filters, columns=["name", "phone"],
                            consent_only=consent_only, snapshot_id=shop.snapshot_id,
                            snapshot_as_of=shop.when.date(), member_count=len(members))
        s.add(campaign)
        s.flush()
        s.add_all(CampaignMember(campaign_id=campaign.id, member_id=m, segment="at_risk") for m in members)
        return campaign.id


def test_a_filter_saved_before_the_one_member_filter_still_loads(shop: CampaignShop) -> None:
    from shopcrm.services.campaigns.response import campaign_response

    db = shop.db
    gold = shop.member("Gold", classes={"pyramid": "gold", "lifecycle": "at_risk"})
    lead = shop.member("Lead", classes={"pyramid": "lead", "lifecycle": "at_risk"})
    no_consent = shop.member("No consent", consent=False, classes={"pyramid": "gold", "lifecycle": "at_risk"})
    full = _old_campaign(shop, "Everything", OLD_SAVED_FILTER, True, [gold])
    # older still: one value as a plain string, and no consent key (the campaign's own column says)
    plain = _old_campaign(shop, "Plain", {"pyramid": "gold"}, True, [gold])
    everyone = _old_campaign(shop, "Everyone", {"pyramid": ["gold"], "consent_only": False}, False, [gold, no_consent])

    loaded = get_campaign(db, full).filters
    assert loaded == MemberFilter(pyramid=("gold", "platinum"), lifecycle=("at_risk",), level=(1,), gender=("F",),
                                  age_band=("25-34",), birthday="week", area="万科", tag="奶茶", festival="mid_autumn",
                                  festival_category="月饼", festival_days=20, consent_only=True)
    assert (loaded.text, loaded.status, loaded.member_ids) == ("", "active", None)  # the Members screen's own: any
    assert loaded.to_dict() == OLD_SAVED_FILTER  # saved again, the JSON is the same
    assert get_campaign(db, plain).filters == promotion_filter(pyramid=("gold",))
    assert ids(db, get_campaign(db, plain).filters) == {gold}
    assert ids(db, get_campaign(db, everyone).filters) == {gold, no_consent}
    assert lead not in ids(db, get_campaign(db, everyone).filters)
    assert {c.id: c.filters.consent_only for c in list_campaigns(db)} == {full: True, plain: True, everyone: False}

    printed = prepare_campaign_list(db, full, masked=True)
    assert [r.member_id for r in printed.rows] == [gold]
    assert printed.filter_lines[:2] == ("Customer pyramid: Gold or Platinum", "Lifecycle: At risk")
    assert [r.member_id for r in prepare_campaign_list(db, everyone, masked=True, password=None).rows] == [
        gold, no_consent]
    assert campaign_response(db, plain, days=30, as_of=shop.when + dt.timedelta(days=40)).campaign_id == plain


def test_a_damaged_saved_filter_is_refused_clearly(shop: CampaignShop) -> None:
    gold = shop.member(classes={"pyramid": "gold"})
    bad = _old_campaign(shop, "Bad", {"pyramid": ["golden"], "consent_only": True}, True, [gold])
    with pytest.raises(ValidationError, match="golden"):
        get_campaign(shop.db, bad)
