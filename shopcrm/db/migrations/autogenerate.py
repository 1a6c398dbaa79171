"""Developer tool: write a new migration from the difference between the models and head.

    python -m shopcrm.db.migrations.autogenerate "add campaign notes"

Builds a scratch SQLite database at head, compares it with the models and writes the revision
into versions/.  Review the generated file before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from shopcrm.db.engine import Database, make_engine
from shopcrm.db.migrate import alembic_config, upgrade


def main(argv: list[str]) -> int:
    message = argv[0] if argv else "schema change"
    rev_id = argv[1] if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.db'}"
        db = Database(url=url, engine=make_engine(url))
        upgrade(db)
        cfg = alembic_config(db)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
