"""The shop itself: settings, owner password, audit log, backups and opening the database."""
