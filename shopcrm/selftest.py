"""`shopcrm selftest`: prove that an installed or frozen ShopCRM really works on this machine.

A built bundle or a wheel can look complete and still miss a resource file, a migration, a
lazily imported module, a Qt plugin or a font.  The self-test runs the paths a shop owner's
first evening takes, on a throw-away demo shop in a temporary folder (the real shop's data is
never touched): open and migrate a database, fill a small demo shop, classify it, open the main
window offscreen with every screen, render a chart with Chinese labels and print a promotion
list to PDF.  Each step prints its time; the first failing step prints one line and exit code 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from shopcrm import __version__
from shopcrm.db.migrate import MIGRATIONS_DIR, current_revision, head_revision
from shopcrm.db.opening import open_database
from shopcrm.demo.shop import generate_demo
from shopcrm.i18n import current_language, translations_dir
from shopcrm.paths import resource_dir
from shopcrm.services.campaigns.lists import promotion_filter
from shopcrm.services.campaigns.output import prepare_filter_list
from shopcrm.services.classification.run import classify
from shopcrm.services.members.table import latest_snapshot
from shopcrm.services.reports.stats import shop_stats

DEMO_MEMBERS = 300
DEMO_MONTHS = 6
DEMO_SEED = 7
WINDOW_TIMEOUT_S = 120.0
CHINESE_SAMPLE = "会员分层 金卡 流失预警 面包 蛋糕"
TIER_LABELS = ["铂金", "黄金", "铁", "铅"]
TIER_COUNTS = [3, 12, 45, 240]


class SelftestFailure(Exception):
    """A step found something wrong; the message is the one line printed."""


@dataclass
class SelftestState:
    """What the steps share: the temporary folder and what earlier steps produced."""

    workdir: Path
    output: Path | None = None
    db_path: Path = field(init=False)
    details: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.db_path = self.workdir / "selftest-shop.db"

    def keep(self, name: str) -> Path:
        """Where a step writes a file: the --output folder when given, else the temporary one."""
        folder = self.output or self.workdir
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name


Step = tuple[str, Callable[[SelftestState], str]]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise SelftestFailure(message)


# ---- steps ----------------------------------------------------------------------------------------
def step_environment(state: SelftestState) -> str:
    """The resources and migrations this copy was shipped with are where the program looks."""
    res = resource_dir()
    _require(res.is_dir(), f"resource folder missing: {res}")
    translations = res / "translations"
    for name in ("shopcrm_zh_CN.ts", "shopcrm_zh_CN.qm"):
        _require((translations / name).is_file(), f"translation file missing: {translations / name}")
    try:
        ET.parse(translations / "shopcrm_zh_CN.ts")
    except ET.ParseError as exc:
        raise SelftestFailure(f"translation catalogue unreadable: {exc}") from exc
    icons = res / "icons"
    _require((icons / "shopcrm.svg").is_file(), f"application icon missing: {icons / 'shopcrm.svg'}")
    _require((MIGRATIONS_DIR / "env.py").is_file(), f"database migrations missing: {MIGRATIONS_DIR}")
    revisions = [p for p in (MIGRATIONS_DIR / "versions").glob("*.py") if p.name != "__init__.py"]
    _require(bool(revisions), f"no migration revisions in {MIGRATIONS_DIR / 'versions'}")
    frozen = bool(getattr(sys, "frozen", False))
    kind = "frozen" if frozen else "python " + sys.version.split()[0]
    return f"ShopCRM {__version__} ({kind}); PostgreSQL driver: {_postgres_driver(required=frozen)}; resources {res}"


def _postgres_driver(required: bool) -> str:
    """What a shop with several counters needs to reach its server: psycopg 3 with its libpq.

    A built app must carry it (the owner cannot install it); a pip install has it only with the
    `postgres` extra, so there its absence is reported, not a failure.
    """
    from sqlalchemy.dialects import registry

    try:
        dbapi = registry.load("postgresql.psycopg").import_dbapi()
        implementation = dbapi.pq.__impl__
        libpq = dbapi.pq.version()
    except ImportError as exc:
        if required:
            raise SelftestFailure(f"PostgreSQL driver missing: {exc}") from exc
        return "not installed"
    return f"psycopg {dbapi.__version__} ({implementation}, libpq {libpq})"


def step_database(state: SelftestState) -> str:
    """Create and migrate an SQLite file through Alembic, as a first start does."""
    db = open_database(state.db_path)
    try:
        revision = current_revision(db)
        _require(revision == head_revision(), f"database at revision {revision}, expected {head_revision()}")
    finally:
        db.dispose()
    return f"schema {revision}"


def step_demo(state: SelftestState) -> str:
    """Fill a small demo shop: exercises every table, the money and phone rules, and the points."""
    db = open_database(state.db_path)
    try:
        generate_demo(db, members=DEMO_MEMBERS, months=DEMO_MONTHS, seed=DEMO_SEED)
        stats = shop_stats(db)
    finally:
        db.dispose()
    _require(stats["members"] >= DEMO_MEMBERS // 2, f"demo shop has only {stats['members']} members")
    _require(stats["purchases"] > 0, "demo shop has no purchases")
    return f"{stats['members']} members, {stats['purchases']} purchases"


def step_classify(state: SelftestState) -> str:
    """Run the whole classification engine (numpy, scipy fits) and store a snapshot."""
    db = open_database(state.db_path)
    try:
        classify(db)
        snapshot = latest_snapshot(db)
    finally:
        db.dispose()
    _require(snapshot is not None, "classification stored no snapshot")
    assert snapshot is not None
    return f"snapshot as of {snapshot.as_of.isoformat()}"


def _application() -> Any:
    # lazy: Qt and matplotlib load inside the offscreen environment the self-test sets up
    from shopcrm.gui.launch import ensure_application

    return ensure_application()


def step_window(state: SelftestState) -> str:
    """The main window in Chinese with every screen opened: plugins, styles, icons, translations."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer, QTranslator
    from PySide6.QtWidgets import QApplication

    # lazy: Qt and matplotlib load inside the offscreen environment the self-test sets up
    from shopcrm.gui.context import AppContext
    from shopcrm.gui.main_window import MainWindow

    app = _application()
    _require(QTranslator().load(str(translations_dir() / "shopcrm_zh_CN.qm")), "cannot load shopcrm_zh_CN.qm")
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    _require(QTranslator().load("qtbase_zh_CN", qt_translations), f"Qt's Chinese translation missing in {qt_translations}")

    problems: list[str] = []

    def close_modal() -> None:
        # A dialog would wait forever for a click offscreen: note what it said and close it.
        modal = QApplication.activeModalWidget()
        if modal is not None:
            text = getattr(modal, "text", lambda: "")() or modal.windowTitle()
            problems.append(f"a dialog opened: {' '.join(str(text).split())[:200]}")
            modal.close()

    watchdog = QTimer()
    watchdog.timeout.connect(close_modal)
    watchdog.start(200)
    previous_hook = sys.excepthook
    sys.excepthook = lambda t, e, tb: problems.append(f"{t.__name__}: {e}")
    previous_language = current_language()
    db = open_database(state.db_path)
    ctx = AppContext(db)
    ctx.show_error = lambda exc, parent=None: problems.append(f"{type(exc).__name__}: {exc}")  # type: ignore[method-assign]
    window = None
    try:
        ctx.set_language("zh_CN")
        window = MainWindow(ctx)
        window.show()
        keys = window.screen_keys()
        _require(bool(keys), "the main window has no screens")
        opened = 0
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        for key in keys:
            if window.show_screen(key) is not None:
                opened += 1
            ctx.worker.wait_idle(max(1.0, deadline - time.monotonic()))
            QCoreApplication.processEvents()
        window.show_screen(keys[0])
        _require(ctx.worker.wait_idle(max(1.0, deadline - time.monotonic())), "the window's background work did not finish")
        charts = _wait_for_charts(deadline)
        QCoreApplication.processEvents()
        image = window.grab().toImage()
        _require(not image.isNull() and image.width() > 0, "the main window could not be drawn")
        image.save(str(state.keep("selftest-window.png")))
        _require(not problems, problems[0] if problems else "")
        _require(opened == len(keys), f"only {opened} of {len(keys)} screens opened")
        title = QCoreApplication.translate("Navigation", "Dashboard")
    finally:
        watchdog.stop()
        sys.excepthook = previous_hook
        if window is not None:
            window.hide()
            window.deleteLater()
        ctx.shutdown()
        ctx.language.apply(previous_language)
        QCoreApplication.processEvents()
    return f"{opened} screens ({', '.join(keys)}); charts {charts}; {app.platformName()}; '{title}'"


def _wait_for_charts(deadline: float) -> str:
    """The screens load matplotlib's Qt backend on a background thread; wait for it and fail if it
    could not load (a bundle without the QtAgg backend shows 'charts unavailable' to the owner)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    # lazy: Qt and matplotlib load inside the offscreen environment the self-test sets up
    from shopcrm.gui.charts.loader import chart_library

    library = chart_library()
    library.start()  # the dashboard starts it a moment after it appears; no need to wait for that
    while library.state == "loading" and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    _require(library.state == "ready", f"charts could not load: {library.error or 'timed out'}")
    settle = time.monotonic() + 0.5  # let the views draw the charts they were waiting for
    while time.monotonic() < settle:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return "loaded"


def step_chart(state: SelftestState) -> str:
    """A bar chart with Chinese labels, drawn by the screens' chart code, with no missing glyphs."""
    # lazy: Qt and matplotlib load inside the offscreen environment the self-test sets up
    from shopcrm.gui.charts import draw
    from shopcrm.gui.charts.canvas import ChartCanvas
    from shopcrm.gui.charts.fonts import chart_font_family
    from shopcrm.gui.charts.glyphs import record_missing_glyphs

    _application()
    target = state.keep("selftest-chart.png")
    with record_missing_glyphs() as missing:
        chart = ChartCanvas()
        try:
            chart.resize(640, 400)
            draw.bars(chart, CHINESE_SAMPLE, TIER_LABELS, [draw.Series("会员数", TIER_COUNTS)],
                      keys=list(range(len(TIER_LABELS))), value_axis="会员数")
            chart.figure.savefig(target, dpi=100)
        finally:
            chart.deleteLater()
    family = chart_font_family()
    _require(bool(family), "no font with Chinese characters found for charts (on Linux: install fonts-noto-cjk)")
    _require(not missing, f"chart text drawn as empty boxes: {missing[0] if missing else ''}")
    _require(target.stat().st_size > 1000, "the chart image is empty")
    return f"font {family}"


def step_pdf(state: SelftestState) -> str:
    """A promotion list of the demo shop printed to an A4 PDF by the printing layout (Chinese names,
    masked phones, fonts embedded), the path `print members` and the Campaigns screen take."""
    # lazy: Qt and matplotlib load inside the offscreen environment the self-test sets up
    from shopcrm.gui.printing.fonts import print_family
    from shopcrm.gui.printing.output import write_pdf

    _application()
    family = print_family()
    _require(bool(family), "no font with Chinese characters found for printing (on Linux: install fonts-noto-cjk)")
    db = open_database(state.db_path)
    try:
        doc = prepare_filter_list(db, promotion_filter(pyramid=("platinum", "gold", "iron")), title=CHINESE_SAMPLE)
    finally:
        db.dispose()
    _require(doc.member_count > 0, "the demo shop's promotion list is empty")
    target = state.keep("selftest-list.pdf")
    pages = write_pdf(doc, target)
    data = target.read_bytes()
    _require(data.startswith(b"%PDF") and pages >= 1, "the PDF file is empty or broken")
    _require(b"/FontFile" in data, "the PDF carries no embedded font")
    return f"{doc.member_count} members on {pages} pages, {len(data) // 1024} KiB; font {family}"


def _outside(path: str, base: Path) -> bool:
    try:
        Path(path).resolve().relative_to(base)
    except ValueError:
        return True
    return False


def step_bundle(state: SelftestState) -> str:
    """A frozen app must run on a machine with no Python: nothing may come from outside the bundle
    except the operating system's own libraries (libc, OpenGL, X11/Wayland client libraries)."""
    base = Path(getattr(sys, "_MEIPASS", "")).resolve()
    strays = sorted(  # relative names (shiboken's embedded "shibokensupport/...") are not files
        name for name, module in list(sys.modules.items())
        if isinstance(file := getattr(module, "__file__", None), str) and os.path.isabs(file) and _outside(file, base)
    )
    _require(not strays, f"Python modules loaded from outside the bundle: {', '.join(strays[:5])}")
    libraries: set[str] = set()
    maps = Path("/proc/self/maps")
    if maps.exists():
        for line in maps.read_text(encoding="utf-8", errors="replace").splitlines():
            path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
            if ".so" in path and path.startswith("/"):
                libraries.add(path)
        foreign = sorted(p for p in libraries if _outside(p, base) and ("python" in p.lower() or "site-packages" in p))
        _require(not foreign, f"Python libraries loaded from outside the bundle: {', '.join(foreign[:3])}")
    system = sorted({Path(p).name for p in libraries if _outside(p, base)})
    return (f"{len(sys.modules)} modules and {len(libraries) - len(system)} libraries from the bundle; "
            f"from the system: {', '.join(system) or 'none'}")


STEPS: list[Step] = [
    ("environment", step_environment),
    ("database", step_database),
    ("demo shop", step_demo),
    ("classify", step_classify),
    ("main window", step_window),
    ("chart", step_chart),
    ("pdf list", step_pdf),
]


def default_steps() -> list[Step]:
    """Every step; a frozen app also checks that it depends on no Python outside itself."""
    return STEPS + ([("bundle", step_bundle)] if getattr(sys, "frozen", False) else [])


# ---- runner ---------------------------------------------------------------------------------------
def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SelftestFailure):
        return str(exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    place = f" ({Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{type(exc).__name__}: {text[:300]}{place}"


@contextmanager
def _isolated_environment(workdir: Path) -> Iterator[None]:
    """Offscreen Qt and a temporary data folder, restored afterwards (the CLI may run in-process)."""
    saved = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM", "SHOPCRM_DATA_DIR", "MPLBACKEND")}
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["SHOPCRM_DATA_DIR"] = str(workdir / "data")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_selftest(output: Path | None = None, stream: TextIO | None = None, steps: list[Step] | None = None) -> int:
    """Run every step, printing `ok  name  time  detail`; 0 when all pass, 1 at the first failure."""
    out = stream or sys.stdout
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shopcrm-selftest-") as tmp, _isolated_environment(Path(tmp)):
        state = SelftestState(workdir=Path(tmp), output=output)
        for name, fn in steps or default_steps():
            t0 = time.perf_counter()
            try:
                detail = fn(state)
            except Exception as exc:  # noqa: BLE001 - every failure becomes the one line printed
                out.write(f"FAILED {name}: {_one_line(exc)}\n")
                out.flush()
                return 1
            out.write(f"ok  {name:<12} {time.perf_counter() - t0:6.2f} s  {detail}\n")
            out.flush()
    out.write(f"selftest passed in {time.perf_counter() - started:.1f} s\n")
    return 0
