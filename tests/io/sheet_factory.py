"""Builders of the messy spreadsheets shops really have, written by the tests themselves."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

SALES_HEADER = ["销售日期", "小票号", "会员手机", "会员卡号", "商品名称", "数量", "单价", "实收金额", "支付方式"]


def xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], *, merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with the given rows per sheet (None = empty cell) and merged ranges like 'A1:D1'."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def xls(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A legacy .xls (BIFF8) written with xlwt."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime | dt.date):
                    sheet.write(r, c, value, date_style)
                else:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def messy_sales_rows() -> list[list[Any]]:
    """Title rows, a header, mixed date and amount forms, walk-ins, a refund, blank and 合计 rows.

    12 data rows: 11 sales (one a refund) and 1 bad phone; totals below in EXPECTED."""
    return [
        ["阿福烘焙 2024 年 3 月销售流水", None, None, None, None, None, None, None, None],
        ["导出时间：2024-04-01", None, None, None, None, None, None, None, None],
        [None] * 9,
        SALES_HEADER,
        [dt.datetime(2024, 3, 1, 8, 5), None, "138 1234 5678", None, "牛角包", 2, 8, 16, "微信支付"],
        ["2024/3/1 9:30", None, None, None, "拿铁", 1, "¥18.00", "18.00", "现金"],
        ["2024年3月2日", None, "+86 139-0000-1111", "VIP001", "吐司", "1", 12.5, "12.5元", "支付宝"],
        [45353.5, None, "13812345678", None, "蛋挞", 3, 6, "18", "会员卡余额"],
        ["2024-03-03 10:00", None, None, None, "拿铁", 1, 18, "1,018.00", "现金"],
        [None] * 9,
        ["2024-03-04", None, "12345", None, "拿铁", 1, 18, 18, "现金"],
        ["2024-03-05 16:20", None, None, "VIP002", "生日蛋糕", 1, 168, "￥１６８", "微信"],
        ["2024-03-06 11:00", None, None, None, "拿铁", 1, 18, 18, "现金"],
        ["2024-03-06 11:00", None, None, None, "拿铁", 1, 18, 18, "现金"],
        ["2024-03-07 12:00", None, "13812345678", None, "牛角包", -1, 8, "-8", "微信"],
        ["20240308", None, "13900001111", None, "可颂", 2, 9, "(18.00)", "微信"],
        ["2024-03-09 09:00", None, "13700002222", None, "美式", 1, 15, 15, "微信"],
        ["合计", None, None, None, None, 14, None, 1326.5, None],
    ]
