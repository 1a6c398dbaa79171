"""One counter for the money concurrency test: sales paid from stored value (all or part), top-ups,
points redeemed on sales and coupons, for the same few members as the other counter, at once.

    python money_worker.py URL WORKER_NO OPERATIONS SEED GO_FILE CODES_FILE MEMBER_ID [MEMBER_ID ...]

CODES_FILE holds one line per member: "member_id code code ...", the coupons both counters try to
use (each may be used once).  Prints one JSON line per operation: what it asked for and the answer.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    url, worker, operations, seed, go_file, codes_file = (
        argv[0], int(argv[1]), int(argv[2]), int(argv[3]), Path(argv[4]), Path(argv[5])
    )
    members = [int(m) for m in argv[6:]]
    codes: dict[int, list[str]] = {}
    for line in codes_file.read_text().splitlines():
        head, *rest = line.split()
        codes[int(head)] = rest

    from shopcrm.db.opening import open_database
    from shopcrm.errors import ConflictError
    from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
    from shopcrm.services.sales.stored_value import topup

    db = open_database(url, upgrade=False)
    rng = random.Random(seed)
    go_file.with_name(f"ready-{worker}").touch()
    deadline = time.monotonic() + 60
    while not go_file.exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.005)
    out = sys.stdout
    started = time.monotonic()
    for op in range(operations):
        member = members[rng.randrange(len(members))]
        roll = rng.random()
        entry: dict[str, object] = {"op": op, "member": member}
        if roll < 0.25:
            cents = rng.choice([1_000, 3_000, 10_000])  # balances hover near what the sales take
            ref = f"t{worker}-{op}"
            attempts = 2 if op % 9 == 0 else 1
            for _ in range(attempts):
                r = topup(db, member, cents, "cash", external_ref=ref)
            entry |= {"kind": "topup", "ref": ref, "paid": r.paid_cents, "bonus": r.bonus_cents, "entry": r.entry_id}
        else:
            cents = rng.randrange(1_000, 12_000)
            pay_all = rng.random() < 0.5
            points = rng.choice([0, 0, 100, 300])
            code = None
            if rng.random() < 0.2 and codes[member]:
                code = codes[member][rng.randrange(len(codes[member]))]
            ref = f"s{worker}-{op}"
            data = PurchaseInput(
                member_id=member, total_cents=cents, payment_method="stored_value" if pay_all else "cash",
                stored_value_cents=None if pay_all else cents // 3, redeem_points=points, coupon_code=code, external_ref=ref,
            )
            try:
                attempts = 2 if op % 11 == 0 else 1
                for _ in range(attempts):
                    r = record_purchase(db, data)
                entry |= {"kind": "sale", "ok": True, "ref": ref, "purchase": r.purchase_id, "sv": r.stored_value_cents,
                          "earned": r.points_earned, "redeemed": r.points_redeemed, "code": code,
                          "coupon_off": r.coupon_discount_cents}
            except ConflictError as exc:
                entry |= {"kind": "sale", "ok": False, "ref": ref, "code": code, "why": exc.message()}
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    out.write(json.dumps({"kind": "done", "started": started, "finished": time.monotonic()}) + "\n")
    out.flush()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
