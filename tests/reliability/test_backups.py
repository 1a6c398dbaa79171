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
    restore_database,
    verify_backup_file,
)
from shopcrm.db.engine import Database, open_database
from shopcrm.db.migrate import head_revision
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
        (not_sqlite, "not a ShopCRM backup"),
        (foreign, "not a ShopCRM backup"),
        (newer, "newer ShopCRM"),
        (damaged, "damaged|not a ShopCRM backup"),
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
    migrate.upgrade_on_open(sqlite_db)
    assert migrate.current_revision(sqlite_db) == "9991_restore_probe"

    restore_database(sqlite_db, old_backup)

    assert migrate.current_revision(sqlite_db) == "9991_restore_probe"
    assert [m.name for m in find_members(sqlite_db, "旧版")] == ["旧版"]
    assert len(_backups(default_backup_dir(), "migration")) == 2  # one per upgrade, each before it ran
