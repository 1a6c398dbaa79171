"""Refresh the translation catalogues from the source and compile them.

    python resources/translations/update.py            lupdate over shopcrm/, then lrelease -> .qm
    python resources/translations/update.py --todo     also list the Chinese messages still unfinished
    python resources/translations/update.py --apply F  fill Chinese translations from a JSON file
                                                       [{"context", "source", "translation"}, ...]
    python resources/translations/update.py --check    exit 1 if a Chinese message is unfinished

The .ts files are the catalogue (Qt Linguist opens them); the .qm files are what Qt loads.
shopcrm.i18n reads the finished translations of the .ts directly for the non-Qt layers.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIR = ROOT / "shopcrm"
LANGUAGES = ("zh_CN", "en")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")


def _tool(name: str) -> str:
    """pyside6-lupdate/-lrelease from the running interpreter's environment, else from PATH."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 in this environment")
    return found


def ts_path(language: str) -> Path:
    return HERE / f"shopcrm_{language}.ts"


def lupdate() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    for language in LANGUAGES:
        cmd = [_tool("pyside6-lupdate"), *sources, "-source-language", "en", "-target-language", language,
               "-no-obsolete", "-locations", "none", "-ts", str(ts_path(language))]
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def lrelease() -> None:
    for language in LANGUAGES:
        ts = ts_path(language)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                       stdout=subprocess.DEVNULL)


def translation_text(tr: ET.Element) -> str:
    """The text of a <translation>; for a plural (%n) message, its forms joined (Chinese has one)."""
    forms = tr.findall("numerusform")
    if forms:
        return "\n".join(f.text or "" for f in forms) if all((f.text or "").strip() for f in forms) else ""
    return tr.text or ""


def messages(language: str) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation> element) of every message in that catalogue."""
    root = ET.parse(ts_path(language)).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None:
                out.append((name, msg.findtext("source") or "", tr))
    return out


def placeholders(text: str) -> list[str]:
    return sorted(m.split(":")[0].split("!")[0].strip("{}") for m in PLACEHOLDER.findall(text))


def unfinished(language: str = "zh_CN") -> list[dict[str, str]]:
    return [
        {"context": c, "source": s, "translation": translation_text(tr)}
        for c, s, tr in messages(language)
        if tr.get("type") in ("unfinished",) or not translation_text(tr).strip()
    ]


def apply(path: Path, language: str = "zh_CN") -> int:
    """Write translations from JSON into the .ts (marking them finished); returns how many."""
    wanted = {(d["context"], d["source"]): d["translation"] for d in json.loads(path.read_text("utf-8"))}
    tree = ET.parse(ts_path(language))
    count = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            key = (name, msg.findtext("source") or "")
            tr = msg.find("translation")
            if key in wanted and tr is not None and wanted[key].strip():
                forms = tr.findall("numerusform")
                if forms:
                    for form in forms:
                        form.text = wanted[key]
                else:
                    tr.text = wanted[key]
                tr.attrib.pop("type", None)
                count += 1
    _write_ts(tree, ts_path(language))
    return count


def _write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--todo", action="store_true", help="print unfinished Chinese messages as JSON")
    parser.add_argument("--apply", type=Path, help="fill Chinese translations from this JSON file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a Chinese message is unfinished")
    args = parser.parse_args(argv)
    if args.apply:
        print(f"applied {apply(args.apply)} translations", file=sys.stderr)
    lupdate()
    lrelease()
    todo = unfinished()
    if args.todo:
        print(json.dumps(todo, ensure_ascii=False, indent=1))
    print(f"{len(messages('zh_CN'))} messages, {len(todo)} unfinished in Chinese", file=sys.stderr)
    return 1 if args.check and todo else 0


if __name__ == "__main__":
    sys.exit(main())
