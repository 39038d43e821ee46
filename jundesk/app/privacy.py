"""Citizens' data: erasure (blocking), retention, access requests and the purge.

Blocking is an event (REDACTED) in each affected case's history: who blocked, when, why
and until when the original is kept for the auditor. Every desk applies it when it stores
the event (jundesk.store.redaction), so it reaches the town through the hub like any
event. `purge` blocks what retention says has expired and destroys the originals whose
keeping period is over; the console and the town's collector run it once a day.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Protocol

from jundesk.core.events import make_event
from jundesk.core.model import UNROUTED, Actor, Event, EventKind
from jundesk.store.repository import Store

log = logging.getLogger(__name__)

# Why posts were blocked: the `basis` of a REDACTED event.
ERASURE = "erasure"
RETENTION = "retention"
X_COMPLIANCE = "x_compliance"
# The channel (Mastodon, Bluesky...) says the post is gone: its author deleted it.
DELETED_AT_SOURCE = "deleted_at_source"

X_SOURCE = "x"
# A day: how often the console and the collector run the purge.
PURGE_INTERVAL = timedelta(days=1)
# How far back the daily check asks a channel other than X about its posts: those channels
# answer one post a request, and their rate limits allow a few thousand a day, not a town's
# whole history (X's compliance jobs take every stored id at once).
GONE_CHECK_WINDOW = timedelta(days=30)

# A channel's deletion check: source ids -> why each must go, for those the service reports.
DeletionCheck = Callable[[Sequence[str]], Mapping[str, str]]


class _Gone(Protocol):
    def gone(self, source_ids: Sequence[str]) -> set[str]: ...


def gone_check(channel: _Gone) -> DeletionCheck:
    """A channel's `gone` as a deletion check: every post it reports was deleted."""

    def check(source_ids: Sequence[str]) -> Mapping[str, str]:
        return {source_id: "deleted" for source_id in channel.gone(source_ids)}

    return check


class PrivacyError(Exception):
    """A privacy action that can't be done; the message says why."""


def handle_of(text: str) -> str:
    """`@Handle` or `Handle` -> `Handle` (matching ignores case)."""
    handle = text.strip().lstrip("@").strip()
    if not handle:
        raise PrivacyError("name the person's @handle")
    return handle


@dataclass(frozen=True, slots=True)
class PurgeReport:
    retention_blocked: int  # posts blocked by retention in this run
    destroyed: int  # originals destroyed in this run
    case_ids: tuple[str, ...] = ()  # the cases retention wrote an event into


class Privacy:
    """The privacy actions of one desk on its store."""

    def __init__(
        self,
        store: Store,
        actor: Actor,
        *,
        desk_roles: Sequence[str] = (),
        keep_days: int = 30,
        retention_days: Mapping[str, int] | None = None,
        in_town: bool = True,
    ) -> None:
        self.store = store
        self.actor = actor
        self.desk_roles = tuple(desk_roles)
        self.keep = timedelta(days=max(0, keep_days))
        self.retention_days = dict(retention_days or {})
        self.in_town = in_town

    @property
    def is_front_desk(self) -> bool:
        return UNROUTED in self.desk_roles

    @property
    def may_block(self) -> bool:
        """A desk alone blocks its own posts; in a town only a front desk does, and the
        hub takes blocking from front desks only (a desk of one role could otherwise wipe
        the town's posts)."""
        return self.is_front_desk or not self.in_town

    def block(
        self,
        posts_by_case: Mapping[str, Sequence[str]],
        basis: str,
        reason: str,
        now: datetime | None = None,
        actor: Actor | None = None,
    ) -> list[Event]:
        """Block these posts, one REDACTED event per case; returns the events stored."""
        when = now or datetime.now(UTC)
        events = [
            make_event(
                case_id,
                EventKind.REDACTED,
                actor or self.actor,
                when,
                post_ids=list(dict.fromkeys(post_ids)),
                basis=basis,
                reason=reason,
                destroy_after=(when + self.keep).isoformat(),
            )
            for case_id, post_ids in sorted(posts_by_case.items())
            if post_ids
        ]
        return self.store.append_events(events) if events else []

    def erase(self, handle: str, reason: str, now: datetime | None = None) -> list[Event]:
        """Block every post of @handle (GDPR art. 17 / LOPDGDD art. 32). Front desks only:
        in a town their events reach every desk through the hub."""
        if not self.may_block:
            raise PrivacyError("only a front desk may erase a person's data")
        if not reason.strip():
            raise PrivacyError("say why (--reason): it goes into each case's history")
        who = handle_of(handle)
        by_case: dict[str, list[str]] = {}
        for post, case_id in self.store.posts_by_author(who):
            if case_id:
                by_case.setdefault(case_id, []).append(post.id)
        return self.block(by_case, ERASURE, reason.strip(), now)

    def apply_retention(self, now: datetime | None = None) -> list[Event]:
        """Block the posts of finished cases older than their role's retention (in a town
        the front desk does it for every desk)."""
        if not self.retention_days or not self.may_block:
            return []
        when = now or datetime.now(UTC)
        cutoffs = {
            role: when - timedelta(days=days)
            for role, days in self.retention_days.items()
            if isinstance(days, int) and days >= 0
        }
        expired = self.store.finished_cases_before(cutoffs)
        actor = Actor(self.actor.desk)  # a policy, not a person, blocks them
        return self.block(expired, RETENTION, "retention period over", when, actor)

    def x_compliance(self, check: DeletionCheck, now: datetime | None = None) -> list[Event]:
        """Ask X (`check`: X ids -> why each must go) about every stored X post not blocked
        yet, and block those it reports, in one event per case (basis "x_compliance")."""
        return self.deletions(X_SOURCE, check, now)

    def ids_to_check(self, channel: str, now: datetime | None = None) -> list[str]:
        """The channel's stored posts to ask about: every one for X (its compliance jobs),
        those of the last GONE_CHECK_WINDOW for the others."""
        if channel == X_SOURCE:
            return self.store.source_ids_to_check(channel)
        since = (now or datetime.now(UTC)) - GONE_CHECK_WINDOW
        return self.store.source_ids_to_check(channel, since)

    def deletions(
        self,
        channel: str,
        check: DeletionCheck,
        now: datetime | None = None,
        verdicts: Mapping[str, str] | None = None,
    ) -> list[Event]:
        """Block the channel's posts that `check` (or the `verdicts` it already gave) says
        must go, in one event per case and reason: their text, media and author are
        removed, the case and its history stay."""
        if not self.may_block:
            return []
        if verdicts is None:
            ids = self.ids_to_check(channel, now)
            if not ids:
                return []
            verdicts = check(ids)
        by_reason: dict[str, list[str]] = {}
        for source_id, why in verdicts.items():
            by_reason.setdefault(why, []).append(source_id)
        basis = X_COMPLIANCE if channel == X_SOURCE else DELETED_AT_SOURCE
        service = "X" if channel == X_SOURCE else channel.capitalize()
        events: list[Event] = []
        actor = Actor(self.actor.desk)
        for why, source_ids in sorted(by_reason.items()):
            by_case = self.store.posts_of_source_ids(channel, source_ids)
            reason = f"{service} reports the post {why}"
            events += self.block(by_case, basis, reason, now, actor)
        return events

    def purge(self, now: datetime | None = None) -> PurgeReport:
        """Retention first, then destroy every original whose keeping period is over."""
        when = now or datetime.now(UTC)
        blocked = self.apply_retention(when)
        destroyed = self.store.destroy_blocked(when)
        return PurgeReport(
            retention_blocked=sum(len(e.payload.get("post_ids", ())) for e in blocked),
            destroyed=destroyed,
            case_ids=tuple(e.case_id for e in blocked),
        )

    def access_request(self, handle: str) -> dict[str, Any]:
        """Everything this desk holds about @handle: their posts (and the originals of
        their blocked posts while kept), the cases they are in with those cases' events."""
        who = handle_of(handle)
        posts = self.store.posts_by_author(who)
        blocked = self.store.blocked_posts(who)
        case_ids = list(dict.fromkeys([c for _, c in posts if c] + [b.case_id for b in blocked]))
        cases: list[dict[str, Any]] = []
        for case_id in case_ids:
            case = self.store.get_case(case_id)
            if case is None:
                continue
            cases.append(
                {
                    "case": case,
                    "events": self.store.case_events(case_id),
                }
            )
        return {
            "handle": who,
            "posts": [(post, case_id) for post, case_id in posts],
            "blocked": blocked,
            "cases": cases,
        }


class DailyPurge:
    """The purge once a day, on the desk's writer thread, for the console and the town's
    collector (a service like intake and sync: start `run()` as a task)."""

    def __init__(
        self,
        privacy: Privacy,
        writer: Executor,
        on_changed: Callable[[list[str]], None] | None = None,
        interval: float = PURGE_INTERVAL.total_seconds(),
        x_check: DeletionCheck | None = None,
        checks: Mapping[str, DeletionCheck] | None = None,
    ) -> None:
        self.privacy = privacy
        self.writer = writer
        self.on_changed = on_changed
        self.interval = interval
        # Channel -> its deletion check, run before the purge: X's batch compliance
        # (jundesk.intake.x_compliance), each other channel's `gone` (gone_check).
        self.checks: dict[str, DeletionCheck] = dict(checks or {})
        if x_check is not None:
            self.checks[X_SOURCE] = x_check
        self._stopped = False
        self._wake: asyncio.Event | None = None

    async def comply_with_x(self) -> list[Event]:
        """X's compliance alone (see check_deletions)."""
        return await self._check(X_SOURCE)

    async def check_deletions(self) -> list[Event]:
        """Ask every channel which of its stored posts are gone, then block them: a failing
        channel is logged and asked again in a day, the others go on."""
        events: list[Event] = []
        for channel in self.checks:
            events += await self._check(channel)
        return events

    async def _check(self, channel: str) -> list[Event]:
        """Ask the channel (off the writer thread: it waits on the service), then block
        what it reports on the writer thread."""
        check = self.checks.get(channel)
        if check is None or not self.privacy.may_block:
            return []
        loop = asyncio.get_running_loop()
        try:
            ids = await loop.run_in_executor(None, self.privacy.ids_to_check, channel)
            verdicts = await loop.run_in_executor(None, check, ids) if ids else {}
            if not verdicts:
                return []
            events = await loop.run_in_executor(
                self.writer, partial(self.privacy.deletions, channel, check, verdicts=verdicts)
            )
        except Exception as exc:
            log.warning("The %s deletion check failed (%s); it runs again in a day", channel, exc)
            return []
        if events:
            log.info("%s deletions: %d case(s) had posts blocked", channel, len(events))
            if self.on_changed:
                self.on_changed([e.case_id for e in events])
        return events

    async def once(self) -> PurgeReport | None:
        await self.check_deletions()
        loop = asyncio.get_running_loop()
        try:
            report = await loop.run_in_executor(self.writer, self.privacy.purge)
        except Exception:
            log.exception("The privacy purge failed; it runs again in a day")
            return None
        if report.retention_blocked or report.destroyed:
            log.info(
                "Privacy purge: retention blocked %d post(s), %d original(s) destroyed",
                report.retention_blocked,
                report.destroyed,
            )
        if report.case_ids and self.on_changed:
            self.on_changed(list(report.case_ids))
        return report

    def stop(self) -> None:
        """End `run()` at its next wake-up (at once if it is waiting for the next day)."""
        self._stopped = True
        if self._wake is not None:
            self._wake.set()

    async def run(self) -> None:
        self._wake = asyncio.Event()
        while not self._stopped:
            await self.once()
            if self._stopped:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
