"""The database: models, engine and sessions, migrations, backups and the bulk writer.  Below the
services, beside engine and io; what other layers need from here the services hand on."""
