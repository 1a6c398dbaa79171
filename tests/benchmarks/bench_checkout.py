"""Imported first by every benchmark: puts the checkout the benchmark lives in ahead of any installed
shopcrm, so `python tests/benchmarks/bench_x.py` from the repository root measures the code beside it
(the virtualenv's editable install may point at another checkout), in this process and in the
processes it starts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

for folder in (str(HERE), str(ROOT)):
    if folder in sys.path:
        sys.path.remove(folder)
    sys.path.insert(0, folder)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(ROOT)]])

if "shopcrm" in sys.modules and not str(Path(sys.modules["shopcrm"].__file__ or "")).startswith(str(ROOT)):
    raise SystemExit(f"shopcrm was imported from {sys.modules['shopcrm'].__file__} before {ROOT} was put first")
