"""The Catalogue screen and the counter's product search, driven by keys and clicks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui_helpers import product
from input_events import file_name, show_active, when_dialog
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from shopcrm.gui.catalogue.categories_dialog import CategoriesDialog
from shopcrm.gui.catalogue.price_list_dialog import PriceListDialog
from shopcrm.gui.catalogue.product_dialog import ProductDialog
from shopcrm.gui.catalogue.view import CatalogueView
from shopcrm.gui.context import AppContext
from shopcrm.gui.counter.view import CounterView
from shopcrm.services.sales.catalogue import find_product, list_catalogue, price_history

pytestmark = pytest.mark.gui


@pytest.fixture
def catalogue(qtbot: Any, ctx: AppContext) -> CatalogueView:
    view = CatalogueView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 700)
    show_active(view)
    return view


def _dialog(qtbot: Any, parent: Any, kind: type) -> Any:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(kind)), timeout=5000)
    return next(d for d in parent.findChildren(kind) if d.isVisible())


def _click_row(qtbot: Any, view: CatalogueView, name: str) -> None:
    names = [view.model.row(r).name for r in range(view.model.rowCount())]
    index = view.model.index(names.index(name), 1)
    rect = view.table.visualRect(index)
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    qtbot.waitUntil(lambda: view.selected() is not None and view.selected().name == name, timeout=2000)


def _save(dialog: Any) -> None:
    QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _shown(view: CatalogueView) -> list[str]:
    return [view.model.row(r).name for r in range(view.model.rowCount())]


def test_add_a_product_edit_its_price_and_retire_it(qtbot: Any, ctx: AppContext, catalogue: CatalogueView) -> None:
    QTest.mouseClick(catalogue.new_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, catalogue, ProductDialog)
    dialog.name.setFocus()
    dialog.name.insert("毛毛虫面包")  # Chinese arrives through the input method, not as key codes
    QTest.keyClicks(dialog.code, "b012")
    dialog.category.lineEdit().insert("面包")
    QTest.keyClicks(dialog.price, "0")
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.errors.label("price").isVisible(), timeout=5000)
    assert "more than ¥0" in dialog.errors.label("price").text()
    assert list_catalogue(ctx.db) == []  # nothing written
    dialog.price.selectAll()
    QTest.keyClicks(dialog.price, "12.345")
    QTest.keyClick(dialog.price, Qt.Key.Key_Return)  # Enter presses Save
    qtbot.waitUntil(lambda: "more than 2 decimals" in dialog.errors.label("price").text(), timeout=5000)
    dialog.price.selectAll()
    QTest.keyClicks(dialog.price, "12.50")
    QTest.keyClick(dialog.price, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: _shown(catalogue) == ["毛毛虫面包"], timeout=5000)
    added = find_product(ctx.db, "B012")
    assert (added.price_cents, added.category, added.initials) == (1250, "面包", "mmcmb")

    _click_row(qtbot, catalogue, "毛毛虫面包")
    QTest.mouseClick(catalogue.edit_button, Qt.MouseButton.LeftButton)
    edit = _dialog(qtbot, catalogue, ProductDialog)
    assert edit.price.text() == "12.50" and edit.focusWidget() is edit.price
    edit.price.selectAll()
    QTest.keyClicks(edit.price, "13.50")
    _save(edit)
    qtbot.waitUntil(lambda: not edit.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: find_product(ctx.db, "B012").price_cents == 1350, timeout=5000)
    assert [(c.old_price_cents, c.new_price_cents) for c in price_history(ctx.db, added.id)] == [(1250, 1350)]
    _click_row(qtbot, catalogue, "毛毛虫面包")
    QTest.keyClick(catalogue.table, Qt.Key.Key_Return)  # Enter on a row opens it too
    again = _dialog(qtbot, catalogue, ProductDialog)
    assert "¥12.50 → ¥13.50" in again.history.text()
    QTest.keyClick(again, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=2000)

    _click_row(qtbot, catalogue, "毛毛虫面包")
    assert catalogue.retire_button.text().replace("&", "") == "Retire"
    QTest.mouseClick(catalogue.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not find_product(ctx.db, "B012").active, timeout=5000)
    qtbot.waitUntil(lambda: _shown(catalogue) == [], timeout=5000)  # the "On sale" filter hides it now
    catalogue.state.setFocus()
    QTest.keyClick(catalogue.state, Qt.Key.Key_Down)  # On sale -> Retired
    assert _shown(catalogue) == ["毛毛虫面包"]
    _click_row(qtbot, catalogue, "毛毛虫面包")
    assert catalogue.retire_button.text().replace("&", "") == "Put on sale"


def test_duplicate_name_and_code_are_shown_beside_their_fields(qtbot: Any, ctx: AppContext, catalogue: CatalogueView) -> None:
    product(ctx.db, "Croissant", 900)
    with ctx.db.transaction() as s:
        from shopcrm.db.models import Product

        s.query(Product).update({"code": "C1"})
    QTest.keyClick(catalogue, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, catalogue, ProductDialog)
    QTest.keyClicks(dialog.name, "Croissant")
    QTest.keyClicks(dialog.price, "9")
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.errors.label("name").isVisible(), timeout=5000)
    assert "already exists" in dialog.errors.label("name").text()
    dialog.name.selectAll()
    QTest.keyClicks(dialog.name, "Pain au chocolat")
    QTest.keyClicks(dialog.code, "c1")
    _save(dialog)
    qtbot.waitUntil(lambda: dialog.errors.label("code").isVisible(), timeout=5000)
    assert "already used by Croissant" in dialog.errors.label("code").text()
    assert not dialog.errors.label("name").isVisible()
    assert [p.name for p in list_catalogue(ctx.db)] == ["Croissant"]


def test_review_filter_and_price_checked(qtbot: Any, ctx: AppContext, catalogue: CatalogueView, tmp_path: Path) -> None:
    from shopcrm.services.importing.run import import_file

    sheet = tmp_path / "sales.csv"
    sheet.write_text("日期,商品,数量,金额\n2025-03-01,奶茶,1,1015.50\n2025-03-02,奶茶,1,15.50\n2025-03-03,奶茶,1,15.50\n",
                     encoding="utf-8")
    product(ctx.db, "Croissant", 900)
    # On the writer thread, as the import wizard runs it: the screen hears "import" finish from the worker.
    ctx.run(lambda _c: import_file(ctx.db, sheet, "sales"), label="import", kind="import")
    ctx.wait_idle(20)
    qtbot.waitUntil(lambda: len(catalogue.products) == 2, timeout=5000)
    assert "1 to review" in catalogue.count_label.text()
    QTest.mouseClick(catalogue.review_only, Qt.MouseButton.LeftButton)
    assert _shown(catalogue) == ["奶茶"]
    assert catalogue.model.index(0, 3).data() == "¥15.50"  # the usual price, not the odd ¥1,015.50
    assert "price guessed from sales" in catalogue.model.index(0, 6).data()
    _click_row(qtbot, catalogue, "奶茶")
    QTest.mouseClick(catalogue.reviewed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _shown(catalogue) == [], timeout=5000)
    assert "0 to review" in catalogue.count_label.text()


def test_categories_add_and_rename(qtbot: Any, ctx: AppContext, catalogue: CatalogueView) -> None:
    product(ctx.db, "Croissant", 900, category="Bread")
    QTest.mouseClick(catalogue.categories_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, catalogue, CategoriesDialog)
    QTest.keyClicks(dialog.name, "Cake")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=5000)
    QTest.keyClicks(dialog.name, "Cake")
    QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "already exists" in dialog.error.text()
    bread = dialog.list.item(0)
    QTest.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     dialog.list.visualItemRect(bread).center())
    assert dialog.name.text() == "Bread"
    dialog.name.selectAll()
    QTest.keyClicks(dialog.name, "Breads")
    QTest.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: find_product(ctx.db, "Croissant").category == "Breads", timeout=5000)
    qtbot.waitUntil(lambda: catalogue.category.findText("Breads") >= 0, timeout=5000)


def test_import_a_price_list_with_preview(qtbot: Any, ctx: AppContext, catalogue: CatalogueView, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    product(ctx.db, "Croissant", 900)
    sheet = tmp_path / "prices.csv"
    sheet.write_text("品名,单价\nCroissant,9.50\n毛毛虫面包,12\n奶茶,0\n", encoding="gbk")
    QTest.mouseClick(catalogue.import_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, catalogue, PriceListDialog)
    opened_in: list[str] = []

    def look_then_type(path: Path) -> Any:
        def answer(file_dialog: Any) -> None:
            opened_in.append(file_dialog.directory().absolutePath())
            file_name(path)(file_dialog)
        return answer

    when_dialog(look_then_type(sheet), kind=QFileDialog)  # the real open dialog: the sheet's path typed in
    QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=5000)
    assert opened_in[0] != str(Path.cwd())  # a first file dialog opens in Documents or home, never where Qt was started
    assert "new products 1, changed 1, unchanged 0, rejected 1" in dialog.summary.text()
    assert "more than ¥0" in dialog.model.index(2, 7).data()
    assert find_product(ctx.db, "Croissant").price_cents == 900  # the preview wrote nothing
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: find_product(ctx.db, "Croissant").price_cents == 950, timeout=5000)
    qtbot.waitUntil(lambda: "Imported" in dialog.summary.text(), timeout=5000)
    qtbot.waitUntil(lambda: len(catalogue.products) == 2, timeout=5000)
    saved = tmp_path / "rejected.xlsx"
    when_dialog(look_then_type(saved), kind=QFileDialog)
    QTest.mouseClick(dialog.errors_button, Qt.MouseButton.LeftButton)
    assert saved.exists()
    assert opened_in[1] == str(tmp_path)  # the next dialog opens where the price list came from


def test_a_foreign_file_gets_a_message_in_the_dialog(qtbot: Any, ctx: AppContext, catalogue: CatalogueView, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    picture = tmp_path / "photo.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    QTest.mouseClick(catalogue.import_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, catalogue, PriceListDialog)
    when_dialog(file_name(picture), kind=QFileDialog)
    QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "picture" in dialog.error.text() and not dialog.import_button.isEnabled()


def test_counter_finds_a_product_by_pinyin_initials(qtbot: Any, ctx: AppContext) -> None:
    product(ctx.db, "毛毛虫面包", 1250, category="面包")
    product(ctx.db, "美式咖啡", 1500, category="饮品")
    counter = CounterView(ctx)
    qtbot.addWidget(counter)
    show_active(counter)
    counter.product.setFocus()
    QTest.keyClicks(counter.product, "mmc")
    popup = counter.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == ["毛毛虫面包"]
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(counter.lines) == 1, timeout=3000)
    assert counter.lines[0].product.name == "毛毛虫面包"
    qtbot.waitUntil(lambda: counter.product.text() == "", timeout=3000)
    # Enter on typed initials (no popup choice) finds the one product they fit, too.
    QTest.keyClicks(counter.product, "MSKF")
    if popup.isVisible():
        QTest.keyClick(popup, Qt.Key.Key_Escape)
    QTest.keyClick(counter.product, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(counter.lines) == 2, timeout=3000)
    assert counter.lines[1].product.name == "美式咖啡"


def test_counter_search_updates_when_a_product_is_added_in_the_catalogue(qtbot: Any, ctx: AppContext,
                                                                         catalogue: CatalogueView) -> None:
    counter = CounterView(ctx)
    qtbot.addWidget(counter)
    QTest.mouseClick(catalogue.new_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, catalogue, ProductDialog)
    dialog.name.insert("芒果慕斯")
    QTest.keyClicks(dialog.price, "28")
    _save(dialog)
    qtbot.waitUntil(lambda: "芒果慕斯" in counter.products, timeout=5000)
    model = counter.completer.model()
    assert any("mgms" in str(model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)) for r in range(model.rowCount()))


def test_f8_opens_the_catalogue_in_the_main_window(qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.gui import registry
    from shopcrm.gui.main_window import MainWindow

    monkeypatch.setattr(registry, "SCREENS", [s for s in registry.SCREENS if s.key in ("counter", "catalogue")])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(window)
    # The counter puts the cursor in its search field once the window is up; wait for it.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view("counter").search, timeout=3000)
    QTest.keyClick(window, Qt.Key.Key_F8)
    assert window.current_key() == "catalogue"
    assert window.navigation.currentItem().text() == "Catalogue"
    assert isinstance(window.view("catalogue"), CatalogueView)
    assert window.focusWidget() is window.view("catalogue").search
