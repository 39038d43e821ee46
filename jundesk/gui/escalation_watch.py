"""Escalation in the running console: every few seconds it looks for urgent cases of the
desk's roles (every role at the front desk) that nobody acknowledged within their SLA
target, records the escalation in each case's history (which the town's hub carries to
the front desk), turns the tray red, and repeats the urgent sound while on duty.

The case list paints the rows red by itself, from the same SlaTargets.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from jundesk.app.actions import CaseActions
from jundesk.app.duty import DutyPolicy
from jundesk.app.duty_alerts import Alert
from jundesk.app.escalation import escalation_event, overdue_urgent, record_escalations
from jundesk.app.missed_targets import missed_target_events
from jundesk.app.records import Records
from jundesk.app.sla import SlaTargets
from jundesk.core.model import CaseSummary
from jundesk.gui.notifier import Notifier
from jundesk.gui.tasks import TaskSet
from jundesk.gui.tray import TrayIcon
from jundesk.store import Store

log = logging.getLogger(__name__)

CHECK_MS = 10_000  # an urgent case escalates within 10 s of its target
SOON_MS = 300  # after news of cases, look again this soon (bursts coalesce)
MIN_REPEAT_S = 15.0  # the sound never repeats faster, whatever the settings say


class EscalationWatch(QObject):
    escalated = Signal(list)  # ids of the cases that escalated just now
    overdueChanged = Signal(int)  # urgent cases waiting past their target

    def __init__(
        self,
        policy: DutyPolicy,
        actions: CaseActions,
        notifier: Notifier,
        tray: TrayIcon | None = None,
        *,
        check_ms: int = CHECK_MS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.policy = policy
        self.actions = actions
        self.notifier = notifier
        self.tray = tray
        self.clock = clock
        self.tasks = TaskSet()
        self.targets = SlaTargets.from_settings(policy.settings.sla_minutes)
        self.overdue: list[CaseSummary] = []
        self._told: set[str] = set()
        self._running = False
        self._again = False
        self._stopped = False

        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self.check)
        self.repeat = QTimer(self)
        self.repeat.timeout.connect(self._remind)
        self.reload_settings()

    def reload_settings(self) -> None:
        """The targets or the repeat interval changed in the settings."""
        settings = self.policy.settings
        self.targets = SlaTargets.from_settings(settings.sla_minutes)
        interval = max(MIN_REPEAT_S, float(settings.escalation_sound_interval or 0))
        self.repeat.setInterval(int(interval * 1000))

    def check_soon(self, *_: object) -> None:
        """New cases or changes came in: look again shortly (connect the bridge here)."""
        self._soon.start()

    def check(self) -> None:
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._spawn(self._check(), "escalation check")

    async def _check(self) -> None:
        try:
            await self._look()
        finally:
            self._running = False
            if self._again:
                self._again = False
                self.check_soon()

    async def _look(self) -> None:
        now = self.clock()
        # The front desk is the town's last line: it watches every role.
        roles = None if self.policy.is_front_desk else list(self.policy.roles)
        store, loop = self.actions.store, asyncio.get_running_loop()
        try:
            overdue = await loop.run_in_executor(
                None, overdue_urgent, store, self.targets, roles, now
            )
        except Exception as error:  # the store closing with the window, a busy disk
            if not self._stopped:
                log.warning("Could not look for urgent cases past their target: %s", error)
            return
        if self._stopped:
            return
        new = [s for s in overdue if s.case.id not in self._told]
        if new:
            events = [escalation_event(s, self.targets, now) for s in new]
            try:
                stored = await loop.run_in_executor(
                    self.actions.writer, record_escalations, store, events
                )
            except Exception:
                # The desk still turns red and rings; the history gets it next time.
                log.exception("Could not record the escalation of %d case(s)", len(new))
                stored = []
            else:
                if stored and self.actions.on_changed:
                    self.actions.on_changed([e.case_id for e in stored])
        self.overdue = overdue
        self._told = {s.case.id for s in overdue}
        if self.tray is not None:
            self.tray.set_escalated(len(overdue))
        self.overdueChanged.emit(len(overdue))
        if new:
            self.notifier.escalate([_alert(s) for s in new], len(overdue))
            self.escalated.emit([s.case.id for s in new])
        if overdue and not self.repeat.isActive():
            self.repeat.start()
        elif not overdue:
            self.repeat.stop()

        await self._note_missed_targets(store, loop, now)

    async def _note_missed_targets(
        self, store: Store, loop: asyncio.AbstractEventLoop, now: datetime
    ) -> None:
        """Cases past a target to acknowledge, answer or resolve get it in their history
        (once per case and target, whichever desk notices first)."""
        records = Records(store, self.policy.settings)
        try:
            # In steps, each its own write: a recount of every case (a calendar changed)
            # lets the desk's own writes in between.
            while not (await loop.run_in_executor(self.actions.writer, records.prepare_step)).done:
                if self._stopped:
                    return
            events = await loop.run_in_executor(None, missed_target_events, records, now)
            stored = (
                await loop.run_in_executor(self.actions.writer, store.append_events, events)
                if events
                else []
            )
        except Exception as error:  # the store closing with the window, a busy disk
            if not self._stopped:
                log.warning("Could not record missed targets: %s", error)
            return
        if stored and self.actions.on_changed:
            self.actions.on_changed(sorted({e.case_id for e in stored}))

    def _remind(self) -> None:
        """Urgent cases still wait past their target: the sound again, on duty only."""
        if self.overdue and self.policy.is_on_duty():
            self.notifier.remind()

    def stop(self) -> None:
        """No more checks or sounds (the window is closing)."""
        self._stopped = True
        for timer in (self.timer, self._soon, self.repeat):
            timer.stop()

    def _spawn(self, coro: Coroutine[Any, Any, None], what: str) -> None:
        """A task of the console's loop. With none running (a timer firing while the
        console shuts down) the check is skipped: the next one comes soon enough."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            self._running = False
            return
        self.tasks.spawn(coro, what)


def _alert(summary: CaseSummary) -> Alert:
    case = summary.case
    return Alert(case.id, case.role, case.priority, summary.author_handle, summary.excerpt)
