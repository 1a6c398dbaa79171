"""The screens of the main window, each a module exposing `create_view(app_context) -> QWidget`.

A screen whose module is not installed is simply not shown (no placeholders): the charts, import
and campaigns screens plug in by existing.  Modules are imported when the screen is first opened,
so the window appears before heavy libraries (matplotlib) load.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shopcrm.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from shopcrm.gui.context import AppContext


@dataclass(frozen=True)
class Screen:
    key: str
    title: str  # English source, translated in context "Navigation"
    module: str  # exposes create_view(app_context) -> QWidget
    shortcuts: tuple[str, ...]  # QKeySequence strings
    icon: str  # file name in resources/icons

    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:  # the parent package is missing
            return False

    def factory(self) -> Callable[[AppContext], QWidget]:
        module = importlib.import_module(self.module)
        return module.create_view  # type: ignore[no-any-return]


# Order is the navigation order; the keys stay fixed even when a screen is hidden.  Insights is an
# evening screen for the owner: Ctrl+9 only, so F9 stays free for the counter's feedback key.
SCREENS: list[Screen] = [
    Screen("dashboard", QT_TRANSLATE_NOOP("Navigation", "Dashboard"), "shopcrm.gui.dashboard.view", ("F1", "Ctrl+1"), "dashboard.svg"),
    Screen("counter", QT_TRANSLATE_NOOP("Navigation", "Counter"), "shopcrm.gui.counter.view", ("F2", "Ctrl+2"), "counter.svg"),
    Screen("members", QT_TRANSLATE_NOOP("Navigation", "Members"), "shopcrm.gui.members.view", ("F3", "Ctrl+3"), "members.svg"),
    Screen("segments", QT_TRANSLATE_NOOP("Navigation", "Tiers & segments"), "shopcrm.gui.segments.view", ("F4", "Ctrl+4"), "segments.svg"),
    Screen("insights", QT_TRANSLATE_NOOP("Navigation", "Insights"), "shopcrm.gui.insights.view", ("Ctrl+9",), "insights.svg"),
    Screen("import", QT_TRANSLATE_NOOP("Navigation", "Import"), "shopcrm.gui.import_wizard.view", ("F5", "Ctrl+5"), "import.svg"),
    Screen("campaigns", QT_TRANSLATE_NOOP("Navigation", "Campaigns"), "shopcrm.gui.campaigns.view", ("F6", "Ctrl+6"), "campaigns.svg"),
    Screen("settings", QT_TRANSLATE_NOOP("Navigation", "Settings"), "shopcrm.gui.settings.view", ("F7", "Ctrl+7"), "settings.svg"),
    Screen("catalogue", QT_TRANSLATE_NOOP("Navigation", "Catalogue"), "shopcrm.gui.catalogue.view", ("F8", "Ctrl+8"), "catalogue.svg"),
    Screen("coupons", QT_TRANSLATE_NOOP("Navigation", "Coupons"), "shopcrm.gui.coupons.view", ("Ctrl+0",), "coupons.svg"),
]


def available_screens() -> list[Screen]:
    return [s for s in SCREENS if s.available()]


def screen(key: str) -> Screen | None:
    return next((s for s in SCREENS if s.key == key), None)
