"""Printed lists: page count, masked phones, consent, Chinese text that reads back, the CLI verb.

PDFs are read with poppler's pdfinfo/pdftotext (no extra Python dependency)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPdfWriter

from shopcrm.db.engine import Database
from shopcrm.gui.printing.layout import ListLayout
from shopcrm.gui.printing.output import PDF_RESOLUTION, page_layout, write_pdf
from shopcrm.gui.printing.pdf_text import fix_to_unicode, remap_cmap
from shopcrm.services.campaigns.columns import CellFormat
from shopcrm.services.campaigns.lists import promotion_filter
from shopcrm.services.campaigns.output import PreparedList, _columns, prepare_filter_list
from shopcrm.services.members.table import MemberRow
from shopcrm.services.shop import audit
from shopcrm.services.shop.owner_password import OwnerPasswordError, set_owner_password

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from campaign_shop import CampaignShop  # noqa: E402

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not (shutil.which("pdfinfo") and shutil.which("pdftotext")),
                       reason="poppler-utils (pdfinfo, pdftotext) not installed"),
]


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert out.stderr == "", out.stderr  # poppler complains about any broken structure
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))  # type: ignore[union-attr]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    assert out.stderr == "", out.stderr
    return out.stdout


def document(rows: int, *, names: list[str] | None = None, masked: bool = True, columns: list[str] | None = None,
             language: str = "en") -> PreparedList:
    members = tuple(
        MemberRow(member_id=i, card_no=f"C{i:06d}", name=(names[i] if names else f"Member {i}"),
                phone=f"+86138{i:08d}", level=i % 2, points=i, birth_year=None, birth_month=5, birth_day=i % 28 + 1,
                registered_on=dt.date(2024, 1, 1), source="walk_in", area="万科城", consent=True, status="active",
                pyramid="gold", segment="at_risk")
        for i in range(rows))
    now = dt.datetime(2025, 5, 3, 18, 30)
    return PreparedList(
        shop_name="麦香烘焙坊", title="Gold members with birthdays in May", made_at=now, output_at=now,
        filter_lines=("Customer pyramid: Gold", "Birthday in month 5"), consent_only=True, masked=masked,
        columns=_columns(columns), rows=members, fmt=CellFormat(masked, ("Regular", "Silver")), campaign_id=None,
        left_out=0, language=language)


def layout_for(doc: PreparedList, tmp_path: Path) -> ListLayout:
    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(doc))
    return ListLayout(doc, writer)


def test_page_count_follows_the_rows_per_page(qapp: Any, tmp_path: Path) -> None:
    probe = layout_for(document(1), tmp_path)
    first, other = probe.rows_first, probe.rows_other
    # A4 portrait at 9 pt: a page holds a few dozen rows; the first page fewer (it has the header).
    assert 20 <= first < other <= 60
    for rows, pages in ((0, 1), (first, 1), (first + 1, 2), (first + 2 * other, 3), (first + 2 * other + 1, 4)):
        target = tmp_path / f"list-{rows}.pdf"
        assert write_pdf(document(rows), target) == pages
        assert pdf_pages(target) == pages
    text = pdf_text(tmp_path / f"list-{first + 2 * other + 1}.pdf")
    assert "Page 1 of 4" in text and "Page 4 of 4" in text
    last_card = f"C{first + 2 * other:06d}"
    assert last_card in text.split("Page 3 of 4")[1]  # the last row is on the last page
    assert "No member is on this list." in pdf_text(tmp_path / "list-0.pdf")


def test_header_texts_and_masked_phones(qapp: Any, tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    write_pdf(document(3), target)
    text = pdf_text(target)
    for expected in ("麦香烘焙坊", "Gold members with birthdays in May", "3 members",
                     "Filter: Customer pyramid: Gold; Birthday in month 5",
                     "Only members who agreed to receive promotions are listed.", "Phone numbers are masked.",
                     "138****0000", "138****0002", "Card no.", "Contacted"):
        assert expected in text
    assert not re.search(r"\d{11}", text)


def test_chinese_text_reads_back_as_printed(qapp: Any, tmp_path: Path) -> None:
    """金, 小, 黄, 页 ... share a glyph with a radical; the PDF must still say 金, not ⾦."""
    names = ["黄小明", "金大山", "马文龙", "户晓"]  # 户: the font draws it like the radical ⼾, NFKC says 戶
    target = tmp_path / "zh.pdf"
    write_pdf(document(len(names), names=names, columns=["name", "phone", "level"]), target)
    text = pdf_text(target)
    for name in names:
        assert name in text
    assert not re.search("[\u2e80-\u2fdf]", text)  # no radicals


def test_remap_cmap_expands_ranges() -> None:
    body = (b"/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
            b"endcodespacerange\n2 beginbfrange\n<0001> <0002> <2F00>\n<0003> <0004> [<0041> <2EDA>]\nendbfrange\n"
            b"1 beginbfchar\n<0005> <2F26>\nendbfchar\nendcmap\nend\n")
    out = remap_cmap(body, {0x2F00: 0x4E00, 0x2F01: 0x4E28, 0x2EDA: 0x9875, 0x2F26: 0x5B50})
    entries = dict(re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>\n", out.split(b"beginbfchar")[1]))
    assert entries == {b"0001": b"4E00", b"0002": b"4E28", b"0003": b"0041", b"0004": b"9875", b"0005": b"5B50"}
    assert out.startswith(body.split(b"2 beginbfrange")[0]) and out.endswith(b"endcmap\nend\n")
    assert fix_to_unicode(b"not a pdf", {1: 2}) == b"not a pdf"


def test_cancelled_pdf_leaves_no_file(qapp: Any, tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            raise Stop

    target = tmp_path / "big.pdf"
    with pytest.raises(Stop):
        write_pdf(document(200), target, on_page=stop_after_two)
    assert list(tmp_path.iterdir()) == []


def test_only_consenting_members_and_unmasking_needs_the_owner(qapp: Any, sqlite_db: Database, tmp_path: Path) -> None:
    shop = CampaignShop(sqlite_db)
    shop.snapshot()
    shop.member("Agrees One", classes={"pyramid": "gold"})
    shop.member("Refuses Two", consent=False, classes={"pyramid": "gold"})
    shop.member("Agrees Three", classes={"pyramid": "gold"})
    target = tmp_path / "gold.pdf"
    write_pdf(prepare_filter_list(sqlite_db, promotion_filter(pyramid=("gold",))), target)
    text = pdf_text(target)
    assert "Agrees One" in text and "Agrees Three" in text and "Refuses Two" not in text
    assert "139****0001" in text and "13900000001" not in text

    set_owner_password(sqlite_db, "owner-pw")
    with pytest.raises(OwnerPasswordError):
        prepare_filter_list(sqlite_db, promotion_filter(consent_only=False), masked=False, password="nope")
    full = prepare_filter_list(sqlite_db, promotion_filter(consent_only=False), masked=False, password="owner-pw")
    write_pdf(full, target)
    text = pdf_text(target)
    assert "Refuses Two" in text and "13900000002" in text
    assert "did NOT agree" in text and "shown in full" in text


def test_print_members_cli(qapp: Any, sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from shopcrm.cli import run_cli

    shop = CampaignShop(sqlite_db)
    shop.snapshot()
    for i in range(45):
        shop.member(f"Gold {i}", consent=i % 3 != 0, classes={"pyramid": "gold", "lifecycle": "at_risk"})
    shop.member("Iron", classes={"pyramid": "iron", "lifecycle": "at_risk"})
    db_path = str(sqlite_db.path)
    target = tmp_path / "lapsed.pdf"
    assert run_cli(["--db", db_path, "print", "members", str(target), "--tier", "gold,platinum",
                    "--lifecycle", "at_risk", "--title", "Lapsed gold", "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)
    assert reported["members"] == 30 and reported["masked"] and reported["consent_only"]
    assert pdf_pages(target) == reported["pages"]
    text = pdf_text(target)
    assert "Lapsed gold" in text and "30 members" in text and "Iron" not in text and "Gold 0" not in text
    assert audit.list_events(sqlite_db, action=audit.PRINT)[0].detail["members"] == 30
    assert run_cli(["--db", db_path, "print", "members", str(tmp_path / "x.pdf"), "--tier", "golden"]) == 1
    assert run_cli(["--db", db_path, "print", "members", str(tmp_path / "x.txt")]) == 1
    set_owner_password(sqlite_db, "owner-pw")
    assert run_cli(["--db", db_path, "print", "members", str(tmp_path / "x.pdf"), "--unmasked"]) == 1
    assert not (tmp_path / "x.pdf").exists()
    assert run_cli(["--db", db_path, "print", "members", str(tmp_path / "x.pdf"), "--unmasked",
                    "--password", "owner-pw", "--all-members"]) == 0
    assert "45 members" in pdf_text(tmp_path / "x.pdf") or "46 members" in pdf_text(tmp_path / "x.pdf")
