"""Demo sales: when each visit happens, what is in the basket, how it is paid, points and feedback.

Everything is vectorised over all purchases at once.  Products are drawn from per-day tables that
know launches, retirements, festival seasons, summer/winter drinks and the hour of the day, so a
mooncake is only sold before Mid-Autumn and a new product only after its launch.
Times are integer seconds from midnight of day 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from shopcrm.codes import PAYMENT_METHODS
from shopcrm.demo import catalog as cat
from shopcrm.demo import people as ppl

DAY = 86_400
WALK_IN_SHARE = 0.27  # of all purchases
VOID_SHARE = 0.0025
# Opening hours and the day parts' hour distributions (mean, sd, low, high) in hours.
DAY_PARTS = ((8.3, 0.8, 7.0, 10.95), (15.0, 1.6, 11.0, 17.45), (19.2, 1.0, 17.5, 21.45))
# Extra lines per basket (Poisson mean) by slot (weekday morning/afternoon/evening, weekend ...).
EXTRA_LINES = np.array([0.45, 0.6, 0.75, 0.9, 1.1, 0.9])


@dataclass
class Sales:
    """Purchases sorted by time, their lines, points ledger and feedback, as column arrays."""

    p_member: np.ndarray  # member index or -1 (walk-in)
    p_second: np.ndarray
    p_total: np.ndarray
    p_discount: np.ndarray
    p_payment: np.ndarray  # index into PAYMENTS
    p_channel: np.ndarray  # index into CHANNELS
    p_void_second: np.ndarray  # -1 = not voided
    l_purchase: np.ndarray
    l_product: np.ndarray
    l_quantity: np.ndarray
    l_unit_price: np.ndarray
    l_amount: np.ndarray
    e_member: np.ndarray
    e_second: np.ndarray
    e_kind: np.ndarray  # index into LEDGER_KINDS
    e_points: np.ndarray
    e_purchase: np.ndarray  # -1 = none
    f_member: np.ndarray  # -1 = anonymous
    f_purchase: np.ndarray
    f_second: np.ndarray
    f_ratings: np.ndarray  # (n, 3): product, service, environment; 0 = not rated
    f_comment: np.ndarray  # index into the rating's comments, -1 = none
    f_base: np.ndarray  # the overall rating the comment belongs to
    member_spend: np.ndarray
    member_balance: np.ndarray
    member_first_second: np.ndarray  # -1 = never bought


PAYMENTS = PAYMENT_METHODS
LEDGER_KINDS = ("earn", "redeem", "reverse")


@dataclass(frozen=True)
class ProductTables:
    """Per-day sampling tables: general (day x slot), favourite category (day x category), new products."""

    general: np.ndarray
    favourite: np.ndarray
    favourite_ok: np.ndarray
    new: np.ndarray
    new_ok: np.ndarray
    n_products: int


def _cum_table(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of weights -> flattened cumulative table offset by row number, and which rows have weight."""
    totals = weights.sum(axis=1)
    ok = totals > 0
    cum = np.cumsum(weights, axis=1) / np.where(ok, totals, 1.0)[:, None]
    cum[:, -1] = 1.0
    return (cum + np.arange(weights.shape[0])[:, None]).ravel(), ok


def _draw(flat: np.ndarray, n_products: int, keys: np.ndarray, u: np.ndarray) -> np.ndarray:
    u = np.minimum(u, 1.0 - 1e-9)
    idx = np.searchsorted(flat, keys + u, side="right") - keys * n_products
    return idx.clip(0, n_products - 1)


def product_availability(start: dt.date, days: int, new_product_days: int) -> tuple[np.ndarray, np.ndarray]:
    """(weights day x product, is-new day x product) from launches, retirements, seasons and climate."""
    products = cat.PRODUCTS
    last = days - 1
    d = np.arange(days)
    dates = np.datetime64(start.isoformat()) + d.astype("timedelta64[D]")
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    weights = np.zeros((days, len(products)))
    is_new = np.zeros((days, len(products)), dtype=bool)
    end_date = start + dt.timedelta(days=last)
    for j, p in enumerate(products):
        w = np.full(days, p.popularity)
        if p.launched_days_ago is not None:
            launch = last - p.launched_days_ago
            w[d < launch] = 0.0
            is_new[:, j] = (d >= launch) & (d < launch + new_product_days)
        if p.retired_days_ago is not None:
            w[d >= last - p.retired_days_ago] = 0.0
        if p.season != cat.NONE:
            lo, hi = cat.SEASON_WINDOWS[p.season]
            factor = np.zeros(days)
            for year in range(start.year - 1, end_date.year + 2):
                fday = (cat.festival_day(p.season, year) - start).days
                a, b = fday + lo, fday + hi
                inside = (d >= a) & (d <= b)
                # Demand builds up towards the festival.
                factor[inside] = 1.0 + 2.0 * (d[inside] - a) / max(b - a, 1)
            w *= factor
        if p.climate == cat.SUMMER:
            w *= np.where((month >= 6) & (month <= 9), 2.0, np.where((month >= 11) | (month <= 2), 0.4, 1.0))
        elif p.climate == cat.WINTER:
            w *= np.where((month >= 11) | (month <= 2), 2.0, np.where((month >= 6) & (month <= 9), 0.3, 1.0))
        weights[:, j] = w
    return weights, is_new & (weights > 0)


def product_tables(start: dt.date, days: int, new_product_days: int) -> ProductTables:
    weights, is_new = product_availability(start, days, new_product_days)
    category = np.array([p.category for p in cat.PRODUCTS])
    affinity = np.array(cat.CATEGORY_SLOT_AFFINITY)[category]  # product x slot
    general = (weights[:, None, :] * affinity.T[None, :, :]).reshape(days * cat.SLOTS, -1)
    n_cat = len(cat.CATEGORIES)
    fav = (weights[:, None, :] * (category[None, None, :] == np.arange(n_cat)[None, :, None])).reshape(days * n_cat, -1)
    # Birthday cakes are ordered for a birthday, not picked off the shelf as a favourite.
    birthday = np.array([p.birthday_cake for p in cat.PRODUCTS])
    fav[:, birthday] = 0.0
    g_flat, _ = _cum_table(general)
    f_flat, f_ok = _cum_table(fav)
    n_flat, n_ok = _cum_table(weights * is_new)
    return ProductTables(g_flat, f_flat, f_ok, n_flat, n_ok, len(cat.PRODUCTS))


def _hours(rng: np.random.Generator, part: np.ndarray) -> np.ndarray:
    """Seconds after midnight for visits in day part 0 (morning), 1 (afternoon), 2 (evening)."""
    mean = np.array([p[0] for p in DAY_PARTS])[part]
    sd = np.array([p[1] for p in DAY_PARTS])[part]
    lo = np.array([p[2] for p in DAY_PARTS])[part]
    hi = np.array([p[3] for p in DAY_PARTS])[part]
    hours = rng.normal(mean, sd)
    outside = (hours < lo) | (hours > hi)  # the tails fall anywhere in opening hours, not on the edge
    hours = np.where(outside, rng.uniform(lo, hi), hours)
    return (hours * 3600).astype(np.int64)


def _member_visit_times(rng: np.random.Generator, people: ppl.People, start_weekday: int, days: int
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(member, day, part of day, is birthday) of every member purchase, habits applied."""
    member = np.concatenate([people.visit_member, people.birthday_member])
    day = np.concatenate([people.visit_day, people.birthday_day])
    birthday = np.concatenate([np.zeros(people.visit_day.size, bool), np.ones(people.birthday_day.size, bool)])
    habit = people.habit[member]
    n = member.size
    dow = (start_weekday + day) % 7
    u = rng.random(n)
    # Weekend families move most weekday visits to the coming Saturday or Sunday ...
    to_weekend = (habit == ppl.FAMILY) & (dow < 5) & (u < 0.65) & ~birthday
    shifted = day + (5 - dow) + (rng.random(n) < 0.5)
    day = np.where(to_weekend & (shifted < days), shifted, day)
    # ... and commuters mostly come on a working day of the following week instead.
    to_weekday = (habit == ppl.MORNING) & (dow >= 5) & (u < 0.75) & ~birthday
    shifted = day + (7 - dow) + rng.integers(0, 5, n)
    day = np.where(to_weekday & (shifted < days), shifted, day)
    habit_part = np.array([0, 1, 2, 1])[habit]  # family: afternoons
    random_part = ppl.weighted_choice(rng, np.array([0.35, 0.45, 0.20]), n)
    part = np.where(rng.random(n) < 0.7, habit_part, random_part)
    part = np.where(birthday, np.where(rng.random(n) < 0.7, 1, 2), part)
    return member, day, part, birthday


def _walk_in_days(rng: np.random.Generator, start: dt.date, days: int, count: int) -> np.ndarray:
    """Days of anonymous sales: busier weekends, a growing shop, rushes before festivals."""
    d = np.arange(days)
    dow = (start.weekday() + d) % 7
    weight = np.array([1.0, 0.95, 0.95, 1.0, 1.1, 1.35, 1.3])[dow] * (0.8 + 0.4 * d / max(days, 1))
    end = start + dt.timedelta(days=days - 1)
    for year in range(start.year, end.year + 1):
        for season, (lo, hi, factor) in {
            cat.MOONCAKE: (-10, 0, 1.5), cat.ZONGZI: (-5, 0, 1.2), cat.CHRISTMAS: (-2, 0, 1.3),
            cat.SPRING: (-7, -1, 1.3),
        }.items():
            f = (cat.festival_day(season, year) - start).days
            weight[(d >= f + lo) & (d <= f + hi)] *= factor
        f = (cat.festival_day(cat.SPRING, year) - start).days
        weight[(d >= f) & (d <= f + 5)] *= 0.4  # most customers are away over Spring Festival
    counts = rng.multinomial(count, weight / weight.sum())
    return np.repeat(d, counts)


def _quantities(rng: np.random.Generator, pattern: np.ndarray) -> np.ndarray:
    out = np.ones(pattern.size, dtype=np.int64)
    for k, (values, probs) in enumerate(cat.QUANTITY_PATTERNS):
        rows = np.flatnonzero(pattern == k)
        out[rows] = np.array(values)[ppl.weighted_choice(rng, np.array(probs), rows.size)]
    return out


def generate_sales(rng: np.random.Generator, people: ppl.People, start: dt.date, days: int, end_second: int,
                   points_per_unit: int, new_product_days: int) -> Sales:
    n_members = people.count
    last = days - 1
    m_member, m_day, m_part, m_birthday = _member_visit_times(rng, people, start.weekday(), days)
    walk_count = int(round(m_member.size * WALK_IN_SHARE / (1.0 - WALK_IN_SHARE)))
    w_day = _walk_in_days(rng, start, days, walk_count)
    w_dow = (start.weekday() + w_day) % 7
    w_part = np.where(
        w_dow >= 5, ppl.weighted_choice(rng, np.array([0.25, 0.55, 0.20]), w_day.size),
        ppl.weighted_choice(rng, np.array([0.38, 0.42, 0.20]), w_day.size),
    )
    member = np.concatenate([m_member, np.full(w_day.size, -1)])
    day = np.concatenate([m_day, w_day])
    part = np.concatenate([m_part, w_part])
    birthday = np.concatenate([m_birthday, np.zeros(w_day.size, bool)])
    second = day * DAY + _hours(rng, part)
    # Nothing after the end of the history (today's sales stop at the current time).
    while (late := second > end_second).any():
        second = np.where(late, second - DAY, second)
    order = np.argsort(second, kind="stable")
    member, second, part, birthday = member[order], second[order], part[order], birthday[order]
    n = member.size
    day = second // DAY
    weekend = (start.weekday() + day) % 7 >= 5
    slot = part + 3 * weekend
    is_member = member >= 0
    mi = np.where(is_member, member, 0)

    # ---- baskets -------------------------------------------------------------------------
    tables = product_tables(start, days, new_product_days)
    extra = EXTRA_LINES[slot] + np.where(is_member & (people.habit[mi] == ppl.FAMILY), 0.3, 0.0)
    extra = np.where(birthday, 0.5, extra)
    n_lines = 1 + np.minimum(rng.poisson(extra), 4)
    l_purchase = np.repeat(np.arange(n), n_lines)
    first_line = np.concatenate([[0], np.cumsum(n_lines)[:-1]])
    l_day = day[l_purchase]
    n_l = l_purchase.size
    p_fav = np.where(is_member, people.p_favourite[mi], 0.0)[l_purchase]
    p_new = np.where(is_member, people.p_new[mi], 0.06)[l_purchase]
    fav_key = l_day * len(cat.CATEGORIES) + people.fav_category[mi][l_purchase]
    u_mode = rng.random(n_l)
    u_pick = rng.random(n_l)
    product = _draw(tables.general, tables.n_products, l_day * cat.SLOTS + slot[l_purchase], u_pick)
    use_fav = is_member[l_purchase] & (u_mode >= p_new) & (u_mode < p_new + p_fav) & tables.favourite_ok[fav_key]
    product = np.where(use_fav, _draw(tables.favourite, tables.n_products, fav_key, u_pick), product)
    use_new = (u_mode < p_new) & tables.new_ok[l_day]
    product = np.where(use_new, _draw(tables.new, tables.n_products, l_day, u_pick), product)
    cakes = np.flatnonzero([p.birthday_cake for p in cat.PRODUCTS])
    cake_lines = first_line[birthday]
    product[cake_lines] = cakes[ppl.weighted_choice(rng, np.array([0.5, 0.35, 0.15]), cake_lines.size)]
    # The same product twice in one basket is one line.
    keep = np.ones(n_l, dtype=bool)
    by = np.lexsort((np.arange(n_l), product, l_purchase))
    dup = (l_purchase[by][1:] == l_purchase[by][:-1]) & (product[by][1:] == product[by][:-1])
    keep[by[1:][dup]] = False
    l_purchase, product, l_day = l_purchase[keep], product[keep], l_day[keep]

    price = np.array([p.price_cents for p in cat.PRODUCTS], dtype=np.int64)
    # Prices went up about 6 % a year before the end; the older price is rounded to 50 cents.
    old_price = np.rint(price * 0.94 / 50).astype(np.int64) * 50
    unit = np.where(l_day < last - 365, old_price[product], price[product])
    pattern = np.array([p.quantity for p in cat.PRODUCTS])[product]
    quantity = _quantities(rng, pattern)
    amount = quantity * unit
    starts = np.flatnonzero(np.r_[True, l_purchase[1:] != l_purchase[:-1]])
    subtotal = np.add.reduceat(amount, starts)

    # ---- discounts, payment, channel --------------------------------------------------------
    category = np.array([p.category for p in cat.PRODUCTS])[product]
    bakery = np.isin(category, [cat.BREAD, cat.PASTRY])
    sod = second % DAY
    evening_deal = (sod >= 20 * 3600) & (rng.random(n) < 0.8)
    bakery_amount = np.add.reduceat(np.where(bakery, amount, 0), starts)
    discount = np.where(evening_deal, bakery_amount * 20 // 100 // 10 * 10, 0)
    coupon = is_member & (subtotal >= 5000) & (rng.random(n) < 0.04)
    discount = discount + np.where(coupon, np.where(subtotal >= 10000, 1000, 500), 0)
    discount = np.minimum(discount, subtotal - 100).clip(0)
    total = subtotal - discount

    has_gift = np.add.reduceat((category == cat.GIFT).astype(np.int64), starts) > 0
    delivery_source = np.array([s == "delivery" for s in people.source])
    p_delivery = np.select([part == 0, part == 1], [0.03, 0.12], 0.08)
    p_delivery = np.where(is_member & delivery_source[mi] & (part > 0), 0.55, p_delivery)
    p_online = np.where(birthday, 0.4, np.where(has_gift, 0.3, 0.0))
    u = rng.random(n)
    channel = np.where(u < p_online, 2, np.where(u < p_online + (1 - p_online) * p_delivery, 1, 0))
    stored = is_member & (rng.random(n) < np.where(is_member, people.stored_value[mi], 0.0))
    usual = np.where(
        is_member, ppl.weighted_choice(rng, np.array([0.07, 0.60, 0.27, 0.06]), n),
        ppl.weighted_choice(rng, np.array([0.10, 0.58, 0.28, 0.04]), n),
    )
    payment = np.where(channel == 1, 5, np.where(channel == 2, 1, np.where(stored, 4, usual)))
    voided = rng.random(n) < VOID_SHARE
    void_second = np.where(voided, np.minimum(second + rng.integers(60, 1800, n), end_second), -1)
    void_second = np.where(voided, np.maximum(void_second, second), -1)

    # ---- points -----------------------------------------------------------------------------
    earn = np.where(is_member, np.maximum(total // 100, 0) * points_per_unit, 0)
    counted = is_member & ~voided
    by_member = np.lexsort((np.arange(n), member))
    by_member = by_member[counted[by_member]]
    bm = member[by_member]
    e = earn[by_member]
    cum = np.cumsum(e)
    group_start = np.flatnonzero(np.r_[True, bm[1:] != bm[:-1]]) if bm.size else np.empty(0, np.int64)
    offsets = np.repeat(cum[group_start] - e[group_start], np.diff(np.r_[group_start, bm.size]))
    cum = cum - offsets  # running points earned per member (in time order)
    every = people.redeem_every[bm]
    crossings = np.where(every > 0, cum // np.maximum(every, 1) - (cum - e) // np.maximum(every, 1), 0)
    r_rows = np.flatnonzero(crossings > 0)
    r_purchase = by_member[r_rows]
    r_points = -(crossings[r_rows] * every[r_rows])
    r_second = np.minimum(second[r_purchase] + 60, end_second)

    earn_rows = np.flatnonzero(is_member & (earn > 0))
    rev_rows = np.flatnonzero(is_member & (earn > 0) & voided)
    e_member = np.concatenate([member[earn_rows], member[r_purchase], member[rev_rows]])
    e_second = np.concatenate([second[earn_rows], r_second, void_second[rev_rows]])
    e_kind = np.concatenate([np.zeros(earn_rows.size, np.int64), np.ones(r_rows.size, np.int64), np.full(rev_rows.size, 2)])
    e_points = np.concatenate([earn[earn_rows], r_points, -earn[rev_rows]])
    e_purchase = np.concatenate([earn_rows, np.full(r_rows.size, -1), rev_rows])
    e_order = np.lexsort((e_kind, e_second))
    e_member, e_second, e_kind, e_points, e_purchase = (
        a[e_order] for a in (e_member, e_second, e_kind, e_points, e_purchase)
    )
    balance = np.bincount(e_member, weights=e_points, minlength=n_members).round().astype(np.int64)
    spend = np.bincount(member[counted], weights=total[counted], minlength=n_members).round().astype(np.int64)
    first_second = np.full(n_members, -1, dtype=np.int64)
    bought = np.flatnonzero(is_member)
    # purchases are in time order, so the first occurrence of a member is the first purchase
    uniq, first_idx = np.unique(member[bought], return_index=True)
    first_second[uniq] = second[bought[first_idx]]

    f = _feedback(rng, people, member, second, channel, voided, by_member, bm, group_start, end_second)
    return Sales(
        p_member=member, p_second=second, p_total=total, p_discount=discount, p_payment=payment,
        p_channel=channel, p_void_second=void_second, l_purchase=l_purchase, l_product=product,
        l_quantity=quantity, l_unit_price=unit, l_amount=amount, e_member=e_member, e_second=e_second,
        e_kind=e_kind, e_points=e_points, e_purchase=e_purchase, f_member=f[0], f_purchase=f[1],
        f_second=f[2], f_ratings=f[3], f_comment=f[4], f_base=f[5], member_spend=spend,
        member_balance=balance, member_first_second=first_second,
    )


RATING_SHARES = np.array([0.02, 0.04, 0.12, 0.32, 0.50])  # 1..5 stars


def _feedback(rng: np.random.Generator, people: ppl.People, member: np.ndarray, second: np.ndarray,
              channel: np.ndarray, voided: np.ndarray, by_member: np.ndarray, bm: np.ndarray,
              group_start: np.ndarray, end_second: int) -> tuple[np.ndarray, ...]:
    """A few ratings after visits; members who drift away often left a poor one near the end."""
    n = member.size
    u = rng.random(n)
    chosen = np.flatnonzero(~voided & (((member >= 0) & (u < 0.035)) | ((member < 0) & (u < 0.004))))
    base = 1 + ppl.weighted_choice(rng, RATING_SHARES, chosen.size)
    # Lapsing and lost members: a 1-2 star rating at one of their last three purchases.
    group_len = np.diff(np.r_[group_start, bm.size])
    g_member = bm[group_start] if bm.size else np.empty(0, np.int64)
    drifting = np.isin(people.rhythm[g_member], [ppl.LAPSING, ppl.LOST]) & (rng.random(g_member.size) < 0.2)
    back = np.minimum(rng.integers(0, 3, g_member.size), group_len - 1)
    unhappy = by_member[(group_start + group_len - 1 - back)[drifting]]
    chosen = np.concatenate([chosen, unhappy])
    base = np.concatenate([base, rng.integers(1, 3, unhappy.size)])
    chosen, keep = np.unique(chosen, return_index=True)
    base = base[keep]
    k = chosen.size
    noise = np.array([-1, 0, 0, 0, 1])
    ratings = np.stack([np.clip(base + noise[rng.integers(0, 5, k)], 1, 5) for _ in range(3)], axis=1)
    ratings[:, 0] = np.where(rng.random(k) < 0.7, base, ratings[:, 0])  # the product rating drives the mood
    ratings[:, 2] = np.where(channel[chosen] == 0, ratings[:, 2], 0)  # no shop visit, no environment rating
    at = np.minimum(second[chosen] + rng.integers(600, 8 * 3600, k), end_second)
    comment_count = np.array([len(cat.COMMENTS[int(r)]) for r in range(1, 6)])
    comment = np.where(rng.random(k) < 0.65, rng.integers(0, 1000, k) % comment_count[base - 1], -1)
    o = np.argsort(at, kind="stable")
    return member[chosen][o], chosen[o], at[o], ratings[o], comment[o], base[o]
