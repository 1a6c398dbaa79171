"""GUI benchmarks of the first half of the window: each figure beside a reference from the same run.

    python tests/benchmarks/bench_members_table.py [--members 100000] [--keep DIR] [--shop FILE]

(--shop: an existing classified shop, e.g. one made by `SHOPCRM_DATA_DIR=/tmp/x python -m shopcrm demo
--members 1000000 --months 3` then `... classify`; it is opened, never changed.)

1. Time to the first window: a fresh process that opens the shop and shows the main window (the
   Counter screen), beside a fresh process that only imports Qt and shows an empty widget.
   Goal: <= 0.5 s.
2. Members screen with 100,000 members (classified, so the classes join in): time from creating the
   screen until its rows are on screen, then re-sorting by name and by spend (SQL ORDER BY on the
   reader thread), beside a bare sqlite3 `SELECT id ... ORDER BY` of the same file.
   Goals: open <= 200 ms, sort <= 300 ms.
3. The longest stall of the GUI thread while that screen opens, sorts and filters (gaps between
   10 ms timer ticks).  Goal: < 100 ms.
4. The list's windows through the service (services.members.window), for every column in both
   directions: count + first window (what opening or sorting reads), the next window (scrolling)
   and a jump to the middle (dragging the scroll bar), the slowest of each beside the bare count
   of the list and a bare SELECT of all its ids.  Goal: each <= 200 ms.
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)

ROOT = bench_checkout.ROOT
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST_WINDOW = """
import time, sys
t0 = time.perf_counter()
from shopcrm.gui.launch import ensure_application
from shopcrm.gui.context import AppContext
from shopcrm.gui.main_window import MainWindow
from shopcrm.gui import registry
from shopcrm.services.shop.database import open_shop_database
registry.SCREENS = [s for s in registry.SCREENS if s.key in ("counter", "members", "settings")]
app = ensure_application()
ctx = AppContext(open_shop_database(sys.argv[1]))
w = MainWindow(ctx)
w.show()
app.processEvents()
print(time.perf_counter() - t0)
ctx.shutdown()
"""
BARE_WINDOW = """
import time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def line(label: str, value: str, reference: str = "", ratio: str = "") -> None:
    print(f"  {label:<52} {value:>12}  {reference:>26}  {ratio}")
    sys.stdout.flush()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def make_shop(path: Path, members: int) -> None:
    from shopcrm.demo.shop import generate_demo
    from shopcrm.services.classification.run import classify
    from shopcrm.services.shop.database import open_shop_database

    db = open_shop_database(path)
    t0 = time.perf_counter()
    generate_demo(db, members=members, months=3, seed=7)
    t1 = time.perf_counter()
    classify(db)
    print(f"  (shop of {members:,} members made in {t1 - t0:.1f} s, classified in {time.perf_counter() - t1:.1f} s)")
    db.dispose()


def best_of(runs: int, script: str, *args: str) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def bare_ids(path: Path, order: str) -> float:
    conn = sqlite3.connect(str(path))
    t0 = time.perf_counter()
    conn.execute(f"SELECT id FROM members WHERE status = 'active' ORDER BY {order}").fetchall()
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def members_screen(path: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from shopcrm.gui.context import AppContext
    from shopcrm.gui.launch import ensure_application
    from shopcrm.gui.members.view import MembersView
    from shopcrm.services.members.table import COLUMN_KEYS
    from shopcrm.services.shop.database import open_shop_database

    app = ensure_application()
    ctx = AppContext(open_shop_database(path))
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    def wait_loaded(view: MembersView, t0: float) -> float:
        while view.model.loading:
            loop = QEventLoop()
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        view.table.viewport().repaint()  # the first page of rows read and painted
        return time.perf_counter() - t0

    t0 = time.perf_counter()
    view = MembersView(ctx)
    view.resize(1280, 760)
    view.show()
    opened = wait_loaded(view, t0)
    rows = view.model.rowCount()
    line(f"open the Members screen ({rows:,} members)", ms(opened), f"bare ids by card: {ms(bare_ids(path, 'card_no'))}",
         "goal <= 200 ms")
    for key, order in (("name", "name"), ("spend_cents", "id")):
        t0 = time.perf_counter()
        view.table.sortByColumn(COLUMN_KEYS.index(key), Qt.SortOrder.DescendingOrder)
        sorted_in = wait_loaded(view, t0)
        line(f"sort by {key} (descending)", ms(sorted_in), f"bare ids by {order}: {ms(bare_ids(path, order))}",
             "goal <= 300 ms")
    bar = view.table.verticalScrollBar()
    t0 = time.perf_counter()
    bar.setValue(bar.maximum() // 2)  # drag the scroll bar to the middle
    app.processEvents()
    view.table.viewport().repaint()
    while view.model.fetching:
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()
    view.table.viewport().repaint()
    line("jump to the middle (scroll bar), rows painted", ms(time.perf_counter() - t0), "", "goal <= 200 ms")
    t0 = time.perf_counter()
    view.search.setText("王")
    view.apply_filter()
    filtered = wait_loaded(view, t0)
    line(f"search a name ({view.model.rowCount():,} found)", ms(filtered))
    timer.stop()
    stall = max(gaps[1:]) if len(gaps) > 1 else 0
    line("longest GUI-thread stall during all of the above", f"{stall} ms", "timer interval: 10 ms", "goal < 100 ms")
    ctx.shutdown()
    del app


def windows(path: Path, rounds: int = 3) -> None:
    """Section 4: every column's windows through the service, best of `rounds` each."""
    from shopcrm.db.opening import open_database
    from shopcrm.services.members.table import COLUMN_KEYS, MemberFilter
    from shopcrm.services.members.window import list_head, member_window

    db = open_database(path)
    flt = MemberFilter()

    def best(fn: Callable[[], Any]) -> tuple[float, Any]:
        times, out = [], None
        for _ in range(rounds):
            t0 = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t0)
        return min(times), out

    conn = sqlite3.connect(str(path))
    bare_count = min(_timed(lambda: conn.execute("SELECT count(*) FROM members WHERE status = 'active'").fetchall())
                     for _ in range(rounds))
    bare_all = min(_timed(lambda: conn.execute("SELECT id FROM members WHERE status = 'active'").fetchall())
                   for _ in range(rounds))
    conn.close()
    worst: dict[str, tuple[float, str]] = {}
    print(f"  {'column':<16} {'open/sort':>10} {'next':>8} {'middle':>8}   (ascending | descending)")
    for key in COLUMN_KEYS:
        cells = []
        for desc in (False, True):
            t_head, head = best(lambda k=key, d=desc: list_head(db, flt, sort_key=k, descending=d, limit=200))
            snap = head.snapshot.id if head.snapshot else None
            t_next, _ = best(lambda k=key, d=desc, h=head, sn=snap: member_window(
                db, flt, sn, sort_key=k, descending=d, limit=200, after=h.first[-1].key))
            t_mid, _ = best(lambda k=key, d=desc, h=head, sn=snap: member_window(
                db, flt, sn, sort_key=k, descending=d, limit=200, offset=h.count // 2))
            for name, value in (("open/sort", t_head), ("next", t_next), ("middle", t_mid)):
                if value > worst.get(name, (0.0, ""))[0]:
                    worst[name] = (value, f"{key}{' desc' if desc else ''}")
            cells.append(f"{ms(t_head):>10} {ms(t_next):>8} {ms(t_mid):>8}")
        print(f"  {key:<16} {cells[0]}   | {cells[1]}")
    reference = f"count {ms(bare_count)}, all ids {ms(bare_all)}"
    for name, (value, where) in worst.items():
        line(f"slowest window: {name} ({where})", ms(value), reference, "goal <= 200 ms")
    db.dispose()


def _timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the benchmark shop in")
    parser.add_argument("--shop", type=Path, help="an existing classified shop to measure (not changed)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["window", "screen", "windows"])
    args = parser.parse_args()
    print(f"(load average before: {os.getloadavg()[0]:.2f})")
    with tempfile.TemporaryDirectory(prefix="shopcrm-bench-gui-") as tmp:
        os.environ["SHOPCRM_DATA_DIR"] = tmp
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        shop = args.shop or folder / f"bench-members-{args.members}.db"
        if not shop.exists():
            make_shop(shop, args.members)
        print("ShopCRM GUI benchmark (members table, first window)")
        if "window" not in args.skip:
            first = best_of(3, FIRST_WINDOW, str(shop))
            bare = best_of(3, BARE_WINDOW)
            line("first window (open shop, main window on Counter)", ms(first), f"bare Qt widget: {ms(bare)}",
                 f"x{first / bare:.1f}, goal <= 500 ms")
        if "windows" not in args.skip:
            windows(shop)
        if "screen" not in args.skip:
            members_screen(shop)
    print(f"(load average after: {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
