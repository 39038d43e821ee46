"""The things JunDesk talks about: posts, cases, events, priorities and statuses."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Roles are configuration, not code: a town adds parks, waste or water as it needs.
# These are the ones every town starts with, plus the front desk's catch-all.
POLICE = "police"
STREET_CLEANING = "street_cleaning"
LIGHTING = "lighting"
UNROUTED = "unrouted"
DEFAULT_ROLES: tuple[str, ...] = (POLICE, STREET_CLEANING, LIGHTING)


class Priority(enum.StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for urgent up to 3 for low: sorting by rank puts urgent first."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class Status(enum.StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    MERGED = "merged"

    # The groups of statuses, defined here only: the store, the lists, the commands and the
    # state machine all ask these.

    @classmethod
    def open(cls) -> tuple[Status, ...]:
        """Still to be worked on: new, acknowledged, in progress."""
        return _OPEN_STATUSES

    @classmethod
    def finished(cls) -> tuple[Status, ...]:
        """Dealt with (resolved, closed or rejected): what reopening brings back."""
        return _FINISHED_STATUSES

    @classmethod
    def done(cls) -> tuple[Status, ...]:
        """Every status but the open ones: finished, or merged into another case."""
        return _DONE_STATUSES

    @property
    def is_open(self) -> bool:
        return self in _OPEN_STATUSES

    @property
    def is_finished(self) -> bool:
        return self in _FINISHED_STATUSES


_OPEN_STATUSES = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
_FINISHED_STATUSES = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
_DONE_STATUSES = (*_FINISHED_STATUSES, Status.MERGED)


class EventKind(enum.StrEnum):
    INGESTED = "ingested"  # the case was opened from a post
    POST_ADDED = "post_added"  # a follow-up post joined the case
    ROUTED = "routed"  # triage chose the role
    REROUTED = "rerouted"  # a person changed the role (a correction triage learns from)
    PRIORITISED = "prioritised"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    STARTED = "started"
    NOTED = "noted"
    REPLIED = "replied"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    REOPENED = "reopened"
    MERGED = "merged"  # this case was merged into another
    ABSORBED = "absorbed"  # another case was merged into this one
    # Posts of the case were blocked (erasure, retention, X's compliance): their text,
    # media and author are gone from every view; the case and its history stay.
    REDACTED = "redacted"
    # The case went past one of its targets (acknowledge, reply, resolve): written once per
    # case and target, whichever desk notices first (its id is derived, not drawn).
    TARGET_MISSED = "target_missed"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something: a desk and, where known, the person at it."""

    desk: str
    person: str = ""

    def __str__(self) -> str:
        return f"{self.person} ({self.desk})" if self.person else self.desk


INTAKE_ACTOR = Actor("intake")
TRIAGE_ACTOR = Actor("triage")


@dataclass(frozen=True, slots=True)
class Post:
    """What a citizen (or the town account) wrote, as received. Never edited."""

    id: str
    source: str
    source_id: str
    author_id: str
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    received_at: datetime
    lang: str = ""
    conversation_id: str = ""
    in_reply_to_id: str = ""
    media: tuple[str, ...] = ()
    place: str = ""
    is_own: bool = False
    raw: str = ""
    # Personal data the author sent to the town alone (a Telegram private chat, a Mastodon
    # direct mention): shown only to the desks of the case's role, answered privately.
    private: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """One append-only change to a case. A case's state is the fold of its events."""

    id: str
    case_id: str
    kind: EventKind
    actor: Actor
    at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Case:
    """One matter, grouping one or more posts, as its events have made it."""

    id: str
    role: str = UNROUTED
    priority: Priority = Priority.NORMAL
    status: Status = Status.NEW
    assignee: str = ""
    location: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    acknowledged_at: datetime | None = None
    first_reply_at: datetime | None = None
    resolved_at: datetime | None = None
    post_ids: tuple[str, ...] = ()
    merged_into: str = ""
    notes: int = 0
    replies: int = 0
    confidence: float = 0.0
    last_event_id: str = ""
    # When the case reached the town (its first post was ingested), as opposed to when the
    # citizen wrote it (created_at): duty summaries and SLA timers count from here.
    arrived_at: datetime | None = None

    @property
    def arrival(self) -> datetime | None:
        """When the case arrived, or (for a case from before arrivals were kept) when
        its post was written."""
        return self.arrived_at or self.created_at


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A case as a list shows it: the case plus its first post's author and first line,
    the channels its posts came by (first post's first), and whether that first post is
    private (a Telegram private chat, a Mastodon direct mention: see core/private_posts.py)."""

    case: Case
    author_handle: str = ""
    excerpt: str = ""
    channels: tuple[str, ...] = ()
    private: bool = False


@dataclass(frozen=True, slots=True)
class Cursor:
    """How far intake has read one stream (X mentions, one search query, ...).

    `since_id`: every post up to it is stored. While a poll walks down several pages
    (newest first), `sweep_top` is the newest id of that poll and `sweep_bottom` the oldest
    id stored so far; a poll that failed half-way resumes below `sweep_bottom`, and only
    when it reaches `since_id` does `since_id` move up to `sweep_top`.
    """

    source: str
    key: str
    since_id: str = ""
    sweep_top: str = ""
    sweep_bottom: str = ""
