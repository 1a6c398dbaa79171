"""Tiers & segments: every classification of a snapshot as charts, movements between two snapshots,
and a Classify button that stores a new snapshot as of a chosen day and window.

Figures load on the reader thread; classification runs on the writer thread with progress and
cancel.  Charts of a tab are created when the tab is first shown (after matplotlib has loaded in
the background), and every bar or cell opens its members: in the Members screen when its filter bar
can say exactly which, otherwise in a member list dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.gui.charts.loader import chart_library, when_ready
from shopcrm.gui.context import AppContext
from shopcrm.gui.date_typing import DateTyping
from shopcrm.gui.reload_when_shown import ReloadWhenShown
from shopcrm.gui.segments.classify_job import classification_job
from shopcrm.gui.segments.member_list import MemberListDialog
from shopcrm.gui.widgets import hint_label, title_label
from shopcrm.gui.worker import Job
from shopcrm.labels import classification_title
from shopcrm.services.classification.segments import (
    MOVEMENT_CLASSIFICATIONS,
    Movement,
    Overview,
    SnapshotChoice,
    list_snapshots,
    member_filter_for,
    movement,
    overview,
    summarise,
)
from shopcrm.services.reports.dashboard import last_sale

REFRESH_KINDS = ("classification", "demo", "restore", "import", "undo-import", "member")
# tab key -> chart names in grid order (2 per row); each name is a SegmentCharts method
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tiers", ("pyramid", "abcd")),
    ("rfm", ("rfm_grid", "segments")),
    ("lifecycle", ("lifecycle", "churn")),
    ("frequency", ("visits_distribution", "spend_distribution", "frequency_classes", "spend_classes")),
    ("preferences", ("preference", "favourite_category", "source", "age_band")),
)
MOVEMENTS_TAB = "movements"


def create_view(ctx: AppContext) -> QWidget:
    return SegmentsView(ctx)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class SegmentsView(QWidget):
    overview_loaded = Signal()  # figures of the chosen snapshot arrived (tests, screenshots)
    movement_loaded = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.snapshots: list[SnapshotChoice] = []
        self.overview: Overview | None = None
        self.movement: Movement | None = None
        self.charts: dict[str, Any] = {}  # chart name -> ChartCanvas
        self.drawer: Any = None  # SegmentCharts, once matplotlib is loaded
        self._drawn: dict[str, int] = {}  # chart name -> generation of the figures it shows
        self._generation = 0
        self._data_generation = 0  # the load whose figures self.overview holds (0: none arrived yet)
        self._move_generation = 0
        self.reloader = ReloadWhenShown(self, self.refresh_snapshots, REFRESH_KINDS)
        self.job: Job | None = None
        self.dialogs: list[MemberListDialog] = []

        # ---- which snapshot, and a new classification
        self.snapshot_box = QComboBox()
        self.snapshot_box.setObjectName("snapshotBox")
        self.snapshot_box.setMinimumContentsLength(28)
        self.snapshot_box.currentIndexChanged.connect(lambda _i: self.load_overview())
        self.as_of = QDateEdit()
        self.as_of.setObjectName("classifyAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        DateTyping.install(self.as_of)  # 20260906 typed in one go works like 2026-9-6
        self.as_of.setDate(QDate.currentDate())
        self.as_of.setMaximumDate(QDate.currentDate())
        self.window_days = QSpinBox()
        self.window_days.setObjectName("classifyWindow")
        self.window_days.setRange(7, 3650)
        self.window_days.setSingleStep(30)
        self.window_days.setValue(ctx.settings.rules.window_days)
        self.window_days.setSuffix(self.tr(" days"))
        self.classify_button = QPushButton(self.tr("&Classify"))
        self.classify_button.setObjectName("primary")
        self.classify_button.setToolTip(self.tr("Classify every member as of this day over this window and keep "
                                                "the result as a new snapshot"))
        self.classify_button.clicked.connect(self.classify)
        self.last_sale_button = QPushButton(self.tr("Last sale day"))
        self.last_sale_button.setToolTip(self.tr("Set the day to the last recorded sale (for an imported history)"))
        self.last_sale_button.clicked.connect(self._as_of_last_sale)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_classification)
        self.info = hint_label()

        # Title and the classification shown on one row, classifying anew on the next: on one row
        # they cut the title and the combo at 1024 pixels.
        title_row = QHBoxLayout()
        title_row.addWidget(title_label(self.tr("Tiers & segments")))
        title_row.addSpacing(12)
        title_row.addWidget(QLabel(self.tr("Showing")))
        title_row.addWidget(self.snapshot_box, 1)
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Classify as of")))
        top.addWidget(self.as_of)
        top.addWidget(self.last_sale_button)
        top.addWidget(QLabel(self.tr("over")))
        top.addWidget(self.window_days)
        top.addWidget(self.classify_button)

        # ---- tabs
        self.tabs = QTabWidget()
        self.tabs.setObjectName("segmentTabs")
        self.slots: dict[str, QGridLayout] = {}
        titles = {"tiers": self.tr("Tiers and value"), "rfm": self.tr("RFM"), "lifecycle": self.tr("Lifecycle"),
                  "frequency": self.tr("Frequency and spend"), "preferences": self.tr("Preferences and sources")}
        for key, _names in TABS:
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(4, 4, 4, 4)
            grid.setSpacing(6)
            self.slots[key] = grid
            self.tabs.addTab(page, titles[key])
        self.tabs.addTab(self._movements_page(), self.tr("Movements"))
        self.tab_keys = [k for k, _n in TABS] + [MOVEMENTS_TAB]
        self.tabs.currentChanged.connect(lambda _i: self._show_current_tab())

        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        ctx.operation_finished.connect(self.reloader.data_changed)
        ctx.settings_changed.connect(self._settings_changed)
        when_ready(self._charts_ready, owner=self)
        self.refresh_snapshots()

    def _movements_page(self) -> QWidget:
        page = QWidget()
        self.from_box = QComboBox()
        self.from_box.setObjectName("movementFrom")
        self.to_box = QComboBox()
        self.to_box.setObjectName("movementTo")
        self.move_class_box = QComboBox()
        self.move_class_box.setObjectName("movementClassification")
        for name in MOVEMENT_CLASSIFICATIONS:
            self.move_class_box.addItem(classification_title(name), name)
        for box in (self.from_box, self.to_box, self.move_class_box):
            box.currentIndexChanged.connect(lambda _i: self.load_movement())
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("From")))
        controls.addWidget(self.from_box, 1)
        controls.addWidget(QLabel(self.tr("to")))
        controls.addWidget(self.to_box, 1)
        controls.addWidget(QLabel(self.tr("by")))
        controls.addWidget(self.move_class_box)
        self.move_hint = hint_label()
        layout = QVBoxLayout(page)
        layout.addLayout(controls)
        layout.addWidget(self.move_hint)
        self.move_slot = QGridLayout()
        layout.addLayout(self.move_slot, 1)
        return page

    # ---- main-window hooks ----------------------------------------------------------------------------
    def on_shown(self) -> None:
        self.reloader.shown()

    def _settings_changed(self, settings: Any) -> None:
        if self.drawer is not None and self.drawer.currency != settings.currency:
            self.drawer.currency = settings.currency
            self._drawn.clear()
            self._redraw_all()


    # ---- snapshots --------------------------------------------------------------------------------------
    def snapshot_text(self, snap: SnapshotChoice) -> str:
        return self.tr("{as_of} · {days} days · {members} members").format(
            as_of=snap.as_of.isoformat(), days=snap.window_days, members=f"{snap.members:,}")

    def snapshot_tooltip(self, snap: SnapshotChoice) -> str:
        return self.tr("Classified as of {as_of} over the {days} days before; run on {run}").format(
            as_of=snap.as_of.isoformat(), days=snap.window_days, run=snap.created_at.strftime("%Y-%m-%d %H:%M"))

    def refresh_snapshots(self, select_id: int | None = None) -> None:
        """Re-read the list of snapshots; keep the chosen one (or choose `select_id`, else the latest)."""
        current = select_id if select_id is not None else self.snapshot_box.currentData()
        try:
            self.snapshots = list_snapshots(self.ctx.db)
        except Exception as exc:  # noqa: BLE001 - shown, the screen stays usable
            self.ctx.show_error(exc, self)
            return
        for box, wanted in ((self.snapshot_box, current), (self.from_box, self.from_box.currentData()),
                            (self.to_box, self.to_box.currentData())):
            box.blockSignals(True)
            box.clear()
            for snap in self.snapshots:
                box.addItem(self.snapshot_text(snap), snap.id)
                box.setItemData(box.count() - 1, self.snapshot_tooltip(snap), Qt.ItemDataRole.ToolTipRole)
            index = box.findData(wanted) if wanted is not None else -1
            box.setCurrentIndex(index if index >= 0 else 0 if self.snapshots else -1)
            box.blockSignals(False)
        if len(self.snapshots) > 1 and self.from_box.currentData() == self.to_box.currentData():
            self.to_box.setCurrentIndex(0)
            self.from_box.setCurrentIndex(1)
        self.snapshot_box.setEnabled(bool(self.snapshots))
        self.load_overview()
        self.load_movement()

    def chosen_snapshot(self) -> SnapshotChoice | None:
        wanted = self.snapshot_box.currentData()
        return next((s for s in self.snapshots if s.id == wanted), None)

    def snapshot_by_id(self, snapshot_id: int) -> SnapshotChoice | None:
        return next((s for s in self.snapshots if s.id == snapshot_id), None)

    # ---- loading figures -------------------------------------------------------------------------------
    def load_overview(self) -> None:
        self._generation += 1
        generation = self._generation
        snap = self.chosen_snapshot()
        if snap is None:
            self.overview = None
            self._data_generation = generation
            self.info.setText(self.tr("Not classified yet: choose the day and window above and press Classify."))
            self._redraw_all()
            self.overview_loaded.emit()
            return
        self.as_of.setDate(qdate(min(snap.as_of, dt.date.today())))
        self.window_days.setValue(snap.window_days)
        self.info.setText(self.tr("Loading ..."))
        db, snapshot_id = self.ctx.db, snap.id
        self.ctx.read(lambda _c: overview(db, snapshot_id),
                      on_done=lambda data: self._overview_arrived(generation, data),
                      on_error=lambda exc: self._load_failed(generation, exc))

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.info.setText("")
            self.ctx.show_error(exc, self)

    def _overview_arrived(self, generation: int, data: Overview) -> None:
        if generation != self._generation:
            return
        self.overview = data
        self._data_generation = generation
        latest = self.snapshots[0].id if self.snapshots else None
        note = "" if data.snapshot.id == latest else " " + self.tr("(an older classification)")
        self.info.setText(self.tr("{members} active members classified as of {as_of} over {days} days; "
                                  "click a bar or cell to list its members.").format(
            members=f"{data.members:,}", as_of=data.snapshot.as_of.isoformat(), days=data.snapshot.window_days)
            + note)
        self._redraw_all()
        self.overview_loaded.emit()

    def load_movement(self) -> None:
        self._move_generation += 1
        generation = self._move_generation
        earlier, later = self.from_box.currentData(), self.to_box.currentData()
        name = self.move_class_box.currentData()
        if earlier is None or later is None or len(self.snapshots) < 2:
            self.movement = None
            self.move_hint.setText(self.tr("Movements need two classifications: classify again on a later day "
                                           "(or an earlier one) to compare."))
            self._draw_movement()
            self.movement_loaded.emit()
            return
        self.move_hint.setText(self.tr("Loading ..."))
        db = self.ctx.db
        self.ctx.read(lambda _c: movement(db, int(earlier), int(later), str(name)),
                      on_done=lambda data: self._movement_arrived(generation, data),
                      on_error=lambda exc: self._movement_failed(generation, exc))

    def _movement_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._move_generation:
            self.ctx.show_error(exc, self)

    def _movement_arrived(self, generation: int, data: Movement) -> None:
        if generation != self._move_generation:
            return
        self.movement = data
        totals = summarise(data)
        if totals.up is not None:
            text = self.tr("{up} moved up, {down} moved down, {same} stayed, {new} were not classified then.").format(
                up=f"{totals.up:,}", down=f"{totals.down:,}", same=f"{totals.same:,}", new=f"{totals.new:,}")
        else:
            text = self.tr("{changed} changed class, {same} stayed, {new} were not classified then.").format(
                changed=f"{totals.changed:,}", same=f"{totals.same:,}", new=f"{totals.new:,}")
        self.move_hint.setText(text + " " + self.tr("Click a cell to list its members."))
        self._draw_movement()
        self.movement_loaded.emit()

    # ---- charts ----------------------------------------------------------------------------------------
    def _charts_ready(self) -> None:
        library = chart_library()
        if library.state != "ready":
            self.info.setText(self.tr("Charts are not available: {error}").format(error=library.error))
            return
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.segments.charts import SegmentCharts

        self.drawer = SegmentCharts(self.ctx.settings.currency, self)
        self._show_current_tab()

    def _new_chart(self, name: str, grid: QGridLayout, position: int) -> Any:
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts.canvas import ChartCanvas

        chart = ChartCanvas(minimum_height=240)
        chart.setObjectName(f"chart_{name}")
        chart.activated.connect(self.drill)
        grid.addWidget(chart, position // 2, position % 2)
        self.charts[name] = chart
        return chart

    def current_tab(self) -> str:
        return self.tab_keys[self.tabs.currentIndex()]

    def _show_current_tab(self) -> None:
        if self.drawer is None:
            return
        key = self.current_tab()
        if key == MOVEMENTS_TAB:
            if "movement" not in self.charts:
                self._new_chart("movement", self.move_slot, 0)
                self._draw_movement()
            return
        names = dict(TABS)[key]
        for i, name in enumerate(names):
            if name not in self.charts:
                self._new_chart(name, self.slots[key], i)
        self._draw_tab(key)

    def _draw_tab(self, key: str) -> None:
        for name in dict(TABS)[key]:
            chart = self.charts.get(name)
            # Marked with the figures drawn, not the load asked for: a chart drawn while they were on
            # their way ("Loading ...", or the previous classification) is drawn again when they come.
            if chart is None or self._drawn.get(name) == self._data_generation:
                continue
            self._drawn[name] = self._data_generation
            self._draw_one(name, chart)

    def _draw_one(self, name: str, chart: Any) -> None:
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts import draw

        if self.overview is None:
            text = (self.tr("Not classified yet: choose the day and window above and press Classify.")
                    if not self.snapshots else self.tr("Loading ..."))
            draw.message(chart, "", text)
            return
        method: Callable[[Any, Overview], None] = getattr(self.drawer, name)
        method(chart, self.overview)

    def _redraw_all(self) -> None:
        """New figures: draw the visible tab now, the others when they are shown."""
        if self.drawer is not None and self.current_tab() != MOVEMENTS_TAB:
            self._draw_tab(self.current_tab())

    def _draw_movement(self) -> None:
        chart = self.charts.get("movement")
        if chart is None or self.drawer is None:
            return
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.charts import draw

        if self.movement is None:
            draw.message(chart, self.tr("Movements"), self.move_hint.text())
            return
        self.drawer.movement(chart, self.movement)

    def chart(self, name: str) -> Any:
        """The ChartCanvas of a chart name (tests, screenshots); None until its tab was shown."""
        return self.charts.get(name)

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(self.tab_keys.index(key))

    # ---- drill-down ------------------------------------------------------------------------------------
    def drill(self, key: Any) -> None:
        """A bar or cell was clicked: open its members."""
        # lazy: matplotlib loads with the first chart, keeping start-up fast
        from shopcrm.gui.segments.charts import Drill

        if not isinstance(key, Drill):
            return
        latest = self.snapshots[0].id if self.snapshots else None
        flt = member_filter_for(key.cell, latest)
        if flt is not None:
            self.ctx.navigate_requested.emit("members", flt)
            return
        snap = self.snapshot_by_id(key.cell.snapshot_id)
        if snap is None:
            return
        dialog = MemberListDialog(self.ctx, key.cell, snap, key.title, self)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()

    # ---- classification --------------------------------------------------------------------------------
    def _as_of_last_sale(self) -> None:
        last = last_sale(self.ctx.db)
        if last is not None:
            self.as_of.setDate(qdate(last.date()))

    def classify(self) -> None:
        if self.job is not None and not self.job.done:
            return
        as_of, window = pydate(self.as_of.date()), self.window_days.value()
        job = self.ctx.run(classification_job(self.ctx.db, as_of, window),
                           label=self.tr("Classifying members"), kind="classification",
                           on_done=self._classified, on_progress=self._progress, parent=self,
                           show_progress=True,  # the status bar keeps it (and Cancel) on other screens
                           classifying=True)  # with the automatic runs, never in front of a sale
        job.finished.connect(self._job_finished)
        job.cancelled.connect(lambda: self.info.setText(self.tr("Classification cancelled; nothing was stored.")))
        self.job = job
        self.classify_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.info.setText(self.tr("Classifying as of {as_of} over {days} days ...").format(
            as_of=as_of.isoformat(), days=window))

    def _progress(self, done: float, total: float, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(1.0, done / total)))
        if text:
            self.info.setText(text)

    def _classified(self, snapshot_id: Any) -> None:
        if isinstance(snapshot_id, int):
            self.refresh_snapshots(select_id=snapshot_id)

    def _job_finished(self) -> None:
        self.classify_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()

    def cancel_classification(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
