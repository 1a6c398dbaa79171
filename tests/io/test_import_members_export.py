"""Member lists: merge fills blanks (overwrite only when asked), undo restores; export is styled and round-trips."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
from sheet_factory import csv_file, xlsx
from sqlalchemy import select

from shopcrm.db.engine import Database, open_database
from shopcrm.db.models import Member
from shopcrm.services.importing.run import ImportOptions, import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.reports.exporting import export_members, parse_columns

HEADER = ["会员卡号", "姓名", "手机号", "性别", "生日", "注册日期", "来源", "标签", "营销同意", "积分"]


def _members(db: Database) -> dict[str, Any]:
    """Plain snapshots of every member (sessions close after reading)."""
    with db.read() as s:
        out = {}
        for m in s.scalars(select(Member)):
            data = {c.name: getattr(m, c.name) for c in Member.__table__.columns}
            data["tags"] = [SimpleNamespace(tag=t.tag) for t in m.tags]
            out[m.phone or m.card_no] = SimpleNamespace(**data)
        return out


def test_member_list_merges_without_overwriting(db: Database, tmp_path: Path) -> None:
    register_member(db, MemberInput(phone="13900001111", name="王芳"))  # consent "no" recorded at the counter: kept
    rows = [
        HEADER,
        ["VIP001", "王小芳", "139 0000 1111", "女", "3月5日", "2023-01-02", "美团", "咖啡、甜品", "是", 100],
        ["", "李雷", "+86 138-1234-5678", "男士", "1990-07-08", "2023/2/3", "朋友推荐", "", "否", ""],
        ["", "张三", "15000000000", "未说", "", "", "", "", "", ""],
        ["VIP009", "=HYPERLINK(\"x\")", "", "", "", "", "", "", "", 50],
    ]
    path = csv_file(tmp_path / "members.csv", rows, encoding="gbk")
    result = import_file(db, path, "members")
    assert (result.rows, result.imported, result.rejected, result.members_created, result.members_updated) == (4, 3, 1, 2, 1)
    m = _members(db)
    wang = m["+8613900001111"]
    assert wang.name == "王芳" and wang.gender == "F" and (wang.birth_year, wang.birth_month, wang.birth_day) == (None, 3, 5)
    assert wang.source == "delivery" and wang.consent is False and {t.tag for t in wang.tags} == {"咖啡", "甜品"}
    assert wang.points_balance == 100 and wang.card_no != "VIP001"
    li = m["+8613812345678"]
    assert li.gender == "M" and li.source == "referral" and li.birth_year == 1990 and li.consent is False
    assert m["VIP009"].points_balance == 50
    assert import_file(db, path, "members").summary()["imported"] == 0
    overwritten = import_file(db, path, "members", ImportOptions(overwrite=True))
    assert overwritten.members_updated >= 1 and _members(db)["+8613900001111"].name == "王小芳"
    undo_import(db, overwritten.batch or 0, backup=False)
    assert _members(db)["+8613900001111"].name == "王芳"
    undo_import(db, result.batch or 0, backup=False)
    after = _members(db)
    assert set(after) == {"+8613900001111"} and after["+8613900001111"].gender is None and after["+8613900001111"].points_balance == 0


def test_export_is_styled_safe_and_round_trips(db: Database, tmp_path: Path) -> None:
    rows = [
        ["会员名单"],
        HEADER,
        ["A1", "+王", "13812345678", "女", "1988-02-29", "2022-05-06", "小程序", "咖啡", "是", 20],
        ["A2", "@李", "13912345678", "男", "12-25", "2022-05-07", "到店", "", "否", ""],
    ]
    source = xlsx(tmp_path / "in.xlsx", {"会员": rows}, merges={"会员": ["A1:J1"]})
    assert import_file(db, source, "members").members_created == 2
    out = tmp_path / "out.xlsx"
    columns = parse_columns("card_no,name,phone,gender,birthday,registered_on,source,tags,consent,points")
    assert export_members(db, out, columns=columns) == 2
    book = openpyxl.load_workbook(out)
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J3"
    assert sheet["A1"].font.b and sheet["F2"].number_format == "yyyy-mm-dd"
    names = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=2) for r in (2, 3)}
    assert set(names) == {"+王", "@李"} and all(c.data_type == "s" for c in names.values())
    copy_db = open_database(tmp_path / "copy.db")
    back = import_file(copy_db, out, "members")
    assert back.members_created == 2 and back.rejected == 0
    original, copy = _members(db), _members(copy_db)
    for phone, m in original.items():
        c = copy[phone]
        assert (c.card_no, c.name, c.gender, c.birth_year, c.birth_month, c.birth_day, c.registered_on, c.source, c.consent,
                c.points_balance) == (m.card_no, m.name, m.gender, m.birth_year, m.birth_month, m.birth_day, m.registered_on,
                                      m.source, m.consent, m.points_balance)
        assert {t.tag for t in c.tags} == {t.tag for t in m.tags}
    copy_db.dispose()


def test_a_member_listed_twice_in_one_file_is_created_once_with_both_rows(db: Database, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["", "", "13812345678", "", "", "2023-01-02", "", "咖啡", "", ""],
        ["", "李雷", "138 1234 5678", "男", "", "", "", "甜品", "", ""],  # the same phone: fills the name, adds a tag
    ]
    result = import_file(db, xlsx(tmp_path / "twice.xlsx", {"会员": rows}), "members")
    assert (result.members_created, result.imported, result.members_updated, result.rejected) == (1, 2, 0, 0)
    member = _members(db)["+8613812345678"]
    assert member.name == "李雷" and member.gender == "M"
    assert sorted(t.tag for t in member.tags) == ["咖啡", "甜品"]
