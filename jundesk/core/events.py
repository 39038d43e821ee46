"""Constructors for the events desks and intake record, so payloads keep one shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from jundesk.core.ids import uuid7
from jundesk.core.model import Actor, Event, EventKind, Priority


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_event(
    case_id: str,
    kind: EventKind,
    actor: Actor,
    at: datetime | None = None,
    **payload: Any,
) -> Event:
    """A new event with a fresh UUIDv7 id, stamped now (UTC) unless told otherwise."""
    when = at or utcnow()
    if when.tzinfo is None:
        raise ValueError("event times must be timezone-aware (UTC)")
    return Event(id=uuid7(), case_id=case_id, kind=kind, actor=actor, at=when, payload=payload)


def opening_events(
    case_id: str,
    post_id: str,
    posted_at: datetime,
    role: str,
    priority: Priority,
    confidence: float,
    intake: Actor,
    triage: Actor,
    at: datetime | None = None,
    *,
    why_role: Mapping[str, Any] | None = None,
    why_priority: Sequence[str] = (),
) -> list[Event]:
    """The three events that open a case from a post: ingested, routed, prioritised.

    `why_role` (the words that decided, the probable department) and `why_priority` (the
    cue words) go into the events, so the case's history can say why."""
    when = at or utcnow()
    priority_payload: dict[str, Any] = {"priority": priority.value}
    if why_priority:
        priority_payload["words"] = list(why_priority)
    return [
        make_event(
            case_id,
            EventKind.INGESTED,
            intake,
            when,
            post_id=post_id,
            posted_at=posted_at.isoformat(),
        ),
        make_event(
            case_id,
            EventKind.ROUTED,
            triage,
            when,
            role=role,
            confidence=round(confidence, 3),
            **{k: v for k, v in (why_role or {}).items() if v},
        ),
        make_event(case_id, EventKind.PRIORITISED, triage, when, **priority_payload),
    ]
