"""Members screen: lazy SQL-backed table, search, filters, add/edit, detail, archive, erase."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member, product, snapshot
from input_events import (
    allow_message_boxes,
    choose,
    click,
    click_row,
    double_click_row,
    file_name,
    press,
    press_key,
    when_dialog,
)
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from shopcrm.gui.context import AppContext
from shopcrm.gui.members.detail import MemberDetail
from shopcrm.gui.members.member_dialog import MemberDialog
from shopcrm.gui.members.table_model import MemberTableModel
from shopcrm.gui.members.view import MembersView
from shopcrm.services.members.feedback import FeedbackInput, add_feedback
from shopcrm.services.members.records import get_member
from shopcrm.services.members.table import COLUMN_KEYS, MemberFilter
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(ctx: AppContext) -> dict[str, Any]:
    a = member(ctx.db, "13800000001", "Zhang Wei", area="Office park", tags=["cake"])
    b = member(ctx.db, "13800000002", "Li Na", birthday="1990-05-03")
    c = member(ctx.db, "13900005678", "Wang Fang", consent=True)
    bread = product(ctx.db, "Croissant", 1200)
    record_purchase(ctx.db, PurchaseInput(member_id=b.id, lines=[LineInput(bread.id, 2)]))
    record_purchase(ctx.db, PurchaseInput(member_id=c.id, lines=[], total_cents=9900))
    snapshot(ctx.db, {
        a.id: {"segment": "champions", "pyramid": "gold", "reasons": {"segment": "bought 30 times"}},
        b.id: {"segment": "at_risk", "pyramid": "lead", "churn_level": "high",
               "reasons": {"churn_level": "last visit 47 days ago; usually every 6 days"},
               "recommendations": [bread.id]},
        c.id: {"segment": "at_risk", "pyramid": "iron"},
    })
    return {"a": a, "b": b, "c": c, "bread": bread}


@pytest.fixture
def members_view(qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> MembersView:
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3 and not view.model.loading, timeout=5000)
    qtbot.waitUntil(lambda: view.filter_boxes["segment"].count() > 1, timeout=5000)
    return view


def _names(view: MembersView) -> list[str]:
    col = COLUMN_KEYS.index("name")
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester: Any, qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> None:
    model = MemberTableModel(ctx)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    qtmodeltester.check(model, force_py=False)


def test_detail_models_pass_qt_model_tester(qtmodeltester: Any, qtbot: Any, ctx: AppContext,
                                            shop: dict[str, Any]) -> None:
    add_feedback(ctx.db, FeedbackInput(member_id=shop["b"].id, rating_service=2, comment="slow"))
    detail = MemberDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_member(shop["b"].id)
    for model in (detail.purchases, detail.points, detail.feedback, detail.classes):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=False)


def test_table_shows_members_with_classes(members_view: MembersView) -> None:
    assert sorted(_names(members_view)) == ["Li Na", "Wang Fang", "Zhang Wei"]
    assert members_view.count_label.text() == "3 members"
    row = members_view.model.row_of(members_view.model.member_id(0))
    seg = members_view.model.index(row, COLUMN_KEYS.index("segment")).data()
    assert seg in ("Champions", "Slipping away")


def test_search_by_last_four_digits_and_name(qtbot: Any, members_view: MembersView) -> None:
    qtbot.keyClicks(members_view.search, "5678")
    qtbot.keyClick(members_view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _names(members_view) == ["Wang Fang"], timeout=5000)
    qtbot.keyClick(members_view.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # typed over
    qtbot.keyClicks(members_view.search, "li")
    qtbot.keyClick(members_view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _names(members_view) == ["Li Na"], timeout=5000)
    assert members_view.count_label.text() == "1 member"


def test_filter_by_segment_and_tier(qtbot: Any, members_view: MembersView) -> None:
    box = members_view.filter_boxes["segment"]
    texts = [box.itemText(i) for i in range(box.count())]
    assert "Slipping away (2)" in texts and "Champions (1)" in texts
    choose(box, "Slipping away (2)")  # arrow keys on the focused combo box
    qtbot.waitUntil(lambda: sorted(_names(members_view)) == ["Li Na", "Wang Fang"], timeout=5000)
    tier = members_view.filter_boxes["pyramid"]
    qtbot.waitUntil(lambda: tier.findData("iron") >= 0, timeout=5000)
    choose(tier, tier.itemText(tier.findData("iron")))
    qtbot.waitUntil(lambda: _names(members_view) == ["Wang Fang"], timeout=5000)
    click(members_view.clear_button)
    qtbot.waitUntil(lambda: len(_names(members_view)) == 3, timeout=5000)


def test_drill_down_filter_from_another_screen(qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> None:
    """A click on the Gold band of the Tiers & segments pyramid opens this screen showing the gold members."""
    from input_events import open_screen, show_active

    from shopcrm.gui.charts.loader import chart_library
    from shopcrm.gui.main_window import MainWindow
    from shopcrm.gui.segments.charts import Drill
    from shopcrm.gui.segments.view import SegmentsView

    chart_library().start()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    show_active(window)
    segments = open_screen(window, "segments")
    assert isinstance(segments, SegmentsView)
    qtbot.waitUntil(lambda: segments.chart("pyramid") is not None  # drawn with its bands, not "Loading ..."
                    and any(isinstance(t.key, Drill) for t in segments.chart("pyramid").targets), timeout=60_000)
    chart = segments.chart("pyramid")
    gold = next(t.key for t in chart.targets if isinstance(t.key, Drill) and t.key.cell.code == "gold")
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=chart.target_point(gold))
    qtbot.waitUntil(lambda: window.current_key() == "members", timeout=3_000)
    members_view = window.view("members")
    assert isinstance(members_view, MembersView)
    qtbot.waitUntil(lambda: not members_view.model.loading and _names(members_view) == ["Zhang Wei"], timeout=10_000)
    assert members_view.filter_boxes["pyramid"].currentData() == "gold"
    ctx.wait_idle(10)


def test_a_drill_down_with_several_classes_stays_whole_while_other_filters_change(
        qtbot: Any, members_view: MembersView) -> None:
    # No chart or list hands over several classes today (a drill-down gives one); this filter comes the way
    # a screen's drill-down hands its filter to the Members screen (MainWindow.show_screen -> open_item).
    members_view.open_item(MemberFilter(pyramid=("gold", "iron")))  # the one filter a campaign list also takes
    qtbot.waitUntil(lambda: sorted(_names(members_view)) == ["Wang Fang", "Zhang Wei"], timeout=5000)
    tier = members_view.filter_boxes["pyramid"]
    assert tier.currentText() == "Gold / Iron" and tier.currentData() == ("gold", "iron")
    segment = members_view.filter_boxes["segment"]
    choose(segment, segment.itemText(segment.findData("at_risk")))  # arrow keys on the focused combo box
    qtbot.waitUntil(lambda: _names(members_view) == ["Wang Fang"], timeout=5000)
    assert members_view.model.filter.pyramid == ("gold", "iron")
    assert members_view.model.filter.segment == ("at_risk",)
    choose(tier, tier.itemText(0))  # "Any tier"
    qtbot.waitUntil(lambda: sorted(_names(members_view)) == ["Li Na", "Wang Fang"], timeout=5000)
    assert members_view.model.filter.pyramid == ()


def test_sort_in_sql_by_points(qtbot: Any, members_view: MembersView) -> None:
    col = COLUMN_KEYS.index("points")
    header = members_view.table.horizontalHeader()
    members_view.table.scrollTo(members_view.model.index(0, col))
    spot = QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2, header.height() // 2)
    click(header.viewport(), spot)  # a click on the column title sorts ascending, a second descending
    qtbot.waitUntil(lambda: members_view.model.sort_key == "points" and not members_view.model.loading, timeout=5000)
    if not members_view.model.descending:
        click(header.viewport(), spot)
    qtbot.waitUntil(lambda: members_view.model.descending and not members_view.model.loading, timeout=5000)
    qtbot.waitUntil(lambda: _names(members_view)[0] == "Wang Fang", timeout=5000)
    points = [members_view.model.index(r, col).data() for r in range(3)]
    assert points == ["99", "24", "0"]


def test_select_shows_history_classes_and_reasons(qtbot: Any, members_view: MembersView, shop: dict[str, Any]) -> None:
    click_row(members_view.table, members_view.model.row_of(shop["b"].id), COLUMN_KEYS.index("name"))
    detail = members_view.detail
    qtbot.waitUntil(lambda: detail.header.text() == "Li Na", timeout=5000)
    assert detail.header.text() == "Li Na"
    assert detail.purchases.rowCount() == 1
    assert "Croissant ×2" in detail.purchases.index(0, 2).data()
    assert detail.purchases.index(0, 1).data() == "¥24.00"
    classes = {detail.classes.index(r, 0).data(): (detail.classes.index(r, 1).data(), detail.classes.index(r, 2).data())
               for r in range(detail.classes.rowCount())}
    assert classes["Churn warning"] == ("High", "last visit 47 days ago; usually every 6 days")
    assert classes["Customer pyramid"][0] == "Lead"
    assert "Croissant" in detail.recommend.text()
    assert detail.points.rowCount() == 1 and detail.points.index(0, 2).data() == "+24"


def test_add_member_with_field_validation(qtbot: Any, ctx: AppContext, members_view: MembersView) -> None:
    click(members_view.new_button)
    qtbot.waitUntil(lambda: members_view.findChild(MemberDialog) is not None)
    dialog = members_view.findChild(MemberDialog)
    qtbot.keyClicks(dialog.phone, "13800000001")  # Zhang Wei's phone
    qtbot.keyClicks(dialog.name, "Someone")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    click(save)
    qtbot.waitUntil(lambda: dialog.errors.label("phone").isVisible(), timeout=5000)
    assert "already belongs to member" in dialog.errors.label("phone").text()
    click(dialog.phone)
    qtbot.keyClick(dialog.phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # typed over
    qtbot.keyClicks(dialog.phone, "13700001111")
    qtbot.keyClicks(dialog.card_no, "bad card!")
    click(save)
    qtbot.waitUntil(lambda: dialog.errors.label("card_no").isVisible(), timeout=5000)
    assert not dialog.errors.label("phone").isVisible()
    click(dialog.card_no)
    qtbot.keyClick(dialog.card_no, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.card_no, Qt.Key.Key_Backspace)  # the bad card number taken out
    click(save)
    qtbot.waitUntil(lambda: len(_names(members_view)) == 4, timeout=5000)
    qtbot.waitUntil(lambda: members_view.detail.member is not None and members_view.detail.member.name == "Someone",
                    timeout=5000)


def test_edit_member(qtbot: Any, ctx: AppContext, members_view: MembersView, shop: dict[str, Any]) -> None:
    double_click_row(members_view.table, members_view.model.row_of(shop["a"].id), COLUMN_KEYS.index("name"))
    qtbot.waitUntil(lambda: members_view.findChild(MemberDialog) is not None
                    and members_view.findChild(MemberDialog).isVisible(), timeout=5000)
    dialog = members_view.findChild(MemberDialog)
    assert dialog.phone.text() == "13800000001" and dialog.tags.text() == "cake"
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " Jr")
    click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: "Zhang Wei Jr" in _names(members_view), timeout=5000)
    assert get_member(ctx.db, shop["a"].id).name == "Zhang Wei Jr"


def test_archive_and_erase(qtbot: Any, ctx: AppContext, members_view: MembersView, shop: dict[str, Any],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    allow_message_boxes(monkeypatch)
    click_row(members_view.table, members_view.model.row_of(shop["a"].id), COLUMN_KEYS.index("name"))
    asked: list[str] = []
    when_dialog(press(QMessageBox.StandardButton.Yes), kind=QMessageBox, seen=asked)
    click(members_view.archive_button)
    qtbot.waitUntil(lambda: "Zhang Wei" not in _names(members_view), timeout=5000)
    assert get_member(ctx.db, shop["a"].id).status == "archived"

    click_row(members_view.table, members_view.model.row_of(shop["b"].id), COLUMN_KEYS.index("name"))
    asked.clear()
    when_dialog(_press_erase, kind=QMessageBox, seen=asked)
    click(members_view.erase_button)
    assert asked and "Li Na" in asked[0]  # the owner is asked before anything is erased
    qtbot.waitUntil(lambda: "Li Na" not in _names(members_view), timeout=5000)
    assert get_member(ctx.db, shop["b"].id).status == "erased"
    assert members_view.detail.member is None


def test_erase_cancelled_changes_nothing(qtbot: Any, ctx: AppContext, members_view: MembersView,
                                         shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    allow_message_boxes(monkeypatch)
    click_row(members_view.table, members_view.model.row_of(shop["b"].id), COLUMN_KEYS.index("name"))
    asked: list[str] = []
    when_dialog(press_key(Qt.Key.Key_Escape), kind=QMessageBox, seen=asked)  # closed without pressing Erase
    click(members_view.erase_button)
    ctx.wait_idle()
    assert asked and "Li Na" in asked[0]
    assert get_member(ctx.db, shop["b"].id).status == "active"


def test_member_filter_dataclass_from_dict() -> None:
    flt = MemberFilter.from_dict({"segment": "loyal", "member_ids": [3, 1], "unknown": 1})
    assert flt.segment == ("loyal",) and flt.member_ids == (3, 1)


def _press_erase(box: Any) -> None:
    """The "Erase member" question answered with a click on its Erase button."""
    click(next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole))


def test_erase_needs_the_owner_password(qtbot: Any, ctx: AppContext, members_view: MembersView,
                                        shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from test_owner_password import answer_password_dialog

    from shopcrm.services.shop.owner_password import set_owner_password

    set_owner_password(ctx.db, "owner-only")
    allow_message_boxes(monkeypatch)
    click_row(members_view.table, members_view.model.row_of(shop["b"].id), COLUMN_KEYS.index("name"))
    when_dialog(_press_erase, kind=QMessageBox)
    seen = answer_password_dialog("wrong")  # refused in the dialog, then cancelled
    click(members_view.erase_button)
    ctx.wait_idle()
    assert seen.reasons == ["Erasing a member needs the owner password."]
    assert seen.errors == ["The owner password is wrong."]
    kept = get_member(ctx.db, shop["b"].id)
    assert kept.status == "active" and kept.name == "Li Na" and kept.phone == "+8613800000002"

    when_dialog(_press_erase, kind=QMessageBox)
    seen = answer_password_dialog("owner-only")
    click(members_view.erase_button)
    qtbot.waitUntil(lambda: "Li Na" not in _names(members_view), timeout=10000)
    assert seen.opened == 1 and seen.errors == []
    erased = get_member(ctx.db, shop["b"].id)
    assert erased.status == "erased" and erased.name is None and erased.phone is None


def test_erase_refused_by_the_service_shows_its_message(qtbot: Any, ctx: AppContext, members_view: MembersView,
                                                        shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The service checks again (the password may change after the dialog): its translated message."""
    from PySide6.QtTest import QTest

    from shopcrm.gui.owner_password_dialog import OwnerPasswordDialog
    from shopcrm.services.shop.owner_password import set_owner_password

    set_owner_password(ctx.db, "owner-only")
    allow_message_boxes(monkeypatch)
    warned: list[str] = []

    def right_password_then_changed(dialog: Any) -> None:
        QTest.keyClicks(dialog.password, "owner-only")
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # taken by the dialog ...
        set_owner_password(ctx.db, "changed-meanwhile", "owner-only")  # ... and changed (Settings) before the erase

    click_row(members_view.table, members_view.model.row_of(shop["c"].id), COLUMN_KEYS.index("name"))
    when_dialog(_press_erase, kind=QMessageBox)
    when_dialog(right_password_then_changed, kind=OwnerPasswordDialog)
    click(members_view.erase_button)
    when_dialog(press(QMessageBox.StandardButton.Ok), kind=QMessageBox, seen=warned)  # the service's refusal
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert warned == ["The owner password is wrong."]
    assert get_member(ctx.db, shop["c"].id).name == "Wang Fang"

    # No password at all reaching the service while one is set needs the password to be set between the
    # dialog-less question and the worker's run: a race no key or click can stage, so the erase is started
    # here as the Erase button starts it after its questions; the refusal is still read off the real box.
    ctx.set_language("zh_CN")
    when_dialog(press(QMessageBox.StandardButton.Ok), kind=QMessageBox, seen=warned)
    members_view.run_erase(shop["c"].id, None)
    qtbot.waitUntil(lambda: len(warned) == 2, timeout=10000)
    assert warned[1] == "此操作需要店主密码。"  # no command-line options in a window
    assert get_member(ctx.db, shop["c"].id).status == "active"


def test_a_filter_s_count_is_the_length_of_the_list_it_gives_for_the_status_shown(
    qtbot: Any, members_view: MembersView, shop: dict[str, Any]
) -> None:
    """Archived members stay in the classification: the counts follow the status box, as the list does."""
    from PySide6.QtTest import QTest

    from shopcrm.services.members.records import archive_member

    archive_member(members_view.ctx.db, shop["c"].id)
    members_view.status_box.setFocus()
    QTest.keyClick(members_view.status_box, Qt.Key.Key_Down)  # Current -> Archived
    assert members_view.status_box.currentData() == "archived"
    box = members_view.filter_boxes["segment"]
    qtbot.waitUntil(lambda: box.findText("Slipping away (1)") >= 0, timeout=5000)
    assert [box.itemText(i) for i in range(box.count())] == ["Any RFM segment", "Slipping away (1)"]
    qtbot.waitUntil(lambda: _names(members_view) == ["Wang Fang (Archived)"], timeout=5000)
    QTest.keyClick(members_view.status_box, Qt.Key.Key_Up)  # back to the current members
    qtbot.waitUntil(lambda: box.findText("Slipping away (1)") >= 0 and box.findText("Champions (1)") >= 0, timeout=5000)
    qtbot.waitUntil(lambda: sorted(_names(members_view)) == ["Li Na", "Zhang Wei"], timeout=5000)


def test_print_and_export_what_the_table_shows(qtbot: Any, ctx: AppContext, members_view: MembersView,
                                               tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from shopcrm.services.shop import audit

    choose(members_view.filter_boxes["segment"], "Slipping away (2)")
    qtbot.waitUntil(lambda: sorted(_names(members_view)) == ["Li Na", "Wang Fang"], timeout=5000)
    target = tmp_path / "at risk.xlsx"
    when_dialog(file_name(target), kind=QFileDialog)  # the path typed into the real save dialog
    menu = members_view.output_button.menu()

    def pick_export() -> None:
        qtbot.waitUntil(menu.isVisible, timeout=5000)
        click(menu, menu.actionGeometry(members_view.output_button.export_action).center())

    QTimer.singleShot(0, pick_export)
    QTest.mouseClick(members_view.output_button, Qt.MouseButton.LeftButton)
    ctx.wait_idle(20)
    qtbot.waitUntil(target.exists, timeout=20000)
    rows = list(load_workbook(target).worksheets[0].iter_rows(min_row=1, values_only=True))
    names = [r[1] for r in rows if r and r[1] in ("Li Na", "Wang Fang", "Zhang Wei")]
    assert names == _names(members_view)  # the members shown, in the table's order
    assert all("****" in str(r[2]) for r in rows if r and r[1] in names)  # phones masked
    assert [e.action for e in audit.list_events(ctx.db, action=audit.EXPORT)] == [audit.EXPORT]


def test_classes_come_with_a_one_line_explanation(qtbot: Any, members_view: MembersView, shop: dict[str, Any]) -> None:
    click_row(members_view.table, members_view.model.row_of(shop["b"].id), COLUMN_KEYS.index("name"))
    detail = members_view.detail
    qtbot.waitUntil(lambda: detail.header.text() == "Li Na", timeout=5000)
    tips = {detail.classes.index(r, 0).data(): detail.classes.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(detail.classes.rowCount())}
    assert "R (how recently)" in tips["RFM segment"]
    assert "platinum are the few biggest spenders" in tips["Customer pyramid"]
    assert "R (how recently)" in detail.classes_hint.text()  # shown, not only on hover


def test_the_splitter_comes_back_where_the_owner_dragged_it(qtbot: Any, ctx: AppContext,
                                                            members_view: MembersView) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QSplitter

    splitter = members_view.findChild(QSplitter, "membersSplitter")
    before = splitter.sizes()
    handle = splitter.handle(1)
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(handle, QPoint(start.x() - 15 * step, start.y()))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(start.x() - 150, start.y()))
    qtbot.waitUntil(lambda: splitter.sizes()[0] < before[0] - 100, timeout=3000)
    dragged = splitter.sizes()
    qtbot.wait(700)  # stored once the drag has settled
    again = MembersView(ctx)  # the screen opened again (next start, or after a language switch)
    qtbot.addWidget(again)
    again.resize(members_view.size())
    again.show()
    qtbot.waitUntil(lambda: again.findChild(QSplitter, "membersSplitter").sizes() == dragged, timeout=3000)
