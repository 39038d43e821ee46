"""What the triage actions do when a desk triggers them (button, menu or key): ask what a
dialog must ask, run the engine's action on its threads, and say what happened. Every
action is an event in the case's history; the engine tells the window what changed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from jundesk.app.actions import ActionError, ReplyFailed
from jundesk.app.available_actions import MERGE_MINIMUM, TriageAction, applies, targets
from jundesk.core.model import Case, CaseSummary, Priority
from jundesk.gui.action_errors import action_error_text
from jundesk.gui.case_detail import NOTE_DRAFT, REPLY_DRAFT, CaseDetail
from jundesk.gui.case_dialogs import (
    AssignDialog,
    ComplaintDialog,
    MergeDialog,
    RerouteDialog,
    ResolveDialog,
)
from jundesk.gui.display_names import case_label, priority_name, role_name
from jundesk.gui.reply_delay import PendingReplies
from jundesk.gui.session import DeskSession
from jundesk.gui.store_errors import store_error_text
from jundesk.store.errors import StoreError

log = logging.getLogger(__name__)


def label_of(summary: CaseSummary) -> str:
    return case_label(summary.case.id, summary.author_handle)


class CasesOnShow(Protocol):
    """What the commands read from the window: the cases they act on and how to name them."""

    def selected_summaries(self) -> list[CaseSummary]: ...

    def current_detail(self) -> CaseDetail | None: ...

    def label_for(self, case_id: str) -> str: ...

    def known_assignees(self) -> list[str]: ...


TOWN_POST = "town-post"  # the pending key of the town's own post (no case has it)


class CaseCommands(QObject):
    done = Signal(str)  # a confirmation for the status bar
    failed = Signal(str)  # what went wrong and what to do, for the message strip
    reply_sent = Signal(str)  # case id
    reply_failed = Signal(str, str)  # case id, reason
    note_refused = Signal(str, str)  # case id, the note's text (back to its box)
    case_created = Signal(str)  # case id (a logged complaint)
    post_sent = Signal()  # the town's post (the weekly summary) is on X
    post_failed = Signal(str)  # why not; the text stays with the desk

    def __init__(self, session: DeskSession, window: QWidget, cases: CasesOnShow) -> None:
        super().__init__(window)
        self.session = session
        self.window = window  # the dialogs' parent
        self.cases = cases
        self.pending = PendingReplies(self)
        self.pending.due.connect(self.send_reply)
        # The town's own posts wait the same undo delay as replies, on their own timers.
        self.pending_posts = PendingReplies(self)
        self.pending_posts.due.connect(lambda _key, text: self.send_post(text))

    # -- plumbing --------------------------------------------------------------------------

    def _run(self, what: str, make: Callable[[], Awaitable[Any]], confirm: str = "") -> None:
        async def run() -> None:
            try:
                await make()
            except ActionError as error:
                self.failed.emit(action_error_text(error))
            except StoreError as error:
                self.failed.emit(store_error_text(error))
            else:
                if confirm:
                    self.done.emit(confirm)

        self.session.tasks.spawn(run(), what)

    def _each(
        self, what: str, ids: Sequence[str], act: Callable[[str], Awaitable[Case]], confirm: str
    ) -> None:
        async def all_of() -> None:
            for case_id in ids:
                await act(case_id)

        if ids:
            self._run(what, all_of, confirm)

    def _targets(self, action: TriageAction) -> list[CaseSummary]:
        """The selected cases this action applies to (the case on show if none)."""
        return targets(action, self.cases.selected_summaries(), self.session.person)

    @staticmethod
    def _ids(summaries: Sequence[CaseSummary]) -> list[str]:
        return [s.case.id for s in summaries]

    # -- simple actions ----------------------------------------------------------------------

    def acknowledge(self) -> None:
        targets = self._targets(TriageAction.ACKNOWLEDGE)
        self._each(
            "acknowledge",
            self._ids(targets),
            self.session.actions.acknowledge,
            self._confirm(self.tr("Acknowledged"), targets),
        )

    def take(self) -> None:
        if not self.session.person:
            self.failed.emit(self.tr("Set your name in the settings to take cases."))
            return
        targets = self._targets(TriageAction.TAKE)
        self._each(
            "take",
            self._ids(targets),
            self.session.actions.assign_to_me,
            self._confirm(self.tr("Taken"), targets),
        )

    def set_priority(self, priority: Priority) -> None:
        targets = [
            s for s in self._targets(TriageAction.PRIORITY) if s.case.priority is not priority
        ]
        actions = self.session.actions
        self._each(
            "priority",
            self._ids(targets),
            lambda case_id: actions.set_priority(case_id, priority),
            self._confirm(priority_name(priority), targets),
        )

    def reopen(self) -> None:
        targets = self._targets(TriageAction.REOPEN)
        self._each(
            "reopen",
            self._ids(targets),
            self.session.actions.reopen,
            self._confirm(self.tr("Reopened"), targets),
        )

    def _confirm(self, what: str, summaries: Sequence[CaseSummary]) -> str:
        """What was done, to which case and whose (or to how many cases)."""
        if len(summaries) == 1:
            return f"{what}: {label_of(summaries[0])}"
        return self.tr("%1: %n case(s)", "", len(summaries)).replace("%1", what)

    # -- actions with a dialog -------------------------------------------------------------

    def assign(self) -> None:
        summaries = self._targets(TriageAction.ASSIGN)
        if not summaries:
            return
        people = [self.session.person, *self.cases.known_assignees()]
        assignee = AssignDialog(summaries[0], people, self.window).ask()
        if assignee is None:
            return
        actions = self.session.actions
        self._each(
            "assign",
            self._ids(summaries),
            lambda case_id: actions.assign(case_id, assignee),
            self._confirm(self.tr("Assigned to %1").replace("%1", assignee or "—"), summaries),
        )

    def reroute(self) -> None:
        summaries = self._targets(TriageAction.REROUTE)
        if not summaries:
            return
        answer = RerouteDialog(summaries[0], self.session.known_roles, self.window).ask()
        if answer is None:
            return
        moving = [s for s in summaries if s.case.role != answer.role]
        actions = self.session.actions
        self._each(
            "reroute",
            self._ids(moving),
            lambda case_id: actions.reroute(case_id, answer.role, answer.reason),
            self._confirm(self.tr("Sent to %1").replace("%1", role_name(answer.role)), moving),
        )

    def merge(self) -> None:
        summaries = self._targets(TriageAction.MERGE)
        if len(summaries) < MERGE_MINIMUM:
            self.failed.emit(
                self.tr(
                    "Select the duplicate cases in the list first (Ctrl+click, or Shift with "
                    "the arrow keys), then merge them."
                )
            )
            return
        keep = MergeDialog(summaries, self.window).ask()
        if keep is None:
            return
        others = [s.case.id for s in summaries if s.case.id != keep]
        kept = next(s for s in summaries if s.case.id == keep)
        self._run(
            "merge",
            lambda: self.session.actions.merge(keep, others),
            self.tr("%n case(s) merged into %1", "", len(others)).replace("%1", label_of(kept)),
        )

    def resolve(self) -> None:
        detail = self.cases.current_detail()
        if detail is None or not applies(TriageAction.RESOLVE, detail.case, self.session.person):
            return
        summary = detail.summary
        answer = ResolveDialog(
            summary, detail.answerable is not None, self.window, lang=detail.lang
        ).ask()
        if answer is None:
            return
        case_id = detail.case.id
        label = label_of(summary)

        async def resolve() -> None:
            try:
                await self.session.actions.resolve(case_id, answer.reply, photo=answer.photo)
            except ReplyFailed as error:
                # The closing reply is kept as the case's reply draft, with the reason.
                reason = self.tr(
                    "The closing reply was not sent, so the case is still open: %1"
                ).replace("%1", action_error_text(error))
                self.save_draft(case_id, REPLY_DRAFT, answer.reply, reason)
                self.reply_failed.emit(case_id, reason)
                self.failed.emit(reason)
                return
            if answer.reply:
                self.reply_sent.emit(case_id)
            self.done.emit(self.tr("Resolved: %1").replace("%1", label))

        self._run("resolve", resolve)

    def log_complaint(self) -> None:
        answer = ComplaintDialog(self.session.known_roles, self.window).ask()
        if answer is None:
            return

        async def log_it() -> None:
            case = await self.session.actions.log_complaint(
                answer.text,
                channel=answer.channel,
                author_name=answer.author_name,
                role=answer.role,
                priority=answer.priority,
            )
            self.case_created.emit(case.id)
            self.done.emit(
                self.tr("Logged as %1").replace("%1", case_label(case.id, answer.author_name))
            )

        self._run("log complaint", log_it)

    # -- writing ---------------------------------------------------------------------------

    def queue_reply(self, case_id: str, text: str) -> None:
        """A reply the desk sent: it waits the undo delay (a setting), then goes to X."""
        self.pending.start(case_id, text, self.session.settings.reply_undo_seconds)

    def keep_waiting_replies(self) -> None:
        """The window is closing: replies still waiting are not published; each stays as
        its case's draft, saying so."""
        reason = self.tr(
            "Not published: JunDesk was closed before the reply went out. Send it again "
            "when it is ready."
        )
        for pending in self.pending.take_all():
            self.save_draft(pending.case_id, REPLY_DRAFT, pending.text, reason)

    def send_reply(self, case_id: str, text: str) -> None:
        label = self.cases.label_for(case_id)

        async def send() -> None:
            try:
                await self.session.actions.reply(case_id, text)
            except ReplyFailed as error:
                reason = self.tr("Not sent: %1 Your text is kept as a draft.").replace(
                    "%1", action_error_text(error)
                )
                # Kept with its reason before the desk is told: what it then sees (or reads
                # after a restart) is the draft with the reason, never the one typed before.
                await self._wait(self.save_draft(case_id, REPLY_DRAFT, text, reason))
                self.reply_failed.emit(case_id, reason)
                return
            except ActionError as error:
                reason = action_error_text(error)
                await self._wait(self.save_draft(case_id, REPLY_DRAFT, text, reason))
                self.reply_failed.emit(case_id, reason)
                return
            await self._wait(self.delete_draft(case_id, REPLY_DRAFT))
            self.reply_sent.emit(case_id)
            self.done.emit(self.tr("Reply published: %1").replace("%1", label))

        self._run("reply", send)

    def queue_post(self, text: str) -> None:
        """A post of the town account (no case): published after the undo delay."""
        self.pending_posts.start(TOWN_POST, text, self.session.settings.reply_undo_seconds)

    def send_post(self, text: str) -> None:
        async def send() -> None:
            try:
                await self.session.actions.publish_post(text)
            except ActionError as error:
                self.post_failed.emit(action_error_text(error))
                return
            self.post_sent.emit()
            self.done.emit(self.tr("Published on the town's account."))

        self._run("town post", send)

    def add_note(self, case_id: str, text: str) -> None:
        label = self.cases.label_for(case_id)

        async def note() -> None:
            try:
                await self.session.actions.note(case_id, text)
            except (ActionError, StoreError):
                # Kept as the case's draft (if the disk takes it) and put back in its box.
                self.save_draft(case_id, NOTE_DRAFT, text)
                self.note_refused.emit(case_id, text)
                raise
            await self._wait(self.delete_draft(case_id, NOTE_DRAFT))

        self._run("note", note, self.tr("Note added: %1").replace("%1", label))

    def save_draft(self, case_id: str, kind: str, text: str, error: str = "") -> Future[None]:
        """Queue the draft on the writer thread at once: queued before the engine closes,
        it is written before the database closes."""
        return self._log_failure(
            self.session.engine.writer.submit(
                self.session.store.save_draft, case_id, kind, text, error
            )
        )

    def delete_draft(self, case_id: str, kind: str) -> Future[None]:
        return self._log_failure(
            self.session.engine.writer.submit(self.session.store.delete_draft, case_id, kind)
        )

    def mark_seen(self, case_id: str, last_event_id: str) -> Future[None]:
        return self._log_failure(
            self.session.engine.writer.submit(self.session.store.mark_seen, case_id, last_event_id)
        )

    @staticmethod
    def _log_failure(future: Future[None]) -> Future[None]:
        def check(done: Future[None]) -> None:
            if not done.cancelled() and done.exception() is not None:
                log.error("Saving desk state failed", exc_info=done.exception())

        future.add_done_callback(check)
        return future

    @staticmethod
    async def _wait(future: Future[None]) -> None:
        await asyncio.wrap_future(future)
