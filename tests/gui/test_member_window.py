"""Windows of the Members list (services.members.window) and the windowed table model, each against
the slow twin: the whole sorted id list of `member_ids`, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from gui_helpers import member, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint
from sqlalchemy import update

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.services.members import window
from shopcrm.services.members.filters import CLASS_CODES, CLASS_FILTERS
from shopcrm.services.members.records import archive_member
from shopcrm.services.members.table import (
    COLUMN_KEYS,
    MemberFilter,
    filter_choices,
    latest_snapshot,
    member_ids,
)
from shopcrm.services.members.window import FAR, list_head, member_window, position_of

NAMES = ["Li Na", "Wang Fang", "Li Na", "Zhang Wei", "Chen Jing"]
PYRAMIDS = ["platinum", "gold", "iron", "lead", "gold"]
FILTERS = [MemberFilter(), MemberFilter(status="all"), MemberFilter(segment=("at_risk",)), MemberFilter(text="Li"),
           MemberFilter(text="wang", status="all"), MemberFilter(text="0000001"), MemberFilter(text="Area 2"),
           MemberFilter(status="archived"), MemberFilter(pyramid=("gold", "iron"), status="all"),
           MemberFilter(text="Li", segment=("champions",)), MemberFilter(churn_level=("high",), status="archived"),
           MemberFilter(area="Area 1", lifecycle=("new",))]


def _shop(db: Database, n: int = 23) -> list[int]:
    """Members with many ties and NULLs in every sortable column (some never classified)."""
    ids = []
    for i in range(n):
        m = member(db, f"138{i:08d}", NAMES[i % len(NAMES)], area=None if i % 3 == 0 else f"Area {i % 4}",
                   birthday=None if i % 4 == 0 else f"1990-{1 + i % 3:02d}-0{1 + i % 2}",
                   gender=[None, "F", "M"][i % 3], source=[None, "walk_in", "wechat"][i % 3 if i % 5 else 0],
                   tags=[["vip"], [], ["vip", "office"], ["office"]][i % 4])
        ids.append(m.id)
    with db.transaction() as s:
        for i, member_id in enumerate(ids):
            s.execute(update(Member).where(Member.id == member_id).values(points_balance=(i * 7) % 4, level=i % 2))
        # birthdays with a month and no day, a day and no month, months a damaged record may hold
        for i, (month, day) in zip((2, 5, 7, 9, 10, 13), ((5, None), (None, 7), (13, 2), (0, None), (2, None), (None, 1)),
                                   strict=True):
            s.execute(update(Member).where(Member.id == ids[i]).values(birth_month=month, birth_day=day))
    for member_id in ids[::6]:
        archive_member(db, member_id)
    snapshot(db, {member_id: {"pyramid": PYRAMIDS[i % 5], "segment": "at_risk" if i % 2 else "champions",
                              "spend_cents": (i % 3) * 100, "visits": None if i % 5 == 0 else i % 3,
                              "lifecycle": "new" if i % 2 else "churned", "churn_level": ["high", "low", "none"][i % 3],
                              "last_purchase": None}
                  for i, member_id in enumerate(ids) if i % 4 != 1})
    return ids


@pytest.fixture
def shop(db: Database) -> list[int]:
    return _shop(db)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(COLUMN_KEYS), descending=st.booleans(), size=st.integers(1, 7),
       flt=st.sampled_from(FILTERS), search_list=st.sampled_from([0, 2, 5, 100]))
def test_windows_walked_either_way_or_by_offset_are_the_whole_list(db: Database, shop: list[int], key: str,
                                                                   descending: bool, size: int,
                                                                   flt: MemberFilter, search_list: int) -> None:
    expected, snap = member_ids(db, flt, sort_key=key, descending=descending)
    snapshot_id = snap.id if snap else None
    args: dict[str, Any] = {"sort_key": key, "descending": descending, "limit": size}
    head = list_head(db, flt, search_list=search_list, **args)
    assert head.count == len(expected) and [e.member_id for e in head.first] == expected[:size]
    # a filtered list of at most search_list members comes whole; any other list by windows
    filtered = flt.with_changes(status="active") != MemberFilter()
    assert (head.ids is not None) == (filtered and len(expected) <= search_list and (bool(expected) or bool(flt.text)))
    if head.ids is not None:
        assert head.ids == expected
        head = list_head(db, flt, search_list=-1, **args)
    forward = list(head.first)  # page after page, each from the last key of the one before
    while forward and len(forward) < len(expected):
        page = member_window(db, flt, snapshot_id, after=forward[-1].key, **args)
        assert page, "a window ended early"
        forward += page
    assert [e.member_id for e in forward] == expected
    backward: list[Any] = []  # from the end up, each from the first key of the one after
    if expected:
        backward = member_window(db, flt, snapshot_id, offset=len(expected) - 1, **args)
        while len(backward) < len(expected):
            backward = member_window(db, flt, snapshot_id, before=backward[0].key, **args) + backward
    assert [e.member_id for e in backward] == expected
    try:
        for far in (0, 2, 1_000):  # a jump read from a part's end, from its start
            window.FAR = far
            for offset in range(0, len(expected) + 1):  # every boundary of a jump
                got = member_window(db, flt, snapshot_id, offset=offset, **args)
                assert [e.member_id for e in got] == expected[offset:offset + size]
    finally:
        window.FAR = FAR
    for row, member_id in enumerate(expected):
        assert position_of(db, flt, snapshot_id, member_id, sort_key=key, descending=descending) == row
    left_out = set(shop) - set(expected)
    for member_id in left_out:
        assert position_of(db, flt, snapshot_id, member_id, sort_key=key, descending=descending) is None


def test_empty_list_and_zero_window(db: Database) -> None:
    head = list_head(db, MemberFilter(), limit=5)
    assert head.count == 0 and head.first == [] and head.snapshot is None
    assert member_window(db, MemberFilter(), None, limit=0) == []


@pytest.mark.gui
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(COLUMN_KEYS), descending=st.booleans(), size=st.integers(1, 6),
       max_pages=st.integers(2, 4), order=st.permutations(range(23)),
       flt=st.sampled_from([MemberFilter(status="all"), MemberFilter(status="all", text="Li")]))
def test_model_rows_in_any_reading_order_are_the_slow_twin(qtbot: Any, ctx: Any, key: str, descending: bool,
                                                            size: int, max_pages: int, order: list[int],
                                                            flt: MemberFilter) -> None:
    from shopcrm.gui.members.table_model import MEMBER_ID_ROLE, MemberTableModel

    if not hasattr(ctx, "_window_shop"):
        ctx._window_shop = _shop(ctx.db)
    expected, _snap = member_ids(ctx.db, flt, sort_key=key, descending=descending)
    model = MemberTableModel(ctx, page_size=size, max_pages=max_pages, prefetch=False)
    model.filter, model.sort_key, model.descending = flt, key, descending
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.rowCount() == len(expected)
    name = COLUMN_KEYS.index("name")
    for row in [r for r in order if r < len(expected)]:  # jumps, steps back and forth, evictions
        assert model.index(row, 0).data(MEMBER_ID_ROLE) == expected[row]
        assert model.index(row, name).data() is not None
    for row, member_id in enumerate(expected):
        assert model.row_of(member_id) == row
    assert model.member_id(len(expected)) is None and model.member_row(-1) is None


@pytest.mark.gui
def test_prefetched_pages_and_the_qt_model_contract(qtbot: Any, qtmodeltester: Any, ctx: Any) -> None:
    from shopcrm.gui.members.table_model import MEMBER_ID_ROLE, MemberTableModel

    _shop(ctx.db)
    expected, _snap = member_ids(ctx.db, MemberFilter(status="all"), sort_key="pyramid")
    model = MemberTableModel(ctx, page_size=4, max_pages=3)
    model.filter, model.sort_key = MemberFilter(status="all"), "pyramid"
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    qtmodeltester.check(model)
    assert model.index(4, 0).data(MEMBER_ID_ROLE) == expected[4]  # page 1 read, page 2 asked for ahead
    ctx.wait_idle(5)
    qtbot.waitUntil(lambda: 2 in model._pages, timeout=5000)
    for row in range(len(expected)):  # scrolling down: each page read prefetches the next
        assert model.index(row, 0).data(MEMBER_ID_ROLE) == expected[row]
        ctx.wait_idle(5)
        qtbot.wait(1)
    assert latest_snapshot(ctx.db) is not None


@pytest.mark.gui
def test_painting_a_row_far_down_reads_its_page_off_the_gui_thread(qtbot: Any, ctx: Any) -> None:
    from shopcrm.gui.members.table_model import MemberTableModel
    from shopcrm.services.members.table import member_rows

    _shop(ctx.db)
    flt = MemberFilter(status="all")
    expected, snap = member_ids(ctx.db, flt, sort_key="name", descending=True)
    model = MemberTableModel(ctx, page_size=3, max_pages=2)
    model.filter, model.sort_key, model.descending = flt, "name", True
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    name = COLUMN_KEYS.index("name")
    row = len(expected) - 2  # the last page, by offset: nothing cached near it
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        assert model.index(row, name).data() is None and model.fetching  # asked for, not waited for
    top, bottom = changed.args[0], changed.args[1]
    assert top.row() <= row <= bottom.row()
    shown = member_rows(ctx.db, [expected[row]], snap.id if snap else None)[expected[row]]
    assert model.index(row, name).data() == shown.name
    with qtbot.waitSignal(model.dataChanged, timeout=5000):  # the page before it: keyset from its first key
        assert model.index(row - 3, name).data() is None
    assert [model.member_id(r) for r in range(len(expected))] == expected


@pytest.mark.gui
@pytest.mark.parametrize("first_shown", ["upper", "lower"])
def test_a_jump_shows_two_pages_read_once_by_offset_then_by_keyset(qtbot: Any, ctx: Any, monkeypatch: Any,
                                                                   first_shown: str) -> None:
    """A jump far down shows rows of two pages: one is found by its offset, the other waits for it
    and follows from its key (one walk to the far offset, not two)."""
    from shopcrm.gui.members import table_model
    from shopcrm.gui.members.table_model import MemberTableModel

    _shop(ctx.db)
    flt = MemberFilter(status="all")
    expected, _snap = member_ids(ctx.db, flt, sort_key="pyramid", descending=True)
    model = MemberTableModel(ctx, page_size=3, prefetch=False)
    model.filter, model.sort_key, model.descending = flt, "pyramid", True
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    reads: list[str] = []
    original = table_model.member_window

    def spy(*args: Any, **kwargs: Any) -> Any:
        reads.append(next(k for k in ("after", "before", "offset") if k in kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(table_model, "member_window", spy)
    name = COLUMN_KEYS.index("name")
    rows = [13, 16] if first_shown == "upper" else [16, 13]  # pages 4 and 5, painted in either order
    for row in rows:
        assert model.index(row, name).data() is None
    qtbot.waitUntil(lambda: not model.fetching, timeout=5000)
    # (the page after the shown ones is read ahead as well, by keyset, on the other reader)
    assert reads[0] == "offset" and reads.count("offset") == 1
    assert ("after" if first_shown == "upper" else "before") in reads
    assert [model.member_id(r) for r in range(12, 18)] == expected[12:18]
    assert all(model.index(r, name).data() is not None for r in range(12, 18))


@pytest.mark.gui
def test_a_page_of_the_old_order_arriving_after_the_new_list_is_not_kept(qtbot: Any, ctx: Any) -> None:
    """Rows painted while a new sort loads are read in the order on screen; when that read comes
    back after the new list, it is dropped, not mixed into the new order."""
    from PySide6.QtCore import Qt

    from shopcrm.gui.members.table_model import MemberTableModel

    _shop(ctx.db)
    flt = MemberFilter(status="all")
    model = MemberTableModel(ctx, page_size=3, prefetch=False)
    model.filter, model.sort_key = flt, "name"
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    failures: list[BaseException] = []
    model.load_failed.connect(failures.append)
    name = COLUMN_KEYS.index("name")
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        assert model.index(4, name).data() is None  # page 1 of the old order (and page 2 read ahead)
    qtbot.waitUntil(lambda: not model._prefetching, timeout=5000)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(COLUMN_KEYS.index("birthday"), Qt.SortOrder.DescendingOrder)
        assert model.index(10, name).data() is None  # page 3, from page 2's last key, after the new list
    ctx.wait_idle(10)  # every read asked for has come back
    qtbot.wait(50)
    expected, _snap = member_ids(ctx.db, flt, sort_key="birthday", descending=True)
    assert [model.member_id(r) for r in range(len(expected))] == expected
    assert failures == []


@pytest.mark.gui
def test_a_page_read_ahead_then_shown_repaints_when_it_arrives(qtbot: Any, ctx: Any) -> None:
    from shopcrm.gui.members.table_model import MEMBER_ID_ROLE, MemberTableModel

    _shop(ctx.db)
    expected, _snap = member_ids(ctx.db, MemberFilter(status="all"), sort_key="spend_cents")
    model = MemberTableModel(ctx, page_size=3, max_pages=5)
    model.filter, model.sort_key = MemberFilter(status="all"), "spend_cents"
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.index(3, 0).data(MEMBER_ID_ROLE) == expected[3]  # page 1 read; page 2 read ahead
    assert not model.fetching  # reading ahead is not waiting
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        if model.index(6, 0).data() is None:  # not there yet: now waited for
            assert model.fetching
    qtbot.waitUntil(lambda: not model.fetching, timeout=5000)
    assert model.index(6, 0).data() is not None and model.index(6, 0).data(MEMBER_ID_ROLE) == expected[6]


@pytest.mark.parametrize("status", ["active", "archived", "all"])
def test_filter_counts_are_the_lengths_of_the_lists_they_give(db: Database, shop: list[int], status: str) -> None:
    """The counts beside each class in the filter bar, counted by GROUP BY, against the lists."""
    choices = filter_choices(db, status)
    for name in CLASS_FILTERS:
        expected = {}
        for code in CLASS_CODES[name]:
            n = len(member_ids(db, MemberFilter(status=status, **{name: (code,)}))[0])
            if n and code != "unknown":
                expected[code] = n
        assert dict(choices[name]) == expected, name
    for name in ("source", "gender"):
        assert (choices[name] or status == "archived") and all(n == len(member_ids(db, MemberFilter(status=status, **{name: (code,)}))[0])
                                     for code, n in choices[name]), name
    assert (choices["tag"] or status == "archived") and all(n == len(member_ids(db, MemberFilter(status=status, tag=tag))[0])
                                  for tag, n in choices["tag"])


@pytest.mark.gui
def test_the_selected_member_stays_selected_across_sorts_found_off_the_gui_thread(qtbot: Any, ctx: Any,
                                                                                 monkeypatch: Any) -> None:
    """Click a member, then sort by clicking column titles: the same member is selected again on
    its new row, which was found with the list on the reader thread (a small page size puts it on
    a page of its own), never by a read on the GUI thread."""
    from input_events import click, click_row

    from shopcrm.gui.members import table_model
    from shopcrm.gui.members.table_model import MEMBER_ID_ROLE
    from shopcrm.gui.members.view import MembersView

    _shop(ctx.db)
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitUntil(lambda: not view.model.loading and view.model.rowCount() > 0, timeout=5000)
    view.model.page_size = 3
    on_gui_thread: list[bool] = []
    original = table_model.position_of

    def spy(*args: Any, **kwargs: Any) -> Any:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(table_model, "position_of", spy)
    click_row(view.table, 7)
    chosen = view.model.index(7, 0).data(MEMBER_ID_ROLE)
    qtbot.waitUntil(lambda: view.detail.member is not None and view.detail.member.id == chosen, timeout=5000)
    header = view.table.horizontalHeader()
    for key in ("name", "spend_cents", "pyramid", "birthday", "name"):
        col = COLUMN_KEYS.index(key)
        view.table.scrollTo(view.model.index(view.table.rowAt(0), col))
        spot = QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2, header.height() // 2)
        descending = view.model.descending
        click(header.viewport(), spot)
        qtbot.waitUntil(lambda k=key, d=descending: view.model.sort_key == k and not view.model.loading
                        and (view.model.descending != d or k != "name" or d is False), timeout=5000)
        expected, _snap = member_ids(ctx.db, view.model.filter, sort_key=key, descending=view.model.descending)
        row = expected.index(chosen)

        def selected(r: int = row) -> bool:
            rows = view.table.selectionModel().selectedRows()
            return len(rows) == 1 and rows[0].row() == r

        qtbot.waitUntil(selected, timeout=5000)
        assert view.model.index(row, 0).data(MEMBER_ID_ROLE) == chosen
        assert view.detail.member is not None and view.detail.member.id == chosen
    assert on_gui_thread and not any(on_gui_thread)
