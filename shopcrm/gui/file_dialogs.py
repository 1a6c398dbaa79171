"""Where the file dialogs open: the folder the owner last chose a file in, else Documents, else home.

Qt starts a dialog given a bare name in the process's working directory, which for a program
started from a desktop icon is the install folder or the system folder: an export saved there is
hard to find again.  Remembered per PC (window.ini), like the window's size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from shopcrm.gui.window_state import remember, remembered

FOLDER_KEY = "files/last_folder"


def start_folder() -> Path:
    """The last folder a file was chosen in, if it still exists; else Documents; else home."""
    last = remembered(FOLDER_KEY)
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _chosen(name: str) -> str:
    if name:
        remember(FOLDER_KEY, str(Path(name).parent))
    return name


def ask_save_name(parent: QWidget | None, caption: str, file_name: str, file_filter: str) -> str:
    """The path to save to ('' when cancelled), offered as `file_name` in start_folder()."""
    name, _filter = QFileDialog.getSaveFileName(parent, caption, str(start_folder() / file_name), file_filter)
    return _chosen(name)


def ask_open_name(parent: QWidget | None, caption: str, file_filter: str) -> str:
    """The file to open ('' when cancelled), starting in start_folder()."""
    name, _filter = QFileDialog.getOpenFileName(parent, caption, str(start_folder()), file_filter)
    return _chosen(name)
