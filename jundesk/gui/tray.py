"""The system tray icon: blue on duty, grey off duty, a red badge for unseen urgent cases,
and a menu with the duty toggle, "show the window" and "quit".

Desktops without a tray (and the offscreen tests) get a TrayIcon that exists but shows
nothing; `available` says which, and the Notifier falls back to the window.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QObject, QTime, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from jundesk.app.duty import DutyPolicy
from jundesk.gui import theme

MESSAGE_MS = 10_000


class TrayIcon(QObject):
    showRequested = Signal()
    settingsRequested = Signal()
    quitRequested = Signal()
    messageClicked = Signal()

    def __init__(
        self, policy: DutyPolicy, duty_action: QAction | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.policy = policy
        self.duty_action = duty_action
        self._badge = 0
        self._escalated = 0  # urgent cases past their target
        self._tray: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        # Asking for the tray before a QApplication exists crashes Qt.
        if QApplication.instance() is not None and QSystemTrayIcon.isSystemTrayAvailable():
            self._build()

    @property
    def available(self) -> bool:
        return self._tray is not None

    def _build(self) -> None:
        self.menu = QMenu()
        if self.duty_action is not None:
            self.menu.addAction(self.duty_action)
            self.menu.addSeparator()
        show = self.menu.addAction(theme.app_icon(), self.tr("Show JunDesk"))
        show.triggered.connect(self.showRequested)
        settings = self.menu.addAction(theme.icon("settings"), self.tr("Duty and notifications…"))
        settings.triggered.connect(self.settingsRequested)
        self.menu.addSeparator()
        quit_action = self.menu.addAction(self.tr("Quit JunDesk"))
        quit_action.triggered.connect(self.quitRequested)
        self._tray = QSystemTrayIcon(self)
        self._tray.setContextMenu(self.menu)
        self._tray.activated.connect(self._activated)
        self._tray.messageClicked.connect(self.messageClicked)
        self.refresh()
        self._tray.show()

    def refresh(self) -> None:
        """Show the current duty state and badge (call after duty changes)."""
        if self._tray is None:
            return
        on = self.policy.is_on_duty()
        self._tray.setIcon(theme.tray_icon(on, self._badge, self._escalated > 0))
        self._tray.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        if not self.policy.is_on_duty():
            until = self.policy.next_change()
            if until is not None:
                return self.tr("JunDesk: off duty until %s") % short_local_time(until)
            return self.tr("JunDesk: off duty, notifications are silenced")
        if self._escalated:
            return self.tr(
                "JunDesk: %n urgent case(s) not acknowledged in time", "", self._escalated
            )
        if self._badge:
            return self.tr("JunDesk: %n urgent case(s) not seen yet", "", self._badge)
        return self.tr("JunDesk: on duty")

    @property
    def escalated(self) -> int:
        return self._escalated

    def set_escalated(self, count: int) -> None:
        """Urgent cases waiting past their target: the icon turns red while any do."""
        self._escalated = max(0, count)
        self.refresh()

    def set_badge(self, count: int) -> None:
        self._badge = max(0, count)
        self.refresh()

    def show_message(self, title: str, text: str, urgent: bool) -> bool:
        """Show a desktop notification; False when there is no tray to show it (and,
        whoever asks, never off duty)."""
        if self._tray is None or not QSystemTrayIcon.supportsMessages():
            return False
        if not self.policy.is_on_duty():
            return True  # handled: silence is what off duty shows
        kind = (
            QSystemTrayIcon.MessageIcon.Warning
            if urgent
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._tray.showMessage(tray_safe(title), tray_safe(text), kind, MESSAGE_MS)
        return True

    def hide(self) -> None:
        if self._tray is not None:
            self._tray.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.showRequested.emit()


def tray_safe(text: str) -> str:
    """Text for a desktop notification. Some notification servers read markup in the
    message, so the characters that start markup are swapped for look-alikes."""
    return text.replace("&", "＆").replace("<", "‹").replace(">", "›")


def short_local_time(moment: datetime) -> str:
    """A time people read: "08:00", or "Mon 08:00" when it is not today."""
    local = moment.astimezone()
    locale = QLocale()
    clock = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    if local.date() == datetime.now().astimezone().date():
        return clock
    day = str(locale.dayName(local.isoweekday(), QLocale.FormatType.ShortFormat))
    return f"{day} {clock}"
