"""'Print / export' for any screen that shows a member list (Members, a chart's drill-down): print
preview, PDF and Excel through the Campaigns screen's outputs, so the same guard, masking and audit apply."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from shopcrm.gui.campaigns.outputs import ListOutputs, ListSource
from shopcrm.gui.context import AppContext


class OutputMenuButton(QToolButton):
    """A button with a menu: Print preview …, Save as PDF …, Export to Excel …"""

    def __init__(self, ctx: AppContext, source: Callable[[], ListSource | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.outputs = ListOutputs(ctx, parent)
        self.setText(self.tr("&Print / export"))
        self.setToolTip(self.tr("Print, save as PDF or export to Excel the members shown, in this order."))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.preview_action = menu.addAction(self.tr("Print pre&view …"), lambda: self._run(self.outputs.preview))
        self.pdf_action = menu.addAction(self.tr("Save as P&DF …"), lambda: self._run(self.outputs.save_pdf))
        self.export_action = menu.addAction(self.tr("E&xport to Excel …"), lambda: self._run(self.outputs.export))
        self.setMenu(menu)

    def _run(self, output: Callable[[ListSource, bool], None]) -> None:
        source = self.source()
        if source is not None:
            output(source, self.ctx.settings.mask_phones)
