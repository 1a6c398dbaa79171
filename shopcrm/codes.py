"""The codes stored in the database for a member's source, a sale's payment and channel, a points
entry's kind ...

They sit below every layer (no imports), so the models, the importers' parsers and the GUI's choice
lists all read one tuple; their readable names are in shopcrm.labels."""

from __future__ import annotations

MEMBER_STATUSES = ("active", "archived", "erased")
GENDERS = ("F", "M")
SOURCES = ("walk_in", "delivery", "wechat", "referral", "event", "other")

PAYMENT_METHODS = ("cash", "wechat", "alipay", "card", "stored_value", "other")
CHANNELS = ("store", "delivery", "online")
ORIGINS = ("counter", "import", "demo")

POINT_KINDS = ("earn", "redeem", "adjust", "expire", "reverse", "return", "shortfall")
# Rows recomputed from the sales whenever a member's points are rebuilt (shopcrm.engine.points_replay);
# the others (redeem, adjust, return) are what the shop did and are never rewritten.
DERIVED_POINT_KINDS = ("earn", "expire", "reverse", "shortfall")

# Each classification and the snapshot_members column that holds a member's class in it.
CLASS_COLUMNS: dict[str, str] = {
    "frequency": "frequency",
    "spend": "spend_class",
    "segment": "segment",
    "pyramid": "pyramid",
    "abcd": "abcd",
    "lifecycle": "lifecycle",
    "churn": "churn_level",
    "preference": "preference",
    "age_band": "age_band",
    "level": "level",
}
