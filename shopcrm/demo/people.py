"""Demo members and the days they come in, generated with numpy in one pass.

Each member gets a rhythm (weekly regular, monthly, occasional, lapsing, lost, one-off, new,
won back, or registered without buying) and a habit (morning commuter, afternoon tea, evening,
weekend family).  Visits are spread over the member's active spell(s) almost evenly, with jitter,
so the classification engine sees the intervals, recency and drops it is built to detect.
Days are integers counted from the first day of the history (day 0); the end day is `days - 1`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from shopcrm.demo import catalog as cat

# rhythms
REGULAR, MONTHLY, OCCASIONAL, LAPSING, LOST, ONE_OFF, NEW, WON_BACK, POTENTIAL = range(9)
RHYTHM_SHARES = np.array([0.05, 0.22, 0.22, 0.08, 0.12, 0.15, 0.05, 0.04, 0.07])
# Latest registration day, as days before the end, for each rhythm to make sense.
RHYTHM_MIN_AGE = np.array([14, 30, 60, 150, 120, 0, 0, 220, 0])

# habits
MORNING, AFTERNOON, EVENING, FAMILY = range(4)
HABIT_SHARES = np.array([0.35, 0.30, 0.15, 0.20])
# Favourite category by habit: shares over the categories of demo_catalog.
FAVOURITE_BY_HABIT = np.array(
    [
        # bread cake pastry chinese drink tea gift
        [0.55, 0.00, 0.10, 0.05, 0.30, 0.00, 0.0],
        [0.05, 0.15, 0.25, 0.05, 0.40, 0.10, 0.0],
        [0.65, 0.05, 0.15, 0.10, 0.05, 0.00, 0.0],
        [0.25, 0.40, 0.20, 0.10, 0.05, 0.00, 0.0],
    ]
)
AGE_BY_HABIT = ((32.0, 8.0), (26.0, 7.0), (42.0, 12.0), (36.0, 6.0))

PHONE_PREFIXES = np.array(
    [130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
     166, 177, 180, 181, 182, 183, 185, 186, 187, 188, 189, 191, 198, 199],
    dtype=np.int64,
)
PHONE_PREFIX_WEIGHTS = np.array(
    [2, 2, 1, 2, 2, 5, 5, 5, 6, 6, 3, 2, 2, 1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 2, 4, 2, 3, 2, 1, 1, 1],
    dtype=float,
)

INITIAL_CONSENT_BY_SOURCE = {"walk_in": 0.55, "wechat": 0.80, "delivery": 0.45, "referral": 0.60, "event": 0.70, "other": 0.50}


@dataclass
class People:
    """Column arrays for n members (index 0..n-1), plus their visits."""

    rhythm: np.ndarray
    habit: np.ndarray
    reg_day: np.ndarray  # registration day (may move earlier to the first purchase later on)
    reg_second: np.ndarray  # seconds into reg_day
    gender: list[str | None]
    name: list[str | None]
    birth_year: np.ndarray  # 0 = unknown
    birth_month: np.ndarray  # 0 = no birthday
    birth_day: np.ndarray
    source: list[str]
    area: list[str | None]
    tags: list[list[str]]
    notes: list[str | None]
    phone_national: np.ndarray  # 11-digit int
    fav_category: np.ndarray
    p_favourite: np.ndarray
    p_new: np.ndarray
    stored_value: np.ndarray  # probability of paying from a stored-value card
    redeem_every: np.ndarray  # points redeemed at each threshold crossing (0 = never redeems)
    archived: np.ndarray
    consent_initial: np.ndarray
    consent_change_day: np.ndarray  # -1 = never changes
    # visits
    visit_member: np.ndarray
    visit_day: np.ndarray
    birthday_member: np.ndarray
    birthday_day: np.ndarray

    @property
    def count(self) -> int:
        return int(self.rhythm.size)


def weighted_choice(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return np.searchsorted(np.cumsum(p / p.sum()), rng.random(size), side="right").clip(0, p.size - 1)


def _registration_days(rng: np.random.Generator, days: int, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Registration days between lo and hi (inclusive): a grand-opening rush, then steady growth."""
    d = np.arange(days)
    weights = (1.0 + 0.6 * d / max(days, 1)) * np.where(d < 45, 3.0, 1.0)
    cdf = np.concatenate([[0.0], np.cumsum(weights)])  # cdf[k] = weight of days < k
    u = cdf[lo] + rng.random(lo.size) * (cdf[hi + 1] - cdf[lo])
    return (np.searchsorted(cdf, u, side="right") - 1).clip(lo, hi)


def _lognormal(rng: np.random.Generator, median: float, sigma: float, lo: float, hi: float, size: int) -> np.ndarray:
    return np.exp(rng.normal(np.log(median), sigma, size)).clip(lo, hi)


def _spread(rng: np.random.Generator, member: np.ndarray, start: np.ndarray, length: np.ndarray,
            count: np.ndarray, jitter: np.ndarray, first_at_start: bool) -> tuple[np.ndarray, np.ndarray]:
    """Place `count` visits almost evenly in [start, start + length) for each segment."""
    count = np.maximum(count, 0).astype(np.int64)
    total = int(count.sum())
    seg = np.repeat(np.arange(count.size), count)
    first = np.repeat(np.cumsum(count) - count, count)
    i = np.arange(total) - first
    u = rng.random(total)
    offset = (i + 0.5 + jitter[seg] * (u - 0.5)) / count[seg] * length[seg]
    if first_at_start:
        offset = np.where(i == 0, 0.0, offset)
    return member[seg], np.floor(start[seg] + offset).astype(np.int64)


Segments = list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]


def _segments(rng: np.random.Generator, rhythm: np.ndarray, first_day: np.ndarray, days: int
              ) -> tuple[Segments, np.ndarray]:
    """Active spells per member as (member, start, length, count, jitter) groups; fixes infeasible won-back."""
    n = rhythm.size
    end = float(days)  # exclusive: visits may fall on the last day
    idx = np.arange(n)
    jitter = rng.uniform(0.3, 1.0, n)
    scale = rng.uniform(0.85, 1.15, n)

    # A third of the regulars are daily-bread customers (two or more visits a week).
    daily = rng.random(n) < 0.3
    regular_interval = np.where(daily, _lognormal(rng, 2.6, 0.25, 1.2, 3.5, n), _lognormal(rng, 5.5, 0.35, 3.0, 10.0, n))
    interval = np.select(
        [rhythm == REGULAR, rhythm == MONTHLY, rhythm == OCCASIONAL, rhythm == LAPSING, rhythm == LOST,
         rhythm == WON_BACK, rhythm == NEW],
        [regular_interval, _lognormal(rng, 22.0, 0.35, 8.0, 40.0, n),
         _lognormal(rng, 55.0, 0.30, 30.0, 120.0, n), _lognormal(rng, 11.0, 0.40, 3.0, 21.0, n),
         _lognormal(rng, 14.0, 0.50, 3.0, 45.0, n), _lognormal(rng, 14.0, 0.40, 5.0, 30.0, n),
         rng.uniform(4.0, 15.0, n)],
        default=1.0,
    )
    lapse_end = end - rng.uniform(25.0, 85.0, n)
    lost_end = np.minimum(first_day + rng.uniform(15.0, 300.0, n), end - rng.uniform(95.0, 200.0, n))
    lost_end = np.maximum(lost_end, first_day + 1.0)
    back_at = end - rng.uniform(3.0, 50.0, n)
    gap_from = back_at - rng.uniform(95.0, 170.0, n)
    infeasible = (rhythm == WON_BACK) & (gap_from < first_day + 20.0)
    rhythm[infeasible] = MONTHLY
    interval[infeasible] = _lognormal(rng, 20.0, 0.35, 8.0, 40.0, int(infeasible.sum()))

    seg_end = np.select(
        [rhythm == LAPSING, rhythm == LOST, rhythm == WON_BACK, rhythm == ONE_OFF],
        [lapse_end, lost_end, gap_from, first_day + 1.0],
        default=end,
    )
    # Lapsing members slow down over their last 60 active days before stopping.
    slowing = (rhythm == LAPSING) & (seg_end - 60.0 > first_day + 14.0)
    main_end = np.where(slowing, seg_end - 60.0, seg_end)
    length = np.maximum(main_end - first_day, 1.0)
    count = np.maximum(1, np.rint(length / interval * scale)).astype(np.int64)
    count = np.where(rhythm == ONE_OFF, 1, count)
    count = np.where(rhythm == NEW, count.clip(1, 4), count)
    active = rhythm != POTENTIAL
    groups: Segments = [(idx[active], first_day[active].astype(float), length[active], count[active], jitter[active])]

    sm = idx[slowing]
    s_len = np.full(sm.size, 60.0)
    s_count = np.maximum(1, np.rint(60.0 / (interval[slowing] * 2.2))).astype(np.int64)
    groups.append((sm, main_end[slowing], s_len, s_count, jitter[slowing]))

    wb = idx[rhythm == WON_BACK]
    w_len = np.maximum(end - back_at[wb], 1.0)
    w_count = np.maximum(1, np.rint(w_len / rng.uniform(7.0, 15.0, wb.size))).astype(np.int64).clip(1, 6)
    groups.append((wb, back_at[wb], w_len, w_count, jitter[wb]))
    return groups, rhythm


def _names(rng: np.random.Generator, gender: np.ndarray) -> list[str | None]:
    n = gender.size
    surnames = np.array(list(cat.SURNAMES))[weighted_choice(rng, np.array(cat.SURNAME_WEIGHTS), n)]
    pools = {
        "F": np.array(list(cat.GIVEN_FEMALE + cat.GIVEN_NEUTRAL)),
        "M": np.array(list(cat.GIVEN_MALE + cat.GIVEN_NEUTRAL)),
        "": np.array(list(cat.GIVEN_FEMALE + cat.GIVEN_MALE + cat.GIVEN_NEUTRAL)),
    }
    kind = rng.random(n)  # < 0.03 no name, < 0.08 "Ms/Mr Wang", < 0.33 one-character given name
    first = rng.random(n)
    second = rng.random(n)
    out: list[str | None] = []
    for i in range(n):
        g = str(gender[i])
        if kind[i] < 0.03:
            out.append(None)
            continue
        if kind[i] < 0.08:
            out.append(surnames[i] + ("先生" if g == "M" else "女士"))
            continue
        pool = pools[g]
        given = pool[int(first[i] * pool.size)]
        if kind[i] >= 0.33:
            given += pool[int(second[i] * pool.size)]
        out.append(surnames[i] + given)
    return out


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct 11-digit mainland mobile numbers (valid prefixes), in random order."""
    out = np.empty(0, dtype=np.int64)
    while out.size < n:
        want = int((n - out.size) * 1.05) + 16
        prefix = PHONE_PREFIXES[weighted_choice(rng, PHONE_PREFIX_WEIGHTS, want)]
        numbers = np.concatenate([out, prefix * 100_000_000 + rng.integers(0, 100_000_000, want)])
        _, first = np.unique(numbers, return_index=True)
        out = numbers[np.sort(first)][:n]
    return out


def _tags_and_notes(rng: np.random.Generator, habit: np.ndarray, area_idx: np.ndarray, language: str
                    ) -> tuple[list[list[str]], list[str | None]]:
    n = habit.size
    student_area = next(i for i, a in enumerate(cat.AREAS) if a[1] == "University Town")
    rules: list[tuple[tuple[str, str], np.ndarray]] = [
        (cat.TAG_OFFICE, np.where(habit == MORNING, 0.5, 0.05)),
        (cat.TAG_COFFEE, np.where(habit == MORNING, 0.25, 0.05)),
        (cat.TAG_STUDENT, np.where(area_idx == student_area, 0.7, np.where(habit == AFTERNOON, 0.15, 0.01))),
        (cat.TAG_SWEET, np.where(habit == AFTERNOON, 0.3, 0.08)),
        (cat.TAG_MUM, np.where(habit == FAMILY, 0.45, 0.03)),
        (cat.TAG_CAKE_ORDERS, np.where(habit == FAMILY, 0.3, 0.02)),
        (cat.TAG_LESS_SUGAR, np.where(habit == EVENING, 0.2, 0.06)),
        (cat.TAG_FITNESS, np.full(n, 0.05)),
        (cat.TAG_CORPORATE, np.full(n, 0.025)),
        (cat.TAG_NUTS, np.full(n, 0.02)),
    ]
    has = np.stack([rng.random(n) < p for _, p in rules], axis=1)
    labels = [cat.label(pair, language) for pair, _ in rules]
    tags = [[labels[j] for j in np.flatnonzero(row)] for row in has]
    note_pick = rng.integers(0, len(cat.NOTES), n)
    note_on = rng.random(n) < 0.04
    notes = [cat.label(cat.NOTES[int(note_pick[i])], language) if note_on[i] else None for i in range(n)]
    return tags, notes


def generate_people(rng: np.random.Generator, n: int, start: dt.date, days: int, end_year: int, language: str) -> People:
    """Members with attributes and visit days; `days` counts the history's days including the end day."""
    last = days - 1
    rhythm = weighted_choice(rng, RHYTHM_SHARES, n)
    hi = last - RHYTHM_MIN_AGE[rhythm]
    rhythm = np.where(hi < 0, ONE_OFF, rhythm)
    hi = np.where(hi < 0, last, hi)
    lo = np.where(rhythm == NEW, max(0, last - 35), 0)
    reg_day = _registration_days(rng, days, lo, hi)
    habit = weighted_choice(rng, HABIT_SHARES, n)

    source_idx = weighted_choice(rng, np.array([w for _, w in cat.SOURCE_WEIGHTS]), n)
    source = [cat.SOURCE_WEIGHTS[i][0] for i in source_idx]
    # Sign-ups online often come in a few days later; counter sign-ups buy on the spot.
    online = np.isin(source_idx, [1, 4])
    delay = np.where(online & (rng.random(n) < 0.6), rng.integers(1, 8, n), 0)
    first_day = np.minimum(reg_day + delay, last)
    groups, rhythm = _segments(rng, rhythm, first_day, days)
    members, vdays = [], []
    for k, (m, s, length, c, j) in enumerate(groups):
        vm, vd = _spread(rng, m, s, length, c, j, first_at_start=(k == 0))
        members.append(vm)
        vdays.append(vd)
    visit_member = np.concatenate(members)
    visit_day = np.concatenate(vdays).clip(0, last)

    gender_idx = weighted_choice(rng, np.array([0.60, 0.33, 0.07]), n)
    gender_arr = np.array(["F", "M", ""])[gender_idx]
    gender: list[str | None] = [g or None for g in gender_arr.tolist()]
    name = _names(rng, gender_arr)

    has_birthday = rng.random(n) < 0.78
    year_known = has_birthday & (rng.random(n) < 0.70)
    doy = rng.integers(0, 366, n)  # a day of the leap year 2000
    bdate = np.datetime64("2000-01-01") + doy.astype("timedelta64[D]")
    months = bdate.astype("datetime64[M]").astype(np.int64) % 12 + 1
    mdays = (bdate - bdate.astype("datetime64[M]")).astype(np.int64) + 1
    mean = np.array([a for a, _ in AGE_BY_HABIT])[habit]
    sd = np.array([b for _, b in AGE_BY_HABIT])[habit]
    age = np.rint(rng.normal(mean, sd)).clip(14, 78).astype(np.int64)
    year = np.where(year_known, end_year - 1 - age, 0)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    mdays = np.where((months == 2) & (mdays == 29) & year_known & ~leap, 28, mdays)
    birth_month = np.where(has_birthday, months, 0)
    birth_day = np.where(has_birthday, mdays, 0)

    area_idx = weighted_choice(rng, np.array([a[2] for a in cat.AREAS]), n)
    area_known = rng.random(n) >= 0.08
    area = [cat.label((cat.AREAS[i][0], cat.AREAS[i][1]), language) if ok else None for i, ok in zip(area_idx.tolist(), area_known.tolist(), strict=True)]
    tags, notes = _tags_and_notes(rng, habit, np.where(area_known, area_idx, -1), language)

    fav_category = _choice_rows(rng, FAVOURITE_BY_HABIT[habit])
    p_favourite = rng.uniform(0.25, 0.65, n)
    trier = rng.random(n) < 0.25
    p_new = np.where(trier, rng.uniform(0.25, 0.45, n), rng.uniform(0.0, 0.04, n))
    stored_value = np.select([rhythm == REGULAR, np.isin(rhythm, [MONTHLY, LAPSING])], [0.30, 0.12], 0.03)
    redeem_every = np.where(rng.random(n) < 0.45, np.array([200, 500, 1000])[weighted_choice(rng, np.array([0.3, 0.5, 0.2]), n)], 0)
    archived = (rhythm == LOST) & (rng.random(n) < 0.15)

    p_consent = np.array([INITIAL_CONSENT_BY_SOURCE[s] for s in source])
    consent_initial = rng.random(n) < p_consent
    changes = rng.random(n) < np.where(consent_initial, 0.08, 0.12)
    change_day = reg_day + np.floor(rng.random(n) * (last - reg_day + 1)).astype(np.int64)
    consent_change_day = np.where(changes & (change_day > reg_day), change_day, -1)

    b_member, b_day = _birthday_visits(rng, start, days, visit_member, visit_day, birth_month, birth_day, rhythm, n)
    return People(
        rhythm=rhythm, habit=habit, reg_day=reg_day, reg_second=rng.integers(8 * 3600, 20 * 3600, n),
        gender=gender, name=name, birth_year=year, birth_month=birth_month, birth_day=birth_day,
        source=source, area=area, tags=tags, notes=notes, phone_national=_phones(rng, n),
        fav_category=fav_category, p_favourite=p_favourite, p_new=p_new, stored_value=stored_value,
        redeem_every=redeem_every, archived=archived, consent_initial=consent_initial,
        consent_change_day=consent_change_day, visit_member=visit_member, visit_day=visit_day,
        birthday_member=b_member, birthday_day=b_day,
    )


def _choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of a probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(probs.shape[0]) * cum[:, -1]
    return (cum < u[:, None]).sum(axis=1).clip(0, probs.shape[1] - 1)


def _birthday_visits(rng: np.random.Generator, start: dt.date, days: int, visit_member: np.ndarray,
                     visit_day: np.ndarray, birth_month: np.ndarray, birth_day: np.ndarray,
                     rhythm: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A birthday cake bought in the days before the birthday, while the member is a customer."""
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, visit_member, visit_day)
    lastv = np.full(n, -1)
    np.maximum.at(lastv, visit_member, visit_day)
    p = np.where(np.isin(rhythm, [REGULAR, MONTHLY, LAPSING, WON_BACK]), 0.45, 0.22)
    start64 = np.datetime64(start.isoformat())
    end_date = start + dt.timedelta(days=days - 1)
    out_m, out_d = [], []
    with_bd = np.flatnonzero(birth_month > 0)
    for year in range(start.year, end_date.year + 1):
        m = birth_month[with_bd]
        d = birth_day[with_bd]
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        d = np.where((m == 2) & (d == 29) & (not leap), 28, d)
        month_start = np.array([f"{year:04d}-{mm:02d}" for mm in range(1, 13)], dtype="datetime64[M]").astype("datetime64[D]")
        bday = (month_start[m - 1] + (d - 1).astype("timedelta64[D]") - start64).astype(np.int64)
        cake_day = bday - rng.integers(0, 5, with_bd.size)
        ok = (
            (cake_day >= 0) & (cake_day <= days - 1)
            & (cake_day >= first[with_bd] - 7) & (cake_day <= lastv[with_bd] + 30)
            & (rng.random(with_bd.size) < p[with_bd])
        )
        out_m.append(with_bd[ok])
        out_d.append(cake_day[ok])
    return np.concatenate(out_m), np.concatenate(out_d)
