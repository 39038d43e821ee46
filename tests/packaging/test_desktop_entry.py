"""The desktop entry, the AppStream metainfo and the running application agree on one app
id (es.jun.JunDesk) and one version, and the validators pass them."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jundesk import APP_ID, __version__

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def test_the_desktop_entry_is_named_for_the_app_id() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Icon"] == APP_ID
    assert main["Exec"].split()[0] == "jundesk"


def test_the_metainfo_names_the_same_app_and_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.find("screenshots") is not None
    assert root.find("content_rating") is not None


@pytest.mark.slow
def test_the_application_calls_itself_by_the_app_id(qtbot: object) -> None:
    from jundesk.app.settings import Settings
    from jundesk.gui.app import application

    app = application(Settings())
    assert app.desktopFileName() == APP_ID


@pytest.mark.parametrize(
    "command",
    [
        ["desktop-file-validate", str(DESKTOP)],
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
    ],
    ids=["desktop-file-validate", "appstreamcli"],
)
def test_the_validators_pass(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (packaging/smoke.sh runs it in CI)")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
