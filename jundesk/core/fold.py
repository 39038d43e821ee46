"""The case state machine: a case is the deterministic fold of its events.

Events are applied in (time, id) order whatever order they arrived in, and an event seen
twice counts once, so every desk that holds the same events holds the same case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from jundesk.core.model import Case, Event, EventKind, Priority, Status

_OPEN = (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
_FINISHED = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)


class FoldError(ValueError):
    """Events that can't make one case (empty, or belonging to different cases)."""


def fold(events: Iterable[Event]) -> Case:
    """The case its events describe. Raises FoldError when there are none."""
    unique = {e.id: e for e in events}
    if not unique:
        raise FoldError("a case needs at least one event")
    ordered = sorted(unique.values(), key=lambda e: (e.at, e.id))
    case_ids = {e.case_id for e in ordered}
    if len(case_ids) != 1:
        raise FoldError(f"events of {len(case_ids)} cases can't fold into one")
    case = Case(id=ordered[0].case_id, created_at=ordered[0].at)
    for event in ordered:
        case = apply(case, event)
    return case


def apply(case: Case, event: Event) -> Case:
    """The case after one more event (events must come in (time, id) order)."""
    step = _STEPS.get(event.kind)
    changed = step(case, event) if step else case
    return replace(changed, updated_at=event.at, last_event_id=event.id)


def _posted_at(event: Event) -> datetime:
    raw = event.payload.get("posted_at")
    if isinstance(raw, datetime):
        return raw
    if isinstance(raw, str) and raw:
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass
    return event.at


def _with_posts(case: Case, post_ids: Iterable[object]) -> Case:
    merged = list(case.post_ids)
    for pid in post_ids:
        if isinstance(pid, str) and pid and pid not in merged:
            merged.append(pid)
    return replace(case, post_ids=tuple(merged))


def _ingested(case: Case, e: Event) -> Case:
    posted = _posted_at(e)
    created = posted if case.created_at is None or posted < case.created_at else case.created_at
    case = replace(case, created_at=created, location=str(e.payload.get("location", case.location)))
    return _with_posts(case, [e.payload.get("post_id")])


def _post_added(case: Case, e: Event) -> Case:
    return _with_posts(case, [e.payload.get("post_id")])


def _absorbed(case: Case, e: Event) -> Case:
    ids = e.payload.get("post_ids", ())
    return _with_posts(case, ids if isinstance(ids, list | tuple) else ())


def _routed(case: Case, e: Event) -> Case:
    role = e.payload.get("role")
    if not isinstance(role, str) or not role:
        return case
    confidence = e.payload.get("confidence", case.confidence)
    conf = float(confidence) if isinstance(confidence, int | float) else case.confidence
    if e.kind is EventKind.REROUTED:
        conf = 1.0  # a person decided
    return replace(case, role=role, confidence=conf)


def _prioritised(case: Case, e: Event) -> Case:
    try:
        return replace(case, priority=Priority(str(e.payload.get("priority"))))
    except ValueError:
        return case


def _acknowledged(case: Case, e: Event) -> Case:
    if case.status not in _OPEN:
        return case
    status = Status.ACKNOWLEDGED if case.status is Status.NEW else case.status
    return replace(case, status=status, acknowledged_at=case.acknowledged_at or e.at)


def _assigned(case: Case, e: Event) -> Case:
    if case.status is Status.MERGED:
        return case
    return replace(case, assignee=str(e.payload.get("assignee") or ""))


def _started(case: Case, e: Event) -> Case:
    if case.status not in _OPEN:
        return case
    return replace(case, status=Status.IN_PROGRESS, acknowledged_at=case.acknowledged_at or e.at)


def _noted(case: Case, e: Event) -> Case:
    return replace(case, notes=case.notes + 1)


def _replied(case: Case, e: Event) -> Case:
    case = replace(case, replies=case.replies + 1, first_reply_at=case.first_reply_at or e.at)
    return _acknowledged(case, e) if case.status is Status.NEW else case


def _resolved(case: Case, e: Event) -> Case:
    # A merged case can't be resolved; resolving twice is a no-op (the first time stands).
    if case.status not in _OPEN:
        return case
    return replace(case, status=Status.RESOLVED, resolved_at=e.at)


def _closed(case: Case, e: Event) -> Case:
    if case.status in (Status.MERGED, Status.CLOSED):
        return case
    return replace(case, status=Status.CLOSED, resolved_at=case.resolved_at or e.at)


def _rejected(case: Case, e: Event) -> Case:
    if case.status not in _OPEN:
        return case
    return replace(case, status=Status.REJECTED)


def _reopened(case: Case, e: Event) -> Case:
    # Reopening goes back to acknowledged: somebody has already looked at it.
    if case.status not in _FINISHED:
        return case
    return replace(
        case,
        status=Status.ACKNOWLEDGED,
        resolved_at=None,
        acknowledged_at=case.acknowledged_at or e.at,
    )


def _merged(case: Case, e: Event) -> Case:
    into = e.payload.get("into")
    if case.status is Status.MERGED or not isinstance(into, str) or not into or into == case.id:
        return case
    return replace(case, status=Status.MERGED, merged_into=into)


_STEPS: dict[EventKind, Callable[[Case, Event], Case]] = {
    EventKind.INGESTED: _ingested,
    EventKind.POST_ADDED: _post_added,
    EventKind.ABSORBED: _absorbed,
    EventKind.ROUTED: _routed,
    EventKind.REROUTED: _routed,
    EventKind.PRIORITISED: _prioritised,
    EventKind.ACKNOWLEDGED: _acknowledged,
    EventKind.ASSIGNED: _assigned,
    EventKind.STARTED: _started,
    EventKind.NOTED: _noted,
    EventKind.REPLIED: _replied,
    EventKind.RESOLVED: _resolved,
    EventKind.CLOSED: _closed,
    EventKind.REJECTED: _rejected,
    EventKind.REOPENED: _reopened,
    EventKind.MERGED: _merged,
}
