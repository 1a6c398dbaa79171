"""Property-based fuzzing of the importer: random cell types and values under random headers, in
CSV (random delimiter and encoding) and .xlsx (several sheets, title rows, merged cells); random
bytes written into the members of a valid .xlsx; and files of random bytes.  Property: preview and
import either work or raise ShopError (a message for the owner) - nothing else escapes.

Every distinct failure is collected with the first input that showed it (the input is kept under
the test's tmp folder, or in SHOPCRM_FUZZ_KEEP), so one run reports all of them.  Budget per test: FUZZ_IMPORT_EXAMPLES
(300 by default; SHOPCRM_FUZZ_IMPORT_EXAMPLES overrides).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import random
import traceback
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.db.engine import Database
from shopcrm.db.opening import open_database
from shopcrm.errors import ShopError
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import preview_file
from shopcrm.services.importing.run import import_file
from shopcrm.services.members.records import MemberInput, register_member

pytestmark = pytest.mark.slow  # still runs in CI; `-m "not slow"` skips it locally
FUZZ_IMPORT_EXAMPLES = int(os.environ.get("SHOPCRM_FUZZ_IMPORT_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=FUZZ_IMPORT_EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEADERS = [
    "日期", "销售日期", "时间", "手机号", "电话", "联系方式", "会员卡号", "卡号", "姓名", "商品", "品名", "分类", "数量",
    "单价", "金额", "实收", "应收", "优惠", "支付方式", "渠道", "小票号", "单号", "性别", "生日", "注册日期", "来源",
    "区域", "标签", "备注", "积分", "等级", "营销同意", "date", "phone", "amount", "product", "qty", "card no.", "name",
    "receipt", "Total", "合计", "", None,
]
LAYOUTS = [("日期", "手机号", "金额"), ("销售日期", "会员卡号", "商品", "数量", "实收"), ("date", "phone", "amount", "receipt"),
           ("姓名", "手机号"), ("name", "phone", "birthday", "gender", "points", "level", "tags")]
_TEXT = st.text(max_size=30)
CELLS = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    _TEXT,
    st.sampled_from(["13812345678", "138 1234 5678", "+86 138-1234-5678", "８６１３８１２３４５６７８", "1.3812345678E10",
                     "¥12.50", "￥1,234.00", "RMB 8", "(5.00)", "-3", "1e400", "2025/3/5 14:32", "2025年3月5日",
                     "2025-02-30", "45000", "=1+1", "+SUM(A1)", "@cmd", "-2+3", "合计", "Total", "小计", "\x00", "\ufeff"]),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.times(),
)

OUTCOMES: Counter[str] = Counter()
FAILURES: dict[str, Path] = {}


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    db = open_database(tmp_path / "shop.db")
    for i in range(5):
        register_member(db, MemberInput(phone=f"1381234567{i}", name=f"会员{i}"))
    yield db, tmp_path
    db.dispose()


def _finish(label: str) -> None:
    """Print the case counts of one fuzz test and fail with every distinct failure it collected."""
    counts = {k: v for k, v in sorted(OUTCOMES.items()) if k.split(":")[0].startswith(label)}
    print(f"\n[fuzz import/{label}] " + " ".join(f"{k}={v}" for k, v in counts.items()))
    failures = {k: p for k, p in FAILURES.items() if p.name.startswith(label)}
    assert not failures, "\n".join(f"{k}\n    input kept as {p}" for k, p in failures.items())


def _exercise(db: Database, path: Path, kind: str, dry_run: bool, label: str) -> None:
    """Preview and import; a ShopError is an answer, anything else a failure (kept with its input)."""
    OUTCOMES[label] += 1
    try:
        preview_file(db, path, kind)
        result = import_file(db, path, kind, ImportOptions(dry_run=dry_run, remember_mapping=False))
        OUTCOMES[f"{label}:imported"] += 1
        assert result.rows >= result.imported >= 0 and result.rejected >= 0
    except ShopError:
        OUTCOMES[f"{label}:refused"] += 1
    except BaseException as exc:  # noqa: BLE001 - the property is that nothing else escapes
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
        if isinstance(exc, RecursionError) and tb:  # name the frame that repeats, not where the stack ran out
            where = Counter(f"{Path(f.filename).name}:{f.lineno}" for f in tb).most_common(1)[0][0]
        key = f"[{label.split('-')[0]}] {type(exc).__name__} at {where}: {str(exc)[:160]}"
        if key not in FAILURES:
            keep_dir = Path(os.environ.get("SHOPCRM_FUZZ_KEEP", str(path.parent)))  # pytest prunes old tmp folders
            keep_dir.mkdir(parents=True, exist_ok=True)
            kept = keep_dir / f"{label.split('-')[0]}-failure-{len(FAILURES)}{path.suffix}"
            kept.write_bytes(path.read_bytes())
            FAILURES[key] = kept
        OUTCOMES[f"{label}:FAILED"] += 1


@st.composite
def tables(draw: st.DrawFn) -> list[list[Any]]:
    """Title rows, a header row of known and random names, then rows of random cells."""
    if draw(st.booleans()):  # a layout the importer recognises, shuffled, with extra columns: rows get parsed
        header = list(draw(st.sampled_from(LAYOUTS))) + [draw(st.sampled_from(HEADERS)) for _ in range(draw(st.integers(0, 3)))]
        header = draw(st.permutations(header))
    else:
        header = [draw(st.one_of(st.sampled_from(HEADERS), _TEXT)) for _ in range(draw(st.integers(1, 8)))]
    columns = len(header)
    titles = [[draw(_TEXT)] for _ in range(draw(st.integers(0, 2)))]
    rows = [[draw(CELLS) for _ in range(draw(st.integers(0, columns + 1)))] for _ in range(draw(st.integers(0, 10)))]
    return [*titles, header, *rows]


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return str(value)


def test_fuzz_csv(shop: tuple[Database, Path]) -> None:
    db, folder = shop

    @SETTINGS
    @given(table=tables(), delimiter=st.sampled_from([",", "\t", ";", "|"]),
           encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "latin-1"]),
           kind=st.sampled_from(["sales", "members"]), dry_run=st.booleans(), tail=st.binary(max_size=8))
    def one(table: list[list[Any]], delimiter: str, encoding: str, kind: str, dry_run: bool, tail: bytes) -> None:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows([[_csv_text(v) for v in row] for row in table])
        data = out.getvalue().encode(encoding, errors="replace") + tail
        path = folder / "csv.csv"
        path.write_bytes(data)
        _exercise(db, path, kind, dry_run, "csv")

    one()
    _finish("csv")


def _xlsx_value(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    return value


def _xlsx_bytes(sheets: list[list[list[Any]]], merges: list[tuple[int, int, int, int]], hidden: bool) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for n, table in enumerate(sheets):
        ws = wb.create_sheet(f"表{n}" if n % 2 else f"Sheet{n}")
        for row in table:
            ws.append([_xlsx_value(v) for v in row])
        if n == 0:
            for r0, c0, r1, c1 in merges:
                if ws.max_row >= r1 and ws.max_column >= c1:
                    ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        if hidden and n == len(sheets) - 1 and len(sheets) > 1:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


merges = st.lists(
    st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(0, 3), st.integers(0, 2)).map(
        lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])),
    max_size=3,
)


def test_fuzz_xlsx_cells(shop: tuple[Database, Path]) -> None:
    db, folder = shop

    @SETTINGS
    @given(sheets=st.lists(tables(), min_size=1, max_size=3), merged=merges, hidden=st.booleans(),
           kind=st.sampled_from(["sales", "members"]), dry_run=st.booleans())
    def one(sheets: list[list[list[Any]]], merged: list[tuple[int, int, int, int]], hidden: bool, kind: str,
            dry_run: bool) -> None:
        try:
            data = _xlsx_bytes(sheets, merged, hidden)
        except (ValueError, TypeError):  # openpyxl itself refuses (overlapping merges ...): not our input
            OUTCOMES["xlsx-unwritable"] += 1
            return
        path = folder / "xlsx.xlsx"
        path.write_bytes(data)
        _exercise(db, path, kind, dry_run, "xlsx")

    one()
    _finish("xlsx")


_BASE_SALES = [
    ["老街面包坊 销售明细"],
    ["销售日期", "手机号", "商品", "数量", "实收"],
    [dt.datetime(2025, 3, 5, 14, 32), "13812345670", "菠萝包", 2, 17.0],
    ["2025/3/6", "138 1234 5671", "柠檬茶", 1, "¥16.00"],
    [dt.date(2025, 3, 7), None, "蛋挞", 3, 21],
    ["合计", None, None, 6, 54],
]


@pytest.fixture(scope="module")
def valid_xlsx() -> bytes:
    return _xlsx_bytes([_BASE_SALES, [["姓名", "手机号"], ["张三", "13812345672"]]], [(1, 1, 1, 3)], False)


def test_fuzz_xlsx_zip_members(shop: tuple[Database, Path], valid_xlsx: bytes) -> None:
    db, folder = shop

    @SETTINGS
    @given(seed=st.integers(0, 2**32 - 1), mode=st.sampled_from(["flip", "truncate", "insert", "replace", "container"]),
           member_pick=st.integers(0, 100), kind=st.sampled_from(["sales", "members"]))
    def one(seed: int, mode: str, member_pick: int, kind: str) -> None:
        _mutated_run(db, folder, valid_xlsx, seed, mode, member_pick, kind)

    one()
    _finish("zip")


def _mutated_run(db: Database, folder: Path, valid_xlsx: bytes, seed: int, mode: str, member_pick: int, kind: str) -> None:
    rng = random.Random(seed)
    path = folder / "zip.xlsx"
    if mode == "container":  # bytes of the zip itself: directory, local headers, compressed streams
        data = bytearray(valid_xlsx)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
    else:
        with zipfile.ZipFile(io.BytesIO(valid_xlsx)) as src:
            names = src.namelist()
            target = names[member_pick % len(names)]
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
                for name in names:
                    content = src.read(name)
                    if name == target:
                        content = _mutate(content, mode, rng)
                    dst.writestr(name, content)
        path.write_bytes(out.getvalue())
    _exercise(db, path, kind, rng.random() < 0.5, f"zip-{mode}")


def _mutate(content: bytes, mode: str, rng: random.Random) -> bytes:
    data = bytearray(content)
    if mode == "flip" and data:
        for _ in range(rng.randrange(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif mode == "truncate":
        del data[rng.randrange(len(data) + 1):]
    elif mode == "insert":
        at = rng.randrange(len(data) + 1)
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    else:
        data = bytearray(rng.randbytes(rng.randrange(0, 2000)))
    return bytes(data)


def test_fuzz_random_bytes(shop: tuple[Database, Path]) -> None:
    db, folder = shop

    @SETTINGS
    @given(head=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"<?xml", b"%PDF"]),
           body=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ""]),
           kind=st.sampled_from(["sales", "members"]))
    def one(head: bytes, body: bytes, suffix: str, kind: str) -> None:
        path = folder / f"bytes{suffix}"
        path.write_bytes(head + body)
        _exercise(db, path, kind, True, "bytes")

    one()
    _finish("bytes")
