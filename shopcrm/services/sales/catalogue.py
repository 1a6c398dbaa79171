"""The catalogue (SPEC §8): editing products and categories, price history, the review list.

Adding, listing and searching live in shopcrm.services.sales.products (the counter uses them); this
module is what the Catalogue screen and `shopcrm product edit` need on top.  A price change is
recorded in product_price_changes; past sales keep the unit price on their own lines, so a new
list price never alters a sale already made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Category, Product, ProductPriceChange, PurchaseLine
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.services.sales.product_rules import category_name, check_price, product_code, product_name
from shopcrm.services.sales.products import ProductView, category_id, product_view

UNCHANGED: Any = object()  # an edit leaves a field as it is unless it is given


@dataclass(frozen=True)
class CategoryView:
    id: int
    name: str
    products: int


@dataclass(frozen=True)
class PriceChangeView:
    changed_at: dt.datetime
    old_price_cents: int | None
    new_price_cents: int | None
    source: str  # edit | price_list | sales_import


def list_catalogue(
    db: Database,
    *,
    category: str | None = None,
    active: bool | None = None,
    needs_review: bool | None = None,
) -> list[ProductView]:
    """Every product (retired ones too), optionally filtered; by name."""
    with db.read() as s:
        stmt = select(Product).order_by(Product.name)
        if category is not None:
            stmt = stmt.join(Category, Product.category_id == Category.id).where(Category.name == category)
        if active is not None:
            stmt = stmt.where(Product.active.is_(active))
        if needs_review is not None:
            stmt = stmt.where(Product.needs_review.is_(needs_review))
        return [product_view(p) for p in s.scalars(stmt)]


def review_list(db: Database) -> list[ProductView]:
    """Products an import created whose price the owner has not confirmed yet."""
    return list_catalogue(db, needs_review=True)


def find_product(db: Database, key: str) -> ProductView:
    """One product by id, code or exact name (what a script or the CLI names it by)."""
    text = (key or "").strip()
    with db.read() as s:
        p: Product | None = None
        if text.isdigit() and len(text) < 18:
            p = s.get(Product, int(text))
        if p is None and text:
            p = s.scalar(select(Product).where(Product.code == text.upper()))
        if p is None and text:
            p = s.scalar(select(Product).where(Product.name == text))
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "No product has the id, code or name {key}."), key=text[:60])
        return product_view(p)


def _product(s: Session, product_id: int) -> Product:
    p = s.get(Product, product_id, with_for_update={"of": Product})
    if p is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
    return p


def record_price_change(s: Session, p: Product, new_price: int | None, source: str, when: dt.datetime | None = None) -> bool:
    """Set the list price and keep the old one in the history; False when it did not change."""
    if p.price_cents == new_price:
        return False
    s.add(ProductPriceChange(product_id=p.id, changed_at=when or dt.datetime.now().replace(microsecond=0),
                             old_price_cents=p.price_cents, new_price_cents=new_price, source=source))
    p.price_cents = new_price
    return True


def check_unique(s: Session, *, name: str | None, code: str | None, product_id: int | None) -> None:
    """ConflictError when another product has this name or code."""
    if name is not None:
        other = s.scalar(select(Product.id).where(Product.name == name))
        if other is not None and other != product_id:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "A product called {name} already exists."), name=name)
    if code is not None:
        found = s.execute(select(Product.id, Product.name).where(Product.code == code)).first()
        if found is not None and found[0] != product_id:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "The code {code} is already used by {name}."), code=code, name=found[1])


def edit_product(
    db: Database,
    product_id: int,
    *,
    name: Any = UNCHANGED,
    code: Any = UNCHANGED,
    category: Any = UNCHANGED,
    price_cents: Any = UNCHANGED,
    launched_on: Any = UNCHANGED,
    active: Any = UNCHANGED,
    reviewed: bool = True,
) -> ProductView:
    """Change the given fields of one product (all checked first, one transaction).

    Saving a product the owner has looked at clears its review flag (reviewed=False keeps it)."""
    clean_name = product_name(name) if name is not UNCHANGED else None
    clean_code = product_code(code) if code is not UNCHANGED else None
    clean_category = category_name(category) if category is not UNCHANGED else None
    if price_cents is not UNCHANGED:
        check_price(price_cents)
    if launched_on is not UNCHANGED and launched_on is not None and not isinstance(launched_on, dt.date):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date (e.g. 2025-03-05)."), "launched_on",
                              value=str(launched_on)[:40])
    with db.transaction() as s:
        p = _product(s, product_id)
        check_unique(s, name=clean_name, code=clean_code, product_id=p.id)
        if clean_name is not None and clean_name != p.name:
            p.name = clean_name
            p.initials = pinyin_initials(clean_name)
        if code is not UNCHANGED:
            p.code = clean_code
        if category is not UNCHANGED:
            p.category_id = category_id(s, clean_category)
        if price_cents is not UNCHANGED:
            record_price_change(s, p, price_cents, "edit")
        if launched_on is not UNCHANGED:
            p.launched_on = launched_on
        if active is not UNCHANGED:
            p.active = bool(active)
        if reviewed:
            p.needs_review = False
            p.review_reason = None
        s.flush()
        s.refresh(p)
        return product_view(p)


def mark_reviewed(db: Database, product_ids: list[int]) -> int:
    """The owner has checked these prices: they leave the review list.  Returns how many did."""
    with db.transaction() as s:
        done = 0
        for pid in product_ids:
            p = _product(s, pid)
            if p.needs_review:
                p.needs_review = False
                p.review_reason = None
                done += 1
        return done


def price_history(db: Database, product_id: int) -> list[PriceChangeView]:
    """The product's list-price changes, newest first."""
    with db.read() as s:
        if s.get(Product, product_id) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
        rows = s.scalars(
            select(ProductPriceChange)
            .where(ProductPriceChange.product_id == product_id)
            .order_by(ProductPriceChange.changed_at.desc(), ProductPriceChange.id.desc())
        )
        return [PriceChangeView(r.changed_at, r.old_price_cents, r.new_price_cents, r.source) for r in rows]


def times_sold(db: Database, product_id: int) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(PurchaseLine).where(PurchaseLine.product_id == product_id)) or 0)


# ------------------------------------------------------------------ categories


def list_categories(db: Database) -> list[CategoryView]:
    with db.read() as s:
        counts = dict(
            s.execute(select(Product.category_id, func.count()).where(Product.category_id.is_not(None)).group_by(Product.category_id)).all()
        )
        return [CategoryView(c.id, c.name, int(counts.get(c.id, 0))) for c in s.scalars(select(Category).order_by(Category.name))]


def _required_category(raw: object) -> str:
    clean = category_name(raw)
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A category needs a name."), "category")
    return clean


def add_category(db: Database, name: str) -> CategoryView:
    clean = _required_category(name)
    with db.transaction() as s:
        if s.scalar(select(Category.id).where(Category.name == clean)) is not None:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "A category called {name} already exists."), name=clean)
        cat = Category(name=clean)
        s.add(cat)
        s.flush()
        return CategoryView(cat.id, cat.name, 0)


def rename_category(db: Database, category_id_: int, name: str) -> CategoryView:
    clean = _required_category(name)
    with db.transaction() as s:
        cat = s.get(Category, category_id_, with_for_update=True)
        if cat is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Category {id} does not exist."), id=category_id_)
        other = s.scalar(select(Category.id).where(Category.name == clean))
        if other is not None and other != cat.id:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "A category called {name} already exists."), name=clean)
        cat.name = clean
        count = s.scalar(select(func.count()).select_from(Product).where(Product.category_id == cat.id)) or 0
        return CategoryView(cat.id, cat.name, int(count))
