"""Fixtures of the packaging tests: PyInstaller from PyPI and the app bundle, built once per run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from packaging_helpers import PACKAGING, ROOT, ensure_tool, shared_dir, shared_lock


@pytest.fixture(scope="session")
def pyinstaller() -> None:
    """PyInstaller is a build tool, not a dependency of the app: installed here when missing."""
    ensure_tool("PyInstaller", "pyinstaller>=6.10")


@pytest.fixture(scope="session")
def bundle(pyinstaller: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ShopCRM made by packaging/build.py, once per test run whatever the number of workers."""
    out = shared_dir(tmp_path_factory, "shopcrm-bundle")
    with shared_lock(shared_dir(tmp_path_factory, "shopcrm-bundle.lock")):
        if not (out / "built").exists():
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, str(PACKAGING / "build.py"), "--dist", str(out / "dist"), "--work", str(out / "work")],
                cwd=ROOT, capture_output=True, text=True, timeout=1800)
            assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
            (out / "built").write_text(f"{time.perf_counter() - started:.0f} s\n", encoding="utf-8")
    return out / "dist" / "ShopCRM"
