"""Two counters at once: two processes ring up purchases and redeem points for the same members.

Run against SQLite (two processes on one file) and a real PostgreSQL server (CI starts one;
SHOPCRM_TEST_POSTGRES_URL).  Afterwards: no lost update (every balance equals what the counters
were told they earned minus what they redeemed), no balance ever negative (the running sum of each
member's ledger), the ledger sums to every balance, and no purchase recorded twice although some
were retried and some sent from both counters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from shopcrm.db.base import Base
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry, Purchase
from shopcrm.db.opening import open_database
from shopcrm.services.members.records import MemberInput, register_member

WORKER = Path(__file__).with_name("counter_worker.py")
OPERATIONS = 1000
MEMBERS = 3


def _database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Database:
    if backend == "sqlite":
        return open_database(tmp_path / "shop.db")
    if not os.environ.get("SHOPCRM_TEST_POSTGRES_URL"):
        pytest.skip("SHOPCRM_TEST_POSTGRES_URL not set")
    db = open_database(request.getfixturevalue("_postgres_ready"))
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    return db


def _worker_env() -> dict[str, str]:
    """The workers import this checkout's shopcrm (not whatever the environment has installed)."""
    root = str(Path(__file__).resolve().parents[2])
    return dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))


def _run_counters(db: Database, tmp_path: Path, members: list[int]) -> list[list[dict[str, Any]]]:
    go = tmp_path / "go"
    env = _worker_env()
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), db.url, str(n), str(OPERATIONS), str(1000 + n), str(go), *map(str, members)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):  # both imported and connected
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a counter did not start"
        time.sleep(0.01)
    go.touch()
    logs = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        logs.append([json.loads(line) for line in out.splitlines()])
    return logs


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_counters_same_members(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    db = _database(backend, tmp_path, request)
    members = [register_member(db, MemberInput(phone=f"1390000{i:04d}", name=f"常客{i}")).id for i in range(MEMBERS)]

    logs = _run_counters(db, tmp_path, members)

    done = [log.pop() for log in logs]
    assert all(d["kind"] == "done" for d in done)
    overlap = min(d["finished"] for d in done) - max(d["started"] for d in done)
    shorter = min(d["finished"] - d["started"] for d in done)
    assert overlap > 0.8 * shorter, "the two counters did not run at the same time"
    entries = [e for log in logs for e in log]
    ops_per_worker = [len({e["op"] for e in log}) for log in logs]
    assert ops_per_worker == [OPERATIONS, OPERATIONS]

    purchases = [e for e in entries if e["kind"] == "purchase"]
    by_ref: dict[str, set[int]] = defaultdict(set)
    for e in purchases:
        by_ref[e["ref"]].add(e["purchase"])
    # Retries and the same sale from both counters got the same purchase back.
    assert all(len(ids) == 1 for ids in by_ref.values())
    first_answer = {}
    for e in purchases:
        first_answer.setdefault(e["ref"], e)
    redeemed = [e for e in entries if e["kind"] == "redeem" and e["ok"]]

    with db.read() as s:
        rows = {p.external_ref: p for p in s.scalars(select(Purchase))}
        assert len(rows) == len(by_ref) == s.scalar(select(func.count(Purchase.id)))
        for ref, ids in by_ref.items():
            p = rows[ref]
            assert {p.id} == ids and p.member_id == first_answer[ref]["member"] and p.total_cents == first_answer[ref]["cents"]
        ledger: dict[int, list[int]] = defaultdict(list)
        for member_id, points in s.execute(select(PointsEntry.member_id, PointsEntry.points).order_by(PointsEntry.id)):
            ledger[member_id].append(points)
        balances = {int(r[0]): int(r[1]) for r in s.execute(select(Member.id, Member.points_balance))}
        redeem_rows = s.scalar(select(func.count(PointsEntry.id)).where(PointsEntry.kind == "redeem"))

    assert redeem_rows == len(redeemed)
    for member_id in members:
        earned = sum(e["earned"] for e in first_answer.values() if e["member"] == member_id)
        spent = sum(e["points"] for e in redeemed if e["member"] == member_id)
        # No lost update: the balance is exactly what the counters were told.
        assert balances[member_id] == earned - spent
        # The ledger is the truth and the cached balance agrees with it.
        assert sum(ledger[member_id]) == balances[member_id]
        # Never negative: member rows are locked, so ledger ids follow commit order per member.
        running = 0
        for points in ledger[member_id]:
            running += points
            assert running >= 0
    duplicates = int(sum(len(ids) for ids in by_ref.values()) - len(by_ref))
    retried = sum(1 for e in purchases if e["attempt"] == 1)
    shared = sum(1 for ref in by_ref if ref.startswith("shared-"))
    print(
        f"\n[two counters/{backend}] operations={len(entries)} (2 x {OPERATIONS} + {retried} retries) "
        f"purchases={len(by_ref)} shared_refs={shared} redeemed={len(redeemed)} "
        f"refused_redeems={sum(1 for e in entries if e['kind'] == 'redeem' and not e['ok'])} duplicates={duplicates} "
        f"balances={[balances[m] for m in members]} overlap={overlap:.1f}s"
    )
    db.dispose()


def test_a_retried_sale_is_recorded_once(db: Database) -> None:
    from shopcrm.errors import ConflictError, ValidationError
    from shopcrm.services.sales.purchases import PurchaseInput, record_purchase

    member_id = register_member(db, MemberInput(phone="13900001111", name="常客")).id
    first = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=3200, external_ref=" sale-1 "))
    again = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=3200, external_ref="sale-1"))
    assert (again.purchase_id, again.points_earned, again.points_balance) == (first.purchase_id, 32, 32)
    walk_in = record_purchase(db, PurchaseInput(member_id=None, total_cents=500, external_ref="sale-2"))
    assert record_purchase(db, PurchaseInput(member_id=None, total_cents=500, external_ref="sale-2")).purchase_id == walk_in.purchase_id
    with pytest.raises(ConflictError):  # the same reference for a different sale is refused
        record_purchase(db, PurchaseInput(member_id=member_id, total_cents=999, external_ref="sale-1"))
    with pytest.raises(ValidationError):
        record_purchase(db, PurchaseInput(member_id=None, total_cents=500, external_ref="x" * 129))
    with db.read() as s:
        assert s.scalar(select(func.count(Purchase.id))) == 2
        assert s.scalar(select(func.sum(PointsEntry.points))) == 32


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_counters_register_members_at_once(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Card numbers are handed out in order and a phone registered at both counters at the same
    moment ends up once, the other counter told so (not a database error)."""
    db = _database(backend, tmp_path, request)
    count = 150
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, str(Path(__file__).with_name("register_worker.py")), db.url, str(n), str(count), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a counter did not start"
        time.sleep(0.01)
    go.touch()
    answers = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0 and "Traceback" not in err, err
        answers += [json.loads(line) for line in out.splitlines()]
    registered = [a for a in answers if "card" in a]
    shared = {a["phone"] for a in answers if a["phone"].startswith("1370")}
    with db.read() as s:
        rows = s.execute(select(Member.phone, Member.card_no)).all()
    assert len(answers) == 2 * count
    assert len(rows) == len(registered) == 2 * count - len(shared)  # each shared phone once, refused once
    assert len({card for _, card in rows}) == len(rows)  # no card number handed out twice
    assert sorted(int(card) for _, card in rows) == list(range(1, len(rows) + 1))
    print(f"\n[register at two counters/{backend}] attempts={len(answers)} registered={len(registered)} "
          f"refused_duplicates={len(answers) - len(registered)}")
    db.dispose()


MONEY_OPERATIONS = 300


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_counters_money_same_members(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Sales paid from stored value, top-ups, points and coupons on the same members from two
    processes: no lost update, no balance below zero at any point, ledgers add up to the balances,
    each coupon used at most once, no sale or top-up recorded twice although some were retried."""
    import datetime as dt

    from shopcrm.db.models import Coupon, StoredValueEntry
    from shopcrm.services.sales.coupons import define_coupon, issue_to_members
    from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
    from shopcrm.services.sales.stored_value import topup
    from shopcrm.services.shop.settings import BonusRule, update_settings

    db = _database(backend, tmp_path, request)
    update_settings(db, stored_value_bonus_rules=(BonusRule(10_000, 1_000), BonusRule(20_000, 3_000)))
    members = [register_member(db, MemberInput(phone=f"1391111{i:04d}", name=f"储值{i}")).id for i in range(MEMBERS)]
    for m in members:
        topup(db, m, 20_000)
        record_purchase(db, PurchaseInput(member_id=m, total_cents=50_000))
    today = dt.date.today()
    off = define_coupon(db, "减3", "amount", amount_cents=300, valid_from=today, valid_to=today)
    codes_file = tmp_path / "codes.txt"
    codes_file.write_text("\n".join(f"{m} " + " ".join(issue_to_members(db, off, [m]) + issue_to_members(db, off, [m]))
                                     for m in members))
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("money_worker.py")), db.url, str(n), str(MONEY_OPERATIONS),
             str(2000 + n), str(go), str(codes_file), *map(str, members)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_worker_env(),
        )
        for n in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a counter did not start"
        time.sleep(0.01)
    go.touch()
    entries: list[dict[str, Any]] = []
    for proc in procs:
        out, err = proc.communicate(timeout=400)
        assert proc.returncode == 0 and "Traceback" not in err, err
        log = [json.loads(line) for line in out.splitlines()]
        assert log.pop()["kind"] == "done"
        entries += log
    sales = [e for e in entries if e["kind"] == "sale" and e["ok"]]
    refused = [e for e in entries if e["kind"] == "sale" and not e["ok"]]
    topups = [e for e in entries if e["kind"] == "topup"]
    with db.read() as s:
        sv: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for mid, p, b in s.execute(select(StoredValueEntry.member_id, StoredValueEntry.principal_cents, StoredValueEntry.bonus_cents).order_by(StoredValueEntry.id)):
            sv[mid].append((p, b))
        cached = {int(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in s.execute(
            select(Member.id, Member.stored_value_cents, Member.stored_bonus_cents, Member.points_balance))}
        points = dict(s.execute(select(PointsEntry.member_id, func.sum(PointsEntry.points)).group_by(PointsEntry.member_id)).all())
        used = s.execute(select(Coupon.code, Coupon.purchase_id).where(Coupon.redeemed_at.is_not(None))).all()
        sale_rows = s.scalar(select(func.count(Purchase.id)))
    assert sale_rows == MEMBERS + len({e["ref"] for e in sales})  # the seed sales and each ref once
    assert len({e["ref"] for e in topups}) == len(topups) and len({e["entry"] for e in topups}) == len(topups)
    # Each coupon at most once, and exactly the sales that were told it worked.
    told = [e["code"] for e in sales if e["code"]]
    assert len(told) == len(set(told)) == len(used)
    for m in members:
        # Ledger sums = cached balances; running sums (commit order under the row lock) never negative.
        principal = bonus = 0
        for p, b in sv[m]:
            principal, bonus = principal + p, bonus + b
            assert principal >= 0 and bonus >= 0
        assert (principal, bonus) == cached[m][:2]
        # No lost update: the balance is exactly what the counters were told.
        paid_in = 20_000 + 3_000 + sum(e["paid"] + e["bonus"] for e in topups if e["member"] == m)
        assert principal + bonus == paid_in - sum(e["sv"] for e in sales if e["member"] == m)
        earned = 500 + sum(e["earned"] - e["redeemed"] for e in sales if e["member"] == m)
        assert cached[m][2] == int(points.get(m) or 0) == earned >= 0
    print(f"\n[two counters money/{backend}] sales={len(sales)} refused={len(refused)} topups={len(topups)} "
          f"coupons_used={len(used)} balances={[cached[m] for m in members]}")
    db.dispose()
