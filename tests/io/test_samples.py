"""The sample sheets in resources/samples import with exactly the counts their script promises."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsEntry, Purchase
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.run import import_file
from shopcrm.services.reports.stats import shop_stats

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_sales_then_member_list_import_with_exact_counts(db: Database, tmp_path: Path) -> None:
    script = _script()
    sales = import_file(db, SAMPLES / script.SALES_FILE, "sales", ImportOptions(errors_path=tmp_path / "sales-rejected.xlsx"))
    assert sales.summary() == {"batch": sales.batch, "rows": 12, "imported": 10, "duplicates": 1, "rejected": 1, "members_created": 5}
    assert (sales.purchases, sales.skipped) == (9, 1)
    stats = shop_stats(db)
    assert stats["purchases"] == 9 and stats["revenue"] == pytest.approx(1165.5)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Purchase).where(Purchase.member_id.is_(None))) == 2  # walk-ins
        assert s.scalar(select(func.min(Purchase.total_cents))) == -800  # the refund
        wang = s.scalars(select(Member).where(Member.phone == "+8613812345678")).one()
        assert wang.name == "王芳" and wang.points_balance == 34 + 18 - 8
    rejected = list(openpyxl.load_workbook(tmp_path / "sales-rejected.xlsx").active.iter_rows(values_only=True))
    assert len(rejected) == 2 and rejected[1][1] == "A0008" and "phone" in rejected[1][-1]

    members = import_file(db, SAMPLES / script.MEMBERS_FILE, "members")
    assert members.summary() == {"batch": members.batch, "rows": 6, "imported": 4, "duplicates": 1, "rejected": 1, "members_created": 2}
    assert (members.members_updated, members.skipped) == (2, 1)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 7
        wang = s.scalars(select(Member).where(Member.phone == "+8613812345678")).one()
        assert (wang.gender, wang.birth_month, wang.birth_day, wang.source) == ("F", 3, 5, "referral")
        assert wang.registered_on == dt.date(2023, 1, 2) and wang.consent is True
        assert wang.points_balance == 34 + 18 - 8  # an opening balance is taken only by a member without a ledger
        zhao = s.scalars(select(Member).where(Member.phone == "+8613600001234")).one()
        assert zhao.points_balance == 50 and (zhao.birth_year, zhao.birth_month, zhao.birth_day) == (None, 6, 12)
        ledger = s.scalar(select(func.sum(PointsEntry.points)).where(PointsEntry.member_id == zhao.id))
        assert ledger == 50


def test_the_script_writes_the_committed_samples(tmp_path: Path) -> None:
    script = _script()
    for written in script.make_samples(tmp_path):
        committed = openpyxl.load_workbook(SAMPLES / written.name)
        fresh = openpyxl.load_workbook(written)
        assert committed.sheetnames == fresh.sheetnames
        for old, new in zip(committed.worksheets, fresh.worksheets, strict=True):
            assert list(old.iter_rows(values_only=True)) == list(new.iter_rows(values_only=True))
            assert [str(r) for r in old.merged_cells.ranges] == [str(r) for r in new.merged_cells.ranges]
