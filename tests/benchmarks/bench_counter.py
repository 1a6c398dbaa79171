"""Counter benchmark: a full sale at the till (products, a coupon, points as money off, part paid
from stored value) through the services, on the 50,000-member demo shop (`demo --large`), beside a
bare sqlite3 INSERT/UPDATE of the same rows in one transaction on the same file.

    .venv/bin/python tests/benchmarks/bench_counter.py [--keep DIR] [--sales N]

Goal: p95 <= 30 ms and <= 10x the bare writes.  Not a pytest test: speed is never asserted in the
test suite (the machine may be shared).
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
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's shopcrm, not an installed one

from shopcrm.db.models import Member, Product  # noqa: E402
from shopcrm.services.sales.coupons import define_coupon, issue_to_members  # noqa: E402
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase  # noqa: E402
from shopcrm.services.sales.stored_value import topup  # noqa: E402
from shopcrm.services.shop.settings import update_settings  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", help="keep the demo shop in this folder (reused when present)")
    parser.add_argument("--sales", type=int, default=300)
    args = parser.parse_args()
    db, path = open_large_demo(args.keep, prefix="bench-counter-")
    folder = path.parent
    update_settings(db, points_redeem_points=100, points_redeem_cents=100)
    rng = random.Random(1)
    with db.read() as s:
        products = [(p.id, p.price_cents) for p in s.scalars(select(Product).where(Product.price_cents.is_not(None)))]
        members = list(s.scalars(select(Member.id).where(Member.status == "active", Member.points_balance >= 200)))
    chosen = rng.sample(members, args.sales)
    today = dt.date.today()
    coupon = define_coupon(db, "bench", "amount", amount_cents=200, valid_from=today, valid_to=today)
    codes = {}
    for m in chosen:
        topup(db, m, 5_000)
        codes[m] = issue_to_members(db, coupon, [m])[0]
    service: list[float] = []
    cpu: list[float] = []
    for m in chosen:
        lines = [LineInput(pid, 1) for pid, _ in rng.sample(products, 3)]
        t0, c0 = time.perf_counter(), time.process_time()
        record_purchase(db, PurchaseInput(member_id=m, lines=lines, coupon_code=codes[m], redeem_points=100,
                                          payment_method="cash", stored_value_cents=500))
        service.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    db.dispose()
    copy = folder / "bare.db"
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    bare: list[float] = []
    stamp = dt.datetime.now().isoformat(sep=" ")
    for m in chosen:
        prods = rng.sample(products, 3)
        t0 = time.perf_counter()
        bare_sale(conn, m, prods, stamp)
        bare.append(time.perf_counter() - t0)
    conn.close()
    p95s, p95b = pct(service, 95), pct(bare, 95)
    print(f"counter sale through the services: p50 {pct(service, 50):.1f} ms, p95 {p95s:.1f} ms ({len(service)} sales)")
    print(f"  of which this process's CPU: p50 {pct(cpu, 50):.1f} ms, p95 {pct(cpu, 95):.1f} ms (less sensitive to a busy machine)")
    print(f"bare sqlite3 writes of the same rows: p50 {pct(bare, 50):.2f} ms, p95 {p95b:.2f} ms")
    print(f"ratio p95: {p95s / p95b:.1f}x   goal: p95 <= 30 ms and <= 10x")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
