"""Tiers & segments screen: every classification charted, each bar and cell opening its members."""
