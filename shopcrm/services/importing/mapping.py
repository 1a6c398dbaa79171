"""Header mapping memory: which column holds which field, as the owner chose it, checked and
remembered per header layout so that the next file laid out alike needs no mapping again.

Kept apart from the sheet reader because the wizard, the CLI's --mapping file and the price-list
import all check and store mappings the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from shopcrm.db.engine import Database
from shopcrm.db.models import HeaderMapping
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.headers import (
    FIELD_LABELS,
    IGNORE,
    REASON,
    column_index,
    fields_for,
    layout_key,
    normalise_header,
)


def field_label(name: str) -> str:
    return translate("fields", FIELD_LABELS.get(name, name))


def remembered_mapping(db: Database, kind: str, headers: Sequence[str]) -> dict[int, str] | None:
    key = layout_key(kind, headers)
    with db.read() as s:
        row = s.get(HeaderMapping, key)
        if row is None or row.kind != kind:
            return None
        return {int(c): f for c, f in row.mapping.items()}


def save_header_mapping(db: Database, kind: str, headers: Sequence[str], mapping: dict[int, str]) -> str:
    """Remember the owner's mapping for this header layout; the next file laid out alike uses it."""
    clean = validate_mapping(kind, mapping, len(headers))
    key = layout_key(kind, headers)
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        row = s.get(HeaderMapping, key)
        stored = {str(c): f for c, f in sorted(clean.items())}
        if row is None:
            s.add(HeaderMapping(layout_key=key, kind=kind, mapping=stored, updated_at=now))
        else:
            row.kind, row.mapping, row.updated_at = kind, stored, now
    return key


def _mapping_error(text: str, **params: Any) -> ValidationError:
    """A ValidationError of the "mapping" field whose message names a {field}: passed as a keyword,
    that name collided with ValidationError's own `field` argument (a TypeError, not a message)."""
    error = ValidationError(text, "mapping")
    error.params.update(params)
    error.args = (error.message("en"),)
    return error


def validate_mapping(kind: str, mapping: dict[int, str], width: int | None = None) -> dict[int, str]:
    known = set(fields_for(kind)) | {IGNORE, REASON}
    seen: set[str] = set()
    clean: dict[int, str] = {}
    for col, name in mapping.items():
        if name not in known:
            raise _mapping_error(
                QT_TRANSLATE_NOOP("errors", "\"{field}\" is not a field of a {kind} sheet. Known fields: {known}."),
                field=name,
                kind=kind,
                known=", ".join(sorted(fields_for(kind))),
            )
        if col < 0 or (width is not None and col >= max(width, 1) + 50):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Column {column} is outside the sheet."), "mapping", column=col + 1)
        if name not in (IGNORE, REASON):
            if name in seen:
                raise _mapping_error(QT_TRANSLATE_NOOP("errors", "Two columns are mapped to {field}."), field=field_label(name))
            seen.add(name)
        clean[int(col)] = name
    return clean


def mapping_from_headers(kind: str, headers: Sequence[str], spec: dict[str, str | None]) -> dict[int, str]:
    """--mapping FILE: {"header text" or "C": "field" or null}; {"field": "header"} is accepted too."""
    known = set(fields_for(kind))
    if spec and all(k in known for k in spec) and not all((v in known or v is None) for v in spec.values()):
        spec = {str(v): k for k, v in spec.items() if v is not None}
    normalised = [normalise_header(h) for h in headers]
    out: dict[int, str] = {}
    for key, value in spec.items():
        target = normalise_header(key)
        col = normalised.index(target) if target in normalised else None
        if col is None:
            letter = column_index(key.strip())
            if letter is not None and letter < max(len(headers), 1):
                col = letter
        if col is None:
            continue
        out[col] = IGNORE if value in (None, "", IGNORE) else str(value)
    return out
