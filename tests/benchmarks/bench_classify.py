"""Classification benchmark: a full reclassification beside the bare covering-index GROUP BY.

    .venv/bin/python tests/benchmarks/bench_classify.py [--db PATH] [--rounds N] [--postgres URL]

On the large demo shop (50,000 members, about a million purchases over 24 months; generated into a
temporary file unless --db names an existing one) each round times
  1. the bare per-member aggregate over the covering index ix_purchases_member_time_total
     (SELECT member_id, COUNT(*), SUM(total_cents), MIN(purchased_at), MAX(purchased_at) ... GROUP BY
     member_id), fetched in full: the machine's floor for touching every purchase once; taken just
     before and just after step 2, the mean of the two is the round's reference;
  2. a full reclassification through shopcrm.services.classification.run.classify: reading members,
     purchases, lines and ratings, metrics, every rule with its reasons, the BG/NBD and Gamma-Gamma
     fits, recommendations, and the snapshot write (replacing the previous one of that date).
On a new shop the first round fits the lifetime models from scratch; later rounds start from the
stored fit, as every reclassification after the first does.  Each round's ratio (wall clock, and
CPU time of this process, which a shared machine disturbs less) is printed, then the medians, then
the stages of the last run as multiples of the bare aggregate.  Goal: <= 5x.
Then counter sales during a reclassification: another process records a sale every 20 ms while a
full run goes on; the longest wait of a sale is printed beside the same with the snapshot written in
one transaction (WRITE_CHUNK as large as the shop: how it was before), in the same run.
Goal: a sale waits < 100 ms.
With --postgres URL (an EMPTY database) the same is measured on PostgreSQL.
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
from bench_db import GROUP_BY  # the same bare aggregate as the database benchmark
from sqlalchemy import event, func, select, text

from shopcrm.db.engine import Database
from shopcrm.db.models import Purchase
from shopcrm.db.opening import open_database
from shopcrm.demo.shop import LARGE_MEMBERS, generate_demo
from shopcrm.services.classification.run import classify


def line(label: str, value: str, reference: str = "", ratio: str = "") -> None:
    print(f"  {label:<52} {value:>10}  {reference:>24}  {ratio}")
    sys.stdout.flush()


def bare_group_by(db: Database) -> tuple[float, float]:
    """(wall, CPU) seconds of the bare aggregate, fetched through the driver (no SQLAlchemy rows)."""
    with db.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        t0, c0 = time.perf_counter(), time.process_time()
        cursor.execute(GROUP_BY)
        rows = cursor.fetchall()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        cursor.close()
    assert rows
    return seconds, cpu


def last_purchase_day(db: Database) -> dt.date:
    with db.read() as s:
        last = s.scalar(select(func.max(Purchase.purchased_at)).where(Purchase.voided_at.is_(None)))
    assert last is not None, "the database has no purchases"
    return last.date()


def ensure_demo(db: Database) -> None:
    with db.read() as s:
        purchases = s.execute(text("SELECT COUNT(*) FROM purchases")).scalar() or 0
    if purchases:
        print(f"  using the existing shop: {purchases:,} purchases")
        return
    t0 = time.perf_counter()
    summary = generate_demo(db, members=LARGE_MEMBERS, months=24, seed=1)
    print(f"  demo shop: {summary.members:,} members, {summary.purchases:,} purchases, "
          f"{summary.purchase_lines:,} lines in {time.perf_counter() - t0:.0f} s")


def measure(db: Database, rounds: int) -> None:
    """Each round: the bare aggregate just before and just after a full reclassification; the round's
    ratio is the full run over the mean of the two (the machine may be shared, so a reference taken
    minutes earlier says little).  CPU time (this process) is printed beside wall-clock time: it is
    what other processes on the machine disturb least."""
    as_of = last_purchase_day(db)
    in_process = db.engine.dialect.name == "sqlite"  # PostgreSQL's work is done by the server process
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    refs: list[float] = []
    last: dict[str, Any] = {}
    for i in range(rounds):
        before, before_cpu = bare_group_by(db)
        t0, c0 = time.perf_counter(), time.process_time()
        last = classify(db, as_of)
        full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
        after, after_cpu = bare_group_by(db)
        ref, ref_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
        refs.append(ref)
        ratios.append(full / ref)
        cpu_ratios.append(full_cpu / ref_cpu)
        cpu = f"; CPU: bare {ref_cpu:.3f} s, full {full_cpu:.3f} s ({cpu_ratios[-1]:.1f}x)" if in_process else ""
        print(f"  round {i + 1}: bare {before:.3f} / {after:.3f} s, full {full:.3f} s ({ratios[-1]:.1f}x){cpu}")
    ref = statistics.median(refs)
    print()

    def ratio(values: list[float], cpu_values: list[float]) -> str:
        median = f"{statistics.median(values):.1f}x"
        return median + (f"  (CPU {statistics.median(cpu_values):.1f}x)" if in_process else "")

    line("bare covering-index GROUP BY (median)", f"{ref:.3f} s")
    line("full reclassification, first round", "", "", ratio(ratios[:1], cpu_ratios[:1]))
    if rounds > 1:
        line("full reclassification, later rounds (median ratio)", "", "",
             ratio(ratios[1:], cpu_ratios[1:]) + "   goal <= 5x")
    print(f"\n  stages of the last run ({last['members']:,} members), as multiples of the bare aggregate:")
    for stage, seconds in last["seconds"].items():
        line(f"  {stage}", f"{seconds:.3f} s", "", f"{seconds / ref:.2f}x")
    with db.read() as s:
        stored = s.execute(
            text("SELECT * FROM snapshot_members WHERE snapshot_id = :id LIMIT 1"), {"id": last["snapshot"]}
        ).keys()
        if "reason_data" in stored:
            reason_bytes = s.execute(
                text("SELECT AVG(LENGTH(reason_data)) FROM snapshot_members WHERE snapshot_id = :id"),
                {"id": last["snapshot"]},
            ).scalar()
            print(f"\n  stored reasons: {float(reason_bytes or 0):.0f} bytes per member (language-neutral)")
    clv = last["clv"]
    fit = clv.get("paretonbd") or {}
    print(f"\n  lifetime model: {clv['model']}"
          + (f" (r={fit['r']:.3f} alpha={fit['alpha']:.3f} s={fit['s']:.3f} beta={fit['beta']:.3f})" if fit else ""))


def _seller(url: str, member_id: int, product_id: int, stop: Any, out: Any) -> None:
    """Another process: a counter sale every 20 ms until told to stop; sends each sale's time."""
    from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase

    db = open_database(url)
    waits: list[float] = []
    try:
        while not stop.is_set():
            t0 = time.perf_counter()
            record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(product_id=product_id, quantity=1)]))
            waits.append(time.perf_counter() - t0)
            time.sleep(0.02)
    finally:
        db.dispose()
        out.send(waits)


def sales_during_reclassification(db: Database, url: str) -> None:
    """The longest wait of a counter sale in another process while a full reclassification runs,
    with the snapshot written in chunks (now) and in one transaction (before)."""
    import multiprocessing as mp

    from shopcrm.db.models import Member, Product
    from shopcrm.services.classification import store

    as_of = last_purchase_day(db)
    with db.read() as s:
        member_id = int(s.scalar(select(func.min(Member.id)).where(Member.status == "active")) or 0)
        product_id = int(s.scalar(select(func.min(Product.id)).where(Product.active.is_(True))) or 0)
    ctx = mp.get_context("spawn")
    results = {}
    holds: list[float] = []  # each write transaction of the run, BEGIN to COMMIT: what a sale can wait for

    @event.listens_for(db.engine, "begin")
    def _began(conn: Any) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    @event.listens_for(db.engine, "commit")
    def _committed(conn: Any) -> None:
        t0 = conn.info.pop("bench_t0", None)
        if t0 is not None:
            holds.append(time.perf_counter() - t0)

    chunk = store.WRITE_CHUNK
    for label, size in (("one transaction (before)", 10**9), (f"chunks of {chunk:,} rows (now)", chunk)):
        store.WRITE_CHUNK = size
        stop, (receive, send) = ctx.Event(), ctx.Pipe(duplex=False)
        seller = ctx.Process(target=_seller, args=(url, member_id, product_id, stop, send))
        seller.start()
        time.sleep(3.0)  # the seller's imports and first sales
        holds.clear()
        t0 = time.perf_counter()
        classify(db, as_of)
        full = time.perf_counter() - t0
        longest_hold = max(holds)
        stop.set()
        waits = receive.recv()
        seller.join()
        results[label] = (max(waits), statistics.median(waits), len(waits), full, longest_hold)
    store.WRITE_CHUNK = chunk
    event.remove(db.engine, "begin", _began)
    event.remove(db.engine, "commit", _committed)
    for label, (longest, median, count, full, hold) in results.items():
        line(f"sale during a reclassification: {label}", f"{longest * 1000:.0f} ms",
             f"median {median * 1000:.0f} ms of {count}", f"run {full:.1f} s; goal < 100 ms")
        line("  longest write transaction of that run", f"{hold * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing SQLite demo shop to reuse (default: generate one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL", help="also measure on this EMPTY PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        print(f"SQLite ({path})")
        db = open_database(path)
        try:
            ensure_demo(db)
            measure(db, args.rounds)
            sales_during_reclassification(db, str(path))
        finally:
            db.dispose()
    if args.postgres:
        print(f"\nPostgreSQL ({args.postgres.split('@')[-1]})")
        db = open_database(args.postgres)
        try:
            ensure_demo(db)
            measure(db, args.rounds)
            sales_during_reclassification(db, args.postgres)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
