"""Crash safety: an import killed with SIGKILL at random moments leaves a database that opens,
passes PRAGMA integrity_check and holds the batch entirely or not at all.

Two workers are killed, each at 5 random moments, each time on a fresh copy of a shop that already
has members, sales and points (those must come through untouched too):

* bulk_import_worker.py writes a 500,000-row sales batch in one transaction through the importer's
  own bulk path (shopcrm.db.bulk), aiming its kills by progress: anywhere among the
  inserts, or during COMMIT.  The whole importer would spend ~20 s of CPU parsing 500k spreadsheet
  rows before its transaction even starts, five times over; the transaction is what a kill can hurt.
* import_worker.py runs the real importer (import_file, what `shopcrm import sales` runs) on a CSV
  of SHOPCRM_KILL_IMPORT_ROWS rows (10,000 by default; 500000 for the full-size run), killed at a
  random time between the start of its checking phase and 1.2x the time a complete run took to
  commit.

The seed is printed; SHOPCRM_KILL_SEED replays a run.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.db.opening import open_database
from shopcrm.services.members.points import redeem_points
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only"),
]

HERE = Path(__file__).parent
KILLS = 5
MAX_ATTEMPTS = 9  # a kill aimed at the very end can miss a run that already finished
BULK_ROWS = 500_000
BULK_MEMBERS = 20_000
IMPORT_ROWS = int(os.environ.get("SHOPCRM_KILL_IMPORT_ROWS", "10000"))
SEED = int(os.environ.get("SHOPCRM_KILL_SEED", str(random.SystemRandom().randrange(10**6))))
EXISTING_MEMBERS = 30

Trigger = Callable[[list[str]], float | None]


@dataclass
class Run:
    killed: bool
    stage: str  # the last line the worker printed before it died (or "committed")
    lines: list[tuple[float, str]] = field(default_factory=list)

    def time_of(self, word: str) -> float:
        return next(t for t, line in self.lines if line.split()[0] == word)


def _run(cmd: list[str], trigger: Trigger | None) -> Run:
    """Run a worker; `trigger` sees each printed line and may answer "kill in N seconds"."""
    # The workers import this checkout's shopcrm, not whatever the environment has installed.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(HERE.parents[1]), os.environ.get("PYTHONPATH")])))
    # `with`: the pipes are closed however the worker ends (a killed one leaves them to the collector).
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, env=env) as proc:
        lines: list[tuple[float, str]] = []
        killed_at: list[float] = []
        timer: threading.Timer | None = None

        def kill() -> None:
            if proc.poll() is None:
                killed_at.append(time.monotonic())
                proc.send_signal(signal.SIGKILL)

        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.append((time.monotonic(), raw.strip()))
            if trigger is not None and timer is None:
                delay = trigger(raw.split())
                if delay is not None:
                    timer = threading.Timer(delay, kill)
                    timer.start()
        code = proc.wait(timeout=600)
        if timer is not None:
            timer.cancel()
            timer.join()
        err = proc.stderr.read() if proc.stderr else ""
    if code == -signal.SIGKILL:
        assert killed_at, "killed by someone else"
        before = [line for t, line in lines if t <= killed_at[0]]
        return Run(True, before[-1] if before else "(nothing yet)", lines)
    assert code == 0, err
    return Run(False, lines[-1][1], lines)


def _shop_template(tmp_path: Path) -> Path:
    """A shop with history before the import: its rows must survive every kill untouched."""
    path = tmp_path / "template.db"
    db = open_database(path)
    now = dt.datetime.now().replace(microsecond=0)
    for i in range(EXISTING_MEMBERS):
        member = register_member(db, MemberInput(phone=f"1370000{i:04d}", name=f"老会员{i}", consent=i % 2 == 0))
        record_purchase(db, PurchaseInput(member_id=member.id, total_cents=1500 + i, purchased_at=now - dt.timedelta(days=i)))
        redeem_points(db, member.id, 5)
    db.dispose()
    return path


def _state(path: Path) -> dict[str, int]:
    """Open the database as the program would, check it, and sum up what it holds."""
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).first() is None
            q = lambda sql: int(conn.execute(text(sql)).scalar() or 0)  # noqa: E731
            state = {
                "batches": q("SELECT count(*) FROM import_batches"),
                "members": q("SELECT count(*) FROM members"),
                "members_from_import": q("SELECT count(*) FROM members WHERE import_batch_id IS NOT NULL"),
                "purchases": q("SELECT count(*) FROM purchases"),
                "purchases_from_import": q("SELECT count(*) FROM purchases WHERE origin = 'import'"),
                "purchase_lines": q("SELECT count(*) FROM purchase_lines"),
                "products": q("SELECT count(*) FROM products"),
                "revenue_cents": q("SELECT sum(total_cents) FROM purchases"),
                "ledger_rows": q("SELECT count(*) FROM points_ledger"),
                "points": q("SELECT sum(points_balance) FROM members"),
                "levels": q("SELECT sum(level) FROM members"),
            }
            # The ledger is the truth: every member's balance is its sum, import or not.
            mismatched = q(
                "SELECT count(*) FROM members m WHERE m.points_balance <>"
                " (SELECT coalesce(sum(points), 0) FROM points_ledger p WHERE p.member_id = m.id)"
            )
            assert mismatched == 0
    finally:
        db.dispose()
    return state


def _fresh_copy(template: Path, tmp_path: Path, n: int) -> Path:
    path = tmp_path / f"run{n}.db"
    shutil.copyfile(template, path)
    return path


def _report(name: str, runs: list[Run], outcomes: list[str]) -> None:
    kills = [(r.stage, o) for r, o in zip(runs, outcomes, strict=True) if r.killed]
    print(f"\n[{name}] seed={SEED} kills={len(kills)} survived={len(kills)} completed_runs={len(runs) - len(kills)}")
    for stage, outcome in kills:
        print(f"    killed after {stage!r:40} -> batch {outcome}")


def test_sigkill_during_a_500k_row_import_transaction(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    template = _shop_template(tmp_path)
    before = _state(template)
    total = 2 * BULK_MEMBERS + BULK_ROWS
    entire = dict(
        before,
        batches=1,
        members=before["members"] + BULK_MEMBERS,
        members_from_import=BULK_MEMBERS,
        purchases=before["purchases"] + BULK_ROWS,
        purchases_from_import=BULK_ROWS,
        ledger_rows=before["ledger_rows"] + BULK_MEMBERS,
        revenue_cents=before["revenue_cents"] + sum(500 + i % 7000 for i in range(BULK_ROWS)),
        points=before["points"] + sum((500 + i % 7000) // 100 for i in range(BULK_ROWS)),
    )
    runs: list[Run] = []
    outcomes: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        if sum(r.killed for r in runs) >= KILLS:
            break
        path = _fresh_copy(template, tmp_path, attempt)
        share = rng.uniform(0, 1.25)  # below 1: that share of the rows written; above: during COMMIT
        jitter = rng.uniform(0, 0.05)
        commit_delay = rng.uniform(0, 1.0)

        def trigger(words: list[str], share: float = share, jitter: float = jitter, commit_delay: float = commit_delay) -> float | None:
            if share < 1 and words[0] == "rows" and int(words[1]) >= share * total:
                return jitter
            if share < 1 and words[0] == "begin" and share * total < BULK_MEMBERS / 2:
                return jitter + share * 2  # early in the transaction, before the first chunk is reported
            if share >= 1 and words[0] == "commit":
                return commit_delay
            return None

        run = _run([sys.executable, str(HERE / "bulk_import_worker.py"), str(path), str(BULK_ROWS), str(BULK_MEMBERS)], trigger)
        state = _state(path)
        outcome = "entirely there" if state == entire else "not there at all" if state == before else "HALF-WRITTEN"
        assert outcome != "HALF-WRITTEN", (run.stage, state)
        runs.append(run)
        outcomes.append(outcome)
        path.unlink()
    _report("500k-row import transaction", runs, outcomes)
    assert sum(r.killed for r in runs) >= KILLS


def _sales_csv(path: Path, rows: int, seed: int) -> Path:
    """A POS export: Chinese headers, some phones of existing members, products, ¥ amounts."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, 8, 0)
    products = ["菠萝包", "芝士蛋糕", "柠檬茶", "蛋挞", "全麦吐司", "珍珠奶茶"]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("销售日期,手机号,商品,数量,实收金额\n")
        for i in range(rows):
            when = start + dt.timedelta(minutes=3 * i)
            phone = f"1370000{rng.randrange(EXISTING_MEMBERS):04d}" if i % 10 == 0 else f"139{rng.randrange(3000):08d}"
            fh.write(f"{when:%Y/%m/%d %H:%M},{phone},{rng.choice(products)},{rng.randrange(1, 4)},¥{rng.randrange(600, 9000) / 100:.2f}\n")
    return path


def test_sigkill_during_the_real_importer(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    template = _shop_template(tmp_path)
    before = _state(template)
    sheet = _sales_csv(tmp_path / "sales.csv", IMPORT_ROWS, SEED)
    cmd = [sys.executable, str(HERE / "import_worker.py")]

    control = _fresh_copy(template, tmp_path, 99)
    full = _run([*cmd, str(control), str(sheet)], None)
    assert not full.killed and full.stage.startswith("committed")
    entire = _state(control)
    assert entire["batches"] == 1 and entire["purchases_from_import"] == IMPORT_ROWS
    assert entire["points"] > before["points"]
    window = full.time_of("committed") - full.time_of("checking")

    runs: list[Run] = []
    outcomes: list[str] = []
    for attempt in range(MAX_ATTEMPTS):
        if sum(r.killed for r in runs) >= KILLS:
            break
        path = _fresh_copy(template, tmp_path, attempt)
        delay = rng.uniform(0, 1.2 * window)

        def trigger(words: list[str], delay: float = delay) -> float | None:
            return delay if words[0] == "checking" else None

        run = _run([*cmd, str(path), str(sheet)], trigger)
        state = _state(path)
        outcome = "entirely there" if state == entire else "not there at all" if state == before else "HALF-WRITTEN"
        assert outcome != "HALF-WRITTEN", (run.stage, state)
        runs.append(run)
        outcomes.append(outcome)
        path.unlink()
    _report(f"real importer, {IMPORT_ROWS} rows", runs, outcomes)
    assert sum(r.killed for r in runs) >= KILLS


def _sale_invariants(path: Path) -> dict[str, int]:
    """Every sale wholly there with all its ledger rows, or not at all; caches equal ledger sums."""
    db = open_database(path, upgrade=False)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            q = lambda sql: conn.execute(text(sql)).all()  # noqa: E731
            # Paid from stored value <=> a spend row of that amount.
            assert q("""SELECT p.id FROM purchases p LEFT JOIN (SELECT purchase_id, -SUM(principal_cents + bonus_cents) AS c
                        FROM stored_value_ledger WHERE kind = 'spend' GROUP BY purchase_id) v ON v.purchase_id = p.id
                        WHERE p.stored_value_cents != COALESCE(v.c, 0)""") == []
            # Points off <=> a redemption row; points earned <=> an earn row; a coupon off <=> its coupon used.
            assert q("""SELECT p.id FROM purchases p WHERE p.points_discount_cents > 0 AND NOT EXISTS
                        (SELECT 1 FROM points_ledger l WHERE l.purchase_id = p.id AND l.kind = 'redeem')""") == []
            assert q("""SELECT p.id FROM purchases p WHERE p.member_id IS NOT NULL AND p.points_earned > 0 AND NOT EXISTS
                        (SELECT 1 FROM points_ledger l WHERE l.purchase_id = p.id AND l.kind = 'earn')""") == []
            assert q("""SELECT p.id FROM purchases p WHERE p.coupon_discount_cents > 0 AND NOT EXISTS
                        (SELECT 1 FROM coupons c WHERE c.purchase_id = p.id AND c.redeemed_at IS NOT NULL)""") == []
            assert q("SELECT id FROM coupons WHERE redeemed_at IS NOT NULL AND purchase_id IS NULL") == []
            # Every redemption drew exactly its points; caches equal the ledgers.
            assert q("""SELECT l.id FROM points_ledger l WHERE l.kind = 'redeem' AND -l.points !=
                        (SELECT COALESCE(SUM(d.points), 0) FROM points_draws d WHERE d.debit_id = l.id)""") == []
            assert q("""SELECT m.id FROM members m WHERE m.points_balance != (SELECT COALESCE(SUM(points), 0) FROM points_ledger l
                        WHERE l.member_id = m.id) OR m.stored_value_cents != (SELECT COALESCE(SUM(principal_cents), 0)
                        FROM stored_value_ledger v WHERE v.member_id = m.id) OR m.stored_bonus_cents !=
                        (SELECT COALESCE(SUM(bonus_cents), 0) FROM stored_value_ledger v WHERE v.member_id = m.id)""") == []
            assert q("SELECT id FROM members WHERE points_balance < 0 OR stored_value_cents < 0 OR stored_bonus_cents < 0") == []
            return {"purchases": int(conn.execute(text("SELECT count(*) FROM purchases")).scalar() or 0)}
    finally:
        db.dispose()


def test_sigkill_during_counter_sales_leaves_each_sale_whole(tmp_path: Path) -> None:
    """A counter killed while it rings up sales with products, a coupon, points and stored value:
    each sale and all its ledger rows are there, or none of them."""
    import datetime as dt

    from shopcrm.services.sales.coupons import define_coupon, issue_to_members
    from shopcrm.services.sales.products import add_product
    from shopcrm.services.sales.stored_value import topup

    path = tmp_path / "counter.db"
    db = open_database(path)
    members = [register_member(db, MemberInput(phone=f"1350000{i:04d}")).id for i in range(4)]
    for i in range(6):
        add_product(db, f"面包{i}", category="面包", price_cents=500 + 150 * i)
    off = define_coupon(db, "减2", "amount", amount_cents=200, valid_from=dt.date.today(), valid_to=dt.date.today() + dt.timedelta(days=1))
    for m in members:
        topup(db, m, 10_000)
        record_purchase(db, PurchaseInput(member_id=m, total_cents=30_000))
        for _ in range(30):
            issue_to_members(db, off, [m])
    db.dispose()
    rng = random.Random(SEED)
    env = dict(os.environ, PYTHONPATH=str(HERE.parents[1]))
    counts = []
    for kill in range(KILLS):
        with subprocess.Popen([sys.executable, str(HERE / "sale_worker.py"), str(path), str(SEED + kill),
                               *map(str, members)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1, env=env) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
            time.sleep(rng.uniform(0.3, 2.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        counts.append(_sale_invariants(path)["purchases"])
    assert counts == sorted(counts) and counts[-1] > len(members)
    print(f"\n[kill counter sales] seed={SEED} purchases after each kill={counts}")
