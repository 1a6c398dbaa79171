"""A shop with known genders and birth years, classified for real: the truth the gender and age-band
filters are checked against (the bands worked out here by hand, not by the engine)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from campaign_shop import CampaignShop
from sqlalchemy import update

from shopcrm.db.engine import Database
from shopcrm.db.models import Member
from shopcrm.services.classification.run import classify

BANDS = ("<18", "18-24", "25-34", "35-44", "45-59", "60+")
# Every band's edges, then random ages (and no birth year for some).
EDGE_AGES = (12, 17, 18, 24, 25, 34, 35, 44, 45, 59, 60, 83)


def band_of(age: int | None) -> str | None:
    if age is None:
        return None
    for upper, band in ((18, "<18"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (60, "45-59")):
        if age < upper:
            return band
    return "60+"


@dataclass(frozen=True)
class Person:
    id: int
    card_no: str
    gender: str | None
    band: str | None
    active: bool
    consent: bool


def gender_age_shop(db: Database, seed: int = 7, extra: int = 40) -> list[Person]:
    """Members with chosen genders and birth years (some archived, some without consent), then a real
    classification as of today, which stores each member's age band."""
    rng = random.Random(seed)
    today = dt.date.today()
    shop = CampaignShop(db)
    ages: list[int | None] = [*EDGE_AGES, *EDGE_AGES]
    ages += [rng.choice([None, rng.randint(8, 90)]) for _ in range(extra)]
    people: list[Person] = []
    for n, age in enumerate(ages):
        gender = ("F", "M", None)[n % 3] if n < 2 * len(EDGE_AGES) else rng.choice(["F", "M", "F", None])
        consent = n % 5 != 4
        member_id = shop.member(f"P{n:03d}", consent=consent, gender=gender,
                                birth_year=today.year - age if age is not None else None)
        active = n % 7 != 6
        people.append(Person(member_id, f"C{n + 1:05d}", gender, band_of(age), active, consent))
    with db.transaction() as s:
        archived = [p.id for p in people if not p.active]
        s.execute(update(Member).where(Member.id.in_(archived)).values(status="archived"))
    classify(db, today)
    return people
