"""Member lists: merge fills blanks (overwrite only when asked), undo restores; export is styled and round-trips."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
from sheet_factory import csv_file, xlsx
from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.db.opening import open_database
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.run import import_file
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
    assert export_members(db, out, columns=columns, mask_phones=False) == 2  # no owner password set: allowed
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


# ---- issue 12 item 9, export side: any text, any failure, exit code and disk agree ---------------

import errno  # noqa: E402
import gc  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from shopcrm.cli import run_cli  # noqa: E402
from shopcrm.io import xlsx_writer  # noqa: E402
from shopcrm.io.xlsx_writer import Column, SheetWriter, new_workbook, save_workbook, xml_safe  # noqa: E402
from shopcrm.services.shop import audit  # noqa: E402

# Every code point, surrogates and C0/C1 controls included.
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=ANY_TEXT, header=ANY_TEXT, cells=st.lists(ANY_TEXT, min_size=1, max_size=4))
def test_any_text_is_written_and_reads_back_as_its_visible_form(tmp_path: Path, title: str, header: str, cells: list[str]) -> None:
    """The class of item 9's crash: no text of any code point stops a workbook, and what is read
    back is the text itself, with only what XML cannot hold replaced by a visible sign."""
    out = tmp_path / "any.xlsx"
    wb = new_workbook()
    writer = SheetWriter(wb, title, [Column(header or "h")] + [Column(f"c{i}") for i in range(len(cells))])
    writer.append([cells[0], *cells])
    writer.close()
    save_workbook(wb, out)
    sheet = openpyxl.load_workbook(out).active
    got = [sheet.cell(row=2, column=i + 1).value for i in range(len(cells) + 1)]
    expected = [xml_safe(v) if v else None for v in [cells[0], *cells]]
    assert got == [_xml_lines(e) for e in expected]
    assert sheet.cell(row=1, column=1).value == _xml_lines(xml_safe(header or "h"))


def _xml_lines(text: str | None) -> str | None:
    """XML readers turn CR LF and a bare CR into LF (line ends are all Excel keeps anyway)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text


def test_xml_safe_makes_every_forbidden_character_visible() -> None:
    forbidden = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ud800", "\udfff", "\ufffe", "\uffff"]
    for ch in forbidden:
        shown = xml_safe(f"a{ch}b")
        assert shown[0] == "a" and shown[2] == "b" and shown[1] != ch
    assert xml_safe("张三\t备注\n第二行") == "张三\t备注\n第二行"


def _import_with_rejected_controls(db_path: Path, tmp_path: Path) -> int:
    """A member list whose bad rows (no phone) carry every C0 control character, in cells and headers.

    Excel stores a control character as _x0007_; the reader (calamine) gives it back as the character."""
    controls = [c for c in range(1, 0x20) if chr(c) not in "\t\n\r"]
    rows = [["姓名", "手机号", "备注_x0007_"]]
    rows += [[f"客_x{c:04X}_人", "", f"过敏_x{c:04X}_花生"] for c in controls]
    rows.append(["正常", "13812345678", ""])
    source = xlsx(tmp_path / "members.xlsx", {"会员_x0001_": rows})
    assert run_cli(["--db", str(db_path), "import", "members", str(source), "--json"]) == 0
    return len(controls)


def test_rejected_rows_with_control_characters_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path = tmp_path / "shop.db"
    expected = _import_with_rejected_controls(db_path, tmp_path)
    capsys.readouterr()
    out = tmp_path / "rejected.xlsx"
    assert run_cli(["--db", str(db_path), "export", "rejected", "1", str(out), "--json"]) == 0
    assert f'"rows": {expected}' in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    names = [sheet.cell(row=r, column=1).value for r in range(2, 2 + expected)]
    assert names == [f"客{chr(0x2400 + c)}人" for c in range(1, 0x20) if chr(c) not in "\t\n\r"]


@pytest.fixture
def unraisable() -> Iterator[list[str]]:
    """Exceptions Python could only print ("Exception ignored in ..."): there must be none."""
    seen: list[str] = []
    old = sys.unraisablehook
    sys.unraisablehook = lambda info: seen.append(repr(info.exc_value))
    try:
        yield seen
    finally:
        gc.collect()
        sys.unraisablehook = old


def _shop_for_exports(tmp_path: Path) -> Path:
    db_path = tmp_path / "shop.db"
    assert run_cli(["--db", str(db_path), "demo", "--members", "60", "--months", "2"]) == 0
    assert run_cli(["--db", str(db_path), "classify"]) == 0
    _import_with_rejected_controls(db_path, tmp_path)
    return db_path


EXPORT_VERBS = {
    "members": lambda db, out: ["--db", db, "export", "members", out],
    "report": lambda db, out: ["--db", db, "export", "report", out],
    "rejected": lambda db, out: ["--db", db, "export", "rejected", "1", out],
}


def _bad_targets(tmp_path: Path, db_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "a-folder.xlsx").mkdir(exist_ok=True)
    return [
        (str(tmp_path / "x.csv"), "must end in .xlsx"),
        (str(tmp_path / "x.xls"), "must end in .xlsx"),
        (str(tmp_path / "x"), "must end in .xlsx"),
        (str(tmp_path / "x.xlsx.csv"), "must end in .xlsx"),
        (str(tmp_path / "missing" / "x.xlsx"), "does not exist"),
        (str(tmp_path / "shop.db" / "x.xlsx"), "not a folder|does not exist"),
        (str(tmp_path / "a-folder.xlsx"), "is a folder"),
    ]


def _failures() -> list[tuple[str, Callable[[], BaseException], str]]:
    return [
        ("disk full", lambda: OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
        ("read-only", lambda: OSError(errno.EROFS, "Read-only file system"), "read-only"),
        ("quota", lambda: OSError(errno.EDQUOT, "Disk quota exceeded"), "disk is full"),
    ]


def _files(folder: Path) -> set[str]:
    """The files in a folder, the database's own -wal/-shm left out (they come and go with connections)."""
    return {p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))}


def test_every_export_refuses_a_bad_target_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unraisable: list[str]
) -> None:
    db_path = _shop_for_exports(tmp_path)
    capsys.readouterr()
    db = open_database(db_path)
    exports_before = len(audit.list_events(db, action="export"))
    db.dispose()
    for verb, argv in EXPORT_VERBS.items():
        for target, message in _bad_targets(tmp_path, db_path):
            before = _files(tmp_path)
            code = run_cli(argv(str(db_path), target))
            _out, err = capsys.readouterr()
            gc.collect()
            assert code == 1, (verb, target)
            assert len(err.strip().splitlines()) == 1 and __import__("re").search(message, err), (verb, target, err)
            assert _files(tmp_path) == before, (verb, target)
            assert unraisable == [], (verb, target)
    db = open_database(db_path)
    assert len(audit.list_events(db, action="export")) == exports_before
    db.dispose()


@pytest.mark.parametrize("failure", _failures(), ids=lambda f: f[0])
def test_every_export_that_fails_while_writing_names_the_cause_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, unraisable: list[str],
    failure: tuple[str, Callable[[], BaseException], str],
) -> None:
    _label, make, cause = failure
    db_path = _shop_for_exports(tmp_path)
    capsys.readouterr()
    real_save = xlsx_writer.Workbook.save

    def fail_half_way(self: Any, filename: Any) -> None:
        Path(filename).write_bytes(b"PK half a file")
        raise make()

    monkeypatch.setattr(xlsx_writer.Workbook, "save", fail_half_way)
    for verb, argv in EXPORT_VERBS.items():
        before = _files(tmp_path)
        code = run_cli(argv(str(db_path), str(tmp_path / f"{verb}.xlsx")))
        _out, err = capsys.readouterr()
        gc.collect()
        assert code == 1 and len(err.strip().splitlines()) == 1 and cause in err, (verb, err)
        assert _files(tmp_path) == before, verb
        assert unraisable == [], verb
    monkeypatch.setattr(xlsx_writer.Workbook, "save", real_save)
    db = open_database(db_path)
    assert audit.list_events(db, action="export") == []  # nothing recorded that was not written
    db.dispose()


def test_export_to_a_full_disk_in_a_real_process(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the real write fail: one line naming the cause, no file, no 'Exception ignored'."""
    import resource
    import signal
    import subprocess

    db_path = tmp_path / "shop.db"
    assert run_cli(["--db", str(db_path), "demo", "--members", "2000", "--months", "2"]) == 0
    assert run_cli(["--db", str(db_path), "stats"]) == 0  # today's automatic backup, while there is room
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    # Room for the database's own small writes (its log), not for a workbook of 2,000 members.
    LIMIT = 150_000  # noqa: N806

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    for argv in (["export", "members", str(out_dir / "m.xlsx"), "--all-members"], ["export", "members", str(tmp_path / "nope" / "m.xlsx")]):
        proc = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(db_path), *argv], capture_output=True,
                              text=True, preexec_fn=limit, env={**__import__("os").environ, "SHOPCRM_LANG": "en"})
        assert proc.returncode == 1, proc.stdout
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
        assert "disk is full" in proc.stderr or "does not exist" in proc.stderr
        assert list(out_dir.iterdir()) == []


# ---- issue 12 item 14: undo of an --overwrite import gives every field back, dates included ------

import datetime as dt  # noqa: E402
import itertools  # noqa: E402

from shopcrm.db.models import ConsentEvent, MemberTag  # noqa: E402

_PHONES = itertools.count(1)
FULL_HEADER = ["会员卡号", "姓名", "手机号", "性别", "生日", "注册日期", "来源", "标签", "营销同意", "地区", "备注"]
_WHEN = st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2026, 6, 30)).map(lambda d: d.replace(microsecond=0))
_TEXT = st.text(st.characters(whitelist_categories=("Lo", "Ll", "Nd")), min_size=1, max_size=6)


@st.composite
def _original(draw: Any) -> dict[str, Any]:
    consent = draw(st.booleans())
    return {
        "name": draw(st.none() | _TEXT), "gender": draw(st.sampled_from([None, "F", "M"])),
        "birth": draw(st.none() | st.tuples(st.integers(1950, 2005), st.integers(1, 12), st.integers(1, 28))),
        "registered_on": draw(st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2025, 12, 31))),
        "source": draw(st.sampled_from([None, "walk_in", "wechat", "referral"])),
        "area": draw(st.none() | _TEXT), "notes": draw(st.none() | _TEXT), "consent": consent,
        "consent_at": draw(_WHEN if consent else st.none() | _WHEN), "tags": draw(st.sets(_TEXT, max_size=2)),
    }


@st.composite
def _import_row(draw: Any) -> dict[str, Any]:
    return {
        "card": draw(st.sampled_from(["", "VIPX1", "VIPX2"])), "name": draw(st.sampled_from(["新名字", "另一个"])),
        "gender": draw(st.sampled_from(["", "男", "女"])), "birthday": draw(st.sampled_from(["", "1991-02-03", "7月8日"])),
        "registered": draw(st.sampled_from(["", "2017-03-04", "2026-01-02"])),
        "source": draw(st.sampled_from(["", "美团", "朋友推荐"])), "tags": draw(st.sampled_from(["", "咖啡", "甜品、咖啡"])),
        "consent": draw(st.sampled_from(["", "是", "否"])), "area": draw(st.sampled_from(["", "东门", "西门"])),
        "notes": draw(st.sampled_from(["", "不要糖", "对花生过敏"])),
    }


def _member_state(db: Database, member_id: int) -> dict[str, Any]:
    with db.read() as s:
        m = s.get(Member, member_id)
        assert m is not None
        state = {c.name: getattr(m, c.name) for c in Member.__table__.columns if c.name != "updated_at"}
        state["tags"] = sorted(s.scalars(select(MemberTag.tag).where(MemberTag.member_id == member_id)))
    return state


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(original=_original(), row=_import_row())
def test_undo_of_an_overwrite_import_gives_back_every_field(
    db: Database, tmp_path: Path, original: dict[str, Any], row: dict[str, Any]
) -> None:
    """Any member (consent given or withdrawn on any date, any fields) and any overwriting row: the
    undo brings back the member exactly as before, the consent date included."""
    n = next(_PHONES)
    phone = f"1370000{n:04d}"
    now = dt.datetime(2026, 7, 1, 9, 0)
    with db.transaction() as s:
        birth = original["birth"] or (None, None, None)
        m = Member(card_no=f"O{n:05d}", name=original["name"], phone=f"+86{phone}", phone_last4=phone[-4:],
                   gender=original["gender"], birth_year=birth[0], birth_month=birth[1], birth_day=birth[2],
                   registered_on=original["registered_on"], source=original["source"], area=original["area"],
                   notes=original["notes"], consent=original["consent"], consent_at=original["consent_at"],
                   created_at=now, updated_at=now)
        s.add(m)
        s.flush()
        member_id = m.id
        for tag in original["tags"]:
            s.add(MemberTag(member_id=member_id, tag=tag))
        if original["consent_at"] is not None:
            s.add(ConsentEvent(member_id=member_id, at=original["consent_at"], consent=original["consent"], origin="counter"))
    before = _member_state(db, member_id)
    values = [row["card"], row["name"], phone, row["gender"], row["birthday"], row["registered"], row["source"],
              row["tags"], row["consent"], row["area"], row["notes"]]
    source = csv_file(tmp_path / f"overwrite{n}.csv", [FULL_HEADER, values])
    result = import_file(db, source, "members", ImportOptions(overwrite=True))
    assert result.rejected == 0 and result.members_created == 0
    undo_import(db, result.batch or 0, backup=False)
    assert _member_state(db, member_id) == before


def test_undo_of_a_batch_recorded_without_the_consent_date_takes_it_from_the_history(db: Database, tmp_path: Path) -> None:
    """Batches imported before the date was kept: the consent history tells when consent was given."""
    from shopcrm.db.models import ImportMemberChange

    given_at = dt.datetime(2024, 3, 5, 10, 30)
    with db.transaction() as s:
        m = Member(card_no="H00001", name="老客", phone="+8613700009999", phone_last4="9999", registered_on=given_at.date(),
                   consent=True, consent_at=given_at, created_at=given_at, updated_at=given_at)
        s.add(m)
        s.flush()
        s.add(ConsentEvent(member_id=m.id, at=given_at, consent=True, origin="counter"))
        member_id = m.id
    source = csv_file(tmp_path / "withdraw.csv", [FULL_HEADER, ["", "老客", "13700009999", "", "", "", "", "", "否", "", ""]])
    result = import_file(db, source, "members", ImportOptions(overwrite=True))
    with db.transaction() as s:
        change = s.scalars(select(ImportMemberChange).where(ImportMemberChange.batch_id == result.batch)).one()
        change.before = {k: v for k, v in change.before.items() if k != "consent_at"}
        change.after = {k: v for k, v in change.after.items() if k != "consent_at"}
    undo_import(db, result.batch or 0, backup=False)
    state = _member_state(db, member_id)
    assert (state["consent"], state["consent_at"]) == (True, given_at)


def test_bad_targets_and_options_are_refused_before_the_database_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--db names a file that does not exist yet: opening it would create it, so its absence after a
    refused command proves nothing was done before the check."""
    db_path = tmp_path / "never-opened.db"
    (tmp_path / "notes.txt").write_text("not a picture")
    cases = [argv(str(db_path), target) for argv in EXPORT_VERBS.values() for target, _m in _bad_targets(tmp_path, db_path)]
    ok = str(tmp_path / "ok.xlsx")
    cases += [
        ["--db", str(db_path), "export", "report", ok, "--chart", "no-equals-sign"],
        ["--db", str(db_path), "export", "report", ok, "--chart", f"Tiers={tmp_path / 'missing.png'}"],
        ["--db", str(db_path), "export", "report", ok, "--chart", f"Tiers={tmp_path / 'notes.txt'}"],
        ["--db", str(db_path), "export", "members", ok, "--columns", "name,shoe_size"],
        ["--db", str(db_path), "export", "members", ok, "--birthday-month", "13"],
        ["--db", str(db_path), "export", "members", ok, "--unmasked", "--mask-phones"],
        ["--db", str(db_path), "print", "members", str(tmp_path / "list.xlsx")],
        ["--db", str(db_path), "privacy", "export-data", "1", str(tmp_path / "member.xlsx")],
    ]
    for argv in cases:
        code = run_cli(argv)
        _out, err = capsys.readouterr()
        assert code == 1 and len(err.strip().splitlines()) == 1, (argv, err)
        assert not db_path.exists(), argv
    assert not (tmp_path / "ok.xlsx").exists()


@pytest.mark.parametrize("length", [32_767, 32_768, 32_770, 40_000, 65_536, 200_000])
def test_text_beyond_excels_cell_limit_is_cut_visibly(tmp_path: Path, length: int) -> None:
    """Excel calls a file with a cell over 32,767 characters damaged: such text (a 64 KB CSV field in a
    rejected row) is cut to the limit with a mark saying how much was left out."""
    text = ("过敏" * length)[:length]
    out = tmp_path / "long.xlsx"
    wb = new_workbook()
    writer = SheetWriter(wb, "Long", [Column("text")])
    writer.append([text])
    writer.close()
    save_workbook(wb, out)
    got = openpyxl.load_workbook(out).active["A2"].value
    assert len(got) <= 32_767
    if length <= 32_767:
        assert got == text
    else:
        kept, mark = got.rsplit("…(+", 1)
        assert text.startswith(kept) and int(mark.rstrip(")")) == length - len(kept) and len(got) == 32_767
