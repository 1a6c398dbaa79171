"""Opening a current shop decides "nothing to upgrade" without Alembic, and the heavy libraries the
first window does not need stay unloaded (start-up time); the fast answers agree with Alembic's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from shopcrm.db.engine import Database
from shopcrm.db.migrate import (
    alembic_revisions,
    current_revision,
    head_revision,
    known_revisions,
    scanned_head,
    stored_revision,
)
from shopcrm.io.pinyin import pinyin_initials

ROOT = Path(__file__).resolve().parents[2]


def test_scanned_head_and_stored_revision_agree_with_alembic(db: Database) -> None:
    assert scanned_head() == head_revision()
    assert known_revisions() == alembic_revisions()
    assert stored_revision(db) == current_revision(db) == head_revision()
    head = head_revision()
    with db.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        assert stored_revision(db) == current_revision(db) == "0001"
    finally:  # the next test's shared PostgreSQL database must stay at head
        with db.transaction() as s:
            s.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})


def test_pinyin_initials_still_work_when_loaded_late() -> None:
    assert pinyin_initials("毛毛虫面包") == "mmcmb"
    assert pinyin_initials("A4奶茶") == "a4nc"


def test_opening_a_current_shop_loads_neither_alembic_nor_pypinyin(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from shopcrm.services.shop.database import open_shop_database\n"
        "from shopcrm.gui.main_window import MainWindow\n"
        "db = open_shop_database(sys.argv[1]); db.dispose()\n"  # created: Alembic runs
        "db = open_shop_database(sys.argv[1]); db.dispose()\n"  # the expected schema is built once, kept
        "for name in [m for m in sys.modules if m.startswith(('alembic', 'pypinyin'))]: del sys.modules[name]\n"
        "db = open_shop_database(sys.argv[1]); db.dispose()\n"  # current: no Alembic
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'pypinyin', 'scipy', 'matplotlib', 'numpy'}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPCRM_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "shop.db")], capture_output=True, text=True,
                         cwd=ROOT, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_expected_schema_remembered_on_disk_is_the_one_built_from_the_migrations(
        tmp_path: Path, monkeypatch: object) -> None:
    from shopcrm.db import schema_check

    monkeypatch.setenv("SHOPCRM_DATA_DIR", str(tmp_path))  # type: ignore[attr-defined]
    built = schema_check._schema_from_migrations(str(schema_check.Path(__file__)), head_revision())
    first = schema_check.expected_schema(head_revision())  # built, then written
    files = list((tmp_path / "cache").glob("schema-*.json"))
    assert first == built and len(files) == 1
    assert schema_check.expected_schema(head_revision()) == built  # read back
    files[0].write_text("{not json", encoding="utf-8")  # damaged: built again and rewritten
    assert schema_check.expected_schema(head_revision()) == built
    assert schema_check.expected_schema("0001") != built and len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_the_first_screens_do_not_load_scipy_or_matplotlib() -> None:
    """The dashboard draws its charts once matplotlib has loaded on its own thread, and the counter's
    member card reads stored classes: neither needs the engine's lifetime models (scipy) to open."""
    script = (
        "import sys\n"
        "import shopcrm.gui.main_window, shopcrm.gui.dashboard.view, shopcrm.gui.counter.view, shopcrm.gui.classes_keeper\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'matplotlib'}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_shopcrm_command_without_a_command_starts_the_window_without_the_commands_modules() -> None:
    """`shopcrm` (or `shopcrm --db FILE --lang en`) goes to the window without building the full
    parser, which imports every command's module (numpy, scipy, openpyxl); a command still gets it."""
    script = (
        "import sys\n"
        "import shopcrm.cli as cli\n"
        "cli.launch_gui = lambda db_target=None: print('window', db_target) or 0\n"
        "code = cli.run_cli(sys.argv[1:])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'scipy', 'openpyxl', 'matplotlib', "
        "'alembic', 'pypinyin'}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def run(*argv: str) -> list[str]:
        out = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd=ROOT,
                             env=env, check=False)
        return out.stdout.strip().splitlines() + out.stderr.strip().splitlines()

    assert run() == ["window None", "0 []"]
    assert run("--db", "shop.db", "--lang", "en") == ["window shop.db", "0 []"]
    assert run("--lang=en", "--db=other.db") == ["window other.db", "0 []"]
    # anything else is read by the full parser, as before
    assert run("--version")[0].startswith("ShopCRM ")
    bad = run("--lang", "fr")
    assert bad[0] == "1 []" or bad[-1].startswith("shopcrm: argument --lang: invalid choice")
    assert not any(line.startswith("window") for line in bad + run("--db", "shop.db", "nonsense") + run("-h"))


def test_the_first_window_shows_before_numpy_phonenumbers_openpyxl_and_matplotlib_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main window on the Dashboard, shown: the Dashboard's figures (numpy through the members
    list's module, phonenumbers for the lists) load on the reader thread, its charts' matplotlib on
    its own thread, the coupon dialog (campaign lists) on use."""
    from shopcrm.services.shop.database import open_shop_database

    monkeypatch.setenv("SHOPCRM_DATA_DIR", str(tmp_path))
    open_shop_database(tmp_path / "shop.db").dispose()  # created here (Alembic runs)
    open_shop_database(tmp_path / "shop.db").dispose()  # the expected schema is built once and kept
    script = (
        "import sys\n"
        "from shopcrm.gui.launch import ensure_application\n"
        "from shopcrm.gui.context import AppContext\n"
        "from shopcrm.gui.main_window import MainWindow\n"
        "from shopcrm.services.shop.database import open_shop_database\n"
        "app = ensure_application()\n"
        "ctx = AppContext(open_shop_database(sys.argv[1]))\n"
        "import threading\n"
        "hold = threading.Event()\n"  # the reads queue behind these: what is loaded is what the window loaded
        "ctx.reader.submit(lambda _c: hold.wait(30)); ctx.background_reader.submit(lambda _c: hold.wait(30))\n"
        "w = MainWindow(ctx); w.show(); app.processEvents()\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(w.current_key(), sorted(loaded & {'numpy', 'scipy', 'phonenumbers', 'openpyxl', 'matplotlib', "
        "'alembic', 'pypinyin'}))\n"
        "hold.set(); ctx.shutdown()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPCRM_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "shop.db")], capture_output=True, text=True,
                         cwd=ROOT, env=env, check=True)
    assert out.stdout.strip().splitlines()[-1] == "dashboard []"
