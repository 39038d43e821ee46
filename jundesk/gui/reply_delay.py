"""A public reply waits a few seconds before it goes to X, so the desk can take it back:
each pending reply has its own timer, and undoing it hands its text back as the draft."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal


@dataclass
class PendingReply:
    case_id: str
    text: str
    timer: QTimer


class PendingReplies(QObject):
    due = Signal(str, str)  # case id, text: publish it now
    changed = Signal(str)  # case id: a reply started waiting, or stopped

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[str, PendingReply] = {}

    def start(self, case_id: str, text: str, seconds: float) -> None:
        """Publish `text` on `case_id` after `seconds` unless undone (0: at once)."""
        self.undo(case_id)
        if seconds <= 0:
            self.due.emit(case_id, text)
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(int(seconds * 1000))
        timer.timeout.connect(lambda: self._fire(case_id))
        self._pending[case_id] = PendingReply(case_id, text, timer)
        timer.start()
        self.changed.emit(case_id)

    def undo(self, case_id: str) -> str | None:
        """Take the reply back; its text, or None if none was waiting."""
        pending = self._pending.pop(case_id, None)
        if pending is None:
            return None
        pending.timer.stop()
        pending.timer.deleteLater()
        self.changed.emit(case_id)
        return pending.text

    def text(self, case_id: str) -> str | None:
        pending = self._pending.get(case_id)
        return pending.text if pending else None

    def seconds_left(self, case_id: str) -> int:
        pending = self._pending.get(case_id)
        if pending is None:
            return 0
        return max(0, -(-pending.timer.remainingTime() // 1000))

    def take_all(self) -> list[PendingReply]:
        """Every reply still waiting, none of them published (the window is closing)."""
        taken = list(self._pending.values())
        self._pending.clear()
        for pending in taken:
            pending.timer.stop()
        return taken

    def _fire(self, case_id: str) -> None:
        pending = self._pending.pop(case_id, None)
        if pending is not None:
            pending.timer.deleteLater()
            self.changed.emit(case_id)
            self.due.emit(case_id, pending.text)
