"""Where the program finds its resources and where a shop's data lives on each OS."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "ShopCRM"


def resource_dir() -> Path:
    """The resources folder (translations, icons, fonts, sample sheets).

    Looked for where each way of shipping puts it: inside the installed package (the wheel maps the
    checkout's top-level resources/ to shopcrm/resources), beside a frozen app's modules
    (PyInstaller's sys._MEIPASS), and finally the top-level folder of a source checkout.
    """
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base and (Path(frozen_base) / "resources").is_dir():
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """Per-user folder for the shop's database and backups (created on demand)."""
    override = os.environ.get("SHOPCRM_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_DIR_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "shopcrm"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_database_path() -> Path:
    return data_dir() / "shop.db"


def default_backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path
