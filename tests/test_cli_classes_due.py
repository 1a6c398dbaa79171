"""`classify --if-due`, the daily check: a full run only when the classes are out of date, else the
cards of members with new sales (SPEC §9); the command line's imports leave the reclassifying to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from shopcrm.cli import run_cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _sheet(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "手机", "实收"])
    ws.append(["2025-03-01 10:00", "13800001111", 32])
    ws.append(["2025-03-02 11:00", "13900002222", 18])
    wb.save(path)
    return path


def test_the_daily_check_runs_only_when_due(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    code, out, _ = run(capsys, "--db", db, "member", "add", "--phone", "138 1234 5678", "--name", "张三", "--consent")
    assert code == 0
    code, _, _ = run(capsys, "--db", db, "purchase", "add", "--phone", "5678", "--amount", "¥40")
    code, out, _ = run(capsys, "--db", db, "classify", "--if-due", "--json")  # never classified: a full run
    assert code == 0 and json.loads(out)["members"] == 1
    code, out, _ = run(capsys, "--db", db, "classify", "--if-due", "--json")
    first = json.loads(out)
    assert code == 0 and first["full_run"] is False and first["cards"] == []
    code, _, _ = run(capsys, "--db", db, "purchase", "add", "--phone", "5678", "--amount", "¥32.50")
    code, out, _ = run(capsys, "--db", db, "classify", "--if-due", "--json")
    assert code == 0 and json.loads(out) == {"full_run": False, "snapshot": first["snapshot"], "cards": [1]}
    code, out, _ = run(capsys, "--db", db, "classify", "--if-due")
    assert code == 0 and "0 cards brought up to date" in out

    code, out, err = run(capsys, "--db", db, "import", "sales", str(_sheet(tmp_path / "sales.xlsx")))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "classify", "--if-due", "--json")  # the import: everyone again
    assert code == 0 and json.loads(out)["members"] == 3


def test_if_due_is_for_today_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "shop.db"), "classify", "--if-due", "--as-of", "2025-01-01")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "--as-of" in err
