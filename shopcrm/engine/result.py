"""What every rule returns: one class and one readable reason per member."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shopcrm.engine.reasons import Reasons


@dataclass(frozen=True)
class Classified:
    """`codes[i]` indexes `classes` for member i; `reasons[i]` says why in one line (see engine.reasons)."""

    name: str
    classes: tuple[str, ...]
    codes: np.ndarray
    reasons: Reasons

    def values(self) -> np.ndarray:
        """The class of every member as text (the codes stored in a snapshot)."""
        return np.asarray(self.classes, dtype=object)[self.codes]

    def counts(self) -> dict[str, int]:
        tally = np.bincount(self.codes, minlength=len(self.classes))
        return {name: int(tally[i]) for i, name in enumerate(self.classes)}

