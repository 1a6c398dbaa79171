"""The demo shop: deterministic, internally consistent, believable, and never mixed into real data."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Category,
    ConsentEvent,
    Feedback,
    Member,
    MemberTag,
    PointsEntry,
    Product,
    Purchase,
    PurchaseLine,
)
from shopcrm.db.opening import open_database
from shopcrm.demo import catalog as cat
from shopcrm.demo.shop import DemoSummary, generate_demo, months_before
from shopcrm.errors import ShopError, ValidationError
from shopcrm.io.phones import last4, normalise_phone
from shopcrm.jobs import Cancelled, CancelToken
from shopcrm.services.members.records import MemberInput, find_members, register_member
from shopcrm.services.reports.stats import shop_stats
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase, void_purchase
from shopcrm.services.shop.settings import load_settings, update_settings

# A fixed end inside the Mid-Autumn season of 2025 (festival on 6 October) so seasonal rules show.
END = dt.datetime(2025, 10, 20, 18, 30, 0)
SMALL = {"members": 150, "months": 6, "seed": 7, "end": END}


def _fill(db: Database, **overrides: object) -> DemoSummary:
    return generate_demo(db, **{**SMALL, **overrides})  # type: ignore[arg-type]


def _fingerprint(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.read() as s:
        return {
            "members": [tuple(r) for r in s.execute(
                select(Member.id, Member.card_no, Member.name, Member.phone, Member.gender, Member.birth_year,
                       Member.birth_month, Member.birth_day, Member.registered_on, Member.source, Member.area,
                       Member.consent, Member.points_balance, Member.level, Member.status, Member.created_at)
                .order_by(Member.id))],
            "purchases": [tuple(r) for r in s.execute(
                select(Purchase.id, Purchase.member_id, Purchase.purchased_at, Purchase.total_cents,
                       Purchase.discount_cents, Purchase.payment_method, Purchase.channel, Purchase.voided_at)
                .order_by(Purchase.id))],
            "lines": [tuple(r) for r in s.execute(
                select(PurchaseLine.purchase_id, PurchaseLine.product_id, PurchaseLine.quantity,
                       PurchaseLine.amount_cents).order_by(PurchaseLine.id))],
            "points": [tuple(r) for r in s.execute(
                select(PointsEntry.member_id, PointsEntry.at, PointsEntry.kind, PointsEntry.points)
                .order_by(PointsEntry.id))],
            "feedback": [tuple(r) for r in s.execute(
                select(Feedback.member_id, Feedback.at, Feedback.rating_product, Feedback.comment).order_by(Feedback.id))],
            "tags": [tuple(r) for r in s.execute(select(MemberTag.member_id, MemberTag.tag).order_by(MemberTag.member_id, MemberTag.tag))],
        }


def test_small_demo_fills_every_table_and_matches_stats(db: Database) -> None:
    summary = _fill(db)
    stats = shop_stats(db)
    assert stats["members"] == summary.members == 150
    assert stats["purchases"] == summary.purchases > 1000
    assert stats["revenue"] == summary.revenue_cents / 100
    assert stats["first_purchase"] == summary.first_purchase.isoformat(sep=" ")  # type: ignore[union-attr]
    with db.read() as s:
        def count(model: type) -> int:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)

        assert count(Category) == len(cat.CATEGORIES)
        assert count(Product) == summary.products == len(cat.PRODUCTS)
        assert count(PurchaseLine) == summary.purchase_lines > summary.purchases
        assert count(PointsEntry) == summary.points_entries > 0
        assert count(Feedback) == summary.feedback > 0
        assert count(ConsentEvent) >= 150
        assert count(MemberTag) > 0
        kinds = set(s.scalars(select(PointsEntry.kind).distinct()))
        assert {"earn", "redeem"} <= kinds
        assert set(s.scalars(select(Purchase.origin).distinct())) == {"demo"}
        assert set(s.scalars(select(Purchase.channel).distinct())) <= {"store", "delivery", "online"}
    assert load_settings(db).shop_name == "Demo Bakery"


def test_same_seed_same_shop_other_seed_other_shop(sqlite_db: Database, tmp_path: Path) -> None:
    _fill(sqlite_db)
    twin = open_database(tmp_path / "twin.db")
    other = open_database(tmp_path / "other.db")
    try:
        _fill(twin)
        _fill(other, seed=8)
        assert _fingerprint(twin) == _fingerprint(sqlite_db)
        assert _fingerprint(other)["purchases"] != _fingerprint(sqlite_db)["purchases"]
    finally:
        twin.dispose()
        other.dispose()


def test_points_balances_are_the_ledger_sums_and_never_went_negative(db: Database) -> None:
    _fill(db)
    with db.read() as s:
        balances = dict(s.execute(select(Member.id, Member.points_balance)).all())
        running: dict[int, int] = defaultdict(int)
        for member_id, points in s.execute(
            select(PointsEntry.member_id, PointsEntry.points).order_by(PointsEntry.at, PointsEntry.id)
        ):
            running[member_id] += points
            assert running[member_id] >= 0, f"member {member_id} overdrawn"
        for member_id, balance in balances.items():
            assert balance == running.get(member_id, 0)
        # Earned points follow the settings' rule on each live purchase.
        settings = load_settings(db)
        earned = s.execute(
            select(PointsEntry.points, Purchase.total_cents)
            .join(Purchase, Purchase.id == PointsEntry.purchase_id)
            .where(PointsEntry.kind == "earn")
        ).all()
        assert earned and all(points == settings.points_for(total) for points, total in earned)
        assert s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.points == 0)) == 0


def test_levels_follow_cumulative_spend(db: Database) -> None:
    update_settings(db, points_per_unit=2)
    _fill(db)
    settings = load_settings(db)
    with db.read() as s:
        spend = dict(s.execute(
            select(Purchase.member_id, func.sum(Purchase.total_cents))
            .where(Purchase.member_id.is_not(None), Purchase.voided_at.is_(None))
            .group_by(Purchase.member_id)
        ).all())
        levels = dict(s.execute(select(Member.id, Member.level)).all())
        doubled = s.execute(
            select(PointsEntry.points, Purchase.total_cents)
            .join(Purchase, Purchase.id == PointsEntry.purchase_id).where(PointsEntry.kind == "earn")
        ).all()
    assert all(points == 2 * (total // 100) for points, total in doubled)
    for member_id, level in levels.items():
        assert level == settings.level_for_spend(int(spend.get(member_id, 0)))
    assert len(set(levels.values())) >= 2  # not everyone on the lowest level


def test_purchases_add_up_and_walk_ins_exist(db: Database) -> None:
    summary = _fill(db)
    assert 0 < summary.walk_in_purchases < summary.purchases
    with db.read() as s:
        line_sums = dict(s.execute(
            select(PurchaseLine.purchase_id, func.sum(PurchaseLine.amount_cents)).group_by(PurchaseLine.purchase_id)
        ).all())
        rows = s.execute(select(Purchase.id, Purchase.total_cents, Purchase.discount_cents, Purchase.member_id)).all()
        for pid, total, discount, _member in rows:
            assert total > 0 and discount >= 0
            assert int(line_sums[pid] or 0) - discount == total
        walk_ins = [r for r in rows if r.member_id is None]
        voided_walk_ins = s.scalar(
            select(func.count()).select_from(Purchase).where(Purchase.member_id.is_(None), Purchase.voided_at.is_not(None))
        )
        assert len(walk_ins) == summary.walk_in_purchases + int(voided_walk_ins or 0)
        bad = s.scalar(select(func.count()).select_from(PurchaseLine).where(
            PurchaseLine.amount_cents != PurchaseLine.quantity * PurchaseLine.unit_price_cents))
        assert bad == 0


def test_nothing_happens_in_the_future_or_before_registration(db: Database) -> None:
    before = dt.datetime.now().replace(microsecond=0)
    generate_demo(db, members=120, months=3, seed=3)  # ends now
    after = dt.datetime.now()
    with db.read() as s:
        latest = [
            s.scalar(select(func.max(Purchase.purchased_at))),
            s.scalar(select(func.max(Purchase.voided_at))),
            s.scalar(select(func.max(PointsEntry.at))),
            s.scalar(select(func.max(Feedback.at))),
            s.scalar(select(func.max(ConsentEvent.at))),
            s.scalar(select(func.max(Member.created_at))),
        ]
        assert all(t is None or t <= after for t in latest)
        assert latest[0] is not None and latest[0] >= before - dt.timedelta(days=2)
        early = s.scalar(
            select(func.count()).select_from(Purchase).join(Member, Member.id == Purchase.member_id)
            .where(Purchase.purchased_at < Member.created_at)
        )
        assert early == 0
        assert s.scalar(select(func.count()).select_from(Member).where(Member.registered_on > after.date())) == 0


def test_phones_are_valid_unique_and_searchable(db: Database) -> None:
    _fill(db)
    with db.read() as s:
        members = s.execute(select(Member.phone, Member.phone_last4, Member.card_no)).all()
    phones = [m.phone for m in members]
    assert len(set(phones)) == len(phones) == 150
    for phone, tail, _card in members:
        assert normalise_phone(phone) == phone and phone.startswith("+861")
        assert tail == last4(phone)
    assert len({m.card_no for m in members}) == 150
    found = find_members(db, members[0].phone_last4, 50)
    assert any(v.phone == members[0].phone for v in found)


def test_member_attributes_are_plausible(db: Database) -> None:
    _fill(db)
    with db.read() as s:
        members = list(s.scalars(select(Member)))
        events = s.execute(select(ConsentEvent.member_id, ConsentEvent.at, ConsentEvent.consent).order_by(ConsentEvent.at, ConsentEvent.id)).all()
        last_event = {}
        for member_id, at, consent in events:
            last_event[member_id] = (at, consent)
        assert {m.consent for m in members} == {True, False}
        for m in members:
            assert last_event[m.id] == (m.consent_at, m.consent)
            if m.birth_month and m.birth_day:
                assert dt.date(m.birth_year or 2000, m.birth_month, m.birth_day) <= END.date()
                assert m.birth_year is None or 1940 <= m.birth_year <= END.year - 10
            assert m.source in {"walk_in", "delivery", "wechat", "referral", "event", "other"}
            assert m.gender in {"F", "M", None}
            assert m.registered_on == m.created_at.date()
        assert any(m.birth_month and m.birth_year is None for m in members)  # birthdays without a year
        assert sum(1 for m in members if m.name) > 130


def test_catalogue_rules_launches_seasons_retirements(db: Database) -> None:
    _fill(db, language="zh_CN")
    start = months_before(END.date(), 6)
    with db.read() as s:
        rows = s.execute(
            select(Product.name, Product.launched_on, Product.active, Purchase.purchased_at)
            .join(PurchaseLine, PurchaseLine.product_id == Product.id)
            .join(Purchase, Purchase.id == PurchaseLine.purchase_id)
        ).all()
        names = set(s.scalars(select(Product.name)))
    assert "莲蓉月饼" in names and "Lotus paste mooncake" not in names
    assert load_settings(db).shop_name == "示例烘焙坊"
    seasonal = {cat.label((p.zh, p.en), "zh_CN"): p.season for p in cat.PRODUCTS if p.season}
    sold: dict[str, int] = defaultdict(int)
    for name, launched, _active, at in rows:
        sold[name] += 1
        assert launched is not None
        assert at.date() >= launched or launched < start
        if name in seasonal:
            festival = cat.festival_day(seasonal[name], at.year)
            lo, hi = cat.SEASON_WINDOWS[seasonal[name]]
            assert festival + dt.timedelta(days=lo) <= at.date() <= festival + dt.timedelta(days=hi), (name, at)
    assert sold["莲蓉月饼"] > 0 and sold["月饼礼盒"] > 0  # Mid-Autumn 2025 lies in the history
    assert sold["鲜肉粽"] > 0  # Dragon Boat 2025 (31 May) too
    assert sold["圣诞树桩蛋糕"] == 0 and sold["艾草青团"] == 0  # Christmas and Qingming are outside it
    new = [p for p in cat.PRODUCTS if p.launched_days_ago is not None and p.launched_days_ago < 60]
    assert all(sold[p.zh] > 0 for p in new)
    assert sum(1 for p in cat.PRODUCTS if p.birthday_cake and sold[p.zh]) >= 1


def test_refuses_a_database_that_already_has_data(db: Database) -> None:
    register_member(db, MemberInput(phone="13812345678", name="张三"))
    with pytest.raises(ShopError):
        _fill(db)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 0
        assert s.scalar(select(func.count()).select_from(Member)) == 1


def test_refuses_a_second_demo_and_bad_sizes(db: Database) -> None:
    _fill(db)
    with pytest.raises(ShopError):
        _fill(db)
    with pytest.raises(ValidationError):
        generate_demo(db, members=0)
    with pytest.raises(ValidationError):
        generate_demo(db, months=0)
    with pytest.raises(ValidationError):
        generate_demo(db, end=dt.datetime.now() + dt.timedelta(days=3))


def test_cancel_leaves_the_database_empty(db: Database) -> None:
    seen: list[float] = []
    token = CancelToken()

    def progress(fraction: float, total: float, message: str) -> None:
        assert message and total == 1.0
        seen.append(fraction)
        if fraction > 0.5:
            token.cancel()  # the owner presses Cancel half-way

    with pytest.raises(Cancelled):
        _fill(db, progress=progress, cancel=token)
    assert seen == sorted(seen) and seen[-1] > 0.5
    assert shop_stats(db)["members"] == 0
    # The indexes dropped for the bulk load came back with the rollback.
    assert {"ix_purchases_member_time_total", "ix_purchase_lines_purchase_id", "ix_points_ledger_member_id"} <= _index_names(db)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 0
    summary = _fill(db)  # and it can be filled afterwards (indexes were restored)
    assert summary.members == 150


def test_counter_services_keep_working_on_the_demo_shop(db: Database) -> None:
    _fill(db, end=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1))
    new = register_member(db, MemberInput(phone="13912345678", name="新会员"))
    assert new.id == 151 and new.card_no == "000151"
    with db.read() as s:
        product_id = s.scalar(select(Product.id).where(Product.active.is_(True)).order_by(Product.id))
        regular = s.scalar(select(Member.id).where(Member.status == "active").order_by(Member.points_balance.desc()))
    assert product_id is not None and regular is not None
    result = record_purchase(db, PurchaseInput(member_id=regular, lines=[LineInput(product_id, 2)]))
    assert result.purchase_id > 1000 and result.points_earned > 0
    void_purchase(db, result.purchase_id)
    with db.read() as s:
        indexes = _index_names(db)
    assert {"ix_purchases_member_time_total", "ix_purchase_lines_purchase_id", "ix_points_ledger_member_id"} <= indexes


def _index_names(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        if db.is_sqlite:
            return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
        return set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())


def test_cli_demo_then_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "demo.db")
    assert run_cli(["--db", path, "demo", "--members", "60", "--months", "2", "--seed", "5", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["members"] == 60 and summary["seed"] == 5
    assert run_cli(["--db", path, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["members"], stats["purchases"], stats["revenue"]) == (60, summary["purchases"], summary["revenue"])
    assert run_cli(["--db", path, "demo"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty database" in err
    assert run_cli(["--db", str(tmp_path / "x.db"), "demo", "--members", "-3"]) == 1
    assert "members" in capsys.readouterr().err
