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
Then counter sales during a reclassification: another process records a sale every 20 ms (to 1,000
members in turn) while a full run goes on; the longest wait of a sale (its whole time: waiting for
the write lock, its own work, its commit) is printed for three ways of writing the snapshot, each
--sale-runs times, in the same run: one transaction (before issue 15); 2,000-row chunks with 30 ms
pauses and SQLite's own busy handler in the sale (before issue 16; the deletes are today's); now
(chunks sized by time, 2 ms pauses, the sale polling for the write lock every millisecond).
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
from shopcrm.services.classification import store
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
    deleting = [0.0]  # of the write: deleting the snapshot replaced (and any left over)
    real_delete = store.delete_snapshots

    def timed_delete(*args: Any, **kwargs: Any) -> None:
        t0 = time.perf_counter()
        real_delete(*args, **kwargs)
        deleting[0] += time.perf_counter() - t0

    store.delete_snapshots = timed_delete  # type: ignore[assignment]
    for i in range(rounds):
        before, before_cpu = bare_group_by(db)
        deleting[0] = 0.0
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
    store.delete_snapshots = real_delete  # type: ignore[assignment]
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
        line(f"  {stage}", f"{seconds:.3f} s", "", f"{seconds / ref:.2f}x" + ("   goal <= 1.5x" if stage == "write" else ""))
        if stage == "write":
            line("    of which deleting the replaced snapshot", f"{deleting[0]:.3f} s", "", f"{deleting[0] / ref:.2f}x")
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


def _seller(url: str, member_ids: list[int], product_id: int, poll: bool, stop: Any, out: Any) -> None:
    """Another process: a counter sale every 20 ms, to each of `member_ids` in turn (a sale replays
    the member's points history, so one member's growing history would slow every next sale down),
    until told to stop; sends (start, seconds) of each
    sale (perf_counter is the system's monotonic clock, the same in both processes).
    poll=False: the sale waits for the write lock with SQLite's own busy handler, as before issue 16."""
    from shopcrm.db import engine
    from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase

    if not poll:
        def sqlite_busy_handler(raw: Any, timeout: float) -> bool:
            raw.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            raw.execute("BEGIN IMMEDIATE")
            return True

        engine._poll_for_write_lock = sqlite_busy_handler  # noqa: SLF001
    db = open_database(url)
    stamps: dict[str, float] = {}

    @event.listens_for(db.engine, "begin")
    def _locked(_conn: Any) -> None:  # after the engine's own listener: the write lock is taken
        stamps["locked"] = time.perf_counter()

    @event.listens_for(db.engine, "commit")
    def _committing(_conn: Any) -> None:
        stamps["commit"] = time.perf_counter()

    waits: list[tuple[float, float, float, float]] = []
    try:
        while not stop.is_set():
            member_id = member_ids[len(waits) % len(member_ids)]
            t0 = time.perf_counter()
            record_purchase(db, PurchaseInput(member_id=member_id, lines=[LineInput(product_id=product_id, quantity=1)]))
            t1 = time.perf_counter()
            waits.append((t0, t1 - t0, stamps["locked"] - t0, t1 - stamps["commit"]))
            time.sleep(0.02)
    finally:
        db.dispose()
        out.send(waits)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def sales_during_reclassification(db: Database, url: str, repeats: int) -> None:
    """The longest wait of a counter sale in another process while a full reclassification runs
    (the sale's whole time, its own work included; beside it, a sale alone before the run):
    with the snapshot written in one transaction (before issue 15), in fixed 2,000-row chunks with
    30 ms pauses and SQLite's own busy handler in the sale (before issue 16), and now (chunks sized
    by time, 2 ms pauses, the sale polling for the lock every millisecond); each `repeats` times."""
    import multiprocessing as mp

    from shopcrm.db.models import Member, Product

    as_of = last_purchase_day(db)
    with db.read() as s:
        # members with an ordinary history (not the first ones, which earlier benchmark sales went to)
        member_ids = [int(i) for i in s.scalars(select(Member.id).where(Member.status == "active")
                                                 .order_by(Member.id).offset(5_000).limit(1_000))]
        product_id = int(s.scalar(select(func.min(Product.id)).where(Product.active.is_(True))) or 0)
    ctx = mp.get_context("spawn")
    holds: list[float] = []  # each write transaction of the run, BEGIN to COMMIT: what a sale can wait for

    @event.listens_for(db.engine, "begin")
    def _began(conn: Any) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    @event.listens_for(db.engine, "commit")
    def _committed(conn: Any) -> None:
        t0 = conn.info.pop("bench_t0", None)
        if t0 is not None:
            holds.append(time.perf_counter() - t0)

    saved = store.WRITE_CHUNK, store.CHUNK_PAUSE
    ways = (("one transaction (before issue 15)", 10**9, 0.0, True),
            ("2,000-row chunks, 30 ms pauses (before)", 2_000, 0.03, False),
            ("chunks by time, sale polls (now)", None, saved[1], True))
    results: dict[str, list[tuple[list[tuple[float, float, float, float]], float, float, int, float]]] = {
        label: [] for label, *_ in ways}
    for _ in range(repeats):
        for label, size, pause, poll in ways:
            store.WRITE_CHUNK, store.CHUNK_PAUSE = size, pause
            stop, (receive, send) = ctx.Event(), ctx.Pipe(duplex=False)
            seller = ctx.Process(target=_seller, args=(url, member_ids, product_id, poll, stop, send))
            seller.start()
            time.sleep(4.0)  # the seller's imports and first sales
            holds.clear()
            t0 = time.perf_counter()
            classify(db, as_of)
            t1 = time.perf_counter()
            time.sleep(0.5)
            stop.set()
            sales = receive.recv()
            seller.join()
            during = [sale for sale in sales if sale[0] + sale[1] > t0 and sale[0] < t1]
            alone = [sale[1] for sale in sales if sale[0] + sale[1] < t0] or [float("nan")]
            results[label].append((during, t1 - t0, max(holds), len(holds), statistics.median(alone)))
    store.WRITE_CHUNK, store.CHUNK_PAUSE = saved
    event.remove(db.engine, "begin", _began)
    event.remove(db.engine, "commit", _committed)
    for label, runs in results.items():
        waits = [sale[1] for run in runs for sale in run[0]]
        slowest = [max(run[0], key=lambda sale: sale[1]) for run in runs]
        longest = [sale[1] for sale in slowest]
        line(f"sale during a reclassification: {label}",
             f"{max(longest) * 1000:.0f} ms", f"p99 {_percentile(waits, 0.99) * 1000:.0f}, median "
             f"{statistics.median(waits) * 1000:.0f} ms of {len(waits)}", "goal < 100 ms")
        line("  a sale alone, before the run (median ms)", " ".join(f"{r[4] * 1000:.0f}" for r in runs))
        line("  longest of each run (ms): waiting for the lock + commit", " ".join(f"{x * 1000:.0f}" for x in longest),
             " ".join(f"{s[2] * 1000:.0f}+{s[3] * 1000:.0f}" for s in slowest))
        line("  run (s); longest write transaction (ms); transactions",
             " ".join(f"{r[1]:.1f}" for r in runs), " ".join(f"{r[2] * 1000:.0f}" for r in runs),
             " ".join(str(r[3]) for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing SQLite demo shop to reuse (default: generate one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL", help="also measure on this EMPTY PostgreSQL database")
    parser.add_argument("--sale-runs", type=int, default=3, help="reclassifications with a sale going on, per way")
    parser.add_argument("--skip-sales", action="store_true", help="only the reclassification's own figures")
    parser.add_argument("--sales-only", action="store_true", help="only the sales during a reclassification")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        print(f"SQLite ({path})")
        db = open_database(path)
        try:
            ensure_demo(db)
            if not args.sales_only:
                measure(db, args.rounds)
            if not args.skip_sales:
                sales_during_reclassification(db, str(path), args.sale_runs)
        finally:
            db.dispose()
    if args.postgres:
        print(f"\nPostgreSQL ({args.postgres.split('@')[-1]})")
        db = open_database(args.postgres)
        try:
            ensure_demo(db)
            if not args.sales_only:
                measure(db, args.rounds)
            if not args.skip_sales:
                sales_during_reclassification(db, args.postgres, args.sale_runs)
        finally:
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
