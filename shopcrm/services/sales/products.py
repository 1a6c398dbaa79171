"""Products and categories: the counter's picker and what imports create."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Category, Product
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.io.member_fields import clean_text


@dataclass(frozen=True)
class ProductView:
    id: int
    name: str
    category: str | None
    price_cents: int | None
    launched_on: dt.date | None
    active: bool


def _view(p: Product) -> ProductView:
    return ProductView(p.id, p.name, p.category.name if p.category else None, p.price_cents, p.launched_on, p.active)


def category_id(s: Session, name: str | None, cache: dict[str, int] | None = None) -> int | None:
    """The category of that name, created if new."""
    clean = clean_text(name, 50)
    if not clean:
        return None
    if cache is not None and clean in cache:
        return cache[clean]
    found = s.scalar(select(Category.id).where(Category.name == clean))
    if found is None:
        cat = Category(name=clean)
        s.add(cat)
        s.flush()
        found = cat.id
    if cache is not None:
        cache[clean] = found
    return found


def list_products(db: Database, active_only: bool = True) -> list[ProductView]:
    with db.read() as s:
        stmt = select(Product).order_by(Product.name)
        if active_only:
            stmt = stmt.where(Product.active.is_(True))
        return [_view(p) for p in s.scalars(stmt)]


def search_products(db: Database, text: str, limit: int = 20) -> list[ProductView]:
    clean = clean_text(text, 100)
    if not clean:
        return []
    like = clean.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with db.read() as s:
        stmt = (
            select(Product)
            .where(Product.active.is_(True), Product.name.like(f"%{like}%", escape="\\"))
            .order_by(Product.name)
            .limit(max(1, min(limit, 200)))
        )
        return [_view(p) for p in s.scalars(stmt)]


def get_product(db: Database, product_id: int) -> ProductView:
    with db.read() as s:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
        return _view(p)


def add_product(
    db: Database,
    name: str,
    *,
    category: str | None = None,
    price_cents: int | None = None,
    launched_on: dt.date | None = None,
) -> ProductView:
    clean = clean_text(name, 101)
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A product needs a name."), "name")
    if len(clean) > 100:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The product name is too long (100 characters at most)."), "name")
    if price_cents is not None and price_cents < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The price cannot be negative."), "price")
    with db.transaction() as s:
        if s.scalar(select(Product.id).where(Product.name == clean)) is not None:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "A product called {name} already exists."), name=clean)
        p = Product(
            name=clean,
            category_id=category_id(s, category),
            price_cents=price_cents,
            launched_on=launched_on,
            active=True,
        )
        s.add(p)
        s.flush()
        s.refresh(p)
        return _view(p)


def set_product_active(db: Database, product_id: int, active: bool) -> ProductView:
    with db.transaction() as s:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
        p.active = active
        return _view(p)
