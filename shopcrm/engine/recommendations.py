"""Up to k products per member that the member has not bought in the window W.

Candidates (SPEC §3): products often bought in the same basket as what the member buys (score =
sum over the member's products of line count x co-purchase count), and new products (still within
new_product_days of launch) in the member's favourite category, newest first.  The list keeps the
best k-1 co-purchase picks, then the best new product, then fills up from either kind.  Inactive
products and products the member bought in W are never recommended.  Members are processed in
blocks so memory stays bounded whatever the number of products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from shopcrm.engine.products import Catalogue
from shopcrm.engine.reasons import ReasonBuilder, Reasons, Text
from shopcrm.i18n import QT_TRANSLATE_NOOP

_BLOCK_CELLS = 2_000_000


@dataclass(frozen=True)
class Recommendations:
    products: np.ndarray  # n x k product indexes, -1 for empty slots
    reasons: Reasons  # one line per member

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
) -> Recommendations:
    """`bought`: member x product line counts; `new_products`: bool per product, new as of T."""
    n, n_products = bought.shape
    out = np.full((n, max(k, 0)), -1, dtype=np.int64)
    anchor = np.full(n, -1, dtype=np.int64)
    co_first = np.full(n, -1, dtype=np.int64)
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
        score = counts @ co
        score = np.where(owned | ~usable | (score <= 0), 0.0, score - 1.0 + tie_break)
        co_pick = _best(score, k)
        fav = favourite[lo:hi]
        new_pick = np.full((hi - lo, 1), -1, dtype=np.int64)
        if fresh_ids.size:
            in_favourite = (category[fresh_ids][None, :] == fav[:, None]) & (fav[:, None] >= 0)
            new_score = np.where(in_favourite & ~owned[:, fresh_ids], fresh_rank[fresh_ids][None, :], 0.0)
            picked = _best(new_score, k)
            new_pick = np.where(picked >= 0, fresh_ids[np.maximum(picked, 0)], -1)
        merged = np.concatenate([co_pick[:, : k - 1], new_pick[:, :1], co_pick[:, k - 1 :], new_pick[:, 1:]], axis=1)
        out[lo:hi] = _first_unique(merged, k)
        # the member's product that is most often bought with the first co-purchase pick
        first = co_pick[:, 0]
        co_first[lo:hi] = first
        has = first >= 0
        if has.any():
            strength = counts[has] * co[:, first[has]].T
            anchor[lo:hi][has] = np.argmax(strength, axis=1)

    is_new = np.isin(out, np.flatnonzero(fresh)) & (out >= 0)
    new_slot = np.where(is_new.any(axis=1), out[np.arange(n), np.argmax(is_new, axis=1)], -1)
    with_anchor = (anchor >= 0) & (out == co_first[:, None]).any(axis=1)
    with_new = new_slot >= 0
    product = Text(anchor, catalogue.product_names)
    new = Text(new_slot, catalogue.product_names)
    new_category = Text(np.where(with_new, category[np.maximum(new_slot, 0)], -1), catalogue.category_names)
    reasons = ReasonBuilder("recommendations", n)
    reasons.add(
        with_anchor & ~with_new, QT_TRANSLATE_NOOP("reasons", "often bought together with {product}"), product=product,
    )
    reasons.add(
        with_anchor & with_new,
        QT_TRANSLATE_NOOP("reasons", "often bought together with {product}; {new} is new in {category}"),
        product=product, new=new, category=new_category,
    )
    reasons.add(
        ~with_anchor & with_new, QT_TRANSLATE_NOOP("reasons", "{new} is new in {category}"),
        new=new, category=new_category,
    )
    reasons.add(out[:, 0] < 0, QT_TRANSLATE_NOOP("reasons", "nothing new to suggest yet"))
    return Recommendations(out, reasons.done())
