"""Helpers for the packaging tests: the checkout's packaging/ folder and PyInstaller from PyPI."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a shop's PC: nothing that points into this checkout or its venv."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "XDG_RUNTIME_DIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
            "PIP_FIND_LINKS", "PIP_CONFIG_FILE", "PIP_CACHE_DIR", "PIP_NO_INDEX")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.setdefault("LANG", "C.UTF-8")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def pyinstaller() -> None:
    """PyInstaller in this environment, installed from PyPI when missing (it is a build tool, not a
    dependency of the app)."""
    if importlib.util.find_spec("PyInstaller") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyinstaller>=6.10"], check=True)
        importlib.invalidate_caches()
    assert importlib.util.find_spec("PyInstaller") is not None
