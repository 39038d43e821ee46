"""Translations: the .ts files match the code and are complete, the .qm files are compiled
from them, Spanish loads from the locale or the setting, and long Spanish strings fit.

When this fails after a change to the GUI, run
`.venv/bin/python jundesk/resources/i18n/update_translations.py` and translate what it lists.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QToolBar

from jundesk.app.duty import DutyPolicy
from jundesk.app.off_duty_summary import OffDutySummary, RoleCount
from jundesk.app.settings import Settings
from jundesk.core.model import Case, CaseSummary, Priority, Status
from jundesk.gui.duty_settings import DutySettingsDialog
from jundesk.gui.duty_watch import DutyWatch
from jundesk.gui.off_duty_summary import OffDutySummaryDialog
from jundesk.gui.translations import (
    I18N_DIR,
    choose_language,
    install_translators,
    remove_translators,
)

pytestmark = pytest.mark.slow  # whole windows in each language

SCREEN_W, SCREEN_H = 1366, 768
PLACEHOLDER = re.compile(r"%(?:n|s|\d)")


def load_updater() -> ModuleType:
    path = I18N_DIR / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


TS_FILES = [I18N_DIR / "jundesk_es.ts", I18N_DIR / "jundesk_en.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_the_ts_file_holds_exactly_the_strings_of_the_code(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    load_updater().lupdate([fresh])
    before, after = set(messages(ts)), set(messages(fresh))
    assert not after - before, f"strings not in {ts.name} yet: {sorted(after - before)}"
    assert not before - after, f"strings no longer in the code: {sorted(before - after)}"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated_with_its_placeholders(ts: Path) -> None:
    unfinished = []
    for (context, source, _), message in messages(ts).items():
        translation = message.find("translation")
        assert translation is not None
        forms = (
            [f.text or "" for f in translation.findall("numerusform")]
            if message.get("numerus") == "yes"
            else [translation.text or ""]
        )
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            unfinished.append((context, source))
            continue
        for form in forms:
            wanted = sorted(PLACEHOLDER.findall(source))
            # A singular may write the number out; every other placeholder must stay.
            got = sorted(PLACEHOLDER.findall(form))
            assert [p for p in wanted if p != "%n"] == [p for p in got if p != "%n"], (
                context,
                source,
                form,
            )
    assert not unfinished, f"unfinished in {ts.name}: {unfinished}"


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_the_qm_file_is_compiled_from_the_ts(ts: Path, tmp_path: Path) -> None:
    compiled = tmp_path / ts.with_suffix(".qm").name
    load_updater().lrelease(ts, compiled)
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run lrelease"


# -- loading -------------------------------------------------------------------------------


@pytest.fixture
def translated(qapp) -> Iterator[object]:
    yield qapp
    remove_translators(qapp)


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def test_spanish_loads_from_the_system_locale(translated, qtbot) -> None:
    assert install_translators(translated, "", QLocale("es_ES")) == "es"
    assert tr("DisplayNames", "Police") == "Policía"
    policy = DutyPolicy(Settings(), save=lambda: None)
    watch = DutyWatch(policy)
    assert watch.duty_action.text() == "De servicio"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Cancelar"  # Qt's own strings too


def test_the_language_setting_overrides_the_locale(translated) -> None:
    assert install_translators(translated, "es", QLocale("en_GB")) == "es"
    assert tr("DisplayNames", "Street cleaning") == "Limpieza viaria"
    assert install_translators(translated, "en", QLocale("es_ES")) == "en"
    assert tr("DisplayNames", "Street cleaning") == "Street cleaning"
    assert QCoreApplication.translate("Notifier", "%n new case(s)", "", 2) == "2 new cases"


def test_languages_without_a_translation_fall_back_to_english() -> None:
    assert choose_language("", QLocale("fr_FR")) == "en"
    assert choose_language("", QLocale("es_MX")) == "es"
    assert choose_language("xx", QLocale("es_ES")) == "es"
    assert choose_language("EN", QLocale("es_ES")) == "en"


# -- long Spanish strings fit a 1366x768 screen --------------------------------------------


def fits(size_w: int, size_h: int, margin: int = 40) -> bool:
    """Room left for the window frame and a desktop panel."""
    return size_w <= SCREEN_W - margin and size_h <= SCREEN_H - margin


def spanish_summary() -> OffDutySummary:
    now = datetime.now(UTC)
    urgent = tuple(
        CaseSummary(
            Case(
                id=f"case-{i}",
                role="police",
                priority=Priority.URGENT,
                status=Status.NEW,
                created_at=now - timedelta(hours=i),
            ),
            author_handle=f"vecino{i}",
            excerpt="Accidente en la rotonda de la carretera de Guadix, hay un herido " * 3,
        )
        for i in range(12)
    )
    counts = (
        RoleCount("police", 14, 12),
        RoleCount("street_cleaning", 9, 9),
        RoleCount("lighting", 3, 1),
        RoleCount("unrouted", 2, 2),
    )
    return OffDutySummary(now - timedelta(hours=10), now, counts, urgent, 60)


def test_long_spanish_strings_fit(translated, qtbot) -> None:
    install_translators(translated, "es")
    policy = DutyPolicy(Settings(duty_schedule_enabled=True), save=lambda: None)

    settings = DutySettingsDialog(policy)
    qtbot.addWidget(settings)
    hint = settings.sizeHint()
    assert fits(hint.width(), hint.height()), hint
    assert settings.use_schedule.text().startswith("Entrar y salir de servicio")

    summary = OffDutySummaryDialog(spanish_summary())
    qtbot.addWidget(summary)
    hint = summary.sizeHint()
    assert fits(hint.width(), hint.height()), hint
    assert summary.windowTitle() == "Mientras estaba fuera"
    assert summary.more.text() == "…y 48 casos urgentes más"

    window = QMainWindow()
    qtbot.addWidget(window)
    watch = DutyWatch(policy, window=window)
    toolbar = QToolBar(window)
    toolbar.addAction(watch.duty_action)
    window.addToolBar(toolbar)
    banner = watch.make_banner(window)
    policy.set_on_duty(False)
    assert banner.isVisibleTo(window) or not banner.isHidden()
    assert banner.minimumSizeHint().width() <= SCREEN_W
    assert watch.duty_action.text() == "Fuera de servicio"
    # The toggle's text is the longest state; it must not crowd the toolbar.
    assert toolbar.sizeHint().width() < SCREEN_W // 4


@pytest.mark.slow
def test_the_spanish_main_window_fits_1366x768(translated, qtbot, tmp_path: Path) -> None:
    from jundesk.gui.main_window import MainWindow
    from jundesk.gui.session import DeskSession

    install_translators(translated, "es")
    settings = Settings(person="Antonio", desk_roles=["police", "street_cleaning", "unrouted"])
    session = DeskSession(tmp_path / "desk.db", settings, settings_path=tmp_path / "s.json")
    try:
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.resize(SCREEN_W, SCREEN_H - 40)
        window.show()
        minimum = window.minimumSizeHint()
        assert fits(minimum.width(), minimum.height()), minimum
        toolbar = window.ui.mainToolBar
        assert toolbar.sizeHint().width() <= SCREEN_W, toolbar.sizeHint()
        assert window.duty.duty_action.text() == "De servicio"
        window.duty.duty_action.trigger()
        banner = window.duty.banner
        assert banner is not None and banner.isVisible()
        assert banner.sizeHint().height() < 60  # a strip, not a pane
        assert banner.minimumSizeHint().width() <= SCREEN_W
        window.duty.duty_action.trigger()
    finally:
        session.close()
