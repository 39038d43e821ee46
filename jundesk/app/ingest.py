"""Turning a page of posts into cases: dedupe, thread follow-ups, route new matters.

Everything one page brings (posts, case events, the cursor that covers it, the reads it
cost) is written in one transaction, so a crash loses nothing and duplicates nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Cursor,
    Event,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.intake.source import Page
from jundesk.triage import FollowUp, Triage, Verdict

log = logging.getLogger(__name__)

X_ACCOUNT_ACTOR = Actor("x-account")


class IntakeUnit(Protocol):
    """One page's transaction: what intake looks up and what it writes. A desk's own
    database (jundesk.store's UnitOfWork) and the town's hub (jundesk.sync.hub_intake's
    HubIntakeUnit) both keep these promises."""

    def existing_source_ids(self, source: str, source_ids: Iterable[str]) -> set[str]: ...

    def cases_for_source_ids(self, source: str, source_ids: Iterable[str]) -> dict[str, str]:
        """source_id -> case id (after merges) of the stored posts with those ids."""
        ...

    def cases_for_conversations(
        self, source: str, conversation_ids: Iterable[str]
    ) -> dict[str, str]:
        """conversation id -> case id (after merges) of the conversation's latest post
        that has a case (a finished case's chat that went on as a new report: the new one)."""
        ...

    def case_statuses(self, case_ids: Iterable[str]) -> dict[str, Status]: ...

    def add_posts(self, posts: Sequence[Post], case_ids: Sequence[str | None]) -> None: ...

    def append_events(
        self, events: Sequence[Event], first_posts: Mapping[str, Post] | None = None
    ) -> list[Event]: ...

    def save_cursor(self, cursor: Cursor) -> None: ...

    def add_reads(self, source: str, n: int, at: datetime) -> None: ...


class IntakeStore(Protocol):
    """Where intake writes: the desk's own database, or the town's hub for the desk that
    collects for the town (jundesk.app.town_collector)."""

    def unit(self) -> AbstractContextManager[IntakeUnit]:
        """One transaction: everything in it commits when the block ends, or nothing."""
        ...

    def get_cursor(self, source: str, key: str) -> Cursor: ...

    def reads_this_month(self, source: str, now: datetime) -> int:
        """Posts read from `source` in the calendar month (UTC) of `now`."""
        ...


@dataclass
class IngestReport:
    """What one page did to the database."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    new_cases: list[tuple[str, Verdict, Post]] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)  # case ids that got a new post
    own_replies: int = 0
    events: list[Event] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.new_cases += other.new_cases
        self.followups += other.followups
        self.own_replies += other.own_replies
        # A page's events go to its listeners; a whole backlog's would only weigh on memory.


class Ingestor:
    def __init__(
        self,
        store: IntakeStore,
        triage: Triage,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.triage = triage
        self.clock = clock

    def ingest(self, source: str, page: Page) -> IngestReport:
        """Store one page and its cursor in a single transaction."""
        report = IngestReport(skipped=page.skipped)
        now = self.clock()
        with self.store.unit() as uow:
            unique: dict[str, Post] = {}
            for post in page.posts:
                unique.setdefault(post.source_id, post)
            report.duplicates = len(page.posts) - len(unique)
            existing = uow.existing_source_ids(source, unique.keys())
            report.duplicates += len(existing)
            fresh = sorted(
                (p for sid, p in unique.items() if sid not in existing),
                # Oldest first, so a thread's root has its case before its replies look for
                # it (X's ids grow with time; a Bluesky uri or Telegram id need the time).
                key=lambda p: (p.created_at, len(p.source_id), p.source_id),
            )
            by_source = uow.cases_for_source_ids(
                source, {p.in_reply_to_id for p in fresh if p.in_reply_to_id}
            )
            by_conversation = uow.cases_for_conversations(
                source,
                {
                    p.conversation_id
                    for p in fresh
                    if p.conversation_id and p.conversation_id != p.source_id
                },
            )
            finished = {
                case_id
                for case_id, status in uow.case_statuses(
                    {*by_source.values(), *by_conversation.values()}
                ).items()
                if status in (Status.RESOLVED, Status.CLOSED)
            }
            case_ids: list[str | None] = []
            events: list[Event] = []
            first_posts: dict[str, Post] = {}
            for post in fresh:
                replied_case = by_source.get(post.in_reply_to_id) if post.in_reply_to_id else None
                case_id = replied_case or (
                    by_conversation.get(post.conversation_id) if post.conversation_id else None
                )
                meaning = None
                if case_id in finished and not post.is_own:
                    meaning = self.triage.follow_up(post.text, post.lang)
                    if self._starts_anew(post, meaning, through_reply=replied_case is not None):
                        case_id = None
                if post.is_own:
                    if case_id:
                        # The town answered outside JunDesk (the phone app, the web).
                        events.append(
                            make_event(
                                case_id,
                                EventKind.REPLIED,
                                X_ACCOUNT_ACTOR,
                                now,
                                text=post.text,
                                reply_id=post.source_id,
                                external=True,
                            )
                        )
                    report.own_replies += 1
                elif case_id:
                    events += self._follow_up(case_id, post, meaning, now)
                    report.followups.append(case_id)
                else:
                    verdict = self.triage.classify(post.text, post.lang)
                    case_id = uuid7()
                    events += opening_events(
                        case_id,
                        post.id,
                        post.created_at,
                        verdict.role,
                        verdict.priority,
                        verdict.confidence,
                        INTAKE_ACTOR,
                        TRIAGE_ACTOR,
                        now,
                        why_role=verdict.why_role(),
                        why_priority=verdict.cue_words,
                    )
                    first_posts[case_id] = post
                    report.new_cases.append((case_id, verdict, post))
                case_ids.append(case_id)
                if case_id:
                    by_source[post.source_id] = case_id
                    if post.conversation_id:
                        by_conversation[post.conversation_id] = case_id  # its latest case
            if fresh:
                uow.add_posts(fresh, case_ids)
            if events:
                uow.append_events(events, first_posts)
            uow.save_cursor(page.cursor)
            if page.reads:
                uow.add_reads(source, page.reads, now)
        report.stored = len(fresh)
        report.events = events
        return report

    def _starts_anew(self, post: Post, meaning: FollowUp, *, through_reply: bool) -> bool:
        """Whether a citizen's post that would join a finished case is a new report instead.

        "Broken again" and "thanks" belong to the old case. Anything else is new when it
        joined only through its conversation (a private chat with the town's bot is one
        conversation for months: "hay ruido en la plaza" there is not about last spring's
        lamp), or when it reads as urgent even as a reply (the old case is in nobody's
        inbox, an urgent post must be)."""
        if meaning is not FollowUp.OTHER:
            return False
        if not through_reply:
            return True
        return self.triage.classify(post.text, post.lang).priority is Priority.URGENT

    def _follow_up(
        self, case_id: str, post: Post, meaning: FollowUp | None, now: datetime
    ) -> list[Event]:
        """A citizen's new post on a case (`meaning`: how it reads, on a finished case): on a
        finished one, "broken again" reopens it (with the post as the reason) and "thanks,
        fixed" is marked as such, worth a read."""
        if meaning is None:
            return [make_event(case_id, EventKind.POST_ADDED, INTAKE_ACTOR, now, post_id=post.id)]
        added = make_event(
            case_id,
            EventKind.POST_ADDED,
            INTAKE_ACTOR,
            now,
            post_id=post.id,
            follow_up=meaning.value,
        )
        if meaning is not FollowUp.REOPEN:
            return [added]
        return [
            added,
            make_event(
                case_id, EventKind.REOPENED, TRIAGE_ACTOR, now, reason="follow_up", post_id=post.id
            ),
        ]
