"""Property-based fuzzing of the command line: random argv through shopcrm.cli.run_cli, in-process,
against a small shop in a temporary folder.  Property: no exception escapes, the exit code is 0 or 1,
no traceback is printed, and a failure is reported in one line (SPEC §7).  Every distinct failure
is collected with the first command line that showed it, so one run reports all of them.

The verbs and their options are read from the live parser, so verbs added later are fuzzed too.
`demo` (a generator whose default size takes seconds) and `selftest` (starts Qt) are left out.
Budget: FUZZ_CLI_EXAMPLES cases (400 by default; SHOPCRM_FUZZ_CLI_EXAMPLES overrides).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcrm.cli import build_parser, run_cli
from shopcrm.db.backup import backup_database
from shopcrm.db.opening import open_database
from shopcrm.services.members.feedback import FeedbackInput, add_feedback
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.sales.products import add_product
from shopcrm.services.sales.purchases import LineInput, PurchaseInput, record_purchase

pytestmark = pytest.mark.slow  # still runs in CI; `-m "not slow"` skips it locally
FUZZ_CLI_EXAMPLES = int(os.environ.get("SHOPCRM_FUZZ_CLI_EXAMPLES", "400"))
LEFT_OUT = {"demo", "selftest"}
OUTCOMES: Counter[str] = Counter()
FAILURES: dict[str, list[str]] = {}


def _record_failure(exc: BaseException, argv: list[str]) -> None:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
    words = argv[2:] if argv[:1] == ["--lang"] else argv
    verb = " ".join(a for a in words[:2] if not a.startswith("-"))
    FAILURES.setdefault(f"[{verb}] {type(exc).__name__} at {where}: {str(exc)[:200]}", argv)
    OUTCOMES["failed"] += 1

Verb = tuple[tuple[str, ...], list[argparse.Action]]


def _verbs() -> list[Verb]:
    """Every leaf command of the real parser with its arguments."""
    out: list[Verb] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs:
            for name, child in subs[0].choices.items():
                if not path and name in LEFT_OUT:
                    continue
                walk(child, (*path, name))
            return
        out.append((path, [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]))

    walk(build_parser(), ())
    return out


VERBS = _verbs()


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A shop with members, products, sales and feedback, plus files a command line might be given."""
    folder = tmp_path_factory.mktemp("fuzzshop")
    db = open_database(folder / "shop.db")
    bun = add_product(db, "菠萝包", category="面包", price_cents=850)
    for i in range(8):
        m = register_member(db, MemberInput(phone=f"1381234{i:04d}", name=f"会员{i}", consent=i % 2 == 0, tags=["常客"]))
        record_purchase(db, PurchaseInput(member_id=m.id, lines=[LineInput(bun.id, i + 1)],
                                          purchased_at=dt.datetime.now() - dt.timedelta(days=3 * i)))
        add_feedback(db, FeedbackInput(member_id=m.id, rating_service=1 + i % 5, comment="好吃"))
    record_purchase(db, PurchaseInput(member_id=None, total_cents=990))
    backup_database(db, folder / "good-backup.db")
    db.dispose()
    (folder / "sales.csv").write_text("日期,手机号,金额\n2025-03-05,13812340001,¥12.50\n2025/3/6 14:32,138 1234 0002,8\n", encoding="utf-8")
    (folder / "mapping.json").write_text(json.dumps({"A": "date", "B": "phone", "C": "amount"}), encoding="utf-8")
    (folder / "garbage.xlsx").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.csv").write_bytes(b"")
    (folder / "a folder").mkdir()
    yield folder


def _paths(folder: Path) -> st.SearchStrategy[str]:
    existing = ["shop.db", "good-backup.db", "sales.csv", "mapping.json", "garbage.xlsx", "empty.csv", "a folder"]
    fresh = ["out.xlsx", "out.pdf", "out.json", "out.csv", "新文件.xlsx", "x", "sub/out.xlsx", "out.xlsx.part"]
    return st.one_of(
        st.sampled_from([str(folder / p) for p in existing]),
        st.sampled_from([str(folder / "runs" / p) for p in fresh]),
        st.sampled_from(["/nonexistent/dir/file.xlsx", "", ".", "-", "~/nope.db", "C:\\shop\\x.xlsx"]),
        st.text(st.characters(blacklist_characters="\x00/", blacklist_categories=("Cs",)), max_size=20).map(
            lambda t: str(folder / "runs" / t) if t not in ("", ".", "..") else t
        ),
    )


_TEXT = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40)
_NUMBERISH = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.sampled_from(["0", "-1", "1", "2", "3", "99999999999999999999", "1e9", "0x10", "１２", "NaN", "inf", "3.5"]),
)
_BOUNDARY_INTS = st.sampled_from(["0", "-1", "10001", str(2**31), str(2**63 - 1), str(2**63), "99999999999999999999",
                                  "-99999999999999999999"])
_DATEISH = st.sampled_from(["2025-03-05", "2025/3/5 14:32", "2025年3月5日", "yesterday", "2025-02-30", "9999-12-31",
                            "0001-01-01", "2025-03-05 25:00", ""])
_MONEYISH = st.sampled_from(["12.50", "¥1,234.5", "￥８", "-3", "(5.00)", "1e400", "0", "abc", "12.345", "999999999999"])


def _value(action: argparse.Action, folder: Path) -> st.SearchStrategy[str]:
    name = (action.dest or "").lower()
    options = [
        _TEXT,
        _NUMBERISH,
    ]
    if action.choices:
        options.insert(0, st.sampled_from([str(c) for c in action.choices]))
    if action.type not in (None, str) or name.endswith("_id") or name in {"member", "limit", "offset", "campaign", "birthday_month"}:
        options[:0] = [st.integers(-5, 12).map(str), _BOUNDARY_INTS]
    if any(k in name for k in ("file", "out", "dest", "errors", "mapping", "output", "path")):
        options.insert(0, _paths(folder))
    if any(k in name for k in ("at", "since", "until", "as_of", "date", "birthday")):
        options.insert(0, _DATEISH)
    if any(k in name for k in ("amount", "discount")):
        options.insert(0, _MONEYISH)
    if "phone" in name or "query" in name or "card" in name:
        options.insert(0, st.sampled_from(["13812340001", "0001", "+86 138-1234-0002", "12", "１３８１２３４０００３", "%", "_"]))
    return st.one_of(*options)


@st.composite
def argvs(draw: st.DrawFn, folder: Path) -> list[str]:
    argv: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        argv += ["--lang", draw(st.sampled_from(["zh_CN", "en", "fr"]))]
    if draw(st.integers(0, 14)) == 0:  # an unknown verb or random words
        return argv + draw(st.lists(_TEXT, min_size=1, max_size=4))
    path, actions = draw(st.sampled_from(VERBS))
    argv += list(path)
    for action in actions:
        required = action.required or (not action.option_strings and action.nargs is None)
        if not required and not draw(st.booleans()):
            continue
        if required and draw(st.integers(0, 19)) == 0:
            continue  # leave a required argument out
        if action.option_strings:
            flag = draw(st.sampled_from(action.option_strings))
            if action.nargs == 0:
                argv.append(flag)
            else:
                argv += [flag, draw(_value(action, folder))]
        else:
            value = draw(_value(action, folder))
            argv += ["--", value] if value.startswith("-") and draw(st.booleans()) else [value]
    if draw(st.integers(0, 9)) == 0:
        argv.insert(draw(st.integers(len(path) and 1, len(argv))), draw(_TEXT))  # a stray token
    if draw(st.integers(0, 19)) == 0:
        argv.append(draw(st.sampled_from(["--help", "--json", "--version", "-h", "--no-such-option"])))
    return argv


def test_random_command_lines_never_crash(
    shop: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    runs = shop / "runs"
    runs.mkdir(exist_ok=True)
    monkeypatch.chdir(runs)
    monkeypatch.delenv("SHOPCRM_OWNER_PASSWORD", raising=False)
    no_input = open(os.devnull)  # noqa: SIM115 - closed when the test ends, after monkeypatch puts stdin back
    request.addfinalizer(no_input.close)
    monkeypatch.setattr("sys.stdin", no_input)  # a script, never a terminal: no prompts
    monkeypatch.setattr("shopcrm.cli.launch_gui", lambda **_k: pytest.fail("the GUI was started"))
    db = str(shop / "shop.db")
    pristine = shop / "pristine.db"
    shutil.copyfile(shop / "shop.db", pristine)
    capsys.readouterr()

    @settings(max_examples=FUZZ_CLI_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(argv=argvs(shop))
    def one(argv: list[str]) -> None:
        if not (shop / "shop.db").exists():  # a fuzzed restore or erase may not remove it, but be sure
            shutil.copyfile(pristine, shop / "shop.db")
        full = ["--db", db, *argv]
        try:
            code = run_cli(full)
        except BaseException as exc:  # noqa: BLE001 - the property is that nothing escapes
            capsys.readouterr()
            _record_failure(exc, argv)
            return
        # A value with a line break in it is echoed back in the error line; that is still one message.
        echoed_breaks = any(len((a + "x").splitlines()) > 1 for a in argv)
        out, err = capsys.readouterr()
        if code not in (0, 1) or "Traceback" in err or "Traceback" in out or (
            code == 1 and not echoed_breaks and len(err.strip().splitlines()) != 1
        ):
            FAILURES.setdefault(f"exit {code}: {err.strip()[-300:]}", argv)
            return
        OUTCOMES["exit 0" if code == 0 else "exit 1"] += 1

    one()
    cases = OUTCOMES["exit 0"] + OUTCOMES["exit 1"] + sum(OUTCOMES[k] for k in OUTCOMES if k.startswith("failed"))
    print(f"\n[fuzz cli] cases={cases} exit0={OUTCOMES['exit 0']} exit1={OUTCOMES['exit 1']} "
          f"failures={sum(OUTCOMES[k] for k in OUTCOMES if k.startswith('failed'))} verbs={len(VERBS)}")
    # Every distinct failure with the first command line that showed it (all of them, not just one).
    assert not FAILURES, "\n".join(f"{sig}\n    e.g. shopcrm {' '.join(argv)}" for sig, argv in FAILURES.items())
    assert cases >= FUZZ_CLI_EXAMPLES // 2
