"""Points are a function of the facts (sales, voids, the shop's redemptions and adjustments), not of
the order in which they arrived: imports in any order and chunking, undo and re-import, voids,
level thresholds, expiry with oldest-first draws (SPEC §8 "Points", issue 12 item 7)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from shopcrm.db.engine import Database
from shopcrm.db.models import Member, PointsDraw, PointsEntry
from shopcrm.db.opening import open_database
from shopcrm.engine.points_replay import EntryFact, SaleFact, replay
from shopcrm.errors import ConflictError
from shopcrm.services.importing.run import import_file
from shopcrm.services.importing.undo import undo_import
from shopcrm.services.members.points import expire_points, points_history, redeem_points, set_level_by_hand
from shopcrm.services.members.records import MemberInput, get_member, register_member
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase, void_purchase
from shopcrm.services.shop.settings import MemberLevel, update_settings

HEADER = ["销售日期", "小票号", "会员手机", "实收金额"]
PHONES = [f"1391234{i:04d}" for i in range(8)]
TODAY = dt.datetime.now().replace(microsecond=0)


# ------------------------------------------------------------------ the replay itself


def _t(minute: int) -> dt.datetime:
    return dt.datetime(2025, 1, 1) + dt.timedelta(minutes=minute * 977)


sale_facts = st.lists(
    st.tuples(st.integers(0, 600), st.integers(-30, 80), st.one_of(st.none(), st.integers(0, 50))), max_size=25
)
entry_facts = st.lists(st.tuples(st.integers(0, 600), st.integers(-60, 40).filter(bool)), max_size=10)


@settings(max_examples=150, deadline=None)
@given(sale_facts, entry_facts, st.sampled_from([0, 1, 3, 12]), st.randoms(use_true_random=False))
def test_replay_does_not_depend_on_input_order_and_adds_up(sales, entries, months, rnd) -> None:
    sf = [
        SaleFact(i + 1, _t(m), pts, _t(m + v) if v is not None else None, None, f"r{i}")
        for i, (m, pts, v) in enumerate(sales) if pts
    ]
    ef = [EntryFact(100 + i, _t(m), pts) for i, (m, pts) in enumerate(entries)]
    until = _t(700)
    first = replay(sf, ef, expiry_months=months, until=until)
    rnd.shuffle(sf)
    rnd.shuffle(ef)
    again = replay(sf, ef, expiry_months=months, until=until)
    assert Counter(first.rows) == Counter(again.rows) and first.balance == again.balance
    assert first.balance >= 0
    # The balance is the sum of the ledger: derived rows plus the shop's own rows.
    assert first.balance == sum(r.points for r in first.rows) + sum(e.points for e in ef)
    # Every debit draws exactly its points; no award gives more than it holds.
    amount = {("new", i): r.points for i, r in enumerate(first.rows)} | {("fact", e.entry_id): e.points for e in ef}
    drawn_by: Counter = Counter()
    drawn_from: Counter = Counter()
    for debit, lot, n in first.draws:
        assert n > 0 and amount[lot] > 0 and amount[debit] < 0
        drawn_by[debit] += n
        drawn_from[lot] += n
    for key, value in amount.items():
        if value < 0:
            assert drawn_by[key] == -value
        else:
            assert drawn_from[key] <= value


def test_redemption_draws_oldest_first_and_expiry_is_a_ledger_row() -> None:
    sales = [SaleFact(1, dt.datetime(2025, 1, 10, 9), 50, None, None, "a"), SaleFact(2, dt.datetime(2025, 3, 5, 9), 40, None, None, "b")]
    redeem = [EntryFact(10, dt.datetime(2025, 3, 6, 9), -60)]
    result = replay(sales, redeem, expiry_months=6, until=dt.datetime(2025, 9, 20))
    kinds = [(r.kind, r.at, r.points) for r in result.rows]
    # 50 from January first, then 10 from March; the March award's other 30 expire on 5 September.
    assert ("fact", 10) in {d[0] for d in result.draws}
    assert sorted(n for d, _lot, n in result.draws if d == ("fact", 10)) == [10, 50]
    assert ("expire", dt.datetime(2025, 9, 5), -30) in kinds
    assert result.balance == 0


# ------------------------------------------------------------------ through real imports


def _history(seed: int) -> list[list[object]]:
    rnd = random.Random(seed)
    rows: list[list[object]] = []
    for n in range(60):
        when = TODAY - dt.timedelta(days=rnd.randint(2, 420), minutes=rnd.randint(0, 600))
        rows.append([when, f"R{seed}-{n}", rnd.choice(PHONES), rnd.choice([18, 26.5, 99, 120, 305, 1200])])
    for n, sale in enumerate(rnd.sample(rows, 6)):  # refunds of earlier sales, a few days later
        rows.append([sale[0] + dt.timedelta(days=3), f"RF{seed}-{n}", sale[2], -float(sale[3]) / 2])  # type: ignore[arg-type]
    return rows


def _write(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _state(db: Database) -> dict[str, tuple[int, int, Counter]]:
    with db.read() as s:
        out = {}
        for m in s.scalars(select(Member)):
            kinds = Counter(
                {k: int(v) for k, v in s.execute(
                    select(PointsEntry.kind, func.sum(PointsEntry.points)).where(PointsEntry.member_id == m.id).group_by(PointsEntry.kind)
                )}
            )
            ledger = sum(kinds.values())
            assert ledger == m.points_balance >= 0, m.phone
            out[m.phone] = (m.points_balance, m.level, kinds)
        return out


def _configure(db: Database) -> None:
    update_settings(
        db, points_per_unit=1, points_spend_unit_cents=1000, points_expiry_months=6,
        levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 100_000), MemberLevel("Gold", 300_000)),
    )


def _import_in_chunks(db: Database, rows: list[list[object]], tmp: Path, rnd: random.Random) -> None:
    rows = rows[:]
    rnd.shuffle(rows)
    cuts = sorted(rnd.sample(range(1, len(rows)), rnd.randint(1, 5)))
    for index, (lo, hi) in enumerate(zip([0, *cuts], [*cuts, len(rows)], strict=True)):
        result = import_file(db, _write(tmp / f"part{index}.xlsx", rows[lo:hi]), "sales")
        assert result.rejected == 0


def test_import_order_and_chunking_give_the_same_points_and_levels(db: Database, tmp_path: Path) -> None:
    rows = _history(7)
    _configure(db)
    _import_in_chunks(db, rows, tmp_path, random.Random(0))
    expected = _state(db)
    assert any(k["expire"] for _b, _l, k in expected.values()) and any(k["reverse"] for _b, _l, k in expected.values())
    for variant in range(1, 4):
        other = open_database(tmp_path / f"variant{variant}.db")
        try:
            _configure(other)
            folder = tmp_path / f"v{variant}"
            folder.mkdir()
            _import_in_chunks(other, rows, folder, random.Random(variant))
            assert _state(other) == expected
        finally:
            other.dispose()


def test_undo_and_reimport_restore_balances_and_a_redemption_survives(db: Database, tmp_path: Path) -> None:
    _configure(db)
    jan = [[TODAY - dt.timedelta(days=40), "J1", PHONES[0], 500], [TODAY - dt.timedelta(days=39), "J2", PHONES[0], 300]]
    feb = [[TODAY - dt.timedelta(days=10), "F1", PHONES[0], 200], [TODAY - dt.timedelta(days=9), "F2", PHONES[0], -150]]
    a = import_file(db, _write(tmp_path / "jan.xlsx", jan), "sales")
    import_file(db, _write(tmp_path / "feb.xlsx", feb), "sales")
    before = _state(db)[f"+86{PHONES[0]}"]
    assert before[0] == 50 + 30 + 20 - 15
    with db.read() as s:
        mid = s.scalars(select(Member.id).where(Member.phone == f"+86{PHONES[0]}")).one()
    assert redeem_points(db, mid, 60) == 25
    undo_import(db, a.batch, backup=False)
    after_undo = _state(db)[f"+86{PHONES[0]}"]
    assert after_undo[0] == 0 and after_undo[2]["shortfall"] > 0  # the redemption stands, covered
    import_file(db, _write(tmp_path / "jan-again.xlsx", jan), "sales")
    again = _state(db)[f"+86{PHONES[0]}"]
    assert again[0] == 25 and again[2]["shortfall"] == 0
    with db.read() as s:  # the redemption drew on January's award, the oldest
        draws = s.execute(
            select(PointsDraw.points, PointsEntry.at).join(PointsEntry, PointsEntry.id == PointsDraw.lot_id)
            .where(PointsDraw.debit_id.in_(select(PointsEntry.id).where(PointsEntry.kind == "redeem")))
        ).all()
        assert sorted(d[0] for d in draws) == [25, 35]  # 50 - 15 (the refund drew first), then 25 of 30
        assert max(d[1] for d in draws) < TODAY - dt.timedelta(days=30)


def test_levels_follow_spend_but_keep_a_level_set_by_hand(db: Database) -> None:
    update_settings(db, levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 50_000), MemberLevel("Gold", 200_000)))
    mid = register_member(db, MemberInput(phone="13812340000", name="李四")).id
    big = record_purchase(db, PurchaseInput(member_id=mid, total_cents=60_000))
    assert get_member(db, mid).level == 1
    void_purchase(db, big.purchase_id)
    assert get_member(db, mid).level == 0  # voiding recomputes the level
    set_level_by_hand(db, mid, 2)
    record_purchase(db, PurchaseInput(member_id=mid, total_cents=1_000))
    assert get_member(db, mid).level == 2
    other = register_member(db, MemberInput(phone="13812340001")).id
    record_purchase(db, PurchaseInput(member_id=other, total_cents=60_000))
    assert get_member(db, other).level == 1
    update_settings(db, levels=(MemberLevel("Regular", 0), MemberLevel("Silver", 80_000), MemberLevel("Gold", 500_000)))
    assert get_member(db, other).level == 0  # new thresholds re-level ...
    assert get_member(db, mid).level == 2  # ... never below a level set by hand


def test_expiry_pass_is_idempotent(db: Database) -> None:
    update_settings(db, points_expiry_months=3)
    mid = register_member(db, MemberInput(phone="13812340002")).id
    record_purchase(db, PurchaseInput(member_id=mid, total_cents=10_000, purchased_at=TODAY - dt.timedelta(days=200)))
    record_purchase(db, PurchaseInput(member_id=mid, total_cents=2_000))
    assert get_member(db, mid).points_balance == 20  # the old 100 expired when the sale replayed the member
    assert expire_points(db) == 0
    rows = [(e.kind, e.points) for e in points_history(db, mid)]
    assert ("expire", -100) in rows
    with pytest.raises(ConflictError):
        redeem_points(db, mid, 21)
    assert expire_points(db, TODAY + dt.timedelta(days=200)) == 1
    assert expire_points(db, TODAY + dt.timedelta(days=200)) == 0
    with db.read() as s:
        assert s.get(Member, mid).points_balance == 0


def test_undoing_a_sales_import_keeps_a_level_a_member_list_set(db: Database, tmp_path: Path) -> None:
    register_member(db, MemberInput(phone=PHONES[1], name="王芳"))
    wb = Workbook()
    ws = wb.active
    ws.append(["手机", "姓名", "会员等级"])
    ws.append([PHONES[1], "王芳", "Gold"])
    wb.save(tmp_path / "members.xlsx")
    listed = import_file(db, tmp_path / "members.xlsx", "members")
    sales = import_file(db, _write(tmp_path / "s.xlsx", [[TODAY - dt.timedelta(days=3), "L1", PHONES[1], 30]]), "sales")
    with db.read() as s:
        mid = s.scalars(select(Member.id).where(Member.phone == f"+86{PHONES[1]}")).one()
    assert get_member(db, mid).level == 2
    undo_import(db, sales.batch, backup=False)
    assert get_member(db, mid).level == 2  # the list's level stays when the sales go
    import_file(db, _write(tmp_path / "s2.xlsx", [[TODAY - dt.timedelta(days=3), "L2", PHONES[1], 30]]), "sales")
    undo_import(db, listed.batch, backup=False)
    with db.read() as s:
        assert s.get(Member, mid).level_floor == 0
    assert get_member(db, mid).level == 0  # the list's decision undone with it


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_rebuilding_from_scratch_in_any_chunk_size_gives_the_same_ledger(db: Database, tmp_path: Path, chunk: int) -> None:
    from sqlalchemy import delete

    from shopcrm.codes import DERIVED_POINT_KINDS
    from shopcrm.services.members.points import rebuild_points
    from shopcrm.services.shop.settings import settings_in

    _configure(db)
    _import_in_chunks(db, _history(11), tmp_path, random.Random(3))

    def content() -> tuple[Counter, Counter, dict[int, int]]:
        with db.read() as s:
            rows = {e.id: (e.member_id, e.kind, e.at, e.points, e.purchase_id) for e in s.scalars(select(PointsEntry))}
            draws = Counter((rows[d.debit_id], rows[d.lot_id], d.points) for d in s.scalars(select(PointsDraw)))
            balances = dict(s.execute(select(Member.id, Member.points_balance)).all())
            return Counter(rows.values()), draws, balances

    before = content()
    with db.transaction() as s:
        conn = s.connection()
        conn.execute(delete(PointsDraw.__table__))
        conn.execute(delete(PointsEntry.__table__).where(PointsEntry.__table__.c.kind.in_(DERIVED_POINT_KINDS)))
        conn.execute(Member.__table__.update().values(points_balance=0))
        ids = list(conn.execute(select(Member.id)).scalars())
        rebuild_points(conn, ids, settings_in(s), TODAY, chunk=chunk)
    assert content() == before
