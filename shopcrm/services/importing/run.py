"""The one entry point of an import: `import_file` picks the sales, member or ratings importer.

    result = import_file(db, path, "sales", ImportOptions(progress=..., cancel=token))

Everything is validated before the transaction; the rows are written in ONE transaction (so a
cancel or any failure leaves nothing half-written) after a backup, and the batch can be undone
(undo.py).  The shared machinery: options.py (what an import takes and gives back), preview.py
(headers and mappings found; mapping.py remembers them), conventions.py (date order, decimal mark),
rows.py (the row loop) and batches.py (backup, batch row, rejects file).
"""

from __future__ import annotations

from pathlib import Path

from shopcrm.db.engine import Database
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.services.importing.batches import without_cyclic_gc
from shopcrm.services.importing.members import import_members
from shopcrm.services.importing.options import ImportOptions, ImportResult, check_options
from shopcrm.services.importing.ratings import import_ratings
from shopcrm.services.importing.sales import import_sales


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
