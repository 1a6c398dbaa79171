"""A counter that rings up full sales until it is killed: products, a coupon, points as money off
and stored value, each sale one transaction.  Prints "sale N" after each commit.

    python sale_worker.py DB_PATH SEED MEMBER_ID [MEMBER_ID ...]
"""

from __future__ import annotations

import random
import sys


def main(argv: list[str]) -> int:
    path, seed, members = argv[0], int(argv[1]), [int(m) for m in argv[2:]]

    from sqlalchemy import select

    from shopcrm.db.models import Coupon, Product
    from shopcrm.db.opening import open_database
    from shopcrm.errors import ConflictError
    from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase
    from shopcrm.services.sales.stored_value import topup

    db = open_database(path, upgrade=False)
    rng = random.Random(seed)
    with db.read() as s:
        products = list(s.scalars(select(Product.id)))
        free = {m: [c for c, in s.execute(select(Coupon.code).where(Coupon.member_id == m, Coupon.redeemed_at.is_(None)))] for m in members}
    print("ready", flush=True)
    n = 0
    while True:
        member = rng.choice(members)
        if rng.random() < 0.2:
            topup(db, member, rng.choice([2_000, 20_000]), "cash")
            continue
        code = free[member].pop() if free[member] and rng.random() < 0.3 else None
        lines = [LineInput(rng.choice(products), rng.randint(1, 3)) for _ in range(rng.randint(1, 4))]
        try:
            record_purchase(db, PurchaseInput(
                member_id=member, lines=lines, coupon_code=code, redeem_points=rng.choice([0, 100]),
                payment_method="cash", stored_value_cents=rng.choice([None, 500]),
            ))
        except ConflictError:
            continue
        n += 1
        print(f"sale {n}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
