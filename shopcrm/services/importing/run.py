"""The one entry point of an import: `import_file` picks the sales, member or ratings importer.

    result = import_file(db, path, "sales", ImportOptions(progress=..., cancel=token))

Everything is validated before the transaction; the rows are written in ONE transaction (so a
cancel or any failure leaves nothing half-written) after a backup, and the batch can be undone
(undo.py).  The shared machinery is in sheets.py.
"""

from __future__ import annotations

from pathlib import Path

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.importing.members import import_members
from shopcrm.services.importing.ratings import import_ratings
from shopcrm.services.importing.sales import import_sales
from shopcrm.services.importing.sheets import ImportOptions, ImportResult, check_options, without_cyclic_gc


def import_file(db: Database, path: str | Path, kind: str, options: ImportOptions | None = None) -> ImportResult:
    """Import a sales, members or ratings sheet (see the module doc).  Raises ShopError for a bad file."""
    options = options or ImportOptions()
    check_options(options)
    if kind == "sales":
        with without_cyclic_gc():
            return import_sales(db, path, options)
    if kind == "members":
        with without_cyclic_gc():
            return import_members(db, path, options)
    if kind == "ratings":
        return import_ratings(db, path, options)
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown import kind {kind}."), "kind", kind=kind)
