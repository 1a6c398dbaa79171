"""Backups: daily on start, before risky actions, rotation, and a restore that verifies first."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.db.backup import (
    backup_before,
    backup_database,
    daily_backup_if_due,
    database_tag,
    list_backups,
    parse_backup_name,
)
from shopcrm.db.engine import Database
from shopcrm.db.migrate import head_revision
from shopcrm.db.opening import open_database
from shopcrm.db.restore import restore_database, verify_backup_file
from shopcrm.errors import ShopError
from shopcrm.paths import default_backup_dir
from shopcrm.services.members.records import MemberInput, find_members, register_member
from shopcrm.services.shop import audit
from shopcrm.services.shop.database import open_shop_database, startup_warnings
from shopcrm.services.shop.settings import update_settings


def _backups(folder: Path, reason: str | None = None) -> list[Path]:
    out = []
    for path in sorted(folder.glob("shopcrm-*.db")):
        info = parse_backup_name(path)
        if info is not None and (reason is None or info.reason == reason):
            out.append(path)
    return out


def _members_in(path: Path) -> list[str]:
    live = Path(str(path) + "-wal").exists()  # a live database: read it through its WAL
    conn = sqlite3.connect(path) if live else sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM members ORDER BY id")]
    finally:
        conn.close()


def test_daily_backup_taken_once_per_day_on_start(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    db = open_shop_database(path)
    register_member(db, MemberInput(phone="13800000001", name="甲"))
    db.dispose()
    assert _backups(default_backup_dir(), "daily") == []  # a brand-new file is not backed up

    db = open_shop_database(path)
    db.dispose()
    first = _backups(default_backup_dir(), "daily")
    assert len(first) == 1 and _members_in(first[0]) == ["甲"]
    db = open_shop_database(path)  # same day: nothing new
    assert _backups(default_backup_dir(), "daily") == first
    # The next day (or any later start) takes a new one.
    assert daily_backup_if_due(db, today=dt.date.today() + dt.timedelta(days=1)) is not None
    assert len(_backups(default_backup_dir(), "daily")) == 2
    db.dispose()


def test_backup_is_one_verified_file_and_goes_to_the_configured_folder(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    update_settings(sqlite_db, backup_dir=str(folder))
    register_member(sqlite_db, MemberInput(phone="13800000002", name="乙"))
    path = backup_before(sqlite_db, "import")
    assert path is not None and path.parent == folder
    info = parse_backup_name(path)
    assert info is not None and info.reason == "before-import" and info.tag == database_tag(sqlite_db)
    assert verify_backup_file(path) == head_revision()
    # Self-contained: rollback journal mode, nothing beside it, readable after a plain copy.
    assert path.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    assert _members_in(copy) == ["乙"]
    assert list_backups(sqlite_db)[0].path == path


def test_unavailable_backup_folder_falls_back_to_default(sqlite_db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    update_settings(sqlite_db, backup_dir=str(blocker / "sub"))
    path = backup_database(sqlite_db, reason="daily")
    assert path.parent == default_backup_dir()


def test_rotation_keeps_n_per_reason_and_never_touches_other_files(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    update_settings(sqlite_db, backup_dir=str(folder), backup_keep=3)
    folder.mkdir(exist_ok=True)
    mine = folder / "my-own-copy.db"
    mine.write_bytes(b"owner's file")
    other_shop = folder / "shopcrm-20200101-000000-000000-daily-0badc0de.db"
    other_shop.write_bytes(b"another database's backup")
    taken = [backup_database(sqlite_db, reason="daily") for _ in range(5)]
    for _ in range(2):
        backup_before(sqlite_db, "import")
    assert len(_backups(folder, "daily")) == 3 + 1  # three of ours, the other shop's one untouched
    assert len(_backups(folder, "before-import")) == 2
    assert mine.exists() and other_shop.exists()
    assert set(_backups(folder, "daily")) == set(taken[2:]) | {other_shop}  # the newest three kept
    assert [b.path for b in list_backups(sqlite_db) if b.reason == "daily"] == taken[:1:-1]


def test_backup_before_on_postgres_is_none(db: Database) -> None:
    if db.is_sqlite:
        assert backup_before(db, "import") is not None
    else:
        assert backup_before(db, "import") is None
        with pytest.raises(ShopError, match="pg_dump"):
            backup_database(db)


def test_failed_daily_backup_does_not_stop_the_shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shop.db"
    open_shop_database(path).dispose()

    def broken(_db: Database, today: dt.date | None = None) -> Path | None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shopcrm.services.shop.database.daily_backup_if_due", broken)
    db = open_shop_database(path)
    assert find_members(db, "x") == []
    assert "No space left" in startup_warnings()[-1]
    db.dispose()


# ---- restore ------------------------------------------------------------------------------------


def test_restore_backs_up_first_verifies_and_is_audited(sqlite_db: Database, tmp_path: Path) -> None:
    register_member(sqlite_db, MemberInput(phone="13800000003", name="旧"))
    saved = backup_database(sqlite_db, tmp_path / "saved.db")
    register_member(sqlite_db, MemberInput(phone="13800000004", name="新"))
    # A second handle, like another window or counter, sees the restore at once.
    other = open_database(sqlite_db.path)
    assert len(find_members(other, "13800000004")) == 1

    safety = restore_database(sqlite_db, saved)

    assert _members_in(sqlite_db.path) == ["旧"]  # type: ignore[arg-type]
    assert _members_in(safety) == ["旧", "新"]
    assert parse_backup_name(safety).reason == "before-restore"  # type: ignore[union-attr]
    assert find_members(other, "13800000004") == []
    events = audit.list_events(other, action=audit.RESTORE)
    assert len(events) == 1 and events[0].detail["previous_saved_as"] == str(safety)
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert not (tmp_path / "saved.db-wal").exists() and not (tmp_path / "saved.db-shm").exists()
    other.dispose()


def _damaged_copy(src: Path, dest: Path) -> Path:
    """A backup whose table pages were overwritten (the header still says SQLite)."""
    shutil.copyfile(src, dest)
    size = dest.stat().st_size
    with dest.open("r+b") as fh:
        for offset in range(4096 * 2, size, 4096):
            fh.seek(offset)
            fh.write(os.urandom(200))
    return dest


def test_restore_refuses_bad_files_and_changes_nothing(sqlite_db: Database, tmp_path: Path) -> None:
    for i in range(30):
        register_member(sqlite_db, MemberInput(phone=f"1380000{i:04d}", name=f"会员{i}"))
    good = backup_database(sqlite_db, tmp_path / "good.db")
    before = _members_in(sqlite_db.path)  # type: ignore[arg-type]

    not_sqlite = tmp_path / "photo.db"
    not_sqlite.write_bytes(b"\xff\xd8\xff\xe0" * 100)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE recipes (id INTEGER)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    shutil.copyfile(good, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    damaged = _damaged_copy(good, tmp_path / "damaged.db")

    cases = [
        (tmp_path / "missing.db", "not found"),
        (not_sqlite, "not a ShopCRM"),
        (foreign, "not a ShopCRM"),
        (newer, "newer ShopCRM"),
        (damaged, "damaged|not a ShopCRM"),
    ]
    for path, message in cases:
        with pytest.raises(ShopError, match=message):
            restore_database(sqlite_db, path)
    assert _members_in(sqlite_db.path) == before  # type: ignore[arg-type]
    assert _backups(default_backup_dir(), "before-restore") == []  # refused before any change
    with pytest.raises(ShopError, match="itself"):
        restore_database(sqlite_db, sqlite_db.path)  # type: ignore[arg-type]


PROBE = """
import sqlalchemy as sa
from alembic import op

revision = "9991_restore_probe"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("restore_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("restore_probe")
"""


def test_a_backup_from_an_older_version_is_upgraded_by_the_restore(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer program restoring an older backup: the restored data is migrated at once (after a
    migration backup of its own), so the open Database keeps working."""
    from shopcrm.db import migrate

    register_member(sqlite_db, MemberInput(phone="13800000005", name="旧版"))
    old_backup = backup_database(sqlite_db, tmp_path / "old-version.db")
    old_revision = verify_backup_file(old_backup)
    # Install a "newer program": the real migrations plus one more revision.
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9991_restore_probe.py").write_text(PROBE.format(down=old_revision), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    migrate.upgrade_on_open(sqlite_db, before_upgrade=lambda d: backup_database(d, reason="migration"))
    assert migrate.current_revision(sqlite_db) == "9991_restore_probe"

    restore_database(sqlite_db, old_backup)

    assert migrate.current_revision(sqlite_db) == "9991_restore_probe"
    assert [m.name for m in find_members(sqlite_db, "旧版")] == ["旧版"]
    assert len(_backups(default_backup_dir(), "migration")) == 2  # one per upgrade, each before it ran


# ---- issue 12 items 10 and 12: whole schema, checksum, shop identity, full disk, left-overs ------

from shopcrm.db import backup as backup_module  # noqa: E402
from shopcrm.db import restore as restore_module  # noqa: E402
from shopcrm.db.restore import OtherShopError, inspect_backup  # noqa: E402
from shopcrm.db.schema_check import read_schema  # noqa: E402
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase  # noqa: E402


def _live_state(db: Database) -> tuple[list[str], int]:
    """What the owner would see: the members and the revenue."""
    with db.engine.connect() as conn:
        revenue = conn.execute(text("SELECT COALESCE(SUM(total_cents), 0) FROM purchases")).scalar_one()
    return _members_in(db.path), int(revenue)  # type: ignore[arg-type]


def _shop_with_sales(db: Database) -> None:
    for i in range(5):
        m = register_member(db, MemberInput(phone=f"1390000{i:04d}", name=f"客{i}"))
        record_purchase(db, PurchaseInput(member_id=m.id, total_cents=98_765_000 + i))


def _variant(good: Path, dest: Path, *statements: str) -> Path:
    shutil.copyfile(good, dest)
    conn = sqlite3.connect(dest, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    for sql in statements:
        conn.execute(sql)
    conn.execute("VACUUM")
    conn.close()
    assert sqlite3.connect(dest).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return dest


def test_restore_verifies_the_whole_schema_before_a_byte_of_the_live_database_changes(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """Every table dropped in turn, a column missing, an extra table: integrity ok and a known revision,
    yet refused, and the live data, its file and the backup folder stay as they were."""
    _shop_with_sales(sqlite_db)
    good = backup_database(sqlite_db, tmp_path / "good.db")
    schema = read_schema(sqlite3.connect(good))
    variants = [(f"DROP TABLE \"{t}\"",) for t in sorted(schema) if t != "alembic_version"]
    variants += [("ALTER TABLE purchases DROP COLUMN channel",), ("CREATE TABLE recipes (id INTEGER)",),
                 tuple(f'DROP TABLE "{t}"' for t in sorted(schema) if t != "alembic_version")]
    before = _live_state(sqlite_db)
    live_bytes = sqlite_db.path.read_bytes()  # type: ignore[union-attr]
    for n, statements in enumerate(variants):
        bad = _variant(good, tmp_path / f"bad{n}.db", *statements)
        with pytest.raises(ShopError, match="not a complete ShopCRM database|not a ShopCRM") as raised:
            restore_database(sqlite_db, bad)
        assert "Traceback" not in raised.value.message()
        assert _live_state(sqlite_db) == before, statements
        assert sqlite_db.path.read_bytes() == live_bytes, statements  # type: ignore[union-attr]
    assert _backups(default_backup_dir(), "before-restore") == []
    assert not list(tmp_path.glob("*.restore*"))


def _one_changed_value(good: Path, dest: Path, table: str, column: str, kind: str) -> Path:
    """The first row of `table` with `column` changed in place (the file stays a valid database)."""
    change = {
        "INTEGER": f'"{column}" = "{column}" + 1',
        "TEXT": f'"{column}" = "{column}" || \'x\'',
    }[kind]
    return _variant(good, dest, f'UPDATE "{table}" SET {change} WHERE rowid = (SELECT MIN(rowid) FROM "{table}" '
                                f'WHERE "{column}" IS NOT NULL)')


def test_a_backup_whose_contents_changed_since_it_was_made_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    """One changed value in any column of any table with rows (not only a purchase) is refused."""
    _shop_with_sales(sqlite_db)
    good = backup_database(sqlite_db, tmp_path / "good.db")
    assert inspect_backup(good).checksum_verified
    before = _live_state(sqlite_db)
    conn = sqlite3.connect(good)
    cases = []
    for table, columns in read_schema(conn).items():
        if table == "alembic_version":
            continue
        for name, declared, _notnull, pk in columns:
            kind = "INTEGER" if declared in ("INTEGER", "BIGINT", "SMALLINT", "BOOLEAN") else "TEXT"
            if not pk and conn.execute(f'SELECT 1 FROM "{table}" WHERE "{name}" IS NOT NULL').fetchone():
                cases.append((table, name, kind))
    conn.close()
    assert len(cases) > 20 and ("purchases", "total_cents", "INTEGER") in cases
    for n, (table, column, kind) in enumerate(cases):
        changed = _one_changed_value(good, tmp_path / f"changed{n}.db", table, column, kind)
        with pytest.raises(ShopError, match="has changed since the backup was made"):
            restore_database(sqlite_db, changed)
    assert _live_state(sqlite_db) == before
    assert _backups(default_backup_dir(), "before-restore") == []


def test_two_changed_bytes_in_a_purchase_are_refused(sqlite_db: Database, tmp_path: Path) -> None:
    """The reported case: two bytes of a purchase total changed in the file (integrity still ok)."""
    _shop_with_sales(sqlite_db)
    good = backup_database(sqlite_db, tmp_path / "good.db")
    data = bytearray(good.read_bytes())
    needle = (98_765_002).to_bytes(4, "big")
    at = data.find(needle)
    assert at > 0
    while at > 0:  # the purchase row and its entry in the (member, time, total) index, alike
        data[at + 2] ^= 0x01
        data[at + 3] ^= 0x10
        at = data.find(needle, at + 1)
    changed = tmp_path / "changed.db"
    changed.write_bytes(bytes(data))
    assert sqlite3.connect(changed).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = _live_state(sqlite_db)
    with pytest.raises(ShopError, match="has changed since the backup was made"):
        restore_database(sqlite_db, changed)
    assert _live_state(sqlite_db) == before
    restore_database(sqlite_db, good)  # the untouched file restores
    assert _live_state(sqlite_db) == before


def test_another_shops_backup_needs_a_confirmation_naming_both_shops(sqlite_db: Database, tmp_path: Path) -> None:
    update_settings(sqlite_db, shop_name="面包坊")
    register_member(sqlite_db, MemberInput(phone="13800000011", name="本店"))
    other = open_database(tmp_path / "other.db")
    update_settings(other, shop_name="Tea House")
    register_member(other, MemberInput(phone="13800000012", name="别店"))
    theirs = backup_database(other, tmp_path / "theirs.db")
    other.dispose()
    mine = backup_database(sqlite_db, tmp_path / "mine.db")

    for answer in (None, "", "面包坊", "Tea"):
        with pytest.raises(OtherShopError) as raised:
            restore_database(sqlite_db, theirs, other_shop=answer)
        message = raised.value.message()
        assert "面包坊" in message and "Tea House" in message
    assert _members_in(sqlite_db.path) == ["本店"]  # type: ignore[arg-type]
    assert _backups(default_backup_dir(), "before-restore") == []

    restore_database(sqlite_db, mine)  # this shop's own backup: no question asked
    restore_database(sqlite_db, theirs, other_shop="tea house")
    assert _members_in(sqlite_db.path) == ["别店"]  # type: ignore[arg-type]


def test_an_old_backup_without_a_shop_id_keeps_this_shops_id(sqlite_db: Database, tmp_path: Path) -> None:
    update_settings(sqlite_db, shop_name="面包坊")
    shop_id = backup_module.ensure_shop_id(sqlite_db)
    old = backup_database(sqlite_db, tmp_path / "old.db")
    conn = sqlite3.connect(old)  # as made by a ShopCRM before shop ids and checksums
    conn.execute("DELETE FROM settings WHERE key IN ('shop_id', 'backup_check')")
    conn.commit()
    conn.close()
    facts = inspect_backup(old)
    assert facts.shop.shop_id is None and not facts.checksum_verified
    restore_database(sqlite_db, old)
    assert backup_module.ensure_shop_id(sqlite_db) == shop_id


def test_cli_restore_of_another_shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shopcrm.cli import run_cli

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for path, name in ((a, "Shop A"), (b, "Shop B")):
        assert run_cli(["--db", str(path), "member", "add", "--phone", "13800000013", "--name", name]) == 0
        db = open_database(path)
        update_settings(db, shop_name=name)
        db.dispose()
    assert run_cli(["--db", str(b), "backup", str(tmp_path / "b-backup.db")]) == 0
    capsys.readouterr()
    assert run_cli(["--db", str(a), "restore", str(tmp_path / "b-backup.db")]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Shop A" in err and "Shop B" in err and "--other-shop" in err
    assert run_cli(["--db", str(a), "restore", str(tmp_path / "b-backup.db"), "--other-shop", "Shop B"]) == 0


# The ways a write can fail, as the operating system or SQLite reports them, and the cause named.
WRITE_FAILURES = [
    (lambda: OSError(28, "No space left on device"), "disk is full"),
    (lambda: OSError(30, "Read-only file system"), "read-only"),
    (lambda: PermissionError(13, "Permission denied"), "may not write"),
    (lambda: _sqlite_error("database or disk is full", 13), "disk is full"),
    (lambda: _sqlite_error("attempt to write a readonly database", 8), "read-only"),
    (lambda: _sqlite_error("disk I/O error", 10), "write error"),
]


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize("stage", ["online_backup", "_stamp_checksum", "replace"])
@pytest.mark.parametrize("failure", range(len(WRITE_FAILURES)))
def test_a_failed_backup_names_the_cause_and_leaves_no_part_file(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, failure: int
) -> None:
    make, cause = WRITE_FAILURES[failure]
    folder = tmp_path / "backups"
    update_settings(sqlite_db, backup_dir=str(folder))
    register_member(sqlite_db, MemberInput(phone="13800000014", name="丙"))
    backup_database(sqlite_db, reason="daily")
    existing = sorted(folder.iterdir())

    def fail(*_a: object, **_k: object) -> None:
        raise make()

    if stage == "replace":
        monkeypatch.setattr(backup_module.os, "replace", fail)
    else:
        monkeypatch.setattr(backup_module, stage, fail)
    for attempt in (lambda: backup_database(sqlite_db, reason="daily"), lambda: backup_before(sqlite_db, "import"),
                    lambda: backup_database(sqlite_db, tmp_path / "by-hand.db")):
        with pytest.raises(ShopError) as raised:
            attempt()
        message = raised.value.message()
        assert cause in message and "could not be written to" in message
        assert "The database could not" not in message
    assert sorted(folder.iterdir()) == existing  # no .part, no -journal, nothing half-written
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["backups", "shop.db", "shop.db-wal", "shop.db-shm"])


def test_too_little_free_space_is_refused_before_writing(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_member(sqlite_db, MemberInput(phone="13800000015", name="丁"))
    good = backup_database(sqlite_db, tmp_path / "good.db")
    real = shutil.disk_usage
    monkeypatch.setattr(backup_module.shutil, "disk_usage", lambda p: real(p)._replace(free=1000))
    with pytest.raises(ShopError, match="not enough free space"):
        backup_database(sqlite_db, tmp_path / "second.db")
    with pytest.raises(ShopError, match="not enough free space"):
        restore_database(sqlite_db, good)
    assert not (tmp_path / "second.db").exists() and _backups(default_backup_dir()) == []
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("*.restore*"))


@pytest.mark.parametrize("failure", range(len(WRITE_FAILURES)))
@pytest.mark.parametrize("stage", ["staging", "live"])
def test_a_failed_restore_cleans_up_and_names_the_cause_and_the_safety_copy(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int, stage: str
) -> None:
    make, cause = WRITE_FAILURES[failure]
    register_member(sqlite_db, MemberInput(phone="13800000016", name="戊"))
    good = backup_database(sqlite_db, tmp_path / "good.db")
    register_member(sqlite_db, MemberInput(phone="13800000017", name="己"))
    before = _live_state(sqlite_db)
    real = backup_module.online_backup
    target_name = "shop.db.restore.part" if stage == "staging" else "shop.db"

    def fail_on_target(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
        if Path(dst.execute("PRAGMA database_list").fetchone()[2]).name == target_name:
            raise make()
        real(src, dst)

    for module in (backup_module, restore_module):  # the restore holds its own reference to the seam
        monkeypatch.setattr(module, "online_backup", fail_on_target)
    with pytest.raises(ShopError) as raised:
        restore_database(sqlite_db, good)
    message = raised.value.message()
    assert cause in message
    safety = _backups(default_backup_dir(), "before-restore")
    if stage == "staging":
        assert "nothing was changed" in message and safety == []
    else:
        assert len(safety) == 1 and str(safety[0]) in message
    assert _live_state(sqlite_db) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "restore" in p.name or p.suffix == ".part") == []


def test_stale_part_files_are_rotated_away(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    update_settings(sqlite_db, backup_dir=str(folder))
    first = backup_database(sqlite_db, reason="daily")
    tag = database_tag(sqlite_db)
    stale = folder / f"shopcrm-20200101-000000-000000-daily-{tag}.db.part"
    fresh = folder / f"shopcrm-20200101-000001-000000-daily-{tag}.db.part"
    stale_log = folder / f"shopcrm-20200101-000000-000000-daily-{tag}.db.part-wal"
    others = folder / "shopcrm-20200101-000000-000000-daily-0badc0de.db.part"
    mine = folder / "notes.part"
    for p in (stale, stale_log, fresh, others, mine):
        p.write_bytes(b"x" * 100)
    old = dt.datetime.now().timestamp() - 3600
    for p in (stale, stale_log, others, mine):
        os.utime(p, (old, old))
    backup_database(sqlite_db, reason="daily")
    assert not stale.exists() and not stale_log.exists()
    assert fresh.exists() and others.exists() and mine.exists() and first.exists()


KILLED_RESTORE = """
import sys, time
from pathlib import Path
from shopcrm.db import restore
from shopcrm.db.opening import open_database

def stop_here(*_a, **_k):
    Path(sys.argv[3]).write_text("ready")
    time.sleep(60)

restore._write_into_live = stop_here
db = open_database(sys.argv[1])
restore.restore_database(db, sys.argv[2])
"""


def test_a_killed_restore_leaves_no_copy_for_long(sqlite_db: Database, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    register_member(sqlite_db, MemberInput(phone="13800000018", name="庚"))
    good = backup_database(sqlite_db, tmp_path / "good.db")
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RESTORE, str(sqlite_db.path), str(good), str(ready)],
                            env={**os.environ, "SHOPCRM_LANG": "en"})
    try:
        for _ in range(600):
            if ready.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    staged = tmp_path / "shop.db.restore"
    assert staged.exists()  # what the kill left
    open_shop_database(sqlite_db.path).dispose()  # a fresh copy might be another restore at work: kept
    assert staged.exists()
    old = time.time() - 3600
    os.utime(staged, (old, old))
    open_shop_database(sqlite_db.path).dispose()  # the next start removes an old one
    assert not staged.exists()
    staged.write_bytes(b"left by a kill a moment ago")
    restore_database(sqlite_db, good)  # and the next restore removes any
    assert not list(tmp_path.glob("shop.db.restore*"))


def test_backup_to_a_full_disk_in_a_real_process(tmp_path: Path) -> None:
    """RLIMIT_FSIZE stands in for a full disk: the real write fails, the message names the disk."""
    import resource
    import signal
    import subprocess
    import sys

    from shopcrm.cli import run_cli

    db_path = tmp_path / "shop.db"
    assert run_cli(["--db", str(db_path), "demo", "--members", "300", "--months", "3"]) == 0
    assert run_cli(["--db", str(db_path), "stats"]) == 0  # today's automatic backup, taken while there is room
    size = db_path.stat().st_size
    dest = tmp_path / "usb"
    dest.mkdir()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size // 2, size // 2))

    proc = subprocess.run([sys.executable, "-m", "shopcrm", "--db", str(db_path), "backup", str(dest)],
                          capture_output=True, text=True, preexec_fn=limit, env={**os.environ, "SHOPCRM_LANG": "en"})
    assert proc.returncode == 1, proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert "disk is full" in proc.stderr or "write error" in proc.stderr
    assert list(dest.iterdir()) == []


def test_a_vacuumed_but_unchanged_backup_still_restores(sqlite_db: Database, tmp_path: Path) -> None:
    """The checksum is over the rows, not the pages: rebuilding the file (VACUUM) is not a change."""
    _shop_with_sales(sqlite_db)
    good = backup_database(sqlite_db, tmp_path / "good.db")
    rebuilt = _variant(good, tmp_path / "rebuilt.db")  # copied and VACUUMed, nothing else
    assert inspect_backup(rebuilt).checksum_verified
    before = _live_state(sqlite_db)
    restore_database(sqlite_db, rebuilt)
    assert _live_state(sqlite_db) == before
