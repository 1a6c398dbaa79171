"""The command line contract of SPEC §7: exit codes, one-line errors, JSON keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopcrm.cli import run_cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_member_and_purchase_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    code, out, _ = run(capsys, "--db", db, "member", "add", "--phone", "138 1234 5678", "--name", "张三", "--consent", "--json")
    assert code == 0 and json.loads(out)["phone"] == "+8613812345678"
    code, out, _ = run(capsys, "--db", db, "purchase", "add", "--phone", "5678", "--amount", "¥32.50", "--json")
    assert code == 0 and json.loads(out)["points_earned"] == 32
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    stats = json.loads(out)
    assert set(stats) == {"members", "purchases", "revenue", "first_purchase", "last_purchase"}
    assert (stats["members"], stats["purchases"], stats["revenue"]) == (1, 1, 32.5)
    code, out, _ = run(capsys, "--db", db, "member", "show", "1", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["points_balance"] == 32 and len(shown["purchases"]) == 1
    code, out, _ = run(capsys, "--db", db, "member", "find", "5678")
    assert code == 0 and "张三" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["member", "add", "--phone", "12"],
        ["member", "show", "99"],
        ["member", "show", "abc"],
        ["member", "list", "--limit", "0"],
        ["purchase", "add", "--amount", "lots"],
        ["purchase", "add"],
        ["purchase", "add", "--amount", "10", "--at", "yesterday"],
        ["purchase", "void", "5"],
        ["restore", "/nonexistent/backup.db"],
        ["backup", "/nonexistent/folder/x.db"],
        ["no-such-command"],
    ],
)
def test_user_errors_exit_1_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "shop.db"), *argv)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version")[0] == 0
    assert run(capsys, "stats", "--help")[0] == 0


def test_bad_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "photo.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    code, _, err = run(capsys, "--db", str(bogus), "stats")
    assert code == 1 and "not a ShopCRM database" in err
    assert bogus.read_bytes() == b"\xff\xd8\xff\xe0 not a database"


def test_process_exit_codes_and_env_database(tmp_path: Path) -> None:
    """Through a real process: SHOPCRM_DATABASE_URL picks the database, argparse errors exit 1."""
    env = dict(os.environ, SHOPCRM_DATABASE_URL=str(tmp_path / "env.db"), SHOPCRM_DATA_DIR=str(tmp_path / "data"))
    ok = subprocess.run([sys.executable, "-m", "shopcrm", "stats", "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["members"] == 0 and (tmp_path / "env.db").exists()
    bad = subprocess.run([sys.executable, "-m", "shopcrm", "member", "show", "x"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_purchase_ref_makes_a_retry_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "shop.db")
    run(capsys, "--db", db, "member", "add", "--phone", "13812345678")
    first = run(capsys, "--db", db, "purchase", "add", "--phone", "5678", "--amount", "20", "--ref", "till1-0001", "--json")
    again = run(capsys, "--db", db, "purchase", "add", "--phone", "5678", "--amount", "20", "--ref", "till1-0001", "--json")
    assert first[0] == again[0] == 0
    assert json.loads(first[1])["purchase_id"] == json.loads(again[1])["purchase_id"]
    assert json.loads(run(capsys, "--db", db, "stats", "--json")[1])["purchases"] == 1
    assert run(capsys, "--db", db, "purchase", "add", "--amount", "20", "--ref", "")[0] == 1


def test_restore_needs_the_owner_password_when_set(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "shop.db")
    backup = str(tmp_path / "copy.db")
    run(capsys, "--db", db, "member", "add", "--phone", "13812345678")
    assert run(capsys, "--db", db, "backup", backup)[0] == 0
    assert run(capsys, "--db", db, "password", "set", "--new", "bakery-2026")[0] == 0
    monkeypatch.delenv("SHOPCRM_OWNER_PASSWORD", raising=False)
    code, _, err = run(capsys, "--db", db, "restore", backup, "--password", "wrong")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert run(capsys, "--db", db, "restore", backup, "--password", "bakery-2026")[0] == 0


def test_a_damaged_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A table dropped behind the program's back: a clear line, not a traceback."""
    import sqlite3

    db = str(tmp_path / "shop.db")
    assert run(capsys, "--db", db, "stats")[0] == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE purchase_lines")
    conn.execute("DROP TABLE points_ledger")
    conn.execute("ALTER TABLE purchases RENAME TO purchases_gone")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--db", db, "stats")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


# ---- issue 12 item 15: personal-data verbs obey the GUI's rules, and the password needs no terminal ----

import itertools  # noqa: E402
from typing import Any  # noqa: E402

import openpyxl  # noqa: E402

PASSWORD = "s3cret-owner"
LIFTS = ([], ["--unmasked"], ["--all-members"], ["--unmasked", "--all-members"])
SOURCES = ("none", "env", "file", "stdin", "wrong-env", "wrong-file", "option")


def _shop_with_a_password(tmp_path: Path) -> tuple[str, int]:
    db = str(tmp_path / "shop.db")
    consenting = 0
    for i in range(6):
        argv = ["--db", db, "member", "add", "--phone", f"1381234{i:04d}", "--name", f"会员{i}"]
        if i % 2 == 0:
            argv.append("--consent")
            consenting += 1
        assert run_cli(argv) == 0
    assert run_cli(["--db", db, "password", "set", "--new", PASSWORD]) == 0
    return db, consenting


def _password_args(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import io

    monkeypatch.delenv("SHOPCRM_OWNER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n" if source == "stdin" else ""))  # never a terminal
    if source in ("env", "wrong-env"):
        monkeypatch.setenv("SHOPCRM_OWNER_PASSWORD", PASSWORD if source == "env" else "guess")
    if source in ("file", "wrong-file"):
        (tmp_path / "pw.txt").write_text((PASSWORD if source == "file" else "guess") + "\n", encoding="utf-8")
        return ["--password-file", str(tmp_path / "pw.txt")]
    if source == "stdin":
        return ["--password-file", "-"]
    if source == "option":
        return ["--password", PASSWORD]
    return []


@pytest.mark.parametrize("verb", ["export", "print"])
def test_personal_data_verbs_mask_and_keep_to_consent_unless_the_owner_lifts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, verb: str, qapp: Any
) -> None:
    """Every combination of lifting (none, full phones, all members, both) with every way of giving the
    password (none, environment, file, standard input, option, wrong): the GUI's rule, no prompt.
    (`qapp`: the PDF is drawn with the widgets' QApplication, not a bare QGuiApplication that would
    stay for the GUI tests after this one.)"""
    monkeypatch.setattr("getpass.getpass", lambda *_a, **_k: pytest.fail("prompted without a terminal"))
    db, consenting = _shop_with_a_password(tmp_path)
    capsys.readouterr()
    for n, (lift, source) in enumerate(itertools.product(LIFTS, SOURCES)):
        out = tmp_path / (f"list{n}.xlsx" if verb == "export" else f"list{n}.pdf")
        extra = _password_args(source, tmp_path, monkeypatch)
        code = run_cli(["--db", db, verb, "members", str(out), *lift, *extra, "--json"])
        stdout, err = capsys.readouterr()
        allowed = not lift or source in ("env", "file", "stdin", "option")
        case = (lift, source, err)
        if not allowed:
            assert code == 1 and not out.exists(), case
            assert len(err.strip().splitlines()) == 1 and "owner password" in err, case
            continue
        assert code == 0, case
        masked, everyone = "--unmasked" not in lift, "--all-members" in lift
        if verb == "export":
            sheet = openpyxl.load_workbook(out).active
            header = [c.value for c in sheet[1]]
            phones = [row[header.index("Phone")] for row in sheet.iter_rows(min_row=2, values_only=True)]
            consent = [row[header.index("Marketing consent")] for row in sheet.iter_rows(min_row=2, values_only=True)]
            assert len(phones) == (6 if everyone else consenting), case
            assert all(("*" in p) == masked for p in phones), case
            assert everyone or set(consent) == {"Yes"}, case
        else:
            shown = json.loads(stdout)
            assert (shown["members"], shown["masked"], shown["consent_only"]) == (
                6 if everyone else consenting, masked, not everyone), case


def test_help_of_every_guarded_verb_says_how_to_give_the_password_without_a_terminal() -> None:
    import argparse

    from shopcrm.cli import build_parser

    def parsers(parser: argparse.ArgumentParser, path: str) -> list[tuple[str, argparse.ArgumentParser]]:
        found = [(path, parser)]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += parsers(sub, f"{path} {name}")
        return found

    guarded = [(path, p) for path, p in parsers(build_parser(), "shopcrm")
               if any("--password" in a.option_strings for a in p._actions)]
    assert {"shopcrm export members", "shopcrm print members", "shopcrm restore", "shopcrm privacy erase",
            "shopcrm privacy export-data"} <= {path for path, _ in guarded}
    for path, parser in guarded:
        text = parser.format_help()
        assert "SHOPCRM_OWNER_PASSWORD" in text and "--password-file" in text, path
