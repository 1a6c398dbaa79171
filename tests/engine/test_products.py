"""Product preference, favourite category and recommendations on hand-made baskets."""

from __future__ import annotations

import numpy as np
from engine_history import T, every, metrics_of

from shopcrm.engine.metrics import NO_DAY
from shopcrm.engine.params import RuleParams
from shopcrm.engine.preference import classify_preference
from shopcrm.engine.products import Catalogue, ProductHistory, co_purchase_counts, product_metrics
from shopcrm.engine.recommendations import recommend

P = RuleParams()
# products 0..5: bread (cat 0: "bread"), 2 cakes (cat 1: "cake"), a new cake, an inactive drink, a new bread
CATALOGUE = Catalogue(
    product_ids=np.array([10, 11, 12, 13, 14, 15]),
    product_names=("Toast", "Cheesecake", "Sponge", "Matcha roll", "Cola", "Rye"),
    product_category=np.array([0, 1, 1, 1, 2, 0]),
    launched_day=np.array([NO_DAY, NO_DAY, NO_DAY, T - 10, NO_DAY, T - 50]),
    active=np.array([True, True, True, True, False, True]),
    category_names=("bread", "cake", "drink"),
)


def _history(rows: list[tuple[int, int, int, int, int]]) -> ProductHistory:
    """(member, product, lines, amount, new_amount) with new_lines = lines where new_amount > 0."""
    a = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return ProductHistory(a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 4], np.where(a[:, 4] > 0, a[:, 2], 0))


def test_trier_from_30_percent_or_3_new_products_classic_up_to_10_percent_with_5_visits() -> None:
    m = metrics_of([every(7, 5)] * 6 + [every(7, 4), [(400, 1)]])
    history = _history([
        (0, 0, 7, 700, 0), (0, 3, 3, 300, 300),  # 30 % new: trier
        (1, 0, 7, 710, 0), (1, 3, 3, 290, 290),  # 29 %, 1 product: mixed
        (2, 0, 9, 900, 0), (2, 3, 1, 100, 100),  # 10 %, 5 visits: classic
        (3, 0, 9, 890, 0), (3, 3, 1, 110, 110),  # 11 %: mixed
        (4, 0, 9, 900, 0), (4, 1, 1, 10, 10), (4, 2, 1, 10, 10), (4, 3, 1, 10, 10),  # 3 new products: trier
        (5, 0, 1, 100, 0),  # 0 %: classic
        (6, 0, 1, 100, 0),  # 0 % but 4 visits: mixed
    ])
    pm = product_metrics(history, CATALOGUE, m.size)
    pref = classify_preference(m, P, pm, CATALOGUE)
    assert pref.preference.values().tolist() == [
        "trier", "mixed", "classic", "mixed", "trier", "classic", "mixed", "none",
    ]
    assert pref.preference.reasons[0] == "30 % of spend on new products, 1 tried (trier from 30 % or 3)"
    assert pref.preference.reasons[7] == "no purchase in 365 days"
    assert pref.favourite.tolist()[:2] == ["bread", "bread"]
    assert pref.favourite[7] is None


def test_purchases_without_product_lines_give_no_preference_and_ties_pick_the_first_category_name() -> None:
    m = metrics_of([every(7, 5), every(7, 5)])
    history = _history([(1, 0, 1, 500, 0), (1, 1, 1, 500, 0)])
    pm = product_metrics(history, CATALOGUE, m.size)
    pref = classify_preference(m, P, pm, CATALOGUE)
    assert pref.preference.values().tolist() == ["none", "classic"]
    assert "no product details" in pref.preference.reasons[0]
    assert pref.favourite.tolist() == [None, "bread"]
    assert pref.favourite_reasons[1] == "bread: 50 % of product spend in 365 days"
    shares = pm.category_shares()
    assert shares[1].tolist() == [0.5, 0.5, 0.0]


def test_co_purchase_counts_each_product_once_per_basket() -> None:
    c = co_purchase_counts(np.array([1, 1, 1, 2, 2, 3]), np.array([0, 1, 1, 0, 2, 1]), 3)
    assert c.tolist() == [[0, 1, 1], [1, 0, 0], [1, 0, 0]]


def test_recommendations_co_purchase_then_new_in_favourite_never_owned_or_inactive() -> None:
    # baskets: toast goes with cheesecake (3x) and sponge (1x) and cola (5x, but inactive)
    basket = np.array([1, 1, 2, 2, 3, 3, 4, 4] + [5, 5] * 5)
    product = np.array([0, 1, 0, 1, 0, 1, 0, 2] + [0, 4] * 5)
    co = co_purchase_counts(basket, product, CATALOGUE.size)
    bought = _history([(0, 0, 4, 400, 0), (1, 1, 1, 100, 0), (1, 0, 1, 100, 0)]).bought(3, CATALOGUE.size)
    favourite = np.array([0, 1, -1])  # bread, cake, none
    new = CATALOGUE.new_on(T, P.new_product_days)
    assert new.tolist() == [False, False, False, True, False, True]
    recs = recommend(bought, co, favourite, CATALOGUE, new, 3)
    ids = recs.product_ids(CATALOGUE).tolist()
    assert ids[0] == [11, 12, 15]  # cheesecake, sponge, then the new rye in bread
    assert 14 not in ids[0]  # cola is inactive
    assert ids[1][0] == 12 and 13 in ids[1]  # sponge via toast/cheesecake, the new matcha roll in cake
    assert ids[2] == [-1, -1, -1]
    assert recs.reasons[0] == "often bought together with Toast; Rye is new in bread"
    assert recs.reasons[2] == "nothing new to suggest yet"


def test_a_single_recommendation_slot_prefers_the_new_product_in_the_favourite_category() -> None:
    co = np.zeros((CATALOGUE.size, CATALOGUE.size), dtype=np.int64)
    co[0, 1] = co[1, 0] = 3
    bought = _history([(0, 0, 1, 100, 0)]).bought(1, CATALOGUE.size)
    recs = recommend(bought, co, np.array([0]), CATALOGUE, CATALOGUE.new_on(T, 60), 1)
    assert recs.product_ids(CATALOGUE).tolist() == [[15]]
    assert recs.reasons[0] == "Rye is new in bread"


def test_a_shop_with_fewer_products_than_recommendation_slots() -> None:
    """Two products, three slots: the empty slots stay -1 (the CLI fuzzer found a crash here)."""
    small = Catalogue(
        product_ids=np.array([10, 11]),
        product_names=("Toast", "Cheesecake"),
        product_category=np.array([0, 1]),
        launched_day=np.array([NO_DAY, NO_DAY]),
        active=np.array([True, True]),
        category_names=("bread", "cake"),
    )
    co = co_purchase_counts(np.array([1, 1]), np.array([0, 1]), small.size)
    bought = _history([(0, 0, 1, 100, 0), (1, 0, 1, 100, 0), (1, 1, 1, 100, 0)]).bought(2, small.size)
    recs = recommend(bought, co, np.array([0, 0]), small, small.new_on(T, 60), 3)
    assert recs.product_ids(small).tolist() == [[11, -1, -1], [-1, -1, -1]]


# ---- ever-bought products and repeat favourites (issue 15 item 7) --------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy import sparse  # noqa: E402

from shopcrm.engine.recommendations import (  # noqa: E402
    REPEAT_MIN,
    RULE_FAVOURITE,
    RULE_NEW,
    RULE_NONE,
    RULE_TOGETHER,
)


def test_a_product_bought_before_the_window_is_not_recommended_but_a_repeat_favourite_is() -> None:
    # toast goes with cheesecake and sponge; member 0 bought cheesecake once long ago (before W)
    # and sponge on 4 lines long ago: cheesecake is skipped, sponge comes back as a favourite
    co = np.zeros((CATALOGUE.size, CATALOGUE.size), dtype=np.int64)
    co[0, 1] = co[1, 0] = 5
    co[0, 2] = co[2, 0] = 2
    bought = _history([(0, 0, 2, 200, 0)]).bought(1, CATALOGUE.size)
    ever = _history([(0, 0, 9, 900, 0), (0, 1, 1, 100, 0), (0, 2, 4, 400, 0)]).bought(1, CATALOGUE.size)
    recs = recommend(bought, co, np.array([0]), CATALOGUE, CATALOGUE.new_on(T, 60), 3, ever=ever)
    ids = recs.product_ids(CATALOGUE).tolist()[0]
    assert 11 not in ids  # cheesecake: bought once, before W
    assert ids == [15, 12, -1]  # the new rye in bread, then sponge, the repeat favourite
    assert recs.rules is not None and recs.rules[0].tolist() == [RULE_NEW, RULE_FAVOURITE, RULE_NONE]
    assert recs.reasons[0] == "Rye is new in bread; Sponge is a favourite not bought lately"


def test_without_an_older_history_the_window_is_all_there_is() -> None:
    co = np.zeros((CATALOGUE.size, CATALOGUE.size), dtype=np.int64)
    co[0, 1] = co[1, 0] = 5
    bought = _history([(0, 0, 2, 200, 0)]).bought(1, CATALOGUE.size)
    recs = recommend(bought, co, np.array([-1]), CATALOGUE, CATALOGUE.new_on(T, 60), 3)
    assert recs.product_ids(CATALOGUE).tolist() == [[11, -1, -1]]
    assert recs.rules is not None and recs.rules[0, 0] == RULE_TOGETHER
    assert recs.reasons[0] == "often bought together with Toast"


@st.composite
def _shops(draw: st.DrawFn) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray, int]:
    n = draw(st.integers(1, 12))
    n_products = CATALOGUE.size
    older = np.array(draw(st.lists(st.lists(st.integers(0, 5), min_size=n_products, max_size=n_products),
                                   min_size=n, max_size=n)), dtype=np.int64)
    recent = np.array(draw(st.lists(st.lists(st.integers(0, 3), min_size=n_products, max_size=n_products),
                                    min_size=n, max_size=n)), dtype=np.int64)
    recent = np.where(np.array(draw(st.lists(st.booleans(), min_size=n * n_products, max_size=n * n_products)))
                      .reshape(n, n_products), recent, 0)
    co = np.array(draw(st.lists(st.lists(st.integers(0, 4), min_size=n_products, max_size=n_products),
                                min_size=n_products, max_size=n_products)), dtype=np.int64)
    co = co + co.T
    np.fill_diagonal(co, 0)
    favourite = np.array(draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n)), dtype=np.int64)
    k = draw(st.integers(1, 4))
    return sparse.csr_matrix(recent.astype(float)), sparse.csr_matrix((recent + older).astype(float)), co, favourite, k


@settings(max_examples=200, deadline=None)
@given(_shops())
def test_recommendations_never_repeat_an_ever_bought_product_unless_a_repeat_favourite(
    shop: tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray, int],
) -> None:
    bought, ever, co, favourite, k = shop
    recs = recommend(bought, co, favourite, CATALOGUE, CATALOGUE.new_on(T, 60), k, ever=ever)
    in_window, history = bought.toarray(), ever.toarray()
    assert recs.rules is not None
    for i, row in enumerate(recs.products):
        chosen = row[row >= 0]
        assert len(set(chosen.tolist())) == chosen.size
        assert (row[chosen.size:] < 0).all()  # filled from the left
        for slot, p in enumerate(chosen):
            assert CATALOGUE.active[p]
            assert in_window[i, p] == 0  # never something bought in W
            rule = recs.rules[i, slot]
            if history[i, p] > 0:  # an old purchase only as a repeat favourite, and said so
                assert history[i, p] >= REPEAT_MIN and rule == RULE_FAVOURITE
            else:
                assert rule in (RULE_TOGETHER, RULE_NEW)
            if rule == RULE_NEW:
                assert CATALOGUE.product_category[p] == favourite[i]
        reason = recs.reasons[i]
        assert ("favourite not bought lately" in reason) == bool((recs.rules[i] == RULE_FAVOURITE).any())
        assert ("is new in" in reason) == bool((recs.rules[i] == RULE_NEW).any())
