"""The large demo shop (50,000 members) the money benchmarks run on, made once per --keep folder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)

from shopcrm.db.engine import Database  # noqa: E402
from shopcrm.db.opening import open_database  # noqa: E402
from shopcrm.demo.shop import LARGE_MEMBERS, generate_demo  # noqa: E402


def open_large_demo(keep: str | None, prefix: str) -> tuple[Database, Path]:
    """The shop in `keep` (reused when present) or in a new temporary folder, and its file."""
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "large.db"
    fresh = not path.exists()
    db = open_database(path)
    if fresh:
        t0 = time.perf_counter()
        generate_demo(db, members=LARGE_MEMBERS, seed=7)
        print(f"demo --large: {time.perf_counter() - t0:.1f} s")
    return db, path
