"""Writes the two sample sheets a new shop owner can try in the import wizard.

    python resources/samples/make_samples.py          # rewrites the .xlsx files beside this script

示例-销售流水.xlsx is messy on purpose, the way POS exports and hand-kept sheets are: title rows
above a Chinese header, dates as real dates, text, 年月日, 20240309 and an Excel serial number,
amounts with ¥, 元, thousands separators and full-width digits, a receipt of two lines that was
exported with one line twice, walk-in sales, a refund, a phone number that cannot be right and a
合计 row.  Importing it gives:

    rows 12, imported 10 (9 purchases), duplicates 1, rejected 1, skipped 1 (the 合计 row),
    members created 5, walk-in purchases 2, revenue ¥1,165.50

示例-会员名单.xlsx is a member list with the usual variety (phones with spaces or +86, a birthday
without a year, 女士/男 for gender, 朋友推荐 for the source, 是/否 for consent).  Imported after the
sales sheet it fills in 2 members the sales created, adds 2, skips its 合计 row and rejects one
impossible phone; one row repeats another and counts as a duplicate:

    rows 6, imported 4, members created 2, members updated 2, duplicates 1, rejected 1, skipped 1

tests/io/test_samples.py imports both and checks these numbers, and that this script still
writes exactly the files that are committed.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
SALES_FILE = "示例-销售流水.xlsx"
MEMBERS_FILE = "示例-会员名单.xlsx"
_FIXED_TIME = dt.datetime(2024, 4, 1, 9, 0)  # file metadata, so the files come out the same every time

SALES_HEADER = ["销售日期", "小票号", "会员手机", "会员卡号", "顾客姓名", "商品名称", "分类", "数量", "单价", "实收金额", "支付方式", "类型"]
MEMBERS_HEADER = ["会员卡号", "姓名", "手机号", "性别", "生日", "注册日期", "来源", "标签", "营销同意", "积分", "备注"]


def sales_rows() -> list[list[Any]]:
    """Title rows, the header, 12 data rows and a 合计 row (see the module doc for what they give)."""
    lines = [
        [dt.datetime(2024, 3, 1, 8, 5), "A0001", "138 1234 5678", None, "王芳", "牛角包", "面包", 2, 8, 16, "微信支付", "销售"],
        [dt.datetime(2024, 3, 1, 8, 5), "A0001", "138 1234 5678", None, "王芳", "拿铁", "咖啡", 1, 18, "¥18.00", "微信支付", "销售"],
        # The POS exported the line above twice: it counts once.
        [dt.datetime(2024, 3, 1, 8, 5), "A0001", "138 1234 5678", None, "王芳", "拿铁", "咖啡", 1, 18, "¥18.00", "微信支付", "销售"],
        ["2024/3/1 9:30", "A0002", "散客", None, None, "美式", "咖啡", 1, 15, "15元", "现金", "销售"],  # a walk-in
        ["2024年3月2日", "A0003", "+86 139-0000-1111", "VIP001", "李雷", "吐司", "面包", "1", 12.5, "12.5元", "支付宝", "销售"],
        [45353.5, "A0004", "13812345678", None, None, "蛋挞", "面包", 3, 6, "18", "会员卡余额", "销售"],  # Excel serial: 2 Mar 12:00
        ["2024-03-03 10:00", "A0005", None, None, None, "生日蛋糕", "蛋糕", 1, 1018, "1,018.00", "刷卡", "销售"],  # no member: walk-in
        ["2024-03-05 16:20", "A0006", "13812345678", None, None, "牛角包", "面包", 1, 8, 8, "微信支付", "退货"],  # a refund
        ["2024-03-06 11:00", "A0007", "13700002222", None, "韩梅梅", "可颂", "面包", 2, 9, "18.00", "微信", "销售"],
        ["2024-03-07", "A0008", "12345", None, None, "拿铁", "咖啡", 1, 18, 18, "现金", "销售"],  # rejected: not a phone
        ["2024-03-08 14:30", "A0009", None, "VIP002", "张伟", "抹茶蛋糕", "蛋糕", 1, 28, "￥２８", "微信", "销售"],
        ["20240309", "A0010", "15000000000", None, None, "美式", "咖啡", 2, 15, 30, "支付宝", "销售"],
    ]
    return [
        ["阿福烘焙（示例店）2024 年 3 月销售流水"],
        ["导出时间：2024-04-01 09:00    门店：人民路店"],
        [],
        SALES_HEADER,
        *lines,
        ["合计", None, None, None, None, None, None, 17, None, 1200.5, None, None],
    ]


def member_rows() -> list[list[Any]]:
    """A title row, the header, 6 members (one repeated, one with an impossible phone) and a 合计 row."""
    return [
        ["会员名单（示例）"],
        MEMBERS_HEADER,
        [None, "王芳", "138-1234-5678", "女", "3月5日", "2023-01-02", "朋友推荐", "咖啡、甜品", "是", 120, "爱喝拿铁"],
        ["VIP001", "李雷", "+86 139 0000 1111", "男", "1990-07-08", "2023/2/3", "美团", None, "否", None, None],
        [None, "赵敏", "13600001234", "女士", "0612", "2024-02-10", "小程序", "甜品", "是", 50, None],
        [None, "钱进", "159 0000 0000", "男", None, None, None, None, None, None, None],
        [None, "钱进", "159 0000 0000", "男", None, None, None, None, None, None, None],  # the same row again
        [None, "周杰", "12345", "男", None, None, None, None, None, None, "电话记错了"],  # rejected: not a phone
        [],
        ["合计：5 人"],
    ]


def _write(path: Path, title: str, rows: Sequence[Sequence[Any]], header_row: int, merge: str) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    ws.merge_cells(merge)
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for letter in "ABCDEFGHIJKL":
        ws.column_dimensions[letter].width = 14
    wb.properties.creator = "ShopCRM"
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    wb.save(path)
    return path


def make_samples(folder: Path = HERE) -> tuple[Path, Path]:
    """Write both sample files into `folder`; returns (sales, members)."""
    folder.mkdir(parents=True, exist_ok=True)
    sales = _write(folder / SALES_FILE, "销售流水", sales_rows(), 4, "A1:L1")
    members = _write(folder / MEMBERS_FILE, "会员名单", member_rows(), 2, "A1:K1")
    return sales, members


if __name__ == "__main__":
    for written in make_samples(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
