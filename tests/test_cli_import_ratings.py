"""`shopcrm import ratings FILE` like `import sales`: dry run, rejects file, JSON, exit codes, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcrm.cli import run_cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def english_sheet(path: Path) -> Path:
    """An English export in a semicolon CSV with decimal commas, as a European survey tool writes it."""
    path.write_text(
        "Customer feedback export\n"
        "Member no.;Date;Score;Service;Product;Comments\n"
        "A100;2025-03-05;4,0;5;Croissant;nice\n"
        "A100;2025-03-06;3;;;\n"
        "A999;2025-03-07;5;;;who?\n"
        "A100;2025-03-08;0;;;\n",
        encoding="utf-8-sig",
    )
    return path


def test_import_ratings_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    assert run(capsys, "--db", db, "member", "add", "--phone", "13900001111", "--card-no", "A100")[0] == 0
    assert run(capsys, "--db", db, "product", "add", "Croissant", "--price", "8")[0] == 0
    path = english_sheet(tmp_path / "feedback.csv")
    errors = tmp_path / "rejected.xlsx"

    code, out, _ = run(capsys, "--db", db, "import", "ratings", str(path), "--dry-run", "--errors", str(errors), "--json")
    assert code == 0
    assert json.loads(out) == {"batch": None, "rows": 4, "imported": 2, "duplicates": 0, "rejected": 2,
                               "members_created": 0}
    assert errors.exists()

    code, out, _ = run(capsys, "--db", db, "import", "ratings", str(path))
    assert code == 0 and "Import batch 1 (feedback.csv)." in out
    assert "Rows: 4; imported: 2; already there: 0; rejected: 2." in out
    assert "Purchases" not in out and "New members" not in out  # no sales or members line for ratings
    code, out, _ = run(capsys, "--db", db, "import", "ratings", str(path), "--json")
    assert code == 0 and json.loads(out)["imported"] == 0 and json.loads(out)["duplicates"] == 2

    code, out, _ = run(capsys, "--db", db, "undo-import", "1")
    assert code == 0 and "Feedback removed: 2." in out


def test_a_ratings_file_with_no_good_row_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    bad = tmp_path / "bad.csv"
    bad.write_text("手机,日期,评分\n13700009999,2025-03-01,5\n", encoding="gbk")
    code, _, err = run(capsys, "--db", db, "import", "ratings", str(bad))
    assert code == 1 and "no row could be imported" in err and "Traceback" not in err
    sales = tmp_path / "sales.csv"
    sales.write_text("日期,手机,实收\n2025-03-01,13700009999,20\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "import", "ratings", str(sales))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "ratings" in err
