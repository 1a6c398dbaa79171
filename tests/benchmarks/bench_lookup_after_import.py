"""Counter lookup by the last 4 phone digits right after a sales import into a fresh shop.

    .venv/bin/python tests/benchmarks/bench_lookup_after_import.py [--rows 100000] [--lookups 300]

The import creates the members of the file through the bulk writer.  If the planner has no
statistics for the fresh tables, SQLite may walk the low-selectivity status index instead of the
last-4 index.  Printed beside a bare sqlite3 SELECT forced onto the last-4 index on the same file.
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
import numpy as np

ROOT = bench_checkout.ROOT


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=300)
    args = parser.parse_args()
    from bench_import import sales_file

    from shopcrm.db.opening import open_database
    from shopcrm.services.importing.run import import_file
    from shopcrm.services.members.records import find_members

    path = sales_file(args.rows)
    with tempfile.TemporaryDirectory(prefix="bench-lookup-") as folder:
        os.environ["SHOPCRM_DATA_DIR"] = folder
        shop = Path(folder) / "shop.db"
        db = open_database(shop)
        t0 = time.perf_counter()
        import_file(db, path, "sales")
        imported = time.perf_counter() - t0
        conn = sqlite3.connect(shop)
        digits = [r[0] for r in conn.execute("SELECT DISTINCT phone_last4 FROM members WHERE phone_last4 IS NOT NULL")]
        stats = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]
        analysed = conn.execute("SELECT group_concat(tbl) FROM (SELECT DISTINCT tbl FROM sqlite_stat1)").fetchone()[0] \
            if stats else None
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT * FROM members WHERE status IN ('active') AND "
                            "(card_no = '1234' OR phone_last4 = '1234') LIMIT 20").fetchall()
        chosen = random.Random(1).choices(digits, k=args.lookups)
        ours = []
        for d in chosen:
            t = time.perf_counter()
            find_members(db, d)
            ours.append(time.perf_counter() - t)
        bare = []
        for d in chosen:
            t = time.perf_counter()
            conn.execute("SELECT * FROM members INDEXED BY ix_members_phone_last4_status "
                         "WHERE phone_last4 = ? AND status = 'active' LIMIT 20", (d,)).fetchall()
            bare.append(time.perf_counter() - t)
        members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
        conn.close()
        db.dispose()
    print(f"import of {args.rows:,} sales rows: {imported:.1f} s, {members:,} members; tables with statistics: "
          f"{analysed or 'none'}")
    print("plan of the counter's member lookup: " + "; ".join(str(r[-1]) for r in plan))
    print(f"  counter last-4 lookup right after the import: p50 {pct(ours, 50):.2f} ms, p95 {pct(ours, 95):.2f} ms   "
          f"bare SELECT on the last-4 index: p95 {pct(bare, 95):.2f} ms   x{pct(ours, 95) / pct(bare, 95):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
