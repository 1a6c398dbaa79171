"""Classes stay current (SPEC §9): a sale, a void or a new member updates that member's card against
the cut-offs the full run stored, exactly as a full run with those cut-offs would classify them."""

from __future__ import annotations

import datetime as dt
import random
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.demo.shop import generate_demo
from shopcrm.engine.classify import CLASSIFICATIONS
from shopcrm.engine.classify import run as run_engine
from shopcrm.engine.cutoffs import CutOffs
from shopcrm.engine.ranking import quintile_bounds, quintile_scores, scores_from_bounds
from shopcrm.services.classification import freshness as fresh
from shopcrm.services.classification import incremental
from shopcrm.services.classification.latest import latest_snapshot_in
from shopcrm.services.classification.queries import member_classes
from shopcrm.services.classification.run import classify, read_inputs
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase, void_purchase
from shopcrm.services.shop.settings import load_settings

# reasons the card shows that a one-member update recomputes (recommendations keep the full run's)
REASONS = (*CLASSIFICATIONS, "favourite_category", "clv")


@given(st.lists(st.integers(-5, 40), min_size=1, max_size=60), st.booleans())
@settings(max_examples=300, deadline=None)
def test_stored_quintile_bounds_score_the_population_as_quintile_scores_do(values: list[int], higher: bool) -> None:
    v = np.array(values, dtype=np.int64)
    bounds = quintile_bounds(v, higher_is_better=higher)
    assert scores_from_bounds(v, bounds, higher_is_better=higher).tolist() == quintile_scores(v, higher_is_better=higher).tolist()


def _shop(db: Database, classified: bool = True) -> None:
    # history up to a few hours ago (the demo stamps some voids minutes after their sale)
    generate_demo(db, members=160, months=6, seed=11, end=dt.datetime.now() - dt.timedelta(hours=3))
    if classified:
        classify(db)


def _same_cut_offs_run(db: Database) -> tuple[dict[int, int], object]:
    """Every member classified by the full engine against the newest snapshot's stored cut-offs."""
    settings_ = load_settings(db)
    with db.read() as s:
        snap = latest_snapshot_in(s)
        assert snap is not None
        cut_offs = CutOffs.from_dict(snap.params["cut_offs"])
        assert cut_offs is not None
        inputs = read_inputs(s, snap.as_of, settings_)
    result = run_engine(inputs, settings_.rules, cut_offs=cut_offs)
    return {int(m): i for i, m in enumerate(inputs.members.ids.tolist())}, result


def _assert_cards_agree(db: Database, members: set[int]) -> None:
    index, result = _same_cut_offs_run(db)
    columns = result.reason_columns()  # type: ignore[attr-defined]
    for member_id in sorted(members):
        card = member_classes(db, member_id)
        assert card is not None, member_id
        i = index[member_id]
        for name in CLASSIFICATIONS:
            want = result.classes[name].values()[i]  # type: ignore[attr-defined]
            got = card["classes"][name]
            if name == "level":
                want = int(result.classes[name].codes[i])  # type: ignore[attr-defined]
            if name == "age_band" and want == "unknown":
                want = None
            assert got == want, (member_id, name)
        assert card["rfm"] == {"r": _score(result.r[i]), "f": _score(result.f[i]), "m": _score(result.m[i])}  # type: ignore[attr-defined]
        for name in REASONS:
            assert card["reasons"][name] == columns[name].text(i), (member_id, name)


def _score(value: int) -> int | None:
    return int(value) if value > 0 else None


def test_each_sale_updates_the_card_as_a_full_run_with_the_same_cut_offs(db: Database) -> None:
    _shop(db)
    rng = random.Random(4)
    with db.read() as s:
        ids = [int(i) for i in s.scalars(select(Member.id).where(Member.status == "active")).all()]
    touched: set[int] = set()
    for n in range(30):
        if n % 10 == 9:  # now and then a new member registers, and buys
            member = register_member(db, MemberInput(phone=f"1390000{n:04d}", name=f"New {n}"))
            ids.append(member.id)
            updated = incremental.update_cards(db)
            assert updated.full_run_due is None and member.id in updated.members
            touched.add(member.id)
        member_id = rng.choice(ids)
        sale = record_purchase(db, PurchaseInput(member_id=member_id, total_cents=rng.choice([800, 2_500, 12_000, 60_000])))
        if n % 7 == 6:  # a void is a change to that member's history too
            void_purchase(db, sale.purchase_id)
        updated = incremental.update_cards(db)
        assert updated.full_run_due is None, updated
        # voids stamped at or after the last update are looked at again (harmless: same answer)
        assert member_id in updated.members
        touched.update(updated.members)
    time.sleep(1.1)  # past the second of the last void (looked at once more, harmlessly)
    assert set(incremental.update_cards(db).members) <= touched
    assert incremental.update_cards(db).members == ()  # nothing new: nothing rewritten
    _assert_cards_agree(db, touched)
    assert fresh.freshness(db).stale is None


def test_a_big_spender_moves_up_against_the_stored_cut_offs(db: Database) -> None:
    _shop(db)
    member = register_member(db, MemberInput(phone="13900001234", name="Big"))
    incremental.update_cards(db)
    before = member_classes(db, member.id)
    assert before is not None and before["classes"]["segment"] == "never_bought"
    record_purchase(db, PurchaseInput(member_id=member.id, total_cents=5_000_000))
    assert incremental.update_cards(db).members == (member.id,)
    after = member_classes(db, member.id)
    assert after is not None
    assert after["classes"]["pyramid"] == "platinum" and after["classes"]["spend"] == "high"
    assert "top 1 %" in after["reasons"]["pyramid"]
    _assert_cards_agree(db, {member.id})


def test_a_full_run_is_due_after_another_day_or_changed_rules(db: Database) -> None:
    assert fresh.freshness(db).stale is None  # an empty shop: nothing to classify
    _shop(db, classified=False)
    assert fresh.freshness(db).stale == fresh.NO_SNAPSHOT
    assert incremental.update_cards(db).full_run_due == fresh.NO_SNAPSHOT
    classify(db)
    assert fresh.freshness(db).stale is None
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert fresh.freshness(db, today=tomorrow).stale == fresh.OLD
    from dataclasses import replace

    from shopcrm.services.shop.settings import update_settings

    rules = load_settings(db).rules
    update_settings(db, rules=replace(rules, window_days=rules.window_days + 30))
    assert fresh.freshness(db).stale == fresh.RULES
    assert incremental.update_cards(db).full_run_due == fresh.RULES


@pytest.mark.parametrize("undo", [False, True])
def test_a_full_run_is_due_after_an_import_or_its_undo(db: Database, undo: bool) -> None:
    _shop(db)
    from shopcrm.db.models import ImportBatch

    now = dt.datetime.now().replace(microsecond=0)  # in the very second the snapshot read the shop
    with db.transaction() as s:
        s.add(ImportBatch(kind="sales", file_name="x.xlsx", content_hash="0" * 64, started_at=now,
                          finished_at=None if undo else now, status="undone" if undo else "done",
                          undone_at=now if undo else None))
    assert fresh.freshness(db).stale == fresh.IMPORTS


def test_lines_read_by_id_or_by_range_give_the_same_classes(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card's fast path (a member's lines read by purchase id) against its slow twin (the range)."""
    from shopcrm.services.classification import data

    _shop(db)
    settings_ = load_settings(db)
    with db.read() as s:
        snap = latest_snapshot_in(s)
        assert snap is not None
        cut_offs = CutOffs.from_dict(snap.params["cut_offs"])
        assert cut_offs is not None
        members = [int(i) for i in s.scalars(select(Member.id).order_by(Member.id)).all()][::9]

        def answers(limit: int) -> list[tuple[object, ...]]:
            monkeypatch.setattr(data, "FEW_PURCHASES", limit)
            out: list[tuple[object, ...]] = []
            for member_id in members:
                one = incremental.classify_one(s, member_id, snap.as_of, settings_, cut_offs)
                assert one is not None
                inputs, result = one
                out.append((inputs.products.amount.tolist(), inputs.ever_products.amount.tolist() if inputs.ever_products else None,
                            result.favourite.tolist(), *(result.reason_columns()[n].text(0) for n in REASONS)))
            return out

        by_id, by_range = answers(10**6), answers(0)
    assert by_id == by_range
    assert any(row[0] for row in by_id)  # members with product lines were compared


@pytest.mark.slow
def test_every_card_of_the_demo_shop_agrees_with_a_full_run_after_1000_counter_sales(db: Database) -> None:
    """SPEC §9 / issue 15.3: the demo shop (2,000 members, 24 months), then 1,000 random counter sales
    (amounts and product lines, every channel, walk-ins, voids, members registering now and then),
    each followed by the cards' update as the counter's keeper runs it.  Then every member of the
    newest snapshot, touched or not, has the classes, scores and reasons a full run with the same
    stored cut-offs gives; and the snapshot holds exactly the members the full run classifies."""
    from shopcrm.services.sales.products import list_products
    from shopcrm.services.sales.purchases import CHANNELS, LineInput

    generate_demo(db, end=dt.datetime.now() - dt.timedelta(hours=3))
    classify(db)
    rng = random.Random(2026)
    with db.read() as s:
        ids = [int(i) for i in s.scalars(select(Member.id).where(Member.status == "active")).all()]
    priced = [p for p in list_products(db) if p.price_cents]
    touched: set[int] = set()
    for n in range(1_000):
        if n % 50 == 49:  # a new member registers at the counter
            ids.append(register_member(db, MemberInput(phone=f"1370000{n:04d}", name=f"New {n}")).id)
        member_id = None if rng.random() < 0.1 else rng.choice(ids)
        if rng.random() < 0.5:
            lines = [LineInput(p.id, rng.randint(1, 3)) for p in rng.sample(priced, rng.randint(1, 3))]
            data = PurchaseInput(member_id=member_id, lines=lines, channel=rng.choice(CHANNELS))
        else:
            data = PurchaseInput(member_id=member_id, total_cents=rng.choice([600, 1_200, 2_500, 4_800, 9_900, 25_000]),
                                 channel=rng.choice(CHANNELS))
        sale = record_purchase(db, data)
        if n % 97 == 96:
            void_purchase(db, sale.purchase_id)
        updated = incremental.update_cards(db)
        assert updated.full_run_due is None, (n, updated)
        if member_id is not None:
            assert member_id in updated.members
        touched.update(updated.members)
    index, _result = _same_cut_offs_run(db)
    with db.read() as s:
        snap = latest_snapshot_in(s)
        assert snap is not None and snap.members == len(index)
    assert len(touched) > 300  # many cards were rewritten, and every card is compared below
    _assert_cards_agree(db, set(index))
    assert fresh.freshness(db).stale is None
