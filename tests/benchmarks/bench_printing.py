"""Campaign and printing benchmarks: each figure beside a reference measured in the same run.

    .venv/bin/python tests/benchmarks/bench_printing.py [--members 20000] [--rows 20000]

1. A PDF of ROWS members through the list layout (shopcrm.gui.printing.output.write_pdf: layout,
   page by page formatting, masking, ToUnicode rewrite), beside a bare QPdfWriter that draws the
   same cell strings at fixed positions with no layout (the floor for Qt's PDF engine), and beside
   the same list written as a styled workbook.
2. The print preview's painting in the GUI thread (QPrintPreviewWidget.updatePreview) for 1,000
   rows, beside write_pdf of the same rows.
3. On a demo shop of MEMBERS members, classified: the Campaigns screen's live count (p50, p95 of
   the 'lapsed gold' filter through count_matching) beside a bare sqlite3 COUNT of the same join;
   and one campaign response (30 days, comparison group) beside a bare GROUP BY of the window's
   purchases.
Not a pytest test: speed is never asserted in the test suite (the machine may be shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QPainter, QPdfWriter  # noqa: E402
from PySide6.QtPrintSupport import QPrintPreviewWidget  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shopcrm.db.opening import open_database  # noqa: E402
from shopcrm.gui.printing.fonts import print_font  # noqa: E402
from shopcrm.gui.printing.output import PDF_RESOLUTION, new_printer, page_layout, paint_list, write_pdf  # noqa: E402
from shopcrm.services.campaigns.columns import CellFormat  # noqa: E402
from shopcrm.services.campaigns.export import write_list_workbook  # noqa: E402
from shopcrm.services.campaigns.output import PreparedList, _columns  # noqa: E402
from shopcrm.services.members.table import MemberRow  # noqa: E402


def line(label: str, value: str, reference: str = "", ratio: str = "") -> None:
    print(f"  {label:<52} {value:>14}  {reference:>30}  {ratio}")
    sys.stdout.flush()


def synthetic(rows: int) -> PreparedList:
    members = tuple(
        MemberRow(member_id=i, card_no=f"{i:06d}", name=f"王小明{i % 997}", phone=f"+86138{i:08d}", level=i % 4,
                points=i % 5000, birth_year=1990, birth_month=i % 12 + 1, birth_day=i % 28 + 1,
                registered_on=dt.date(2024, 1, 1), source="wechat", area="万科城市花园", consent=True,
                status="active", last_purchase=dt.date(2025, 3, i % 28 + 1), pyramid="gold", segment="at_risk")
        for i in range(rows))
    now = dt.datetime.now()
    return PreparedList(shop_name="麦香烘焙坊", title="流失中的黄金会员", made_at=now, output_at=now,
                        filter_lines=("客户金字塔: 黄金",), consent_only=True, masked=True, columns=_columns(None),
                        rows=members, fmt=CellFormat(True, ("普通", "银卡", "金卡", "钻石")), campaign_id=None,
                        left_out=0, language="zh_CN")


def bare_pdf(doc: PreparedList, target: Path, rows_per_page: int) -> float:
    """The same strings drawn at fixed positions: no measuring, eliding or formatting per page."""
    cells = doc.text_rows()
    t0 = time.perf_counter()
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(doc))
    painter = QPainter(writer)
    painter.setFont(print_font(9))
    width = writer.width() / max(1, len(doc.columns))
    height = writer.height() / (rows_per_page + 4)
    for i, row in enumerate(cells):
        slot = i % rows_per_page
        if i and slot == 0:
            writer.newPage()
        for j, cell in enumerate(row):
            painter.drawText(QRectF(j * width, (slot + 2) * height, width, height), cell)
    painter.end()
    del writer
    return time.perf_counter() - t0


def bench_pdf(rows: int, folder: Path) -> None:
    print(f"1. PDF of {rows:,} members")
    doc = synthetic(rows)
    t0 = time.perf_counter()
    pages = write_pdf(doc, folder / "list.pdf")
    ours = time.perf_counter() - t0
    bare = bare_pdf(doc, folder / "bare.pdf", max(1, rows // pages))
    t0 = time.perf_counter()
    write_list_workbook(doc, folder / "list.xlsx")
    xlsx = time.perf_counter() - t0
    line(f"write_pdf ({pages} pages, {(folder / 'list.pdf').stat().st_size // 1024} KiB)", f"{ours:.2f} s",
         f"bare QPdfWriter {bare:.2f} s", f"x{ours / bare:.2f}")
    line("  per page", f"{ours / pages * 1000:.1f} ms", f"xlsx of the same list {xlsx:.2f} s", f"x{ours / xlsx:.2f}")


def bench_preview(folder: Path) -> None:
    print("2. Print preview painting in the GUI thread, 1,000 rows")
    doc = synthetic(1000)
    printer = new_printer(doc)
    widget = QPrintPreviewWidget(printer)
    widget.paintRequested.connect(lambda p: paint_list(doc, p))
    t0 = time.perf_counter()
    widget.updatePreview()
    preview = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_pdf(doc, folder / "thousand.pdf")
    pdf = time.perf_counter() - t0
    line(f"updatePreview ({widget.pageCount()} pages)", f"{preview:.2f} s", f"write_pdf {pdf:.2f} s",
         f"x{preview / pdf:.2f}")


def bench_queries(members: int, folder: Path) -> None:
    from shopcrm.demo.shop import generate_demo
    from shopcrm.services.campaigns.lists import (
        count_matching,
        preset_filter,
        promotion_filter,
        save_campaign,
    )
    from shopcrm.services.campaigns.response import campaign_response
    from shopcrm.services.classification.run import classify

    print(f"3. Live count and response on a demo shop of {members:,} members")
    path = folder / "shop.db"
    db = open_database(path)
    t0 = time.perf_counter()
    generate_demo(db, members=members, months=18, seed=7)
    classify(db)
    print(f"  (demo and classification: {time.perf_counter() - t0:.1f} s)")
    flt = preset_filter("lapsed_gold")
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        n = count_matching(db, flt).members
        times.append(time.perf_counter() - t0)
    conn = sqlite3.connect(path)
    snap = conn.execute("SELECT id FROM classification_snapshots ORDER BY as_of DESC, created_at DESC, id DESC "
                        "LIMIT 1").fetchone()[0]
    bare_sql = ("SELECT COUNT(*) FROM members m JOIN snapshot_members s ON s.member_id = m.id AND s.snapshot_id = ? "
                "WHERE m.status = 'active' AND m.consent = 1 AND s.pyramid IN ('platinum', 'gold') "
                "AND s.lifecycle IN ('at_risk', 'churned')")
    bare = []
    for _ in range(30):
        t0 = time.perf_counter()
        conn.execute(bare_sql, (snap,)).fetchone()
        bare.append(time.perf_counter() - t0)
    p50, p95 = statistics.median(times), sorted(times)[int(0.95 * len(times)) - 1]
    b50 = statistics.median(bare)
    line(f"count_matching lapsed gold ({n} members) p50 / p95", f"{p50 * 1000:.1f} / {p95 * 1000:.1f} ms",
         f"bare COUNT p50 {b50 * 1000:.1f} ms", f"x{p50 / b50:.2f}")

    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=45)
    campaign = save_campaign(db, "bench", promotion_filter(lifecycle=("at_risk",)), when=when)
    t0 = time.perf_counter()
    report = campaign_response(db, campaign.id, 30)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    conn.execute("SELECT member_id, SUM(total_cents) FROM purchases WHERE voided_at IS NULL AND member_id IS NOT NULL "
                 "AND purchased_at > ? AND purchased_at <= ? GROUP BY member_id",
                 (when.isoformat(sep=" "), (when + dt.timedelta(days=30)).isoformat(sep=" "))).fetchall()
    bare_group = time.perf_counter() - t0
    line(f"campaign_response ({report.listed.members} listed, {report.comparison.members} compared)",
         f"{ours * 1000:.0f} ms", f"bare window GROUP BY {bare_group * 1000:.0f} ms", f"x{ours / bare_group:.2f}")
    conn.close()
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=20_000)
    args = parser.parse_args()
    QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_pdf(args.rows, folder)
        bench_preview(folder)
        bench_queries(args.members, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
