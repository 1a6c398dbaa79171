"""What the PyInstaller spec needs to know about ShopCRM, kept out of the spec so tests can check it.

The spec (packaging/shopcrm.spec) only wires these together.  Everything here is plain Python that
runs on any OS: the Windows version resource is built as an object even on Linux, so a typo in
it fails a test here rather than a build on the shop's Windows PC.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "ShopCRM"
BUNDLE_ID = "org.shopcrm.ShopCRM"
PUBLISHER = "ShopCRM"
DESCRIPTION = "ShopCRM - members, sales and promotions for one shop"

# The Qt modules the program uses; PyInstaller's hooks bring in only the plugins these need.
QT_MODULES_KEPT = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg")
# Chinese is the only non-English language: Qt's own translations (OK/Cancel ...) for it alone.
QT_TRANSLATIONS_KEPT = ("zh_CN",)
MATPLOTLIB_BACKENDS = ["Agg", "QtAgg"]
# Qt plugins never loaded by a desktop app that draws with widgets: embedded-Linux platforms and
# input devices, VNC, the GTK theme (it would drag GTK's own libraries in), rare image formats.
QT_PLUGINS_DROPPED = (
    "qgtk3", "qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc", "qdirect2d",
    "qevdev", "qtuiotouchplugin", "qtiff", "qwebp", "qtga", "qwbmp",
)
QT_PLUGIN_FOLDERS_DROPPED = ("egldeviceintegrations", "generic")

EXCLUDED_MODULES = [
    # GUI toolkits and tools that are not ShopCRM's
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "pydoc_data", "lib2to3",
    "IPython", "jedi", "PyQt5", "PyQt6", "PySide2", "wx", "gi", "cairo",
    # build and test tooling that sits in the developer's environment
    "PyInstaller", "setuptools", "pkg_resources", "_distutils_hack", "pip", "wheel",
    "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff", "build", "xdist",
    "shopcrm.db.migrations.autogenerate",
    # phonenumbers' geocoding, carrier and time-zone tables (40 MB): ShopCRM only parses and formats
    "phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier", "phonenumbers.carrierdata",
    "phonenumbers.timezone", "phonenumbers.tzdata",
    # Pillow's extra codecs and font/colour engines: matplotlib only reads and writes PNG through it
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms", "PIL.ImageCms",
    "PIL._imagingft", "PIL.ImageFont", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
    # scipy subpackages the engine never reaches: it uses optimize (L-BFGS-B), special and sparse,
    # which load linalg, fft and spatial; these are only named in lazy imports of other solvers
    "scipy.stats", "scipy.integrate", "scipy.interpolate", "scipy.ndimage", "scipy.signal", "scipy.io",
    "scipy.odr", "scipy.cluster", "scipy.datasets", "scipy.misc", "scipy.differentiate",
    # optional array libraries scipy and numpy can talk to, never used here
    "torch", "cupy", "jax", "dask", "sparse", "numba", "pandas", "xarray", "pyarrow",
    # SQLAlchemy drivers other than sqlite3 and psycopg 3
    "psycopg2", "pymysql", "MySQLdb", "cx_Oracle", "oracledb", "pyodbc", "asyncpg", "aiosqlite", "pg8000",
]


def version() -> str:
    """shopcrm.__version__, read from the source without importing the package."""
    text = (ROOT / "shopcrm" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise RuntimeError("shopcrm/__init__.py has no __version__")
    return match.group(1)


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0): Windows wants four numbers; a suffix like 'rc1' is dropped."""
    numbers = [int(n) for n in re.findall(r"\d+", (text or version()).split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def excluded_qt_modules() -> list[str]:
    """Every PySide6 module installed here except the ones ShopCRM imports."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    names: set[str] = set()
    for folder in spec.submodule_search_locations:
        for path in Path(folder).iterdir():
            name = path.name.split(".")[0]
            if name.startswith("Qt") and path.suffix in (".so", ".pyd", ".pyi") and name not in QT_MODULES_KEPT:
                names.add(name)
    return sorted(f"PySide6.{n}" for n in names)


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(file, folder in the bundle) for every shipped resource: resources/ minus its tools."""
    out: list[tuple[str, str]] = []
    base = root / "resources"
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in rel.parts:
            continue
        out.append((str(path), str(Path("resources") / rel.parent)))
    return out


def keep_qt_plugin(path: str) -> bool:
    """Filter for the Qt plugin files PyInstaller's QtGui hook collects."""
    parts = path.replace("\\", "/").split("/")
    if len(parts) >= 2 and parts[-2] in QT_PLUGIN_FOLDERS_DROPPED:
        return False
    name = parts[-1].lower()
    return not any(name.startswith(p) or name.startswith("lib" + p) for p in QT_PLUGINS_DROPPED)


def keep_data_file(dest: str) -> bool:
    """Filter for the collected data files: drop Qt translations of other languages."""
    parts = dest.replace("\\", "/").split("/")
    if len(parts) >= 2 and parts[-2] == "translations" and "PySide6" in parts and parts[-1].endswith(".qm"):
        return any(parts[-1].endswith(f"_{lang}.qm") for lang in QT_TRANSLATIONS_KEPT)
    return True


def windows_version_file(text: str | None = None) -> str:
    """The version resource of ShopCRM.exe (Explorer's Details tab) in PyInstaller's version-file
    format: Python expressions PyInstaller evaluates on Windows.  Kept as text so that it can be
    generated and checked on any OS (PyInstaller's own classes import Windows-only modules)."""
    text = text or version()
    numbers = version_tuple(text)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": DESCRIPTION,
        "FileVersion": text,
        "InternalName": APP_NAME,
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": text,
    }
    structs = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{structs}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def macos_info_plist(text: str | None = None) -> dict[str, object]:
    """Info.plist entries of ShopCRM.app beyond what PyInstaller writes."""
    text = text or version()
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": text,
        "CFBundleVersion": text,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "zh_CN"],
        "LSApplicationCategoryType": "public.app-category.business",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": PUBLISHER,
    }


def postgres_hidden_imports() -> list[str]:
    """The PostgreSQL driver goes in when it is installed where the app is built (several counters)."""
    if importlib.util.find_spec("psycopg") is None:
        return []
    names = ["psycopg", "sqlalchemy.dialects.postgresql.psycopg"]
    if importlib.util.find_spec("psycopg_binary") is not None:
        names.append("psycopg_binary")
    return names
