"""`jundesk demo --quit-after N`: the demo window closes by itself once N cases have been
routed and its case list is painted, printing when the window was first painted and what it
routed. The packaging smoke tests run it on the installed and frozen programs, and the
start-time figures come from it; without a case in time it exits 1."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from jundesk.app.ingest import IngestReport
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession

TIMEOUT_S = 120.0


class DemoCheck(QObject):
    def __init__(
        self, window: MainWindow, session: DeskSession, cases: int, timeout_s: float = TIMEOUT_S
    ) -> None:
        super().__init__(window)
        self.window = window
        self.wanted = max(cases, 1)
        self.routed = 0
        self.painted_at: float | None = None
        self.exit_code = 1
        self._viewport = window.ui.caseTable.viewport()
        self._viewport.installEventFilter(self)
        session.bridge.report.connect(self._on_report)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._give_up)
        self._deadline.start(int(timeout_s * 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Paint:
            if self.painted_at is None:
                self.painted_at = time.time()
                _say(f"painted at {self.painted_at:.3f}")
            self._maybe_done()
        return False

    def _on_report(self, report: IngestReport) -> None:
        for _case_id, verdict, post in report.new_cases:
            self.routed += 1
            _say(f"routed {post.source_id} to {verdict.role} ({verdict.priority.value})")
        self._maybe_done()

    def _maybe_done(self) -> None:
        if self.exit_code == 0 or self.routed < self.wanted or self.painted_at is None:
            return
        if self.window.cases.rowCount() == 0:
            return  # routed, but not on the list yet: the next paint will tell
        self.exit_code = 0
        _say(f"ok: {self.routed} cases routed, {self.window.cases.rowCount()} on the list")
        QTimer.singleShot(0, self.window.close)

    def _give_up(self) -> None:
        if self.exit_code != 0:
            _say(f"failed: {self.routed} of {self.wanted} cases routed in time")
            self.window.close()


def _say(line: str) -> None:
    if sys.stdout is not None:  # a windowed program on Windows has no console
        print(f"jundesk demo: {line}", file=sys.stdout, flush=True)
