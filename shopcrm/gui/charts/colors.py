"""Chart colours per class, so a tier or segment has the same colour on every chart."""

from __future__ import annotations

ACCENT = "#b5651d"  # the window's accent (gui.style)
ACCENT_LIGHT = "#e8c9a5"
SECOND = "#4f6d8f"  # a calm blue for a second series
GRID = "#e6ddd3"
TEXT = "#3b2f2a"
MUTED = "#8a8079"

PYRAMID = {"platinum": "#5b6c8f", "gold": "#e0a526", "iron": "#9e7b5b", "lead": "#bdb5ac"}
ABCD = {"A": "#b5651d", "B": "#d9a066", "C": "#ecd3b4", "D": "#cfcfcf"}
LIFECYCLE = {"potential": "#b0bec5", "new": "#64b5f6", "active": "#66bb6a", "won_back": "#26a69a",
             "at_risk": "#ffa726", "churned": "#9e9e9e"}
LEVEL3 = {"high": "#b5651d", "medium": "#d9a066", "low": "#ecd3b4"}
CHURN = {"none": "#cfd8dc", "low": "#ffe082", "medium": "#ffb74d", "high": "#e57373"}
SEGMENT = {
    "champions": "#2e7d32", "loyal": "#66bb6a", "potential_loyalist": "#42a5f5", "new": "#90caf9",
    "promising": "#80cbc4", "need_attention": "#ffca28", "about_to_sleep": "#ffa726", "at_risk": "#ef6c00",
    "cant_lose": "#c62828", "hibernating": "#a1887f", "lost": "#9e9e9e", "never_bought": "#d7ccc8",
}
PREFERENCE = {"trier": "#42a5f5", "classic": "#b5651d", "mixed": "#d9a066", "none": "#cfcfcf"}
BY_CLASSIFICATION: dict[str, dict[str, str]] = {
    "pyramid": PYRAMID, "abcd": ABCD, "lifecycle": LIFECYCLE, "frequency": LEVEL3, "spend_class": LEVEL3,
    "churn_level": CHURN, "segment": SEGMENT, "preference": PREFERENCE,
}


def class_color(classification: str, code: str | None, default: str = ACCENT) -> str:
    return BY_CLASSIFICATION.get(classification, {}).get(code or "", default)
