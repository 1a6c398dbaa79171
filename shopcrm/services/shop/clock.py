"""The shop's clock: local, timezone-naive time to the second, as every record stores it."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """Shop-local naive time, to the second."""
    return dt.datetime.now().replace(microsecond=0)
