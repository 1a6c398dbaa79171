"""Products and categories: the counter's picker and what imports create."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Category, Product
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError
from shopcrm.io.member_fields import clean_text
from shopcrm.io.pinyin import pinyin_initials
from shopcrm.services.sales.product_rules import category_name, check_price, product_code, product_name


@dataclass(frozen=True)
class ProductView:
    id: int
    name: str
    category: str | None
    price_cents: int | None
    launched_on: dt.date | None
    active: bool
    code: str | None = None
    initials: str | None = None
    needs_review: bool = False
    review_reason: str | None = None

    def matches(self, text: str) -> bool:
        """What the counter's search finds: the text in the name, code or pinyin initials."""
        key = text.strip().lower()
        return bool(key) and (
            key in self.name.lower() or key in (self.code or "").lower() or key in (self.initials or "")
        )


def product_view(p: Product) -> ProductView:
    return ProductView(
        p.id, p.name, p.category.name if p.category else None, p.price_cents, p.launched_on, p.active,
        p.code, p.initials, bool(p.needs_review), p.review_reason,
    )


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
        return [product_view(p) for p in s.scalars(stmt)]


def search_products(db: Database, text: str, limit: int = 20) -> list[ProductView]:
    """Active products whose name, code or pinyin initials hold the text ("mmc" finds 毛毛虫面包);
    an exact code or name comes first."""
    clean = clean_text(text, 100)
    if not clean:
        return []
    like = clean.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    with db.read() as s:
        stmt = (
            select(Product)
            .where(
                Product.active.is_(True),
                or_(
                    Product.name.ilike(f"%{like}%", escape="\\"),
                    Product.code.like(f"%{like.upper()}%", escape="\\"),
                    Product.initials.like(f"%{like.lower()}%", escape="\\"),
                ),
            )
            .order_by(Product.name)
            .limit(1000)  # a catalogue has hundreds of products; the best ones are picked below
        )
        found = [product_view(p) for p in s.scalars(stmt)]
    key = clean.lower()
    found.sort(key=lambda p: (p.name.lower() != key and (p.code or "").lower() != key,
                              not (p.initials or "").startswith(key), p.name))
    return found[: max(1, min(limit, 200))]


def get_product(db: Database, product_id: int) -> ProductView:
    with db.read() as s:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
        return product_view(p)


def add_product(
    db: Database,
    name: str,
    *,
    category: str | None = None,
    price_cents: int | None = None,
    launched_on: dt.date | None = None,
    code: str | None = None,
    active: bool = True,
) -> ProductView:
    """A new product; the rules of shopcrm.services.sales.product_rules (price > ¥0 and < ¥100,000)."""
    clean = product_name(name)
    check_price(price_cents)
    clean_code = product_code(code)
    clean_category = category_name(category)
    with db.transaction() as s:
        if s.scalar(select(Product.id).where(Product.name == clean)) is not None:
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "A product called {name} already exists."), name=clean)
        if clean_code is not None:
            holder = s.scalar(select(Product.name).where(Product.code == clean_code))
            if holder is not None:
                raise ConflictError(
                    QT_TRANSLATE_NOOP("errors", "The code {code} is already used by {name}."), code=clean_code, name=holder
                )
        p = Product(
            name=clean,
            code=clean_code,
            initials=pinyin_initials(clean),
            category_id=category_id(s, clean_category),
            price_cents=price_cents,
            launched_on=launched_on,
            active=active,
            needs_review=False,
        )
        s.add(p)
        s.flush()
        s.refresh(p)
        return product_view(p)


def set_product_active(db: Database, product_id: int, active: bool) -> ProductView:
    with db.transaction() as s:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Product {id} does not exist."), id=product_id)
        p.active = active
        return product_view(p)
