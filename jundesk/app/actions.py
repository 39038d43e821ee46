"""The triage actions a desk takes on cases; each one records its event.

The console's buttons and the command line's `jundesk case ...` both call these, so a
case's history is the same whichever way the work was done.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    UNROUTED,
    Actor,
    Case,
    Event,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.intake.source import IntakeError, Publisher, RateLimited, Refused, TransientError
from jundesk.store.repository import Store
from jundesk.triage import Triage

log = logging.getLogger(__name__)
T = TypeVar("T")

MANUAL_SOURCE = "manual"


class ErrorCode(enum.StrEnum):
    """Why an action was refused. The console says each in the desk's language
    (gui/action_errors.py), with the error's parameters named beside each code."""

    NO_SUCH_CASE = "no_such_case"  # case_id
    CASE_MERGED = "case_merged"  # case_id, merged_into
    NO_PERSON = "no_person"
    UNKNOWN_PRIORITY = "unknown_priority"  # priority
    UNKNOWN_ROLE = "unknown_role"  # role, roles (comma-separated)
    EMPTY_NOTE = "empty_note"
    EMPTY_REPLY = "empty_reply"
    EMPTY_COMPLAINT = "empty_complaint"
    PHOTO_WITHOUT_REPLY = "photo_without_reply"
    NOTHING_TO_MERGE = "nothing_to_merge"
    MERGE_INTO_MERGED = "merge_into_merged"  # case_id
    ALREADY_MERGED = "already_merged"  # case_id
    NO_POST_TO_ANSWER = "no_post_to_answer"
    # The reply did not go out (ReplyFailed); each of these also names the `channel`:
    NO_X_ACCOUNT = "no_x_account"
    NO_CHANNEL_ACCOUNT = "no_channel_account"  # channel (not X: "mastodon", "telegram"...)
    PHOTO_REFUSED = "photo_refused"  # photo (the file's name)
    REPLY_RATE_LIMITED = "reply_rate_limited"  # reset_at (ISO time, UTC; may be empty)
    REPLY_REFUSED = "reply_refused"  # status (X's HTTP status; may be empty)
    REPLY_UNREACHABLE = "reply_unreachable"
    REPLY_FAILED = "reply_failed"


class ActionError(Exception):
    """An action that can't be done. The message says why in English, for the command
    line and the log; `code` and `params` let the console say it in the desk's language."""

    def __init__(self, message: str, code: ErrorCode, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


CASE_MERGED = ErrorCode.CASE_MERGED


class ReplyFailed(ActionError):
    """The public reply did not go out; the text is kept as a draft by the caller."""


class CaseActions:
    def __init__(
        self,
        store: Store,
        triage: Triage,
        writer: ThreadPoolExecutor,
        actor: Actor,
        publishers: Mapping[str, Publisher] | None = None,
        on_changed: Callable[[list[str]], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        town_channel: str = "x",
    ) -> None:
        """`publishers`: channel -> where the town's answers on it go; a reply goes out on
        the channel of the post it answers. `town_channel`: where the town's own posts
        (the weekly summary) go."""
        self.store = store
        self.triage = triage
        self.writer = writer
        self.actor = actor
        self.publishers: dict[str, Publisher] = dict(publishers or {})
        self.on_changed = on_changed
        self.clock = clock
        self.town_channel = town_channel

    # -- simple events ---------------------------------------------------------------

    async def acknowledge(self, case_id: str) -> Case:
        return await self._record(case_id, EventKind.ACKNOWLEDGED)

    async def start(self, case_id: str) -> Case:
        return await self._record(case_id, EventKind.STARTED)

    async def assign(self, case_id: str, assignee: str) -> Case:
        return await self._record(case_id, EventKind.ASSIGNED, assignee=assignee.strip())

    async def assign_to_me(self, case_id: str) -> Case:
        if not self.actor.person:
            raise ActionError("Set your name in the settings to take cases.", ErrorCode.NO_PERSON)
        return await self.assign(case_id, self.actor.person)

    async def set_priority(self, case_id: str, priority: Priority | str) -> Case:
        try:
            value = Priority(priority)
        except ValueError:
            raise ActionError(
                f"Unknown priority {priority!r}: use urgent, high, normal or low.",
                ErrorCode.UNKNOWN_PRIORITY,
                priority=str(priority),
            ) from None
        return await self._record(case_id, EventKind.PRIORITISED, priority=value.value)

    async def note(self, case_id: str, text: str) -> Case:
        if not text.strip():
            raise ActionError(
                "An empty note says nothing: write the note first.", ErrorCode.EMPTY_NOTE
            )
        return await self._record(case_id, EventKind.NOTED, text=text)

    async def resolve(self, case_id: str, reply_text: str = "", *, photo: str = "") -> Case:
        """Resolve, after the closing public reply if one is given (a reply that fails
        raises ReplyFailed and leaves the case open). `photo` is the path of a picture of
        the work done: it is published with the closing reply and recorded in the event."""
        await self._live_case(case_id)
        if photo and not reply_text.strip():
            # The photo is only ever public as part of the reply; resolving without it
            # would silently drop what the desk meant to show the citizen.
            raise ActionError(
                "A photo goes out with the closing reply: write the reply, or remove the photo.",
                ErrorCode.PHOTO_WITHOUT_REPLY,
            )
        if reply_text.strip():
            await self.reply(case_id, reply_text, photo=photo)
        if photo:
            return await self._record(case_id, EventKind.RESOLVED, photo=photo)
        return await self._record(case_id, EventKind.RESOLVED)

    async def close(self, case_id: str) -> Case:
        return await self._record(case_id, EventKind.CLOSED)

    async def reject(self, case_id: str, reason: str = "") -> Case:
        return await self._record(case_id, EventKind.REJECTED, reason=reason)

    async def reopen(self, case_id: str, reason: str = "") -> Case:
        return await self._record(case_id, EventKind.REOPENED, reason=reason)

    async def reroute(self, case_id: str, role: str, reason: str = "") -> Case:
        role = role.strip()
        known = (*self.triage.roles, UNROUTED)
        if role not in known:
            raise ActionError(
                f"Unknown role {role!r}: the town's roles are {', '.join(known)}.",
                ErrorCode.UNKNOWN_ROLE,
                role=role,
                roles=",".join(known),
            )
        before = await self._live_case(case_id)
        case = await self._record(
            case_id, EventKind.REROUTED, role=role, reason=reason, previous=before.role
        )
        posts = await self._run(self.store.case_posts, case_id)
        citizen = [p for p in posts if not p.is_own]
        if citizen:
            # The correction teaches triage: similar posts go to `role` from now on. Triage
            # keeps caches, so it is only used on the writer thread.
            await self._run(self.triage.learn, citizen[0].text, role)
        return case

    # -- merging -------------------------------------------------------------------

    async def merge(self, keep_id: str, others: Sequence[str]) -> Case:
        """Merge duplicate cases into `keep_id`; their posts join it."""
        others = [o for o in dict.fromkeys(others) if o != keep_id]
        if not others:
            raise ActionError(
                "Choose at least one other case to merge into this one.",
                ErrorCode.NOTHING_TO_MERGE,
            )
        keep = await self._case(keep_id)
        if keep.merged_into:
            raise ActionError(
                "That case was itself merged; merge into the case it went to.",
                ErrorCode.MERGE_INTO_MERGED,
                case_id=keep_id,
            )
        events: list[Event] = []
        now = self.clock()
        for other_id in others:
            other = await self._case(other_id)
            if other.merged_into:
                raise ActionError(
                    f"Case {other_id[:8]} was already merged.",
                    ErrorCode.ALREADY_MERGED,
                    case_id=other_id,
                )
            events.append(make_event(other_id, EventKind.MERGED, self.actor, now, into=keep_id))
            events.append(
                make_event(
                    keep_id,
                    EventKind.ABSORBED,
                    self.actor,
                    now,
                    source_case=other_id,
                    post_ids=list(other.post_ids),
                )
            )
        await self._run(self.store.append_events, events)
        self._changed([keep_id, *others])
        return await self._case(keep_id)

    # -- replying ------------------------------------------------------------------

    async def reply(self, case_id: str, text: str, *, photo: str = "") -> Case:
        """Publish a public reply to the citizen's latest post of the case, with the photo
        at path `photo` if one is given (uploaded first; nothing is published if it fails)."""
        text = text.strip()
        if not text:
            raise ActionError("The reply is empty.", ErrorCode.EMPTY_REPLY)
        await self._live_case(case_id)
        posts = await self._run(self.store.case_posts, case_id)
        target = next(
            (p for p in reversed(posts) if not p.is_own and p.source != MANUAL_SOURCE), None
        )
        if target is None:
            raise ActionError(
                "This case has no post to answer in public (it was logged at the desk).",
                ErrorCode.NO_POST_TO_ANSWER,
            )
        channel = target.source
        source = self._publisher(channel, "reply")
        loop = asyncio.get_running_loop()
        media: dict[str, Any] = {}
        if photo:
            try:
                media_id = await loop.run_in_executor(None, source.upload_photo, Path(photo))
            except Refused as exc:
                raise ReplyFailed(
                    str(exc), ErrorCode.PHOTO_REFUSED, photo=Path(photo).name, channel=channel
                ) from exc
            except IntakeError as exc:
                raise _reply_failed(exc, channel) from exc
            # The file name only: the desk's local path means nothing to other desks.
            media = {"media_ids": [media_id], "photo": Path(photo).name}
        try:
            sent = await loop.run_in_executor(
                None, source.reply, target.source_id, text, media.get("media_ids", ())
            )
        except IntakeError as exc:
            raise _reply_failed(exc, channel) from exc
        event = make_event(
            case_id,
            EventKind.REPLIED,
            self.actor,
            self.clock(),
            text=sent.text,
            reply_id=sent.source_id,
            in_reply_to=target.source_id,
            **media,
        )
        await self._run(self._store_reply, case_id, sent, event)
        self._changed([case_id])
        return await self._case(case_id)

    async def publish_post(self, text: str) -> Post:
        """Publish a post of the town account that answers no case (the weekly summary);
        refused like a reply, with the same codes."""
        text = text.strip()
        if not text:
            raise ActionError("The post is empty.", ErrorCode.EMPTY_REPLY)
        channel = self.town_channel or "x"
        source = self._publisher(channel, "post")
        try:
            sent = await asyncio.get_running_loop().run_in_executor(None, source.post, text)
        except IntakeError as exc:
            raise _reply_failed(exc, channel) from exc
        log.info("Published the town's post %s", sent.source_id)
        return sent

    def _publisher(self, channel: str, what: str) -> Publisher:
        """Where an answer on `channel` goes; ReplyFailed (the text is kept) when this desk
        has no account connected there."""
        publisher = self.publishers.get(channel)
        if publisher is not None:
            return publisher
        if channel == "x":
            raise ReplyFailed(
                f"No X account is connected on this desk: the {what} is kept.",
                ErrorCode.NO_X_ACCOUNT,
                channel=channel,
            )
        raise ReplyFailed(
            f"No {channel} account is connected on this desk: the {what} is kept. Enable the "
            f"channel and set it up with 'jundesk accounts set --channel {channel}'.",
            ErrorCode.NO_CHANNEL_ACCOUNT,
            channel=channel,
        )

    def _store_reply(self, case_id: str, post: Post, event: Event) -> None:
        with self.store.unit() as uow:
            if not uow.existing_source_ids(post.source, [post.source_id]):
                uow.add_posts([post], [case_id])
            uow.append_events([event])

    # -- the front desk: walk-in and phone complaints --------------------------------

    async def log_complaint(
        self,
        text: str,
        *,
        channel: str = "walk-in",
        author_name: str = "",
        role: str = "",
        priority: Priority | None = None,
    ) -> Case:
        if not text.strip():
            raise ActionError("Write what the citizen reported first.", ErrorCode.EMPTY_COMPLAINT)
        now = self.clock()
        verdict = await self._run(self.triage.classify, text)
        post = Post(
            id=uuid7(),
            source=MANUAL_SOURCE,
            source_id=uuid7(),
            author_id="",
            author_handle="",
            author_name=author_name.strip(),
            text=text,
            created_at=now,
            received_at=now,
            raw="",
            place=channel,
        )
        case_id = uuid7()
        events = opening_events(
            case_id,
            post.id,
            now,
            role or verdict.role,
            priority or verdict.priority,
            1.0 if role else verdict.confidence,
            INTAKE_ACTOR if not role else self.actor,
            TRIAGE_ACTOR if not role else self.actor,
            now,
        )
        events.append(
            make_event(
                case_id,
                EventKind.NOTED,
                self.actor,
                now,
                text=f"Logged at the desk ({channel}).",
                channel=channel,
            )
        )

        def write() -> None:
            with self.store.unit() as uow:
                uow.add_posts([post], [case_id])
                uow.append_events(events, {case_id: post})

        await self._run(write)
        self._changed([case_id])
        return await self._case(case_id)

    # -- events made elsewhere ---------------------------------------------------------

    async def add_events(self, events: Sequence[Event]) -> None:
        """Record events a policy made (the duty policy's marks) as the desk's own
        actions are recorded: on the writer, and the desk is told."""
        await self._run(self.store.append_events, list(events))
        self._changed(list(dict.fromkeys(e.case_id for e in events)))

    # -- plumbing --------------------------------------------------------------------

    async def _record(self, case_id: str, kind: EventKind, **payload: Any) -> Case:
        if kind is EventKind.NOTED:
            await self._case(case_id)  # a note on a merged case harms nobody
        else:
            await self._live_case(case_id)
        event = make_event(case_id, kind, self.actor, self.clock(), **payload)
        await self._run(self.store.append_events, [event])
        self._changed([case_id])
        return await self._case(case_id)

    async def _live_case(self, case_id: str) -> Case:
        """The case, if it can still be acted on: a merged case lives on in the case it
        was merged into, and acting on it (a reply above all) would go behind that case."""
        case = await self._case(case_id)
        if case.status is Status.MERGED:
            raise ActionError(
                f"Case {case_id[-8:]} was merged into case {case.merged_into[-8:]}: "
                "act on that case instead.",
                ErrorCode.CASE_MERGED,
                case_id=case_id,
                merged_into=case.merged_into,
            )
        return case

    async def _case(self, case_id: str) -> Case:
        case = await self._run(self.store.get_case, case_id)
        if case is None:
            raise ActionError(
                f"No case {case_id!r} in this desk's database.",
                ErrorCode.NO_SUCH_CASE,
                case_id=case_id,
            )
        return case

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.writer, fn, *args)

    def _changed(self, case_ids: list[str]) -> None:
        if self.on_changed:
            self.on_changed(case_ids)


def _reply_failed(exc: IntakeError, channel: str = "x") -> ReplyFailed:
    """The channel's refusal of a reply as the desk is told it; the service's own words stay
    in the message, and the channel is named beside the code."""
    if isinstance(exc, RateLimited):
        reset = datetime.fromtimestamp(exc.reset_at, UTC).isoformat() if exc.reset_at else ""
        return ReplyFailed(str(exc), ErrorCode.REPLY_RATE_LIMITED, reset_at=reset, channel=channel)
    if isinstance(exc, Refused):
        return ReplyFailed(
            str(exc), ErrorCode.REPLY_REFUSED, status=str(exc.status or ""), channel=channel
        )
    if isinstance(exc, TransientError):
        return ReplyFailed(str(exc), ErrorCode.REPLY_UNREACHABLE, channel=channel)
    return ReplyFailed(str(exc), ErrorCode.REPLY_FAILED, channel=channel)
