"""A 500k-row sales import's write, for the SIGKILL test: one transaction through the importer's
bulk Core path (shopcrm.db.bulk, executemany on SQLite), exactly as
importing.sales_write.write_import lays the rows down: the batch row, the members it creates, the purchases,
the members' points, then their balances.

    python bulk_import_worker.py DB_PATH ROWS MEMBERS

Prints "begin", "rows DONE TOTAL" after every chunk, "commit" just before COMMIT and "committed"
after it, so the test can aim its kills at every stage of the transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys

from sqlalchemy import bindparam, update


def main(argv: list[str]) -> int:
    path, rows, members = argv[0], int(argv[1]), int(argv[2])

    from shopcrm.db import bulk
    from shopcrm.db.models import ImportBatch, Member, PointsEntry, Purchase
    from shopcrm.db.opening import open_database

    db = open_database(path, upgrade=False)
    now = dt.datetime(2025, 6, 1, 12, 0, 0)
    start = dt.datetime(2023, 1, 1, 8, 0, 0)
    total = 2 * members + rows
    written = 0

    def progress(n: int) -> None:
        print(f"rows {written + n} {total}", flush=True)

    with db.transaction() as s:
        print("begin", flush=True)
        batch = ImportBatch(kind="sales", file_name="kill-test.csv", content_hash=hashlib.sha256(b"kill").hexdigest(),
                            started_at=now, rows_read=rows, imported=rows, members_created=members, purchases=rows)
        s.add(batch)
        s.flush()
        conn = s.connection()
        member_ids = bulk.reserve_ids(conn, Member.__table__, members)
        bulk.insert_rows(
            conn, Member.__table__,
            ["id", "card_no", "name", "phone", "phone_last4", "registered_on", "consent", "points_balance", "level",
             "status", "created_at", "updated_at", "import_batch_id"],
            ((mid, f"K{i:07d}", None, f"+86139{i:08d}", f"{i % 10000:04d}", start.date(), False, 0, 0, "active", now, now,
              batch.id) for i, mid in enumerate(member_ids)),
            on_chunk=progress,
        )
        written += members
        purchase_ids = bulk.reserve_ids(conn, Purchase.__table__, rows)
        bulk.insert_rows(
            conn, Purchase.__table__,
            ["id", "member_id", "purchased_at", "total_cents", "discount_cents", "payment_method", "channel", "origin",
             "import_batch_id", "external_ref"],
            ((pid, member_ids[i % members], start + dt.timedelta(minutes=i), 500 + i % 7000, 0, None, "store", "import",
              batch.id, f"kill-{i}") for i, pid in enumerate(purchase_ids)),
            on_chunk=progress,
        )
        written += rows
        balances = [0] * members
        for i in range(rows):
            balances[i % members] += (500 + i % 7000) // 100
        # One opening-balance ledger row per member (the per-purchase rows would double the run time
        # without adding anything the kill could catch differently).
        bulk.insert_rows(
            conn, PointsEntry.__table__,
            ["member_id", "at", "kind", "points", "purchase_id", "import_batch_id", "note"],
            ((mid, now, "adjust", balances[i], None, batch.id, "imported balance") for i, mid in enumerate(member_ids)),
            on_chunk=progress,
        )
        conn.execute(
            update(Member.__table__).where(Member.__table__.c.id == bindparam("mid")).values(points_balance=bindparam("bal")),
            [{"mid": mid, "bal": balances[i]} for i, mid in enumerate(member_ids)],
        )
        print("commit", flush=True)
    print("committed", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
