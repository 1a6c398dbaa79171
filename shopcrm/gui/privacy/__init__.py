"""Privacy screens behind the owner password: a member's data export and consent history, the audit log."""
