"""The use cases, one transaction each, split by domain (importing, classification, campaigns, members,
sales, shop, reports).  The GUI and the CLI call only these; they call engine, db and io below them,
never Qt (README "Development", tests/test_floor_plan.py)."""
