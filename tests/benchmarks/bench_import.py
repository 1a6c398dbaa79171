"""Benchmark: importing a 500k-row sales .xlsx, and exporting 50k members, beside reference paths.

    .venv/bin/python tests/benchmarks/bench_import.py [--rows 500000] [--members 50000] [--repeat 3] [--import-only]

--repeat N measures the bare parse and the import N times, alternately, and prints the medians
(the machine is shared); --import-only leaves out the pandas comparison and the export.

The pandas comparison (read_excel + to_sql) always runs: when this interpreter has no pandas, the
benchmark makes its own virtual environment with pandas, openpyxl and SQLAlchemy under the cache
folder (once, with pip; `SHOPCRM_BENCH_CACHE` moves it) and measures pandas there, so the
project itself never depends on pandas.

Prints each figure beside its reference measured in the same run, as a ratio of wall time and
of CPU time (the machine is shared: CPU time is the steadier figure), with the peak RSS of the
process that did the work (each measurement runs in its own child process).
The sheet is written the way Excel writes it (shared strings, dates as serials with a date
style) straight as XML, once, into a cache folder: openpyxl's write-only mode would write
inline strings instead and takes a minute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import multiprocessing as mp
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path
from statistics import median
from xml.sax.saxutils import escape

import bench_checkout  # noqa: F401  (first: this checkout's shopcrm, not an installed one)

CACHE = Path(os.environ.get("SHOPCRM_BENCH_CACHE", Path(tempfile.gettempdir()) / "shopcrm-bench"))
EPOCH = dt.datetime(1899, 12, 30)
HEADER = ["销售日期", "小票号", "会员手机", "商品名称", "数量", "单价", "金额", "支付方式"]
_STATIC = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="销售明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
}


def sales_file(rows: int) -> Path:
    """A title row, a header and `rows` receipt lines (60% members of 20k, 40% walk-ins), cached."""
    path = CACHE / f"sales-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1)
    products = [(f"商品{i}", rnd.randint(500, 5000)) for i in range(80)]
    phones = [f"13{rnd.randint(0, 9)}{rnd.randint(10000000, 99999999)}" for _ in range(20000)]
    pays = ["微信", "支付宝", "现金", "会员卡"]
    strings: dict[str, int] = {}

    def si(text: str) -> int:
        return strings.setdefault(text, len(strings))

    out = io.StringIO()
    w = out.write
    w(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H{rows + 2}"/><sheetData>')
    w(f'<row r="1" spans="1:8"><c r="A1" t="s"><v>{si("阿福烘焙 销售明细导出")}</v></c></row><row r="2" spans="1:8">')
    w("".join(f'<c r="{c}2" t="s"><v>{si(h)}</v></c>' for c, h in zip("ABCDEFGH", HEADER, strict=True)) + "</row>")
    r, n, receipt, start = 2, 0, 100000, dt.datetime(2021, 1, 1, 8)
    while n < rows:
        receipt += 1
        serial = ((start + dt.timedelta(minutes=receipt - 100000)) - EPOCH).total_seconds() / 86400
        phone = si(rnd.choice(phones)) if rnd.random() < 0.6 else None
        pay, rs = si(rnd.choice(pays)), si(f"X{receipt}")
        for _ in range(rnd.choice((1, 1, 2, 3))):
            name, price = rnd.choice(products)
            q = rnd.choice((1, 1, 1, 2))
            r += 1
            w(f'<row r="{r}" spans="1:8"><c r="A{r}" s="1"><v>{serial!r}</v></c><c r="B{r}" t="s"><v>{rs}</v></c>')
            if phone is not None:
                w(f'<c r="C{r}" t="s"><v>{phone}</v></c>')
            w(f'<c r="D{r}" t="s"><v>{si(name)}</v></c><c r="E{r}"><v>{q}</v></c><c r="F{r}"><v>{price / 100!r}</v></c>'
              f'<c r="G{r}"><v>{price * q / 100!r}</v></c><c r="H{r}" t="s"><v>{pay}</v></c></row>')
            n += 1
            if n >= rows:
                break
    w("</sheetData></worksheet>")
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, text in _STATIC.items():
            z.writestr(name, text)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", out.getvalue())
    tmp.replace(path)
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_calamine(path: str, queue: mp.Queue) -> None:
    import python_calamine

    t, c = time.perf_counter(), time.process_time()
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = sum(1 for _ in sheet.iter_rows())
    queue.put((time.perf_counter() - t, _peak_mb(), rows, time.process_time() - c))


def ours(path: str, queue: mp.Queue) -> None:
    from shopcrm.db.opening import open_database
    from shopcrm.services.importing.run import import_file

    folder = tempfile.mkdtemp()
    os.environ["SHOPCRM_DATA_DIR"] = folder
    db = open_database(Path(folder) / "shop.db")
    t, c = time.perf_counter(), time.process_time()
    result = import_file(db, path, "sales")
    queue.put((time.perf_counter() - t, _peak_mb(), result.summary(), time.process_time() - c))


def pandas_path(path: str) -> tuple[float, float, int, float]:
    """The pandas way of loading a sheet into SQLite: read_excel (openpyxl) + to_sql."""
    import pandas as pd
    import sqlalchemy

    t, c = time.perf_counter(), time.process_time()
    frame = pd.read_excel(path, engine="openpyxl", header=1)
    engine = sqlalchemy.create_engine(f"sqlite:///{tempfile.mkdtemp()}/p.db")
    frame.to_sql("sales", engine, index=False, chunksize=10_000)
    return time.perf_counter() - t, _peak_mb(), len(frame), time.process_time() - c


PANDAS_PACKAGES = ("pandas", "openpyxl", "sqlalchemy")


def pandas_python() -> str:
    """An interpreter with pandas: this one if it has pandas, else the benchmark's own environment
    under the cache folder, made (once) with pip."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    else:
        return sys.executable
    env = CACHE / "pandas-env"
    python = env / "bin" / "python"
    if not (env / "ready").exists():
        print(f"making the benchmark's pandas environment in {env} (once) ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PANDAS_PACKAGES],
                       check=True)
        (env / "ready").write_text("")
    return str(python)


def measure_pandas(path: Path) -> tuple[float, float, object, float]:
    """pandas_path in a process of the pandas interpreter (its peak RSS is that process's)."""
    out = subprocess.run([pandas_python(), __file__, "--pandas-child", str(path)], check=True, capture_output=True, text=True)
    wall, peak, rows, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    return wall, peak, rows, cpu


def export_ours(count: int, queue: mp.Queue) -> None:
    from shopcrm.io.xlsx_writer import Column, SheetWriter, new_workbook, save_workbook

    rows = _member_rows(count)
    t, c = time.perf_counter(), time.process_time()
    wb = new_workbook()
    writer = SheetWriter(wb, "Members", [Column("卡号"), Column("姓名"), Column("手机"), Column("注册", "date"),
                                         Column("积分", "int"), Column("消费", "money"), Column("标签")])
    for row in rows:
        writer.append(row)
    writer.close()
    save_workbook(wb, Path(tempfile.mkdtemp()) / "m.xlsx")
    queue.put((time.perf_counter() - t, _peak_mb(), count, time.process_time() - c))


def export_bare(count: int, queue: mp.Queue) -> None:
    from openpyxl import Workbook

    rows = _member_rows(count)
    t, c = time.perf_counter(), time.process_time()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Members")
    ws.append(["卡号", "姓名", "手机", "注册", "积分", "消费", "标签"])
    for row in rows:
        ws.append([*row[:5], row[5] / 100, row[6]])
    wb.save(Path(tempfile.mkdtemp()) / "m.xlsx")
    queue.put((time.perf_counter() - t, _peak_mb(), count, time.process_time() - c))


def _member_rows(count: int) -> list[list[object]]:
    rnd = random.Random(2)
    return [
        [f"{i:06d}", f"会员{i}", f"138{rnd.randint(10000000, 99999999)}", dt.date(2020, 1, 1) + dt.timedelta(days=i % 1500),
         rnd.randint(0, 5000), rnd.randint(0, 10**6), "咖啡、甜品" if i % 3 else ""]
        for i in range(count)
    ]


def measure(func, arg) -> tuple[float, float, object, float]:  # type: ignore[no-untyped-def]
    """(wall seconds, peak RSS MB, what the work returned, CPU seconds) of func run in a fresh process."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=func, args=(arg, queue))
    proc.start()
    value = queue.get()
    proc.join()
    return value  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1, help="measure the parse and the import this many times; medians")
    parser.add_argument("--import-only", action="store_true", help="leave out the pandas comparison and the export")
    parser.add_argument("--pandas-child", help=argparse.SUPPRESS)  # internal: measure pandas on this file, print JSON
    args = parser.parse_args()
    if args.pandas_child:
        print(json.dumps(pandas_path(args.pandas_child)))
        return 0
    t = time.perf_counter()
    path = sales_file(args.rows)
    print(f"sales file: {path} ({path.stat().st_size / 2**20:.1f} MB, ready in {time.perf_counter() - t:.1f} s); load {os.getloadavg()[0]:.1f}")
    bare_runs, our_runs = [], []
    for _ in range(max(1, args.repeat)):  # alternately, so that a change of load hits both
        bare_runs.append(measure(bare_calamine, str(path)))
        our_runs.append(measure(ours, str(path)))
    bare_s, bare_mb, bare_cpu = (median(r[i] for r in bare_runs) for i in (0, 1, 3))
    our_s, our_mb, our_cpu = (median(r[i] for r in our_runs) for i in (0, 1, 3))
    n, summary = bare_runs[0][2], our_runs[0][2]
    runs = f"  (median of {len(our_runs)})" if len(our_runs) > 1 else ""
    print(f"bare calamine iteration: {bare_s:6.2f} s  (CPU {bare_cpu:6.2f} s)  peak {bare_mb:6.0f} MB  ({n} rows){runs}")
    print(f"shopcrm import (SQLite): {our_s:6.2f} s  (CPU {our_cpu:6.2f} s)  peak {our_mb:6.0f} MB  {summary}")
    if len(our_runs) > 1:
        print(f"  each run: CPU ratio {', '.join(f'{o[3] / b[3]:.2f}x' for o, b in zip(our_runs, bare_runs, strict=True))}; "
              f"peak {', '.join(f'{o[1]:.0f}' for o in our_runs)} MB")
    print(f"  ratio import / bare parse: {our_s / bare_s:.2f}x  (CPU time {our_cpu / bare_cpu:.2f}x)   (goal <= 2x; peak RSS goal <= 500 MB)")
    if args.import_only:
        return 0
    pd_s, pd_mb, _, pd_cpu = measure_pandas(path)
    print(f"pandas read_excel(openpyxl) + to_sql: {pd_s:6.2f} s  (CPU {pd_cpu:6.2f} s)  peak {pd_mb:6.0f} MB")
    print(f"  ratio pandas / shopcrm: {pd_s / our_s:.2f}x  (CPU time {pd_cpu / our_cpu:.2f}x)   (goal >= 5x)")
    ex_s, ex_mb, _, ex_cpu = measure(export_ours, args.members)
    bare_ex_s, bare_ex_mb, _, bare_ex_cpu = measure(export_bare, args.members)
    print(f"export {args.members} members styled: {ex_s:6.2f} s  (CPU {ex_cpu:6.2f} s)  peak {ex_mb:6.0f} MB")
    print(f"bare openpyxl write-only, same cells: {bare_ex_s:6.2f} s  (CPU {bare_ex_cpu:6.2f} s)  peak {bare_ex_mb:6.0f} MB")
    print(f"  ratio styled / bare: {ex_s / bare_ex_s:.2f}x  (CPU time {ex_cpu / bare_ex_cpu:.2f}x)   (goal <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
