"""The desktop window (PySide6, Qt Widgets).  Views call shopcrm.services only, never the database."""
