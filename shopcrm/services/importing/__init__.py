"""Importing sales and member sheets: preview, mapping memory, the run, undo and review of a batch.

The one entry point is `run.import_file` (and `run.preview_file` for the wizard's preview)."""
