"""Reasons as data: per member a template id and the numbers that fill it, put into words when read.

A reason is stored language-neutrally so a snapshot made with one language reads in another: each
classification has a few English templates (marked with QT_TRANSLATE_NOOP("reasons", ...) so
lupdate collects them) and per member only the id of its template ("kind") and the values of the
template's per-member fields.  Fields the same for everyone (the window, a cut-off) are kept once.
Words inside a reason that are themselves translatable ("yesterday", an RFM meaning, a level name)
are labels put into words at read time too; names of products and categories are data, shown as
they are.  Money is kept in cents and written with the currency symbol at read time.

`encode` turns the reasons of a run into a layout (JSON-ready, stored once per snapshot) and one
row of integers per member, a "slot" per value: the kind of each classification and every distinct
per-member field, each slot as narrow as its values allow (most fit one or two bytes), so a
member's reasons take about 80 bytes.  `render` puts one member's row back into words in the
current language.  Float fields are kept as integers with a scale (a rate with one decimal as
tenths).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from shopcrm.i18n import QT_TRANSLATE_NOOP, translate
from shopcrm.money import format_cents

LAYOUT_VERSION = 1
SEPARATOR = "; "  # between the parts of a reason (the churn signals)
_WIDTHS = ("<i1", "<i2", "<i4", "<i8")


@dataclass(frozen=True)
class Money:
    """Cents, written with the currency symbol when read (a per-member array or one amount)."""

    cents: Any


@dataclass(frozen=True)
class Tenths:
    """A number shown with decimals, kept as whole tenths (rounded to the nearest)."""

    value: Any


@dataclass(frozen=True)
class Label:
    """A translatable word: one English text, or per member an index into `labels` (-1: empty)."""

    value: Any
    labels: tuple[str, ...] = ()
    context: str = "reasons"


@dataclass(frozen=True)
class Text:
    """Data shown as it is (a product or category name): per member an index into `names`, -1 empty."""

    index: np.ndarray
    names: tuple[str, ...]


@dataclass(frozen=True)
class DaysAgo:
    """'today', 'yesterday' or 'N days ago' from a number of days (empty below 0)."""

    days: np.ndarray


@dataclass(frozen=True)
class Phrase:
    """A whole translatable sentence with fixed values, the same for every member."""

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        return _format(self.template, dict(self.values), language)


@dataclass(frozen=True, eq=False)
class Field:
    """One named value of a template: `kind` says how it is put into words; `value` is either the
    same for every member (a Python scalar) or an int64 array with one entry per member."""

    kind: str  # number, money, label, text, days_ago, reason, phrase
    value: Any
    scale: int = 1
    context: str = "reasons"
    labels: tuple[str, ...] = ()

    @property
    def per_member(self) -> bool:
        return isinstance(self.value, np.ndarray)


def _field(value: Any) -> Field:
    """A field from what a rule hands over (see the classes above; plain arrays/scalars are numbers)."""
    if isinstance(value, Money):
        return Field("money", _member_or_scalar(value.cents))
    if isinstance(value, Tenths):
        raw = value.value
        if isinstance(raw, np.ndarray):
            tenths = np.clip(np.rint(np.nan_to_num(raw.astype(float)) * 10), -(2.0**62), 2.0**62)
            return Field("number", tenths.astype(np.int64), scale=10)
        return Field("number", float(raw))
    if isinstance(value, Label):
        if isinstance(value.value, np.ndarray):
            return Field("label", value.value.astype(np.int64), context=value.context, labels=tuple(value.labels))
        return Field("label", str(value.value), context=value.context)
    if isinstance(value, Text):
        return Field("text", np.asarray(value.index, dtype=np.int64), labels=tuple(value.names))
    if isinstance(value, DaysAgo):
        return Field("days_ago", np.asarray(value.days, dtype=np.int64))
    if isinstance(value, Reasons):
        return Field("reason", value)
    if isinstance(value, Phrase):
        return Field("phrase", value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            raise TypeError("per-member floats need Tenths(...)")
        return Field("number", value.astype(np.int64, copy=False))
    if isinstance(value, (bool, np.bool_)):
        return Field("number", int(value))
    if isinstance(value, (int, np.integer)):
        return Field("number", int(value))
    if isinstance(value, (float, np.floating)):
        return Field("number", float(value))
    raise TypeError(f"unsupported reason field {value!r}")


def _member_or_scalar(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.ndim:
        return value.astype(np.int64, copy=False)
    return int(value)


@dataclass(frozen=True, eq=False)
class Part:
    template: str  # English source text
    fields: Mapping[str, Field]


@dataclass(frozen=True, eq=False)
class Reasons:
    """One classification's reasons for every member: `code[i]` picks a kind (-1: no reason), a kind
    is one or more parts joined by "; ", a part is a template with its fields."""

    name: str
    parts: tuple[Part, ...]
    kinds: tuple[tuple[int, ...], ...]
    code: np.ndarray
    symbol: str = "¥"  # for reading in tests and the engine only; a snapshot uses the shop's at read time

    def __len__(self) -> int:
        return int(self.code.size)

    @cached_property
    def _encoded(self) -> tuple[dict[str, Any], np.ndarray]:
        """This classification (and any it quotes) encoded as a snapshot stores it, to read back."""
        return encode({r.name: r for r in self._with_referenced()})

    def _with_referenced(self) -> list[Reasons]:
        out: list[Reasons] = [self]
        for part in self.parts:
            for f in part.fields.values():
                if f.kind == "reason":
                    out.extend(r for r in f.value._with_referenced() if all(r is not o for o in out))
        return out

    def text(self, i: int, language: str | None = None) -> str:
        """Member i's reason in the current (or given) language."""
        layout, rows = self._encoded
        return render(layout, rows[i].tolist(), self.name, self.symbol, language)

    def __getitem__(self, i: int) -> str:
        return self.text(int(i))

    def tolist(self, language: str | None = None) -> list[str]:
        return [self.text(i, language) for i in range(len(self))]


class ReasonBuilder:
    """Collects the kinds of one classification; later `add`s win where masks overlap."""

    def __init__(self, name: str, n: int, symbol: str = "¥") -> None:
        self.name = name
        self.symbol = symbol
        self.code = np.full(n, -1, dtype=np.int64)
        self.parts: list[Part] = []
        self.kinds: list[tuple[int, ...]] = []

    def part(self, template: str, /, **fields: Any) -> int:
        self.parts.append(Part(template, {k: _field(v) for k, v in fields.items()}))
        return len(self.parts) - 1

    def kind(self, *parts: int) -> int:
        self.kinds.append(tuple(parts))
        return len(self.kinds) - 1

    def set(self, mask: np.ndarray, kind: int) -> None:
        self.code[mask] = kind

    def assign(self, kinds: np.ndarray) -> None:
        """Every member's kind at once."""
        self.code[:] = kinds

    def add(self, mask: np.ndarray, template: str, /, **fields: Any) -> int:
        """A one-part kind for the members in `mask`."""
        kind = self.kind(self.part(template, **fields))
        self.set(mask, kind)
        return kind

    def done(self) -> Reasons:
        return Reasons(self.name, tuple(self.parts), tuple(self.kinds), self.code, self.symbol)


def percent(share: Any) -> np.ndarray:
    """Shares 0..1 as whole percentages (rounded half up), for reasons."""
    return np.floor(np.asarray(share, dtype=float) * 100 + 0.5).astype(np.int64)


# ---- storing --------------------------------------------------------------------------------------


def encode(reasons: Mapping[str, Reasons]) -> tuple[dict[str, Any], np.ndarray]:
    """(layout, rows): the layout names every template and where each field's value is; `rows` has
    one packed record per member (see row_bytes), each slot in the narrowest integer type that holds
    its values.  A per-member array quoted by several reasons has one slot, and lists of names are
    kept once."""
    n = next(iter(reasons.values())).code.size if reasons else 0
    columns: list[np.ndarray] = []
    slot_of: dict[int, int] = {}
    lists: list[list[str]] = []
    list_of: dict[tuple[str, ...], int] = {}

    def slot(values: np.ndarray) -> int:
        # Shared only when it is the same array (one metric quoted by several reasons): arrays that
        # merely happen to be equal today may differ for a member tomorrow, and one card is then
        # rewritten in place (encode_into) without touching anyone else's row.
        key = id(values)
        if key not in slot_of:
            slot_of[key] = len(columns)
            columns.append(np.ascontiguousarray(values, dtype=np.int64))
        return slot_of[key]

    def names(labels: tuple[str, ...]) -> int:
        if labels not in list_of:
            list_of[labels] = len(lists)
            lists.append(list(labels))
        return list_of[labels]

    def spec(f: Field) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": f.kind}
        if f.kind == "reason":
            out["ref"] = f.value.name
            return out
        if f.kind == "phrase":
            out["template"] = f.value.template
            out["values"] = dict(f.value.values)
            return out
        if f.per_member:
            out["slot"] = slot(f.value)
            if f.labels:
                out["list"] = names(f.labels)
        else:
            out["value"] = f.value
        if f.scale != 1:
            out["scale"] = f.scale
        if f.kind == "label" and f.context != "reasons":
            out["context"] = f.context
        return out

    table: dict[str, Any] = {}
    for name, r in reasons.items():
        if r.code.size != n:
            raise ValueError(f"reasons {name} cover {r.code.size} members, not {n}")
        table[name] = {
            "code": slot(r.code),
            "kinds": [list(k) for k in r.kinds],
            "parts": [{"template": p.template, "fields": {k: spec(f) for k, f in p.fields.items()}} for p in r.parts],
        }
    for name, r in reasons.items():
        if r.name != name:
            raise ValueError(f"reasons {r.name} stored as {name}")
        for part in r.parts:
            for f in part.fields.values():
                if f.kind == "reason" and f.value.name not in reasons:
                    raise ValueError(f"reasons {name} refer to {f.value.name}, which is not stored")
    formats = [_narrowest(c) for c in columns]
    rows = np.empty(n, dtype=_record(formats))
    for i, c in enumerate(columns):
        rows[f"s{i}"] = c
    layout = {"version": LAYOUT_VERSION, "formats": formats, "reasons": table, "lists": lists}
    return layout, rows


# Each slot holds HEADROOM times the snapshot's extremes, so a card rewritten later (a member who
# spends or visits more, encode_into) mostly still fits; when not, a full run lays the slots out anew.
HEADROOM = 4


def _narrowest(values: np.ndarray) -> str:
    lo, hi = (int(values.min()), int(values.max())) if values.size else (0, 0)
    lo, hi = lo * HEADROOM, hi * HEADROOM
    for fmt in _WIDTHS:
        info = np.iinfo(np.dtype(fmt))
        if info.min <= lo and hi <= info.max:
            return fmt
    return _WIDTHS[-1]


def _record(formats: Sequence[str]) -> np.dtype[Any]:
    """One member's packed row: slot i is field "s<i>" (no padding)."""
    return np.dtype({"names": [f"s{i}" for i in range(len(formats))], "formats": list(formats)})


def row_bytes(rows: np.ndarray) -> list[bytes]:
    """Each member's packed row as bytes, as stored in snapshot_members.reason_data (one C call)."""
    if rows.dtype.itemsize == 0:
        return [b""] * rows.size
    return rows.view(np.dtype((np.void, rows.dtype.itemsize))).tolist()  # type: ignore[no-any-return]


# ---- reading --------------------------------------------------------------------------------------

QT_TRANSLATE_NOOP("reasons", "today")
QT_TRANSLATE_NOOP("reasons", "yesterday")
QT_TRANSLATE_NOOP("reasons", "{days} days ago")


def _format(template: str, values: dict[str, Any], language: str | None) -> str:
    """The translated template filled in; the English one if a translation does not fit the values."""
    try:
        return translate("reasons", template, language).format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


def _days_ago(days: int, language: str | None) -> str:
    if days < 0:
        return ""
    if days == 0:
        return translate("reasons", "today", language)
    if days == 1:
        return translate("reasons", "yesterday", language)
    return _format("{days} days ago", {"days": days}, language)


def _value(spec: Mapping[str, Any], layout: Mapping[str, Any], row: Sequence[int], symbol: str,
           language: str | None, depth: int) -> Any:
    kind = spec["kind"]
    if kind == "reason":
        return render(layout, row, spec["ref"], symbol, language, depth + 1)
    if kind == "phrase":
        return _format(spec["template"], dict(spec.get("values") or {}), language)
    raw: Any = row[spec["slot"]] if "slot" in spec else spec.get("value")
    if kind == "number":
        scale = spec.get("scale", 1)
        return raw / scale if scale != 1 else raw
    if kind == "money":
        return format_cents(int(raw), symbol)
    if kind in ("label", "text"):
        if "list" in spec:
            labels = layout["lists"][spec["list"]]
            raw = labels[raw] if 0 <= raw < len(labels) else ""
        if kind == "label" and raw:
            return translate(spec.get("context", "reasons"), str(raw), language)
        return "" if raw is None else str(raw)
    if kind == "days_ago":
        return _days_ago(int(raw), language)
    raise ValueError(f"unknown reason field kind {kind!r}")


def render(layout: Mapping[str, Any], row: Sequence[int], name: str, symbol: str = "¥",
           language: str | None = None, depth: int = 0) -> str:
    """Member `row`'s reason of classification `name` in the current (or given) language; "" if none."""
    table = layout.get("reasons", {}).get(name)
    if table is None or depth > 3:
        return ""
    kind = row[table["code"]]
    if not 0 <= kind < len(table["kinds"]):
        return ""
    texts = []
    for part_index in table["kinds"][kind]:
        part = table["parts"][part_index]
        values = {k: _value(spec, layout, row, symbol, language, depth) for k, spec in part["fields"].items()}
        texts.append(_format(part["template"], values, language))
    return SEPARATOR.join(texts)


def render_all(layout: Mapping[str, Any], row: Sequence[int], symbol: str = "¥",
               language: str | None = None) -> dict[str, str]:
    """Every reason of one member's row, keyed by classification."""
    return {name: render(layout, row, name, symbol, language) for name in layout.get("reasons", {})}


def decode_row(layout: Mapping[str, Any], data: bytes) -> tuple[int, ...]:
    """One member's stored row (see row_bytes) as Python ints, slot by slot."""
    record = _record(layout.get("formats", ()))
    if record.itemsize == 0 or len(data) != record.itemsize:
        return ()
    return tuple(np.frombuffer(data, dtype=record)[0].tolist())


# ---- one member rewritten in place --------------------------------------------------------------


def encode_into(
    layout: Mapping[str, Any], reasons: Mapping[str, Reasons], row: bytes, keep: Sequence[str] = ()
) -> bytes | None:
    """One member's reasons (1-member Reasons) packed into a stored snapshot's layout, over `row`.

    The reasons named in `keep` keep their stored values.  None when the member's new reasons do
    not fit the layout: a template, kind or fixed value differs, a value is too wide for its slot,
    or two fields that share a slot now differ; the caller then classifies the whole shop again.
    """
    formats = list(layout.get("formats", []))
    dtype = _record(formats)
    if len(row) != dtype.itemsize:
        return None
    record = np.frombuffer(row, dtype=dtype).copy()
    table = layout.get("reasons", {})
    lists = layout.get("lists", [])
    values: dict[int, int] = {}

    def put(slot: int, value: int) -> bool:
        if values.get(slot, value) != value:
            return False
        values[slot] = value
        return True

    for name, r in reasons.items():
        if name in keep:
            continue
        stored = table.get(name)
        if stored is None or r.code.size != 1 or stored["kinds"] != [list(k) for k in r.kinds]:
            return None
        if len(stored["parts"]) != len(r.parts) or not put(int(stored["code"]), int(r.code[0])):
            return None
        for stored_part, part in zip(stored["parts"], r.parts, strict=True):
            if stored_part["template"] != part.template or set(stored_part["fields"]) != set(part.fields):
                return None
            for key, f in part.fields.items():
                if not _put_field(stored_part["fields"][key], f, lists, put):
                    return None
    for name in keep:  # a kept reason's slots must not be changed under it
        stored = table.get(name)
        for slot in _slots_of(stored) if stored else ():
            if slot in values and values[slot] != int(record[f"s{slot}"][0]):
                return None
    for slot, value in values.items():
        info = np.iinfo(np.dtype(formats[slot]))
        if not info.min <= value <= info.max:
            return None
        record[f"s{slot}"] = value
    return row_bytes(record)[0]


def _put_field(spec: Mapping[str, Any], f: Field, lists: Sequence[Any], put: Callable[[int, int], bool]) -> bool:
    if spec.get("kind") != f.kind:
        return False
    if f.kind == "reason":
        return bool(spec.get("ref") == f.value.name)
    if f.kind == "phrase":
        return bool(spec.get("template") == f.value.template and spec.get("values") == dict(f.value.values))
    if spec.get("scale", 1) != f.scale:
        return False
    if f.kind == "label" and spec.get("context", "reasons") != f.context:
        return False
    if "slot" in spec:
        if "list" in spec and list(lists[spec["list"]]) != list(f.labels):
            return False
        raw = np.ravel(f.value) if f.per_member else np.array([f.value])
        if raw.size != 1 or (raw.dtype.kind == "f" and not float(raw[0]).is_integer()):
            return False
        return put(int(spec["slot"]), int(raw[0]))
    value = np.ravel(f.value)[0].item() if f.per_member else f.value
    return bool(spec.get("value") == value)


def _slots_of(stored: Mapping[str, Any]) -> list[int]:
    out = [int(stored["code"])]
    for part in stored["parts"]:
        out.extend(int(spec["slot"]) for spec in part["fields"].values() if "slot" in spec)
    return out
