"""Gender and age-band filters (SPEC §3) in the Members list, the campaign lists and the CLI, against a
shop whose genders and birth years are known: every count and list equals the truth."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
import pytest

from shopcrm.cli import run_cli
from shopcrm.db.engine import Database
from shopcrm.errors import ValidationError
from shopcrm.services.campaigns.lists import count_matching, matching_ids, promotion_filter
from shopcrm.services.campaigns.words import describe_filter
from shopcrm.services.members.filter_options import filter_from_options
from shopcrm.services.members.filters import MemberFilter
from shopcrm.services.members.table import count_members, filter_choices, member_ids

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gender_age_shop import BANDS, Person, gender_age_shop  # noqa: E402

GENDERS = ("F", "M")


@pytest.fixture
def people(db: Database) -> list[Person]:
    return gender_age_shop(db)


def test_members_list_by_gender_and_age_band(db: Database, people: list[Person]) -> None:
    assert {p.band for p in people} >= set(BANDS)  # every band has members
    for status in ("active", "all"):
        shown = [p for p in people if p.active or status == "all"]
        for gender in (None, *GENDERS):
            for band in (None, *BANDS):
                truth = {p.id for p in shown if (gender is None or p.gender == gender)
                         and (band is None or p.band == band)}
                flt = MemberFilter(status=status, gender=(gender,) if gender else (), age_band=(band,) if band else ())
                ids, _snap = member_ids(db, flt)
                assert set(ids) == truth and len(ids) == len(truth), (status, gender, band)
                assert count_members(db, flt) == len(truth)


def test_members_filter_boxes_count_what_the_list_gives(db: Database, people: list[Person]) -> None:
    active = [p for p in people if p.active]
    choices = filter_choices(db)
    assert choices["gender"] == [(g, sum(p.gender == g for p in active)) for g in GENDERS]
    # youngest first, like the Tiers & segments chart; bands nobody is in are left out
    assert choices["age_band"] == [(b, n) for b in BANDS if (n := sum(p.band == b for p in active))]
    archived = filter_choices(db, "archived")
    assert dict(archived["age_band"]) == {b: n for b in BANDS if (n := sum(p.band == b and not p.active
                                                                           for p in people))}


@pytest.mark.parametrize(("genders", "bands"), [
    (("F",), ()), (("M",), ("25-34",)), (("F", "M"), ("<18", "60+")), ((), ("18-24", "35-44", "45-59")),
    (("F",), ("25-34",)),
])
def test_campaign_lists_by_gender_and_age_band(db: Database, people: list[Person], genders: tuple[str, ...],
                                               bands: tuple[str, ...]) -> None:
    for consent_only in (True, False):
        flt = promotion_filter(gender=genders, age_band=bands, consent_only=consent_only)
        truth = [p.id for p in people if p.active and (p.consent or not consent_only)
                 and (not genders or p.gender in genders) and (not bands or p.band in bands)]
        ids, _snap = matching_ids(db, flt)
        assert ids == truth  # by card number, as created
        assert count_matching(db, flt).members == len(truth)
        assert MemberFilter.from_dict(flt.to_dict()) == flt  # saved and read back alike


def test_campaign_filter_words_and_bad_codes() -> None:
    today = dt.date(2026, 5, 1)
    assert describe_filter(promotion_filter(gender=("F",), age_band=("25-34",)), today) == ["Women, 25–34"]
    assert describe_filter(promotion_filter(gender=("M",)), today) == ["Men"]
    assert describe_filter(promotion_filter(age_band=("<18", "60+")), today) == ["Age band: Under 18 or 60 and over"]
    with pytest.raises(ValidationError):
        MemberFilter.from_dict({"gender": ["X"]})
    with pytest.raises(ValidationError):
        MemberFilter.from_dict({"age_band": ["25-35"]})


def test_export_filter_takes_names_and_refuses_typos(db: Database, people: list[Person]) -> None:
    assert filter_from_options(db, gender="female", age_band="25–34") == MemberFilter(
        gender=("F",), age_band=("25-34",))
    assert filter_from_options(db, gender="男", age_band="60+").gender == ("M",)
    with pytest.raises(ValidationError, match="--age-band"):
        filter_from_options(db, age_band="30-40")


@pytest.mark.parametrize("command", [["export", "members"], ["print", "members"]])
def test_cli_lists_by_gender_write_exactly_those_members(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], qapp: object,
) -> None:
    """`export members --gender F` (consenting current members, the list default) and `print members
    --gender M --age-band 25-34`: the members in the file are the truth's."""
    people = gender_age_shop(sqlite_db)
    path = str(tmp_path / "shop.db")
    if command[0] == "export":
        out = tmp_path / "women.xlsx"
        assert run_cli(["--db", path, *command, str(out), "--gender", "F"]) == 0
        sheet = openpyxl.load_workbook(out).active
        rows = list(sheet.iter_rows(values_only=True))
        header_row = next(i for i, r in enumerate(rows) if "Card no." in r)
        cards = [r[rows[header_row].index("Card no.")] for r in rows[header_row + 1:] if r and any(r)]
        assert cards and cards == [p.card_no for p in people if p.active and p.consent and p.gender == "F"]
    else:
        out = tmp_path / "men.pdf"
        assert run_cli(["--db", path, *command, str(out), "--gender", "M", "--age-band", "25-34", "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown["members"] == sum(p.active and p.consent and p.gender == "M" and p.band == "25-34"
                                       for p in people)
    capsys.readouterr()
    assert run_cli(["--db", path, *command, str(tmp_path / "x.xlsx" if command[0] == "export" else tmp_path / "x.pdf"),
                    "--gender", "X"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "X" in err
