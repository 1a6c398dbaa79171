"""Classifying the shop: the run that stores a snapshot, and reading snapshots back for screens and the CLI.

RuleParams (the owner's thresholds, SPEC §3) is named here so the GUI reaches the engine's type
through the services."""

from shopcrm.engine.params import RuleParams

__all__ = ["RuleParams"]
