"""Entry point of the frozen app: the same `shopcrm` command line, GUI when no command is given.

A windowed Windows executable has no console, so sys.stdout/stderr are None there; writing to them
would crash a command started from a shortcut.  They go to the null device instead.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from shopcrm.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
