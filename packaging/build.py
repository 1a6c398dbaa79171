"""Build the ShopCRM app a shop owner installs, for the OS this runs on.

    python packaging/build.py [--selftest] [--installer] [--dist DIR] [--work DIR]

Steps: make the icons from resources/icons/shopcrm.svg, run PyInstaller on packaging/shopcrm.spec
(one-folder app in dist/ShopCRM, plus dist/ShopCRM.app on macOS), then optionally
  --selftest   run the built app's `selftest` (window offscreen, demo shop, chart, PDF),
  --installer  wrap it for the shop's PC: Windows setup .exe (Inno Setup's iscc), macOS .dmg
               (hdiutil), Linux .tar.gz with a desktop-menu installer.
Prints the app's size and the build time.  Needs PyInstaller in the same environment as ShopCRM
(`pip install pyinstaller`); see packaging/README.md for each OS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import appinfo  # noqa: E402

IS_WINDOWS = sys.platform.startswith("win")
IS_MACOS = sys.platform == "darwin"


def say(text: str) -> None:
    print(f"build: {text}", flush=True)


def folder_size(path: Path) -> int:
    """Bytes in a folder, counting each file once (symlinks inside a bundle are not followed)."""
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def app_executable(dist: Path) -> Path:
    """The built program to run from a terminal (a console one on Windows)."""
    if IS_WINDOWS:
        return dist / appinfo.APP_NAME / "shopcrm-cli.exe"
    if IS_MACOS:
        return dist / f"{appinfo.APP_NAME}.app" / "Contents" / "MacOS" / appinfo.APP_NAME
    return dist / appinfo.APP_NAME / "shopcrm"


def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        sys.exit("build: PyInstaller is not installed here; run: python -m pip install pyinstaller")
    env = dict(os.environ, SHOPCRM_GENERATED_DIR=str(work))
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(HERE / "shopcrm.spec")]
    say(" ".join(cmd))
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)


def add_linux_desktop_files(app_dir: Path, icons: Path) -> None:
    """The menu entry and its icon beside the program, with the script that installs them."""
    shutil.copy2(icons / "shopcrm.png", app_dir / "shopcrm.png")
    shutil.copy2(HERE / "linux" / "shopcrm.desktop.in", app_dir / "shopcrm.desktop.in")
    target = app_dir / "install-menu-entry.sh"
    shutil.copy2(HERE / "linux" / "install-menu-entry.sh", target)
    target.chmod(0o755)


def strip_debug_info(app_dir: Path) -> int:
    """Linux: drop the debug sections of bundled libraries that carry them (libpython, kiwisolver,
    SQLAlchemy's Cython modules: about 35 MB), returning the bytes saved.

    PyInstaller's own strip option is not used: it strips every file, and a library that auditwheel
    patched (RUNPATH $ORIGIN/..., e.g. numpy's OpenBLAS) is corrupted by that and fails to load.
    Such libraries are left alone here."""
    if not (shutil.which("strip") and shutil.which("readelf")):
        say("strip/readelf not found (binutils): debug sections stay")
        return 0
    saved = 0
    for path in sorted(app_dir.rglob("*.so*")):
        if not path.is_file() or path.is_symlink():
            continue
        info = subprocess.run(["readelf", "-S", "-d", "-W", str(path)], capture_output=True, text=True)
        if info.returncode != 0 or " .debug_" not in info.stdout:
            continue
        if any("$ORIGIN" in line for line in info.stdout.splitlines() if "PATH" in line):
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def run_selftest(dist: Path) -> None:
    exe = app_executable(dist)
    say(f"{exe} selftest")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    result = subprocess.run([str(exe), "selftest"], env=env, cwd=dist)
    if result.returncode != 0:
        sys.exit(f"build: the built app's selftest failed (exit {result.returncode})")


def make_installer(dist: Path, icons: Path) -> Path:
    version = appinfo.version()
    if IS_WINDOWS:
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        default = Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
        if not iscc and default.exists():
            iscc = str(default)
        if not iscc:
            sys.exit("build: Inno Setup 6 (ISCC.exe) not found; install it from jrsoftware.org or add it to PATH")
        signing = []
        sign_command = os.environ.get("SHOPCRM_SIGNTOOL")  # e.g. signtool sign /fd sha256 /tr <timestamp url> /td sha256 /a $f
        if sign_command:
            signing = [f"/Ssigntool={sign_command}", "/DSignTool=signtool"]
        subprocess.run([iscc, f"/DAppVersion={version}", f"/DDistDir={dist / appinfo.APP_NAME}",
                        f"/DIconFile={icons / 'shopcrm.ico'}", f"/O{dist}", *signing,
                        str(HERE / "windows" / "shopcrm.iss")], check=True)
        return dist / f"ShopCRM-{version}-setup.exe"
    if IS_MACOS:
        target = dist / f"ShopCRM-{version}.dmg"
        target.unlink(missing_ok=True)
        subprocess.run(["hdiutil", "create", "-volname", "ShopCRM", "-srcfolder", str(dist / "ShopCRM.app"),
                        "-ov", "-format", "UDZO", str(target)], check=True)
        return target
    machine = os.uname().machine
    target = dist / f"ShopCRM-{version}-linux-{machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(dist / appinfo.APP_NAME, arcname=f"ShopCRM-{version}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the ShopCRM app for this OS with PyInstaller.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--selftest", action="store_true", help="run the built app's selftest")
    parser.add_argument("--installer", action="store_true", help="also make the setup .exe / .dmg / .tar.gz")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    icons = work / "icons"

    started = time.perf_counter()
    from make_icons import make_icons

    make_icons(icons)
    run_pyinstaller(dist, work)
    app_dir = dist / appinfo.APP_NAME
    if not IS_WINDOWS and not IS_MACOS:
        saved = strip_debug_info(app_dir)
        say(f"stripped debug sections: {saved / 2**20:.0f} MiB")
        add_linux_desktop_files(app_dir, icons)
    built = time.perf_counter() - started
    size = folder_size(dist / (f"{appinfo.APP_NAME}.app" if IS_MACOS else appinfo.APP_NAME))
    say(f"built {app_executable(dist)} in {built:.0f} s; app size {size / 2**20:.0f} MiB")
    if args.selftest:
        run_selftest(dist)
    if args.installer:
        target = make_installer(dist, icons)
        say(f"installer {target} ({target.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
