"""What several wizard pages share: the one job at a time, the figures of a check or an import,
the rejected-rows table, progress, and where to save rejected rows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QWidget,
)

from shopcrm.gui.file_dialogs import ask_save_name
from shopcrm.gui.import_wizard.jobs import Outcome
from shopcrm.gui.import_wizard.models import RejectedModel
from shopcrm.gui.worker import Job


def translate(context: str, text: str) -> str:
    """Qt's translation; every page keeps the wizard's one context ("ImportWizard") so that its
    strings stay translated wherever they moved."""
    return QCoreApplication.translate(context, text)


class JobSlot:
    """The wizard runs one job at a time (preview, check or import); every page asks here first."""

    def __init__(self) -> None:
        self.job: Job | None = None

    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    def hold(self, job: Job) -> Job:
        self.job = job
        return job


class SummaryForm(QFormLayout):
    """The figures of a check or an import: rows read, to import, already imported, rejected ..."""

    KEYS = ("rows", "imported", "purchases", "duplicates", "in_file_duplicates", "rejected", "members_created",
            "members_updated", "skipped")

    def __init__(self) -> None:
        super().__init__()
        texts = {
            "rows": translate("ImportWizard", "Rows read"),
            "imported": translate("ImportWizard", "Rows to import"),
            "purchases": translate("ImportWizard", "Sales"),
            "duplicates": translate("ImportWizard", "Already imported (skipped)"),
            "in_file_duplicates": translate("ImportWizard", "Lines repeated in the file (counted once)"),
            "rejected": translate("ImportWizard", "Rejected"),
            "members_created": translate("ImportWizard", "New members"),
            "members_updated": translate("ImportWizard", "Members updated"),
            "skipped": translate("ImportWizard", "Blank, total and repeated header rows left out"),
        }
        self.labels: dict[str, QLabel] = {}
        for key in self.KEYS:
            label = QLabel()
            label.setObjectName(f"sum_{key}")
            self.labels[key] = label
            self.addRow(texts[key], label)

    def fill(self, outcome: Outcome) -> None:
        r = outcome.result
        for key, label in self.labels.items():
            value = getattr(r, key, 0) or 0
            if key == "duplicates":  # only rows already in the shop; lines repeated in this file are apart
                value -= r.in_file_duplicates
            label.setText(f"{value:,}")
            shown = not ((key == "purchases" and r.kind != "sales")
                         or (key in ("members_created", "members_updated") and r.kind not in ("sales", "members"))
                         or (key == "members_updated" and r.kind != "members")
                         or (key == "in_file_duplicates" and not value))
            label.setVisible(shown)
            self.labelForField(label).setVisible(shown)
        self.labels["rejected"].setStyleSheet("color: #b3261e; font-weight: 600;" if r.rejected else "")


def outcome_notes(outcome: Outcome, *, checking: bool) -> str:
    r = outcome.result
    notes = list(r.notes)
    if r.earlier_batches and checking:
        notes.append(translate(
            "ImportWizard", "This file was imported before (import {batches}); rows already in the shop are skipped.").format(
            batches=", ".join(str(b) for b in r.earlier_batches)))
    if r.rejected:
        notes.append(translate(
            "ImportWizard", "Rejected rows are not imported. Save them, fix the cells, and import that file again."))
    return "\n".join(notes)


def rejects_table(model: RejectedModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.resizeSection(0, 90)
    header.resizeSection(1, 50)
    header.resizeSection(2, 330)
    header.setStretchLastSection(True)
    return table


def set_busy(bar: QProgressBar, cancel: QPushButton, on: bool) -> None:
    bar.setVisible(on)
    bar.setRange(0, 0)
    cancel.setVisible(on)
    cancel.setEnabled(on)


def phase_text(phase: str) -> str:
    texts = {"reading": translate("ImportWizard", "Reading the rows"),
             "checking": translate("ImportWizard", "Checking members and duplicates"),
             "writing": translate("ImportWizard", "Writing to the shop"),
             "done": translate("ImportWizard", "Done")}
    return texts.get(phase, phase)


def show_progress(bar: QProgressBar, label: QLabel | None, done: float, total: float, phase: str) -> None:
    if total > 0:
        bar.setRange(0, 1000)
        bar.setValue(int(1000 * min(1.0, done / total)))
    else:
        bar.setRange(0, 0)
    if label is not None:
        label.setText(phase_text(phase) + (f" ({int(done):,} / {int(total):,})" if total > 0 else ""))


def ask_rejects_path(parent: QWidget, file_name: str) -> Path | None:
    """Where the owner wants the rejected rows of `file_name` saved (always an .xlsx), or None."""
    stem = Path(file_name).stem
    name = ask_save_name(
        parent, translate("ImportWizard", "Save rejected rows"),
        translate("ImportWizard", "{name} rejected.xlsx").format(name=stem),
        translate("ImportWizard", "Excel workbook (*.xlsx)"))
    if not name:
        return None
    return Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
