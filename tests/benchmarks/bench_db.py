"""Database benchmarks: each figure is printed beside a reference measured in the same run.

    .venv/bin/python tests/benchmarks/bench_db.py [--postgres URL] [--keep DIR]

1. `demo --large` (50,000 members, about a million purchases) generation time on SQLite, beside a
   bare sqlite3 executemany of the same number of rows into one unindexed table (the machine's
   floor for writing that much).  Goal: under a minute.
2. Counter lookup by the last 4 phone digits among 100,000 members, p95, through the member search
   service (shopcrm.services.members.records.find_members), beside a bare sqlite3 indexed lookup on the
   same file.  Goal: p95 <= 10 ms.
3. The per-member GROUP BY over about a million purchases with the shipped covering index
   (member_id, purchased_at, total_cents), with a plain member_id index instead, and with no
   index on member_id, printed as ratios to the no-index time.
Optionally (--postgres URL of an EMPTY database): demo --large on PostgreSQL and the lookup p95 there.
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
import numpy as np

from shopcrm.db.engine import Database
from shopcrm.db.opening import open_database
from shopcrm.demo.shop import LARGE_MEMBERS, DemoSummary, generate_demo
from shopcrm.services.members.records import find_members

LOOKUPS = 300
GROUP_BY = (
    "SELECT member_id, COUNT(*), SUM(total_cents), MIN(purchased_at), MAX(purchased_at) "
    "FROM purchases WHERE voided_at IS NULL AND member_id IS NOT NULL GROUP BY member_id"
)
# The statement find_members runs for four digits (a card number or the last 4 of a phone).
SERVICE_LOOKUP = (
    "SELECT id FROM members WHERE status IN ('active') AND (card_no = ? OR phone_last4 = ?) "
    "ORDER BY name, id LIMIT 20"
)
BARE_LOOKUP = (
    "SELECT id, card_no, name, phone, points_balance, level FROM members INDEXED BY ix_members_phone_last4_status "
    "WHERE phone_last4 = ? AND status = 'active' ORDER BY name, id LIMIT 20"
)


def line(label: str, value: str, reference: str = "", ratio: str = "") -> None:
    print(f"  {label:<58} {value:>14}  {reference:>22}  {ratio}")
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def timed_demo(db: Database, members: int, months: int, seed: int) -> tuple[DemoSummary, float, float]:
    """The summary, wall seconds and this process's CPU seconds (less sensitive to a busy machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    summary = generate_demo(db, members=members, months=months, seed=seed)
    return summary, time.perf_counter() - t0, time.process_time() - c0


def raw_insert_floor(path: Path, rows: int) -> tuple[float, float]:
    """Seconds for sqlite3 executemany of `rows` small tuples into one unindexed table, one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c INTEGER, d INTEGER)")
    stamp = "2025-06-01 08:30:00.000000"
    chunk = 50_000
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    for lo in range(0, rows, chunk):
        hi = min(rows, lo + chunk)
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [(i, i % 50_000, stamp, i % 9_000, 1) for i in range(lo, hi)])
    conn.execute("COMMIT")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    return seconds, cpu


def lookup_times(fn: Callable[[str], object], queries: list[str], cpu: list[float] | None = None) -> list[float]:
    """Wall milliseconds per call; the calls' CPU milliseconds go to `cpu` when given."""
    for q in queries[:20]:  # warm up caches and the statement cache
        fn(q)
    out = []
    for q in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) * 1000)
    return out


def sample_last4(db: Database, seed: int) -> list[str]:
    from sqlalchemy import select

    from shopcrm.db.models import Member

    with db.read() as s:
        tails = list(s.scalars(select(Member.phone_last4).where(Member.status == "active")))
    rng = np.random.default_rng(seed)
    return [str(tails[i]) for i in rng.integers(0, len(tails), LOOKUPS)]


def bench_large(work: Path) -> Path:
    print("\n1. demo --large generation (SQLite)")
    path = work / "large.db"
    db = open_database(path)
    try:
        summary, seconds, cpu = timed_demo(db, LARGE_MEMBERS, 24, 1)
    finally:
        db.dispose()
    rows = summary.purchases + summary.voided_purchases + summary.purchase_lines + summary.points_entries + summary.feedback
    rows += summary.members
    floor, floor_cpu = raw_insert_floor(work / "floor.db", rows)
    line(
        f"{summary.members:,} members, {summary.purchases + summary.voided_purchases:,} purchases, {rows / 1e6:.2f}M rows",
        f"{seconds:.1f} s",
        f"raw executemany {floor:.1f} s",
        f"{seconds / floor:.1f}x the floor; goal < 60 s: {'met' if seconds < 60 else 'NOT met'}",
    )
    line("  the same, CPU time of this process", f"{cpu:.1f} s", f"raw executemany {floor_cpu:.1f} s",
         f"{cpu / floor_cpu:.1f}x")
    return path


def bench_lookup(work: Path) -> None:
    print("\n2. counter lookup by last 4 digits among 100,000 members (SQLite)")
    path = work / "lookup.db"
    db = open_database(path)
    try:
        summary, seconds, _cpu = timed_demo(db, 100_000, 12, 2)
        line(f"(fill: 100,000 members, {summary.purchases:,} purchases over 12 months)", f"{seconds:.1f} s")
        queries = sample_last4(db, 3)
        service_cpu: list[float] = []
        service = lookup_times(lambda q: find_members(db, q, 20), queries, service_cpu)
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    bare = lookup_times(lambda q: conn.execute(BARE_LOOKUP, (q,)).fetchall(), queries)
    plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + BARE_LOOKUP, ("1234",)))
    service_plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + SERVICE_LOOKUP, ("1234", "1234")))
    conn.close()
    p95, ref95 = percentile(service, 95), percentile(bare, 95)
    p50, ref50 = statistics.median(service), statistics.median(bare)
    line("find_members(last 4, limit 20): p50", f"{p50:.2f} ms", f"bare sqlite3 {ref50:.3f} ms", f"{p50 / ref50:.0f}x")
    line("find_members(last 4, limit 20): p95", f"{p95:.2f} ms", f"bare sqlite3 {ref95:.3f} ms",
         f"{p95 / ref95:.0f}x; goal p95 <= 10 ms: {'met' if p95 <= 10 else 'NOT met'}")
    line("find_members: max", f"{max(service):.2f} ms", f"bare sqlite3 {max(bare):.3f} ms")
    line("find_members: p95 of CPU time (what an idle machine would see)", f"{percentile(service_cpu, 95):.2f} ms",
         f"p50 {statistics.median(service_cpu):.2f} ms")
    print(f"  bare query: {BARE_LOOKUP}")
    print(f"  its plan: {plan}")
    print(f"  plan of the service's member query: {service_plan}")
    # The same search on a database without planner statistics (one filled by imports or by
    # the counter, where nothing ran ANALYZE): SQLite may then pick the status index instead.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    conn.close()
    db = open_database(path)
    try:
        no_stats = lookup_times(lambda q: find_members(db, q, 20), queries[:100])
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + SERVICE_LOOKUP, ("1234", "1234")))
    conn.close()
    line("find_members without ANALYZE statistics: p95", f"{percentile(no_stats, 95):.2f} ms",
         f"with statistics {p95:.2f} ms", f"{percentile(no_stats, 95) / p95:.1f}x")
    print(f"  plan of the service's member query without statistics: {plan}")


def _best_of(conn: sqlite3.Connection, sql: str, runs: int = 3) -> tuple[float, int]:
    rows = len(conn.execute(sql).fetchall())  # warm-up
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        conn.execute(sql).fetchall()
        best = min(best, time.perf_counter() - t0)
    return best, rows


def bench_group_by(path: Path) -> None:
    print("\n3. per-member GROUP BY over the large demo's purchases (SQLite, bare sqlite3)")

    def ddl(*statements: str) -> None:
        # A fresh connection per variant: cached statements would keep the old plan's text.
        conn = sqlite3.connect(path, isolation_level=None)
        for sql in statements:
            conn.execute(sql)
        conn.close()

    conn = sqlite3.connect(path)
    purchases = conn.execute("SELECT COUNT(*) FROM purchases").fetchone()[0]
    covering_sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'ix_purchases_member_time_total'"
    ).fetchone()[0]
    conn.close()
    results: dict[str, float] = {}
    plans: dict[str, str] = {}

    def measure(name: str, hint: str) -> None:
        # Each variant forces its access path, so the comparison does not depend on statistics.
        sql = GROUP_BY.replace("FROM purchases", f"FROM purchases {hint}")
        conn = sqlite3.connect(path)
        plans[name] = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        results[name], groups = _best_of(conn, sql)
        plans[name] += f"  ({groups:,} members)"
        conn.close()

    conn = sqlite3.connect(path)
    natural = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + GROUP_BY))
    conn.close()
    measure("covering index (member_id, purchased_at, total_cents)", "INDEXED BY ix_purchases_member_time_total")
    ddl("DROP INDEX ix_purchases_member_time_total", "CREATE INDEX bench_purchases_member ON purchases (member_id)")
    measure("plain member_id index", "INDEXED BY bench_purchases_member")
    ddl("DROP INDEX bench_purchases_member")
    measure("no index on member_id", "NOT INDEXED")
    ddl(covering_sql, "ANALYZE purchases")  # leave the file as the app made it
    base = results["no index on member_id"]
    print(f"  {purchases:,} purchases; query: {GROUP_BY}")
    print(f"  the planner's own choice on the shipped schema: {natural}")
    for name, seconds in results.items():
        ratio = base / seconds
        text = f"{ratio:.1f}x faster than no index" if ratio >= 1 else f"{1 / ratio:.1f}x slower than no index"
        line(name, f"{seconds * 1000:.0f} ms", f"no index {base * 1000:.0f} ms", text)
        print(f"      plan: {plans[name]}")


def bench_postgres(url: str) -> None:
    print("\n4. PostgreSQL (speed there is secondary)")
    db = open_database(url)
    try:
        summary, seconds, _cpu = timed_demo(db, LARGE_MEMBERS, 24, 1)
        line(f"demo --large: {summary.purchases + summary.voided_purchases:,} purchases", f"{seconds:.1f} s")
        queries = sample_last4(db, 3)
        service = lookup_times(lambda q: find_members(db, q, 20), queries)
        line("find_members(last 4, limit 20) among 50,000 members: p95", f"{percentile(service, 95):.2f} ms",
             f"p50 {statistics.median(service):.2f} ms")
    finally:
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("SHOPCRM_BENCH_POSTGRES_URL"),
                        help="URL of an EMPTY PostgreSQL database to run demo --large on as well")
    parser.add_argument("--keep", type=Path, help="keep the benchmark databases in this folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="shopcrm-bench-"))
    print(f"ShopCRM database benchmark  (python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})")
    print("  figure                                                              value               reference  ratio")
    try:
        large = bench_large(work)
        bench_group_by(large)
        bench_lookup(work)
        if args.postgres:
            bench_postgres(args.postgres)
        print(f"\n(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; a shared machine makes wall times longer)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for f in work.glob("*.db"):
                shutil.copy2(f, args.keep / f.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
