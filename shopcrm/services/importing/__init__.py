"""Importing sales and member sheets: preview, mapping memory, the run, undo and review of a batch.

The one entry point is `run.import_file` (and `preview.preview_file` for the wizard's preview); the
sales, member and ratings importers share options.py, preview.py, mapping.py, conventions.py, rows.py
and batches.py."""
