"""Members screen: the table over every member, filters, add/edit, detail."""
