"""Filling reason templates for many members at once.

Templates come from `translate("reasons", "...")` with named fields, so a translation may reorder
them.  A template is parsed once and filled positionally for the members that need it, with money
rendered inside the same format call ('¥1,234.50', as shopcrm.money.format_cents writes it), which
keeps 50,000 reasons to a few tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Any

import numpy as np

from shopcrm.i18n import translate


@dataclass(frozen=True)
class Money:
    """A field of cents, written with the currency symbol and thousands separators."""

    cents: np.ndarray
    symbol: str

    def __getitem__(self, mask: np.ndarray) -> Money:
        return Money(np.asarray(self.cents)[mask], self.symbol)


def _columns(value: Any, count: int, money: bool) -> list[list[Any]]:
    if money:
        cents = np.broadcast_to(np.asarray(value.cents, dtype=np.int64), (count,))
        prefix = np.where(cents < 0, "-" + value.symbol, value.symbol).tolist()
        # |cents| < 2**53 / 100: the float rounds back to the exact cents with 2 decimals
        return [prefix, (np.abs(cents) / 100.0).tolist()]
    if isinstance(value, np.ndarray):
        return [value.tolist()]
    if isinstance(value, (list, tuple)):
        return [list(value)]
    return [[value] * count]


def fill(template: str, count: int, /, **fields: Any) -> np.ndarray:
    """`count` filled copies of `template`; each field is a scalar, a sequence of `count` values or Money."""
    out_parts: list[str] = []
    columns: list[list[Any]] = []
    slots: dict[str, str] = {}
    for literal, name, spec, conversion in Formatter().parse(template):
        out_parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        value = fields[name]
        if name not in slots:
            first = len(columns)
            is_money = isinstance(value, Money)
            columns.extend(_columns(value, count, is_money))
            slots[name] = f"{{{first}}}{{{first + 1}:,.2f}}" if is_money else str(first)
        slot = slots[name]
        if isinstance(value, Money):
            out_parts.append(slot)
        else:
            out_parts.append("{" + slot + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}")
    fmt = "".join(out_parts)
    out = np.empty(count, dtype=object)
    if count:
        out[:] = [fmt.format(*row) for row in zip(*columns, strict=True)] if columns else [fmt] * count
    return out


def money(cents: np.ndarray, symbol: str) -> np.ndarray:
    """Amounts as text ('¥1,234.50'), e.g. for the cut-offs named in reasons."""
    values = np.atleast_1d(np.asarray(cents, dtype=np.int64))
    return fill("{v}", values.size, v=Money(values, symbol))


def cut_offs(thresholds: np.ndarray, symbol: str) -> np.ndarray:
    """Cut-off amounts as text for reasons (a cut-off nobody reaches is written as 0)."""
    return money(np.where(np.isfinite(thresholds), thresholds, 0).astype(np.int64), symbol)


def percent(share: np.ndarray) -> np.ndarray:
    """Shares 0..1 as whole percentages (rounded half up), for reasons."""
    return np.floor(np.asarray(share, dtype=float) * 100 + 0.5).astype(np.int64)


def put(target: np.ndarray, mask: np.ndarray, template: str, /, **fields: Any) -> None:
    """Fill `template` for the members in `mask`; per-member fields (arrays, Money) are given for all."""
    count = int(np.count_nonzero(mask))
    if not count:
        return

    def pick(value: Any) -> Any:
        if isinstance(value, Money) and np.ndim(value.cents) == 1:
            return value[mask]
        if isinstance(value, np.ndarray) and value.shape[:1] == mask.shape:
            return value[mask]
        return value

    target[mask] = fill(template, count, **{k: pick(v) for k, v in fields.items()})


def days_ago(days: np.ndarray) -> np.ndarray:
    """'today', 'yesterday' or 'N days ago' for every member (empty where days < 0)."""
    days = np.asarray(days)
    out = np.full(days.shape, "", dtype=object)
    put(out, days == 0, translate("reasons", "today"))
    put(out, days == 1, translate("reasons", "yesterday"))
    put(out, days > 1, translate("reasons", "{days} days ago"), days=days)
    return out
