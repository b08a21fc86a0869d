"""English and Danish: Qt translators plus the matching number and date formats.

The language follows the OS locale unless the user picks one (Settings, or the View menu);
switching at run time installs the other translator, Qt sends every widget a LanguageChange
event, and the windows retranslate themselves and give the table models a new Formatter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from econdesk.qt.formatting import Formatter
from econdesk.qt.resources import translation_file

if TYPE_CHECKING:
    # PySide6's stub types this as (object, object) -> object; at run time it hands back the
    # message unchanged. Imported from here, the marked texts stay str for the type checker
    # (pyside6-lupdate finds them by the name, wherever it comes from).
    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str: ...  # noqa: N802
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401 (re-exported, typed above)

LANGUAGES = {"en": "English", "da": "Dansk"}

_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """Translate a literal: `tr("Approve")`. pyside6-lupdate collects every `tr("...")` call
    (with the empty context), so the literal must stand in the call itself."""
    return QCoreApplication.translate("", text)


def system_language() -> str:
    return "da" if QLocale.system().language() == QLocale.Language.Danish else "en"


def locale_for(language: str) -> QLocale:
    if language == "da":
        return QLocale("da_DK")
    system = QLocale.system()
    return system if system.language() == QLocale.Language.English else QLocale("en_GB")


def install_language(language: str | None) -> Formatter:
    """Make `language` ("en", "da", None for the system's) current; return its Formatter."""
    code = language if language in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    while _installed:
        app.removeTranslator(_installed.pop())
    locale = locale_for(code)
    QLocale.setDefault(locale)
    if code != "en":
        ours = QTranslator(app)
        if ours.load(str(translation_file(code))):
            _installed.append(ours)
        qt_own = QTranslator(app)  # Qt's own strings: dialog buttons, context menus
        if qt_own.load(
            locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            _installed.append(qt_own)
        for translator in _installed:
            app.installTranslator(translator)  # each sends every widget a LanguageChange
    return Formatter(locale)


def current_language() -> str:
    return "da" if QLocale().language() == QLocale.Language.Danish else "en"
