"""A full classification writes its snapshot in short transactions (issue 15): a sale from another
connection goes through while it writes, the new classes appear only when the snapshot is whole,
and a cancelled, failed or crashed run leaves the previous classes current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select, update

from shopcrm.db.engine import Database, make_engine
from shopcrm.db.models import Category, ClassificationSnapshot, Member, Product, Purchase, SnapshotMember
from shopcrm.jobs import Cancelled, CancelToken
from shopcrm.services.classification import store
from shopcrm.services.classification.freshness import freshness
from shopcrm.services.classification.queries import list_snapshots, member_classes
from shopcrm.services.classification.run import classify
from shopcrm.services.members.table import MemberFilter, latest_snapshot, member_ids
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase

AS_OF = dt.date(2025, 3, 31)
MEMBERS = 23  # a prime: chunk sizes of 1 to 25 end on and off every boundary


def _shop(db: Database) -> int:
    """MEMBERS members who bought on different days; returns a product id for a counter sale."""
    now = dt.datetime(2024, 1, 1, 9)
    with db.transaction() as s:
        bread = Category(name="bread")
        s.add(bread)
        s.flush()
        toast = Product(name="Toast", category_id=bread.id, price_cents=1000, active=True)
        s.add(toast)
        for n in range(1, MEMBERS + 1):
            m = Member(card_no=f"C{n:05d}", phone=f"+86139{n:08d}", phone_last4=f"{n:08d}"[-4:],
                       registered_on=dt.date(2024, 1, 1), created_at=now, updated_at=now, status="active")
            s.add(m)
            s.flush()
            for k in range(n % 7):
                at = dt.datetime.combine(AS_OF - dt.timedelta(days=3 + 11 * k + n), dt.time(10))
                s.add(Purchase(member_id=m.id, purchased_at=at, total_cents=500 + 100 * n, channel="store",
                               origin="counter"))
        s.flush()
        return int(toast.id)


@pytest.fixture
def shop(db: Database) -> Iterator[tuple[Database, int]]:
    yield db, _shop(db)


def _rows(db: Database, snapshot_id: int) -> list[tuple[Any, ...]]:
    """The snapshot's member rows without the snapshot id, in member order."""
    columns = [c for c in SnapshotMember.__table__.c if c.name != "snapshot_id"]
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(*columns).where(SnapshotMember.snapshot_id == snapshot_id)
                                            .order_by(SnapshotMember.member_id))]


def _snapshots(db: Database) -> list[tuple[int, bool]]:
    with db.read() as s:
        return [(int(i), bool(c)) for i, c in s.execute(
            select(ClassificationSnapshot.id, ClassificationSnapshot.complete).order_by(ClassificationSnapshot.id))]


def _member_rows(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(SnapshotMember)) or 0)


class _Between(CancelToken):
    """A cancel token that does something when the run checks it for the n-th time (the write
    checks it before each chunk: the first write check comes after the engine's stages)."""

    def __init__(self, at: int, action: Any) -> None:
        super().__init__()
        self.calls = 0
        self.at = at
        self.action = action

    def check(self, text: str = "") -> None:
        self.calls += 1
        if self.calls == self.at:
            self.action()
        super().check(text)


STAGE_CHECKS = 6  # the stages' own checks (read .. write) before the first chunk's


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chunk=st.integers(min_value=1, max_value=MEMBERS + 2))
def test_chunked_write_stores_exactly_what_one_transaction_stores(shop: tuple[Database, int], chunk: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    monkeypatch.setattr(store, "WRITE_CHUNK", 10**9)
    whole = classify(db, AS_OF)["snapshot"]
    expected = _rows(db, whole)
    monkeypatch.setattr(store, "WRITE_CHUNK", chunk)
    chunked = classify(db, AS_OF)["snapshot"]
    assert _rows(db, chunked) == expected
    assert len(expected) == MEMBERS
    # the same date replaced: only the new snapshot is left, complete, and it is the one shown
    assert _snapshots(db) == [(chunked, True)]
    info = latest_snapshot(db)
    assert info is not None and info.id == chunked


def test_a_sale_from_another_connection_goes_through_while_the_snapshot_is_written(
        shop: tuple[Database, int], monkeypatch: pytest.MonkeyPatch) -> None:
    db, toast = shop
    previous = classify(db, AS_OF)["snapshot"]
    monkeypatch.setattr(store, "WRITE_CHUNK", 5)
    other = Database(db.url, make_engine(db.url))
    if other.is_sqlite:  # a counter that gives up after 50 ms instead of the usual 10 s
        @event.listens_for(other.engine, "connect")
        def _short_wait(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA busy_timeout=50")
    else:
        @event.listens_for(other.engine, "connect")
        def _short_lock_wait(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute("SET lock_timeout = '50ms'")
            dbapi_conn.commit()
    seen: dict[str, Any] = {}

    def sell() -> None:
        """A counter sale in the middle of the write (two chunks of five written)."""
        seen["shown"] = latest_snapshot(other)
        seen["listed"] = member_ids(other, MemberFilter(), sort_key="card_no")[1]
        seen["incomplete"] = _snapshots(other)
        record_purchase(other, PurchaseInput(member_id=1, lines=[LineInput(product_id=toast, quantity=1)],
                                             purchased_at=dt.datetime.combine(AS_OF, dt.time(15))))

    try:
        summary = classify(db, AS_OF, cancel=_Between(STAGE_CHECKS + 3, sell))
    finally:
        other.dispose()
    # mid-write the previous classes were the current ones, the new snapshot there but incomplete
    assert seen["shown"] is not None and seen["shown"].id == previous
    assert seen["listed"] is not None and seen["listed"].id == previous
    assert (summary["snapshot"], False) in seen["incomplete"]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Purchase).where(Purchase.member_id == 1,
                                                                          Purchase.origin == "counter",
                                                                          Purchase.total_cents == 1000)) == 1
    assert _snapshots(db) == [(summary["snapshot"], True)]


def test_a_cancel_during_the_write_leaves_the_previous_classes_current(shop: tuple[Database, int],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    previous = classify(db, AS_OF)["snapshot"]
    before = _rows(db, previous)
    monkeypatch.setattr(store, "WRITE_CHUNK", 4)
    token = _Between(STAGE_CHECKS + 3, lambda: token.cancel())  # after two chunks of four
    with pytest.raises(Cancelled):
        classify(db, AS_OF, cancel=token)
    assert _snapshots(db) == [(previous, True)]  # what was written is gone
    assert _rows(db, previous) == before
    assert _member_rows(db) == MEMBERS
    assert [s.id for s in list_snapshots(db)] == [previous]


def test_a_failed_chunk_deletes_what_the_run_wrote(shop: tuple[Database, int], monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    previous = classify(db, AS_OF)["snapshot"]
    monkeypatch.setattr(store, "WRITE_CHUNK", 3)
    real_insert = store.BulkWriter.insert
    calls = [0]

    def failing(self: store.BulkWriter, *args: Any) -> None:
        calls[0] += 1
        if calls[0] == 4:
            raise OSError("disk full")
        real_insert(self, *args)

    monkeypatch.setattr(store.BulkWriter, "insert", failing)
    with pytest.raises(OSError, match="disk full"):
        classify(db, AS_OF)
    assert _snapshots(db) == [(previous, True)]
    assert _member_rows(db) == MEMBERS


def test_a_crashed_runs_rows_are_never_shown_and_are_swept_later(shop: tuple[Database, int],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    previous = classify(db, AS_OF)["snapshot"]
    monkeypatch.setattr(store, "WRITE_CHUNK", 5)
    # A crash: the process dies mid-write, so neither the run nor its clean-up finishes.
    monkeypatch.setattr(store, "delete_snapshots", lambda *_a, **_k: None)
    with pytest.raises(Cancelled):
        token = _Between(STAGE_CHECKS + 2, lambda: token.cancel())
        classify(db, AS_OF, cancel=token)
    monkeypatch.undo()
    crashed = [i for i, complete in _snapshots(db) if not complete]
    assert len(crashed) == 1 and _member_rows(db) == MEMBERS + 5
    # Nothing shows it: the Members list, the snapshot list, a member's classes.
    info = latest_snapshot(db)
    assert info is not None and info.id == previous
    assert [s.id for s in list_snapshots(db)] == [previous]
    card = member_classes(db, 1)
    assert card is not None and card["snapshot"]["id"] == previous
    # A run soon after leaves it alone (it might be another process's, still writing) ...
    newer = classify(db, AS_OF)["snapshot"]
    assert _snapshots(db) == [(crashed[0], False), (newer, True)]
    # ... one after LEFTOVER_AGE deletes it.
    with db.transaction() as s:
        s.execute(update(ClassificationSnapshot).where(ClassificationSnapshot.id == crashed[0])
                  .values(created_at=dt.datetime.now() - store.LEFTOVER_AGE - dt.timedelta(minutes=1)))
    latest = classify(db, AS_OF)["snapshot"]
    assert _snapshots(db) == [(latest, True)]
    assert _member_rows(db) == MEMBERS


def test_the_write_refreshes_the_planner_statistics(shop: tuple[Database, int]) -> None:
    db, _toast = shop
    classify(db, AS_OF)
    with db.read() as s:
        if db.is_sqlite:
            stats = s.connection().exec_driver_sql(
                "SELECT idx FROM sqlite_stat1 WHERE tbl = 'snapshot_members'").scalars().all()
        else:
            stats = s.connection().exec_driver_sql(
                "SELECT attname FROM pg_stats WHERE tablename = 'snapshot_members'").scalars().all()
    assert stats


def _chunk_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows of each write transaction's insert, as the run writes them."""
    sizes: list[int] = []
    real_insert = store.BulkWriter.insert

    def counting(self: store.BulkWriter, table: Any, columns: Any, rows: Any) -> None:
        sizes.append(len(rows))
        real_insert(self, table, columns, rows)

    monkeypatch.setattr(store.BulkWriter, "insert", counting)
    return sizes


@pytest.mark.parametrize("chunk", [1, 2, MEMBERS - 1, MEMBERS, MEMBERS + 1])
def test_every_chunk_boundary_writes_and_deletes_every_row(shop: tuple[Database, int], chunk: int,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    monkeypatch.setattr(store, "WRITE_CHUNK", 10**9)
    whole = classify(db, AS_OF)["snapshot"]
    expected = _rows(db, whole)
    monkeypatch.setattr(store, "WRITE_CHUNK", chunk)
    sizes = _chunk_rows(monkeypatch)
    chunked = classify(db, AS_OF)["snapshot"]
    full, rest = divmod(MEMBERS, chunk)
    assert sizes == [chunk] * full + ([rest] if rest else [])
    assert _rows(db, chunked) == expected
    assert _snapshots(db) == [(chunked, True)]  # the replaced one deleted in chunks of `chunk` rows
    assert _member_rows(db) == MEMBERS
    store.delete_snapshots(db, [chunked], chunk_rows=chunk)
    assert _snapshots(db) == [] and _member_rows(db) == 0


@pytest.mark.parametrize(("first", "target"), [(1, 0.0), (2, 10.0), (7, 1e-4)])
def test_chunks_sized_by_time_store_what_one_transaction_stores(shop: tuple[Database, int], first: int, target: float,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Time-sized chunks (WRITE_CHUNK None): from one row a chunk (a target of no time) to chunks
    growing from two rows (a target of seconds) store the same rows as one transaction."""
    db, _toast = shop
    monkeypatch.setattr(store, "WRITE_CHUNK", 10**9)
    expected = _rows(db, classify(db, AS_OF)["snapshot"])
    monkeypatch.setattr(store, "WRITE_CHUNK", None)
    monkeypatch.setattr(store, "FIRST_CHUNK", first)
    monkeypatch.setattr(store, "MIN_CHUNK", 1)
    monkeypatch.setattr(store, "CHUNK_SECONDS", target)
    monkeypatch.setattr(store, "CANCEL_SECONDS", target)
    sizes = _chunk_rows(monkeypatch)
    snapshot = classify(db, AS_OF)["snapshot"]
    assert sum(sizes) == MEMBERS and sizes[0] == first
    if target == 0.0:
        assert sizes == [1] * MEMBERS
    if target == 10.0:
        assert sizes == [2, 3, 4, 6, MEMBERS - 15]  # each at most CHUNK_GROWTH (1.5) times the one before
    assert _rows(db, snapshot) == expected
    assert _snapshots(db) == [(snapshot, True)]


def test_chunk_sizes_follow_the_time_a_chunk_took(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "CHUNK_SECONDS", 0.02)
    fixed = store.ChunkSizes(3)
    fixed.took(3, 10.0)
    assert fixed.rows == 3
    sizes = store.ChunkSizes(None)
    assert sizes.rows == store.FIRST_CHUNK
    sizes.took(store.FIRST_CHUNK, 0.001)  # fast: at most CHUNK_GROWTH times as many next time
    assert sizes.rows == int(store.CHUNK_GROWTH * store.FIRST_CHUNK)
    sizes.took(1000, 0.04)  # twice the target: half as many
    assert sizes.rows == 500
    sizes.took(sizes.rows, 100.0)  # a very slow chunk: never fewer than MIN_CHUNK
    assert sizes.rows == store.MIN_CHUNK
    for _ in range(40):
        sizes.took(sizes.rows, 1e-9)
    assert sizes.rows == store.MAX_CHUNK


def _shown(db: Database) -> dict[str, Any]:
    """What the screens and the CLI show of the classification: the snapshot list, the Members
    list's snapshot, a member's card (`member show`), the freshness line (`classify --if-due`)."""
    card = member_classes(db, 1)
    latest = latest_snapshot(db)
    return {
        "listed": [s.id for s in list_snapshots(db)],
        "members list": latest.id if latest else None,
        "card": card["snapshot"]["id"] if card else None,
        "freshness": freshness(db).snapshot_id,
    }


def _monitored_run(db: Database, monkeypatch: pytest.MonkeyPatch, chunk: int) -> tuple[int, list[dict[str, Any]]]:
    """A classification as of AS_OF in chunks of `chunk` rows, with what is shown between chunks."""
    seen: list[dict[str, Any]] = []
    with monkeypatch.context() as patch:
        patch.setattr(store, "WRITE_CHUNK", chunk)
        patch.setattr(store, "_let_others_write", lambda _db: seen.append(_shown(db)))
        return classify(db, AS_OF)["snapshot"], seen


def _showing(current: int, *others: int) -> dict[str, Any]:
    return {"listed": [current, *others], "members list": current, "card": current, "freshness": current}


def test_a_replaced_snapshot_never_shows_beside_its_replacement(shop: tuple[Database, int],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither one of the same date nor one thinned out: both are hidden the moment the new one
    shows, and their rows deleted after (in chunks: screens and the CLI read between them)."""
    db, _toast = shop
    jan29, jan30 = (classify(db, AS_OF - dt.timedelta(days=days))["snapshot"] for days in (61, 60))
    assert _snapshots(db) == [(jan29, True), (jan30, True)]
    writing, deleting = -(-MEMBERS // 4) - 1, MEMBERS // 4  # pauses between the chunks of each
    first, seen = _monitored_run(db, monkeypatch, 4)  # Jan 29 is thinned out (Jan 30 is January's newest)
    assert seen == [_showing(jan30, jan29)] * writing + [_showing(first, jan30)] * deleting
    second, seen = _monitored_run(db, monkeypatch, 4)  # the same date: the first one is replaced
    assert seen == [_showing(first, jan30)] * writing + [_showing(second, jan30)] * deleting
    assert _snapshots(db) == [(jan30, True), (second, True)]
    assert _member_rows(db) == 2 * MEMBERS


def test_a_crash_while_deleting_the_replaced_snapshot_leaves_it_hidden_until_swept(
        shop: tuple[Database, int], monkeypatch: pytest.MonkeyPatch) -> None:
    db, _toast = shop
    previous = classify(db, AS_OF)["snapshot"]
    monkeypatch.setattr(store, "WRITE_CHUNK", 5)
    calls = [0]

    def crash_in_the_delete(_db: Database) -> None:
        calls[0] += 1
        if calls[0] == -(-MEMBERS // 5):  # the first pause of the delete (after the write's chunks)
            raise KeyboardInterrupt

    monkeypatch.setattr(store, "_let_others_write", crash_in_the_delete)
    with pytest.raises(KeyboardInterrupt):
        classify(db, AS_OF)
    monkeypatch.undo()
    newer = [i for i, complete in _snapshots(db) if complete]
    assert len(newer) == 1 and (previous, False) in _snapshots(db)
    assert 0 < _member_rows(db) - MEMBERS < MEMBERS  # part of the replaced snapshot's rows are left
    assert _shown(db) == {"listed": newer, "members list": newer[0], "card": newer[0], "freshness": newer[0]}
    # a run within LEFTOVER_AGE of the replaced snapshot's start leaves it; one after sweeps it
    latest = classify(db, AS_OF)["snapshot"]
    assert (previous, False) in _snapshots(db)
    with db.transaction() as s:
        s.execute(update(ClassificationSnapshot).where(ClassificationSnapshot.id == previous)
                  .values(created_at=dt.datetime.now() - store.LEFTOVER_AGE - dt.timedelta(minutes=1)))
    latest = classify(db, AS_OF)["snapshot"]
    assert _snapshots(db) == [(latest, True)]
    assert _member_rows(db) == MEMBERS
