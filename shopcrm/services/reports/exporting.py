"""Exports: member lists (any filter, chosen columns), the classification report, rejected rows.

Every export of personal data is written to the audit log (who saw what, when).  Files are
styled workbooks (shopcrm.io.xlsx_writer) that the import reads back: the member list's
headers are the import's own synonyms, so export -> edit in Excel -> import round-trips.

The target is checked before any work (extension, folder, permission); a file is only left
behind when the export succeeded and was recorded.  Member lists follow the GUI's rules (SPEC §7):
phones masked and only members who agreed to marketing, unless the owner lifts either.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import AuditEvent, ImportBatch, RejectedRow, SnapshotMember
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.output_files import check_output_file
from shopcrm.io.phones import mask_phone
from shopcrm.io.rejects import write_rejected_rows
from shopcrm.io.xlsx_writer import Column, SheetWriter, add_png, workbook_to
from shopcrm.labels import STATUS_LABELS, class_label, label
from shopcrm.services.campaigns.output import check_output_allowed
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import classified_select, latest_snapshot, load_rows, member_ids
from shopcrm.services.shop.settings import load_settings

FETCH = 2_000
XLSX = (".xlsx",)


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str  # English; translated when written
    kind: str = "text"


MEMBER_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("card_no", "Card no."),
    ExportColumn("name", "Name"),
    ExportColumn("phone", "Phone"),
    ExportColumn("gender", "Gender"),
    ExportColumn("birthday", "Birthday"),
    ExportColumn("registered_on", "Registered", "date"),
    ExportColumn("source", "Source"),
    ExportColumn("area", "Area"),
    ExportColumn("tags", "Tags"),
    ExportColumn("notes", "Notes"),
    ExportColumn("consent", "Marketing consent"),
    ExportColumn("consent_at", "Consent date", "datetime"),
    ExportColumn("points", "Points", "int"),
    ExportColumn("level", "Level"),
    ExportColumn("status", "Status"),
    ExportColumn("segment", "Segment"),
    ExportColumn("tier", "Tier"),
    ExportColumn("lifecycle", "Lifecycle"),
    ExportColumn("visits", "Visits", "int"),
    ExportColumn("spend", "Spend", "money"),
    ExportColumn("last_purchase", "Last purchase", "date"),
)
DEFAULT_MEMBER_COLUMNS = (
    "card_no", "name", "phone", "gender", "birthday", "registered_on", "source", "area", "tags", "consent", "points",
    "level", "segment", "tier", "lifecycle",
)
_LABELS = {  # lupdate collects these from the literal calls
    "Card no.": lambda: translate("export", "Card no."),
    "Name": lambda: translate("export", "Name"),
    "Phone": lambda: translate("export", "Phone"),
    "Gender": lambda: translate("export", "Gender"),
    "Birthday": lambda: translate("export", "Birthday"),
    "Registered": lambda: translate("export", "Registered"),
    "Source": lambda: translate("export", "Source"),
    "Area": lambda: translate("export", "Area"),
    "Tags": lambda: translate("export", "Tags"),
    "Notes": lambda: translate("export", "Notes"),
    "Marketing consent": lambda: translate("export", "Marketing consent"),
    "Consent date": lambda: translate("export", "Consent date"),
    "Points": lambda: translate("export", "Points"),
    "Level": lambda: translate("export", "Level"),
    "Status": lambda: translate("export", "Status"),
    "Segment": lambda: translate("export", "Segment"),
    "Tier": lambda: translate("export", "Tier"),
    "Lifecycle": lambda: translate("export", "Lifecycle"),
    "Visits": lambda: translate("export", "Visits"),
    "Spend": lambda: translate("export", "Spend"),
    "Last purchase": lambda: translate("export", "Last purchase"),
}
_SOURCES = {
    "walk_in": lambda: translate("sources", "Walk-in"),
    "delivery": lambda: translate("sources", "Delivery"),
    "wechat": lambda: translate("sources", "WeChat"),
    "referral": lambda: translate("sources", "Referral"),
    "event": lambda: translate("sources", "Event"),
    "other": lambda: translate("sources", "Other"),
}


def _label(column: ExportColumn) -> str:
    return _LABELS[column.label]() if column.label in _LABELS else column.label


def parse_columns(spec: str | Sequence[str] | None) -> list[ExportColumn]:
    """'card_no,name,phone' (or a list) -> columns; None -> the default set."""
    keys = DEFAULT_MEMBER_COLUMNS if not spec else ([k.strip() for k in spec.split(",")] if isinstance(spec, str) else list(spec))
    known = {c.key: c for c in MEMBER_COLUMNS}
    out = []
    for key in keys:
        if not key:
            continue
        if key not in known:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Unknown column {column}. Columns: {known}."),
                "columns",
                column=key,
                known=", ".join(known),
            )
        out.append(known[key])
    if not out:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Choose at least one column."), "columns")
    return out


def export_members(
    db: Database,
    path: str | Path,
    flt: MemberFilter | None = None,
    columns: Sequence[ExportColumn] | None = None,
    *,
    mask_phones: bool = True,
    password: str | None = None,
) -> int:
    """Write the filtered members to a styled .xlsx; returns how many were written.

    Full phones (`mask_phones=False`) or members without marketing consent (a filter without
    `consent_only`) need the owner password when one is set."""
    target = export_target(db, path)
    flt = flt or MemberFilter()
    check_output_allowed(db, masked=mask_phones, consent_only=flt.consent_only, password=password)
    cols = list(columns or parse_columns(None))
    settings = load_settings(db)
    ids, snapshot = member_ids(db, flt, sort_key="card_no")
    snapshot_id = snapshot.id if snapshot else None
    with workbook_to(target) as wb:
        count = _write_members(db, wb, ids, snapshot_id, cols, settings, mask_phones)
    _audit_written(db, target, "export", {"what": "members", "file": target.name, "rows": count, "filters": flt.to_dict(),
                                          "columns": [c.key for c in cols], "masked": mask_phones})
    return count


def export_target(db: Database, path: str | Path) -> Path:
    """Where an .xlsx export goes, checked before any work (never the database file itself)."""
    target = check_output_file(path, XLSX)
    if db.path is not None and target.resolve() == db.path.resolve():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "An export cannot overwrite the database itself."), "path")
    return target


def _audit_written(db: Database, target: Path, action: str, detail: dict[str, Any]) -> None:
    """Record the export; a file whose export could not be recorded is removed (exit code and disk agree)."""
    try:
        _audit(db, action, detail)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _write_members(
    db: Database, wb: Any, ids: list[int], snapshot_id: int | None, cols: list[ExportColumn], settings: Any,
    mask_phones: bool,
) -> int:
    writer = SheetWriter(wb, translate("export", "Members"), [Column(_label(c), c.kind) for c in cols])
    yes, no = translate("export", "Yes"), translate("export", "No")
    genders = {"F": translate("export", "Female"), "M": translate("export", "Male")}
    levels = [translate("levels", lvl.name) for lvl in settings.levels]
    with db.read() as s:
        for start in range(0, len(ids), FETCH):
            for r in load_rows(s, ids[start : start + FETCH], snapshot_id):
                values = {
                    "card_no": r.card_no,
                    "name": r.name,
                    "phone": mask_phone(r.phone) if mask_phones else r.phone_display,
                    "gender": genders.get(r.gender or "", ""),
                    "birthday": r.birthday,
                    "registered_on": r.registered_on,
                    "source": _SOURCES[r.source]() if r.source in _SOURCES else r.source,
                    "area": r.area,
                    "tags": "、".join(r.tags),
                    "notes": r.notes,
                    "consent": yes if r.consent else no,
                    "consent_at": r.consent_at,
                    "points": r.points,
                    "level": levels[min(r.level or 0, len(levels) - 1)] if levels else r.level,
                    "status": label(STATUS_LABELS, r.status),
                    "segment": class_label("segment", r.segment),
                    "tier": class_label("pyramid", r.pyramid),
                    "lifecycle": class_label("lifecycle", r.lifecycle),
                    "visits": r.visits,
                    "spend": r.total_spend_cents,
                    "last_purchase": r.last_purchase,
                }
                writer.append([values[c.key] for c in cols])
    return writer.close()


def _audit(db: Database, action: str, detail: dict[str, Any]) -> None:
    with db.transaction() as s:
        s.add(AuditEvent(at=dt.datetime.now().replace(microsecond=0), action=action, detail=detail))


REPORT_CLASSIFICATIONS: tuple[tuple[str, str], ...] = (
    ("pyramid", QT_TRANSLATE_NOOP("export", "Tier")),
    ("segment", QT_TRANSLATE_NOOP("export", "Segment")),
    ("lifecycle", QT_TRANSLATE_NOOP("export", "Lifecycle")),
    ("abcd", QT_TRANSLATE_NOOP("export", "ABCD class")),
    ("frequency", QT_TRANSLATE_NOOP("export", "Visit frequency")),
    ("spend_class", QT_TRANSLATE_NOOP("export", "Spend class")),
    ("churn_level", QT_TRANSLATE_NOOP("export", "Churn warning")),
    ("preference", QT_TRANSLATE_NOOP("export", "Product preference")),
)


def class_counts(db: Database) -> tuple[Any, dict[str, list[tuple[str, int, int]]]]:
    """Members and their spend per class in the latest snapshot (active members, as the screens count)."""
    snapshot = latest_snapshot(db)
    if snapshot is None:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "There is no classification yet: run the classification first (shopcrm classify)."))
    out: dict[str, list[tuple[str, int, int]]] = {}
    with db.read() as s:
        for name, _ in REPORT_CLASSIFICATIONS:
            column = getattr(SnapshotMember, name)
            rows = s.execute(
                classified_select([column, func.count(), func.coalesce(func.sum(SnapshotMember.spend_cents), 0)],
                                  snapshot.id)
                .group_by(column)
                .order_by(func.count().desc())
            ).all()
            out[name] = [(str(code or ""), int(n), int(spend)) for code, n, spend in rows]
    return snapshot, out


def export_report(db: Database, path: str | Path, charts: Sequence[tuple[str, bytes]] = ()) -> int:
    """The classification report: counts and spend per class, and the charts (PNG bytes) the GUI drew."""
    target = export_target(db, path)
    snapshot, counts = class_counts(db)
    with workbook_to(target) as wb:
        rows = _write_report(wb, counts, charts)
    _audit_written(db, target, "export", {"what": "report", "file": target.name, "snapshot": snapshot.id, "charts": len(charts)})
    return rows


def _write_report(wb: Any, counts: dict[str, list[tuple[str, int, int]]], charts: Sequence[tuple[str, bytes]]) -> int:
    writer = SheetWriter(
        wb,
        translate("export", "Summary"),
        [
            Column(translate("export", "Classification")),
            Column(translate("export", "Class")),
            Column(translate("export", "Members"), "int"),
            Column(translate("export", "Share"), "number"),
            Column(translate("export", "Spend"), "money"),
        ],
    )
    rows = 0
    for name, title in REPORT_CLASSIFICATIONS:
        entries = counts.get(name, [])
        total = sum(n for _, n, _ in entries) or 1
        for code, n, spend in entries:
            writer.append([translate("export", title), class_label(name, code) if code else "-", n, round(n / total, 4), spend])
            rows += 1
    writer.close()
    if charts:
        add_png(wb, translate("export", "Charts"), list(charts))
    return rows


def export_rejected_rows(db: Database, batch_id: int, path: str | Path) -> int:
    """The rejected rows of an import batch, under their own headers, with the reasons."""
    checked = export_target(db, path)
    with db.read() as s:
        batch = s.get(ImportBatch, batch_id)
        if batch is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Import batch {id} does not exist."), id=batch_id)
        headers = batch.headers or {}
        by_sheet: dict[str, list[tuple[list[Any], str]]] = defaultdict(list)
        for r in s.scalars(select(RejectedRow).where(RejectedRow.batch_id == batch_id).order_by(RejectedRow.sheet, RejectedRow.row_number)):
            by_sheet[r.sheet or ""].append((list(r.values), r.reason))
    target = write_rejected_rows(checked, [(name, headers.get(name, []), rows) for name, rows in by_sheet.items()])
    count = sum(len(v) for v in by_sheet.values())
    _audit_written(db, target, "export", {"what": "rejected_rows", "file": target.name, "batch": batch_id, "rows": count})
    return count
