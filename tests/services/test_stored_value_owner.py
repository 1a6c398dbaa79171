"""Stored value and the owner: what each top-up can still refund, adjustments that would go below zero,
and erasure refused while the member holds stored value (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.errors import ConflictError
from shopcrm.services.members.privacy import erase_member_data
from shopcrm.services.members.records import MemberInput, erase_member, get_member, register_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase
from shopcrm.services.sales.stored_value import (
    adjust_stored_value,
    ledger_sum,
    refund_topup,
    refundable_topups,
    stored_balance,
    topup,
)
from shopcrm.services.shop.settings import BonusRule, update_settings


def _member(db: Database, phone: str = "13800000021") -> int:
    return register_member(db, MemberInput(phone=phone, name="Zhou Min")).id


def test_refundable_follows_spending_and_earlier_refunds(db: Database) -> None:
    update_settings(db, stored_value_bonus_rules=(BonusRule(10_000, 1_000),))
    m = _member(db)
    old = topup(db, m, 10_000, "cash")
    new = topup(db, m, 5_000, "wechat")
    rows = {r.id: r for r in refundable_topups(db, m)}
    assert [r.id for r in refundable_topups(db, m)] == [new.entry_id, old.entry_id]  # newest first
    assert rows[old.entry_id].refundable_cents == 10_000 and rows[old.entry_id].bonus_cents == 1_000
    record_purchase(db, PurchaseInput(member_id=m, total_cents=12_000, payment_method="stored_value"))
    # 15,000 paid in, 12,000 spent (paid-in money first): 3,000 of it is left, for either top-up
    assert [r.refundable_cents for r in refundable_topups(db, m)] == [3_000, 3_000]
    refund_topup(db, new.entry_id, 2_000)
    rows = {r.id: r for r in refundable_topups(db, m)}
    assert rows[new.entry_id].refunded_cents == 2_000 and rows[new.entry_id].refundable_cents == 1_000
    assert rows[old.entry_id].refundable_cents == 1_000
    with pytest.raises(ConflictError, match="Only 10.00"):
        refund_topup(db, old.entry_id, 1_001)
    assert ledger_sum(db, m) == stored_balance(db, m)


def test_an_adjustment_below_zero_is_refused_and_writes_nothing(db: Database) -> None:
    m = _member(db)
    topup(db, m, 1_000, "cash")
    with pytest.raises(ConflictError, match="cannot go below zero"):
        adjust_stored_value(db, m, -1_001, "miscount")
    with pytest.raises(ConflictError, match="cannot go below zero"):
        adjust_stored_value(db, m, -1, "no bonus there", bonus=True)
    assert stored_balance(db, m).total_cents == 1_000
    assert adjust_stored_value(db, m, -1_000, "miscount").total_cents == 0
    assert ledger_sum(db, m).total_cents == 0


def test_erase_is_refused_while_the_member_holds_stored_value(db: Database) -> None:
    m = _member(db)
    topup(db, m, 2_500, "cash")
    card = get_member(db, m).card_no
    for erase in (lambda: erase_member_data(db, m, password=None), lambda: erase_member(db, m)):
        with pytest.raises(ConflictError) as caught:
            erase()
        assert caught.value.message() == (
            f"Member {card} still has ¥25.00 of stored value. Refund or adjust the balance to zero first "
            "(member details, Stored value tab), then erase.")
        kept = get_member(db, m)
        assert kept.status == "active" and kept.name == "Zhou Min"
    adjust_stored_value(db, m, -2_500, "refunded in cash before leaving")
    erase_member_data(db, m, password=None)
    assert get_member(db, m).status == "erased"


def test_bonus_money_alone_also_blocks_the_erasure(db: Database) -> None:
    m = _member(db)
    adjust_stored_value(db, m, 300, "goodwill", bonus=True)
    with pytest.raises(ConflictError, match="¥3.00 of stored value"):
        erase_member(db, m)


def test_cli_erase_says_refund_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "shop.db")
    assert run_cli(["--db", path, "member", "add", "--phone", "13812345678", "--name", "张三", "--json"]) == 0
    member_id = json.loads(capsys.readouterr().out)["id"]
    assert run_cli(["--db", path, "topup", "--member", str(member_id), "--amount", "50", "--json"]) == 0
    capsys.readouterr()
    assert run_cli(["--db", path, "privacy", "erase", str(member_id), "--yes"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "¥50.00 of stored value" in err and "Refund" in err
    assert run_cli(["--db", path, "member", "show", str(member_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "张三"
