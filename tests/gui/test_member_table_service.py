"""The Members screen's SQL (services.member_table) on SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import pytest
from gui_helpers import member, product, snapshot

from shopcrm.db.engine import Database
from shopcrm.errors import ValidationError
from shopcrm.gui.insight import member_insight
from shopcrm.services.members.records import archive_member
from shopcrm.services.members.table import (
    COLUMN_KEYS,
    MemberFilter,
    count_members,
    filter_choices,
    latest_snapshot,
    member_ids,
    member_rows,
)
from shopcrm.services.sales.purchases import PurchaseInput, record_purchase


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    a = member(db, "13800000001", "Zhang Wei", area="Office park", tags=["cake"])
    b = member(db, "13800000002", "Li Na", birthday="1990-05-03", consent=True)
    c = member(db, "13900005678", "Wang Fang")
    d = member(db, "13900009999", "Old Friend")
    archive_member(db, d.id)
    record_purchase(db, PurchaseInput(member_id=b.id, total_cents=5000))
    bread = product(db, "Croissant", 1200)
    snapshot(db, {a.id: {"segment": "champions", "pyramid": "gold", "spend_cents": 900},
                  b.id: {"segment": "at_risk", "pyramid": "lead", "spend_cents": 5000, "recommendations": [bread.id],
                         "reasons": {"segment": "used to visit often, not lately"}},
                  c.id: {"segment": "at_risk", "pyramid": "iron", "spend_cents": 100}})
    return {"a": a.id, "b": b.id, "c": c.id, "d": d.id, "bread": bread.id}


def test_ids_filtered_and_sorted_in_sql(db: Database, shop: dict[str, int]) -> None:
    ids, snap = member_ids(db)
    assert ids == [shop["a"], shop["b"], shop["c"]] and snap is not None  # by card no.; archived left out
    assert member_ids(db, sort_key="spend_cents", descending=True)[0] == [shop["b"], shop["a"], shop["c"]]
    assert member_ids(db, sort_key="pyramid")[0] == [shop["a"], shop["c"], shop["b"]]  # gold, iron, lead
    assert member_ids(db, MemberFilter(segment=("at_risk",)))[0] == [shop["b"], shop["c"]]
    assert member_ids(db, MemberFilter(text="5678"))[0] == [shop["c"]]
    assert member_ids(db, MemberFilter(text="office"))[0] == [shop["a"]]
    assert member_ids(db, MemberFilter(text="cake"))[0] == [shop["a"]]
    assert member_ids(db, MemberFilter(birthday_month=5))[0] == [shop["b"]]
    assert member_ids(db, MemberFilter(consent_only=True))[0] == [shop["b"]]
    assert member_ids(db, MemberFilter(status="archived"))[0] == [shop["d"]]
    assert member_ids(db, MemberFilter(status="all"))[0] == [shop["a"], shop["b"], shop["c"], shop["d"]]
    assert member_ids(db, MemberFilter(status="all", member_ids=(shop["d"], shop["a"])))[0] == [shop["a"], shop["d"]]
    assert count_members(db, MemberFilter(segment=("at_risk",))) == 2
    assert set(COLUMN_KEYS) >= {"name", "phone", "segment", "pyramid", "spend_cents"}


def test_bad_filter_values_are_validation_errors(db: Database) -> None:
    with pytest.raises(ValidationError):
        member_ids(db, MemberFilter(status="gone"))
    with pytest.raises(ValidationError):
        member_ids(db, MemberFilter(birthday_month=13))


def test_rows_choices_and_one_members_classes(db: Database, shop: dict[str, int]) -> None:
    snap = latest_snapshot(db)
    assert snap is not None
    rows = member_rows(db, [shop["b"], shop["a"]], snap.id)
    assert rows[shop["b"]].name == "Li Na" and rows[shop["b"]].segment == "at_risk" and rows[shop["b"]].points == 50
    assert rows[shop["a"]].tags == ("cake",)
    choices = filter_choices(db)
    assert choices["segment"] == [("at_risk", 2), ("champions", 1)]
    assert dict(choices["pyramid"]) == {"gold": 1, "iron": 1, "lead": 1}
    insight = member_insight(db, shop["b"])  # the GUI's view of the classification service
    assert insight is not None and insight.classes["segment"] == "at_risk" and insight.classes["pyramid"] == "lead"
    assert insight.reasons["segment"] == "used to visit often, not lately"
    assert insight.recommendations == [(shop["bread"], "Croissant")]
    assert member_insight(db, shop["d"]) is None  # never classified


def test_before_any_classification(db: Database) -> None:
    m = member(db, "13800000001", "Zhang Wei")
    ids, snap = member_ids(db, sort_key="segment")
    assert ids == [m.id] and snap is None
    assert member_insight(db, m.id) is None
    assert filter_choices(db)["segment"] == []
