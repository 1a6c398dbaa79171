"""The optional owner password that guards settings, erasure, unmasked printing, personal-data
export and restore.

Stored in the settings table as an scrypt hash with a random salt (never the password), compared in
constant time.  It keeps a clerk at the counter out of the owner's functions; it does not encrypt
the database file, so whoever can copy that file can read it (the README says so).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from sqlalchemy import select

from shopcrm.db.engine import Database
from shopcrm.db.models import Setting
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.services.shop import audit
from shopcrm.services.shop.settings import load_settings, save_settings

SETTING_KEY = "owner_password"
# scrypt cost: 16 MiB and ~50 ms per check on a counter PC, far too slow for guessing at scale.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 4
MAX_LENGTH = 1024


class OwnerPasswordError(ShopError):
    """The action needs the owner password and it was missing or wrong."""


class OwnerPasswordMissing(OwnerPasswordError):
    """No password was given; the GUI asks for one, the CLI says how to give it."""

    cli_hint = QT_TRANSLATE_NOOP("cli", "Give it with --password-file FILE, SHOPCRM_OWNER_PASSWORD or --password.")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=64 * 1024 * 1024)


def hash_password(password: str) -> dict[str, Any]:
    """A fresh random salt and the scrypt hash, as stored in the settings table."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    return {"scheme": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex(), "hash": digest.hex()}


def check_password(stored: dict[str, Any], candidate: str) -> bool:
    """Constant-time comparison of scrypt(candidate) with the stored hash; False on a damaged record."""
    try:
        if stored.get("scheme") != "scrypt":
            return False
        salt = bytes.fromhex(str(stored["salt"]))
        expected = bytes.fromhex(str(stored["hash"]))
        n, r, p = int(stored["n"]), int(stored["r"]), int(stored["p"])
        if not expected or n < 2 or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16:
            return False
        digest = _derive(candidate, salt, n, r, p, len(expected))
    except (KeyError, ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


def _stored(db: Database) -> dict[str, Any] | None:
    with db.read() as s:
        row = s.get(Setting, SETTING_KEY)
        value = row.value if row is not None else None
    return value if isinstance(value, dict) and value else None


def has_owner_password(db: Database) -> bool:
    return _stored(db) is not None


def verify_owner_password(db: Database, candidate: str | None) -> bool:
    """True when no password is set, or `candidate` is it."""
    stored = _stored(db)
    if stored is None:
        return True
    if candidate is None:
        return False
    return check_password(stored, candidate)


def require_owner(db: Database, password: str | None) -> None:
    """Raise OwnerPasswordError unless no owner password is set or `password` is right.

    The GUI asks for the password before a guarded action and calls this; the CLI passes
    --password or SHOPCRM_OWNER_PASSWORD."""
    stored = _stored(db)
    if stored is None:
        return
    if password is None or password == "":
        raise OwnerPasswordMissing(QT_TRANSLATE_NOOP("errors", "This needs the owner password."))
    if not check_password(stored, password):
        raise OwnerPasswordError(QT_TRANSLATE_NOOP("errors", "The owner password is wrong."))


def _validate_new(password: str) -> str:
    if not isinstance(password, str) or not password.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The new password is empty."), "password")
    if len(password) < MIN_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The password needs at least 4 characters."), "password")
    if len(password) > MAX_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The password is too long."), "password")
    return password


def set_owner_password(db: Database, new_password: str, current_password: str | None = None) -> None:
    """Set or change the password; changing needs the current one."""
    require_owner(db, current_password)
    record = hash_password(_validate_new(new_password))
    with db.transaction() as s:
        row = s.scalars(select(Setting).where(Setting.key == SETTING_KEY).with_for_update()).first()
        changed = row is not None and bool(row.value)
        if row is None:
            s.add(Setting(key=SETTING_KEY, value=record))
        else:
            row.value = record
        audit.record_in(s, audit.PASSWORD_SET, changed=changed)


def clear_owner_password(db: Database, current_password: str | None) -> bool:
    """Remove the password (needs the current one); False when none was set."""
    require_owner(db, current_password)
    with db.transaction() as s:
        row = s.scalars(select(Setting).where(Setting.key == SETTING_KEY).with_for_update()).first()
        if row is None or not row.value:
            return False
        s.delete(row)
        audit.record_in(s, audit.PASSWORD_CLEARED)
    return True


def save_settings_as_owner(db: Database, settings: Any, password: str | None) -> Any:
    """Settings screen "Save": owner password first, then the change, recorded (which keys, not values)."""
    from dataclasses import asdict

    require_owner(db, password)
    before = asdict(load_settings(db))
    saved = save_settings(db, settings)
    changed = sorted(k for k, v in asdict(saved).items() if before.get(k) != v)
    if changed:
        audit.record(db, audit.SETTINGS_CHANGED, keys=changed)
    return saved
