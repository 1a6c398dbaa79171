"""Member sheets with a 农历生日/阴历生日 column: lunar birthdays are imported with their calendar, a
lunar birthday fills an existing member's missing birthday together with its calendar, and undo
puts everything back."""

from __future__ import annotations

from pathlib import Path

from sheet_factory import csv_file, xlsx
from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.records import MemberInput, register_member


def _birthdays(db: Database) -> dict[str, tuple[object, ...]]:
    with db.read() as s:
        return {m.phone: (m.birth_year, m.birth_month, m.birth_day, m.birth_calendar, m.birth_leap_month)
                for m in s.scalars(select(Member))}


def test_lunar_birthday_columns_are_imported_with_their_calendar(db: Database, tmp_path: Path) -> None:
    register_member(db, MemberInput(phone="13900002222", name="老李"))  # no birthday yet
    register_member(db, MemberInput(phone="13900003333", name="小赵", birthday="1995-06-01"))  # a solar one
    rows = [
        ["手机号", "姓名", "生日", "农历生日"],
        ["13900001111", "王阿姨", "", "1958年闰四月初八"],
        ["13900002222", "老李", "", "腊月廿三"],
        ["13900003333", "小赵", "", "八月十五"],  # has a solar birthday: not overwritten
        ["13900004444", "新人", "1999-02-03", ""],
        ["13900005555", "错", "", "四月三十二"],
    ]
    path = csv_file(tmp_path / "members.csv", rows)
    result = import_file(db, path, "members")
    assert (result.imported, result.rejected, result.members_created, result.members_updated) == (3, 1, 2, 1)  # 小赵 unchanged
    got = _birthdays(db)
    assert got["+8613900001111"] == (1958, 4, 8, "lunar", True)
    assert got["+8613900002222"] == (None, 12, 23, "lunar", False)
    assert got["+8613900003333"] == (1995, 6, 1, "solar", False)
    assert got["+8613900004444"] == (1999, 2, 3, "solar", False)
    undo_import(db, result.batch or 0, backup=False)
    after = _birthdays(db)
    assert after == {"+8613900002222": (None, None, None, "solar", False),
                     "+8613900003333": (1995, 6, 1, "solar", False)}


def test_an_english_lunar_birthday_header_in_a_workbook(db: Database, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "m.xlsx", {"Members": [["Phone", "Name", "Lunar birthday"], ["13900006666", "Mei", "正月十五"]]})
    assert import_file(db, path, "members").imported == 1
    assert _birthdays(db)["+8613900006666"] == (None, 1, 15, "lunar", False)
