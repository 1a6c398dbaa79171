"""The money verbs of SPEC §7: purchase add with stored value, a coupon and points; topup; coupon
define|issue|redeem|list; takings --json.  Bad input: one line, exit 1, nothing written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from shopcrm.cli import run_cli

TODAY = dt.date.today()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> dict:
    code, out, err = run(capsys, "--db", db, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def refused(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> str:
    before = ok(capsys, db, "takings")
    code, _out, err = run(capsys, "--db", db, *argv)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert ok(capsys, db, "takings") == before  # nothing written
    return err


def test_counter_money_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    ok(capsys, db, "member", "add", "--phone", "13812345678", "--name", "张三")
    ok(capsys, db, "member", "add", "--phone", "13912345678", "--name", "李四")
    top = ok(capsys, db, "topup", "--phone", "13812345678", "--amount", "200", "--pay", "wechat", "--ref", "t1")
    assert top["balance"]["total"] == 200.0
    assert ok(capsys, db, "topup", "--phone", "13812345678", "--amount", "200", "--pay", "wechat", "--ref", "t1")["replayed"]
    sale = ok(capsys, db, "purchase", "add", "--phone", "13812345678", "--amount", "80", "--payment", "stored_value")
    assert (sale["stored_value"], sale["stored_value_balance"], sale["points_earned"]) == (80.0, 120.0, 80)
    define = ok(capsys, db, "coupon", "define", "--name", "满50减10", "--off", "10", "--min", "50",
                "--from", TODAY.isoformat(), "--to", (TODAY + dt.timedelta(days=7)).isoformat())
    code = ok(capsys, db, "coupon", "issue", str(define["definition"]), "--phone", "13812345678")["codes"][0]
    assert "belongs to another member" in refused(capsys, db, "coupon", "redeem", code, "--phone", "13912345678", "--amount", "60")
    assert "at least" in refused(capsys, db, "purchase", "add", "--phone", "13812345678", "--amount", "40", "--coupon", code)
    assert "typo" in refused(capsys, db, "purchase", "add", "--phone", "13812345678", "--amount", "60", "--coupon", code[:-1] + ("2" if code[-1] != "2" else "3"))
    paid = ok(capsys, db, "purchase", "add", "--phone", "13812345678", "--amount", "60", "--coupon", code,
              "--redeem-points", "50", "--payment", "cash")
    assert (paid["total"], paid["coupon_discount"], paid["points_discount"]) == (49.5, 10.0, 0.5)
    assert "already used" in refused(capsys, db, "coupon", "redeem", code, "--phone", "13812345678", "--amount", "60")
    listed = ok(capsys, db, "coupon", "list", "--phone", "13812345678")
    assert listed[0]["redeemed_at"] is not None and listed[0]["discount"] == 10.0
    takings = ok(capsys, db, "takings", "--date", TODAY.isoformat())
    assert takings["sales"] == 2 and takings["sales_amount"] == 129.5 and takings["topup_amount"] == 200.0
    assert takings["by_method"]["stored_value"]["amount"] == 80.0 and takings["by_method"]["cash"]["amount"] == 49.5
    assert takings["coupon_discount"] == 10.0 and takings["points_discount"] == 0.5 and takings["new_members"] == 2
    assert takings["stored_value_liability"]["total"] == 120.0 and takings["money_in"] == 249.5


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["topup", "--phone", "13812345678", "--amount", "1.234"], "more than 2 decimals"),
        (["topup", "--phone", "13812345678", "--amount", "-50"], "negative"),
        (["topup", "--phone", "13812345678", "--amount", "0"], "more than 0"),
        (["purchase", "add", "--phone", "13812345678", "--amount", "10.005"], "more than 2 decimals"),
        (["purchase", "add", "--phone", "13812345678", "--amount", "500", "--payment", "stored_value"], "Not enough stored value"),
        (["purchase", "add", "--phone", "13812345678", "--amount", "500", "--redeem-points", "9999"], "Not enough points"),
        (["purchase", "add", "--amount", "50", "--redeem-points", "10"], "member"),
        (["coupon", "redeem", "OOOO-1111", "--phone", "13812345678", "--amount", "60"], "typo"),
        (["coupon", "define", "--name", "x", "--percent", "150", "--from", "2026-01-01", "--to", "2026-02-01"], "between 1 and 100"),
        (["takings", "--date", "yesterday"], "not a date"),
        (["topup", "--refund", "999"], "does not exist"),
    ],
)
def test_bad_input_one_line_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    db = str(tmp_path / "shop.db")
    ok(capsys, db, "member", "add", "--phone", "13812345678")
    ok(capsys, db, "topup", "--phone", "13812345678", "--amount", "100")
    assert words in refused(capsys, db, *argv)



def test_adjust_and_refund_need_the_owner_password(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from shopcrm.db.opening import open_database
    from shopcrm.services.shop.owner_password import set_owner_password

    db = str(tmp_path / "shop.db")
    ok(capsys, db, "member", "add", "--phone", "13812345678")
    entry = ok(capsys, db, "topup", "--phone", "13812345678", "--amount", "100")["entry_id"]
    shop = open_database(tmp_path / "shop.db")
    set_owner_password(shop, "secret1")
    shop.dispose()
    monkeypatch.delenv("SHOPCRM_OWNER_PASSWORD", raising=False)
    assert "owner password" in refused(capsys, db, "topup", "--phone", "13812345678", "--adjust", "-10", "--reason", "typo")
    assert "why" in refused(capsys, db, "topup", "--phone", "13812345678", "--adjust", "-10", "--password", "secret1")
    assert "owner password" in refused(capsys, db, "topup", "--refund", str(entry))
    assert ok(capsys, db, "topup", "--phone", "13812345678", "--adjust", "-10", "--reason", "typo", "--password", "secret1")["balance"] == 90.0
    refunded = ok(capsys, db, "topup", "--refund", str(entry), "--password", "secret1")
    assert refunded["balance"]["total"] == 0.0
