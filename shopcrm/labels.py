"""Readable, translated names for the codes stored in the database (source, gender, payment, classes ...).

No Qt here, so the GUI, the printouts, the exports and the CLI all name a class the same way from one
table; translations come from the same Linguist catalogue (context "labels")."""

from __future__ import annotations

from shopcrm.i18n import QT_TRANSLATE_NOOP, translate

SOURCE_LABELS: dict[str, str] = {
    "walk_in": QT_TRANSLATE_NOOP("labels", "Walk-in"),
    "delivery": QT_TRANSLATE_NOOP("labels", "Delivery platform"),
    "wechat": QT_TRANSLATE_NOOP("labels", "WeChat / mini program"),
    "referral": QT_TRANSLATE_NOOP("labels", "Referral"),
    "event": QT_TRANSLATE_NOOP("labels", "Event"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}
GENDER_LABELS: dict[str, str] = {
    "F": QT_TRANSLATE_NOOP("labels", "Female"),
    "M": QT_TRANSLATE_NOOP("labels", "Male"),
}
# Age bands (the classification's codes use a hyphen; people read an en dash, SPEC §3).
AGE_BAND_LABELS: dict[str, str] = {
    "<18": QT_TRANSLATE_NOOP("labels", "Under 18"),
    "18-24": QT_TRANSLATE_NOOP("labels", "18–24"),
    "25-34": QT_TRANSLATE_NOOP("labels", "25–34"),
    "35-44": QT_TRANSLATE_NOOP("labels", "35–44"),
    "45-59": QT_TRANSLATE_NOOP("labels", "45–59"),
    "60+": QT_TRANSLATE_NOOP("labels", "60 and over"),
    "unknown": QT_TRANSLATE_NOOP("labels", "Age unknown"),
}
PAYMENT_LABELS: dict[str, str] = {
    "cash": QT_TRANSLATE_NOOP("labels", "Cash"),
    "wechat": QT_TRANSLATE_NOOP("labels", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("labels", "Alipay"),
    "card": QT_TRANSLATE_NOOP("labels", "Bank card"),
    "stored_value": QT_TRANSLATE_NOOP("labels", "Stored value"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}
CHANNEL_LABELS: dict[str, str] = {
    "store": QT_TRANSLATE_NOOP("labels", "In store"),
    "delivery": QT_TRANSLATE_NOOP("labels", "Delivery"),
    "online": QT_TRANSLATE_NOOP("labels", "Online"),
}
STATUS_LABELS: dict[str, str] = {
    # not "Active": that is a lifecycle stage, and "active members" has one count (SPEC §10)
    "active": QT_TRANSLATE_NOOP("labels", "Current"),
    "archived": QT_TRANSLATE_NOOP("labels", "Archived"),
    "erased": QT_TRANSLATE_NOOP("labels", "Erased"),
}
POINT_KIND_LABELS: dict[str, str] = {
    "earn": QT_TRANSLATE_NOOP("labels", "Earned"),
    "redeem": QT_TRANSLATE_NOOP("labels", "Redeemed"),
    "adjust": QT_TRANSLATE_NOOP("labels", "Adjusted"),
    "expire": QT_TRANSLATE_NOOP("labels", "Expired"),
    "reverse": QT_TRANSLATE_NOOP("labels", "Reversed (voided sale)"),
    "return": QT_TRANSLATE_NOOP("labels", "Given back (redeemed on a voided sale)"),
    "shortfall": QT_TRANSLATE_NOOP("labels", "Covered (the points it drew on were undone)"),
}
ORIGIN_LABELS: dict[str, str] = {
    "counter": QT_TRANSLATE_NOOP("labels", "Counter"),
    "import": QT_TRANSLATE_NOOP("labels", "Import"),
    "demo": QT_TRANSLATE_NOOP("labels", "Demo"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated name of `code`, the code itself when unknown, '' for None."""
    if code is None or code == "":
        return ""
    source = table.get(code)
    if source is None:
        return code
    return translate("labels", source)


# ---- classification classes (codes stored in snapshots) ------------------------------------------
SEGMENT_LABELS: dict[str, str] = {
    "champions": QT_TRANSLATE_NOOP("labels", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("labels", "Loyal"),
    "potential_loyalist": QT_TRANSLATE_NOOP("labels", "Potential loyalist"),
    "new": QT_TRANSLATE_NOOP("labels", "New customers"),
    "promising": QT_TRANSLATE_NOOP("labels", "Promising"),
    "need_attention": QT_TRANSLATE_NOOP("labels", "Need attention"),
    "about_to_sleep": QT_TRANSLATE_NOOP("labels", "About to sleep"),
    # the RFM segment the literature calls "At Risk": "at risk" is the lifecycle stage only (SPEC §10)
    "at_risk": QT_TRANSLATE_NOOP("labels", "Slipping away"),
    "cant_lose": QT_TRANSLATE_NOOP("labels", "Can't lose them"),
    "hibernating": QT_TRANSLATE_NOOP("labels", "Hibernating"),
    "lost": QT_TRANSLATE_NOOP("labels", "Lost"),
    "never_bought": QT_TRANSLATE_NOOP("labels", "Never bought"),
}
PYRAMID_LABELS: dict[str, str] = {
    "platinum": QT_TRANSLATE_NOOP("labels", "Platinum"),
    "gold": QT_TRANSLATE_NOOP("labels", "Gold"),
    "iron": QT_TRANSLATE_NOOP("labels", "Iron"),
    "lead": QT_TRANSLATE_NOOP("labels", "Lead"),
}
LIFECYCLE_LABELS: dict[str, str] = {
    "potential": QT_TRANSLATE_NOOP("labels", "Potential"),
    "new": QT_TRANSLATE_NOOP("labels", "New"),
    "active": QT_TRANSLATE_NOOP("labels", "Active"),
    "at_risk": QT_TRANSLATE_NOOP("labels", "At risk"),
    "churned": QT_TRANSLATE_NOOP("labels", "Churned"),
    "won_back": QT_TRANSLATE_NOOP("labels", "Won back"),
}
CHURN_LABELS: dict[str, str] = {
    "none": QT_TRANSLATE_NOOP("labels", "No warning"),
    "low": QT_TRANSLATE_NOOP("labels", "Low"),
    "medium": QT_TRANSLATE_NOOP("labels", "Medium"),
    "high": QT_TRANSLATE_NOOP("labels", "High"),
}
ABCD_LABELS: dict[str, str] = {
    "A": QT_TRANSLATE_NOOP("labels", "A (top 70 % of spend)"),
    "B": QT_TRANSLATE_NOOP("labels", "B (next 20 %)"),
    "C": QT_TRANSLATE_NOOP("labels", "C (the rest)"),
    "D": QT_TRANSLATE_NOOP("labels", "D (no purchase)"),
}
LEVEL3_LABELS: dict[str, str] = {  # frequency and spend classes
    "high": QT_TRANSLATE_NOOP("labels", "High"),
    "medium": QT_TRANSLATE_NOOP("labels", "Medium"),
    "low": QT_TRANSLATE_NOOP("labels", "Low"),
}
PREFERENCE_LABELS: dict[str, str] = {
    "classic": QT_TRANSLATE_NOOP("labels", "Classic lover"),
    "classic_lover": QT_TRANSLATE_NOOP("labels", "Classic lover"),
    "trier": QT_TRANSLATE_NOOP("labels", "New-product trier"),
    "new_trier": QT_TRANSLATE_NOOP("labels", "New-product trier"),
    "mixed": QT_TRANSLATE_NOOP("labels", "Mixed"),
    "none": QT_TRANSLATE_NOOP("labels", "No purchases"),
}
CLASS_LABELS: dict[str, dict[str, str]] = {
    "segment": SEGMENT_LABELS,
    "pyramid": PYRAMID_LABELS,
    "lifecycle": LIFECYCLE_LABELS,
    "churn_level": CHURN_LABELS,
    "churn": CHURN_LABELS,
    "abcd": ABCD_LABELS,
    "frequency": LEVEL3_LABELS,
    "spend_class": LEVEL3_LABELS,
    "spend": LEVEL3_LABELS,
    "preference": PREFERENCE_LABELS,
    "source": SOURCE_LABELS,
    "gender": GENDER_LABELS,
    "age_band": AGE_BAND_LABELS,
}
CLASSIFICATION_TITLES: dict[str, str] = {
    "frequency": QT_TRANSLATE_NOOP("labels", "Visit frequency"),
    "spend_class": QT_TRANSLATE_NOOP("labels", "Spend"),
    "spend": QT_TRANSLATE_NOOP("labels", "Spend"),
    "rfm": QT_TRANSLATE_NOOP("labels", "RFM"),
    "segment": QT_TRANSLATE_NOOP("labels", "RFM segment"),
    "pyramid": QT_TRANSLATE_NOOP("labels", "Customer pyramid"),
    "abcd": QT_TRANSLATE_NOOP("labels", "Value class"),
    "lifecycle": QT_TRANSLATE_NOOP("labels", "Lifecycle"),
    "churn_level": QT_TRANSLATE_NOOP("labels", "Churn warning"),
    "churn": QT_TRANSLATE_NOOP("labels", "Churn warning"),
    "preference": QT_TRANSLATE_NOOP("labels", "Product preference"),
    "favourite_category": QT_TRANSLATE_NOOP("labels", "Favourite category"),
    "age_band": QT_TRANSLATE_NOOP("labels", "Age band"),
    "source": QT_TRANSLATE_NOOP("labels", "Source"),
    "gender": QT_TRANSLATE_NOOP("labels", "Gender"),
    "area": QT_TRANSLATE_NOOP("labels", "Area"),
    "level": QT_TRANSLATE_NOOP("labels", "Member level"),
    "clv": QT_TRANSLATE_NOOP("labels", "Lifetime value"),
    "recommendations": QT_TRANSLATE_NOOP("labels", "Recommendations"),
}


# One line per classification for a shop owner, shown beside the class (jargon such as "R5 F4 M4",
# "Value class" or "Iron" explained where it appears).
CLASSIFICATION_EXPLANATIONS: dict[str, str] = {
    "segment": QT_TRANSLATE_NOOP("labels", "Groups members by R (how recently), F (how often) and M (how much) they "
                                           "bought, each scored 1 = least to 5 = most."),
    "pyramid": QT_TRANSLATE_NOOP("labels", "Members ranked by what they spent: platinum are the few biggest spenders, "
                                           "then gold, iron, and lead for most members."),
    "abcd": QT_TRANSLATE_NOOP("labels", "A, B, C, D by share of the shop's takings: A members bring the most, D the "
                                        "least."),
    "lifecycle": QT_TRANSLATE_NOOP("labels", "Where the member is: new, active, at risk of leaving, lost, or won back."),
    "churn_level": QT_TRANSLATE_NOOP("labels", "How strongly the member's visits are dropping off compared with their "
                                               "own habit."),
    "frequency": QT_TRANSLATE_NOOP("labels", "How often the member comes, compared with the shop's other members."),
    "spend_class": QT_TRANSLATE_NOOP("labels", "How much the member spends, compared with the shop's other members."),
    "preference": QT_TRANSLATE_NOOP("labels", "What the member likes to buy: new products, the classics, or a mix."),
    "level": QT_TRANSLATE_NOOP("labels", "The member level the shop gives by total spend (set in Settings)."),
    "clv": QT_TRANSLATE_NOOP("labels", "What the member is likely to spend in the coming year, from their visits so "
                                       "far."),
}


def classification_explanation(name: str) -> str:
    """The one-line explanation of a classification in the current language ('' when there is none)."""
    source = CLASSIFICATION_EXPLANATIONS.get(name)
    return translate("labels", source) if source else ""


def class_label(classification: str, code: str | None) -> str:
    """'gold' of 'pyramid' -> 'Gold' / '金' in the current language; unknown codes as they are."""
    return label(CLASS_LABELS.get(classification, {}), code)


def classification_title(name: str) -> str:
    source = CLASSIFICATION_TITLES.get(name)
    return translate("labels", source) if source else name.replace("_", " ")


BACKUP_REASON_LABELS: dict[str, str] = {
    "manual": QT_TRANSLATE_NOOP("labels", "Made by hand"),
    "daily": QT_TRANSLATE_NOOP("labels", "Daily, automatic"),
    "migration": QT_TRANSLATE_NOOP("labels", "Before a program update"),
    "before-import": QT_TRANSLATE_NOOP("labels", "Before an import"),
    "before-undo-import": QT_TRANSLATE_NOOP("labels", "Before undoing an import"),
    "before-restore": QT_TRANSLATE_NOOP("labels", "Before a restore"),
    "before-erase": QT_TRANSLATE_NOOP("labels", "Before erasing a member"),
    "before-campaign-delete": QT_TRANSLATE_NOOP("labels", "Before deleting a campaign"),
}
