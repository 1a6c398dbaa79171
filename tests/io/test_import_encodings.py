"""Text exports in the encodings shops have: read exactly, or refused with the encodings named.

The generator writes sales CSVs with Traditional or Simplified product names (or Western ones) in
UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK, Big5 and Windows-1252, under Chinese or English
headers, short and long.  Property: every product name comes back exactly as written, or the file
is refused with a message that names the encoding - never mojibake (菠蘿麵包 -> 翟炮难...).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.io.safety import BadFileError, inspect_file
from shopcrm.io.workbook import open_workbook
from shopcrm.services.importing.options import ImportOptions
from shopcrm.services.importing.preview import prepare_sheets
from shopcrm.services.importing.rows import RowStats
from shopcrm.services.importing.sales_rows import Reading, read_sheets

TRADITIONAL = ["菠蘿麵包", "鳳梨酥", "珍珠奶茶", "蛋撻", "芒果慕斯蛋糕", "紅豆餅", "檸檬綠茶", "烏龍拿鐵", "可頌", "巧克力"]
SIMPLIFIED = ["菠萝面包", "凤梨酥", "珍珠奶茶", "蛋挞", "芒果慕斯蛋糕", "红豆饼", "柠檬绿茶", "乌龙拿铁", "可颂", "巧克力"]
WESTERN = ["Crème brûlée", "Café au lait", "Pain au chocolat", "Müsli", "Jalapeño bagel", "Croissant"]
HEADERS = {
    "traditional": [["銷售日期", "商品名稱", "金額"], ["日期", "品名", "金額"], ["date", "product", "amount"]],
    "simplified": [["销售日期", "商品名称", "实收金额"], ["日期", "品名", "金额"], ["date", "product", "amount"]],
    "western": [["date", "product", "amount"]],
}
ENCODINGS = {
    "traditional": ["utf-8", "utf-8-sig", "utf-16", "big5", "gb18030"],
    "simplified": ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"],
    "western": ["utf-8", "utf-8-sig", "cp1252"],
}
NAMED = ("GB18030", "Big5", "Windows-1252")


def _products(path: Path) -> list[str | None]:
    options = ImportOptions()
    reading = Reading()
    with open_workbook(path) as wb:
        prepared, _ = prepare_sheets(None, wb, "sales", options)
        read_sheets(prepared, options, RowStats(), reading, now=dt.datetime(2026, 6, 1))
    return [r.product for r in sorted(reading.singles, key=lambda r: r.row)]


@st.composite
def exports(draw: Any) -> tuple[str, bytes, list[str]]:
    script = draw(st.sampled_from(sorted(HEADERS)))
    pool = {"traditional": TRADITIONAL, "simplified": SIMPLIFIED, "western": WESTERN}[script]
    header = draw(st.sampled_from(HEADERS[script]))
    encoding = draw(st.sampled_from(ENCODINGS[script]))
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=40))
    suffixes = draw(st.lists(st.sampled_from(["", "（大）", "礼盒" if script == "simplified" else "禮盒", " 2"]), min_size=len(names),
                             max_size=len(names)))
    if script == "western":
        suffixes = [s if s in ("", " 2") else "" for s in suffixes]
    written = [n + s for n, s in zip(names, suffixes, strict=True)]
    lines = [",".join(header)] + [f"2025-01-{1 + i % 28:02d} 10:00,{name},{12 + i}" for i, name in enumerate(written)]
    return encoding, ("\r\n".join(lines) + "\r\n").encode(encoding), written


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(exports())
def test_a_text_export_reads_exactly_or_is_refused_naming_the_encoding(tmp_path_factory: Any, case: tuple[str, bytes, list[str]]) -> None:
    encoding, data, written = case
    path = tmp_path_factory.mktemp("enc") / "sales.csv"
    path.write_bytes(data)
    try:
        got = _products(path)
    except BadFileError as exc:
        assert any(name in exc.message() for name in NAMED), exc.message()
        assert encoding not in ("utf-8", "utf-8-sig", "utf-16")  # Unicode files are never in doubt
        return
    assert got == [unicodedata.normalize("NFKC", w) for w in written]  # names are stored NFKC-normalised


def test_the_big5_file_of_issue_12_is_read_as_big5(tmp_path: Path) -> None:
    path = tmp_path / "台北店.csv"
    rows = ["銷售日期,商品名稱,數量,金額"] + [f"2025-01-{d:02d} 10:00,菠蘿麵包,1,{30 + d}" for d in range(1, 11)]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("big5"))
    assert inspect_file(path).encoding == "big5"
    assert _products(path) == ["菠蘿麵包"] * 10


def test_a_file_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("日期,商品,金额\n2025-01-02,".encode() + b"\x81\x30\xff\xfe\x81" * 3 + b",12\n")
    with pytest.raises(BadFileError, match="UTF-8"):
        _products(path)
