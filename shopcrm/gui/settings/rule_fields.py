"""How each RuleParams threshold is shown in Settings: its group, label, and kind of number.

Every field of RuleParams appears; a field added later without an entry here still shows up
under "Other rules" with its own name, so no threshold is ever unreachable from the window.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from shopcrm.i18n import QT_TRANSLATE_NOOP
from shopcrm.services.classification import RuleParams

# kinds: "days" (whole days), "count" (whole number), "share" (0..1 shown as %), "prob" (0..1),
#        "rate" (decimal number), "rating" (1..5)


@dataclass(frozen=True)
class RuleField:
    name: str
    group: str
    label: str
    kind: str


GROUPS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("RuleFields", "Analysis window"),
    QT_TRANSLATE_NOOP("RuleFields", "Visit frequency"),
    QT_TRANSLATE_NOOP("RuleFields", "Spend"),
    QT_TRANSLATE_NOOP("RuleFields", "Customer pyramid"),
    QT_TRANSLATE_NOOP("RuleFields", "Value class (ABCD)"),
    QT_TRANSLATE_NOOP("RuleFields", "Lifecycle"),
    QT_TRANSLATE_NOOP("RuleFields", "Churn warning"),
    QT_TRANSLATE_NOOP("RuleFields", "Product preference"),
    QT_TRANSLATE_NOOP("RuleFields", "Recommendations"),
    QT_TRANSLATE_NOOP("RuleFields", "Lifetime value"),
    QT_TRANSLATE_NOOP("RuleFields", "Other rules"),
)

_KNOWN: tuple[RuleField, ...] = (
    RuleField("window_days", GROUPS[0], QT_TRANSLATE_NOOP("RuleFields", "Look back over the last (days)"), "days"),
    RuleField("freq_high_per_week", GROUPS[1], QT_TRANSLATE_NOOP("RuleFields", "High: at least this many visits a week"), "rate"),
    RuleField("freq_medium_per_month", GROUPS[1], QT_TRANSLATE_NOOP("RuleFields", "Medium: at least this many visits a month"), "rate"),
    RuleField("freq_min_days", GROUPS[1], QT_TRANSLATE_NOOP("RuleFields", "Average over at least (days), so a first visit is not 'high'"), "days"),
    RuleField("spend_high_share", GROUPS[2], QT_TRANSLATE_NOOP("RuleFields", "High: the top share of members by spend"), "share"),
    RuleField("spend_medium_share", GROUPS[2], QT_TRANSLATE_NOOP("RuleFields", "Medium: the next share"), "share"),
    RuleField("pyramid_platinum_share", GROUPS[3], QT_TRANSLATE_NOOP("RuleFields", "Platinum: the top share by spend"), "share"),
    RuleField("pyramid_gold_share", GROUPS[3], QT_TRANSLATE_NOOP("RuleFields", "Gold: the next share"), "share"),
    RuleField("pyramid_iron_share", GROUPS[3], QT_TRANSLATE_NOOP("RuleFields", "Iron: the next share (the rest are lead)"), "share"),
    RuleField("abcd_a_share", GROUPS[4], QT_TRANSLATE_NOOP("RuleFields", "A: members making this first share of spend"), "share"),
    RuleField("abcd_b_share", GROUPS[4], QT_TRANSLATE_NOOP("RuleFields", "B: the next share of spend"), "share"),
    RuleField("new_days", GROUPS[5], QT_TRANSLATE_NOOP("RuleFields", "New: first purchase within (days)"), "days"),
    RuleField("churn_days", GROUPS[5], QT_TRANSLATE_NOOP("RuleFields", "Churned: no visit for (days)"), "days"),
    RuleField("churn_p_alive", GROUPS[5], QT_TRANSLATE_NOOP("RuleFields", "Churned: or chance of still being a customer below"), "prob"),
    RuleField("won_back_days", GROUPS[5], QT_TRANSLATE_NOOP("RuleFields", "Won back: for (days) after the return visit"), "days"),
    RuleField("at_risk_min_signals", GROUPS[5], QT_TRANSLATE_NOOP("RuleFields", "At risk: from this many churn-warning signals"), "count"),
    RuleField("churn_interval_factor", GROUPS[6], QT_TRANSLATE_NOOP("RuleFields", "Away longer than this many times the usual interval"), "rate"),
    RuleField("churn_min_recency_days", GROUPS[6], QT_TRANSLATE_NOOP("RuleFields", "... and away at least (days)"), "days"),
    RuleField("churn_drop_share", GROUPS[6], QT_TRANSLATE_NOOP("RuleFields", "Visits or spend down by at least"), "share"),
    RuleField("churn_low_rating", GROUPS[6], QT_TRANSLATE_NOOP("RuleFields", "A rating at or below"), "rating"),
    RuleField("compare_days", GROUPS[6], QT_TRANSLATE_NOOP("RuleFields", "Compare periods of (days)"), "days"),
    RuleField("new_product_days", GROUPS[7], QT_TRANSLATE_NOOP("RuleFields", "A product is new for (days after launch)"), "days"),
    RuleField("trier_spend_share", GROUPS[7], QT_TRANSLATE_NOOP("RuleFields", "Trier: share of spend on new products at least"), "share"),
    RuleField("trier_distinct_new", GROUPS[7], QT_TRANSLATE_NOOP("RuleFields", "Trier: or this many different new products"), "count"),
    RuleField("classic_max_new_share", GROUPS[7], QT_TRANSLATE_NOOP("RuleFields", "Classic lover: share on new products at most"), "share"),
    RuleField("classic_min_visits", GROUPS[7], QT_TRANSLATE_NOOP("RuleFields", "Classic lover: at least this many visits"), "count"),
    RuleField("recommendations", GROUPS[8], QT_TRANSLATE_NOOP("RuleFields", "Products recommended per member"), "count"),
    RuleField("clv_min_customers", GROUPS[9], QT_TRANSLATE_NOOP("RuleFields", "Lifetime value: fit the model from this many buyers"), "count"),
    RuleField("clv_min_repeat_customers", GROUPS[9], QT_TRANSLATE_NOOP("RuleFields", "Lifetime value: and this many repeat buyers"), "count"),
)


def rule_fields() -> list[RuleField]:
    """One entry per RuleParams field, in the order of the groups."""
    known = {f.name: f for f in _KNOWN}
    out: list[RuleField] = []
    for f in fields(RuleParams):
        if f.name in known:
            out.append(known[f.name])
            continue
        default = getattr(RuleParams, f.name)
        kind = "count" if isinstance(default, int) else ("share" if 0 <= default <= 1 else "rate")
        out.append(RuleField(f.name, GROUPS[-1], f.name.replace("_", " "), kind))
    order = {g: i for i, g in enumerate(GROUPS)}
    return sorted(out, key=lambda r: order[r.group])
