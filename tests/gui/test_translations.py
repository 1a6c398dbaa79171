"""The Chinese catalogue is complete and every translation keeps its {placeholders}."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from shopcrm.i18n import translate, translations_dir

pytestmark = pytest.mark.gui

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}")
ACCELERATOR = re.compile(r"&[A-Za-z0-9]")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None, f"{name}: {msg.findtext('source')!r} has no <translation>"
            out.append((name, msg.findtext("source") or "", tr))
    return out


def test_every_chinese_message_is_finished_with_matching_placeholders() -> None:
    messages = _messages(translations_dir() / "shopcrm_zh_CN.ts")
    assert len(messages) > 500
    problems = []
    for context, source, tr in messages:
        forms = tr.findall("numerusform")  # a plural (%n) message: Chinese has one form
        text = (forms[0].text or "") if forms else (tr.text or "")
        if tr.get("type") in ("unfinished", "obsolete", "vanished") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated")
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: placeholders differ in {source!r} -> {text!r}")
        if ACCELERATOR.search(source) and "&" not in text:
            problems.append(f"{context}: keyboard accelerator lost in {source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_english_catalogue_lists_the_same_messages() -> None:
    zh = {(c, s) for c, s, _ in _messages(translations_dir() / "shopcrm_zh_CN.ts")}
    en = {(c, s) for c, s, _ in _messages(translations_dir() / "shopcrm_en.ts")}
    assert zh == en


def test_compiled_catalogue_is_what_qt_loads(qapp: Any) -> None:
    from PySide6.QtCore import QTranslator

    qm = translations_dir() / "shopcrm_zh_CN.qm"
    ts = translations_dir() / "shopcrm_zh_CN.ts"
    translator = QTranslator()
    assert translator.load(str(qm))
    for context, source, tr in _messages(ts):
        forms = tr.findall("numerusform")
        if forms:
            expected = (forms[0].text or "").replace("%n", "3")
            assert translator.translate(context, source, None, 3).replace("%n", "3") == expected
            continue
        assert translator.translate(context, source) == tr.text, f"{qm.name} is stale: run update.py ({source!r})"


def test_services_read_the_same_catalogue() -> None:
    assert translate("errors", "An amount is required.", "zh_CN") == "请填写金额。"
    assert translate("levels", "Gold", "zh_CN") == "金卡"
    assert translate("errors", "An amount is required.", "en") == "An amount is required."


def test_update_script_knows_placeholders() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("update", translations_dir() / "update.py")
    assert spec and spec.loader
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    assert update.placeholders("{a} and {b:.1f} of {a}") == ["a", "a", "b"]
