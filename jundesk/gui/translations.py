"""Loads the console's translation (resources/i18n/jundesk_<lang>.qm) and Qt's own for
the standard buttons and dialogs, from the system locale or the desk's chosen language.

English is the source language of every string, so it always works even with no .qm.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from jundesk.paths import RESOURCES

ROOT = RESOURCES.parent.parent  # the source checkout (lupdate reads its forms)

log = logging.getLogger(__name__)

I18N_DIR = RESOURCES / "i18n"
SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("es", "en")  # the ones with complete translations
# Shown in the language setting in their own language, so anyone can find theirs.
LANGUAGE_NAMES: dict[str, str] = {"es": "Español", "en": "English"}

_installed: list[QTranslator] = []


def choose_language(override: str = "", locale: QLocale | None = None) -> str:
    """The language to show: the desk's choice if we have it, else the first of the
    system's UI languages we have, else English."""
    override = override.strip().lower()[:2]
    if override in LANGUAGES:
        return override
    locale = locale if locale is not None else QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def install_translators(
    app: QCoreApplication, override: str = "", locale: QLocale | None = None
) -> str:
    """Install the translators for the chosen language (replacing any installed before)
    and return its code. A missing .qm is logged and the UI stays in English."""
    remove_translators(app)
    language = choose_language(override, locale)
    # Numbers and times read as the desk's language writes them ("100.000 casos"): the
    # system's own conventions when it speaks that language, the language's otherwise.
    system = locale if locale is not None else QLocale.system()
    same = system.name().split("_")[0] == language
    QLocale.setDefault(system if same else QLocale(language))
    ours = QTranslator(app)
    # English is loaded too: its .qm holds the plural forms ("1 case", "2 cases").
    if ours.load(str(I18N_DIR / f"jundesk_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    elif language != SOURCE_LANGUAGE:
        log.warning("No translation jundesk_%s.qm in %s; showing English", language, I18N_DIR)
        return install_translators(app, SOURCE_LANGUAGE)
    if language == SOURCE_LANGUAGE:
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def remove_translators(app: QCoreApplication) -> None:
    """Back to the bare source strings (what the tests of other modules expect)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale.system())


def translation_sources(root: Path = ROOT) -> list[Path]:
    """The files lupdate reads: the console's Python code and its Designer forms."""
    return sorted((root / "jundesk" / "gui").rglob("*.py")) + sorted((root / "ui").glob("*.ui"))
