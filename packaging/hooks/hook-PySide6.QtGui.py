"""PyInstaller's own QtGui hook, minus the Qt plugins ShopCRM never loads (see appinfo.keep_qt_plugin).

Filtering here, before PyInstaller follows the plugins' library dependencies, is what keeps GTK,
cairo, pango and QtNetwork (pulled in by the GTK theme, VNC and TUIO plugins) out of the bundle.
"""

import appinfo
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if appinfo.keep_qt_plugin(entry[0])]
