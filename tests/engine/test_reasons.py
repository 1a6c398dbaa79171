"""Language-neutral reasons: what is stored per member, and how it reads back in each language."""

from __future__ import annotations

import json

import numpy as np
import pytest

from shopcrm.engine.reasons import (
    DaysAgo,
    Label,
    Money,
    Phrase,
    ReasonBuilder,
    Tenths,
    Text,
    decode_row,
    encode,
    percent,
    render,
    render_all,
    row_bytes,
)
from shopcrm.money import format_cents


def _one(template: str, n: int = 1, symbol: str = "¥", **fields):  # type: ignore[no-untyped-def]
    b = ReasonBuilder("x", n, symbol)
    b.add(np.ones(n, dtype=bool), template, **fields)
    return b.done()


@pytest.mark.parametrize("cents", [0, 1, -1, 99, 100, 123456, -987654321, 10**12 - 1])
def test_money_reads_as_format_cents_with_the_symbol_given_when_read(cents: int) -> None:
    reasons = _one("[{v}]", v=Money(np.array([cents])))
    layout, rows = encode({"x": reasons})
    assert render(layout, rows[0].tolist(), "x", "HK$") == f"[{format_cents(cents, 'HK$')}]"
    assert reasons[0] == f"[{format_cents(cents, '¥')}]"


def test_later_kinds_win_and_members_without_a_kind_have_no_reason() -> None:
    b = ReasonBuilder("x", 3)
    b.add(np.array([True, True, False]), "first {n}", n=np.array([1, 2, 3]))
    b.add(np.array([False, True, False]), "second {n:.1f}", n=Tenths(np.array([0.25, 2.06, 9.0])))
    reasons = b.done()
    assert reasons.tolist() == ["first 1", "second 2.1", ""]


def test_days_ago_labels_names_and_percent() -> None:
    days = _one("{ago}", 4, ago=DaysAgo(np.array([-1, 0, 1, 47])))
    assert days.tolist() == ["", "today", "yesterday", "47 days ago"]
    assert days.tolist("zh_CN") == ["", "今天", "昨天", "47 天前"]
    named = _one("{who} / {level}", 3, who=Text(np.array([0, 1, -1]), ("Toast", "Bun")),
                 level=Label(np.array([1, 0, 1]), ("Regular", "Silver"), "levels"))
    assert named.tolist() == ["Toast / Silver", "Bun / Regular", " / Silver"]
    assert named.tolist("zh_CN") == ["Toast / 银卡", "Bun / 普通", " / 银卡"]  # names are data, levels labels
    assert percent(np.array([0.0, 0.125, 0.5, 1.0])).tolist() == [0, 13, 50, 100]


def test_parts_join_and_a_reason_can_quote_another_classification() -> None:
    churn = ReasonBuilder("churn", 2)
    a = churn.part("overdue {days}", days=np.array([30, 40]))
    c = churn.part("rated {limit}", limit=2)
    churn.kind(churn.part("no warning signs"))
    churn.kind(a, c)
    churn.assign(np.array([1, 0]))
    warning = churn.done()
    life = ReasonBuilder("lifecycle", 2)
    life.add(np.array([True, False]), "churn warning: {why}", why=warning)
    lifecycle = life.done()
    assert warning.tolist() == ["overdue 30; rated 2", "no warning signs"]
    assert lifecycle.tolist() == ["churn warning: overdue 30; rated 2", ""]
    layout, rows = encode({"churn": warning, "lifecycle": lifecycle})
    assert render_all(layout, rows[0].tolist()) == {"churn": "overdue 30; rated 2",
                                                      "lifecycle": "churn warning: overdue 30; rated 2"}
    with pytest.raises(ValueError, match="not stored"):
        encode({"lifecycle": lifecycle})


def test_the_stored_form_is_small_shares_equal_columns_and_keeps_constants_once() -> None:
    n = 1000
    visits = np.arange(n) % 7
    a = _one("{v} visits in {window} days", n, v=visits, window=365)
    b = ReasonBuilder("y", n)
    b.add(visits > 3, "{v} visits, {why}", v=visits, why=Phrase("too little history ({n})", {"n": 4}))
    layout, rows = encode({"x": a, "y": b.done()})
    assert len(layout["formats"]) == 3  # x's kind, y's kind, and the visits once (the same array)
    assert layout["formats"] == ["<i1", "<i1", "<i1"] and rows.dtype.itemsize == 3  # each slot as narrow as it can be
    assert json.loads(json.dumps(layout)) == layout  # JSON-ready
    assert "365" in json.dumps(layout)  # the window, once
    stored = row_bytes(rows)
    assert len(stored) == n and stored[5] == rows[5].tobytes()
    row = decode_row(layout, stored[5])
    assert render(layout, row, "x") == "5 visits in 365 days"
    # Arrays that are equal today but are different figures keep their own slots: one member's
    # card can be rewritten later (encode_into) without another figure changing with it.
    c = ReasonBuilder("y", n)
    c.add(visits > 3, "{v} visits, {why}", v=visits.copy(), why=Phrase("too little history ({n})", {"n": 4}))
    assert len(encode({"x": a, "y": c.done()})[0]["formats"]) == 4
    assert render(layout, row, "y") == "5 visits, too little history (4)"
    assert render(layout, row, "unknown") == ""
    assert decode_row(layout, b"\x01") == ()  # not a row of this layout
    big = _one("{v} / {w}", 2, v=Money(np.array([1, 2**40])), w=np.array([300, -70_000]))
    layout, rows = encode({"x": big})
    assert layout["formats"] == ["<i1", "<i8", "<i4"]
    assert render(layout, decode_row(layout, row_bytes(rows)[1]), "x") == format_cents(2**40) + " / -70000"


def test_translations_may_reorder_fields_and_a_broken_one_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = {("reasons", "{a} then {b}"): "{b} 与 {a}", ("reasons", "{a} only"): "{missing}"}
    monkeypatch.setattr("shopcrm.engine.reasons.translate",
                        lambda ctx, text, language=None: catalogue.get((ctx, text), text))
    assert _one("{a} then {b}", a=np.array([1]), b=2)[0] == "2 与 1"
    assert _one("{a} only", a=np.array([1]))[0] == "1 only"
