"""A real X display of this test process's own: Xvfb at 1024×768 with a window manager (openbox).

Windows on one display take the keyboard from each other, so two pytest-xdist workers sharing a
display steal activation and focus from each other's tests.  With SHOPCRM_TEST_XVFB=1 every process
that runs tests (each xdist worker, or the single pytest process) starts its own server and window
manager before the QApplication exists, runs Qt on it through the xcb platform, and stops both at exit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import time

SIZE = "1024x768x24"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _window_manager_ready(display: str) -> bool:
    """openbox has taken the display once the root window names its supporting WM window."""
    shown = subprocess.run(["xprop", "-display", display, "-root", "_NET_SUPPORTING_WM_CHECK"],
                           capture_output=True, text=True, check=False)
    return shown.returncode == 0 and "window id" in shown.stdout


def start(window_manager: str = "openbox", timeout: float = 20.0) -> str:
    """Start Xvfb (a free display number it picks itself) and the window manager; return ':N'."""
    for tool in ("Xvfb", window_manager, "xprop"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"SHOPCRM_TEST_XVFB=1 needs {tool} (Debian: xvfb, openbox, x11-utils)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SIZE, "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_fd)
    atexit.register(_stop, server)
    with os.fdopen(read_fd) as announced:
        number = announced.readline().strip()  # Xvfb writes the display number once it accepts clients
    if not number:
        raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
    display = f":{number}"
    manager = subprocess.Popen([window_manager], env={**os.environ, "DISPLAY": display},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(_stop, manager)  # registered last, so it stops before the server
    deadline = time.monotonic() + timeout
    while not _window_manager_ready(display):
        if manager.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{window_manager} did not start on {display}")
        time.sleep(0.05)
    return display


def use_own_display() -> None:
    """Point Qt at a fresh display of this process (call before the QApplication is made)."""
    os.environ["DISPLAY"] = start(os.environ.get("SHOPCRM_TEST_WM", "openbox"))
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.pop("WAYLAND_DISPLAY", None)
