"""Switching the window's language: Qt translators for widgets, shopcrm.i18n for services' messages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shopcrm.i18n import current_language, normalise_language, set_language, translations_dir

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


_INSTALLED: list[QTranslator] = []  # process-wide, like the QCoreApplication they are installed in


class LanguageManager:
    """Installs the QTranslators of a language, removing whatever language was installed before."""

    def __init__(self) -> None:
        self._translators = _INSTALLED
        self.language = current_language()

    def apply(self, language: str) -> str:
        """Install `language` (zh_CN or en) for Qt and for shopcrm.i18n; returns the normalised code."""
        language = normalise_language(language)
        app = QCoreApplication.instance()
        for tr in self._translators:
            if app is not None:
                QCoreApplication.removeTranslator(tr)
        self._translators.clear()
        set_language(language)
        self.language = language
        QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
        if language == "en" or app is None:
            return language
        ours = QTranslator()
        if ours.load(str(translations_dir() / f"shopcrm_{language}.qm")):
            QCoreApplication.installTranslator(ours)
            self._translators.append(ours)
        qt_base = QTranslator()  # standard buttons (OK, Cancel, Yes, No) and dialogs
        if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            QCoreApplication.installTranslator(qt_base)
            self._translators.append(qt_base)
        return language
