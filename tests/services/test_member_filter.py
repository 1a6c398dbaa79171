"""The one member filter against the truth: a small shop whose every field is known, and filters drawn at
random.  The Members list, its count and a campaign list all come from the one SQL translation
(`member_select`, with its inner join when a class is asked for); each must be exactly the members a
plain Python reading of the filter picks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from campaign_shop import CampaignShop
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.services.campaigns.lists import count_matching, matching_ids
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import count_members, member_ids

PYRAMIDS = ("platinum", "gold", "iron", "lead")
LIFECYCLES = ("new", "active", "at_risk", "churned")
BANDS = ("18-24", "25-34", "60+")
SOURCES = ("walk_in", "wechat", "delivery")
AREAS = ("万科城", "Office park", "50% off street")
TODAY = dt.date(2025, 3, 1)


@dataclass(frozen=True)
class Known:
    id: int
    card_no: str
    status: str
    consent: bool
    level: int
    gender: str | None
    source: str | None
    area: str | None
    tags: tuple[str, ...]
    classes: dict[str, Any] | None  # None: not in the classification


def _shop(db: Database) -> list[Known]:
    shop = CampaignShop(db)
    shop.snapshot()
    people = []
    for i in range(36):
        classes = None if i % 7 == 3 else {
            "pyramid": PYRAMIDS[i % 4], "lifecycle": LIFECYCLES[(i // 2) % 4],
            "age_band": None if i % 5 == 0 else BANDS[i % 3]}
        fields = {"level": i % 3, "gender": (None, "F", "M")[i % 3 if i % 4 else 0],
                  "source": None if i % 6 == 5 else SOURCES[i % 3], "area": None if i % 4 == 1 else AREAS[i % 3]}
        tags = ("奶茶",) if i % 3 == 0 else ("cake", "奶茶") if i % 5 == 1 else ()
        member_id = shop.member(f"M{i}", consent=i % 4 != 2, classes=classes, tags=tags, **fields)
        status = "archived" if i % 9 == 4 else "active"
        with db.transaction() as s:
            s.get(Member, member_id).status = status
        people.append(Known(member_id, f"C{i + 1:05d}", status, i % 4 != 2, fields["level"], fields["gender"],
                            fields["source"], fields["area"], tags, classes))
    return people


def _picks(flt: MemberFilter, p: Known) -> bool:
    """The filter read plainly, member by member."""
    if flt.status != "all" and p.status != flt.status:
        return False
    for name in ("pyramid", "lifecycle", "age_band"):
        wanted = getattr(flt, name)
        if wanted and (p.classes is None or p.classes[name] not in wanted):
            return False
    return ((not flt.level or p.level in flt.level) and (not flt.gender or p.gender in flt.gender)
            and (not flt.source or p.source in flt.source) and (not flt.consent_only or p.consent)
            and (flt.tag is None or flt.tag in p.tags) and (flt.area is None or (p.area or "").find(flt.area) >= 0)
            and (flt.member_ids is None or p.id in flt.member_ids))


def _subset(values: tuple[Any, ...]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=len(values)).map(tuple)


FILTERS = st.builds(
    MemberFilter,
    status=st.sampled_from(("active", "archived", "all")),
    pyramid=_subset(PYRAMIDS), lifecycle=_subset(LIFECYCLES), age_band=_subset(BANDS),
    level=_subset((0, 1, 2)), gender=_subset(("F", "M")), source=_subset(SOURCES),
    consent_only=st.booleans(), tag=st.sampled_from((None, "奶茶", "cake")),
    area=st.sampled_from((None, "万科", "50%", "park")),
)


@pytest.fixture
def people(db: Database) -> list[Known]:
    return _shop(db)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=FILTERS, chosen=st.none() | st.lists(st.integers(0, 35), max_size=6))
def test_every_list_is_exactly_the_members_the_filter_names(db: Database, people: list[Known], flt: MemberFilter,
                                                           chosen: list[int] | None) -> None:
    if chosen is not None:
        flt = flt.with_changes(member_ids=tuple(people[i].id for i in chosen))
    truth = [p.id for p in sorted(people, key=lambda p: p.card_no) if _picks(flt, p)]
    assert member_ids(db, flt, sort_key="card_no")[0] == truth
    assert count_members(db, flt) == len(truth)
    assert matching_ids(db, flt, TODAY)[0] == truth  # a campaign list: the same translation
    assert count_matching(db, flt, TODAY).members == len(truth)
    assert MemberFilter.from_dict(flt.to_dict()) == flt  # as a campaign stores it


def test_the_default_filter_restricts_nothing_but_the_status(db: Database, people: list[Known]) -> None:
    assert MemberFilter().is_empty() and MemberFilter(consent_only=True).is_empty()
    assert not MemberFilter(pyramid=("gold",)).is_empty()
    assert set(member_ids(db, MemberFilter())[0]) == {p.id for p in people if p.status == "active"}
    assert MemberFilter().to_dict() == {"consent_only": False}
