"""One counter registering new members while another does the same (concurrency test).

    python register_worker.py URL WORKER_NO COUNT GO_FILE

Registers COUNT members with phones of its own and, every fifth one, a phone the other counter
registers too.  Prints one JSON line per attempt: the phone and the card number, or the refusal.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    url, worker, count, go_file = argv[0], int(argv[1]), int(argv[2]), Path(argv[3])

    from shopcrm.db.opening import open_database
    from shopcrm.errors import ConflictError
    from shopcrm.services.members.records import MemberInput, register_member

    db = open_database(url, upgrade=False)
    go_file.with_name(f"ready-{worker}").touch()
    deadline = time.monotonic() + 60
    while not go_file.exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.005)
    for i in range(count):
        phone = f"1370{i:07d}" if i % 5 == 0 else f"139{worker}{i:07d}"
        try:
            view = register_member(db, MemberInput(phone=phone, name=f"新会员{worker}-{i}"))
            print(json.dumps({"phone": phone, "card": view.card_no}), flush=True)
        except ConflictError:
            print(json.dumps({"phone": phone, "refused": True}), flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
