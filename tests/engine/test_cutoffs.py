"""One member classified alone against a population's stored cut-offs is classified exactly as the
full run classified them (SPEC §9: cards kept current between full runs), and their packed reasons
rewritten in place (encode_into) are the bytes the full run stored: each fast path against its twin."""

from __future__ import annotations

import json

import numpy as np
from engine_history import AS_OF, visit_days
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.engine.classify import CLASSIFICATIONS, Inputs, Members, run
from shopcrm.engine.cutoffs import CutOffs
from shopcrm.engine.params import RuleParams
from shopcrm.engine.reasons import encode, encode_into, row_bytes

REASONS = (*CLASSIFICATIONS, "favourite_category", "clv")

visits = st.lists(st.tuples(st.integers(0, 500), st.sampled_from([300, 800, 1_500, 4_000, 12_000, 60_000])), max_size=12)


def _inputs(histories: list[list[tuple[int, int]]], ids: np.ndarray, years: np.ndarray) -> Inputs:
    n = len(histories)
    zeros = np.zeros(n, dtype=np.int64)
    return Inputs(as_of=AS_OF, members=Members(ids, years, np.where(years > 0, 5, 0), np.where(years > 0, 9, 0), zeros),
                  visits=visit_days(histories), level_names=("member", "silver"), level_thresholds=(0, 50_000))


@given(st.lists(visits, min_size=1, max_size=45), st.data())
@settings(max_examples=40, deadline=None)
def test_one_member_against_stored_cut_offs_is_the_full_runs_answer(histories: list[list[tuple[int, int]]], data: st.DataObject) -> None:
    n = len(histories)
    years = np.array(data.draw(st.lists(st.sampled_from([0, 1950, 1990, 2010]), min_size=n, max_size=n)), dtype=np.int64)
    ids = np.arange(1, n + 1, dtype=np.int64)
    params = RuleParams()
    full = run(_inputs(histories, ids, years), params)
    stored = CutOffs.from_dict(json.loads(json.dumps(full.cut_offs.to_dict())))  # as a snapshot keeps them
    assert stored is not None
    layout, rows = encode(full.reason_columns())
    layout = json.loads(json.dumps(layout))
    packed = row_bytes(rows)
    for i in data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4, unique=True)):
        one = run(_inputs([histories[i]], ids[i : i + 1], years[i : i + 1]), params, cut_offs=stored)
        for name in CLASSIFICATIONS:
            assert one.classes[name].values()[0] == full.classes[name].values()[i], name
        assert (one.r[0], one.f[0], one.m[0]) == (full.r[i], full.f[i], full.m[i])
        for name in REASONS:
            assert one.reason_columns()[name].text(0) == full.reason_columns()[name].text(i), name
        assert encode_into(layout, one.reason_columns(), packed[i], keep=("recommendations",)) == packed[i]


def test_a_value_beyond_its_slot_or_a_changed_fixed_value_does_not_fit() -> None:
    histories = [[(3, 800)], [(10, 1_500), (40, 800)], [(200, 300)]]
    ids = np.arange(1, 4, dtype=np.int64)
    years = np.zeros(3, dtype=np.int64)
    full = run(_inputs(histories, ids, years), RuleParams())
    layout, rows = encode(full.reason_columns())
    packed = row_bytes(rows)
    huge = run(_inputs([[(0, 10**9)]], ids[:1], years[:1]), RuleParams(), cut_offs=full.cut_offs)
    assert encode_into(layout, huge.reason_columns(), packed[0], keep=("recommendations",)) is None
    other_window = run(_inputs([histories[0]], ids[:1], years[:1]), RuleParams(window_days=180), cut_offs=full.cut_offs)
    assert encode_into(layout, other_window.reason_columns(), packed[0], keep=("recommendations",)) is None
