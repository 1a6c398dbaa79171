"""Where a file goes, checked before any work: the right extension, an existing writable folder.

An export that would fail at the very end (a missing folder, a read-only drive, a .csv name for a
workbook) is refused first, with the real cause, so the exit code and what was written agree.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate

# Below this much free space a write is taken to have failed for want of room.
LOW_SPACE = 1024 * 1024


def check_output_file(path: str | os.PathLike[str], suffixes: Sequence[str]) -> Path:
    """The target of an export, or ValidationError: wrong extension, a folder, a missing or read-only
    folder, a read-only file.  `suffixes` are lower case with the dot (".xlsx")."""
    target = Path(path).expanduser()
    if target.suffix.lower() not in suffixes:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "{path}: the file name must end in {suffix}."),
            "path",
            path=str(target),
            suffix=" / ".join(suffixes),
        )
    if target.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{path} is a folder, not a file name."), "path", path=str(target))
    folder = target.parent
    if not folder.exists():
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The folder {folder} does not exist."), "path", folder=str(folder)
        )
    if not folder.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{folder} is not a folder."), "path", folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Cannot write {path}: {reason}"),
            "path",
            path=str(target),
            reason=translate("errors", "ShopCRM may not write in {folder} (read-only or no permission)").format(folder=folder),
        )
    return target


def write_failure_reason(exc: BaseException, folder: Path) -> str:
    """The real cause of a failed write, in the user's language: disk full, folder missing, read-only ...

    Works on OSError and on sqlite3 errors (SQLite reports a full disk as SQLITE_FULL)."""
    import sqlite3

    code = getattr(exc, "errno", None) if isinstance(exc, OSError) else None
    sqlite_code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF if isinstance(exc, sqlite3.Error) else None
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG) or sqlite_code == 13:  # SQLITE_FULL
        return translate("errors", "the disk is full")
    if code == errno.EROFS or sqlite_code == 8:  # SQLITE_READONLY
        return translate("errors", "the drive is read-only")
    if not folder.is_dir():
        return translate("errors", "the folder {folder} does not exist").format(folder=folder)
    if code in (errno.EACCES, errno.EPERM) or not os.access(folder, os.W_OK):
        return translate("errors", "ShopCRM may not write in {folder} (read-only or no permission)").format(folder=folder)
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return translate("errors", "the disk is full")
    except OSError:
        pass
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return translate("errors", "a write error ({detail})").format(detail=detail)
