"""Gender and age-band boxes of the Members filter bar and the Campaigns list builder, used with the
keyboard and the mouse over a shop whose genders and birth years are known."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from input_events import choose, click
from PySide6.QtCore import QTimer

from shopcrm.gui.campaigns.multichoice import MultiChoice
from shopcrm.gui.campaigns.view import CampaignsView
from shopcrm.gui.context import AppContext
from shopcrm.gui.members.view import MembersView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from gender_age_shop import BANDS, Person, gender_age_shop  # noqa: E402

pytestmark = pytest.mark.gui
BAND_TEXT = {"<18": "Under 18", "18-24": "18–24", "25-34": "25–34", "35-44": "35–44", "45-59": "45–59",
             "60+": "60 and over"}


def members_text(n: int) -> str:
    return "1 member" if n == 1 else f"{n} members"


@pytest.fixture
def people(ctx: AppContext) -> list[Person]:
    return gender_age_shop(ctx.db)


def test_members_gender_and_age_band_boxes(qtbot: Any, ctx: AppContext, people: list[Person]) -> None:
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    gender, age = view.filter_boxes["gender"], view.filter_boxes["age_band"]
    qtbot.waitUntil(lambda: gender.count() > 1 and age.count() > 1 and not view.model.loading, timeout=10000)
    active = [p for p in people if p.active]
    women = sum(p.gender == "F" for p in active)
    men = sum(p.gender == "M" for p in active)
    assert [gender.itemText(i) for i in range(gender.count())] == ["Any Gender", f"Female ({women})", f"Male ({men})"]
    band_counts = {b: sum(p.band == b for p in active) for b in BANDS}
    assert [age.itemText(i) for i in range(age.count())] == ["Any Age band", *(
        f"{BAND_TEXT[b]} ({n})" for b, n in band_counts.items() if n)]

    def shows(truth: list[Person]) -> bool:
        return (not view.model.loading and sorted(view.model.all_ids()) == sorted(p.id for p in truth)
                and view.count_label.text() == members_text(len(truth)))

    choose(gender, f"Female ({women})")
    qtbot.waitUntil(lambda: shows([p for p in active if p.gender == "F"]), timeout=10000)
    for band, n in band_counts.items():
        if n:
            choose(age, f"{BAND_TEXT[band]} ({n})")
            qtbot.waitUntil(lambda band=band: shows([p for p in active if p.gender == "F" and p.band == band]),
                            timeout=10000)
    choose(gender, "Any Gender")
    choose(age, f"25–34 ({band_counts['25-34']})")
    qtbot.waitUntil(lambda: shows([p for p in active if p.band == "25-34"]), timeout=10000)


def _tick(qtbot: Any, box: MultiChoice, value: str) -> None:
    """Open the button's menu with a click and tick one entry with a click."""
    menu = box.menu()
    action = next(a for a in menu.actions() if a.data() == value)

    def tick() -> None:
        qtbot.waitUntil(menu.isVisible, timeout=5000)
        click(menu, menu.actionGeometry(action).center())
        if menu.isVisible():
            menu.close()

    QTimer.singleShot(0, tick)
    click(box)
    assert action.isChecked()


def test_campaign_builder_gender_and_age_band(qtbot: Any, ctx: AppContext, people: list[Person]) -> None:
    view = CampaignsView(ctx)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    builder = view.builder
    listed = [p for p in people if p.active and p.consent]

    def counted(truth: list[Person]) -> bool:
        return (builder.count is not None and builder.count.members == len(truth)
                and builder.count_label.text() == members_text(len(truth)))

    qtbot.waitUntil(lambda: counted(listed), timeout=10000)
    _tick(qtbot, builder.gender_box, "F")
    qtbot.waitUntil(lambda: counted([p for p in listed if p.gender == "F"]), timeout=10000)
    _tick(qtbot, builder.age_box, "25-34")
    women_25_34 = [p for p in listed if p.gender == "F" and p.band == "25-34"]
    qtbot.waitUntil(lambda: counted(women_25_34), timeout=10000)
    assert "Women, 25–34" in builder.words_label.text()
    _tick(qtbot, builder.age_box, "60+")
    qtbot.waitUntil(lambda: counted([p for p in listed if p.gender == "F" and p.band in ("25-34", "60+")]),
                    timeout=10000)
    assert builder.current_filter().age_band == ("25-34", "60+")
