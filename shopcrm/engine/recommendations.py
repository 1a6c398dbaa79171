"""Up to k products per member that the member has never bought, unless it is a repeat favourite.

Candidates (SPEC §3), by rule:
- together: products often bought in the same basket as what the member buys (score = sum over
  the member's products in W of line count x co-purchase count);
- new: new products (still within new_product_days of launch) in the member's favourite category,
  newest first;
- favourite: a repeat favourite (bought on at least `repeat_min` lines up to T) that the member has
  not bought in W, most bought first: "the cheesecake you used to buy".
A product the member bought at any time before T is never a together or new pick (checking only W
recommended 641 old purchases on the demo shop); products bought in W and inactive products are
never recommended.  The list keeps the best k-1 together picks, then the best new product, then
the best favourite, then fills up in the same order.  The reason names each rule that produced a
product on the list.  Members are processed in blocks so memory stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from shopcrm.engine.products import Catalogue
from shopcrm.engine.reasons import ReasonBuilder, Reasons, Text
from shopcrm.i18n import QT_TRANSLATE_NOOP

_BLOCK_CELLS = 2_000_000
REPEAT_MIN = 3  # lines up to T that make a product a repeat favourite


@dataclass(frozen=True)
class Recommendations:
    products: np.ndarray  # n x k product indexes, -1 for empty slots
    reasons: Reasons  # one line per member
    rules: np.ndarray | None = None  # n x k RULE_* per slot

    def product_ids(self, catalogue: Catalogue) -> np.ndarray:
        """The recommended products' database ids (n x k, -1 for empty slots, filled from the left)."""
        ids = np.append(catalogue.product_ids, -1)
        return ids[self.products]


def _first_unique(candidates: np.ndarray, k: int) -> np.ndarray:
    """Per row, the first k distinct non-negative entries in column order (-1 padded)."""
    c = candidates.copy()
    for j in range(1, c.shape[1]):
        dup = (c[:, :j] == c[:, j : j + 1]).any(axis=1)
        c[dup, j] = -1
    order = np.argsort(c < 0, axis=1, kind="stable")
    picked = np.take_along_axis(c, order, axis=1)[:, :k]
    if picked.shape[1] < k:  # fewer products in the shop than recommendation slots
        picked = np.pad(picked, ((0, 0), (0, k - picked.shape[1])), constant_values=-1)
    return picked


def _best(score: np.ndarray, k: int) -> np.ndarray:
    """Per row the indexes of the k largest positive scores, best first, -1 where fewer are positive.

    Scores must already be distinct within a row (the callers add an index tie-break below 1).
    """
    k = min(k, score.shape[1])
    if k < score.shape[1]:
        pick = np.argpartition(-score, k - 1, axis=1)[:, :k]
    else:
        pick = np.broadcast_to(np.arange(k), score.shape).copy()
    values = np.take_along_axis(score, pick, axis=1)
    order = np.argsort(-values, axis=1)
    pick = np.take_along_axis(pick, order, axis=1)
    pick[np.take_along_axis(values, order, axis=1) <= 0] = -1
    return pick


def recommend(
    bought: sparse.csr_matrix,
    co_purchase: np.ndarray,
    favourite: np.ndarray,
    catalogue: Catalogue,
    new_products: np.ndarray,
    k: int,
    ever: sparse.csr_matrix | None = None,
    repeat_min: int = REPEAT_MIN,
) -> Recommendations:
    """`bought`: member x product line counts in W; `ever`: the same up to T over all time (None: W
    is all the history there is); `new_products`: bool per product, new as of T."""
    n, n_products = bought.shape
    out = np.full((n, max(k, 0)), -1, dtype=np.int64)
    anchor = np.full(n, -1, dtype=np.int64)
    co_first = np.full(n, -1, dtype=np.int64)
    co_all = np.full((n, max(k, 0)), -1, dtype=np.int64)
    fav_all = np.full((n, max(k, 0)), -1, dtype=np.int64)
    new_all = np.full((n, max(k, 0)), -1, dtype=np.int64)
    if ever is None:
        ever = bought
    if k <= 0 or n_products == 0:
        return Recommendations(out, ReasonBuilder("recommendations", n).done())
    co = co_purchase.astype(float)
    usable = catalogue.active.astype(bool)
    fresh = new_products & usable
    # scores are whole numbers; a fraction below 1 ranks equal scores by product index
    tie_break = 1.0 - np.arange(n_products) / (n_products + 1.0)
    # new products: newest first
    oldest = catalogue.launched_day[fresh].min() if fresh.any() else 0
    fresh_rank = np.where(fresh, catalogue.launched_day - oldest + tie_break, 0.0)
    category = catalogue.product_category
    fresh_ids = np.flatnonzero(fresh)  # new products are ranked among these few columns only
    block = max(1, _BLOCK_CELLS // max(n_products, 1))
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        counts = bought[lo:hi].toarray()
        owned = counts > 0
        history = ever[lo:hi].toarray()
        repeat = (history >= repeat_min) & ~owned & usable  # favourites not bought in W
        ever_owned = (history > 0) | owned
        score = counts @ co
        score = np.where(ever_owned | ~usable | (score <= 0), 0.0, score - 1.0 + tie_break)
        co_pick = _best(score, k)
        fav_pick = _best(np.where(repeat, history + tie_break, 0.0), k)
        fav = favourite[lo:hi]
        new_pick = np.full((hi - lo, 1), -1, dtype=np.int64)
        if fresh_ids.size:
            in_favourite = (category[fresh_ids][None, :] == fav[:, None]) & (fav[:, None] >= 0)
            new_score = np.where(in_favourite & ~ever_owned[:, fresh_ids], fresh_rank[fresh_ids][None, :], 0.0)
            picked = _best(new_score, k)
            new_pick = np.where(picked >= 0, fresh_ids[np.maximum(picked, 0)], -1)
        merged = np.concatenate([co_pick[:, : k - 1], new_pick[:, :1], fav_pick[:, :1], co_pick[:, k - 1 :],
                                 new_pick[:, 1:], fav_pick[:, 1:]], axis=1)
        out[lo:hi] = _first_unique(merged, k)
        co_all[lo:hi, : co_pick.shape[1]] = co_pick
        fav_all[lo:hi, : fav_pick.shape[1]] = fav_pick
        new_all[lo:hi, : new_pick.shape[1]] = new_pick
        # the member's product that is most often bought with the first co-purchase pick
        first = co_pick[:, 0]
        co_first[lo:hi] = first
        has = first >= 0
        if has.any():
            strength = counts[has] * co[:, first[has]].T
            anchor[lo:hi][has] = np.argmax(strength, axis=1)

    rules = rule_of(out, co_all, new_all, fav_all)
    slot_rows = np.arange(n)
    is_new = rules == RULE_NEW
    new_slot = np.where(is_new.any(axis=1), out[slot_rows, np.argmax(is_new, axis=1)], -1)
    with_anchor = (anchor >= 0) & (out == co_first[:, None]).any(axis=1)
    with_new = new_slot >= 0
    is_fav = rules == RULE_FAVOURITE
    fav_slot = np.where(is_fav.any(axis=1), out[slot_rows, np.argmax(is_fav, axis=1)], -1)
    with_fav = fav_slot >= 0
    product = Text(anchor, catalogue.product_names)
    new = Text(new_slot, catalogue.product_names)
    new_category = Text(np.where(with_new, category[np.maximum(new_slot, 0)], -1), catalogue.category_names)
    favourite_product = Text(fav_slot, catalogue.product_names)
    reasons = ReasonBuilder("recommendations", n)
    together_part = reasons.part(QT_TRANSLATE_NOOP("reasons", "often bought together with {product}"), product=product)
    new_part = reasons.part(QT_TRANSLATE_NOOP("reasons", "{new} is new in {category}"), new=new, category=new_category)
    fav_part = reasons.part(QT_TRANSLATE_NOOP("reasons", "{favourite} is a favourite not bought lately"),
                            favourite=favourite_product)
    for use_together in (False, True):
        for use_new in (False, True):
            for use_fav in (False, True):
                parts = [p for p, on in ((together_part, use_together), (new_part, use_new), (fav_part, use_fav)) if on]
                if parts:
                    mask = (with_anchor == use_together) & (with_new == use_new) & (with_fav == use_fav)
                    reasons.set(mask, reasons.kind(*parts))
    reasons.add(out[:, 0] < 0, QT_TRANSLATE_NOOP("reasons", "nothing new to suggest yet"))
    return Recommendations(out, reasons.done(), rules)


RULE_NONE, RULE_TOGETHER, RULE_NEW, RULE_FAVOURITE = 0, 1, 2, 3


def rule_of(out: np.ndarray, co_all: np.ndarray, new_all: np.ndarray, fav_all: np.ndarray) -> np.ndarray:
    """Per slot the rule that put the product there (RULE_*).  A new product that is also often
    bought together counts as 'together'; favourites were bought before, so never either of those."""
    def within(picks: np.ndarray) -> np.ndarray:
        return (out[:, :, None] == picks[:, None, :]).any(axis=2) & (out >= 0)

    rules = np.full(out.shape, RULE_NONE, dtype=np.int8)
    rules[within(fav_all)] = RULE_FAVOURITE
    rules[within(new_all)] = RULE_NEW
    rules[within(co_all)] = RULE_TOGETHER
    return rules
