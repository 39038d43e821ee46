"""Duty in the running console: the on/off duty action (toolbar and tray), a timer that
notices the weekly schedule turning, new cases sent to the notifier and to the town's
uncovered-urgent policy, and the "while you were off" summary on coming back.

The main window makes one DutyWatch and hands it the engine's reports; everything about
duty goes through here, so every path asks the same DutyPolicy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from jundesk.app.actions import CaseActions
from jundesk.app.duty import DutyChange, DutyPolicy
from jundesk.app.duty_alerts import NewCase
from jundesk.app.escalation import ESCALATED
from jundesk.app.ingest import IngestReport
from jundesk.app.off_duty_summary import OffDutySummary, open_urgent, summarize
from jundesk.app.uncovered_urgent import UNCOVERED_URGENT, apply_town_policy
from jundesk.core.model import EventKind
from jundesk.gui import theme
from jundesk.gui.display_names import role_name
from jundesk.gui.duty_settings import DutySettingsDialog
from jundesk.gui.escalation_watch import EscalationWatch
from jundesk.gui.notifier import Notifier
from jundesk.gui.off_duty_banner import OffDutyBanner
from jundesk.gui.off_duty_confirm import OffDutyConfirmDialog
from jundesk.gui.off_duty_summary import OffDutySummaryDialog
from jundesk.gui.tasks import TaskSet
from jundesk.gui.tray import TrayIcon, short_local_time
from jundesk.store.repository import Store

log = logging.getLogger(__name__)

CHECK_MS = 15_000  # how often the schedule is looked at: a shift starts within 15 s


def duty_note_text(payload: Mapping[str, object]) -> str | None:
    """The words for a note the duty policy left on a case (the uncovered-urgent mark, an
    escalation), in the desk's language; None for any other note, which shows its own
    text."""
    if payload.get("flag") == ESCALATED:
        minutes = payload.get("minutes", "")
        return QCoreApplication.translate(
            "DutyWatch",
            "Urgent and not acknowledged within %1 min: escalated, the front desk is told.",
        ).replace("%1", str(minutes))
    if payload.get("flag") != UNCOVERED_URGENT:
        return None
    text = QCoreApplication.translate(
        "DutyWatch", "Urgent, and nobody on duty covers %1: the front desk is told."
    ).replace("%1", role_name(str(payload.get("role", ""))))
    if payload.get("auto_reply_112"):
        text += " " + QCoreApplication.translate(
            "DutyWatch", "The citizen gets an automatic answer pointing to 112."
        )
    return text


class DutyWatch(QObject):
    dutyChanged = Signal(bool)  # on duty?
    summaryShown = Signal(object)  # the OffDutySummary now on screen
    townPolicyApplied = Signal(list)  # [UncoveredOutcome]
    caseRequested = Signal(str)  # the person asked to open a case (summary, notification)
    urgentRequested = Signal()  # "show the urgent cases" from the summary
    languageChanged = Signal(str)
    confirmAsked = Signal(object)  # the OffDutyConfirmDialog about to be shown

    def __init__(
        self,
        policy: DutyPolicy,
        *,
        window: QWidget | None = None,
        store: Store | None = None,
        actions: CaseActions | None = None,
        notifier: Notifier | None = None,
        tray: TrayIcon | None = None,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.policy = policy
        self.window = window
        self.store = store
        self.actions = actions
        self.tasks = TaskSet()
        self.summary_dialog: OffDutySummaryDialog | None = None
        self.banner: OffDutyBanner | None = None
        self.confirm_dialog: OffDutyConfirmDialog | None = None

        self.duty_action = QAction(self)
        self.duty_action.setObjectName("dutyToggle")
        self.duty_action.setCheckable(True)
        self.duty_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.duty_action.triggered.connect(self.set_on_duty)

        self.notifier = notifier or Notifier(policy, window)
        self.notifier.caseActivated.connect(self.caseRequested)
        self.tray = tray if tray is not None else TrayIcon(policy, self.duty_action, self)
        self.notifier.set_tray(self.tray)
        self.tray.showRequested.connect(self.show_window)
        self.tray.settingsRequested.connect(self.open_settings)

        # Urgent cases nobody acknowledges in time (needs the desk's actions to record it).
        self.escalation: EscalationWatch | None = None
        if actions is not None:
            self.escalation = EscalationWatch(
                policy, actions, self.notifier, self.tray, parent=self
            )

        unhook = policy.add_listener(self._changed)
        self.destroyed.connect(lambda *_: unhook())
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._refresh()
        # The first look, once the loop runs and the window shows: a desk that went off
        # before a restart and is now back on gets its summary then.
        QTimer.singleShot(0, self.check)

    # -- duty --------------------------------------------------------------------------

    def is_on_duty(self) -> bool:
        return self.policy.is_on_duty()

    def set_on_duty(self, on: bool) -> None:
        if not on and self.policy.is_on_duty() and not self._confirm_off_duty():
            self._refresh()  # the toggle's check mark goes back
            return
        self.policy.set_on_duty(bool(on))
        self._refresh()  # also when the toggle only moved the override's end

    def _confirm_off_duty(self) -> bool:
        """Going off with urgent cases of the desk's roles open: ask first, listing them.

        The read is done here, on the GUI thread, because the answer decides what the
        click does; it walks the (role, open, priority) index for at most a screenful of
        rows, well under a frame."""
        if self.store is None:
            return True
        try:
            urgent = open_urgent(self.store, self.policy.roles)
        except Exception:
            log.exception("Could not read the open urgent cases before going off duty")
            return True
        if not urgent:
            return True
        dialog = OffDutyConfirmDialog(urgent, self.policy.roles_nobody_else_covers(), self.window)
        self.confirm_dialog = dialog
        self.confirmAsked.emit(dialog)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def check(self) -> DutyChange | None:
        return self.policy.check()

    def make_banner(self, parent: QWidget) -> OffDutyBanner:
        """The off-duty strip for the main window's layout, kept up to date from here."""
        self.banner = OffDutyBanner(self.duty_action, parent)
        self._refresh()
        return self.banner

    def _changed(self, change: DutyChange) -> None:
        self._refresh()
        # Off duty shows nothing; back on duty, old badges belong to before (the summary
        # says what came in).
        self.notifier.silence()
        self.dutyChanged.emit(change.on_duty)
        if change.on_duty and change.off_since is not None and self.store is not None:
            self._spawn(self._summarize(change.off_since, change.at), "while-you-were-off")

    def refresh(self) -> None:
        """Show the duty state again (the settings changed)."""
        self._refresh()

    def _refresh(self) -> None:
        on = self.policy.is_on_duty()
        action = self.duty_action
        action.setChecked(on)
        action.setIcon(theme.icon("duty_on" if on else "duty_off"))
        action.setText(self.tr("On duty") if on else self.tr("Off duty"))
        action.setToolTip(
            self.tr("On duty: new cases for your roles notify you. Click to go off duty.")
            if on
            else self.tr("Off duty: no sounds, no pop-ups. Click to go on duty.")
        )
        self.tray.refresh()
        if self.banner is not None:
            if on:
                self.banner.hide()
            else:
                until = self.policy.next_change()
                self.banner.show_off_duty(
                    short_local_time(until) if until else "",
                    alone=self.policy.alone,
                    nobody_else=self.policy.roles_nobody_else_covers(),
                )

    # -- new cases --------------------------------------------------------------------

    def handle_report(self, report: IngestReport) -> None:
        """Connect the engine's report (through the bridge) here."""
        # When the cases arrived: their ingested events, or (a report that no longer
        # carries its events) when their posts were received, a moment before.
        arrivals = [e.at for e in report.events if e.kind is EventKind.INGESTED]
        arrivals += [post.received_at for _, _, post in report.new_cases]
        if arrivals and self.policy.note_arrival(min(arrivals)):
            # Cases that arrived on duty, whose news came after going off: never alerted,
            # so the "while you were off" summary takes them in.
            log.info("Cases that arrived before going off duty go into the summary")
        self.handle_new_cases(report.new_cases)
        if self.escalation is not None and report.new_cases:
            self.escalation.check_soon()

    def handle_new_cases(self, new_cases: Sequence[NewCase]) -> None:
        if not new_cases:
            return
        self.notifier.notify(new_cases)
        if self.actions is not None and self.policy.uncovered_urgent(new_cases):
            self._spawn(self._apply_town_policy(list(new_cases)), "uncovered-urgent policy")

    async def _apply_town_policy(self, new_cases: list[NewCase]) -> None:
        assert self.actions is not None
        policy = self.policy
        now = policy.clock()
        outcomes = await apply_town_policy(
            policy.uncovered_urgent(new_cases, now),
            self.actions,
            auto_reply_112=policy.settings.auto_reply_112,
            now=now,
        )
        self.townPolicyApplied.emit(outcomes)

    # -- while you were off ------------------------------------------------------------

    async def _summarize(self, since: datetime, until: datetime) -> None:
        assert self.store is not None
        loop = asyncio.get_running_loop()
        roles = self.policy.roles
        summary = await loop.run_in_executor(None, summarize, self.store, roles, since, until)
        self.show_summary(summary)

    def show_summary(self, summary: OffDutySummary) -> OffDutySummaryDialog | None:
        """Show what came in while off; nothing at all if nothing did."""
        if summary.is_empty:
            return None
        if self.summary_dialog is not None:
            self.summary_dialog.close()
        dialog = OffDutySummaryDialog(summary, self.window)
        dialog.caseRequested.connect(self.caseRequested)
        dialog.urgentRequested.connect(self.urgentRequested)
        self.summary_dialog = dialog
        dialog.open()  # window-modal, never blocking the loop
        self.summaryShown.emit(summary)
        return dialog

    # -- settings and window -------------------------------------------------------------

    def open_settings(self) -> DutySettingsDialog:
        dialog = DutySettingsDialog(self.policy, self.window)
        dialog.languageChanged.connect(self.languageChanged)
        dialog.accepted.connect(self._refresh)
        if self.escalation is not None:
            dialog.accepted.connect(self.escalation.reload_settings)
        dialog.open()
        return dialog

    def show_window(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    # -- tasks -----------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None], what: str) -> None:
        """Run `coro` as a task of the console's event loop (kept and logged by TaskSet).
        With no loop running (a bare QApplication, as in tests) it runs to the end here."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            asyncio.run(coro)
            return
        self.tasks.spawn(coro, what)
