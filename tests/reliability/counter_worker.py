"""One counter for the concurrency test: rings up purchases and redeems points for the same few
members as the other counter, at the same time, through the ordinary services.

    python counter_worker.py URL WORKER_NO OPERATIONS SEED GO_FILE MEMBER_ID [MEMBER_ID ...]

Touches ready-WORKER_NO beside GO_FILE and waits until GO_FILE exists (so both counters start together), then prints one JSON line per
operation: what it asked for and what the service answered.  Every sale carries a reference made
by the counter; some sales are sent twice (a retry after a lost answer) and some references are
shared by both counters (the same sale sent from two places), so duplicates would show.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    url, worker, operations, seed, go_file = argv[0], int(argv[1]), int(argv[2]), int(argv[3]), Path(argv[4])
    members = [int(m) for m in argv[5:]]

    from shopcrm.db.opening import open_database
    from shopcrm.errors import ConflictError
    from shopcrm.services.members.points import redeem_points
    from shopcrm.services.sales.purchases import PurchaseInput, record_purchase

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
        member: int | None = members[rng.randrange(len(members))]
        if rng.random() < 0.55:
            if op % 10 == 0:
                # The same sale from both counters: same reference, member and amount.
                # Every other one a walk-in sale: no member row to lock, the unique reference decides.
                ref, member, cents = f"shared-{op}", None if op % 20 == 0 else members[op % len(members)], 1000 + op
            else:
                ref, cents = f"w{worker}-{op}", rng.randrange(100, 5_000)
            attempts = 2 if op % 7 == 0 else 1  # a retry after the answer was lost
            for attempt in range(attempts):
                result = record_purchase(db, PurchaseInput(member_id=member, total_cents=cents, external_ref=ref))
                out.write(json.dumps({"op": op, "kind": "purchase", "attempt": attempt, "ref": ref, "member": member,
                                      "cents": cents, "purchase": result.purchase_id, "earned": result.points_earned,
                                      "balance": result.points_balance}) + "\n")
        else:
            points = rng.randrange(1, 80)  # more than is earned on average: balances hover near zero
            try:
                balance = redeem_points(db, member, points)
                out.write(json.dumps({"op": op, "kind": "redeem", "member": member, "points": points, "ok": True,
                                      "balance": balance}) + "\n")
            except ConflictError:
                out.write(json.dumps({"op": op, "kind": "redeem", "member": member, "points": points, "ok": False}) + "\n")
    # CLOCK_MONOTONIC is system-wide on Linux: the test checks that the two counters overlapped.
    out.write(json.dumps({"kind": "done", "started": started, "finished": time.monotonic()}) + "\n")
    out.flush()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
