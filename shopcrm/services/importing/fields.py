"""The fields a sheet's columns can be imported as, for the wizard's column step.

The GUI imports only services: what it needs of the header table (shopcrm.io.headers) comes
through here, together with the checks of a column mapping the owner is editing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shopcrm.io import headers

NOT_IMPORTED = headers.IGNORE  # a column left out of the import
EARLIER_REASON = headers.REASON  # the reason column of a rejected-rows file, never imported


def field_names(kind: str) -> list[str]:
    """The fields of a sheet of this kind (sales, members, ratings), in the order they are offered."""
    return list(headers.fields_for(kind))


def column_letter(index: int) -> str:
    """A 0-based column index as Excel names it (0 -> A, 27 -> AB)."""
    return headers.column_letter(index)


def imported_fields(mapping: Mapping[int, str]) -> list[str]:
    """The fields a mapping imports, in column order (left-out and reason columns are not fields)."""
    return [f for _col, f in sorted(mapping.items()) if f not in (NOT_IMPORTED, EARLIER_REASON)]


def missing_fields(kind: str, mapping: Mapping[int, str]) -> list[str]:
    """The fields a sheet of this kind needs that the mapping does not give."""
    return headers.required_missing(kind, set(imported_fields(mapping)))


def fields_chosen_twice(mapping: Mapping[int, str]) -> list[str]:
    """Fields chosen for more than one column (each field comes from one column)."""
    seen: set[str] = set()
    twice: list[str] = []
    for f in imported_fields(mapping):
        if f in seen and f not in twice:
            twice.append(f)
        seen.add(f)
    return twice


def uses_reason_column(mappings: Iterable[Mapping[int, str]]) -> bool:
    """Whether a sheet carries the reason column of an earlier rejection (re-imported rejects file)."""
    return any(EARLIER_REASON in m.values() for m in mappings)
