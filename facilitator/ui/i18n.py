"""The interface's language: Qt translators and the default QLocale, chosen at start-up.

The words live in ``resources/i18n/facilitator_<language>.ts`` (made and updated with
``pyside6-lupdate``, see ``scripts/update_translations.py``) and are compiled next to it into
``.qm`` files, which are committed so a checkout and a bundle run without Qt's tools. Qt's own
``qtbase_<language>.qm`` translates the buttons of standard dialogs.

English is the source language: choosing it removes every translator. The language applies when
the windows are built, so a change in Settings takes effect the next time the app starts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from facilitator import paths

log = logging.getLogger(__name__)

ENGLISH = "en"
# Each language's name as its own readers write it (a Spanish reader looks for "Español").
LANGUAGES = {"en": "English", "es": "Español"}
QT_LANGUAGES = {"en": QLocale.Language.English, "es": QLocale.Language.Spanish}

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name pyside6-lupdate looks for)
    """Mark ``text`` for translation in ``context`` where it is defined; translate it where it is shown.

    PySide6's own QT_TRANSLATE_NOOP is typed as returning ``object``; this one keeps ``str``.
    """
    return text


def folder() -> Path:
    return paths.resource("i18n")


def ts_path(language: str) -> Path:
    return folder() / f"facilitator_{language}.ts"


def qm_path(language: str) -> Path:
    return folder() / f"facilitator_{language}.qm"


def locale_for(language: str) -> QLocale:
    """The laptop's own locale when it already speaks ``language`` (its clock and date habits), else US."""
    system = QLocale.system()
    if system.language() == QT_LANGUAGES[language]:
        return system
    return QLocale(QT_LANGUAGES[language], QLocale.Country.UnitedStates)


def current() -> str:
    """The language the interface was last set to."""
    return _current


_current = ENGLISH


def install(language: str) -> str:
    """Translate the interface into ``language`` from now on; returns the language actually in use.

    An unknown language, or one whose file is missing, falls back to English (logged, never raised):
    a missing translation must not keep a session from running.
    """
    global _current
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    if language not in LANGUAGES:
        log.warning("unknown interface language %r; using English", language)
        language = ENGLISH
    if language != ENGLISH and app is not None:
        own = QTranslator(app)
        if not own.load(str(qm_path(language))):
            log.warning("no compiled translation for %s; using English", language)
            language = ENGLISH
        else:
            qt = QTranslator(app)
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt)
                _installed.append(qt)
            app.installTranslator(own)
            _installed.append(own)
    QLocale.setDefault(locale_for(language))
    _current = language
    return language
