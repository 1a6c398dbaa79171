"""Recommendations on generated shops, on SQLite and PostgreSQL: a product the member bought at any
time before T is never recommended unless it is a repeat favourite (bought on 3 or more lines and
not in the window W), and the reason names the favourite rule when one is used."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Purchase, PurchaseLine, SnapshotMember
from shopcrm.demo.shop import generate_demo
from shopcrm.engine.recommendations import REPEAT_MIN
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.classification.run import classify
from shopcrm.services.shop.settings import load_settings, update_settings


@pytest.mark.parametrize(("seed", "window"), [(3, 365), (11, 120)])
def test_recommendations_never_repeat_an_old_purchase_of_a_generated_shop(db: Database, seed: int,
                                                                          window: int) -> None:
    end = dt.datetime(2025, 10, 20, 18, 30)
    generate_demo(db, members=120, months=24, seed=seed, end=end)
    update_settings(db, rules=replace(load_settings(db).rules, window_days=window))
    as_of = end.date()
    result = classify(db, as_of)
    window_start = dt.datetime.combine(as_of, dt.time()) + dt.timedelta(days=1) - dt.timedelta(days=window)
    with db.read() as s:
        ever: Counter[tuple[int, int]] = Counter()
        recent: set[tuple[int, int]] = set()
        for member, product, at in s.execute(
            select(Purchase.member_id, PurchaseLine.product_id, Purchase.purchased_at)
            .join(PurchaseLine, PurchaseLine.purchase_id == Purchase.id)
            .where(Purchase.voided_at.is_(None), Purchase.member_id.is_not(None),
                   Purchase.purchased_at < dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))):
            ever[(member, product)] += 1
            if at >= window_start:
                recent.add((member, product))
        rows = s.execute(select(SnapshotMember.member_id, SnapshotMember.recommendations)
                         .where(SnapshotMember.snapshot_id == result["snapshot"])).all()
    recommended = 0
    with_favourite: list[int] = []
    for member, products in rows:
        for product in products or []:
            recommended += 1
            assert (member, product) not in recent
            if ever[(member, product)]:
                assert ever[(member, product)] >= REPEAT_MIN, (member, product, ever[(member, product)])
                with_favourite.append(member)
    assert recommended > 100 and with_favourite  # the check had something to check, favourites included
    for member in with_favourite[:20]:
        classes = member_classes(db, member)
        assert classes is not None and "favourite not bought lately" in classes["reasons"]["recommendations"]
