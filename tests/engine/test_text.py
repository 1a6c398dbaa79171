"""Reason templates filled for many members at once."""

from __future__ import annotations

import numpy as np
import pytest

from shopcrm.engine.text import Money, days_ago, fill, money, percent, put
from shopcrm.money import format_cents


def test_fill_reorders_named_fields_and_applies_format_specs() -> None:
    out = fill("{b:.1f} then {a} and {a}", 2, a=np.array([1, 2]), b=np.array([0.25, 3.0]))
    assert out.tolist() == ["0.2 then 1 and 1", "3.0 then 2 and 2"]
    assert fill("no fields", 2).tolist() == ["no fields", "no fields"]
    assert fill("{x}", 0, x=np.array([])).tolist() == []


@pytest.mark.parametrize("cents", [0, 1, -1, 99, 100, 123456, -987654321, 10**12 - 1])
def test_money_matches_format_cents(cents: int) -> None:
    assert money(np.array([cents]), "¥").tolist() == [format_cents(cents, "¥")]
    assert fill("[{v}]", 1, v=Money(np.array([cents]), "HK$")).tolist() == [f"[{format_cents(cents, 'HK$')}]"]


def test_put_fills_only_the_masked_members() -> None:
    target = np.full(3, "", dtype=object)
    put(target, np.array([True, False, True]), "{n} × {spend}", n=np.array([1, 2, 3]), spend=Money(np.array([100, 200, 300]), "¥"))
    assert target.tolist() == ["1 × ¥1.00", "", "3 × ¥3.00"]


def test_days_ago_and_percent() -> None:
    assert days_ago(np.array([-1, 0, 1, 47])).tolist() == ["", "today", "yesterday", "47 days ago"]
    assert percent(np.array([0.0, 0.125, 0.5, 1.0])).tolist() == [0, 13, 50, 100]


def test_translated_templates_may_reorder_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = {("reasons", "{days} days ago"): "{days} 天前"}
    monkeypatch.setattr("shopcrm.engine.text.translate", lambda ctx, text: catalogue.get((ctx, text), text))
    assert days_ago(np.array([0, 5])).tolist() == ["today", "5 天前"]
    out = fill("{b} 与 {a}", 1, a=np.array(["A"]), b=np.array(["B"]))
    assert out.tolist() == ["B 与 A"]
