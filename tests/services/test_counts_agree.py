"""One definition per word, one count per word (SPEC §10): every screen and CLI verb that shows how many
members are in a class shows the same number, and it is the length of the list it opens.

Checked on generated shops (the demo generator with several seeds and sizes) where some members have
been archived: archived members stay in the snapshot, which is what made the Members filter say
"High (178)" while the list showed 169.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.demo.shop import generate_demo
from shopcrm.i18n import translate
from shopcrm.labels import LIFECYCLE_LABELS, SEGMENT_LABELS, STATUS_LABELS
from shopcrm.services.campaigns.lists import count_matching, promotion_filter
from shopcrm.services.classification.queries import class_counts
from shopcrm.services.classification.segments import overview
from shopcrm.services.members.filter_options import filter_from_options
from shopcrm.services.members.filters import CLASS_FILTERS, MemberFilter
from shopcrm.services.members.records import archive_member
from shopcrm.services.members.table import count_members, filter_choices, member_ids
from shopcrm.services.reports.dashboard import at_risk_members, dashboard_kpis
from shopcrm.services.reports.exporting import REPORT_CLASSIFICATIONS
from shopcrm.services.reports.exporting import class_counts as report_counts

END = dt.datetime(2025, 10, 20, 18, 30)
# the classify summary names two classifications as the engine does
ENGINE_NAME = {"spend_class": "spend", "churn_level": "churn"}


def _shop(db: Database, members: int, seed: int, archived_share: float) -> None:
    """A generated shop with some members archived (classified by the CLI afterwards)."""
    generate_demo(db, members=members, months=12, seed=seed, end=END)
    ids = member_ids(db, MemberFilter())[0]
    for member_id in random.Random(seed).sample(ids, int(len(ids) * archived_share)):
        archive_member(db, member_id)


def _cli_classify(db: Database, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert run_cli(["--db", db.url, "classify", "--as-of", END.date().isoformat(), "--json"]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


@pytest.mark.parametrize(("members", "seed", "archived_share"), [(300, 1, 0.05), (500, 8, 0.2)])
def test_every_count_of_a_class_is_the_length_of_its_list(
    db: Database, capsys: pytest.CaptureFixture[str], members: int, seed: int, archived_share: float
) -> None:
    _shop(db, members, seed, archived_share)
    summary = _cli_classify(db, capsys)  # the CLI's figures, as the owner reads them
    snapshot = summary["snapshot"]
    assert isinstance(snapshot, int)
    screen = overview(db, snapshot)  # Tiers & segments
    choices = filter_choices(db)  # the Members screen's filter bar
    queries = class_counts(db)  # what the CLI and the report read back
    _, report = report_counts(db)  # the exported classification report
    counts = summary["counts"]
    assert isinstance(counts, dict)
    checked = 0
    for name in CLASS_FILTERS:
        for code, shown in choices[name]:
            listed = member_ids(db, MemberFilter.from_dict({name: code}))[0]
            assert shown == len(listed) == count_members(db, MemberFilter.from_dict({name: code})), (name, code)
            assert screen.count_of(name, code) == shown, (name, code)
            assert counts[ENGINE_NAME.get(name, name)].get(code, 0) == shown, (name, code)
            assert queries[ENGINE_NAME.get(name, name)].get(code, 0) == shown, (name, code)
            checked += 1
    assert checked > 30
    for name, _title in REPORT_CLASSIFICATIONS:
        for code, shown, _spend in report[name]:
            assert shown == count_members(db, MemberFilter.from_dict({name: code})), (name, code)
    # the number of members, on the Tiers & segments screen, the dashboard and in the CLI
    assert summary["members"] == screen.members == dashboard_kpis(db, END.date()).members == count_members(db)
    assert summary["classified"] == members  # archived members are classified, not counted


def test_at_risk_and_active_have_one_count_on_every_screen(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _shop(db, 400, 3, 0.1)
    summary = _cli_classify(db, capsys)
    counts, snapshot = summary["counts"], summary["snapshot"]
    assert isinstance(counts, dict) and isinstance(snapshot, int)
    for stage in ("at_risk", "active"):
        listed = len(member_ids(db, MemberFilter(lifecycle=(stage,)))[0])
        assert listed > 0
        assert counts["lifecycle"][stage] == listed
        assert dict(filter_choices(db)["lifecycle"])[stage] == listed
        assert overview(db, snapshot).count_of("lifecycle", stage) == listed
        assert count_matching(db, promotion_filter(lifecycle=(stage,), consent_only=False), END.date()).members == listed
        assert len(member_ids(db, filter_from_options(db, lifecycle=stage))[0]) == listed  # export / print
        if stage == "at_risk":  # the dashboard's card and its list
            assert dashboard_kpis(db, END.date()).at_risk == at_risk_members(db).total == listed
    # the RFM segment the literature calls "At Risk" is counted apart and named apart
    segment = len(member_ids(db, MemberFilter(segment=("at_risk",)))[0])
    assert counts["segment"]["at_risk"] == segment


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_one_word_one_thing(language: str) -> None:
    """'At risk' names the lifecycle stage only, 'Active' the lifecycle stage only (SPEC §10)."""
    stage = translate("labels", LIFECYCLE_LABELS["at_risk"], language)
    assert translate("labels", SEGMENT_LABELS["at_risk"], language) != stage
    assert translate("labels", STATUS_LABELS["active"], language) != translate("labels", LIFECYCLE_LABELS["active"], language)
