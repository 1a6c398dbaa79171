"""Counter benchmark: a full sale at the till (products, a coupon, points as money off, part paid
from stored value) through the services, on the 50,000-member demo shop (`demo --large`), beside a
bare sqlite3 INSERT/UPDATE of the same rows in one transaction on the same file.  Twice: for
ordinary members, and for one loyal regular with a long history (--history purchases, redeeming
now and then), whose sale must cost what an ordinary one does.  Both also through the full points
replay the sale used before (the fast path switched off), for the before/after figure.

    .venv/bin/python tests/benchmarks/bench_counter.py [--keep DIR] [--sales N] [--history N]

Goal: p95 <= 30 ms and <= 10x the bare writes, whatever the member's history.  Not a pytest test:
speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)
import numpy as np
from large_shop import open_large_demo
from sqlalchemy import event, insert, select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's shopcrm, not an installed one

from shopcrm.db.models import Member, PointsEntry, Product, Purchase  # noqa: E402
from shopcrm.services.members.points import rebuild_points  # noqa: E402
from shopcrm.services.sales import purchases  # noqa: E402
from shopcrm.services.sales.coupons import define_coupon, issue_to_members  # noqa: E402
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase  # noqa: E402
from shopcrm.services.sales.stored_value import topup  # noqa: E402
from shopcrm.services.shop.settings import load_settings, update_settings  # noqa: E402


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) * 1000


def bare_sale(conn: sqlite3.Connection, member: int, products: list[tuple[int, int]], stamp: str) -> None:
    """The rows a counter sale writes, as plain statements in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("SELECT * FROM members WHERE id = ?", (member,)).fetchone()
    total = sum(p for _, p in products)
    cur = conn.execute(
        "INSERT INTO purchases (member_id, purchased_at, total_cents, discount_cents, payment_method, channel, origin, "
        "points_earned, coupon_discount_cents, points_discount_cents, stored_value_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (member, stamp, total - 300, 300, "cash", "store", "counter", total // 100, 200, 100, 500),
    )
    pid = cur.lastrowid
    conn.executemany(
        "INSERT INTO purchase_lines (purchase_id, product_id, quantity, unit_price_cents, amount_cents) VALUES (?,?,?,?,?)",
        [(pid, prod, 1, price, price) for prod, price in products],
    )
    conn.execute("UPDATE coupons SET redeemed_at = ?, purchase_id = ?, discount_cents = 200 WHERE id = (SELECT max(id) FROM coupons)", (stamp, pid))
    redeem = conn.execute("INSERT INTO points_ledger (member_id, at, kind, points, purchase_id) VALUES (?,?,?,?,?)",
                          (member, stamp, "redeem", -100, pid)).lastrowid
    earn = conn.execute("INSERT INTO points_ledger (member_id, at, kind, points, purchase_id) VALUES (?,?,?,?,?)",
                        (member, stamp, "earn", total // 100, pid)).lastrowid
    conn.execute("INSERT INTO points_draws (debit_id, lot_id, points) VALUES (?,?,?)", (redeem, earn, 100))
    conn.execute("INSERT INTO stored_value_ledger (member_id, at, kind, principal_cents, bonus_cents, purchase_id) VALUES (?,?,?,?,?,?)",
                 (member, stamp, "spend", -500, 0, pid))
    conn.execute("UPDATE members SET points_balance = points_balance + 1, stored_value_cents = stored_value_cents - 500, "
                 "updated_at = ? WHERE id = ?", (stamp, member))
    conn.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, 'stored_value', '{}')", (stamp,))
    conn.execute("COMMIT")


def give_history(db: object, member: int, count: int, end: dt.datetime) -> None:
    """`count` past purchases of one member, about three a day up to `end`, spending the points down
    every 20th visit; then the member's points replayed once, as an import would leave them."""
    rng = random.Random(2)
    step = dt.timedelta(hours=8)
    start = end - step * count
    with db.transaction() as s:  # type: ignore[attr-defined]
        conn = s.connection()
        rows = []
        for i in range(count):
            total = rng.randrange(1_500, 6_000)
            rows.append({"member_id": member, "purchased_at": start + step * i, "total_cents": total, "discount_cents": 0,
                         "channel": "store", "origin": "counter", "points_earned": total // 100})
        conn.execute(insert(Purchase.__table__), rows)
        balance, redemptions = 0, []
        for i, row in enumerate(rows):  # every 20th visit the points are spent down to about 300
            balance += row["points_earned"]
            if i % 20 == 19 and balance > 400:
                redemptions.append({"member_id": member, "at": row["purchased_at"] + dt.timedelta(minutes=1),
                                    "kind": "redeem", "points": -(balance - 300)})
                balance = 300
        conn.execute(insert(PointsEntry.__table__), redemptions)
        rebuild_points(conn, [member], load_settings(db), end)  # type: ignore[arg-type]


class Statements:
    """Counts the SQL statements a sale sends."""

    def __init__(self, db: object) -> None:
        self.count = 0
        event.listen(db.engine, "before_cursor_execute", self.seen)  # type: ignore[attr-defined]

    def seen(self, *args: object) -> None:
        self.count += 1


def sell(db: object, members: list[int], codes: dict[int, list[str]], products: list[tuple[int, int]],
         rng: random.Random, at: list[dt.datetime | None]) -> tuple[list[float], list[float]]:
    service: list[float] = []
    cpu: list[float] = []
    for m, when in zip(members, at, strict=True):
        lines = [LineInput(pid, 1) for pid, _ in rng.sample(products, 3)]
        t0, c0 = time.perf_counter(), time.process_time()
        record_purchase(db, PurchaseInput(member_id=m, lines=lines, coupon_code=codes[m].pop(), redeem_points=100,  # type: ignore[arg-type]
                                          payment_method="cash", stored_value_cents=500, purchased_at=when))
        service.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return service, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="keep the demo shop in this folder (reused when present)")
    parser.add_argument("--sales", type=int, default=300)
    parser.add_argument("--history", type=int, default=3_332, help="purchases of the loyal regular")
    parser.add_argument("--replayed", type=int, default=40, help="sales of each kind through the full replay")
    args = parser.parse_args()
    db, path = open_large_demo(args.keep, prefix="bench-counter-")
    folder = path.parent
    update_settings(db, points_redeem_points=100, points_redeem_cents=100)
    rng = random.Random(1)
    with db.read() as s:
        products = [(p.id, p.price_cents) for p in s.scalars(select(Product).where(Product.price_cents.is_not(None)))]
        members = list(s.scalars(select(Member.id).where(Member.status == "active", Member.points_balance >= 200)))
    picked = rng.sample(members, args.sales + args.replayed + 1)
    chosen, replayed, regular = picked[:args.sales], picked[args.sales:-1], picked[-1]
    n_regular = max(args.sales // 3, args.replayed)
    start = dt.datetime.now().replace(microsecond=0) - dt.timedelta(seconds=n_regular + args.replayed + 5)
    give_history(db, regular, args.history, start - dt.timedelta(hours=1))
    today = dt.date.today()
    coupon = define_coupon(db, "bench", "amount", amount_cents=200, valid_from=today, valid_to=today)
    codes: dict[int, list[str]] = {}
    for m in chosen + replayed:
        topup(db, m, 5_000)
        codes[m] = issue_to_members(db, coupon, [m])
    topup(db, regular, 500 * (n_regular + args.replayed) + 100)
    codes[regular] = [issue_to_members(db, coupon, [regular])[0] for _ in range(n_regular + args.replayed)]
    # The regular's sales one second apart (the shop's clock keeps seconds), after the history.
    regular_at: list[dt.datetime | None] = [start + dt.timedelta(seconds=i) for i in range(n_regular + args.replayed)]
    statements = Statements(db)
    service, cpu = sell(db, chosen, codes, products, rng, [None] * len(chosen))
    per_sale = statements.count / len(chosen)
    statements.count = 0
    long_service, long_cpu = sell(db, [regular] * n_regular, codes, products, rng, regular_at[:n_regular])
    long_per_sale = statements.count / n_regular
    real_fast_path = getattr(purchases, "append_sale_points", None)  # (None: a checkout from before it)
    purchases.append_sale_points = lambda *a, **k: False  # type: ignore[attr-defined]
    try:  # the same sales through the full replay, as every sale was before
        old_service, old_cpu = sell(db, replayed, codes, products, rng, [None] * len(replayed))
        old_long, old_long_cpu = sell(db, [regular] * args.replayed, codes, products, rng, regular_at[n_regular:])
    finally:
        purchases.append_sale_points = real_fast_path  # type: ignore[attr-defined]
    db.dispose()
    copy = folder / "bare.db"
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    bare: list[float] = []
    stamp = dt.datetime.now().isoformat(sep=" ")
    for m in chosen + [regular] * n_regular:
        prods = rng.sample(products, 3)
        t0 = time.perf_counter()
        bare_sale(conn, m, prods, stamp)
        bare.append(time.perf_counter() - t0)
    conn.close()
    copy.unlink()
    p95b = pct(bare, 95)

    def line(name: str, wall: list[float], proc: list[float]) -> str:
        return (f"{name:<44} p50 {pct(wall, 50):6.1f} ms  p95 {pct(wall, 95):6.1f} ms  cpu p50 {pct(proc, 50):5.1f} ms"
                f"  ratio p50 {pct(wall, 50) / pct(bare, 50):5.1f}x p95 {pct(wall, 95) / p95b:5.1f}x  ({len(wall)} sales)")

    print(f"bare sqlite3 writes of the same rows:       p50 {pct(bare, 50):6.2f} ms  p95 {p95b:6.2f} ms")
    print(line("ordinary member, fast path:", service, cpu))
    print(line(f"regular with {args.history} purchases, fast path:", long_service, long_cpu))
    print(line("ordinary member, full replay (before):", old_service, old_cpu))
    print(line(f"regular with {args.history}, full replay (before):", old_long, old_long_cpu))
    print(f"SQL statements per sale: ordinary {per_sale:.1f}, regular {long_per_sale:.1f}")
    print("goal: p95 <= 30 ms and <= 10x the bare writes, for both members")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
