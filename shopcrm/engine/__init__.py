"""The classification rules of SPEC §3: numpy/scipy over the per-member arrays the services read and
hand in.  It reads no database and no file, and knows nothing of Qt."""
