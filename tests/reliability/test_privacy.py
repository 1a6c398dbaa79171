"""Privacy: erasure leaves nothing behind, a member's data export, consent history, the owner
password and the audit log."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.db.models import ConsentEvent, Feedback, ImportBatch, Member, Purchase, RejectedRow, Setting
from shopcrm.errors import ShopError
from shopcrm.services.members.feedback import FeedbackInput, add_feedback
from shopcrm.services.members.points import redeem_points
from shopcrm.services.members.privacy import (
    consent_history,
    erase_member_data,
    export_member_data,
    member_personal_data,
    record_consent,
)
from shopcrm.services.members.records import MemberInput, register_member, update_member
from shopcrm.services.reports.stats import shop_stats
from shopcrm.services.sales.products import add_product
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import (
    OwnerPasswordError,
    check_password,
    clear_owner_password,
    has_owner_password,
    require_owner,
    set_owner_password,
    verify_owner_password,
)

NAME = "欧阳娜娜"
PHONE = "13912348765"
NOTES = "对坚果过敏-allergic"
AREA = "翡翠湾小区"
COMMENT = "服务员很热情-warm"


def _neighbours(db: Database, start: int, count: int) -> None:
    """Other members on the same pages, so the erased bytes sit among live rows."""
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        for i in range(start, start + count):
            s.add(Member(card_no=f"N{i:05d}", name=f"邻居{i}", phone=f"+861380000{i:04d}", phone_last4=f"{i:04d}",
                         notes="常客", area="别的小区", registered_on=now.date(), created_at=now, updated_at=now))


def _shop_with_member(db: Database, neighbours: int = 0) -> int:
    bun = add_product(db, "菠萝包", category="面包", price_cents=850)
    _neighbours(db, 0, neighbours)
    member_id = register_member(
        db,
        MemberInput(phone=PHONE, name=NAME, gender="女", birthday="1990-05-03", area=AREA, notes=NOTES,
                    tags=["坚果过敏", "vip-tag"], consent=True, source="wechat"),
    ).id
    _neighbours(db, neighbours, neighbours)
    record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(bun.id, 3)], payment_method="wechat"))
    record_purchase(db, PurchaseInput(member_id=member_id, total_cents=5000))
    redeem_points(db, member_id, 10)
    add_feedback(db, FeedbackInput(member_id=member_id, rating_service=5, comment=COMMENT))
    return member_id


def _secure_delete_off(db: Database) -> None:
    """Behave like SQLite builds without SECURE_DELETE (Windows, macOS Python): deleted bytes stay."""
    db.dispose()

    @event.listens_for(db.engine, "connect")
    def _off(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA secure_delete=OFF")


def _needles() -> list[bytes]:
    return [s.encode("utf-8") for s in (NAME, PHONE, "+86" + PHONE, NOTES, AREA, COMMENT, "坚果过敏", "vip-tag")]


def _found_in_files(folder: Path, stem: str) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for path in folder.glob(stem + "*"):
        data = path.read_bytes()
        hits = [n for n in _needles() if n in data]
        if hits:
            found[path.name] = hits
    return found


def test_erased_member_leaves_no_bytes_in_the_database_file(sqlite_db: Database) -> None:
    _secure_delete_off(sqlite_db)
    member_id = _shop_with_member(sqlite_db, neighbours=300)
    path = sqlite_db.path
    assert path is not None
    # Control: before the erasure the data is in the file (or its WAL), so the scan can see it.
    assert _found_in_files(path.parent, path.name)

    result = erase_member_data(sqlite_db, member_id, password=None)

    assert result.file_compacted
    assert _found_in_files(path.parent, path.name) == {}
    with sqlite_db.read() as s:
        m = s.get(Member, member_id)
        assert m is not None and m.status == "erased"
        assert (m.name, m.phone, m.phone_last4, m.area, m.notes, m.gender, m.birth_year, m.birth_month) == (None,) * 8
        assert m.tags == [] and m.consent is False and m.card_no.startswith("X")
        # Consent history keeps only dates and yes/no; the erasure itself is the last entry.
        events = s.scalars(select(ConsentEvent).where(ConsentEvent.member_id == member_id).order_by(ConsentEvent.id)).all()
        assert [(e.consent, e.origin) for e in events] == [(True, "counter"), (False, "erase")]
        assert all(isinstance(e.at, dt.datetime) for e in events)
        assert [f.comment for f in s.scalars(select(Feedback))] == [None]
        # Sales stay for the shop's figures, anonymously.
        assert s.scalar(select(Purchase.id).where(Purchase.member_id == member_id).limit(1)) is not None
    assert shop_stats(sqlite_db)["purchases"] == 2
    erase_events = audit.list_events(sqlite_db, action=audit.ERASE)
    assert [e.detail for e in erase_events] == [{"member_id": member_id}]


def test_erasure_blanks_rejected_import_rows_holding_the_member(db: Database) -> None:
    member_id = register_member(db, MemberInput(phone=PHONE, name=NAME)).id
    with db.transaction() as s:
        batch = ImportBatch(kind="sales", file_name="old.xlsx", content_hash="0" * 64, started_at=dt.datetime(2025, 1, 1))
        s.add(batch)
        s.flush()
        s.add(RejectedRow(batch_id=batch.id, row_number=7, values=["2025-01-01", "139 1234 8765", NAME, "abc"], reason="bad amount"))
        s.add(RejectedRow(batch_id=batch.id, row_number=8, values=["2025-01-02", "13800001111", "别人", "xyz"], reason="bad amount"))
    result = erase_member_data(db, member_id, password=None)
    assert result.rejected_cells_blanked == 4  # the whole row is the member's
    with db.read() as s:
        rows = {r.row_number: r.values for r in s.scalars(select(RejectedRow))}
    assert rows == {7: [None, None, None, None], 8: ["2025-01-02", "13800001111", "别人", "xyz"]}


def test_personal_data_export_holds_everything(db: Database, tmp_path: Path) -> None:
    member_id = _shop_with_member(db)
    update_member(db, member_id, MemberInput(phone=PHONE, name=NAME, consent=False, tags=["坚果过敏"]))
    out = export_member_data(db, member_id, tmp_path / "member.json", password=None)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "shopcrm-personal-data/1"
    m = data["member"]
    assert (m["name"], m["phone"], m["phone_national"], m["tags"]) == (NAME, "+86" + PHONE, PHONE, ["坚果过敏"])
    assert m["marketing_consent"] is False and m["points_balance"] == 25 + 50 - 10
    assert [(c["consent"], c["origin"]) for c in data["consent_history"]] == [(True, "counter"), (False, "edit")]
    assert sorted(p["total_cents"] for p in data["purchases"]) == [2550, 5000]
    lines = [li for p in data["purchases"] for li in p["lines"]]
    assert lines == [{"product": "菠萝包", "category": "面包", "quantity": "3.000", "unit_price_cents": 850, "amount_cents": 2550}]
    assert sorted(e["points"] for e in data["points"]) == [-10, 25, 50]
    assert [f["comment"] for f in data["feedback"]] == [COMMENT]
    assert data["campaigns"] == [] and data["classification"] is None
    events = audit.list_events(db, action=audit.PERSONAL_DATA_EXPORT)
    assert len(events) == 1 and events[0].detail["member_id"] == member_id
    assert NAME not in json.dumps(events[0].detail, ensure_ascii=False)  # the log holds no personal data
    assert member_personal_data(db, member_id)["member"]["id"] == member_id


def test_consent_history_with_dates(db: Database) -> None:
    member_id = register_member(db, MemberInput(phone=PHONE, name=NAME)).id
    assert [(e.consent, e.origin) for e in consent_history(db, member_id)] == [(False, "counter")]
    record_consent(db, member_id, True)
    record_consent(db, member_id, True)  # no change, no new entry
    history = record_consent(db, member_id, False, origin="cli")
    assert [(e.consent, e.origin) for e in history] == [(False, "counter"), (True, "counter"), (False, "cli")]
    assert all(isinstance(e.at, dt.datetime) for e in history)
    assert [e.at for e in history] == sorted(e.at for e in history)


# ---- owner password -----------------------------------------------------------------------------


def test_password_is_stored_as_salted_scrypt(db: Database) -> None:
    assert not has_owner_password(db)
    require_owner(db, None)  # nothing set: nothing guarded
    set_owner_password(db, "面包店2025")
    with db.read() as s:
        stored = s.get(Setting, "owner_password").value  # type: ignore[union-attr]
    assert stored["scheme"] == "scrypt" and stored["n"] >= 2**14 and len(bytes.fromhex(stored["salt"])) == 16
    assert "面包店2025" not in json.dumps(stored, ensure_ascii=False)
    assert check_password(stored, "面包店2025") and not check_password(stored, "面包店2026")
    first_salt = stored["salt"]
    set_owner_password(db, "面包店2025", current_password="面包店2025")
    with db.read() as s:
        assert s.get(Setting, "owner_password").value["salt"] != first_salt  # type: ignore[union-attr]


def test_password_guards_and_changes(db: Database, tmp_path: Path) -> None:
    member_id = register_member(db, MemberInput(phone=PHONE, name=NAME)).id
    set_owner_password(db, "s3cret")
    assert verify_owner_password(db, "s3cret") and not verify_owner_password(db, None)
    for wrong in (None, "", "S3CRET", "s3cret "):
        with pytest.raises(OwnerPasswordError):
            require_owner(db, wrong)
        with pytest.raises(OwnerPasswordError):
            export_member_data(db, member_id, tmp_path / "x.json", password=wrong)
        with pytest.raises(OwnerPasswordError):
            erase_member_data(db, member_id, password=wrong)
        with pytest.raises(OwnerPasswordError):
            set_owner_password(db, "other", current_password=wrong)
        with pytest.raises(OwnerPasswordError):
            clear_owner_password(db, wrong)
    assert not (tmp_path / "x.json").exists()
    with db.read() as s:
        assert s.get(Member, member_id).status == "active"  # type: ignore[union-attr]
    with pytest.raises(Exception, match="at least 4"):
        set_owner_password(db, "abc", current_password="s3cret")
    set_owner_password(db, "newer", current_password="s3cret")
    require_owner(db, "newer")
    assert clear_owner_password(db, "newer") is True
    assert not has_owner_password(db) and clear_owner_password(db, None) is False
    actions = [e.action for e in audit.list_events(db)]
    assert actions == [audit.PASSWORD_CLEARED, audit.PASSWORD_SET, audit.PASSWORD_SET]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_password_from_option_or_environment_never_prompts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "shop.db")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: stdin is not a terminal
    monkeypatch.setattr("getpass.getpass", lambda *_a, **_k: pytest.fail("prompted without a terminal"))
    assert _cli(capsys, "--db", db, "member", "add", "--phone", PHONE, "--name", NAME)[0] == 0
    assert _cli(capsys, "--db", db, "password", "set")[0] == 1  # no new password given: one-line error
    code, _, _ = _cli(capsys, "--db", db, "password", "set", "--new", "s3cret")
    assert code == 0
    code, out, _ = _cli(capsys, "--db", db, "password", "status", "--json")
    assert json.loads(out) == {"owner_password": True}

    out_file = tmp_path / "member.json"
    code, _, err = _cli(capsys, "--db", db, "privacy", "export-data", "1", str(out_file))
    assert code == 1 and "owner password" in err and len(err.strip().splitlines()) == 1 and not out_file.exists()
    code, _, err = _cli(capsys, "--db", db, "privacy", "export-data", "1", str(out_file), "--password", "wrong")
    assert code == 1 and "wrong" in err
    assert _cli(capsys, "--db", db, "privacy", "export-data", "1", str(out_file), "--password", "s3cret")[0] == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["member"]["name"] == NAME

    assert _cli(capsys, "--db", db, "privacy", "erase", "1", "--password", "s3cret")[0] == 1  # no --yes
    monkeypatch.setenv("SHOPCRM_OWNER_PASSWORD", "s3cret")
    code, out, _ = _cli(capsys, "--db", db, "privacy", "erase", "1", "--yes", "--json")
    assert code == 0 and json.loads(out)["erased"] == 1
    code, out, _ = _cli(capsys, "--db", db, "privacy", "consent", "1", "--json")
    assert code == 0 and [(e["consent"], e["origin"]) for e in json.loads(out)] == [(False, "counter")]
    code, out, _ = _cli(capsys, "--db", db, "audit", "--json")
    assert [e["action"] for e in json.loads(out)] == ["erase", "personal_data_export", "password_set"]
    code, out, _ = _cli(capsys, "--db", db, "audit", "--action", "erase", "--member", "1")
    assert code == 0 and "member_id=1" in out
    assert _cli(capsys, "--db", db, "audit", "--since", "yesterday")[0] == 1
    assert _cli(capsys, "--db", db, "password", "clear")[0] == 0  # from the environment
    monkeypatch.delenv("SHOPCRM_OWNER_PASSWORD")
    assert _cli(capsys, "--db", db, "password", "status")[1].strip() == "No owner password is set."


def test_audit_log_query(db: Database) -> None:
    audit.record(db, audit.EXPORT, rows=12, member_ids=[1, 2])
    audit.record(db, audit.PRINT, rows=3, masked=False, member_ids=[2])
    audit.record(db, audit.PRINT, rows=5, masked=True)
    assert [e.action for e in audit.list_events(db)] == ["print", "print", "export"]
    assert [e.detail["rows"] for e in audit.list_events(db, action=audit.PRINT)] == [5, 3]
    assert [e.detail["rows"] for e in audit.list_events(db, member_id=2)] == [3, 12]
    today = dt.date.today()
    assert len(audit.list_events(db, since=today, until=today)) == 3
    assert audit.list_events(db, until=today - dt.timedelta(days=1)) == []
    assert len(audit.list_events(db, since=dt.date.min, until=dt.date.max)) == 3  # found by the CLI fuzzer
    assert len(audit.list_events(db, limit=2)) == 2
    with pytest.raises(ValueError):
        audit.record(db, "peeked")


def test_settings_change_needs_the_owner_and_is_logged(db: Database) -> None:
    from dataclasses import replace

    from shopcrm.services.shop.owner_password import save_settings_as_owner
    from shopcrm.services.shop.settings import load_settings

    set_owner_password(db, "s3cret")
    wanted = replace(load_settings(db), shop_name="老街面包坊", backup_keep=30)
    with pytest.raises(OwnerPasswordError):
        save_settings_as_owner(db, wanted, None)
    assert load_settings(db).shop_name == ""
    save_settings_as_owner(db, wanted, "s3cret")
    assert (load_settings(db).shop_name, load_settings(db).backup_keep) == ("老街面包坊", 30)
    assert audit.list_events(db, action=audit.SETTINGS_CHANGED)[0].detail == {"keys": ["backup_keep", "shop_name"]}


# ---- issue 12 item 13: nothing of an erased member in any text or JSON value of any table ----------

NAME2, AREA2, NOTES2 = "欧阳娜", "翡翠湾二期", "不吃香菜-no coriander"


def _every_text(db: Database) -> list[tuple[str, str, str]]:
    """(table, column, text) for every string in every column of every table, JSON decoded (nested
    values too), so that JSON-escaped text (\\u6b27...) is read as the characters it stands for."""
    from sqlalchemy import MetaData, Table

    from shopcrm.db.base import Base

    def walk(value: Any) -> list[str]:
        if isinstance(value, str):
            out = [value]
            if value[:1] in "[{\"":
                try:
                    out += walk(json.loads(value))
                except ValueError:
                    pass
            return out
        if isinstance(value, dict):
            return [t for k, v in value.items() for t in walk(k) + walk(v)]
        if isinstance(value, (list, tuple)):
            return [t for v in value for t in walk(v)]
        return [] if value is None else [str(value)]

    found = []
    meta = MetaData()
    with db.engine.connect() as conn:
        names = sorted(Base.metadata.tables)
        for name in names:
            table = Table(name, meta, autoload_with=conn)
            for row in conn.execute(select(table)):
                for column, value in row._mapping.items():
                    found += [(name, column, text) for text in walk(value)]
    return found


def test_an_erased_member_leaves_nothing_in_any_column_decoded(db: Database, tmp_path: Path) -> None:
    """The member's data reaches many tables: the member row, tags, feedback, rejected rows, the
    before/after of an overwriting member import (JSON), the classification; after the erasure no
    text of any column of any table, decoded, holds any of it."""
    import re
    import unicodedata

    from openpyxl import Workbook

    from shopcrm.db.models import SnapshotMember
    from shopcrm.services.classification.run import classify
    from shopcrm.services.importing.options import ImportOptions
    from shopcrm.services.importing.run import import_file

    member_id = _shop_with_member(db, neighbours=3)
    header = ["姓名", "手机号", "地区", "备注", "标签", "营销同意"]
    book = Workbook()
    for row in (header, [NAME2, PHONE, AREA2, NOTES2, "新标签芒果", "否"], [NAME, "12345", AREA, NOTES, "", ""]):
        book.active.append(row)
    overwrite = tmp_path / "update.xlsx"
    book.save(overwrite)
    result = import_file(db, overwrite, "members", ImportOptions(overwrite=True))
    assert result.members_updated == 1 and result.rejected == 1
    classify(db)
    needles = [NAME, NAME2, NOTES, NOTES2, AREA, AREA2, COMMENT, "坚果过敏", "vip-tag", "新标签芒果"]
    texts = _every_text(db)
    # Control: before the erasure every needle is there to be found, some only inside JSON.
    assert all(any(n in t for _tb, _c, t in texts) for n in needles)
    with db.read() as s:
        assert s.scalar(select(SnapshotMember.age_band).where(SnapshotMember.member_id == member_id)) is not None

    erase_member_data(db, member_id, password=None)

    leaks = []
    for table, column, text in _every_text(db):
        norm = unicodedata.normalize("NFKC", text)
        digits = re.sub(r"\\D", "", norm)
        if PHONE in digits or any(n in norm for n in needles):
            leaks.append((table, column, text[:80]))
    assert leaks == []
    with db.read() as s:
        assert s.scalar(select(SnapshotMember.age_band).where(SnapshotMember.member_id == member_id)) is None


@pytest.mark.parametrize("failure", ["disk full", "read-only", "audit"])
def test_a_failed_personal_data_export_names_the_cause_and_leaves_no_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    import errno

    from shopcrm.services.members import privacy

    member_id = register_member(db, MemberInput(phone=PHONE, name=NAME)).id
    out = tmp_path / "member.json"

    def fail(*_a: Any, **_k: Any) -> None:
        if failure == "audit":
            raise ShopError("The database is busy.")
        raise OSError(errno.ENOSPC if failure == "disk full" else errno.EROFS, "write failed")

    monkeypatch.setattr(privacy.audit if failure == "audit" else privacy.os, "record" if failure == "audit" else "replace", fail)
    with pytest.raises(ShopError) as raised:
        export_member_data(db, member_id, out, password=None)
    expected = {"disk full": "disk is full", "read-only": "read-only", "audit": "busy"}[failure]
    assert expected in raised.value.message()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("member")] == []  # no file, no .part
    assert audit.list_events(db, action=audit.PERSONAL_DATA_EXPORT) == []
