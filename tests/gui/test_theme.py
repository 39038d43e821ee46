"""The icon set, painted for light and dark palettes, the badge, and the style sheet."""

from __future__ import annotations

import re
import wave
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette

from jundesk.gui import theme
from jundesk.paths import RESOURCES

LINE_ICONS = [
    "inbox",
    "police",
    "street_cleaning",
    "lighting",
    "unrouted",
    "mine",
    "all",
    "resolved",
    "acknowledge",
    "assign",
    "reroute",
    "priority",
    "note",
    "reply",
    "resolve",
    "reopen",
    "merge",
    "search",
    "duty_on",
    "duty_off",
    "urgent",
    "schedule",
    "settings",
    "new_case",
]
OWN_COLOUR_ICONS = ("app", "tray", "tray_off", "tray_urgent")


def ink(image: QImage) -> set[str]:
    """The opaque colours painted in an image."""
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                found.add(pixel.name())
    return found


@pytest.mark.parametrize("name", LINE_ICONS)
def test_line_icons_are_24px_single_colour_svgs(name: str) -> None:
    root = ET.parse(theme.icon_path(name)).getroot()
    assert root.get("viewBox") == "0 0 24 24"
    assert root.get("stroke") == "currentColor" and root.get("fill") == "none"
    colours = set(re.findall(r"#[0-9a-fA-F]{3,8}", theme.icon_path(name).read_text()))
    assert not colours, f"{name} hard-codes {colours}: it would not follow the theme"


@pytest.mark.parametrize("name", LINE_ICONS + list(OWN_COLOUR_ICONS))
def test_every_icon_renders(qapp, name: str) -> None:
    icon = theme.icon(name) if name in LINE_ICONS else theme.tray_icon(name != "tray_off")
    image = icon.pixmap(24, 24).toImage()
    assert not image.isNull() and ink(image)


def test_icons_follow_the_palette(qapp) -> None:
    dark = theme.icon("police", QColor("#e8eaed")).pixmap(24, 24).toImage()
    light = theme.icon("police", QColor("#202124")).pixmap(24, 24).toImage()
    assert "#e8eaed" in ink(dark) and "#202124" in ink(light)
    with pytest.raises(KeyError):
        theme.icon("no-such-icon")


@pytest.fixture
def dark_palette(qapp) -> Iterator[None]:
    before = QGuiApplication.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    QGuiApplication.setPalette(palette)
    yield
    QGuiApplication.setPalette(before)


def test_dark_palette_gives_light_icons_and_dark_tokens(dark_palette) -> None:
    assert theme.is_dark()
    image = theme.icon("inbox").pixmap(24, 24).toImage()
    assert "#e8eaed" in ink(image)
    assert theme.colour("urgent") == QColor("#ff6b6b")


def test_the_badge_is_red_and_counts(qapp) -> None:
    plain = theme.tray_icon(True).pixmap(32, 32).toImage()
    badged = theme.tray_icon(True, urgent=3).pixmap(32, 32).toImage()
    assert badged != plain and theme.BADGE_RED.name() in ink(badged)
    assert theme.tray_icon(False, urgent=3).pixmap(32, 32).toImage() == (
        theme.tray_icon(False).pixmap(32, 32).toImage()
    )  # off duty shows no badge


def test_the_style_sheet_has_its_tokens_filled(qapp) -> None:
    for dark in (False, True):
        sheet = theme.style_sheet(dark)
        assert "#notificationToast" in sheet and "#offDutyBanner" in sheet
        rules = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
        assert not re.search(r"@[a-z_]+", rules)


@pytest.mark.parametrize("name", ["new", "urgent"])
def test_the_sounds_are_short_and_tiny(name: str) -> None:
    path = RESOURCES / "sounds" / f"{name}.wav"
    with wave.open(str(path)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert 0.2 <= seconds <= 1.0 and path.stat().st_size < 40_000
