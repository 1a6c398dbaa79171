"""What members buy in the window W: category shares, new-product share, the member x product matrix.

The service hands over one row per (member, product) with the lines and amounts in W; a line is a
"new product" line when it was bought within new_product_days of the product's launch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from shopcrm.engine.metrics import NO_DAY


@dataclass(frozen=True)
class Catalogue:
    """Products (indexed 0..P-1) and categories (indexed 0..K-1, sorted by name)."""

    product_ids: np.ndarray  # database ids
    product_names: tuple[str, ...]
    product_category: np.ndarray  # category index, -1 where none
    launched_day: np.ndarray  # day number, NO_DAY where unknown
    active: np.ndarray  # bool
    category_names: tuple[str, ...]

    @property
    def size(self) -> int:
        return int(self.product_ids.size)

    def new_on(self, day: int, new_product_days: int) -> np.ndarray:
        """Products launched within the last new_product_days days up to `day` (still new)."""
        known = self.launched_day != NO_DAY
        return known & (self.launched_day <= day) & (day - self.launched_day < new_product_days)

    @classmethod
    def empty(cls) -> Catalogue:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, (), z, z, np.zeros(0, dtype=bool), ())


@dataclass(frozen=True)
class ProductHistory:
    """Per (member, product) in the window W: lines, amount, and the amount and lines on it while new."""

    member: np.ndarray
    product: np.ndarray
    lines: np.ndarray
    amount: np.ndarray
    new_amount: np.ndarray
    new_lines: np.ndarray

    @classmethod
    def empty(cls) -> ProductHistory:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, z, z)

    def bought(self, n_members: int, n_products: int) -> sparse.csr_matrix:
        """Member x product matrix of line counts in W."""
        return sparse.csr_matrix(
            (self.lines.astype(float), (self.member, self.product)), shape=(n_members, n_products)
        )


@dataclass(frozen=True)
class ProductMetrics:
    category_spend: np.ndarray  # n x K, cents in W
    line_spend: np.ndarray  # n, line amounts in W (any category)
    new_spend: np.ndarray  # n, line amounts in W on new products
    new_share: np.ndarray  # new_spend / line_spend, NaN where no line spend
    distinct_new: np.ndarray  # distinct new products bought in W
    favourite: np.ndarray  # category index with the largest spend in W, -1 where none

    def category_shares(self) -> np.ndarray:
        total = self.category_spend.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, self.category_spend / np.where(total > 0, total, 1), 0.0)


def product_metrics(history: ProductHistory, catalogue: Catalogue, n_members: int) -> ProductMetrics:
    n, k = n_members, len(catalogue.category_names)
    member = history.member
    amount = history.amount.astype(float)
    category = catalogue.product_category[history.product] if history.product.size else history.product
    with_cat = category >= 0
    flat = member[with_cat] * max(k, 1) + category[with_cat]
    category_spend = (
        np.rint(np.bincount(flat, weights=amount[with_cat], minlength=n * k)).astype(np.int64).reshape(n, k)
        if k
        else np.zeros((n, 0), dtype=np.int64)
    )
    line_spend = np.rint(np.bincount(member, weights=amount, minlength=n)).astype(np.int64)
    new_spend = np.rint(np.bincount(member, weights=history.new_amount.astype(float), minlength=n)).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        new_share = np.where(line_spend > 0, new_spend / np.where(line_spend > 0, line_spend, 1), np.nan)
    distinct_new = np.bincount(member[history.new_lines > 0], minlength=n).astype(np.int64)
    favourite = np.full(n, -1, dtype=np.int64)
    if k:
        best = np.argmax(category_spend, axis=1)  # first maximum: ties go to the name first in order
        spent = category_spend[np.arange(n), best] > 0
        favourite[spent] = best[spent]
    return ProductMetrics(category_spend, line_spend, new_spend, new_share, distinct_new, favourite)


def co_purchase_counts(basket: np.ndarray, product: np.ndarray, n_products: int) -> np.ndarray:
    """C[p, q] = baskets holding both p and q (p != q); each product counts once per basket."""
    if basket.size == 0 or n_products == 0:
        return np.zeros((n_products, n_products), dtype=np.int64)
    _, rows = np.unique(basket, return_inverse=True)
    b = sparse.csr_matrix((np.ones(rows.size), (rows, product)), shape=(int(rows.max()) + 1, n_products))
    b.data[:] = 1.0  # duplicates were summed: a basket holds a product or not
    c = (b.T @ b).toarray()
    np.fill_diagonal(c, 0)
    return np.rint(c).astype(np.int64)
