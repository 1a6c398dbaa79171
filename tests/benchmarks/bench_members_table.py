"""GUI benchmarks of the first half of the window: each figure beside a reference from the same run.

    python tests/benchmarks/bench_members_table.py [--members 100000] [--keep DIR] [--shop FILE]
        [--skip window windows screen] [--columns KEY ...] [--stalls]

(--shop: an existing classified shop, e.g. one made by `SHOPCRM_DATA_DIR=/tmp/x python -m shopcrm demo
--members 1000000 --months 3` then `... classify`.  It is opened as the program opens it, so an older
schema is upgraded first (after a backup); use a copy of a shared file.)

1. Time to the first window: a fresh process that opens the shop and shows the main window (the
   Counter screen), beside a fresh process that only imports Qt and shows an empty widget.
   Goal: <= 0.5 s.
2. The list's windows through the service (services.members.window), for every column in both
   directions: count + first window (what opening or sorting reads), the next window (scrolling)
   and a jump to the middle (dragging the scroll bar), the slowest of each beside the bare count
   of the list and a bare SELECT of all its ids.  Goal: each <= 200 ms.
3. The Members screen itself, step by step, each timed until its rows are painted (wall clock and
   the process's CPU time, since the machine is shared) with the longest gap of a 10 ms heartbeat
   timer during the step (the GUI thread's longest stall): opening (and the filter bar's counts,
   read in the background after), then for every column (--columns: only these) a sort each way,
   a jump to the middle and to the end with the scroll bar and a page up; then searches (a name,
   two characters, phone digits, last four digits, a card no., a tag) and filters (a tier, a class
   with consent, archived, all).  References (bare sqlite3 id lists) are measured before the
   heartbeat starts.  Goals: each step <= 200 ms, no stall >= 100 ms.  --stalls: print where the
   GUI thread was whenever the heartbeat was 80 ms late.
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
from collections.abc import Callable, Sequence
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
ctx = AppContext(open_shop_database(sys.argv[1], daily_backup=False))  # as the window opens it (launch.py)
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


def members_screen(path: Path, show_stalls: bool = False, columns: Sequence[str] = ()) -> None:
    """Section 3: the screen itself, each step timed until its rows are painted, with the longest
    gap of a 10 ms heartbeat timer during that step (the GUI thread's longest stall).  The
    references are measured first, outside the heartbeat's watch."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from shopcrm.gui.context import AppContext
    from shopcrm.gui.launch import ensure_application
    from shopcrm.gui.members.view import MembersView
    from shopcrm.services.members.filters import MemberFilter
    from shopcrm.services.members.table import COLUMN_KEYS
    from shopcrm.services.shop.database import open_shop_database

    bare_card, bare_name = bare_ids(path, "card_no"), bare_ids(path, "name")
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
    watchdog = StallWatch(clock, last) if show_stalls else None

    def spin() -> None:
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()

    def settle(view: MembersView, t0: float) -> float:
        """Until the list is loaded and every shown row painted with its data."""
        while view.model.loading:
            spin()
        app.processEvents()
        view.table.viewport().repaint()
        while view.model.fetching:
            spin()
        view.table.viewport().repaint()
        return time.perf_counter() - t0

    steps: list[tuple[str, float, int]] = []

    def step(name: str, action: Callable[[], None], view: MembersView) -> None:
        spin()
        gaps.clear()
        last[0] = clock.elapsed()
        t0, c0 = time.perf_counter(), time.process_time()
        action()
        took = settle(view, t0)
        cpu = time.process_time() - c0
        spin()
        stall = max([*gaps, clock.elapsed() - last[0]])
        steps.append((name, took, stall))
        print(f"  {name:<40} {ms(took):>9} (cpu {ms(cpu):>7})  stall {stall:>5} ms  ({view.model.rowCount():,} rows)")
        sys.stdout.flush()

    holder: list[MembersView] = []

    def open_view() -> None:
        view = MembersView(ctx)
        view.resize(1280, 760)
        view.show()
        holder.append(view)

    gaps.clear()
    t0 = time.perf_counter()
    open_view()
    view = holder[0]
    opened = settle(view, t0)
    stall = max([*gaps, clock.elapsed() - last[0]])
    steps.append(("open", opened, stall))
    line(f"open the Members screen ({view.model.rowCount():,} members)", ms(opened),
         f"bare ids by card: {ms(bare_card)}", f"stall {stall} ms; goal <= 200 ms, stall < 100 ms")
    t0, c0 = time.perf_counter(), time.process_time()
    ctx.background_reader.wait_idle(120)  # the filter bar's counts, read once the rows show
    line("  the filter bar's counts, read in the background after", ms(time.perf_counter() - t0),
         f"cpu {ms(time.process_time() - c0)}", "off the GUI thread")
    bar = view.table.verticalScrollBar()
    keys = columns or COLUMN_KEYS
    for key in keys:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            tag = f"{key}{' desc' if order == Qt.SortOrder.DescendingOrder else ''}"
            step(f"sort {tag}", lambda k=key, o=order: view.table.sortByColumn(COLUMN_KEYS.index(k), o), view)
            step(f"  jump to the middle ({tag})", lambda: bar.setValue(bar.maximum() // 2), view)
            step(f"  jump to the end ({tag})", lambda: bar.setValue(bar.maximum()), view)
            step(f"  scroll one page up ({tag})", lambda: bar.setValue(bar.value() - bar.pageStep()), view)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(view, time.perf_counter())
    for name, flt in (("search a name (王)", MemberFilter(text="王")),
                      ("search two characters (王芳)", MemberFilter(text="王芳")),
                      ("search phone digits (1392208)", MemberFilter(text="1392208")),
                      ("search last four digits (0230)", MemberFilter(text="0230")),
                      ("search a card no. (00012)", MemberFilter(text="00012")),
                      ("search a tag (fitness)", MemberFilter(text="fitness")),
                      ("filter tier gold", MemberFilter(pyramid=("gold",))),
                      ("filter churn high, consent", MemberFilter(churn_level=("high",), consent_only=True)),
                      ("filter: archived members", MemberFilter(status="archived")),
                      ("filter: all members", MemberFilter(status="all")),
                      ("no filter", MemberFilter())):
        step(name, lambda f=flt: view.set_filter(f), view)
        if view.model.rowCount() > 400:
            step("  jump to the end", lambda: bar.setValue(bar.maximum()), view)
    timer.stop()
    if watchdog is not None:
        watchdog.report()
    worst = max(steps, key=lambda s: s[1])
    worst_stall = max(steps, key=lambda s: s[2])
    line("slowest step: " + worst[0].strip(), ms(worst[1]), f"bare ids by name: {ms(bare_name)}", "goal <= 200 ms")
    line("longest GUI-thread stall: " + worst_stall[0].strip(), f"{worst_stall[2]} ms", "timer interval: 10 ms",
         "goal < 100 ms")
    ctx.shutdown()
    app.processEvents()


class StallWatch:
    """--stalls: a thread that notes where the GUI thread is whenever the heartbeat is 80 ms late."""

    def __init__(self, clock: Any, last: list[int], late_ms: int = 80) -> None:
        import threading
        import traceback

        self.samples: dict[str, int] = {}
        main = threading.main_thread().ident
        stop = threading.Event()
        self.stop = stop

        def watch() -> None:
            while not stop.wait(0.02):
                if clock.elapsed() - last[0] > late_ms:
                    frame = sys._current_frames().get(main)
                    if frame is not None:
                        stack = "".join(traceback.format_stack(frame)[-8:])
                        self.samples[stack] = self.samples.get(stack, 0) + 20

        threading.Thread(target=watch, daemon=True).start()

    def report(self) -> None:
        self.stop.set()
        for stack, spent in sorted(self.samples.items(), key=lambda kv: -kv[1])[:6]:
            print(f"  --- GUI thread late, about {spent} ms in:\n{stack}")


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
    parser.add_argument("--columns", nargs="*", default=[], help="screen: sort only these columns")
    parser.add_argument("--stalls", action="store_true", help="print where the GUI thread was in each stall")
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
            members_screen(shop, args.stalls, args.columns)
    print(f"(load average after: {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
