"""Classes stay current (SPEC §9), as the owner meets it: the status bar says how fresh the classes
are and "updating…" while they are reclassified in the background after an import or its undo; a sale
rung up at the counter shows on the member's card with its new class and reason."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from input_events import show_active
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from test_import_wizard import sales_file, to_columns

from shopcrm.db.models import Member
from shopcrm.demo.shop import generate_demo
from shopcrm.gui import classes_keeper, registry
from shopcrm.gui.context import AppContext
from shopcrm.gui.import_wizard.view import ImportWizard
from shopcrm.gui.main_window import MainWindow
from shopcrm.labels import class_label
from shopcrm.services.classification.freshness import freshness
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.classification.run import classify
from shopcrm.services.shop import clock

pytestmark = pytest.mark.gui


def _window(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in ("counter", "members")])
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show_active(w)
    return w


def _fresh(window: MainWindow) -> bool:
    text = window.classification_label.text()
    return text.startswith("Classes as of ") and "updating" not in text and "out of date" not in text


def test_an_import_and_its_undo_reclassify_in_the_background(qtbot: Any, ctx: AppContext, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, ctx, monkeypatch)
    # an empty shop: nothing to do
    qtbot.waitUntil(lambda: window.classification_label.text() == "Not classified yet", timeout=10_000)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    to_columns(qtbot, wizard, sales_file(tmp_path / "三月流水.xlsx"))
    with qtbot.waitSignal(wizard.checked, timeout=30_000):
        qtbot.mouseClick(wizard.columns_page.check_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(wizard.finished, timeout=30_000):
        qtbot.mouseClick(wizard.check_page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "updating…" in window.classification_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: _fresh(window), timeout=60_000)
    assert freshness(ctx.db).stale is None
    with ctx.db.read() as s:
        imported = s.scalars(select(Member.id)).all()
    assert len(imported) == 3 and all(member_classes(ctx.db, m) is not None for m in imported)
    first = freshness(ctx.db).snapshot_id

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(wizard.undone, timeout=30_000):
        qtbot.mouseClick(wizard.result_page.undo_button, Qt.MouseButton.LeftButton)
    # the undo's full run replaces today's snapshot by a new one
    qtbot.waitUntil(lambda: _fresh(window) and freshness(ctx.db).snapshot_id != first, timeout=60_000)
    assert all(member_classes(ctx.db, m) is None for m in imported)  # the undone members left the classes too


def test_a_sale_at_the_counter_updates_the_card(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    generate_demo(ctx.db, members=120, months=6, seed=5, end=dt.datetime.now() - dt.timedelta(hours=3))
    classify(ctx.db)
    with ctx.db.read() as s:
        members = s.execute(select(Member.id, Member.phone).order_by(Member.id)).all()
    member_id, phone = next((m, p) for m, p in members
                            if (member_classes(ctx.db, m) or {}).get("classes", {}).get("pyramid") == "lead")
    window = _window(qtbot, ctx, monkeypatch)
    qtbot.waitUntil(lambda: _fresh(window), timeout=10_000)  # today's snapshot: no run on start
    created = freshness(ctx.db).created_at
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    counter = window.view("counter")
    assert counter is not None
    qtbot.keyClicks(counter.search, phone)
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.member is not None and counter.member.id == member_id, timeout=5000)
    lead = class_label("pyramid", "lead")
    assert f"Tier: {lead}" in counter.card_classes.text()

    qtbot.keyClick(counter.product, Qt.Key.Key_Return)  # no products: on to the amount
    qtbot.keyClicks(counter.amount, "50000")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5000)
    qtbot.waitUntil(lambda: _fresh(window), timeout=30_000)
    card = member_classes(ctx.db, member_id)
    assert card is not None and card["classes"]["pyramid"] == "platinum" and "top 1 %" in card["reasons"]["pyramid"]
    assert freshness(ctx.db).created_at == created  # one card, not a full run

    qtbot.keyClicks(counter.search, phone)  # the next time the member comes, the card says so
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: counter.member is not None and counter.member.id == member_id, timeout=5000)
    assert f"Tier: {class_label('pyramid', 'platinum')}" in counter.card_classes.text()
    window.grab().save(str(Path("/tmp") / "k_counter_after_sale.png"))


def test_on_start_yesterdays_classes_are_brought_up_to_date(qtbot: Any, ctx: AppContext,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    generate_demo(ctx.db, members=60, months=3, seed=2, end=dt.datetime.now() - dt.timedelta(days=1))
    classify(ctx.db, dt.date.today() - dt.timedelta(days=1))
    window = _window(qtbot, ctx, monkeypatch)
    qtbot.waitUntil(lambda: window.classification_label.text().endswith("· out of date"), timeout=10_000)
    window.classes_keeper.start()  # as the launcher does once the window is up
    qtbot.waitUntil(lambda: "updating…" in window.classification_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: _fresh(window), timeout=60_000)
    state = freshness(ctx.db)
    assert state.as_of == dt.date.today() and state.stale is None


def test_how_fresh_is_read_off_the_gui_thread(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reading is a database read: it runs on a reader thread, the window first says it is checking."""
    generate_demo(ctx.db, members=30, months=2, seed=3, end=dt.datetime.now() - dt.timedelta(hours=2))
    classify(ctx.db)
    threads: list[str] = []
    real = classes_keeper.freshness

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(classes_keeper, "freshness", recorded)
    window = _window(qtbot, ctx, monkeypatch)
    assert window.classification_label.text() == "Classes: checking…" or _fresh(window)
    qtbot.waitUntil(lambda: _fresh(window), timeout=10_000)
    assert threads and threading.main_thread().name not in threads


def test_the_open_program_reclassifies_when_the_day_changes(qtbot: Any, ctx: AppContext,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The shop leaves the program open overnight: after midnight the classes of yesterday are
    redone for the new day, without a restart."""
    yesterday = dt.date.today() - dt.timedelta(days=1)
    generate_demo(ctx.db, members=60, months=3, seed=2, end=dt.datetime.combine(yesterday, dt.time(18)))
    classify(ctx.db, yesterday)
    real_now = clock.now
    shift = [dt.timedelta(days=-1)]  # the program starts "yesterday evening"
    monkeypatch.setattr(clock, "now", lambda: real_now() + shift[0])
    window = _window(qtbot, ctx, monkeypatch)
    keeper = window.classes_keeper
    keeper.day_timer.setInterval(50)  # a look at the clock every 50 ms instead of every minute
    keeper.start()  # as the launcher does once the window is up
    qtbot.waitUntil(lambda: _fresh(window), timeout=10_000)  # yesterday's classes are yesterday's news
    assert window.classification_label.text() == f"Classes as of {yesterday.isoformat()}"
    first = freshness(ctx.db, today=yesterday).snapshot_id
    qtbot.wait(300)  # the timer ticks; still the same day: nothing runs
    assert freshness(ctx.db, today=yesterday).snapshot_id == first and not keeper.updating

    shift[0] = dt.timedelta(0)  # midnight passes
    qtbot.waitUntil(lambda: "updating…" in window.classification_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: _fresh(window), timeout=60_000)
    state = freshness(ctx.db)
    assert state.as_of == dt.date.today() and state.stale is None and state.snapshot_id != first
