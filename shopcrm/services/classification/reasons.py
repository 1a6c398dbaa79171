"""Putting a snapshot's stored reasons into words when they are read, in the reader's language.

A snapshot keeps its reasons language-neutral (shopcrm.engine.reasons): the snapshot row holds the
layout (templates, names), each member row a few integers.  A ReasonReader renders them with the
current language and the shop's current currency symbol, so a snapshot classified with an English
window reads in Chinese and the other way round.  Rows that carry ready text instead (the
`reasons` column: rows written by hand, older data) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.db.models import ClassificationSnapshot
from shopcrm.engine.reasons import decode_row, render, render_all
from shopcrm.services.campaigns.output import currency_symbol
from shopcrm.services.shop.settings import settings_in


class ReasonReader:
    """Renders the reasons of the member rows of one snapshot."""

    def __init__(self, layout: Mapping[str, Any] | None, symbol: str, language: str | None = None) -> None:
        self.layout = layout if isinstance(layout, Mapping) else None
        self.symbol = symbol
        self.language = language

    def _row(self, data: bytes | None) -> tuple[int, ...] | None:
        if self.layout is None or not data:
            return None
        return decode_row(self.layout, bytes(data)) or None

    def all(self, data: bytes | None, text: Mapping[str, str] | None = None) -> dict[str, str]:
        """{classification: reason} of one member row (reason_data, reasons)."""
        out = {str(k): str(v) for k, v in (text or {}).items()}
        row = self._row(data)
        if row is not None and self.layout is not None:
            out.update(render_all(self.layout, row, self.symbol, self.language))
        return out

    def one(self, data: bytes | None, text: Mapping[str, str] | None, name: str) -> str:
        """One classification's reason of a member row ("" when there is none)."""
        row = self._row(data)
        if row is not None and self.layout is not None and name in self.layout.get("reasons", {}):
            return render(self.layout, row, name, self.symbol, self.language)
        return str((text or {}).get(name, ""))


def reason_reader(s: Session, snapshot_id: int, language: str | None = None) -> ReasonReader:
    """A reader for the rows of `snapshot_id`, in the current (or given) language, read in `s`."""
    layout = s.scalar(select(ClassificationSnapshot.reason_layout).where(ClassificationSnapshot.id == snapshot_id))
    return ReasonReader(layout, currency_symbol(settings_in(s)), language)


def member_reasons(s: Session, snap: ClassificationSnapshot, row: Any) -> dict[str, str]:
    """Every reason of one SnapshotMember row of `snap`, read in `s`, in the current language."""
    return ReasonReader(snap.reason_layout, currency_symbol(settings_in(s))).all(row.reason_data, row.reasons)
