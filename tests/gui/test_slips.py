"""Slips on an 80 mm receipt roll and on A4: takings, a stored-value statement, coupon vouchers
with their QR code.  PDFs are read back with poppler's pdfinfo/pdftotext."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import segno

from shopcrm.db.engine import Database
from shopcrm.errors import ValidationError
from shopcrm.gui.printing.slip import write_slips_pdf
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.coupons import define_coupon, issue_to_members, show_code
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.sales.slips import qr_matrix, statement_slip, takings_slip, voucher_slips
from shopcrm.services.sales.stored_value import topup

pytestmark = pytest.mark.skipif(not (shutil.which("pdfinfo") and shutil.which("pdftotext")),
                                reason="poppler-utils (pdfinfo, pdftotext) not installed")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-l", "99", str(path)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def test_takings_statement_and_vouchers(qapp: Any, sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    m = register_member(db, MemberInput(phone="13812345678", name="Zhang")).id
    topup(db, m, 20_000, "wechat")
    record_purchase(db, PurchaseInput(member_id=m, total_cents=3_000, payment_method="stored_value"))
    record_purchase(db, PurchaseInput(member_id=None, total_cents=1_250, payment_method="cash"))

    receipt = tmp_path / "takings.pdf"
    assert write_slips_pdf([takings_slip(db)], receipt) == 1
    text = _text(receipt)
    assert re.search(r"Sales\s+2\s+¥42\.50", text) and re.search(r"Money taken\s+¥212\.50", text)
    [(width, height)] = _pages(receipt)
    assert abs(width - 80 / 25.4 * 72) < 1 and height < 842  # 80 mm wide, as long as its content

    a4 = tmp_path / "statement.pdf"
    write_slips_pdf([statement_slip(db, m)], a4, "a4")
    assert re.search(r"Balance\s+¥170\.00", _text(a4))
    assert abs(_pages(a4)[0][0] - 595) < 1

    today = dt.date.today()
    gift = define_coupon(db, "Free cake", "amount", amount_cents=500, valid_from=today, valid_to=today)
    codes = issue_to_members(db, gift, [m]) + issue_to_members(db, gift, [m])
    slips = voucher_slips(db, gift)
    assert [s.big_text for s in slips] == [show_code(c) for c in codes]
    assert slips[0].qr == tuple(tuple(bool(v) for v in row) for row in segno.make(codes[0], error="m", micro=False).matrix)
    vouchers = tmp_path / "vouchers.pdf"
    assert write_slips_pdf(slips, vouchers) == 2
    assert all(show_code(c) in _text(vouchers) for c in codes)
    assert len(qr_matrix("X")) >= 21

    with pytest.raises(ValidationError):
        write_slips_pdf(slips, tmp_path / "v.pdf", "letter")
    with pytest.raises(ValidationError):
        write_slips_pdf([], tmp_path / "v.pdf")
    with pytest.raises(ValidationError):
        write_slips_pdf(slips, tmp_path / "v.txt")


def test_cli_takings_statement_and_vouchers_as_pdf(qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In the GUI test session: printing needs the Qt application the GUI tests share."""
    from test_cli_money import TODAY, ok, run

    db = str(tmp_path / "shop.db")
    ok(capsys, db, "member", "add", "--phone", "13812345678")
    ok(capsys, db, "topup", "--phone", "13812345678", "--amount", "100")
    code, out, err = run(capsys, "--db", db, "takings", "--pdf", str(tmp_path / "day.pdf"))
    assert code == 0 and (tmp_path / "day.pdf").stat().st_size > 0 and "Money taken: 100.00" in out
    statement = ok(capsys, db, "topup", "--statement", "--phone", "13812345678", "--pdf", str(tmp_path / "st.pdf"), "--paper", "a4")
    assert statement["balance"] == 100.0 and [line["kind"] for line in statement["lines"]] == ["topup"]
    define = ok(capsys, db, "coupon", "define", "--name", "x", "--percent", "10", "--from", TODAY.isoformat(), "--to", TODAY.isoformat())
    ok(capsys, db, "coupon", "issue", str(define["definition"]), "--phone", "13812345678")
    code, out, err = run(capsys, "--db", db, "coupon", "print", str(define["definition"]), "--pdf", str(tmp_path / "v.pdf"))
    assert code == 0 and "1 pages" in out
    code, _out, err = run(capsys, "--db", db, "coupon", "print", str(define["definition"]), "--pdf", str(tmp_path / "v.pdf"), "--paper", "a5")
    assert code == 1 and "Traceback" not in err
