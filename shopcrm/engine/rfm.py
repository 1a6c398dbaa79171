"""RFM: recency, frequency and monetary scores 1..5 and the named segment.

Scores are quintiles among the members who bought in the window W: R of the recency (fewer days is
better), F of the visits (distinct days) in W, M of the spend in W.  Ties share a score: see
shopcrm.engine.ranking (score = 1 + floor(5 * members with a strictly worse value / members)), so a
common value such as "one visit" may leave a score unused rather than split identical members.

Segments come from the R-F grid:
  Champions R5 F4-5, Loyal R3-4 F4-5, Potential Loyalist R4-5 F2-3, New R5 F1, Promising R4 F1,
  Need Attention R3 F3, About to Sleep R3 F1-2, At Risk R1-2 F3-4, Can't Lose Them R1-2 F5,
  Hibernating R1-2 F1-2.
Members with purchases before W but none in it are Lost; members who never bought have no scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import RuleParams
from shopcrm.engine.ranking import quintile_bounds, quintile_scores, scores_from_bounds
from shopcrm.engine.reasons import Label, ReasonBuilder
from shopcrm.engine.result import Classified
from shopcrm.i18n import QT_TRANSLATE_NOOP

CLASSES = (
    "champions",
    "loyal",
    "potential_loyalist",
    "new",
    "promising",
    "need_attention",
    "about_to_sleep",
    "at_risk",
    "cant_lose",
    "hibernating",
    "lost",
    "never_bought",
)
LOST = CLASSES.index("lost")
NEVER = CLASSES.index("never_bought")


def _grid() -> np.ndarray:
    """GRID[r - 1, f - 1] = segment code."""
    c = CLASSES.index
    rows = {
        5: ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
        4: ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
        3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
        2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
        1: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    }
    return np.array([[c(name) for name in rows[r]] for r in range(1, 6)], dtype=np.int64)


GRID = _grid()


@dataclass(frozen=True)
class RfmResult:
    r: np.ndarray  # 0 where not scored
    f: np.ndarray
    m: np.ndarray
    segment: Classified


def rfm_bounds(m: Metrics) -> dict[str, np.ndarray]:
    """The quintile boundaries of R, F and M among the members who bought in W (see ranking)."""
    scored = m.visits > 0
    return {
        "r": quintile_bounds(m.recency[scored], higher_is_better=False),
        "f": quintile_bounds(m.visits[scored], higher_is_better=True),
        "m": quintile_bounds(m.spend[scored], higher_is_better=True),
    }


def rfm_scores(m: Metrics, bounds: dict[str, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """R, F, M scores 1..5 for members who bought in W, 0 for the others.

    `bounds` (rfm_bounds of a population) scores against that population instead of these members.
    """
    scored = m.visits > 0
    r = np.zeros(m.size, dtype=np.int64)
    f = np.zeros(m.size, dtype=np.int64)
    mm = np.zeros(m.size, dtype=np.int64)
    if bounds is None:
        r[scored] = quintile_scores(m.recency[scored], higher_is_better=False)
        f[scored] = quintile_scores(m.visits[scored], higher_is_better=True)
        mm[scored] = quintile_scores(m.spend[scored], higher_is_better=True)
    else:
        r[scored] = scores_from_bounds(m.recency[scored], bounds["r"], higher_is_better=False)
        f[scored] = scores_from_bounds(m.visits[scored], bounds["f"], higher_is_better=True)
        mm[scored] = scores_from_bounds(m.spend[scored], bounds["m"], higher_is_better=True)
    return r, f, mm


# what each segment means, in the order of CLASSES (translated when the reason is read)
MEANINGS = (
    QT_TRANSLATE_NOOP("reasons", "bought recently and often"),
    QT_TRANSLATE_NOOP("reasons", "buys often"),
    QT_TRANSLATE_NOOP("reasons", "recent, with a few visits"),
    QT_TRANSLATE_NOOP("reasons", "first visits very recently"),
    QT_TRANSLATE_NOOP("reasons", "recent, but few visits"),
    QT_TRANSLATE_NOOP("reasons", "average recency and visits"),
    QT_TRANSLATE_NOOP("reasons", "below-average recency and visits"),
    QT_TRANSLATE_NOOP("reasons", "used to visit often, not lately"),
    QT_TRANSLATE_NOOP("reasons", "among the most frequent, but not lately"),
    QT_TRANSLATE_NOOP("reasons", "visited rarely and long ago"),
)


def classify_rfm(m: Metrics, p: RuleParams, bounds: dict[str, np.ndarray] | None = None) -> RfmResult:
    r, f, mm = rfm_scores(m, bounds)
    scored = r > 0
    codes = np.where(m.has_purchase, LOST, NEVER)
    codes[scored] = GRID[r[scored] - 1, f[scored] - 1]
    reasons = ReasonBuilder("segment", m.size)
    template = QT_TRANSLATE_NOOP("reasons", "{meaning}: R{r} F{f} M{m}")
    for code, meaning in enumerate(MEANINGS):
        reasons.add(scored & (codes == code), template, meaning=Label(meaning), r=r, f=f, m=mm)
    reasons.add(
        codes == LOST, QT_TRANSLATE_NOOP("reasons", "no purchase in {window} days; last visit {days} days ago"),
        window=p.window_days, days=m.recency,
    )
    reasons.add(codes == NEVER, QT_TRANSLATE_NOOP("reasons", "has not bought anything yet"))
    return RfmResult(r, f, mm, Classified("segment", CLASSES, codes, reasons.done()))
