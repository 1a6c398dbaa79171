"""Translations for the layers below the GUI, read from the same Qt Linguist .ts files.

Services, the engine and the CLI must not import Qt, yet every message a shop owner sees has to
exist in Chinese and English in one catalogue.  Source strings are English; `translate(context,
text)` is recognised by pyside6-lupdate, so the strings land in resources/translations/*.ts next
to the GUI's, and this module reads the finished translations straight from that XML.
"""

from __future__ import annotations

import locale
import os
import threading
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from shopcrm.paths import resource_dir

SUPPORTED_LANGUAGES = ("zh_CN", "en")
_state = threading.local()
_default_language: list[str] = []


def normalise_language(value: str | None) -> str:
    """Map 'zh', 'zh-CN', 'zh_CN.UTF-8', 'Chinese' ... to a supported code; English otherwise."""
    if not value:
        return "en"
    v = value.strip().lower().replace("-", "_")
    if v.startswith("zh") or v.startswith("chinese") or v.startswith("简体"):
        return "zh_CN"
    return "en"


def system_language() -> str:
    env = os.environ.get("SHOPCRM_LANG")
    if env:
        return normalise_language(env)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalise_language(os.environ[var])
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalise_language(loc)


def set_language(language: str) -> None:
    """Set the process-wide language (CLI start-up, GUI language switch)."""
    _default_language[:] = [normalise_language(language)]


def current_language() -> str:
    override = getattr(_state, "language", None)
    if override:
        return str(override)
    if _default_language:
        return _default_language[0]
    return system_language()


def translations_dir() -> Path:
    return resource_dir() / "translations"


@lru_cache(maxsize=8)
def _catalogue(language: str) -> dict[tuple[str, str], str]:
    if language == "en":
        return {}
    path = translations_dir() / f"shopcrm_{language}.ts"
    if not path.exists():
        return {}
    out: dict[tuple[str, str], str] = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            if source is None or tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                out[(name, source)] = tr.text
    return out


def translate(context: str, text: str, language: str | None = None) -> str:
    """Translate `text` of `context` into the current (or given) language."""
    lang = language or current_language()
    return _catalogue(lang).get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate looks for this name
    """Mark a string for lupdate without translating it yet (tables of labels)."""
    return text
