"""Message texts (SPEC §9): SMS segment counts against a reference splitter on generated strings,
templates and fields, the CSV for an SMS platform with the printing rules (consent, masking, owner
password), the audit and the contact marks, and the command line; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from campaign_shop import CampaignShop
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.db.models import Campaign, CampaignMember
from shopcrm.errors import NotFoundError, ValidationError
from shopcrm.i18n import set_language
from shopcrm.services.campaigns.lists import promotion_filter, save_campaign
from shopcrm.services.campaigns.message_fields import template_fields
from shopcrm.services.campaigns.message_templates import (
    delete_template,
    find_template,
    ready_made_templates,
    save_template,
)
from shopcrm.services.campaigns.messages import (
    copy_message,
    export_campaign_messages,
    export_filter_messages,
    preview_message,
)
from shopcrm.services.campaigns.sms import GSM7_BASIC, GSM7_EXTENSION, sms_length
from shopcrm.services.sales.coupons import define_coupon, issue_to_members
from shopcrm.services.sales.stored_value import topup
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import OwnerPasswordError, set_owner_password
from shopcrm.services.shop.settings import update_settings


# ---- segment counts -----------------------------------------------------------------------------------
def reference_segments(text: str) -> tuple[str, int]:
    """Encode, then cut the unit stream into SMS: a unit pair (GSM escape + char, UTF-16 surrogates)
    is never cut in two.  Written without the production code's arithmetic shortcuts."""
    if not text:
        return "GSM-7", 0
    gsm = all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)
    stream: list[bool] = []  # True marks the first unit of a pair
    for c in text:
        if gsm:
            stream += [True, False] if c in GSM7_EXTENSION else [False]
        else:
            units = len(c.encode("utf-16-le")) // 2
            stream += [True, False] if units == 2 else [False]
    single, part = (160, 153) if gsm else (70, 67)
    if len(stream) <= single:
        return ("GSM-7" if gsm else "UCS-2"), 1
    count = 0
    while stream:
        take = min(part, len(stream))
        if take < len(stream) and stream[take - 1]:
            take -= 1
        stream = stream[take:]
        count += 1
    return ("GSM-7" if gsm else "UCS-2"), count


ALPHABET = st.sampled_from(list("abcXYZ 09.,!?@£€[]{}^~|\\\n") + ["`", "中", "文", "，", "😀", "é", "ü", "Ω"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=420).map("".join))
@example("")
@example("a" * 160)
@example("a" * 161)
@example("a" * 306)
@example("a" * 307)
@example("中" * 70)
@example("中" * 71)
@example("中" * 134)
@example("中" * 135)
@example("€" * 80)
@example("€" * 81)
@example("a" * 152 + "€")
@example("中" * 66 + "😀" + "中" * 10)
def test_segment_counts_agree_with_the_reference_splitter(text: str) -> None:
    got = sms_length(text)
    assert (got.encoding, got.segments) == reference_segments(text)


@pytest.mark.parametrize(("text", "segments", "encoding"), [
    ("中" * 70, 1, "UCS-2"), ("中" * 71, 2, "UCS-2"), ("中" * 134, 2, "UCS-2"), ("中" * 135, 3, "UCS-2"),
    ("a" * 160, 1, "GSM-7"), ("a" * 161, 2, "GSM-7"), ("a" * 306, 2, "GSM-7"), ("a" * 307, 3, "GSM-7"),
    ("{" * 80, 1, "GSM-7"), ("{" * 81, 2, "GSM-7"),  # extension characters take two septets
    ("a" * 159 + "`", 3, "UCS-2"),  # a backtick is not in the GSM alphabet: the whole text goes UCS-2
])
def test_known_segment_counts(text: str, segments: int, encoding: str) -> None:
    length = sms_length(text)
    assert (length.segments, length.encoding) == (segments, encoding)


# ---- templates -----------------------------------------------------------------------------------------
def test_ready_made_templates_exist_in_both_languages_and_use_known_fields() -> None:
    for language in ("zh_CN", "en"):
        templates = ready_made_templates(language)
        assert [t.key for t in templates] == ["birthday", "win_back", "new_product", "points_expiring",
                                              "stored_value_low"]
        for t in templates:
            assert template_fields(t.body)
    zh = {t.key: t.body for t in ready_made_templates("zh_CN")}
    assert "{姓名}" in zh["birthday"] and "{储值余额}" in zh["stored_value_low"]


def test_an_unknown_field_is_named(db: Database) -> None:
    with pytest.raises(ValidationError) as exc:
        save_template(db, "Mine", "Hello {nmae}")
    assert "{nmae}" in exc.value.message()


def test_saved_templates_round_trip_and_cannot_take_a_ready_made_name(db: Database) -> None:
    save_template(db, "周末", "{姓名}，周末{店名}全场九折")
    assert find_template(db, "周末").body == "{姓名}，周末{店名}全场九折"
    with pytest.raises(ValidationError):
        save_template(db, "birthday", "x")
    delete_template(db, "周末")
    with pytest.raises(NotFoundError):
        find_template(db, "周末")


# ---- the list's texts on the database -------------------------------------------------------------------
@pytest.fixture
def shop(db: Database) -> CampaignShop:
    update_settings(db, shop_name="麦香坊")
    return CampaignShop(db)


def _campaign(shop: CampaignShop) -> tuple[int, dict[str, int]]:
    ids = {
        "wang": shop.member("王芳", points_balance=120, tags=("x",)),
        "li": shop.member("李雷", points_balance=5, tags=("x",)),
        "noconsent": shop.member("赵六", consent=False, tags=("x",)),
    }
    campaign = save_campaign(shop.db, "List", promotion_filter(tag="x", consent_only=False))
    return campaign.id, ids


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_a_campaigns_texts_are_exported_masked_consent_only_audited_and_marked(shop: CampaignShop,
                                                                               tmp_path: Path) -> None:
    set_language("en")
    db = shop.db
    campaign_id, ids = _campaign(shop)
    with db.transaction() as s:  # the list is for members who agreed to promotions
        s.get(Campaign, campaign_id).consent_only = True
    shop.member("Later", tags=("x",))  # joined after the list was saved: not on it
    out = tmp_path / "sms.csv"
    prepared = export_campaign_messages(db, campaign_id, "{姓名}您好，{店名}送您{积分}积分的好礼", out, template="mine")
    assert _rows(out) == [
        ["phone", "text"],
        ["139****0001", "王芳您好，麦香坊送您120积分的好礼"],
        ["139****0002", "李雷您好，麦香坊送您5积分的好礼"],
    ]
    assert prepared.segments == 2 and prepared.masked and prepared.consent_only and prepared.left_out == 1
    events = audit.list_events(db, action=audit.MESSAGES)
    assert len(events) == 1
    assert (events[0].detail["members"], events[0].detail["campaign_id"], events[0].detail["segments"]) == (
        2, campaign_id, 2)
    assert "王芳" not in json.dumps(events[0].detail, ensure_ascii=False)
    assert "139" not in json.dumps(events[0].detail)
    with db.read() as s:
        marked = {m.member_id for m in s.query(CampaignMember).filter_by(campaign_id=campaign_id)
                  if m.contacted_at is not None}
        assert marked == {ids["wang"], ids["li"]}
        assert s.get(Campaign, campaign_id).exported_at is not None


def test_full_phones_and_non_consenting_members_need_the_owner_password(shop: CampaignShop, tmp_path: Path) -> None:
    db = shop.db
    campaign_id, ids = _campaign(shop)
    set_owner_password(db, "secret-pw")
    out = tmp_path / "sms.csv"
    with pytest.raises(OwnerPasswordError):
        export_campaign_messages(db, campaign_id, "{name}", out, masked=False)
    with pytest.raises(OwnerPasswordError):  # the list was made for every member
        export_campaign_messages(db, campaign_id, "{name}", out)
    assert not out.exists() and not audit.list_events(db, action=audit.MESSAGES)
    export_campaign_messages(db, campaign_id, "{name}", out, masked=False, password="secret-pw")
    rows = _rows(out)[1:]
    assert sorted(r[0] for r in rows) == ["13900000001", "13900000002", "13900000003"]


def test_a_field_with_no_value_in_this_shop_is_refused_and_nothing_changes(shop: CampaignShop,
                                                                          tmp_path: Path) -> None:
    """{到期积分}: points do not expire in this shop (the default), so the text cannot be sent to anyone."""
    db = shop.db
    shop.member("A", tags=("x",))
    out = tmp_path / "sms.csv"
    body = find_template(db, "points_expiring").body
    with pytest.raises(ValidationError):
        export_filter_messages(db, promotion_filter(tag="x"), body, out, list_name="Expiring")
    with db.read() as s:
        assert s.query(Campaign).count() == 0
    assert not out.exists() and not audit.list_events(db, action=audit.MESSAGES)
    preview = preview_message(db, body, 1)
    assert preview.missing and preview.missing[0] in ("{到期积分}", "{expiring_points}")


def test_stored_value_and_coupon_fields_come_from_the_ledgers(shop: CampaignShop, tmp_path: Path) -> None:
    """{储值余额} is the member's balance; {优惠券码} their usable coupon; a member without one gets no text."""
    set_language("en")
    db = shop.db
    with_coupon = shop.member("Ann", tags=("x",))
    without = shop.member("Bob", tags=("x",))
    topup(db, with_coupon, 12_550, "cash")
    today = dt.date.today()
    kind = define_coupon(db, "5 off", "amount", amount_cents=500, valid_from=today, valid_to=today + dt.timedelta(days=9))
    [code] = issue_to_members(db, kind, [with_coupon])
    out = tmp_path / "sv.csv"
    prepared = export_filter_messages(db, promotion_filter(tag="x"), "{name}: {stored_value}, coupon {coupon}", out,
                                      list_name="SV")
    assert [r.member_id for r in prepared.rows] == [with_coupon] and prepared.left_out >= 1
    rows = _rows(out)
    assert rows[1][1] == f"Ann: ¥125.50, coupon {code}" and without not in [r.member_id for r in prepared.rows]
    balance_only = export_filter_messages(db, promotion_filter(tag="x"), "{name}: {stored_value}", tmp_path / "b.csv",
                                          list_name="SV2")
    assert sorted(r.text for r in balance_only.rows) == ["Ann: ¥125.50", "Bob: ¥0.00"]


def test_a_filter_export_saves_the_list_as_a_campaign_and_the_variables_shape(shop: CampaignShop,
                                                                               tmp_path: Path) -> None:
    set_language("en")
    db = shop.db
    shop.member("Ann", tags=("x",), points_balance=7)
    out = tmp_path / "vars.csv"
    prepared = export_filter_messages(db, promotion_filter(tag="x"), "Hi {name}, {points} points", out,
                                      list_name="Var list", shape="variables")
    assert _rows(out) == [["phone", "name", "points"], ["139****0001", "Ann", "7"]]
    with db.read() as s:
        assert s.get(Campaign, prepared.campaign_id).name == "Var list"


def test_copying_one_text_for_wechat_is_audited_and_marks_that_member_only(shop: CampaignShop) -> None:
    db = shop.db
    campaign_id, ids = _campaign(shop)
    with db.transaction() as s:
        s.get(Campaign, campaign_id).consent_only = True
    text = copy_message(db, campaign_id, ids["wang"], "{姓名}，生日快乐")
    assert text == "王芳，生日快乐"
    with pytest.raises(ValidationError):
        copy_message(db, campaign_id, ids["noconsent"], "{姓名}")
    with db.read() as s:
        marked = {m.member_id for m in s.query(CampaignMember).filter_by(campaign_id=campaign_id)
                  if m.contacted_at is not None}
    assert marked == {ids["wang"]}
    assert audit.list_events(db, action=audit.MESSAGES, member_id=ids["wang"])


def test_the_birthday_field_is_this_years_solar_date_of_a_lunar_birthday(shop: CampaignShop) -> None:
    set_language("zh_CN")
    member = shop.member("陈伯", birth_month=4, birth_day=8, birth_calendar="lunar")
    preview = preview_message(shop.db, "{姓名}，{生日}生日快乐", member, today=dt.date(2026, 5, 1))
    assert preview.text == "陈伯，5月24日生日快乐"
    assert preview.length.segments == 1 and preview.length.encoding == "UCS-2"


# ---- command line -----------------------------------------------------------------------------------------
def test_the_cli_exports_a_filter_list_and_refuses_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "shop.db")
    for phone, name in (("13811110001", "甲"), ("13811110002", "乙")):
        assert run_cli(["--db", db, "member", "add", "--phone", phone, "--name", name, "--consent", "--tag", "vip"]) == 0
    assert run_cli(["--db", db, "member", "add", "--phone", "13811110003", "--name", "丙", "--tag", "vip"]) == 0
    capsys.readouterr()
    out = tmp_path / "m.csv"
    code = run_cli(["--db", db, "--lang", "en", "messages", "export", str(out), "--template", "win_back",
                    "--tag", "vip", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["members"] == 2 and result["masked"] and result["consent_only"]
    rows = _rows(out)
    assert [r[0] for r in rows[1:]] == ["138****0001", "138****0002"]
    assert rows[1][1].startswith("Hello 甲,")
    for argv in (["--template", "nope", "--tag", "vip"], ["--template", "points_expiring", "--tag", "vip"],
                 ["--template", "birthday", "--campaign", "99"], ["--template", "birthday", "--segment", "bogus"]):
        code = run_cli(["--db", db, "messages", "export", str(tmp_path / "x.csv"), *argv])
        err = capsys.readouterr().err
        assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert run_cli(["--db", db, "messages", "templates", "--json"]) == 0
    assert {t["key"] for t in json.loads(capsys.readouterr().out)} >= {"birthday", "win_back"}
