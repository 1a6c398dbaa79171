"""Shared by the packaging tests: paths, a clean environment, build tools from PyPI, a file lock."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))  # packaging/appinfo.py, the spec's lists


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a shop's PC: nothing that points into this checkout or its venv."""
    keep = ("HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS",
            "PIP_CONFIG_FILE", "PIP_CACHE_DIR", "PIP_NO_INDEX")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


def ensure_tool(module: str, requirement: str) -> None:
    """A build tool (PyInstaller, build) in this environment, installed from PyPI when missing."""
    if importlib.util.find_spec(module) is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", requirement], check=True, timeout=900)
        importlib.invalidate_caches()
    assert importlib.util.find_spec(module) is not None, f"{requirement} could not be installed"


@contextmanager
def shared_lock(path: Path) -> Iterator[None]:
    """One process at a time (test runs sharing a cache): the others wait, then reuse what it made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
