"""Privacy in the GUI behind the owner password — a member's data export and consent history from the
member detail, the audit log in Settings → Privacy — and feedback from the counter card (F9)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import member
from input_events import file_name, show_active, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QTableView, QWidget
from test_owner_password import answer_password_dialog

from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.view import CounterView
from shopcrm.gui.main_window import MainWindow
from shopcrm.gui.members.detail import FeedbackDialog
from shopcrm.gui.privacy.member_actions import ConsentHistoryDialog
from shopcrm.services.members.feedback import member_feedback
from shopcrm.services.members.records import MemberInput, update_member
from shopcrm.services.sales.purchases import PurchaseInput, member_history, record_purchase
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import set_owner_password

pytestmark = pytest.mark.gui
PASSWORD = "owner-only"


@pytest.fixture
def shop(ctx: AppContext) -> dict[str, Any]:
    a = member(ctx.db, "13800000001", "Zhang Wei", consent=True)
    b = member(ctx.db, "13800000002", "Li Na")
    update_member(ctx.db, a.id, MemberInput(phone="13800000001", name="Zhang Wei", consent=False))
    for channel, cents in (("store", 3000), ("store", 1000), ("delivery", 6000)):
        record_purchase(ctx.db, PurchaseInput(member_id=a.id, total_cents=cents, channel=channel))
    set_owner_password(ctx.db, PASSWORD)
    return {"a": a.id, "b": b.id}


@pytest.fixture
def window(qtbot: Any, ctx: AppContext, shop: dict[str, Any]) -> Any:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show_active(w)
    yield w
    ctx.wait_idle(10)


def open_member(qtbot: Any, window: MainWindow, member_id: int) -> Any:
    QTest.keyClick(window, Qt.Key.Key_F3)
    members = window.view("members")
    qtbot.waitUntil(lambda: not members.model.loading and members.model.row_of(member_id) >= 0, timeout=10_000)
    row = members.model.row_of(member_id)
    rect = members.table.visualRect(members.model.index(row, 1))
    QTest.mouseClick(members.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: members.detail.member is not None and members.detail.member.id == member_id,
                    timeout=10_000)
    return members.detail


def test_member_detail_shows_channel_shares(qtbot: Any, window: MainWindow, shop: dict[str, Any]) -> None:
    detail = open_member(qtbot, window, shop["a"])
    # one day: store visits count once (2 receipts) beside the delivery one; spend 4,000 of 10,000 in store
    assert detail.channels.text() == ("Channels: In store 50% of visits, 40% of spend, "
                                      "Delivery 50% of visits, 60% of spend")
    detail_b = open_member(qtbot, window, shop["b"])
    assert detail_b.channels.text() == "" and not detail_b.channels.isVisible()


def test_export_a_members_data_through_the_owner_password(qtbot: Any, ctx: AppContext, window: MainWindow,
                                                          shop: dict[str, Any], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    detail = open_member(qtbot, window, shop["a"])
    asked: list[str] = []
    target = tmp_path / "zhang"

    def save_as(dialog: QWidget) -> None:  # the real save dialog: note the name it offers, type ours
        asked.append(dialog.findChild(QLineEdit, "fileNameEdit").text())
        file_name(target)(dialog)

    stop = when_dialog(save_as, kind=QFileDialog)
    seen = answer_password_dialog("wrong")  # refused in the dialog, then cancelled
    QTest.mouseClick(detail.privacy.export_button, Qt.MouseButton.LeftButton)
    stop()  # no file is asked for after a wrong password
    assert seen.errors == ["The owner password is wrong."] and asked == []
    assert seen.reasons == ["Exporting a member's personal data needs the owner password."]

    when_dialog(save_as, kind=QFileDialog)
    seen = answer_password_dialog(PASSWORD)
    QTest.mouseClick(detail.privacy.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.privacy.last_export is not None, timeout=10_000)
    assert seen.opened == 1 and seen.errors == []
    assert asked and asked[0].startswith(f"personal-data-member-{shop['a']}-")
    written = target.with_suffix(".json")
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["member"]["name"] == "Zhang Wei" and len(data["purchases"]) == 3
    assert [e["consent"] for e in data["consent_history"]] == [True, False]
    assert str(written) in detail.privacy.status.text()
    events = audit.list_events(ctx.db, action=audit.PERSONAL_DATA_EXPORT)
    assert [e.detail["member_id"] for e in events] == [shop["a"]]


def test_consent_history_behind_the_owner_password(qtbot: Any, window: MainWindow, shop: dict[str, Any]) -> None:
    detail = open_member(qtbot, window, shop["a"])
    seen = answer_password_dialog(PASSWORD)
    QTest.mouseClick(detail.privacy.consent_button, Qt.MouseButton.LeftButton)
    assert seen.reasons == ["A member's consent history needs the owner password."]
    qtbot.waitUntil(lambda: bool(detail.privacy.dialogs), timeout=5_000)
    dialog = detail.privacy.dialogs[-1]
    assert isinstance(dialog, ConsentHistoryDialog)
    table = dialog.findChild(QTableView, "consentHistoryTable")
    model = table.model()
    rows = [[model.index(r, c).data() for c in (1, 2)] for r in range(model.rowCount())]
    assert rows == [["agreed", "Registered at the counter"], ["withdrawn", "Member edited"]]
    assert dialog.summary.text().startswith("Promotions: not agreed")
    dialog.close()

    seen = answer_password_dialog()  # Cancel: no dialog
    QTest.mouseClick(detail.privacy.consent_button, Qt.MouseButton.LeftButton)
    assert seen.opened == 1 and len(detail.privacy.dialogs) == 0


def test_audit_log_in_settings_needs_the_owner_password(qtbot: Any, ctx: AppContext, window: MainWindow,
                                                        shop: dict[str, Any], tmp_path: Path) -> None:
    from shopcrm.services.members.privacy import export_member_data

    export_member_data(ctx.db, shop["a"], tmp_path / "a.json", password=PASSWORD)
    QTest.keyClick(window, Qt.Key.Key_F7)
    settings = window.view("settings")
    bar = settings.tabs.tabBar()
    index = next(i for i in range(settings.tabs.count()) if settings.tabs.tabText(i) == "Privacy")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    panel = settings.tabs.currentWidget()
    assert not panel.unlocked and panel.model.rowCount() == 0
    assert panel.count.text() == "The audit log needs the owner password."

    seen = answer_password_dialog("guess", PASSWORD)
    QTest.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    assert seen.errors == ["The owner password is wrong."]
    assert panel.unlocked
    whats = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert whats == ["A member's data exported", "Owner password set"]
    assert panel.model.index(0, 2).data() == f"member {shop['a']} · 3 purchases · 3 points entries"  # each sale earned points

    panel.action_box.setFocus()
    QTest.keyClick(panel.action_box, Qt.Key.Key_End)  # the last kind: settings changed — none yet
    assert panel.model.rowCount() == 0 and panel.count.text() == "Nothing recorded yet."
    seen = answer_password_dialog()
    QTest.keyClick(panel.action_box, Qt.Key.Key_Home)  # everything again, without asking again
    assert seen.opened == 0 and panel.model.rowCount() == 2
    QApplication.processEvents()


# ---- feedback from the counter -------------------------------------------------------------------
@pytest.fixture
def counter(qtbot: Any, ctx: AppContext) -> CounterView:
    view = CounterView(ctx)
    qtbot.addWidget(view)
    show_active(view)
    view.initial_focus()
    return view


def feedback_dialog(qtbot: Any, counter: CounterView) -> FeedbackDialog:
    qtbot.waitUntil(lambda: counter.feedback.dialog is not None and counter.feedback.dialog.isVisible(),
                    timeout=5_000)
    dialog = counter.feedback.dialog
    assert dialog is not None
    return dialog


def test_f9_after_a_sale_takes_that_members_feedback(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    QTest.keyClick(counter.search, Qt.Key.Key_F9)  # nobody yet
    assert counter.feedback.dialog is None
    assert counter.result_label.text() == "Find the member first: feedback belongs to a member."

    m = member(ctx.db, "13800005678", "Zhang Wei")
    QTest.keyClicks(counter.search, "5678")
    QTest.keyClick(counter.search, Qt.Key.Key_Return)
    QTest.keyClick(counter.product, Qt.Key.Key_Return)
    QTest.keyClicks(counter.amount, "18.00")
    QTest.keyClick(counter.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in counter.result_label.text(), timeout=5_000)
    assert counter.member is None  # the card is cleared for the next customer ...
    sale = member_history(ctx.db, m.id, 1)[0]

    QTest.keyClick(counter.search, Qt.Key.Key_F9)  # ... and F9 still reaches the member who just paid
    dialog = feedback_dialog(qtbot, counter)
    assert dialog.windowTitle() == "Feedback from Zhang Wei"
    for field, stars in (("rating_product", "2"), ("rating_service", "5")):
        spin = dialog.ratings[field]
        spin.setFocus()
        spin.selectAll()
        QTest.keyClicks(spin, stars)
    QTest.keyClicks(dialog.comment, "Too sweet today")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counter.feedback.dialog is None, timeout=5_000)
    assert counter.result_label.text() == "Feedback from Zhang Wei saved."
    saved = member_feedback(ctx.db, m.id)
    assert [(f.rating_product, f.rating_service, f.rating_environment, f.comment) for f in saved] == [
        (2, 5, None, "Too sweet today")]
    from shopcrm.db.models import Feedback

    with ctx.db.read() as s:
        assert s.get(Feedback, saved[0].id).purchase_id == sale.id
    qtbot.waitUntil(counter.search.hasFocus, timeout=3_000)  # ready for the next customer


def test_the_button_on_the_card_is_for_the_member_on_it(qtbot: Any, ctx: AppContext, counter: CounterView) -> None:
    member(ctx.db, "13800001111", "Li Na")
    QTest.keyClicks(counter.search, "1111")
    QTest.keyClick(counter.search, Qt.Key.Key_Return)
    assert counter.member is not None
    QTest.mouseClick(counter.feedback.button, Qt.MouseButton.LeftButton)
    dialog = feedback_dialog(qtbot, counter)
    assert dialog.windowTitle() == "Feedback from Li Na" and dialog.purchase_id is None
    dialog.reject()
    qtbot.waitUntil(lambda: counter.feedback.dialog is None, timeout=5_000)
