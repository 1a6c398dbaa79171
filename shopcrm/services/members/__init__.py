"""Members and what belongs to each one: registration and edits, the members table, points, feedback, privacy."""
