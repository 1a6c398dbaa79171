"""What goes into the wheel and the bundle: checked without building either."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import appinfo
import packaging_helpers  # noqa: F401 - puts packaging/ on sys.path for appinfo
import pytest

from shopcrm import __version__
from shopcrm.paths import resource_dir

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_read_from_the_package_and_padded_for_windows() -> None:
    assert appinfo.version() == __version__
    assert appinfo.version_tuple("1.2") == (1, 2, 0, 0)
    assert appinfo.version_tuple("0.10.3rc1") == (0, 10, 3, 1)
    assert appinfo.version_tuple("2.0.1+local") == (2, 0, 1, 0)


def test_windows_version_file_is_what_pyinstaller_evaluates() -> None:
    text = appinfo.windows_version_file("1.2.3")
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates it as one expression
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
    assert "StringStruct('OriginalFilename', 'ShopCRM.exe')" in text


def test_macos_plist_carries_the_version() -> None:
    plist = appinfo.macos_info_plist("1.2.3")
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert "zh_CN" in plist["CFBundleLocalizations"]  # type: ignore[operator]


def test_resources_ship_without_their_tools() -> None:
    datas = appinfo.resource_datas()
    names = {Path(src).name for src, _dest in datas}
    assert {"shopcrm.svg", "shopcrm_zh_CN.qm", "shopcrm_zh_CN.ts"} <= names
    assert not any(name.endswith((".py", ".pyc")) for name in names)
    for src, dest in datas:
        rel = Path(src).relative_to(ROOT / "resources")
        assert Path(dest) == Path("resources") / rel.parent


def test_only_chinese_qt_translations_are_kept() -> None:
    assert appinfo.keep_data_file("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not appinfo.keep_data_file("PySide6/Qt/translations/qtbase_de.qm")
    assert not appinfo.keep_data_file("PySide6\\Qt\\translations\\qt_help_ja.qm")
    assert appinfo.keep_data_file("resources/translations/shopcrm_en.qm")  # ours are never filtered
    assert appinfo.keep_data_file("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")


@pytest.mark.parametrize(("path", "kept"), [
    ("/x/PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("/x/PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("/x/PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("C:\\x\\PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("/x/PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("/x/PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("/x/PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("/x/PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("/x/PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("/x/PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("/x/PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
    ("/x/PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
    ("C:\\x\\PySide6\\plugins\\imageformats\\qtiff.dll", False),
])
def test_qt_plugin_filter(path: str, kept: bool) -> None:
    assert appinfo.keep_qt_plugin(path) is kept


def test_excluded_qt_modules_spare_the_ones_used() -> None:
    excluded = appinfo.excluded_qt_modules()
    assert "PySide6.QtNetwork" in excluded and "PySide6.QtQml" in excluded
    assert not {f"PySide6.{m}" for m in appinfo.QT_MODULES_KEPT} & set(excluded)


def test_nothing_shopcrm_imports_is_excluded_from_the_bundle() -> None:
    """Import every shopcrm module in a clean interpreter; none of what it loads may be excluded."""
    script = (
        "import importlib, json, pkgutil, sys\n"
        "before = set(sys.modules)\n"  # what the interpreter itself loads (site, .pth hooks)
        "import shopcrm\n"
        "skip = ('shopcrm.db.migrations', 'shopcrm.__main__')\n"
        "for m in pkgutil.walk_packages(shopcrm.__path__, 'shopcrm.'):\n"
        "    if not m.name.startswith(skip):\n"
        "        importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "SHOPCRM_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    excluded = set(appinfo.EXCLUDED_MODULES) | set(appinfo.excluded_qt_modules())
    hits = [m for m in loaded if m in excluded or any(m.startswith(e + ".") for e in excluded)]
    assert hits == []


def test_packaged_resources_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shopcrm.paths as paths

    assert resource_dir() == ROOT / "resources"  # a checkout: the top-level folder
    package = tmp_path / "site" / "shopcrm"
    (package / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.resource_dir() == package / "resources"  # an installed wheel
    (package / "resources").rmdir()
    frozen = tmp_path / "bundle"
    (frozen / "resources").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    assert paths.resource_dir() == frozen / "resources"  # a PyInstaller app


def test_pyproject_lists_every_package_and_the_resources() -> None:
    """A sub-package missing from the list would silently drop a screen from the wheel."""
    import tomllib

    from setuptools import find_namespace_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"shopcrm.resources": "resources"}
    found = find_namespace_packages(where=str(ROOT), include=["shopcrm", "shopcrm.*"])
    found = [p for p in found if "__pycache__" not in p and not p.startswith("shopcrm.resources")]
    assert sorted(config["packages"]) == sorted([*found, "shopcrm.resources"])


class _Recorder:
    """Stands in for PyInstaller's spec classes and remembers how the spec called them."""

    calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        _Recorder.calls.append((type(self).__name__, args, kwargs))
        self.scripts: list[object] = []
        self.pure: list[object] = []
        self.binaries: list[object] = []
        self.datas: list[tuple[str, str, str]] = [("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
                                                  ("PySide6/Qt/translations/qtbase_zh_CN.qm", "x", "DATA")]


class Analysis(_Recorder): ...
class PYZ(_Recorder): ...
class EXE(_Recorder): ...
class COLLECT(_Recorder): ...
class BUNDLE(_Recorder): ...


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_runs_for_every_os(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows and macOS branches of the spec cannot be built here; run the spec's code with
    PyInstaller's classes replaced, so a typo there fails now rather than on the shop's Mac."""
    packaging_helpers.ensure_tool("PyInstaller", "pyinstaller>=6.10")
    import PyInstaller.utils.hooks as hooks

    monkeypatch.setattr(hooks, "collect_submodules", lambda name, filter=None: [f"{name}.cli"])
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("SHOPCRM_GENERATED_DIR", str(tmp_path))
    monkeypatch.delenv("SHOPCRM_CODESIGN_IDENTITY", raising=False)
    spec = ROOT / "packaging" / "shopcrm.spec"
    _Recorder.calls = []
    namespace = {"SPECPATH": str(spec.parent), "__file__": str(spec), "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE,
                 "COLLECT": COLLECT, "BUNDLE": BUNDLE}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)  # noqa: S102

    kinds = [c[0] for c in _Recorder.calls]
    exes = [kw for kind, _a, kw in _Recorder.calls if kind == "EXE"]
    analysis = next(kw for kind, _a, kw in _Recorder.calls if kind == "Analysis")
    assert "PySide6.QtNetwork" in analysis["excludes"]  # type: ignore[operator]
    assert namespace["a"].datas == [("PySide6/Qt/translations/qtbase_zh_CN.qm", "x", "DATA")]
    if platform == "win32":
        assert [(e["name"], e["console"]) for e in exes] == [("ShopCRM", False), ("shopcrm-cli", True)]
        assert all(str(e["icon"]).endswith("shopcrm.ico") for e in exes)
        version_file = Path(str(exes[0]["version"]))
        assert version_file.parent == tmp_path and "VSVersionInfo(" in version_file.read_text(encoding="utf-8")
        assert "BUNDLE" not in kinds
    elif platform == "darwin":
        assert [(e["name"], e["icon"]) for e in exes] == [("ShopCRM", str(tmp_path / "icons" / "shopcrm.icns"))]
        bundle = next(kw for kind, _a, kw in _Recorder.calls if kind == "BUNDLE")
        assert bundle["name"] == "ShopCRM.app" and bundle["version"] == __version__
        assert bundle["info_plist"]["CFBundleShortVersionString"] == __version__  # type: ignore[index]
    else:
        assert [(e["name"], e["console"], e["icon"], e["version"]) for e in exes] == [("shopcrm", True, None, None)]
        assert "BUNDLE" not in kinds
