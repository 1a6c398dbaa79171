"""`shopcrm selftest` and `shopcrm --version` from this checkout."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_helpers import ROOT

from shopcrm import __version__
from shopcrm.cli import run_cli
from shopcrm.selftest import SelftestFailure, SelftestState, run_selftest

STEP_LINE = re.compile(r"^ok  (\S+(?: \S+)?) +\d+\.\d\d s  \S")  # name, time, what it found


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ShopCRM {__version__}"


def test_selftest_passes_and_keeps_what_it_made(tmp_path: Path) -> None:
    out = tmp_path / "kept"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the selftest sets it itself
    result = subprocess.run([sys.executable, "-m", "shopcrm", "selftest", "--output", str(out)],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = [m.group(1) for line in lines if (m := STEP_LINE.match(line))]
    assert steps == ["environment", "database", "demo shop", "classify", "main window", "chart", "pdf list"]
    assert len(steps) == len(lines) - 1
    assert lines[-1].startswith("selftest passed in ")
    assert f"resources {ROOT / 'resources'}" in result.stdout
    assert (out / "selftest-window.png").stat().st_size > 10_000
    assert (out / "selftest-chart.png").stat().st_size > 5_000
    assert (out / "selftest-list.pdf").read_bytes().startswith(b"%PDF")


def test_first_failing_step_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    ran: list[str] = []

    def good(state: SelftestState) -> str:
        ran.append("good")
        assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
        assert Path(os.environ["SHOPCRM_DATA_DIR"]).is_relative_to(state.workdir)
        return "fine"

    def broken(_state: SelftestState) -> str:
        ran.append("broken")
        raise ValueError("no\nsuch thing")

    def never(_state: SelftestState) -> str:
        ran.append("never")
        return ""

    before = {k: os.environ.get(k) for k in ("QT_QPA_PLATFORM", "SHOPCRM_DATA_DIR")}
    stream = io.StringIO()
    code = run_selftest(stream=stream, steps=[("good", good), ("broken", broken), ("never", never)])
    lines = stream.getvalue().splitlines()
    assert code == 1 and ran == ["good", "broken"]
    assert lines[0].startswith("ok  good ") and lines[0].endswith("fine")
    assert len(lines) == 2 and lines[1].startswith("FAILED broken: ValueError: no such thing (test_selftest.py:")
    assert {k: os.environ.get(k) for k in before} == before


def test_a_check_that_fails_says_what_is_wrong() -> None:
    def missing(_state: SelftestState) -> str:
        raise SelftestFailure("translation file missing: /x/shopcrm_zh_CN.qm")

    stream = io.StringIO()
    assert run_selftest(stream=stream, steps=[("environment", missing)]) == 1
    assert stream.getvalue() == "FAILED environment: translation file missing: /x/shopcrm_zh_CN.qm\n"
