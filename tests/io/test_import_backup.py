"""An import takes a backup of the shop just before it writes (not for a dry run)."""

from __future__ import annotations

from pathlib import Path

from shopcrm.db.backup import list_backups
from shopcrm.db.engine import Database
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.run import import_file


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text("日期,手机号,金额\n2025-03-05,13812345678,¥12.50\n2025-03-06,,8\n", encoding="utf-8")
    return path


def test_import_backs_up_first_but_dry_run_does_not(sqlite_db: Database, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    import_file(sqlite_db, sheet, "sales", ImportOptions(dry_run=True))
    assert not [b for b in list_backups(sqlite_db) if "import" in b.path.name]
    result = import_file(sqlite_db, sheet, "sales")
    assert result.imported == 2
    assert [b for b in list_backups(sqlite_db) if "before-import" in b.path.name]
