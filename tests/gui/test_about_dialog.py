"""Help > About: the version, the licence, and third-party notices that match what the
installed packages themselves declare."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata

import pytest
from PySide6.QtWidgets import QApplication

from jundesk import __version__
from jundesk.gui.about_dialog import LICENSE, NOTICES, AboutDialog, notices_text
from tests.gui.conftest import until


def declared_license(distribution: str) -> str:
    """The licence a distribution's metadata declares (License-Expression, else License)."""
    meta = metadata.metadata(distribution)
    return str(meta.get("License-Expression") or meta.get("License") or "")


@pytest.mark.parametrize("notice", NOTICES, ids=lambda n: n.distribution)
def test_each_notice_matches_the_package_metadata(notice) -> None:  # type: ignore[no-untyped-def]
    declared = declared_license(notice.distribution)
    if declared:
        # PySide6 declares "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only": we use the LGPL.
        assert notice.license in [part.strip() for part in declared.split(" OR ")], declared
    else:
        # tweepy declares its licence only as a trove classifier.
        classifiers = metadata.metadata(notice.distribution).get_all("Classifier") or []
        assert f"License :: OSI Approved :: {notice.license} License" in classifiers


def test_every_runtime_dependency_has_a_notice() -> None:
    requires = metadata.requires("jundesk") or []
    runtime = {
        r.split(";")[0].split("[")[0].split(">")[0].split("<")[0].split("!")[0].strip().lower()
        for r in requires
        if "extra ==" not in r
    }
    noticed = {n.distribution.lower() for n in NOTICES}
    assert runtime <= noticed, runtime - noticed


def test_the_dialog_shows_version_licence_and_notices(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.title.text()
    assert LICENSE == "GPL-3.0-or-later" and LICENSE in dialog.summary.text()
    text = dialog.notices.toPlainText()
    assert text == notices_text()
    for line in ("PySide6", "LGPL-3.0-only", "tweepy", "Apache-2.0", "BSD-2-Clause"):
        assert line in text
    assert f"tweepy {metadata.version('tweepy')}: MIT" in text


@pytest.mark.asyncio
async def test_help_about_opens_it(open_desk: Callable[..., object]) -> None:
    async with open_desk(start=False) as desk:  # type: ignore[attr-defined]
        desk.window.ui.actionAbout.trigger()
        await until(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
        QApplication.activeModalWidget().close()  # type: ignore[union-attr]
