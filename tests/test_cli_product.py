"""`shopcrm product list|add|edit|import` (SPEC §7, §8): exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcrm.cli import run_cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_edit_retire_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    code, out, _ = run(capsys, "--db", db, "product", "add", "毛毛虫面包", "--price", "¥12.50", "--category", "面包",
                       "--code", "b12", "--launched", "2025-03-01", "--json")
    added = json.loads(out)
    assert code == 0 and (added["price"], added["code"], added["initials"], added["launched_on"]) == (12.5, "B12", "mmcmb", "2025-03-01")
    code, out, _ = run(capsys, "--db", db, "product", "edit", "B12", "--price", "13", "--json")
    assert code == 0 and json.loads(out)["price_cents"] == 1300
    code, out, _ = run(capsys, "--db", db, "product", "edit", "毛毛虫面包", "--retire")
    assert code == 0 and "毛毛虫面包" in out
    code, out, _ = run(capsys, "--db", db, "product", "list", "--status", "retired", "--json")
    assert [p["name"] for p in json.loads(out)] == ["毛毛虫面包"]
    code, out, _ = run(capsys, "--db", db, "product", "list", "--status", "active", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--db", db, "product", "list")
    assert code == 0 and "¥13.00" in out and "retired" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["product", "add", "奶茶", "--price", "0"], "more than ¥0"),
        (["product", "add", "奶茶", "--price", "1000000"], "less than ¥100,000"),
        (["product", "add", "奶茶", "--price", "12.345"], "more than 2 decimals"),
        (["product", "add", "奶茶", "--price", "-"], "not an amount"),
        (["product", "add", "  ", "--price", "3"], "needs a name"),
        (["product", "add", "菠萝包", "--price", "3"], "already exists"),
        (["product", "add", "奶茶", "--price", "3", "--code", "P1"], "already used by 菠萝包"),
        (["product", "add", "奶茶", "--launched", "someday"], "not a date"),
        (["product", "edit", "99", "--price", "3"], "No product"),
        (["product", "edit", "P1"], "Nothing to change"),
        (["product", "edit", "P1", "--price", "abc"], "not an amount"),
        (["product", "import", "/nonexistent/prices.xlsx"], "File not found"),
        (["product", "frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    db = str(tmp_path / "shop.db")
    assert run(capsys, "--db", db, "product", "add", "菠萝包", "--price", "8.5", "--code", "P1")[0] == 0
    code, _, err = run(capsys, "--db", db, *argv)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert words in err
    _, out, _ = run(capsys, "--db", db, "product", "list", "--json")
    assert [(p["name"], p["price_cents"]) for p in json.loads(out)] == [("菠萝包", 850)]


def test_import_dry_run_then_import_with_errors_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    sheet = tmp_path / "prices.csv"
    sheet.write_text("商品价目表\n品名,编码,单价\n毛毛虫面包,B1,12.5\n奶茶,D1,0\n", encoding="gbk")
    code, out, _ = run(capsys, "--db", db, "product", "import", str(sheet), "--dry-run", "--json")
    summary = json.loads(out)
    assert code == 0 and (summary["created"], summary["rejected"], summary["dry_run"]) == (1, 1, True)
    assert summary["rejected_rows"][0]["row"] == 4 and "more than ¥0" in summary["rejected_rows"][0]["reason"]
    _, out, _ = run(capsys, "--db", db, "product", "list", "--json")
    assert json.loads(out) == []
    errors = tmp_path / "rejected.xlsx"
    code, out, _ = run(capsys, "--db", db, "product", "import", str(sheet), "--errors", str(errors))
    assert code == 0 and "new products: 1" in out and "Row 4:" in out and errors.exists()
    _, out, _ = run(capsys, "--db", db, "product", "list", "--review", "--json")
    assert [p["name"] for p in json.loads(out)] == ["毛毛虫面包"]
    code, out, _ = run(capsys, "--db", db, "product", "edit", "B1", "--reviewed")
    _, out, _ = run(capsys, "--db", db, "product", "list", "--review", "--json")
    assert json.loads(out) == []


def test_import_with_every_row_bad_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "prices.csv"
    sheet.write_text("品名,单价\n奶茶,0\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "shop.db"), "product", "import", str(sheet))
    assert code == 1 and "no row could be imported" in err


def test_import_with_a_mapping_for_unknown_headers_is_remembered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    sheet = tmp_path / "odd.csv"
    sheet.write_text("货品全称,标准零售\n毛毛虫面包,12.5\n红豆包,8\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "product", "import", str(sheet))
    assert code == 1 and "looks like a price list" in err
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"货品全称": "product", "B": "unit_price"}), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "product", "import", str(sheet), "--mapping", str(mapping), "--json")
    assert code == 0 and json.loads(out)["created"] == 2
    later = tmp_path / "later.csv"
    later.write_text("货品全称,标准零售\n毛毛虫面包,13\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "product", "import", str(later), "--json")  # the layout is remembered
    assert code == 0 and json.loads(out)["updated"] == 1
    mapping.write_text(json.dumps({"货品全称": "flavour"}), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "product", "import", str(sheet), "--mapping", str(mapping))
    assert code == 1 and "is not a field" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("spec", [{"日期": "flavour"}, {"日期": "date", "金额": "date"}])
def test_a_bad_sales_mapping_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          spec: dict[str, str]) -> None:
    """Found while adding product import --mapping: validate_mapping raised TypeError for these."""
    sheet = tmp_path / "sales.csv"
    sheet.write_text("日期,金额\n2025-03-01,18\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(spec), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "shop.db"), "import", "sales", str(sheet), "--mapping", str(mapping))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "is not a field" in err or "Two columns are mapped to Date" in err
