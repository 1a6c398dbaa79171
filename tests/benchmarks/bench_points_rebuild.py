"""Points full rebuild benchmark: every member's points and level again (Settings change of the earn
rate, expiry or level thresholds) on the 50,000-member demo shop (`demo --large`, about 800,000
member sales), beside a reference measured in the same run: a bare sqlite3 read of the four tables
the rebuild reads (purchases, points_ledger, points_draws, members), the floor of any rebuild that
reads the facts once.  Also the slow twin (members looked up 500 at a time through their indexes,
the path a sale or an import takes) for the comparison with the way the full rebuild used to run.

    .venv/bin/python tests/benchmarks/bench_points_rebuild.py [--keep DIR] [--repeat N] [--no-slow]

Each timed run is rolled back, so every run starts from the same data.  Not a pytest test: speed
is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's shopcrm, not an installed one

from large_shop import open_large_demo  # noqa: E402
from sqlalchemy import select  # noqa: E402

from shopcrm.db.engine import Database  # noqa: E402
from shopcrm.db.models import Member  # noqa: E402
from shopcrm.services.members.points import rebuild_every_member, rebuild_points  # noqa: E402
from shopcrm.services.shop.clock import now  # noqa: E402
from shopcrm.services.shop.settings import load_settings  # noqa: E402

READS = (
    "SELECT id, member_id, purchased_at, total_cents, voided_at, points_earned, import_batch_id, external_ref "
    "FROM purchases WHERE member_id IS NOT NULL",
    "SELECT id, member_id, at, kind, points, purchase_id, import_batch_id FROM points_ledger",
    "SELECT id, debit_id, lot_id, points FROM points_draws",
    "SELECT id, points_balance, level, level_floor FROM members",
)


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def rolled_back(db: Database, body: Callable[..., object]) -> Callable[[], object]:
    def run() -> object:
        with db.engine.connect() as conn, conn.begin() as tx:
            result = body(conn)
            tx.rollback()
            return result

    return run


def bare_reads(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        for sql in READS:
            conn.execute(sql).fetchall()
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="keep the demo shop in this folder (reused when present)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-slow", action="store_true", help="skip the slow twin (about twice as long)")
    args = parser.parse_args()
    os.environ.setdefault("SHOPCRM_DATA_DIR", tempfile.mkdtemp(prefix="bench-points-data-"))
    db, path = open_large_demo(args.keep, prefix="bench-points-")
    settings, moment = load_settings(db), now()
    with db.read() as s:
        members = list(s.scalars(select(Member.id).where(Member.status != "erased")))
    rolled_back(db, lambda c: rebuild_every_member(c, settings, moment))()  # warm the page cache
    bare = timed(lambda: bare_reads(path), args.repeat)
    fast = timed(rolled_back(db, lambda c: rebuild_every_member(c, settings, moment)), args.repeat)
    print(f"{len(members):,} members; median of {args.repeat} runs, wall (CPU of this process)")
    print(f"full rebuild, one read per table:     {fast[0]:6.2f} s ({fast[1]:.2f} s CPU)")
    print(f"reference, bare sqlite3 reads of the same four tables: {bare[0]:.2f} s ({bare[1]:.2f} s CPU)")
    print(f"ratio to the reference: {fast[0] / bare[0]:.1f}x wall, {fast[1] / bare[1]:.1f}x CPU")
    if not args.no_slow:
        slow = timed(rolled_back(db, lambda c: rebuild_points(c, members, settings, moment)), 1)
        print(f"slow twin, 500 members per index lookup (how the full rebuild ran before): {slow[0]:.2f} s "
              f"({slow[1]:.2f} s CPU); {slow[0] / fast[0]:.1f}x the full rebuild")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
