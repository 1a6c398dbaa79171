"""Properties that hold for any history (hypothesis)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from engine_history import AS_OF, T, metrics_of, visit_days
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.engine.abcd import classify_abcd
from shopcrm.engine.classify import CLASSIFICATIONS, Inputs, Members, run
from shopcrm.engine.metrics import NO_DAY
from shopcrm.engine.params import RuleParams
from shopcrm.engine.products import Catalogue, ProductHistory
from shopcrm.engine.pyramid import classify_pyramid
from shopcrm.engine.rfm import rfm_scores
from shopcrm.engine.spend import classify_spend

visits = st.lists(st.tuples(st.integers(0, 800), st.integers(0, 50_000)), max_size=12)
histories = st.lists(visits, min_size=1, max_size=25)
spends = st.lists(st.integers(0, 10_000), min_size=1, max_size=60)
FAST = settings(max_examples=60, deadline=None)


def _spend_only(amounts: list[int]):  # type: ignore[no-untyped-def]
    return metrics_of([[(1, a)] if a else [] for a in amounts])


@FAST
@given(histories, st.data())
def test_every_member_gets_exactly_one_class_and_a_reason_per_classification(hist, data) -> None:  # type: ignore[no-untyped-def]
    n = len(hist)
    n_products = 4
    rows = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n_products - 1)), max_size=30, unique=True))
    member = np.array([r[0] for r in rows], dtype=np.int64)
    product = np.array([r[1] for r in rows], dtype=np.int64)
    amount = np.array(data.draw(st.lists(st.integers(0, 5000), min_size=len(rows), max_size=len(rows))), dtype=np.int64)
    ones = np.ones(len(rows), dtype=np.int64)
    inputs = Inputs(
        as_of=AS_OF,
        members=Members(np.arange(1, n + 1), np.full(n, 1990), np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64)),
        visits=visit_days(hist),
        products=ProductHistory(member, product, ones, amount, amount // 2, ones),
        catalogue=Catalogue(
            np.arange(1, n_products + 1), ("a", "b", "c", "d"), np.array([0, 0, 1, -1]),
            np.array([T - 5, NO_DAY, T - 100, T - 1]), np.ones(n_products, dtype=bool), ("x", "y"),
        ),
        basket=np.arange(len(rows)) // 2,
        basket_product=product,
        level_names=("Regular", "Silver"),
        level_thresholds=(0, 10_000),
    )
    result = run(inputs, RuleParams())
    for name in CLASSIFICATIONS:
        c = result.classes[name]
        assert c.codes.shape == (n,)
        assert np.all((c.codes >= 0) & (c.codes < len(c.classes)))
        assert all(isinstance(r, str) and r for r in c.reasons.tolist()), name
        assert sum(c.counts().values()) == n
    for reasons in result.reason_columns().values():
        assert all(isinstance(r, str) and r for r in reasons.tolist())
    recs = result.recommendations.products
    assert recs.shape == (n, 3)
    for i in range(n):
        chosen = recs[i][recs[i] >= 0]
        assert len(set(chosen.tolist())) == chosen.size
        owned = set(product[member == i].tolist())
        assert not owned & set(chosen.tolist())


@FAST
@given(spends)
def test_pyramid_classes_hold_their_share_of_buyers_with_ties_going_up(amounts: list[int]) -> None:
    m = _spend_only(amounts)
    p = RuleParams()
    codes = classify_pyramid(m, p).codes
    spend = m.spend
    buyers = int((spend > 0).sum())
    cumulative = np.cumsum([p.pyramid_platinum_share, p.pyramid_gold_share, p.pyramid_iron_share])
    for level, share in enumerate(cumulative):
        k = min(buyers, math.ceil(share * buyers - 1e-9))
        inside = (codes <= level) & (spend > 0)
        if k == 0:
            assert not inside.any()
            continue
        assert inside.sum() >= k  # the class holds its share ...
        cut = spend[inside].min()
        assert (spend > cut).sum() < k  # ... and more only through ties at the cut-off,
        assert np.all(inside[spend >= cut])  # which all go up
    assert np.all(codes[spend <= 0] == 3)


@FAST
@given(spends)
def test_abcd_a_and_b_carry_their_share_of_spend_and_no_more_than_ties_need(amounts: list[int]) -> None:
    m = _spend_only(amounts)
    p = RuleParams()
    codes = classify_abcd(m, p).codes
    spend = m.spend.astype(float)
    total = spend.sum()
    for level, share in enumerate((p.abcd_a_share, p.abcd_a_share + p.abcd_b_share)):
        inside = codes <= level
        assert spend[inside].sum() >= share * total * (1 - 1e-9)
        if inside.any():
            cut = spend[inside].min()
            assert spend[inside & (spend > cut)].sum() < share * total
    assert np.all((codes == 3) == (spend <= 0))


@FAST
@given(histories)
def test_rfm_scores_are_1_to_5_for_buyers_in_the_window_and_0_otherwise(hist) -> None:  # type: ignore[no-untyped-def]
    m = metrics_of(hist)
    for scores in rfm_scores(m):
        assert np.all((scores[m.visits > 0] >= 1) & (scores[m.visits > 0] <= 5))
        assert np.all(scores[m.visits == 0] == 0)


@FAST
@given(spends, st.data())
def test_more_spend_never_lowers_the_spend_class_all_else_equal(amounts: list[int], data) -> None:  # type: ignore[no-untyped-def]
    m = _spend_only(amounts)
    p = RuleParams()
    who = data.draw(st.integers(0, len(amounts) - 1))
    extra = data.draw(st.integers(1, 20_000))
    before = classify_spend(m, p).codes[who]
    more = m.spend.copy()
    more[who] += extra
    after = classify_spend(replace(m, spend=more), p).codes[who]
    assert after <= before  # 0 = high
