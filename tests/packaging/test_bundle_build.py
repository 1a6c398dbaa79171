"""The Linux app: built by packaging/build.py, then run as a shop owner's PC would run it.

One slow test (the build takes a minute or more of CPU): build, check that nothing unused went
in, run `selftest` from a moved copy in a clean environment, then run it inside a minimal Debian
root (debootstrap: no Python at all, only the desktop's OpenGL libraries and a Chinese font
added), which is what "starts on a clean machine" means for a Linux shop PC.  The Debian root is
made on a background thread while PyInstaller works, and kept in ~/.cache for the next run.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import appinfo
import pytest
from packaging_helpers import PACKAGING, ROOT, clean_env, ensure_tool, shared_lock

from shopcrm import __version__

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")]

STEPS = ("environment", "database", "demo shop", "classify", "main window", "chart", "pdf list", "bundle")
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


def check_moved_bundle_runs_its_selftest(bundle: Path, tmp_path: Path) -> None:
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


def _pyz_modules(work: Path) -> set[str]:
    """The Python modules frozen into the app, from PyInstaller's table of contents."""
    toc = work / "shopcrm" / "PYZ-00.toc"
    entries = ast.literal_eval(toc.read_text(encoding="utf-8"))
    return {entry[0] for entry in entries[-1]}


def check_bundle_is_lean(bundle: Path, work: Path) -> None:
    internal = bundle / "_internal"
    modules = _pyz_modules(work)
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


def _debian_root() -> Path:
    """A minimal Debian of the build machine's release plus DEBIAN_DESKTOP_PACKAGES, kept in the
    user's cache between runs (about 100 s to make, 250 MB)."""
    codename = _debian_codename()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shopcrm-tests"
    root = cache / f"debian-{codename}-{'-'.join(DEBIAN_DESKTOP_PACKAGES)}"
    with shared_lock(cache / "debian-root.lock"):  # another test run on this machine may be making it
        if (root / ".ready").exists():
            return root
        _install_debootstrap()
        shutil.rmtree(root, ignore_errors=True)
        mirror = os.environ.get("SHOPCRM_DEBIAN_MIRROR", "http://deb.debian.org/debian")
        subprocess.run(["debootstrap", "--variant=minbase", codename, str(root), mirror], check=True,
                       stdout=subprocess.DEVNULL, timeout=1200)
        shutil.copyfile("/etc/resolv.conf", root / "etc" / "resolv.conf")
        subprocess.run(["chroot", str(root), "sh", "-c",
                        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                        "--no-install-recommends " + " ".join(DEBIAN_DESKTOP_PACKAGES)
                        + " && apt-get clean && rm -rf /var/lib/apt/lists/*"],
                       check=True, stdout=subprocess.DEVNULL, timeout=1200)
        (root / ".ready").write_text(codename + "\n", encoding="utf-8")
    return root


class DebianRoot(threading.Thread):
    """Makes (or finds) the Debian root while the bundle builds; `result()` waits for it."""

    def __init__(self) -> None:
        super().__init__(name="debian-root", daemon=True)
        self.root: Path | None = None
        self.error: BaseException | None = None
        self.started_at = time.perf_counter()
        self.seconds = 0.0

    def run(self) -> None:
        try:
            self.root = _debian_root()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            self.error = exc
        self.seconds = time.perf_counter() - self.started_at

    def result(self) -> Path:
        self.join(timeout=2400)
        if self.error is not None:
            raise self.error
        assert self.root is not None, "the Debian root was not made in time"
        return self.root


def check_bundle_on_minimal_debian(bundle: Path, root: Path) -> None:
    has_python = subprocess.run(["chroot", str(root), "sh", "-c", "command -v python3 || ls -d /usr/lib/python3*"],
                                capture_output=True, text=True)
    assert has_python.returncode != 0, f"the Debian root has Python: {has_python.stdout}"
    target = root / "opt" / f"ShopCRM-{os.getpid()}"
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


def test_linux_bundle_builds_lean_and_runs_on_a_clean_debian(tmp_path: Path) -> None:
    ensure_tool("PyInstaller", "pyinstaller>=6.10")
    cannot = _can_build_debian_root()
    debian = None if cannot else DebianRoot()
    if debian is not None:
        debian.start()
    dist, work = tmp_path / "dist", tmp_path / "work"
    started = time.perf_counter()
    built = subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist), "--work", str(work)],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    print(f"bundle built in {time.perf_counter() - started:.0f} s")
    bundle = dist / "ShopCRM"

    check_bundle_is_lean(bundle, work)
    check_moved_bundle_runs_its_selftest(bundle, tmp_path)
    if debian is None:
        warnings.warn(f"the bundle was not tried on a minimal Debian: {cannot}", stacklevel=1)
        return
    root = debian.result()
    print(f"Debian root ready after {debian.seconds:.0f} s")
    check_bundle_on_minimal_debian(bundle, root)
