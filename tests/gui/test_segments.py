"""Tiers & segments: every chart opens and drills down to exactly its members; movements; Classify and Cancel."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member, snapshot
from input_events import double_click_row
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from shopcrm.db.engine import Database
from shopcrm.gui.charts.glyphs import record_missing_glyphs
from shopcrm.gui.charts.loader import chart_library
from shopcrm.gui.context import AppContext
from shopcrm.gui.segments.member_list import MemberListDialog
from shopcrm.gui.segments.view import TABS, SegmentsView
from shopcrm.services.classification.segments import (
    Cell,
    cell_count,
    cell_member_ids,
    list_snapshots,
    movement,
    overview,
)
from shopcrm.services.members.records import archive_member
from shopcrm.services.members.table import MemberFilter

pytestmark = pytest.mark.gui

EARLIER, LATER = dt.date(2025, 1, 31), dt.date(2025, 3, 31)
PYRAMIDS = ["platinum", "gold", "iron", "iron", "lead", "lead", "lead", "lead", "lead", "lead"]
SEGMENTS = ["champions", "loyal", "loyal", "at_risk", "at_risk", "lost", "hibernating", "new", "never_bought", "lost"]


def row(i: int) -> dict[str, Any]:
    """Member i's classes: varied enough that every chart has several bars."""
    return {
        "pyramid": PYRAMIDS[i], "segment": SEGMENTS[i], "abcd": "ABCD"[min(i // 3, 3)],
        "lifecycle": ("active", "new", "at_risk", "churned", "won_back")[i % 5],
        "frequency": ("high", "medium", "low")[i % 3], "spend_class": ("high", "medium", "low")[i % 3],
        "churn_level": ("none", "low", "medium", "high")[i % 4],
        "preference": ("trier", "classic", "mixed", "none")[i % 4],
        "favourite_category": ("面包", "蛋糕", None)[i % 3], "age_band": ("25-34", "35-44", "unknown")[i % 3],
        "r_score": 5 - i % 5, "f_score": 1 + i % 3, "m_score": 3,
        "visits": (0, 1, 3, 8, 30, 120)[i % 6], "spend_cents": (0, 3_000, 12_000, 60_000, 250_000)[i % 5],
    }


@pytest.fixture
def shop(sqlite_db: Database) -> dict[str, Any]:
    """Ten active members and one archived, classified twice (the earlier run saw only the first six)."""
    ids = [member(sqlite_db, f"1380000{i:04d}", f"会员{i}", source=("walk_in", "wechat")[i % 2]).id
           for i in range(11)]
    archive_member(sqlite_db, ids[10])
    earlier = snapshot(sqlite_db, {ids[i]: {**row(i), "pyramid": "lead" if i < 3 else PYRAMIDS[i]}
                                   for i in range(6)}, as_of=EARLIER)
    later = snapshot(sqlite_db, {**{ids[i]: row(i) for i in range(10)}, ids[10]: row(0)}, as_of=LATER)
    return {"ids": ids, "earlier": earlier, "later": later}


@pytest.fixture
def no_missing_glyphs() -> Iterator[None]:
    with record_missing_glyphs() as missing:
        yield
    assert not missing, missing


@pytest.fixture
def view(qtbot: Any, ctx: AppContext, shop: dict[str, Any], no_missing_glyphs: None) -> Iterator[SegmentsView]:
    chart_library().start()
    v = SegmentsView(ctx)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    qtbot.waitUntil(lambda: v.drawer is not None and v.overview is not None, timeout=60_000)
    yield v
    for dialog in list(v.dialogs):
        dialog.close()


def expected_ids(shop: dict[str, Any], test: Any) -> list[int]:
    return [shop["ids"][i] for i in range(10) if test(row(i))]


# ---- figures ---------------------------------------------------------------------------------------
def test_counts_are_the_lengths_of_the_lists(sqlite_db: Database, shop: dict[str, Any]) -> None:
    data = overview(sqlite_db, shop["later"])
    assert data.members == 10  # the archived member is left out
    assert [(c.code, c.members) for c in data.counts["pyramid"]] == [("platinum", 1), ("gold", 1), ("iron", 2),
                                                                       ("lead", 6)]
    assert data.spend_cents == sum(row(i)["spend_cents"] for i in range(10))
    assert sum(map(sum, data.rfm)) + data.rfm_unscored == 10
    for name, counts in data.counts.items():
        for c in counts:
            assert cell_count(sqlite_db, Cell(shop["later"], classification=name, code=c.code)) == c.members, name
    for r in range(5):
        for f in range(5):
            assert cell_count(sqlite_db, Cell(shop["later"], r_score=r + 1, f_score=f + 1)) == data.rfm[r][f]
    for b in data.visits:
        assert cell_count(sqlite_db, Cell(shop["later"], visits=(b.low, b.high))) == b.members
    assert sum(b.members for b in data.spend) == 10


def test_movement_matrix(sqlite_db: Database, shop: dict[str, Any]) -> None:
    move = movement(sqlite_db, shop["earlier"], shop["later"], "pyramid")
    assert move.to_codes == ["platinum", "gold", "iron", "lead"]
    assert move.from_codes == ["platinum", "gold", "iron", "lead", None]
    table = {(a, b): move.counts[i][j] for i, a in enumerate(move.from_codes) for j, b in enumerate(move.to_codes)}
    assert table[("lead", "platinum")] == 1 and table[("lead", "gold")] == 1 and table[("lead", "iron")] == 1
    assert table[("iron", "iron")] == 1 and table[("lead", "lead")] == 2
    assert table[(None, "lead")] == 4  # members 6-9 were not in the earlier classification
    moved = cell_member_ids(sqlite_db, Cell(shop["later"], classification="pyramid", code="gold",
                                            earlier_snapshot_id=shop["earlier"], earlier_code="lead"))
    assert moved == [shop["ids"][1]]


# ---- the screen ------------------------------------------------------------------------------------
def click(qtbot: Any, chart: Any, key: Any) -> None:
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.target_point(key))


def open_dialog(qtbot: Any, view: SegmentsView) -> MemberListDialog:
    qtbot.waitUntil(lambda: bool(view.dialogs) and not view.dialogs[-1].model.loading, timeout=10_000)
    return view.dialogs[-1]


def test_every_chart_opens_and_each_bar_lists_its_members(qtbot: Any, qtmodeltester: Any, ctx: AppContext,
                                                          shop: dict[str, Any], view: SegmentsView) -> None:
    from shopcrm.gui.segments.charts import Drill

    for tab, names in TABS:
        view.show_tab(tab)
        for name in names:
            chart = view.chart(name)
            assert chart is not None, name
            chart.draw_now()
            drills = [t.key for t in chart.targets if isinstance(t.key, Drill)]
            assert drills, f"{name} has nothing to click"
            key = max(drills, key=lambda d: cell_count(ctx.db, d.cell))
            wanted = cell_member_ids(ctx.db, key.cell)
            assert wanted, name
            if key.cell.classification in ("pyramid", "segment", "lifecycle", "abcd", "frequency", "spend_class",
                                           "churn_level", "preference", "age_band"):
                with qtbot.waitSignal(ctx.navigate_requested, timeout=3_000) as opened:
                    click(qtbot, chart, key)
                screen, flt = opened.args
                assert screen == "members" and isinstance(flt, MemberFilter)
                assert getattr(flt, key.cell.classification) == key.cell.code
            else:
                before = len(view.dialogs)
                click(qtbot, chart, key)
                qtbot.waitUntil(lambda b=before: len(view.dialogs) > b, timeout=3_000)
                dialog = open_dialog(qtbot, view)
                assert sorted(dialog.member_ids()) == sorted(wanted), name
                qtmodeltester.check(dialog.model)
                dialog.close()


def test_rfm_cell_opens_a_member_list_that_sorts_and_opens_members(qtbot: Any, ctx: AppContext,
                                                                   shop: dict[str, Any], view: SegmentsView,
                                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.gui.segments.charts import Drill

    view.show_tab("rfm")
    chart = view.chart("rfm_grid")
    key = next(t.key for t in chart.targets if isinstance(t.key, Drill) and t.key.cell.r_score == 5
               and t.key.cell.f_score == 1)
    click(qtbot, chart, key)
    dialog = open_dialog(qtbot, view)
    assert sorted(dialog.member_ids()) == expected_ids(shop, lambda r: r["r_score"] == 5 and r["f_score"] == 1)
    assert "R 5" in dialog.windowTitle()
    ids = dialog.member_ids()
    header = dialog.table.horizontalHeader()
    title = QPoint(header.sectionViewportPosition(0) + header.sectionSize(0) // 2, header.height() // 2)
    for _ in range(2):  # card no.: a click sorts it, the next click turns it round
        if dialog.member_ids() == sorted(ids, reverse=True):
            break
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
        qtbot.waitUntil(lambda: not dialog.model.loading, timeout=5_000)
    qtbot.waitUntil(lambda: dialog.member_ids() == sorted(ids, reverse=True), timeout=5_000)
    with qtbot.waitSignal(ctx.navigate_requested, timeout=3_000) as opened:
        double_click_row(dialog.table, 0, 1)
    assert opened.args == ["members", max(ids)]

    # What the list shows can be exported (the system's save dialog answers with the owner's file).
    from openpyxl import load_workbook
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "cell.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    menu = dialog.output_button.menu()
    QTimer.singleShot(0, lambda: (qtbot.waitUntil(menu.isVisible, timeout=5_000),
                                  qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                                                   pos=menu.actionGeometry(dialog.output_button.export_action).center())))
    qtbot.mouseClick(dialog.output_button, Qt.MouseButton.LeftButton)
    ctx.wait_idle(20)
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert len(list(load_workbook(target).worksheets[0].iter_rows(min_row=2, values_only=True))) >= len(ids)
    assert dialog.members_button.isEnabled()
    with qtbot.waitSignal(ctx.navigate_requested, timeout=3_000) as opened:
        qtbot.mouseClick(dialog.members_button, Qt.MouseButton.LeftButton)
    assert opened.args[1] == MemberFilter(member_ids=tuple(sorted(ids, reverse=True)))


def test_movement_cell_lists_who_moved(qtbot: Any, ctx: AppContext, shop: dict[str, Any],
                                       view: SegmentsView) -> None:
    from shopcrm.gui.segments.charts import Drill

    view.show_tab("movements")
    qtbot.waitUntil(lambda: view.move is not None and view.chart("movement") is not None, timeout=10_000)
    assert view.from_box.currentData() == shop["earlier"] and view.to_box.currentData() == shop["later"]
    assert "3 moved up" in view.move_hint.text() and "4 were not classified then" in view.move_hint.text()
    chart = view.chart("movement")
    key = next(t.key for t in chart.targets if isinstance(t.key, Drill) and t.key.cell.earlier_code == "lead"
               and t.key.cell.code == "platinum")
    click(qtbot, chart, key)
    dialog = open_dialog(qtbot, view)
    assert dialog.member_ids() == [shop["ids"][0]]
    with qtbot.waitSignal(view.movement_loaded, timeout=10_000):
        view.move_class_box.setCurrentIndex(view.move_class_box.findData("lifecycle"))
    assert "changed class" in view.move_hint.text()


def test_an_older_classification_drills_to_its_own_members(qtbot: Any, ctx: AppContext, shop: dict[str, Any],
                                                           view: SegmentsView) -> None:
    from shopcrm.gui.segments.charts import Drill

    with qtbot.waitSignal(view.overview_loaded, timeout=10_000):
        view.snapshot_box.setCurrentIndex(view.snapshot_box.findData(shop["earlier"]))
    assert view.overview.snapshot.id == shop["earlier"] and view.overview.members == 6
    view.show_tab("tiers")
    chart = view.chart("pyramid")
    key = next(t.key for t in chart.targets if isinstance(t.key, Drill) and t.key.cell.code == "lead")
    click(qtbot, chart, key)  # the filter bar shows the latest classification, so a list opens instead
    dialog = open_dialog(qtbot, view)
    assert sorted(dialog.member_ids()) == shop["ids"][:3] + shop["ids"][4:6]
    assert "2025-01-31" in dialog.count_label.text()


def test_drill_down_in_the_window_opens_the_members_screen_filtered(qtbot: Any, ctx: AppContext,
                                                                    shop: dict[str, Any],
                                                                    no_missing_glyphs: None) -> None:
    from shopcrm.gui.main_window import MainWindow
    from shopcrm.gui.segments.charts import Drill

    chart_library().start()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    view = window.show_screen("segments")
    assert isinstance(view, SegmentsView)
    qtbot.waitUntil(lambda: view.drawer is not None and view.overview is not None
                    and view.chart("pyramid") is not None,
                    timeout=60_000)
    chart = view.chart("pyramid")
    key = next(t.key for t in chart.targets if isinstance(t.key, Drill) and t.key.cell.code == "lead")
    click(qtbot, chart, key)
    qtbot.waitUntil(lambda: window.current_key() == "members", timeout=3_000)
    members = window.view("members")
    qtbot.waitUntil(lambda: not members.model.loading and members.model.filter.pyramid == "lead", timeout=10_000)
    assert sorted(members.model.member_id(r) for r in range(members.model.rowCount())) == expected_ids(shop, lambda r: r["pyramid"] == "lead")
    ctx.wait_idle(10)


# ---- classify ----------------------------------------------------------------------------------------
@pytest.fixture
def demo_ctx(qapp: Any, tmp_path: Any) -> Iterator[AppContext]:
    from shopcrm.db.opening import open_database
    from shopcrm.demo.shop import generate_demo
    from shopcrm.gui.style import apply_style

    db = open_database(tmp_path / "demo.db")
    generate_demo(db, members=80, months=6, seed=5, end=dt.datetime(2025, 3, 31, 20))
    apply_style(qapp)
    context = AppContext(db)
    context.set_language("en")
    yield context
    context.wait_idle(30)
    context.shutdown()


def test_classify_button_stores_and_shows_a_snapshot(qtbot: Any, demo_ctx: AppContext,
                                                    no_missing_glyphs: None) -> None:
    v = SegmentsView(demo_ctx)
    qtbot.addWidget(v)
    v.show()
    assert not v.snapshots and "Not classified yet" in v.info.text()
    v.as_of.setDate(v.as_of.date().fromString("2025-03-31", "yyyy-MM-dd"))
    v.window_days.setValue(180)
    with qtbot.waitSignal(v.overview_loaded, timeout=60_000, check_params_cb=lambda: v.overview is not None):
        qtbot.mouseClick(v.classify_button, Qt.MouseButton.LeftButton)
    demo_ctx.wait_idle(30)
    snaps = list_snapshots(demo_ctx.db)
    assert len(snaps) == 1 and snaps[0].as_of == dt.date(2025, 3, 31) and snaps[0].window_days == 180
    qtbot.waitUntil(lambda: v.overview is not None and v.overview.snapshot.id == snaps[0].id, timeout=10_000)
    assert v.overview.members > 0 and v.classify_button.isEnabled() and not v.progress.isVisible()


def test_cancel_before_the_run_stores_nothing(qtbot: Any, demo_ctx: AppContext) -> None:
    v = SegmentsView(demo_ctx)
    qtbot.addWidget(v)
    v.show()
    gate = threading.Event()
    blocker = demo_ctx.run(lambda _c: gate.wait(30), label="")  # the writer is busy with something else
    qtbot.mouseClick(v.classify_button, Qt.MouseButton.LeftButton)
    assert v.cancel_button.isVisible() and not v.classify_button.isEnabled()
    with qtbot.waitSignal(v.job.cancelled, timeout=30_000):
        qtbot.mouseClick(v.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    assert blocker.state == "done"
    assert list_snapshots(demo_ctx.db) == []
    assert "cancelled" in v.info.text() and v.classify_button.isEnabled()


def test_cancel_between_stages_stores_nothing(demo_ctx: AppContext) -> None:
    from shopcrm.gui.segments.classify_job import classification_job
    from shopcrm.gui.worker import Job, JobControl
    from shopcrm.jobs import Cancelled

    job = Job(lambda _c: None, "", "")
    seen: list[str] = []

    class Control(JobControl):
        def report(self, done: float, total: float = 0, text: str = "") -> None:
            seen.append(text)
            if done >= 1:  # after the members were read: the owner presses Cancel
                job.cancel()

    with pytest.raises(Cancelled):
        classification_job(demo_ctx.db, dt.date(2025, 3, 31), 365)(Control(job, demo_ctx.worker))
    assert len(seen) >= 2 and list_snapshots(demo_ctx.db) == []


def test_cancel_during_the_write_stops_it_and_keeps_the_previous_snapshot(demo_ctx: AppContext) -> None:
    """The snapshot is written in chunks and becomes current with the last one (issue 15), so a
    cancel while it is written still stops the run: nothing new, the previous classes stay."""
    from shopcrm.gui.segments.classify_job import classification_job
    from shopcrm.gui.worker import Job, JobControl
    from shopcrm.jobs import Cancelled

    before = [s.id for s in list_snapshots(demo_ctx.db)]

    job = Job(lambda _c: None, "", "")
    WRITE_STAGE = 5  # read, metrics, rules, lifetime value, recommendations, write

    class Control(JobControl):
        def report(self, done: float, total: float = 0, text: str = "") -> None:
            if done >= WRITE_STAGE:
                job.cancel()

    with pytest.raises(Cancelled):
        classification_job(demo_ctx.db, dt.date(2025, 3, 31), 365)(Control(job, demo_ctx.worker))
    assert [s.id for s in list_snapshots(demo_ctx.db)] == before
    QApplication.processEvents()
