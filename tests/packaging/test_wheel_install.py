"""`python -m build` makes a wheel that installs into a fresh virtual env and passes `selftest`.

Slow: the fresh env installs every dependency (PySide6, numpy, scipy, matplotlib ...) with pip,
from pip's cache when the machine has filled it before.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging_helpers import ROOT, clean_env, ensure_tool

from shopcrm import __version__

pytestmark = pytest.mark.slow


def test_wheel_installs_into_a_fresh_venv_and_passes_selftest(tmp_path: Path) -> None:
    ensure_tool("build", "build>=1.2")
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob(f"shopcrm-{__version__}-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("shopcrm/resources/translations/shopcrm_zh_CN.qm", "shopcrm/resources/translations/shopcrm_zh_CN.ts",
                     "shopcrm/resources/icons/shopcrm.svg", "shopcrm/db/migrations/env.py",
                     "shopcrm/db/migrations/script.py.mako", "shopcrm/db/migrations/versions/0001_initial_schema.py"):
        assert required in names
    assert not [n for n in names if n.startswith("shopcrm/resources/") and n.endswith((".py", ".pyc"))]
    assert not [n for n in names if n.startswith(("tests/", "packaging/"))]

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(HOME=str(home))
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                               capture_output=True, text=True, env=env, timeout=1800)
    assert installed.returncode == 0, installed.stderr[-2000:]

    result = subprocess.run([str(venv / "bin" / "shopcrm"), "selftest"], capture_output=True, text=True,
                            env=env, cwd=home, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    site_resources = next(venv.glob("lib/python3*/site-packages/shopcrm/resources"))
    assert f"resources {site_resources}" in result.stdout  # the wheel's copy, not this checkout's
    assert result.stdout.splitlines()[-1].startswith("selftest passed")
    assert str(ROOT) not in result.stdout
