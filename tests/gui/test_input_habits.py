"""Habits of the GUI tests that a reader cannot see fail: pytest-qt's waitExposed/waitActive only
wait when used as `with` blocks, so a bare call lets a test send keys to a window that is not yet
active (fine offscreen, lost on a real X display with a window manager)."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).parent


def test_no_bare_wait_for_a_window() -> None:
    bare = []
    for path in sorted(HERE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                    isinstance(node.value.func, ast.Attribute) and node.value.func.attr in ("waitExposed", "waitActive"):
                bare.append(f"{path.name}:{node.lineno}")
    assert not bare, f"use input_events.show_active (a bare waitExposed/waitActive does not wait): {bare}"
