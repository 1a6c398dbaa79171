"""Counter screen: find a member, ring up a sale, register a member, keyboard only."""
