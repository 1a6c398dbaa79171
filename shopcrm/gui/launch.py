"""Starting the window: display check, database, first start, main window.

`launch_gui` is what `shopcrm` with no command runs.  It never lets a Qt abort or a traceback
reach a shop owner: no display is one line on stderr, a database that cannot be opened is a
message box, and an unexpected error inside the window is a dialog.
"""

from __future__ import annotations

import logging
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from shopcrm.errors import ShopError
from shopcrm.i18n import current_language, translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from shopcrm.gui.context import AppContext

log = logging.getLogger(__name__)


def display_problem(env: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """One line explaining why no window can be shown, or None when a display is available."""
    env = dict(os.environ) if env is None else env
    platform = platform or sys.platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return translate(
        "launch",
        "shopcrm: no display found (DISPLAY and WAYLAND_DISPLAY are not set); "
        "to run the window without a screen use: xvfb-run -a shopcrm",
    )


def ensure_application() -> QApplication:
    """The one QApplication, created with the program's names and a readable style."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    # lazy: the CLI imports this module; Qt, the database and the screens load only when the window starts
    from shopcrm.gui.style import apply_style, icon_path

    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName("ShopCRM")
        QApplication.setOrganizationName("ShopCRM")
        QApplication.setApplicationDisplayName("ShopCRM")
        app = QApplication(sys.argv[:1])
        apply_style(app)
        app.setWindowIcon(QIcon(str(icon_path("shopcrm.svg"))))
    assert isinstance(app, QApplication)
    return app


def needs_first_start(ctx: AppContext) -> bool:
    """A new, empty shop: no first start yet, no members and no sales (a CLI-filled shop skips it)."""
    # lazy: the CLI imports this module; Qt, the database and the screens load only when the window starts
    from shopcrm.services.reports.stats import shop_stats

    if ctx.settings.first_start_done:
        return False
    stats = shop_stats(ctx.db)
    return stats["members"] == 0 and stats["purchases"] == 0


def _install_excepthook() -> None:
    """An exception escaping a slot becomes a dialog (and a log line), not a silent stderr trace."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if isinstance(exc, ShopError):
            QMessageBox.warning(QApplication.activeWindow(), "ShopCRM", exc.message())
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "ShopCRM",
                          translate("launch", "Something went wrong: {error}").format(error=str(exc)[:300]))
        import traceback

        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
        box.exec()

    sys.excepthook = hook


def launch_gui(db_target: str | None = None) -> int:
    """Run the window until it is closed; returns the process exit code."""
    problem = display_problem()
    if problem:
        sys.stderr.write(problem + "\n")
        return 1
    import signal

    from PySide6.QtWidgets import QMessageBox

    # lazy: the CLI imports this module; Qt, the database and the screens load only when the window starts
    from shopcrm.gui.context import AppContext
    from shopcrm.gui.language import LanguageManager
    from shopcrm.services.shop.database import open_shop_database

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C in the terminal closes the window
    app = ensure_application()
    language = LanguageManager()
    language.apply(current_language())
    try:
        db = open_shop_database(db_target, daily_backup=False)  # taken after the window shows
    except ShopError as exc:
        QMessageBox.critical(None, "ShopCRM", exc.message())
        return 1
    try:
        ctx = AppContext(db, language=language)
    except ShopError as exc:
        db.dispose()
        QMessageBox.critical(None, "ShopCRM", exc.message())
        return 1
    _install_excepthook()
    try:
        return run_window(ctx, app)
    finally:
        ctx.shutdown()


def apply_stored_language(ctx: AppContext) -> None:
    """The language the owner chose (first start or Settings); a shop where nobody chose one yet
    keeps the language the program started in."""
    if ctx.settings.first_start_done:
        ctx.set_language(ctx.settings.language)


def run_window(ctx: AppContext, app: QApplication) -> int:
    """First start when the shop is new, then the main window until it closes."""
    from PySide6.QtWidgets import QDialog

    # lazy: the CLI imports this module; Qt, the database and the screens load only when the window starts
    from shopcrm.gui.first_start import FirstStartDialog
    from shopcrm.gui.main_window import MainWindow

    start_screen: str | None = None
    apply_stored_language(ctx)
    first_start = needs_first_start(ctx)
    if first_start:
        dialog = FirstStartDialog(ctx)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        start_screen = dialog.start_screen()
    window = MainWindow(ctx)
    window.show_fitted()
    if not first_start:  # a brand-new shop has nothing worth a backup yet
        window.take_daily_backup()
    window.classes_keeper.start()  # the daily check: reclassify in the background when out of date
    if start_screen:
        window.show_screen(start_screen)
    return int(app.exec())
