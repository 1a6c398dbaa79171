"""The classification service on SQLite and PostgreSQL: what a snapshot stores, its queries, the CLI."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Category,
    ClassificationSnapshot,
    Feedback,
    Member,
    Product,
    Purchase,
    PurchaseLine,
    SnapshotMember,
)
from shopcrm.errors import NotFoundError, ValidationError
from shopcrm.i18n import set_language
from shopcrm.jobs import Cancelled, CancelToken
from shopcrm.services.classification import store as classification_store
from shopcrm.services.classification.queries import (
    class_counts,
    list_snapshots,
    member_classes,
    members_in_class,
    movement,
)
from shopcrm.services.classification.reasons import reason_reader
from shopcrm.services.classification.run import classify, fit_lifetime_models
from shopcrm.services.reports.dashboard import at_risk_members
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase
from shopcrm.services.shop.settings import update_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from cdnow import cdnow_rows  # noqa: E402

AS_OF = dt.date(2025, 3, 31)


class Shop:
    """Members and purchases written straight into the tables, so every figure is known."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._n = itertools.count(1)
        with db.transaction() as s:
            bread, cake = Category(name="bread"), Category(name="cake")
            s.add_all([bread, cake])
            s.flush()
            self.toast = Product(name="Toast", category_id=bread.id, price_cents=1000, active=True)
            self.bun = Product(name="Bun", category_id=bread.id, price_cents=500, active=True)
            self.roll = Product(name="Matcha roll", category_id=cake.id, price_cents=2000, active=True,
                                launched_on=AS_OF - dt.timedelta(days=20))
            s.add_all([self.toast, self.bun, self.roll])
            s.flush()

    def member(self, registered: dt.date = dt.date(2024, 1, 1), **fields: Any) -> int:
        n = next(self._n)
        now = dt.datetime(2024, 1, 1, 9)
        with self.db.transaction() as s:
            m = Member(card_no=f"C{n:05d}", phone=f"+86139{n:08d}", phone_last4=f"{n:08d}"[-4:],
                       registered_on=registered, created_at=now, updated_at=now, status="active", **fields)
            s.add(m)
            s.flush()
            return int(m.id)

    def buy(self, member_id: int | None, days_before: int, cents: int = 1000, *, product: Product | None = None,
            voided: bool = False, hour: int = 10) -> None:
        at = dt.datetime.combine(AS_OF - dt.timedelta(days=days_before), dt.time(hour))
        with self.db.transaction() as s:
            p = Purchase(member_id=member_id, purchased_at=at, total_cents=cents, channel="store", origin="counter",
                         voided_at=at if voided else None)
            if product is not None:
                p.lines = [PurchaseLine(product_id=product.id, quantity=1, unit_price_cents=cents, amount_cents=cents)]
            s.add(p)

    def regular(self, member_id: int, every: int, count: int, last: int = 0, cents: int = 1000,
                product: Product | None = None) -> None:
        for k in range(count):
            self.buy(member_id, last + k * every, cents, product=product)


@pytest.fixture
def shop(db: Database) -> Shop:
    return Shop(db)


def _row(db: Database, snapshot_id: int, member_id: int) -> SnapshotMember:
    with db.read() as s:
        row = s.get(SnapshotMember, (snapshot_id, member_id))
        assert row is not None
        s.expunge(row)  # keep the loaded values after the read ends
        return row


def _reasons(db: Database, snapshot_id: int, member_id: int, language: str | None = None) -> dict[str, str]:
    """The member's reasons as the screens read them."""
    with db.read() as s:
        row = s.get(SnapshotMember, (snapshot_id, member_id))
        assert row is not None
        return reason_reader(s, snapshot_id, language).all(row.reason_data, row.reasons)


def test_classify_stores_one_row_per_member_with_classes_reasons_and_metrics(shop: Shop) -> None:
    loyal = shop.member(gender="F", birth_year=1990)
    lapsed = shop.member()
    never = shop.member()
    gone_long = shop.member()
    shop.regular(loyal, every=3, count=40, product=shop.toast)
    shop.buy(loyal, 0, 2000, product=shop.roll)
    shop.buy(loyal, 0, 500, hour=18)  # same day: one visit
    shop.buy(lapsed, 200, 3000, product=shop.bun)
    shop.buy(lapsed, 5, 99_999, voided=True)  # a voided sale counts nowhere
    shop.buy(None, 1, 700)  # walk-in
    shop.buy(gone_long, 400, 800)

    summary = classify(shop.db, AS_OF)
    assert summary["members"] == 4
    assert summary["as_of"] == "2025-03-31"
    assert summary["counts"]["lifecycle"] == {"potential": 1, "new": 0, "active": 1, "at_risk": 0, "churned": 2, "won_back": 0}
    assert summary["counts"]["gender"] == {"unknown": 3, "F": 1}
    assert summary["clv"]["model"] == "fallback" and "too little history" in summary["clv"]["reason"]

    sid = summary["snapshot"]
    row = _row(shop.db, sid, loyal)
    assert row.visits == 40
    assert row.spend_cents == 40 * 1000 + 2500
    assert row.recency_days == 0
    assert row.last_purchase == AS_OF
    assert row.median_interval_days == 3.0
    assert row.frequency == "high" and row.pyramid == "platinum" and row.abcd == "A"
    # two buyers in the window: the better one scores 1 + floor(5 * 1 / 2) = 3 on each axis
    assert (row.r_score, row.f_score, row.m_score, row.segment) == (3, 3, 3, "need_attention")
    assert row.favourite_category == "bread"
    assert row.category_shares == {"bread": pytest.approx(40_000 / 42_000, abs=1e-4), "cake": pytest.approx(2000 / 42_000, abs=1e-4)}
    assert row.new_product_share == pytest.approx(2000 / 42_000, abs=1e-4)
    assert row.age_band == "35-44"
    reasons = _reasons(shop.db, sid, loyal)
    assert set(reasons) >= {"frequency", "spend", "segment", "pyramid", "abcd", "lifecycle", "churn",
                                "preference", "age_band", "level", "favourite_category", "clv", "recommendations"}
    assert reasons["frequency"] == "visits in 118 days: 40, 2.3 a week (high from 2 a week)"
    assert row.recommendations is None  # single-product baskets and nothing new in bread
    assert reasons["recommendations"] == "nothing new to suggest yet"

    gone = _row(shop.db, sid, lapsed)
    assert (gone.lifecycle, gone.segment, gone.abcd) == ("churned", "hibernating", "C")
    assert gone.total_spend_cents == 3000  # the voided 999.99 is not there
    assert gone.recency_days == 200
    lost = _row(shop.db, sid, gone_long)
    assert (lost.segment, lost.abcd, lost.visits, lost.total_spend_cents) == ("lost", "D", 0, 800)
    nobody = _row(shop.db, sid, never)
    assert nobody.lifecycle == "potential" and nobody.segment == "never_bought"
    assert nobody.first_purchase is None and nobody.r_score is None and nobody.p_alive is None
    assert nobody.predicted_value_1y_cents is None


def test_reasons_are_read_in_the_reader_s_language_and_currency_whatever_classify_ran_in(shop: Shop) -> None:
    loyal = shop.member(birth_year=1990)
    fading = shop.member()
    shop.regular(loyal, every=3, count=40, product=shop.toast)
    shop.regular(fading, every=5, count=10, last=60)
    set_language("en")
    sid = classify(shop.db, AS_OF)["snapshot"]
    try:
        set_language("zh_CN")
        data = member_classes(shop.db, loyal)
        assert data is not None
        chinese = data["reasons"]
        assert chinese["frequency"] == "118 天内到店 40 次，每周 2.3 次（每周 2 次起为高）"
        assert chinese["segment"] == "到店时间和次数都一般：R3 F3 M3"  # the meaning is a label, translated too
        assert chinese["lifecycle"] == "最近到店 今天"
        assert chinese["level"] == "累计消费 ¥400.00；¥500.00 起为银卡"  # the level name as well
        assert chinese["age_band"] == "35 岁"
        assert chinese["favourite_category"] == "bread：占 365 天内商品消费的 100%"  # category names are data
        assert chinese["lifecycle"] == _reasons(shop.db, sid, loyal)["lifecycle"]
        at_risk = _reasons(shop.db, sid, fading)["lifecycle"]
        assert at_risk == "流失预警：最近到店在 60 天前；平时每 5 天来一次"
        assert [r.reason for r in at_risk_members(shop.db).rows] == ["最近到店在 60 天前；平时每 5 天来一次"]
        # classified in Chinese, read in English
        again = classify(shop.db, AS_OF)["snapshot"]
    finally:
        set_language("en")
    english = _reasons(shop.db, again, fading)
    assert english["lifecycle"] == "churn warning: last visit 60 days ago; usually every 5 days"
    assert english["level"] == "cumulative spend ¥100.00; Silver from ¥500.00"
    update_settings(shop.db, currency="HKD")  # money is written with the shop's symbol when read
    assert _reasons(shop.db, again, fading)["level"] == "cumulative spend HK$100.00; Silver from HK$500.00"


def test_recommendations_come_from_shared_baskets_and_skip_what_the_member_bought(shop: Shop) -> None:
    a, b = shop.member(), shop.member()
    with shop.db.transaction() as s:
        for k in range(3):  # other shoppers buy toast with a bun
            at = dt.datetime.combine(AS_OF - dt.timedelta(days=k + 1), dt.time(9))
            s.add(Purchase(member_id=b, purchased_at=at, total_cents=1500, channel="store", origin="counter", lines=[
                PurchaseLine(product_id=shop.toast.id, quantity=1, unit_price_cents=1000, amount_cents=1000),
                PurchaseLine(product_id=shop.bun.id, quantity=1, unit_price_cents=500, amount_cents=500),
            ]))
    shop.buy(a, 2, 1000, product=shop.toast)
    sid = classify(shop.db, AS_OF)["snapshot"]
    recs = _row(shop.db, sid, a).recommendations
    assert recs is not None and recs[0] == shop.bun.id and shop.toast.id not in recs
    assert _reasons(shop.db, sid, a)["recommendations"].startswith("often bought together with Toast")
    details = member_classes(shop.db, a)
    assert details is not None
    assert details["recommendations"][0] == {"id": shop.bun.id, "name": "Bun"}


def test_low_rating_in_the_last_90_days_raises_a_churn_signal(shop: Shop) -> None:
    unhappy, old_complaint = shop.member(), shop.member()
    for m in (unhappy, old_complaint):
        shop.regular(m, every=7, count=10)
    with shop.db.transaction() as s:
        s.add(Feedback(member_id=unhappy, at=dt.datetime.combine(AS_OF, dt.time(12)), rating_service=2))
        s.add(Feedback(member_id=old_complaint, at=dt.datetime.combine(AS_OF - dt.timedelta(days=90), dt.time(12)),
                       rating_product=1))
    sid = classify(shop.db, AS_OF)["snapshot"]
    assert _row(shop.db, sid, unhappy).churn_level == "low"
    assert _reasons(shop.db, sid, unhappy)["churn"] == "rated 2 or lower in the last 90 days"
    assert _row(shop.db, sid, unhappy).lifecycle == "at_risk"
    assert _row(shop.db, sid, old_complaint).churn_level == "none"


def test_members_who_did_not_exist_yet_or_were_erased_are_left_out(shop: Shop) -> None:
    shop.member()
    later = shop.member(registered=AS_OF + dt.timedelta(days=1))
    imported = shop.member(registered=AS_OF + dt.timedelta(days=30))
    shop.buy(imported, 10)  # an imported history: bought before the recorded registration
    erased = shop.member()
    with shop.db.transaction() as s:
        s.get(Member, erased).status = "erased"  # type: ignore[union-attr]
    sid = classify(shop.db, AS_OF)["snapshot"]
    ids = set(members_in_class(shop.db, sid, "lifecycle", "potential")) | set(members_in_class(shop.db, sid, "lifecycle", "new"))
    assert later not in ids and erased not in ids and imported in ids


def test_same_date_replaces_and_older_snapshots_thin_out_to_one_a_month(shop: Shop) -> None:
    m = shop.member()
    shop.regular(m, every=10, count=30, last=200)
    first = classify(shop.db, AS_OF)["snapshot"]
    again = classify(shop.db, AS_OF)["snapshot"]
    assert again != first
    assert [s.id for s in list_snapshots(shop.db)] == [again]
    for day in (dt.date(2024, 10, 5), dt.date(2024, 10, 20), dt.date(2024, 11, 30), dt.date(2025, 2, 10)):
        classify(shop.db, day)
    kept = [s.as_of for s in list_snapshots(shop.db)]
    # within 31 days of the newest: all kept; before that the newest of each month
    assert kept == [AS_OF, dt.date(2025, 2, 10), dt.date(2024, 11, 30), dt.date(2024, 10, 20)]
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(SnapshotMember)) == 4


def test_counts_class_members_and_movement_between_snapshots(shop: Shop) -> None:
    fading = shop.member()
    steady = shop.member()
    shop.regular(fading, every=5, count=10, last=60)
    shop.regular(steady, every=5, count=30)
    before = classify(shop.db, AS_OF - dt.timedelta(days=60))["snapshot"]
    newcomer = shop.member(registered=AS_OF - dt.timedelta(days=5))
    after = classify(shop.db, AS_OF)["snapshot"]

    counts = class_counts(shop.db, after)
    assert counts["lifecycle"]["potential"] == 1
    assert sum(counts["pyramid"].values()) == 3
    assert class_counts(shop.db) == counts  # default: the latest
    assert members_in_class(shop.db, after, "lifecycle", "potential") == [newcomer]
    assert members_in_class(shop.db, after, "level", 0) == sorted([fading, steady, newcomer])

    moves = movement(shop.db, before, after, "lifecycle")
    assert sorted(moves, key=str) == sorted([
        {"from": "active", "to": "at_risk", "members": 1},  # fading: last visit 60 days ago, usually every 5
        {"from": "active", "to": "active", "members": 1},
        {"from": None, "to": "potential", "members": 1},  # registered since
    ], key=str)

    with pytest.raises(ValidationError):
        movement(shop.db, before, after, "shoe_size")
    with pytest.raises(NotFoundError):
        members_in_class(shop.db, 999_999, "segment", "lost")


def test_member_classes_for_member_show_and_the_detail_panel(shop: Shop) -> None:
    m = shop.member(birth_year=2000)
    shop.regular(m, every=7, count=8)
    assert member_classes(shop.db, m) is None
    classify(shop.db, AS_OF)
    data = member_classes(shop.db, m)
    assert data is not None
    json.dumps(data)  # ready for --json
    assert data["snapshot"]["as_of"] == "2025-03-31"
    assert data["classes"]["age_band"] == "25-34"
    assert data["classes"]["level"] == 0 and data["level_name"] == "Regular"
    assert data["metrics"]["visits"] == 8
    assert data["metrics"]["last_purchase"] == "2025-03-31"
    assert set(data["reasons"]) >= {"frequency", "lifecycle", "clv"}
    assert member_classes(shop.db, 424242) is None


def test_progress_is_reported_and_cancel_stores_nothing(shop: Shop) -> None:
    shop.regular(shop.member(), every=7, count=3)
    seen: list[tuple[float, float, str]] = []
    classify(shop.db, AS_OF, progress=lambda done, total, text: seen.append((done, total, text)))
    assert [s[0] for s in seen] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert {s[1] for s in seen} == {6.0}
    assert all(s[2] for s in seen)
    with shop.db.read() as s:
        before = s.scalar(select(func.count()).select_from(ClassificationSnapshot))
    token = CancelToken()

    def press_cancel_after_the_third_stage(done: float, total: float, text: str) -> None:
        if done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        classify(shop.db, AS_OF - dt.timedelta(days=1), progress=press_cancel_after_the_third_stage, cancel=token)
    with shop.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ClassificationSnapshot)) == before


def test_future_and_nonsense_dates_are_refused(shop: Shop) -> None:
    with pytest.raises(ValidationError, match="future"):
        classify(shop.db, dt.date.today() + dt.timedelta(days=1))


def test_purchases_through_the_purchase_service_are_classified(shop: Shop) -> None:
    m = shop.member()
    for k in range(3):
        record_purchase(shop.db, PurchaseInput(
            member_id=m, lines=[LineInput(product_id=shop.toast.id, quantity=2)],
            purchased_at=dt.datetime.combine(AS_OF - dt.timedelta(days=7 * k), dt.time(11)),
        ))
    row = _row(shop.db, classify(shop.db, AS_OF)["snapshot"], m)
    assert (row.visits, row.spend_cents, row.avg_ticket_cents) == (3, 6000, 2000)


# ------------------------------------------------------------------------------------------------ CLI


def _cli(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = run_cli(["--db", db.url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_classify_prints_counts_and_json(shop: Shop, capsys: pytest.CaptureFixture[str]) -> None:
    shop.regular(shop.member(), every=3, count=20)
    code, out, _ = _cli(capsys, shop.db, "classify", "--as-of", "2025-03-31", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["counts"]["frequency"]["high"] == 1
    code, out, _ = _cli(capsys, shop.db, "classify", "--as-of", "2025-03-31")
    assert code == 0 and "Visit frequency: High 1, Medium 0, Low 0" in out
    assert "as of 2025-03-31" in out


@pytest.mark.parametrize("argv", [
    ["classify", "--as-of", "2025-02-30"],
    ["classify", "--as-of", "yesterday"],
    ["classify", "--as-of", "2999-01-01"],
    ["clv", "fit", "--until", "31/03/2025"],
    ["clv", "fit"],  # an empty shop: too little history
])
def test_cli_bad_input_is_one_line_and_exit_1(shop: Shop, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = _cli(capsys, shop.db, *argv)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("shopcrm: ")
    assert "Traceback" not in err


# --------------------------------------------------------------------------------------- CDNOW, via DB


def _load_cdnow(db: Database) -> None:
    rows = cdnow_rows()
    customers = sorted({r[0] for r in rows})
    now = dt.datetime(1997, 1, 1)
    with db.transaction() as s:
        s.execute(insert(Member), [
            {"id": c, "card_no": f"CD{c:05d}", "registered_on": dt.date(1997, 1, 1), "created_at": now,
             "updated_at": now, "status": "active", "consent": False, "points_balance": 0, "level": 0}
            for c in customers
        ])
        s.execute(insert(Purchase), [
            {"member_id": c, "purchased_at": dt.datetime.combine(day, dt.time(12)), "total_cents": round(amount * 100),
             "discount_cents": 0, "channel": "store", "origin": "import"}
            for c, day, amount in rows
        ])


def test_cdnow_fits_from_the_database_and_the_clv_command(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _load_cdnow(db)
    result = fit_lifetime_models(db, dt.date(1997, 9, 30))
    bg, gg = result["bgnbd"], result["gammagamma"]
    assert bg["customers"] == 2357
    assert (bg["r"], bg["alpha"], bg["a"], bg["b"]) == (
        pytest.approx(0.243, rel=0.005), pytest.approx(4.414, rel=0.005),
        pytest.approx(0.793, rel=0.005), pytest.approx(2.426, rel=0.005),
    )
    assert bg["loglik"] == pytest.approx(-9582.4, abs=0.1)
    assert gg["customers"] == 946
    assert (gg["p"], gg["q"], gg["gamma"]) == (
        pytest.approx(6.25, rel=0.01), pytest.approx(3.74, rel=0.01), pytest.approx(15.44, rel=0.01),
    )
    code, out, _ = _cli(capsys, db, "clv", "fit", "--until", "1997-09-30", "--json")
    assert code == 0
    printed = json.loads(out)
    assert set(printed["bgnbd"]) >= {"r", "alpha", "a", "b", "loglik", "customers"}
    assert set(printed["gammagamma"]) >= {"p", "q", "gamma", "customers"}
    assert printed["bgnbd"]["r"] == pytest.approx(bg["r"])
    # Pareto/NBD, the model of P(alive), from the same database (Fader, Hardie & Lee 2005)
    pn = result["paretonbd"]
    assert (pn["r"], pn["alpha"], pn["s"], pn["beta"]) == (
        pytest.approx(0.553, rel=0.002), pytest.approx(10.578, rel=0.002),
        pytest.approx(0.606, rel=0.002), pytest.approx(11.669, rel=0.002),
    )
    assert pn["loglik"] == pytest.approx(-9595.0, abs=0.05)
    assert printed["paretonbd"]["s"] == pytest.approx(pn["s"])


def test_thin_out_keeps_every_recent_snapshot(shop: Shop) -> None:
    with shop.db.transaction() as s:
        for k in range(5):
            s.add(ClassificationSnapshot(as_of=AS_OF - dt.timedelta(days=k), window_days=365,
                                         created_at=dt.datetime(2025, 4, 1), members=0, params={}, clv=None))
    with shop.db.transaction() as s:
        classification_store.thin_out(s)
    assert len(list_snapshots(shop.db)) == 5


def test_an_empty_shop_and_a_shop_without_sales_classify(shop: Shop) -> None:
    empty = classify(shop.db, AS_OF)
    assert empty["members"] == 0 and empty["counts"]["lifecycle"]["potential"] == 0
    member = shop.member()
    summary = classify(shop.db, AS_OF)
    assert summary["members"] == 1 and summary["counts"]["lifecycle"]["potential"] == 1
    row = _row(shop.db, summary["snapshot"], member)
    assert (row.frequency, row.spend_class, row.abcd, row.preference) == ("low", "low", "D", "none")
    assert _reasons(shop.db, summary["snapshot"], member)["lifecycle"] == "registered, has not bought anything yet"
