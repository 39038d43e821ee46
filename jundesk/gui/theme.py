"""The look of the console: icons from the SVG set in resources/icons, coloured for the
light or dark palette, the red count badge, and the application style sheet.

The line icons draw in `currentColor`; icon() paints them in the palette's text colour,
so one SVG serves both themes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from jundesk.paths import RESOURCES

ICONS_DIR = RESOURCES / "icons"
STYLE_SHEET = RESOURCES / "jundesk.qss"
ICON_SIZES = (16, 20, 24, 32, 48)
BADGE_RED = QColor("#d32f2f")

# The style sheet names colours as @tokens, so one file serves both themes.
_TOKENS: dict[str, dict[str, str]] = {
    "light": {
        "accent": "#1d6fd6",
        "urgent": "#c62828",
        "urgent_bg": "#fdecea",
        "muted": "#5f6368",
        "card": "#ffffff",
        "card_border": "#d0d4da",
        "toast_bg": "#202124",
        "toast_text": "#ffffff",
        "off_duty_bg": "#fff4e5",
        "off_duty_text": "#8a4b00",
    },
    "dark": {
        "accent": "#6ea8fe",
        "urgent": "#ff6b6b",
        "urgent_bg": "#3b1f1f",
        "muted": "#9aa0a6",
        "card": "#2b2d31",
        "card_border": "#44474d",
        "toast_bg": "#e8eaed",
        "toast_text": "#202124",
        "off_duty_bg": "#3d2e12",
        "off_duty_text": "#ffcc80",
    },
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the desk runs a dark theme: the colour scheme if the platform says, else
    whether the window background is darker than its text."""
    hints = QGuiApplication.styleHints()
    if palette is None and hints is not None:
        scheme = hints.colorScheme()
        if scheme is not Qt.ColorScheme.Unknown:
            return scheme is Qt.ColorScheme.Dark
    palette = palette or QGuiApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Window).lightness()
        < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def colour(token: str) -> QColor:
    """A named colour of the current theme ("urgent", "muted", ...)."""
    return QColor(_TOKENS["dark" if is_dark() else "light"][token])


def icon_path(name: str) -> Path:
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        raise KeyError(f"no icon {name!r} in {ICONS_DIR}")
    return path


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The named icon from the set, painted in `color` (the palette's text colour by
    default, dimmed for the disabled state). Raises KeyError for an unknown name."""
    palette = QGuiApplication.palette()
    normal = QColor(color) if color is not None else palette.color(QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return QIcon(_icon(name, normal.name(), disabled.name()))


@cache
def _icon(name: str, normal: str, disabled: str) -> QIcon:
    svg = icon_path(name).read_text(encoding="utf-8")
    result = QIcon()
    for mode, shade in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        coloured = _recolour(svg, shade)
        for size in ICON_SIZES:
            for scale in (1, 2):  # crisp on HiDPI screens too
                result.addPixmap(_render(coloured, size, scale), mode)
    return result


def role_icon(role: str) -> QIcon:
    """The icon of a role; roles a town adds share the inbox's."""
    return icon(role if (ICONS_DIR / f"{role}.svg").is_file() else "inbox")


def app_icon() -> QIcon:
    """The application's own icon, in its own colours."""
    return QIcon(_app_icon("app"))


@cache
def _app_icon(name: str) -> QIcon:
    svg = icon_path(name).read_text(encoding="utf-8")
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addPixmap(_render(svg, size, 1))
    return result


def tray_icon(on_duty: bool, urgent: int = 0, escalated: bool = False) -> QIcon:
    """The tray's icon: blue on duty, grey off; a red badge counts urgent cases unseen;
    all red while an urgent case waits past its target (escalated)."""
    base = QIcon(_app_icon("tray" if on_duty else "tray_off"))
    if escalated:
        base = tinted(base, BADGE_RED)
    return with_badge(base, urgent) if urgent and on_duty else base


def tinted(base: QIcon, color: QColor) -> QIcon:
    """`base` painted over in one colour, its shape kept."""
    result = QIcon()
    for size in (16, 24, 32, 48, 64):
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            continue
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), color)
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result


def with_badge(base: QIcon, count: int) -> QIcon:
    """`base` with a red badge in its corner showing `count` (9+ above nine)."""
    if count <= 0:
        return base
    result = QIcon()
    for size in (16, 24, 32, 48, 64):
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            continue
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        diameter = max(9.0, size * 0.58)
        rect = QRectF(size - diameter, 0, diameter, diameter)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(rect.adjusted(-1, -1, 1, 1))
        painter.setBrush(BADGE_RED)
        painter.drawEllipse(rect)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(7, int(diameter * 0.62)))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 10 else "9+")
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result


def style_sheet(dark: bool | None = None) -> str:
    """The application style sheet with its @tokens filled in for the theme ("" if the
    file is missing: the platform's style alone is still usable)."""
    try:
        text = STYLE_SHEET.read_text(encoding="utf-8")
    except OSError:
        return ""
    tokens = _TOKENS["dark" if (is_dark() if dark is None else dark) else "light"]
    return re.sub(r"@([a-z_]+)", lambda m: tokens.get(m.group(1), m.group(0)), text)


def apply_style(app: QApplication) -> None:
    """Give the application its icon and style sheet; call again when the theme changes."""
    app.setWindowIcon(app_icon())
    app.setStyleSheet(style_sheet())


def _recolour(svg: str, colour_name: str) -> str:
    return svg.replace("currentColor", colour_name)


def _render(svg: str, size: int, scale: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(size * scale, size * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap
