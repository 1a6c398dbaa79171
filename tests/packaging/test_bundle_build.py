"""The PyInstaller app for this OS: built by packaging/build.py, then run as a shop owner would.

Slow (the build takes a minute or more of CPU).  The clean-Debian test runs the bundle inside a
minimal Debian root (debootstrap, no Python at all, only the desktop's OpenGL libraries and a
Chinese font added), which is what "starts on a clean machine" means for a Linux shop PC.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import appinfo
import pytest
from packaging_helpers import clean_env, shared_dir, shared_lock

from shopcrm import __version__

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")]

STEPS = ("environment", "database", "demo shop", "classify", "main window", "chart", "pdf page", "bundle")
# Room for growth, but a stray Qt WebEngine, torch or a second Qt binding would blow through it.
SIZE_CEILING_MIB = 400
# The Debian packages a desktop has that the bundle relies on: the OpenGL dispatch libraries
# (PyInstaller never bundles them, they belong to the graphics driver) and a Chinese font.
DEBIAN_DESKTOP_PACKAGES = ("libgl1", "libegl1", "fonts-wqy-microhei")


def assert_selftest_passed(result: subprocess.CompletedProcess[str]) -> None:
    lines = result.stdout.splitlines()
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    for step in STEPS:
        assert any(line.startswith(f"ok  {step} ") for line in lines), f"step {step!r} missing:\n{result.stdout}"
    assert lines[-1].startswith("selftest passed")


def test_moved_bundle_runs_its_selftest_without_the_build_environment(bundle: Path, tmp_path: Path) -> None:
    app = tmp_path / "elsewhere" / "ShopCRM"  # not where it was built: nothing may point back there
    shutil.copytree(bundle, app, symlinks=True)
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(HOME=str(home))
    version = subprocess.run([str(app / "shopcrm"), "--version"], capture_output=True, text=True, env=env, timeout=120)
    assert version.returncode == 0 and version.stdout.strip() == f"ShopCRM {__version__}"
    result = subprocess.run([str(app / "shopcrm"), "selftest"], capture_output=True, text=True, env=env,
                            cwd=home, timeout=600)
    assert_selftest_passed(result)
    assert f"resources {app / '_internal' / 'resources'}" in result.stdout
    assert not (home / ".local" / "share" / "shopcrm").exists()  # the selftest never touches the shop's data


def _pyz_modules(bundle: Path) -> set[str]:
    """The Python modules frozen into the app, from PyInstaller's table of contents."""
    toc = bundle.parent.parent / "work" / "shopcrm" / "PYZ-00.toc"
    entries = ast.literal_eval(toc.read_text(encoding="utf-8"))
    return {entry[0] for entry in entries[-1]}


def test_bundle_is_lean(bundle: Path) -> None:
    internal = bundle / "_internal"
    modules = _pyz_modules(bundle)
    assert "shopcrm.selftest" in modules and "shopcrm.gui.main_window" in modules
    excluded = set(appinfo.EXCLUDED_MODULES) | set(appinfo.excluded_qt_modules())
    assert sorted(m for m in modules if m in excluded or any(m.startswith(e + ".") for e in excluded)) == []
    backends = {m.rsplit(".", 1)[-1] for m in modules if m.startswith("matplotlib.backends.backend_")}
    assert backends <= {"backend_agg", "backend_qtagg", "backend_qt", "backend_template"}, backends
    files = {p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()}
    qt_libraries = {Path(f).name.split(".")[0] for f in files if Path(f).name.startswith("libQt6")}
    assert not qt_libraries & {"libQt6Network", "libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6WebEngineCore"}
    assert not [f for f in files if "gtk" in f.lower() or "tkinter" in f.lower() or "/geodata/" in f]
    qt_translations = sorted(Path(f).name for f in files if f.startswith("PySide6/Qt/translations/"))
    assert "qtbase_zh_CN.qm" in qt_translations and all(n.endswith("_zh_CN.qm") for n in qt_translations)
    assert (internal / "shopcrm" / "db" / "migrations" / "env.py").is_file()  # Alembic reads files
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size {size / 2**20:.0f} MiB")
    assert size < SIZE_CEILING_MIB * 2**20


def _debian_codename() -> str:
    for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip('"')
    return ""


def _can_build_debian_root() -> str | None:
    """Why the clean-Debian test cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root (debootstrap, chroot)"
    if not Path("/etc/debian_version").exists() or not _debian_codename():
        return "needs a Debian or Ubuntu build machine"
    if not shutil.which("unshare") or not shutil.which("chroot"):
        return "needs unshare and chroot (util-linux, coreutils)"
    return None


def _install_debootstrap() -> None:
    if shutil.which("debootstrap"):
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "debootstrap"],
                   check=True, env=env, timeout=600, stdout=subprocess.DEVNULL)


def _debian_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A minimal Debian of the build machine's release plus DEBIAN_DESKTOP_PACKAGES, kept in the
    user's cache between runs (about 100 s to make, 250 MB)."""
    codename = _debian_codename()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shopcrm-tests"
    root = cache / f"debian-{codename}-{'-'.join(DEBIAN_DESKTOP_PACKAGES)}"
    with shared_lock(shared_dir(tmp_path_factory, "debian-root.lock")):
        if (root / ".ready").exists():
            return root
        _install_debootstrap()
        shutil.rmtree(root, ignore_errors=True)
        mirror = os.environ.get("SHOPCRM_DEBIAN_MIRROR", "http://deb.debian.org/debian")
        started = time.perf_counter()
        subprocess.run(["debootstrap", "--variant=minbase", codename, str(root), mirror], check=True,
                       stdout=subprocess.DEVNULL, timeout=1200)
        shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
        subprocess.run(["chroot", str(root), "sh", "-c",
                        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                        "--no-install-recommends " + " ".join(DEBIAN_DESKTOP_PACKAGES)],
                       check=True, stdout=subprocess.DEVNULL, timeout=1200)
        subprocess.run(["chroot", str(root), "apt-get", "clean"], check=True)
        print(f"debian root made in {time.perf_counter() - started:.0f} s")
        (root / ".ready").write_text(codename + "\n", encoding="utf-8")
    return root


def test_bundle_starts_on_minimal_debian_without_python(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    reason = _can_build_debian_root()
    if reason:
        pytest.skip(reason)
    root = _debian_root(tmp_path_factory)
    has_python = subprocess.run(["chroot", str(root), "sh", "-c", "command -v python3 || ls -d /usr/lib/python3*"],
                                capture_output=True, text=True)
    assert has_python.returncode != 0, f"the Debian root has Python: {has_python.stdout}"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    target = root / "opt" / f"ShopCRM-{worker}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target, symlinks=True)
    try:
        # A private mount namespace: /proc inside the root disappears with the process.
        script = ('mount -t proc proc "$R/proc" && exec chroot "$R" env -i PATH=/usr/bin:/bin HOME=/root '
                  f'LANG=C.UTF-8 /opt/{target.name}/shopcrm selftest')
        result = subprocess.run(["unshare", "--mount", "--fork", "sh", "-c", script], capture_output=True,
                                text=True, env=dict(os.environ, R=str(root)), timeout=600)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    assert_selftest_passed(result)
    assert "font WenQuanYi Micro Hei" in result.stdout  # the only Chinese font there
