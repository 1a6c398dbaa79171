"""The Insights tables: areas, channels, low ratings (read-only lists of a few dozen rows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from shopcrm.gui.formatting import date_text, join_list, money
from shopcrm.gui.models import ListColumn, ListTableModel
from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.labels import CHANNEL_LABELS, label
from shopcrm.services.reports.areas import REST, AreaBreakdown, AreaRow
from shopcrm.services.reports.channels import ChannelShare
from shopcrm.services.reports.feedback_overview import LowRating

CTX = "InsightTables"


def share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def area_name(row: AreaRow) -> str:
    if row.key.kind == REST:
        return QCoreApplication.translate("InsightTables", "Other areas ({n})").format(n=f"{row.areas_grouped:,}")
    if row.key.area is None:
        return QCoreApplication.translate("InsightTables", "Not recorded")
    return row.key.area


def area_model(currency: str, totals: Callable[[], AreaBreakdown | None], parent: Any = None) -> ListTableModel[AreaRow]:
    def members_share(r: AreaRow) -> str:
        data = totals()
        return share(r.members, data.members if data else 0)

    def spend_share(r: AreaRow) -> str:
        data = totals()
        return share(r.spend_cents, data.spend_cents if data else 0)

    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Area"), CTX, area_name, tooltip=lambda r: join_list(list(r.key.areas[:40]))),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Members"), CTX, lambda r: f"{r.members:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Share of members"), CTX, members_share, numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Buyers"), CTX, lambda r: f"{r.buyers:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Sales"), CTX, lambda r: f"{r.visits:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Spend"), CTX, lambda r: money(r.spend_cents, currency), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Share of spend"), CTX, spend_share, numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Spend per member"), CTX,
                   lambda r: money(r.spend_cents // r.members if r.members else 0, currency), numeric=True),
    ], parent=parent)


def channel_model(currency: str, parent: Any = None) -> ListTableModel[ChannelShare]:
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Channel"), CTX, lambda c: label(CHANNEL_LABELS, c.channel)),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Sales"), CTX, lambda c: f"{c.sales:,}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Share of sales"), CTX, lambda c: f"{c.visit_share:.0%}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Spend"), CTX, lambda c: money(c.spend_cents, currency), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Share of spend"), CTX, lambda c: f"{c.spend_share:.0%}", numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Average ticket"), CTX,
                   lambda c: money(c.spend_cents // c.sales if c.sales else 0, currency), numeric=True),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Members who bought"), CTX, lambda c: f"{c.buyers:,}", numeric=True),
    ], parent=parent)


def stars(value: int | None) -> str:
    return "" if value is None else "★" * value + "☆" * (5 - value)


def who(r: LowRating) -> str:
    if r.member_id is None:
        return QCoreApplication.translate("InsightTables", "Walk-in")
    if r.member_status == "erased":
        return QCoreApplication.translate("InsightTables", "(erased member)")
    name = r.member_name or QCoreApplication.translate("InsightTables", "(no name)")
    return f"{name} · {r.card_no}"


def low_rating_model(parent: Any = None) -> ListTableModel[LowRating]:
    return ListTableModel([
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Date"), CTX, lambda r: date_text(r.at)),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Member"), CTX, who),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Product"), CTX, lambda r: stars(r.product)),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Service"), CTX, lambda r: stars(r.service)),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Environment"), CTX, lambda r: stars(r.environment)),
        ListColumn(QT_TRANSLATE_NOOP("InsightTables", "Comment"), CTX, lambda r: r.comment or "",
                   tooltip=lambda r: r.comment or ""),
    ], parent=parent)


def list_view(model: ListTableModel[Any], object_name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view
