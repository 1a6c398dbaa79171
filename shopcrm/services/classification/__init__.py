"""Classifying the shop: the run that stores a snapshot, and reading snapshots back for screens and the CLI."""
