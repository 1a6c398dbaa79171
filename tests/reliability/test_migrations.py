"""Migrations keep every row: a database made at the first revision, filled, upgraded to head.

The data is written with plain SQL against the schema as it was at revision 0001 (reflected, not
the current models), so the test stays meaningful as revisions are added: every table and column
of the first revision must still hold the same values at head, and the current services must read
the old rows.  A probe revision added on top of the real ones shows that opening an older database
takes a backup first, and that a migration failing half-way changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection

from shopcrm.db import migrate
from shopcrm.db.backup import parse_backup_name
from shopcrm.db.engine import Database, make_engine, resolve_url
from shopcrm.db.opening import open_database
from shopcrm.db.restore import verify_backup_file
from shopcrm.paths import default_backup_dir
from shopcrm.services.members.points import ledger_balance
from shopcrm.services.members.records import get_member
from shopcrm.services.reports.stats import shop_stats
from shopcrm.services.sales.purchases import member_history
from shopcrm.services.shop.settings import load_settings

FIRST = "0001"
ROWS_PER_TABLE = 4


def _create_at(path: Path, revision: str) -> Database:
    url = resolve_url(path)
    db = Database(url=url, engine=make_engine(url))
    migrate.upgrade(db, revision)
    return db


def _value(column: Any, table: str, i: int) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, SmallInteger):
        return i % 5 + 1  # ratings 1-5, months, levels: small numbers fit everywhere
    if isinstance(kind, Integer):
        return 1000 + i
    if isinstance(kind, DateTime):
        return dt.datetime(2023, 1, 1, 9, 30, 15) + dt.timedelta(hours=7 * i)
    if isinstance(kind, Date):
        return dt.date(2023, 1, 1) + dt.timedelta(days=i)
    if isinstance(kind, Numeric) and not isinstance(kind, Float):
        return Decimal("1.250") * i
    if isinstance(kind, Float):
        return 0.5 * i
    if isinstance(kind, LargeBinary):
        return bytes([i, 0, 255]) * 3 + "值".encode()
    if isinstance(kind, JSON):
        return {"n": i, "文字": f"值{i}", "list": [i, "二"]}
    if isinstance(kind, (String, Text)):
        length = getattr(kind, "length", None) or 200
        return f"{column.name}{i}号·{table}"[:length] if length >= 8 else f"{i}{column.name}"[:length]
    raise AssertionError(f"no test value for {table}.{column.name} of type {kind!r}")


def _fill_every_table(conn: Connection, meta: MetaData) -> None:
    """ROWS_PER_TABLE rows in every table of this revision, every column set, foreign keys valid."""
    for table in meta.sorted_tables:
        if table.name == "alembic_version":
            continue
        for i in range(1, ROWS_PER_TABLE + 1):
            row: dict[str, Any] = {}
            for column in table.columns:
                fks = list(column.foreign_keys)
                if fks:
                    target = fks[0].column
                    ids = [r[0] for r in conn.execute(select(target).order_by(target))]
                    row[column.name] = ids[(i - 1) % len(ids)]
                elif column.primary_key and isinstance(column.type, Integer) and len(table.primary_key.columns) == 1:
                    continue  # let the database number it
                else:
                    row[column.name] = _value(column, table.name, i)
            conn.execute(insert(table).values(**row))


def _fill_a_real_member(conn: Connection) -> int:
    """One member with a sale, points and consent, as revision 0001 stores them, for the services."""
    conn.execute(text(
        "INSERT INTO members (card_no, name, phone, phone_last4, gender, birth_year, birth_month, birth_day,"
        " registered_on, source, area, notes, consent, consent_at, points_balance, level, status, created_at, updated_at)"
        " VALUES ('880001', '老顾客', '+8613812345678', '5678', 'F', 1988, 5, 3, '2023-02-01', 'wechat', '东门',"
        " '爱吃菠萝包', 1, '2023-02-01 10:00:00', 37, 1, 'active', '2023-02-01 10:00:00', '2023-03-01 10:00:00')"
    ))
    member_id = int(conn.execute(text("SELECT id FROM members WHERE card_no = '880001'")).scalar_one())
    conn.execute(text("INSERT INTO categories (name) VALUES ('面包类')"))
    category = conn.execute(text("SELECT id FROM categories WHERE name = '面包类'")).scalar_one()
    conn.execute(text("INSERT INTO products (name, category_id, price_cents, launched_on, active)"
                      " VALUES ('招牌菠萝包', :c, 850, '2023-01-10', 1)"), {"c": category})
    product = conn.execute(text("SELECT id FROM products WHERE name = '招牌菠萝包'")).scalar_one()
    conn.execute(text("INSERT INTO purchases (member_id, purchased_at, total_cents, discount_cents, payment_method,"
                      " channel, origin, external_ref) VALUES (:m, '2023-03-01 10:00:00', 3750, 0, 'wechat', 'store',"
                      " 'counter', 'first-rev-sale')"), {"m": member_id})
    purchase = conn.execute(text("SELECT id FROM purchases WHERE external_ref = 'first-rev-sale'")).scalar_one()
    conn.execute(text("INSERT INTO purchase_lines (purchase_id, product_id, quantity, unit_price_cents, amount_cents)"
                      " VALUES (:p, :pr, 4.5, 850, 3825)"), {"p": purchase, "pr": product})
    conn.execute(text("INSERT INTO points_ledger (member_id, at, kind, points, purchase_id)"
                      " VALUES (:m, '2023-03-01 10:00:00', 'earn', 37, :p)"), {"m": member_id, "p": purchase})
    conn.execute(text("INSERT INTO consent_events (member_id, at, consent, origin)"
                      " VALUES (:m, '2023-02-01 10:00:00', 1, 'counter')"), {"m": member_id})
    conn.execute(text("INSERT INTO settings (key, value) VALUES ('shop_name', :v)"), {"v": json.dumps("老街面包坊")})
    return member_id


def _snapshot(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    meta = MetaData()
    meta.reflect(conn)
    out = {}
    for table in meta.sorted_tables:
        if table.name == "alembic_version":
            continue
        order = list(table.primary_key.columns) or list(table.columns)
        rows = [dict(r._mapping) for r in conn.execute(select(table).order_by(*order))]
        # The shop's identity is made by the first backup (the migration backup here): an addition.
        out[table.name] = [r for r in rows if not (table.name == "settings" and r["key"] == "shop_id")]
    return out


def _assert_nothing_lost(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> None:
    for name, rows in before.items():
        assert name in after, f"table {name} disappeared in the upgrade"
        assert len(after[name]) == len(rows), f"{name}: {len(rows)} rows before, {len(after[name])} after"
        for old, new in zip(rows, after[name], strict=True):
            for column, value in old.items():
                assert column in new, f"column {name}.{column} disappeared in the upgrade"
                assert new[column] == value, f"{name}.{column}: {value!r} became {new[column]!r}"


@pytest.fixture
def first_revision_shop(tmp_path: Path) -> Iterator[tuple[Path, int, dict[str, list[dict[str, Any]]]]]:
    path = tmp_path / "old-shop.db"
    db = _create_at(path, FIRST)
    assert migrate.current_revision(db) == FIRST
    with db.engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        _fill_every_table(conn, meta)
        member_id = _fill_a_real_member(conn)  # after, so no generic row points at it
    with db.engine.connect() as conn:
        before = _snapshot(conn)
    db.dispose()
    assert all(rows for rows in before.values()), "every table of the first revision holds data"
    yield path, member_id, before


def test_first_revision_upgrades_to_head_without_losing_anything(
    first_revision_shop: tuple[Path, int, dict[str, list[dict[str, Any]]]],
) -> None:
    path, member_id, before = first_revision_shop
    db = open_database(path)  # the program's own path: backup, then upgrade
    assert migrate.current_revision(db) == migrate.head_revision()
    with db.engine.connect() as conn:
        _assert_nothing_lost(before, _snapshot(conn))
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).first() is None
    # The current services read the old rows.
    member = get_member(db, member_id)
    assert (member.name, member.phone, member.birth_month, member.points_balance, member.level) == (
        "老顾客", "+8613812345678", 5, 37, 1)
    assert member.consent and member.tags == ()
    history = member_history(db, member_id)
    assert [(p.total_cents, p.lines[0].product_name, p.lines[0].quantity) for p in history] == [
        (3750, "招牌菠萝包", Decimal("4.500"))]
    assert ledger_balance(db, member_id) == 37
    assert load_settings(db).shop_name == "老街面包坊"
    live = [p for p in before["purchases"] if p["voided_at"] is None]  # the generic rows are all voided
    assert shop_stats(db)["purchases"] == len(live) == 1
    db.dispose()


PROBE = '''"""test probe revision"""
import sqlalchemy as sa
from alembic import op

revision = "9990_probe"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("probe_table", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("probe_note", sa.String(20), nullable=True))
    {fail}


def downgrade() -> None:
    op.drop_table("probe_table")
'''


def _probe_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, fail: bool) -> None:
    """The real migrations plus one newer probe revision, as if a newer ShopCRM were installed."""
    real_head = migrate.head_revision()
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    body = PROBE.format(down=real_head, fail='raise RuntimeError("half-way failure")' if fail else "pass")
    (folder / "versions" / "9990_probe.py").write_text(body, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    assert migrate.head_revision() == "9990_probe"


def test_opening_an_older_database_takes_a_backup_first(
    first_revision_shop: tuple[Path, int, dict[str, list[dict[str, Any]]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, member_id, before = first_revision_shop
    open_database(path).dispose()  # bring it to the real head first (a backup too, when head is past 0001)
    with sqlite3.connect(path) as conn:
        real_head = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    _probe_migrations(tmp_path, monkeypatch, fail=False)
    # Bringing it to the real head took its own backup when there is more than one real revision.
    earlier = set(default_backup_dir().glob("shopcrm-*.db"))

    db = open_database(path)

    assert migrate.current_revision(db) == "9990_probe"
    fresh = set(default_backup_dir().glob("shopcrm-*.db")) - earlier
    backups = [i for i in map(parse_backup_name, fresh) if i and i.reason == "migration"]
    assert len(backups) == 1
    assert verify_backup_file(backups[0].path) == real_head  # the copy is of the database before the upgrade
    with sqlite3.connect(f"{backups[0].path.resolve().as_uri()}?immutable=1", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == len(before["members"])
        assert "probe_note" not in {r[1] for r in conn.execute("PRAGMA table_info(members)")}
    with db.engine.connect() as conn:
        _assert_nothing_lost(before, _snapshot(conn))
    db.dispose()
    open_database(path).dispose()  # at head now: no second backup
    again = set(default_backup_dir().glob("shopcrm-*.db")) - earlier
    assert len(again) == 1


def test_a_migration_failing_half_way_changes_nothing(
    first_revision_shop: tuple[Path, int, dict[str, list[dict[str, Any]]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _member_id, before = first_revision_shop
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        real_head = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    _probe_migrations(tmp_path, monkeypatch, fail=True)

    with pytest.raises(RuntimeError, match="half-way"):
        open_database(path)

    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == real_head
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "probe_table" not in tables
        assert "probe_note" not in {r[1] for r in conn.execute("PRAGMA table_info(members)")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.undo()
    db = open_database(path)
    with db.engine.connect() as conn:
        _assert_nothing_lost(before, _snapshot(conn))
    db.dispose()
