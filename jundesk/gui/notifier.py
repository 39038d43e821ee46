"""Telling the person at the desk that new cases came in: a tray message (or a note inside
the window when the desktop has no tray), a sound, the taskbar alert, and a red badge
counting urgent cases not yet seen.

Every one of those paths asks the DutyPolicy first, so a desk off duty makes no noise at
all, whatever calls it. Each path also emits a signal saying what it did: the tests listen
to those, as no tray or speaker exists offscreen.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from jundesk.app.duty import DutyPolicy
from jundesk.app.duty_alerts import Alert, NewCase, alerts_for
from jundesk.gui import qt_messages, theme
from jundesk.gui.display_names import priority_name, role_name
from jundesk.paths import RESOURCES

if TYPE_CHECKING:
    from jundesk.gui.tray import TrayIcon

log = logging.getLogger(__name__)

SOUNDS_DIR = RESOURCES / "sounds"
NEW, URGENT = "new", "urgent"
TOAST_MS, URGENT_TOAST_MS = 8_000, 20_000
EXCERPT_CHARS = 110
LISTED = 3  # a burst lists this many cases in its message, urgent first
GROUP_S = 10.0  # cases within this many seconds of the last pop-up join it
CASE_PANE = "caseView"  # the window's case pane, which a pop-up never covers


def plain_excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of a post for a notification: control characters and line breaks gone,
    cut at `limit`. Still untrusted text: show it in plain-text widgets only."""
    cleaned = "".join(
        " " if ch in "\r\n\t" else ch
        for ch in text
        if ch in "\r\n\t" or unicodedata.category(ch)[0] != "C"
    )
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


class SoundPlayer:
    """Plays the notification sounds through QtMultimedia, imported only when first
    needed: without libpulse or an audio device the desk simply stays silent."""

    def __init__(self, sounds_dir: Path = SOUNDS_DIR) -> None:
        self.sounds_dir = sounds_dir
        self._effects: dict[str, Any] = {}
        self._broken = False

    @property
    def available(self) -> bool:
        return self._effect(NEW) is not None

    def preload(self) -> None:
        """Load the sounds ahead of the first case, so it plays without delay."""
        for kind in (NEW, URGENT):
            self._effect(kind)

    def play(self, kind: str) -> bool:
        effect = self._effect(kind)
        if effect is None:
            return False
        effect.play()
        return True

    def _effect(self, kind: str) -> Any:
        if self._broken:
            return None
        if kind in self._effects:
            return self._effects[kind]
        qt_messages.install()  # its start-up chatter goes to the log, not the terminal
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:  # typically: libpulse.so.0 is missing
            log.info("No sound: QtMultimedia is unavailable (%s)", exc)
            self._broken = True
            return None
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(self.sounds_dir / f"{kind}.wav")))
        effect.setVolume(0.8 if kind == URGENT else 0.6)
        self._effects[kind] = effect
        return effect


class NotificationToast(QFrame):
    """The in-window note used when the desktop has no tray: top right, for a few seconds;
    a click on it opens the case."""

    clicked = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notificationToast")
        self.setAccessibleName(self.tr("New case notification"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._case_id = ""
        self.title = QLabel(self)
        self.title.setObjectName("notificationToastTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.body = QLabel(self)
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # post text is never markup
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.setFixedWidth(360)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()
        parent.installEventFilter(self)

    def show_message(self, title: str, text: str, urgent: bool, case_id: str = "") -> None:
        self._case_id = case_id
        self.title.setText(title)
        self.body.setText(text)
        self.setProperty("urgent", urgent)
        self.style().unpolish(self)
        self.style().polish(self)
        # A word-wrapped label needs its height asked for this width, or the text spills.
        layout = self.layout()
        self.setFixedHeight(layout.totalHeightForWidth(self.width()) if layout else 120)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(URGENT_TOAST_MS if urgent else TOAST_MS)

    def mousePressEvent(self, event: Any) -> None:
        self.hide()
        if self._case_id:
            self.clicked.emit(self._case_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        """Bottom right of the list, never over the case pane: its header and action
        buttons are what the desk clicks next. Without a case pane: top right."""
        parent = self.parentWidget()
        if parent is None:
            return
        pane = parent.findChild(QWidget, CASE_PANE)
        if pane is None or not pane.isVisible():
            self.move(max(0, parent.width() - self.width() - 16), 56)
            return
        left = pane.mapTo(parent, QPoint(0, 0)).x()
        bottom = pane.mapTo(parent, QPoint(0, pane.height())).y()
        self.move(max(8, left - self.width() - 16), max(8, bottom - self.height() - 8))


class Notifier(QObject):
    """Notifications for new cases. Give it the desk's DutyPolicy; the window and the
    tray are optional (without a tray it uses a note inside the window)."""

    messageShown = Signal(str, str, bool)  # title, text, urgent
    soundRequested = Signal(str)  # NEW or URGENT
    alertRaised = Signal()  # the taskbar alert
    badgeChanged = Signal(int)  # urgent cases not yet seen
    caseActivated = Signal(str)  # the person clicked a notification of this case

    def __init__(
        self,
        policy: DutyPolicy,
        window: QWidget | None = None,
        tray: TrayIcon | None = None,
        *,
        sound: SoundPlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.policy = policy
        self.window = window
        self.tray: TrayIcon | None = None
        self.sound = sound or SoundPlayer()
        self.toast: NotificationToast | None = None
        self._urgent_unseen = 0
        self._last_case = ""
        self._group: list[Alert] = []  # what the pop-up on screen counts
        self._group_until = 0.0
        if window is not None:
            self.toast = NotificationToast(window)
            self.toast.clicked.connect(self.caseActivated)
            window.installEventFilter(self)
        if tray is not None:
            self.set_tray(tray)

    def set_tray(self, tray: TrayIcon | None) -> None:
        self.tray = tray
        if tray is not None:
            tray.messageClicked.connect(self._tray_clicked)

    @property
    def urgent_unseen(self) -> int:
        return self._urgent_unseen

    # -- the one entry point ------------------------------------------------------------

    def notify(self, new_cases: Sequence[NewCase]) -> list[Alert]:
        """Tell the person about the cases that concern them; returns what it told.

        A burst (one poll bringing several cases) makes one message and one sound.
        """
        alerts = alerts_for(self.policy, new_cases, self.policy.settings.popup_priorities)
        if not alerts:
            return []
        urgent = [a for a in alerts if a.urgent]
        # Cases arriving while the last pop-up still shows join it: one pop-up that
        # counts them all ("3 new cases, 1 urgent"), not a stack of them.
        now = time.monotonic()
        if now > self._group_until or not self.policy.is_on_duty():
            self._group = []
        known = {a.case_id for a in self._group}
        self._group = sorted(
            [*self._group, *(a for a in alerts if a.case_id not in known)],
            key=lambda a: a.priority.rank,
        )
        self._group_until = now + GROUP_S
        shown = self._group
        title, text = self._message(shown, sum(1 for a in shown if a.urgent))
        self._last_case = shown[0].case_id
        self._show_message(title, text, any(a.urgent for a in shown), shown[0].case_id)
        self._play(URGENT if urgent else NEW)
        self._alert()
        if urgent:
            self._set_badge(self._urgent_unseen + len(urgent))
        return alerts

    def silence(self) -> None:
        """Going off duty: take down what is still showing (the note, the badge)."""
        if self.toast is not None:
            self.toast.hide()
        self._group = []
        self.clear_badge()

    def clear_badge(self) -> None:
        """The person has looked: clearing is always allowed, on duty or off."""
        if self._urgent_unseen:
            self._urgent_unseen = 0
            self._paint_badge()
            self.badgeChanged.emit(0)

    # -- escalation ------------------------------------------------------------------------

    def escalate(self, new: Sequence[Alert], overdue: int) -> None:
        """Urgent cases went past their target unacknowledged: say so, with the urgent
        sound (on duty only, like every path)."""
        if not new:
            return
        first = new[0]
        if len(new) == 1:
            title = self.tr("Not acknowledged in time: %s") % role_name(first.role)
        else:
            title = self.tr("%n urgent case(s) not acknowledged in time", "", len(new))
        lines = [self._line(a, with_role=len(new) > 1) for a in new[:LISTED]]
        if overdue > len(lines):
            lines.append(self.tr("…and %n more", "", overdue - len(lines)))
        self._last_case = first.case_id
        self._show_message(title, "\n".join(lines), True, first.case_id)
        self._play(URGENT)
        self._alert()

    def remind(self) -> None:
        """The escalation sound again (urgent cases still wait); on duty only."""
        self._play(URGENT)

    # -- the paths, each checking duty itself ----------------------------------------------

    def _show_message(self, title: str, text: str, urgent: bool, case_id: str) -> None:
        if not self.policy.is_on_duty():
            return
        shown = self.tray is not None and self.tray.show_message(title, text, urgent)
        if not shown and self.toast is not None:
            self.toast.show_message(title, text, urgent, case_id)
        self.messageShown.emit(title, text, urgent)

    def _play(self, kind: str) -> None:
        if not self.policy.is_on_duty() or not self.policy.settings.notification_sound:
            return
        self.soundRequested.emit(kind)
        try:
            self.sound.play(kind)
        except Exception:  # a sound system failing must not lose the notification
            log.exception("Playing the %s sound failed", kind)

    def _alert(self) -> None:
        if not self.policy.is_on_duty():
            return
        if self.window is not None:
            QApplication.alert(self.window, 0)
        self.alertRaised.emit()

    def _set_badge(self, count: int) -> None:
        if not self.policy.is_on_duty():
            return
        self._urgent_unseen = count
        self._paint_badge()
        self.badgeChanged.emit(count)

    def _paint_badge(self) -> None:
        if self.window is not None:
            self.window.setWindowIcon(theme.with_badge(theme.app_icon(), self._urgent_unseen))
        if self.tray is not None:
            self.tray.set_badge(self._urgent_unseen)

    # -- wording ---------------------------------------------------------------------------

    def _message(self, alerts: Sequence[Alert], urgent: int) -> tuple[str, str]:
        if len(alerts) == 1:
            alert = alerts[0]
            title = (
                self.tr("Urgent: %s") if alert.urgent else self.tr("New case: %s")
            ) % role_name(alert.role)
            return title, self._line(alert)
        title = self.tr("%n new case(s)", "", len(alerts))
        if urgent:
            among = self.tr("%n urgent", "", urgent)
            title = f"{title}, {among}"
        lines = [self._line(a, with_role=True) for a in alerts[:LISTED]]
        if len(alerts) > LISTED:
            lines.append(self.tr("…and %n more", "", len(alerts) - LISTED))
        return title, "\n".join(lines)

    def _line(self, alert: Alert, with_role: bool = False) -> str:
        author = f"@{alert.author_handle}: " if alert.author_handle else ""
        if with_role:
            label = role_name(alert.role)
            if alert.urgent:
                label = f"{priority_name(alert.priority)} · {label}"
            author = f"[{label}] {author}"
        if alert.withheld:  # a private post of another role's case: not who, not what
            return author + self.tr("Private message")
        return f"{author}{plain_excerpt(alert.text)}"

    # -- clearing the badge when the person looks -------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.clear_badge()
        return False

    def _tray_clicked(self) -> None:
        if self._last_case:
            self.caseActivated.emit(self._last_case)
