"""How a form dialog saves: the write runs on the writer thread, the dialog closes once it is saved,
and a refused input is shown beside its field (anything else in the usual error box)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog

from shopcrm.errors import ShopError
from shopcrm.gui.context import AppContext
from shopcrm.gui.widgets import FieldErrors
from shopcrm.gui.worker import JobControl


def save_and_close(dialog: QDialog, ctx: AppContext, errors: FieldErrors, work: Callable[[JobControl], Any], *,
                   kind: str, saved: Callable[[Any], None]) -> None:
    """Run `work` as the write `kind`; on success call `saved(result)` and close the dialog."""

    def done(result: Any) -> None:
        saved(result)
        dialog.accept()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ShopError):
            errors.show(exc)
        else:
            ctx.show_error(exc, dialog)

    ctx.run(work, label=dialog.windowTitle(), kind=kind, on_done=done, on_error=failed, parent=dialog)
