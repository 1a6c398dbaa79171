"""Files in and out: spreadsheet safety checks, readers and writers, header mapping, value and field
parsing.  Below the services, beside db and engine; no Qt."""
