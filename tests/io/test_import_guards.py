"""What an import writes agrees with what it says: options checked first, rejected rows never half-written,
discounts above the gross refused, names kept whole, hidden sales sheets named, crashes one line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_factory import SALES_HEADER, xlsx
from sqlalchemy import func, select

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.db.models import ImportBatch, Member, Product, Purchase
from shopcrm.db.opening import open_database
from shopcrm.errors import ValidationError
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import prepare_sheets
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.sales_rows import Reading, read_sheets

NOW = dt.datetime(2026, 6, 1, 12)


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _sales(tmp_path: Path, rows: list[list[Any]], name: str = "s.xlsx") -> Path:
    return xlsx(tmp_path / name, {"流水": [SALES_HEADER, *rows]})


GOOD = [dt.datetime(2025, 3, 1, 9), "A1", "13812345678", None, "拿铁", 1, 18, 18, "微信"]
BAD = [dt.datetime(2025, 3, 1, 9), "A2", "12345", None, "拿铁", 1, 18, 18, "微信"]


# ------------------------------------------------------------------ item 9: validate before the transaction


@pytest.mark.parametrize(
    "errors",
    ["missing-folder/out.xlsx", "out.csv", "."],
)
def test_a_bad_errors_path_stops_the_import_before_anything_is_written(db: Database, tmp_path: Path, errors: str) -> None:
    path = _sales(tmp_path, [GOOD, BAD])
    with pytest.raises(ValidationError):
        import_file(db, path, "sales", ImportOptions(errors_path=tmp_path / errors))
    assert _count(db, ImportBatch) == 0 and _count(db, Purchase) == 0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_code_and_database_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shop = str(tmp_path / "shop.db")
    mixed = _sales(tmp_path, [GOOD, BAD], "mixed.xlsx")
    code, out, err = run(capsys, "--db", shop, "import", "sales", str(mixed), "--errors", str(tmp_path / "nope" / "r.xlsx"), "--json")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    db = open_database(shop)
    assert _count(db, ImportBatch) == 0  # nothing committed, so no batch id was lost
    all_bad = _sales(tmp_path, [BAD, [*BAD[:1], "A3", *BAD[2:]]], "bad.xlsx")
    code, out, err = run(capsys, "--db", shop, "import", "sales", str(all_bad), "--json", "--errors", str(tmp_path / "r.xlsx"))
    assert code == 1 and json.loads(out)["batch"] is None and json.loads(out)["rejected"] == 2
    assert _count(db, ImportBatch) == 0 and (tmp_path / "r.xlsx").exists()
    code, out, _ = run(capsys, "--db", shop, "import", "sales", str(mixed), "--json")
    assert code == 0 and json.loads(out)["batch"] == 1 and _count(db, ImportBatch) == 1
    db.dispose()


def test_an_unexpected_error_is_one_line_and_a_log(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import shopcrm.commands.import_ as command

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("r5")

    monkeypatch.setattr(command, "import_file", broken)
    path = _sales(tmp_path, [GOOD])
    code, _, err = run(capsys, "--db", str(tmp_path / "shop.db"), "import", "sales", str(path))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err and "KeyError" in err
    log = Path(err.strip().rsplit(" ", 1)[-1])
    assert log.exists() and "Traceback" in log.read_text(encoding="utf-8") and "r5" in log.read_text(encoding="utf-8")


# ------------------------------------------------------------------ item 6: discounts, names, hidden sheets


def _read(path: Path) -> Reading:
    options = ImportOptions()
    reading = Reading()
    with open_workbook(path) as wb:
        prepared, _ = prepare_sheets(None, wb, "sales", options)
        read_sheets(prepared, options, RowStats(), reading, now=NOW)
    return reading


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    lines=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 6000), st.booleans(), st.sampled_from([1, 2, 3])),
                   min_size=1, max_size=12)
)
def test_a_discount_is_never_more_than_the_gross_and_never_turns_a_sale_into_a_refund(
    tmp_path_factory: Any, lines: list[tuple[int, int, bool, int]]
) -> None:
    """Generated gross/unit-price and discount pairs: net = gross - discount, or the row is rejected."""
    folder = tmp_path_factory.mktemp("discount")
    header = ["日期", "手机", "商品", "数量", "单价", "应收", "优惠"]
    rows: list[list[Any]] = [header]
    for i, (gross, discount, by_unit, qty) in enumerate(lines):
        when = dt.datetime(2025, 1, 1, 8) + dt.timedelta(hours=i)
        if by_unit:
            rows.append([when, None, "拿铁", qty, gross / 100, None, discount / 100])
        else:
            rows.append([when, None, "拿铁", qty, None, gross / 100, discount / 100])
    reading = _read(xlsx(folder / "d.xlsx", {"s": rows}))
    got = {r.row: r.amount for r in reading.singles}
    rejected = {r.row_number: r.reason for r in reading.rejects}
    for i, (gross, discount, by_unit, qty) in enumerate(lines):
        number = i + 2
        base = gross * qty if by_unit else gross
        if discount > base:
            assert "larger than" in rejected[number]
        else:
            assert got[number] == base - discount >= 0


@pytest.mark.parametrize("length", [99, 100, 101, 140])
def test_names_and_products_are_kept_whole_or_rejected(db: Database, tmp_path: Path, length: int) -> None:
    name, product = "张" * length, "超长商品名" * 30
    product = product[:length]
    rows = [[dt.datetime(2025, 3, 1, 9), None, "13812345678", None, product, 1, 18, 18, "微信"],
            [dt.datetime(2025, 3, 1, 10), None, "13900001111", None, product[:-1] + "乙", 1, 18, 18, "微信"]]
    header = [*SALES_HEADER, "会员姓名"]
    path = xlsx(tmp_path / "long.xlsx", {"s": [header, [*rows[0], name], [*rows[1], "李四"]]})
    result = import_file(db, path, "sales", ImportOptions(errors_path=tmp_path / "why.xlsx"))
    with db.read() as s:
        products = sorted(s.scalars(select(Product.name)))
        names = sorted(n for n in s.scalars(select(Member.name)) if n)
    if length <= 100:
        assert result.rejected == 0 and products == sorted([product, product[:-1] + "乙"]) and name in names
    else:  # never cut: two long names cut to one prefix would become one product
        from openpyxl import load_workbook

        assert result.rejected == 2 and products == [] and result.batch is None
        reasons = [row[-1] for row in load_workbook(tmp_path / "why.xlsx").active.iter_rows(min_row=2, values_only=True)]
        assert len(reasons) == 2 and all("longer than 100 characters" in r for r in reasons)


def test_a_hidden_sheet_with_sales_is_named_in_the_summary(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = xlsx(tmp_path / "h.xlsx", {"一月": [SALES_HEADER, GOOD], "二月": [SALES_HEADER, [*GOOD[:1], "B1", *GOOD[2:]]]})
    wb = load_workbook(path)
    wb["二月"].sheet_state = "hidden"
    wb.save(path)
    result = import_file(db, path, "sales")
    assert result.imported == 1
    assert any("二月" in note and "hidden" in note for note in result.notes)
    again = import_file(db, path, "sales", ImportOptions(sheets=["二月"]))
    assert again.imported == 1 and not any("hidden" in n for n in again.notes)
