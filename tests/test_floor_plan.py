"""The floor plan of the code (README "Development"), read from the source with ast, so a change that
breaks it fails here rather than in a review: GUI -> services -> engine/db/io, one way only; no
module reaches into another's private names; a shopcrm import inside a function says why it is
late; nothing below the GUI loads Qt."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "shopcrm"
BELOW_SERVICES = ("shopcrm.db", "shopcrm.engine", "shopcrm.io")
# Entry points sit above the GUI (they start it or check it); everything else that is not the GUI is below it.
ABOVE_GUI = ("shopcrm.gui", "shopcrm.commands", "shopcrm.cli", "shopcrm.selftest", "shopcrm.__main__")
QT_ALLOWED_BELOW_GUI: tuple[str, ...] = ()  # the printing layout lives in shopcrm.gui.printing
GUI_EXCEPTIONS: set[tuple[str, str]] = set()  # none: add a pair here only with the reason beside it


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    path: Path
    line: int
    target: str  # the module imported from
    names: tuple[str, ...]  # names taken from it ("" for a plain `import x`)
    in_function: bool
    commented: bool  # a comment on its line or just above it (or above the block of imports it opens)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(path: Path, source: str | None = None) -> Iterator[Import]:
    module = _module_name(path)
    source = path.read_text(encoding="utf-8") if source is None else source
    lines = source.splitlines()
    tree = ast.parse(source)
    function_imports: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function_imports.update(n.lineno for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom)))
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            pairs = [(_target(module, node, path.name == "__init__.py"), tuple(a.name for a in node.names))]
        elif isinstance(node, ast.Import):
            pairs = [(a.name, ("",)) for a in node.names]
        else:
            continue
        for target, names in pairs:
            found.append(Import(module, path, node.lineno, target, names, node.lineno in function_imports, False))
    commented: dict[int, bool] = {}
    for imp in sorted(found, key=lambda i: i.line):
        same = "#" in lines[imp.line - 1]
        above = lines[imp.line - 2].strip() if imp.line >= 2 else ""
        # the second import of a commented block is covered by the comment above the first
        commented[imp.line] = same or above.startswith("#") or commented.get(imp.line - 1, False)
        yield replace(imp, commented=commented[imp.line])


def _all_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in _imports(path)]


IMPORTS = _all_imports()


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _full_targets(imp: Import) -> list[str]:
    """`from shopcrm.db import engine` imports shopcrm.db.engine: the target and each name under it."""
    return [imp.target] + [f"{imp.target}.{n}" for n in imp.names if n]


def test_the_scan_reads_the_whole_package() -> None:
    modules = {i.module for i in IMPORTS}
    assert {"shopcrm.cli", "shopcrm.gui.main_window", "shopcrm.services.shop.database", "shopcrm.db.engine"} <= modules
    assert any(i.in_function for i in IMPORTS) and any(not i.in_function for i in IMPORTS)


def test_the_gui_imports_only_services() -> None:
    wrong = [
        f"{i.path.relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
        for i in IMPORTS
        if _under(i.module, ("shopcrm.gui",))
        and any(_under(t, BELOW_SERVICES) for t in _full_targets(i))
        and (i.module, i.target) not in GUI_EXCEPTIONS
    ]
    assert wrong == []


UPWARD_EXCEPTIONS: set[tuple[str, str]] = set()  # none: add a pair here only with the reason beside it
FLOORS = (  # a module on a floor imports nothing from the floors named after it
    (("shopcrm.services",), ("shopcrm.gui", "shopcrm.commands", "shopcrm.cli", "shopcrm.selftest", "shopcrm.demo")),
    (("shopcrm.db", "shopcrm.io", "shopcrm.engine"),
     ("shopcrm.services", "shopcrm.gui", "shopcrm.commands", "shopcrm.cli", "shopcrm.selftest", "shopcrm.demo")),
    (("shopcrm.engine",), ("shopcrm.db", "shopcrm.io")),  # the engine computes on arrays it is handed
)


def test_imports_point_down_only() -> None:
    wrong = [
        f"{i.path.relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
        for floor, above in FLOORS
        for i in IMPORTS
        if _under(i.module, floor) and _under(i.target, above) and (i.module, i.target) not in UPWARD_EXCEPTIONS
    ]
    assert wrong == []


def test_no_module_imports_another_modules_private_name() -> None:
    wrong = [
        f"{i.path.relative_to(PACKAGE.parent)}:{i.line} takes {n} from {i.target}"
        for i in IMPORTS
        if _under(i.target, ("shopcrm",))
        for n in i.names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert wrong == []


def test_no_module_reads_a_private_name_of_an_imported_module() -> None:
    """`from shopcrm.demo import people as ppl` then `ppl._choice(...)` is the same reach, spelled differently."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update((a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("shopcrm"))
            elif isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("shopcrm")):
                modules.update(a.asname or a.name for a in node.names)
        wrong += [
            f"{path.relative_to(PACKAGE.parent)}:{node.lineno} reads {ast.unparse(node)}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ]
    assert wrong == []


def test_a_late_shopcrm_import_says_why() -> None:
    """Imports belong at the top; one inside a function is there to keep start-up fast, and says so."""
    wrong = [
        f"{i.path.relative_to(PACKAGE.parent)}:{i.line} imports {i.target} inside a function without a comment"
        for i in IMPORTS
        if i.in_function and _under(i.target, ("shopcrm",)) and not i.commented
    ]
    assert wrong == []


def test_nothing_below_the_gui_imports_qt() -> None:
    wrong = [
        f"{i.path.relative_to(PACKAGE.parent)}:{i.line} imports {i.target}"
        for i in IMPORTS
        if not _under(i.module, ABOVE_GUI)
        and i.module not in QT_ALLOWED_BELOW_GUI
        and _under(i.target, ("PySide6", "shiboken6"))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "late", "commented"),
    [
        ("def f():\n    from shopcrm.paths import data_dir\n", True, False),
        ("def f():\n    from shopcrm.paths import data_dir  # lazy: start-up\n", True, True),
        ("def f():\n    # lazy: start-up\n    from shopcrm.paths import data_dir\n    from shopcrm.i18n import translate\n",
         True, True),
        ("def f():\n    x = 1\n    from shopcrm.paths import data_dir\n", True, False),
        ("from shopcrm.paths import data_dir\n", False, False),
    ],
)
def test_the_scan_tells_a_late_import_and_its_comment(source: str, late: bool, commented: bool) -> None:
    found = [i for i in _imports(PACKAGE / "probe.py", source) if i.target.startswith("shopcrm")]
    assert found and all(i.in_function is late and i.commented is commented for i in found)
