"""A real sales import (shopcrm.services.importing.run.import_file, what `shopcrm import sales` runs),
for the SIGKILL test.

    python import_worker.py DB_PATH FILE

Prints each progress event as "PHASE DONE TOTAL" the moment it happens, and "committed" when the
import returned (its transaction is committed by then).
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from shopcrm.db.opening import open_database
    from shopcrm.services.importing.options import ImportOptions
    from shopcrm.services.importing.run import import_file

    db = open_database(argv[0], upgrade=False)

    def progress(done: float, total: float, phase: str) -> None:
        print(f"{phase} {int(done)} {int(total) if total else -1}", flush=True)

    result = import_file(db, argv[1], "sales", ImportOptions(progress=progress))
    print(f"committed {result.imported} {result.members_created}", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
