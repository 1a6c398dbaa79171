"""The population-relative cut-offs of a full run, so one member can be classified later against them.

Spend class, pyramid and ABCD rank a member's spend among everyone's; RFM scores are quintiles of
everyone's recency, visits and spend; P(alive) and the expected visits come from models fitted to
everyone's history.  A full run stores these cut-offs with its snapshot.  When one member buys or
registers, the same rule functions run on that member alone with the stored cut-offs, so the card
says what a full run would say if the rest of the shop had not moved (SPEC §9).  The next full run
recomputes the cut-offs from everyone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from shopcrm.engine import clv
from shopcrm.engine.abcd import abcd_thresholds
from shopcrm.engine.lifetime import Fits
from shopcrm.engine.metrics import Metrics
from shopcrm.engine.params import CUT_OFFS_VERSION, RuleParams
from shopcrm.engine.pyramid import pyramid_thresholds
from shopcrm.engine.reasons import Phrase
from shopcrm.engine.rfm import rfm_bounds
from shopcrm.engine.spend import spend_thresholds

VERSION = CUT_OFFS_VERSION


@dataclass(frozen=True)
class CutOffs:
    spend: np.ndarray  # high, medium (cents; inf: nobody)
    pyramid: np.ndarray  # platinum, gold, iron
    abcd: np.ndarray  # A, B
    rfm: dict[str, np.ndarray]  # "r", "f", "m": four quintile boundaries each
    fits: Fits  # the lifetime models applied

    @classmethod
    def of(cls, m: Metrics, p: RuleParams, fits: Fits) -> CutOffs:
        return cls(spend_thresholds(m, p), pyramid_thresholds(m, p), abcd_thresholds(m, p), rfm_bounds(m), fits)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe (inf and NaN as None); floats keep every digit (repr), so they read back equal."""
        f = self.fits
        return {
            "version": VERSION,
            "spend": _floats(self.spend),
            "pyramid": _floats(self.pyramid),
            "abcd": _floats(self.abcd),
            "rfm": {k: _floats(v) for k, v in self.rfm.items()},
            "fits": {
                "bgnbd": f.bgnbd.to_dict() if f.bgnbd else None,
                "paretonbd": f.paretonbd.to_dict() if f.paretonbd else None,
                "gammagamma": f.gammagamma.to_dict() if f.gammagamma else None,
                "reason": _phrase(f.reason),
                "spend_reason": _phrase(f.spend_reason),
            },
        }

    @classmethod
    def from_dict(cls, d: Any) -> CutOffs | None:
        """None for anything that is not a complete set of this version (an older snapshot)."""
        try:
            if not isinstance(d, dict) or d.get("version") != VERSION:
                return None
            fits = d["fits"]
            return cls(
                spend=_array(d["spend"], 2),
                pyramid=_array(d["pyramid"], 3),
                abcd=_array(d["abcd"], 2),
                rfm={k: _array(d["rfm"][k], 4, missing=math.nan) for k in ("r", "f", "m")},
                fits=Fits(
                    bgnbd=clv.BgNbdFit(**fits["bgnbd"]) if fits["bgnbd"] else None,
                    gammagamma=clv.GammaGammaFit(**fits["gammagamma"]) if fits["gammagamma"] else None,
                    reason=_unphrase(fits["reason"]),
                    spend_reason=_unphrase(fits["spend_reason"]),
                    paretonbd=clv.ParetoNbdFit(**fits["paretonbd"]) if fits["paretonbd"] else None,
                ),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _floats(values: np.ndarray) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in np.asarray(values, dtype=float)]


def _array(values: Any, size: int, missing: float = math.inf) -> np.ndarray:
    if not isinstance(values, list) or len(values) != size:
        raise ValueError("cut-offs of the wrong size")
    return np.array([missing if v is None else float(v) for v in values], dtype=float)


def _phrase(phrase: Phrase | None) -> dict[str, Any] | None:
    return None if phrase is None else {"template": phrase.template, "values": dict(phrase.values)}


def _unphrase(d: Any) -> Phrase | None:
    return None if d is None else Phrase(str(d["template"]), dict(d["values"]))
