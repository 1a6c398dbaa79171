"""Cards kept current between full runs: how long one card takes, and how far the cards drift.

    .venv/bin/python tests/benchmarks/bench_classes_current.py [--members N] [--sales N] [--postgres URL]

A demo shop (history ending a few hours ago) is classified; then N random counter sales go through
services.sales.purchases.record_purchase, each followed by incremental.update_cards.  Printed:
  - the time of one card update (median, 95th percentile);
  - agreement with a full run that uses the SAME stored cut-offs, for every member touched (classes
    and reasons; must be exact);
  - the drift from a FRESH full run (cut-offs recomputed from everyone): per classification, the
    share of touched and of untouched members whose class differs.
Not a pytest test: numbers, not assertions (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
from sqlalchemy import select

from shopcrm.codes import CLASS_COLUMNS
from shopcrm.db.engine import Database
from shopcrm.db.models import Member, SnapshotMember
from shopcrm.db.opening import open_database
from shopcrm.demo.shop import generate_demo
from shopcrm.engine.classify import CLASSIFICATIONS
from shopcrm.engine.classify import run as run_engine
from shopcrm.engine.cutoffs import CutOffs
from shopcrm.services.classification import incremental
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.classification.run import classify, read_inputs
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.shop.settings import load_settings

REASONS = (*CLASSIFICATIONS, "favourite_category", "clv")


def classes_of(db: Database) -> dict[int, dict[str, object]]:
    with db.read() as s:
        snap = latest_snapshot_in(s)
        assert snap is not None
        cols = [getattr(SnapshotMember, c) for c in CLASS_COLUMNS.values()]
        rows = s.execute(select(SnapshotMember.member_id, *cols).where(SnapshotMember.snapshot_id == snap.id)).all()
    return {int(r[0]): dict(zip(CLASS_COLUMNS, r[1:], strict=True)) for r in rows}


def measure(db: Database, members: int, sales: int) -> None:
    t0 = time.perf_counter()
    generate_demo(db, members=members, months=12, seed=3, end=dt.datetime.now() - dt.timedelta(hours=3))
    classify(db)
    print(f"  demo shop of {members:,} members classified in {time.perf_counter() - t0:.1f} s")
    with db.read() as s:
        ids = [int(i) for i in s.scalars(select(Member.id).where(Member.status == "active")).all()]
    rng = random.Random(1)
    seconds: list[float] = []
    touched: set[int] = set()
    for _ in range(sales):
        member_id = rng.choice(ids)
        amount = rng.choice([600, 1_200, 2_500, 4_800, 9_900, 25_000])
        record_purchase(db, PurchaseInput(member_id=member_id, total_cents=amount))
        began = time.perf_counter()
        update = incremental.update_cards(db)
        seconds.append(time.perf_counter() - began)
        assert update.full_run_due is None, update
        touched.update(update.members)
    seconds.sort()
    print(f"  {sales:,} sales, {len(touched):,} members touched; one card update: median "
          f"{statistics.median(seconds) * 1000:.0f} ms, 95th percentile {seconds[int(0.95 * len(seconds))] * 1000:.0f} ms")

    settings = load_settings(db)
    with db.read() as s:
        snap = latest_snapshot_in(s)
        assert snap is not None
        cut_offs = CutOffs.from_dict(snap.params["cut_offs"])
        inputs = read_inputs(s, snap.as_of, settings)
    result = run_engine(inputs, settings.rules, cut_offs=cut_offs)
    index = {int(m): i for i, m in enumerate(inputs.members.ids.tolist())}
    columns = result.reason_columns()
    differ = 0
    for member_id in touched:
        card = member_classes(db, member_id)
        assert card is not None
        i = index[member_id]
        for name in REASONS:
            if card["reasons"][name] != columns[name].text(i):
                differ += 1
        for name in CLASSIFICATIONS:
            want = int(result.classes[name].codes[i]) if name == "level" else result.classes[name].values()[i]
            want = None if (name == "age_band" and want == "unknown") else want
            differ += card["classes"][name] != want
    print(f"  against a full run with the same stored cut-offs: {differ} differences in classes and reasons")

    kept = classes_of(db)
    classify(db)  # a fresh full run re-ranks everyone (replaces today's snapshot)
    fresh = classes_of(db)
    print("  drift from a fresh full run (share of members whose class differs):")
    print(f"    {'classification':<16}{'touched':>10}{'untouched':>12}")
    others = [m for m in fresh if m not in touched]
    for name in CLASSIFICATIONS:
        a = sum(kept[m][name] != fresh[m][name] for m in touched) / max(len(touched), 1)
        b = sum(kept[m][name] != fresh[m][name] for m in others) / max(len(others), 1)
        print(f"    {name:<16}{a:>9.1%}{b:>11.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--sales", type=int, default=1_000)
    parser.add_argument("--postgres", metavar="URL", help="measure on this EMPTY PostgreSQL database instead")
    args = parser.parse_args()
    if args.postgres:
        db = open_database(args.postgres)
        print("PostgreSQL")
    else:
        db = open_database(Path(tempfile.mkdtemp()) / "shop.db")
        print("SQLite")
    measure(db, args.members, args.sales)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
