"""Help > About: the version, the licence, and the notices of the free software JunDesk is
built on and ships with (the wheel installs them; the frozen builds carry them)."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jundesk import __version__
from jundesk.gui import theme

LICENSE = "GPL-3.0-or-later"
HOMEPAGE = "https://www.gnu.org/licenses/gpl-3.0.html"


@dataclass(frozen=True, slots=True)
class Notice:
    """A component shipped with JunDesk: its distribution name and SPDX licence, as its own
    package metadata declares it (tests/gui/test_about_dialog.py checks them)."""

    name: str
    distribution: str
    license: str
    what: str


NOTICES: tuple[Notice, ...] = (
    Notice("Qt for Python (PySide6)", "PySide6", "LGPL-3.0-only", "the window toolkit"),
    Notice("Qt", "PySide6-Essentials", "LGPL-3.0-only", "the Qt libraries shipped in PySide6"),
    Notice("shiboken6", "shiboken6", "LGPL-3.0-only", "PySide6's binding runtime"),
    Notice("tweepy", "tweepy", "MIT", "the X API client"),
    Notice("Mastodon.py", "Mastodon.py", "MIT", "the Mastodon API client"),
    Notice("The AT Protocol SDK", "atproto", "MIT", "the Bluesky API client"),
    Notice("python-telegram-bot", "python-telegram-bot", "LGPL-3.0-only", "the Telegram Bot API"),
    Notice("regex", "regex", "Apache-2.0 AND CNRI-Python", "grapheme counting (reply lengths)"),
    Notice("SQLAlchemy", "SQLAlchemy", "MIT", "the database toolkit"),
    Notice("Alembic", "alembic", "MIT", "database migrations"),
    Notice("Requests", "requests", "Apache-2.0", "HTTP"),
    Notice("keyring", "keyring", "MIT", "the system keyring"),
    Notice("platformdirs", "platformdirs", "MIT", "the user's folders"),
    Notice("psycopg", "psycopg", "LGPL-3.0-only", "the PostgreSQL driver (the town's hub)"),
    Notice("qasync", "qasync", "BSD-2-Clause", "asyncio on Qt's event loop"),
    Notice("pyqtgraph", "pyqtgraph", "MIT", "the Records view's plots"),
    Notice(
        "NumPy", "numpy", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "pyqtgraph's arrays"
    ),
)


def installed_version(distribution: str) -> str:
    """The installed version of a component, or "" where its metadata isn't shipped."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def notices_text() -> str:
    """The notices as plain text, one component a line: name, version and SPDX licence
    (the same in every language)."""
    lines = []
    for notice in NOTICES:
        version = installed_version(notice.distribution)
        if notice.distribution == "PySide6-Essentials":
            version = qVersion()
        label = f"{notice.name} {version}".strip()
        lines.append(f"{label}: {notice.license}")
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About JunDesk"))
        self.setWindowIcon(theme.app_icon())
        self.setMinimumWidth(520)

        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(self.tr("JunDesk %1").replace("%1", __version__))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(
            self.tr(
                "The town's posts on X, to the right desk, urgent first.\n"
                "Free software: you may share and change it under the GNU General Public "
                "License, version 3 or later (%1). It comes with no warranty."
            ).replace("%1", LICENSE)
        )
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.summary)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)

        self.notices_label = QLabel(
            self.tr("Built with Python %1 and Qt for Python %2, and these components:")
            .replace("%1", platform.python_version())
            .replace("%2", pyside_version)
        )
        self.notices_label.setWordWrap(True)
        self.notices = QPlainTextEdit(notices_text())
        self.notices.setReadOnly(True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.notices.setMinimumHeight(180)
        self.source = QLabel(
            self.tr(
                "The LGPL components are unmodified and kept as separate libraries, so they "
                "can be replaced; each one's licence text comes with its package."
            )
        )
        self.source.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notices_label)
        layout.addWidget(self.notices, 1)
        layout.addWidget(self.source)
        layout.addWidget(buttons)
