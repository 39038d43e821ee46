"""The case state machine: a case is the deterministic fold of its events.

Events are applied in (time, id) order whatever order they arrived in, and an event seen
twice counts once, so every desk that holds the same events holds the same case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from datetime import datetime
from typing import Any, cast

from jundesk.core.model import Case, Event, EventKind, Priority, Status


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
    # The steps read the case as it is so far; a plain mutable object stands in for it
    # while folding, and the frozen Case is made once at the end (intake folds every new
    # case: a replace() per event was a tenth of its time).
    state = _Draft(ordered[0].case_id, ordered[0].at)
    values = state.__dict__
    for event in ordered:
        step = _STEPS.get(event.kind)
        if step is not None:
            values.update(step(cast(Case, state), event))
        values["updated_at"] = event.at
        values["last_event_id"] = event.id
    return Case(**values)


_BLANK = Case(id="")
_DEFAULTS = {f.name: getattr(_BLANK, f.name) for f in fields(Case)}


class _Draft:
    """A case's fields, mutable, for the duration of a fold: a new case's defaults."""

    def __init__(self, case_id: str, created_at: datetime) -> None:
        self.__dict__.update(_DEFAULTS)
        self.id = case_id
        self.created_at = created_at


def apply(case: Case, event: Event) -> Case:
    """The case after one more event (events must come in (time, id) order)."""
    step = _STEPS.get(event.kind)
    changes = step(case, event) if step else {}
    # One replace() per event: folding is on intake's hot path.
    return replace(case, updated_at=event.at, last_event_id=event.id, **changes)


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


Changes = dict[str, Any]
NOTHING: Changes = {}


def _with_posts(case: Case, post_ids: Iterable[object]) -> Changes:
    merged = list(case.post_ids)
    for pid in post_ids:
        if isinstance(pid, str) and pid and pid not in merged:
            merged.append(pid)
    return {"post_ids": tuple(merged)}


def _ingested(case: Case, e: Event) -> Changes:
    posted = _posted_at(e)
    created = posted if case.created_at is None or posted < case.created_at else case.created_at
    location = str(e.payload.get("location", case.location))
    arrived = e.at if case.arrived_at is None or e.at < case.arrived_at else case.arrived_at
    return {
        "created_at": created,
        "arrived_at": arrived,
        "location": location,
        **_with_posts(case, [e.payload.get("post_id")]),
    }


def _post_added(case: Case, e: Event) -> Changes:
    return _with_posts(case, [e.payload.get("post_id")])


def _absorbed(case: Case, e: Event) -> Changes:
    ids = e.payload.get("post_ids", ())
    return _with_posts(case, ids if isinstance(ids, list | tuple) else ())


def _routed(case: Case, e: Event) -> Changes:
    role = e.payload.get("role")
    if not isinstance(role, str) or not role:
        return NOTHING
    confidence = e.payload.get("confidence", case.confidence)
    conf = float(confidence) if isinstance(confidence, int | float) else case.confidence
    if e.kind is EventKind.REROUTED:
        conf = 1.0  # a person decided
    return {"role": role, "confidence": conf}


def _prioritised(case: Case, e: Event) -> Changes:
    try:
        return {"priority": Priority(str(e.payload.get("priority")))}
    except ValueError:
        return NOTHING


def _acknowledged(case: Case, e: Event) -> Changes:
    if not case.status.is_open:
        return NOTHING
    status = Status.ACKNOWLEDGED if case.status is Status.NEW else case.status
    return {"status": status, "acknowledged_at": case.acknowledged_at or e.at}


def _assigned(case: Case, e: Event) -> Changes:
    if case.status is Status.MERGED:
        return NOTHING
    return {"assignee": str(e.payload.get("assignee") or "")}


def _started(case: Case, e: Event) -> Changes:
    if not case.status.is_open:
        return NOTHING
    return {"status": Status.IN_PROGRESS, "acknowledged_at": case.acknowledged_at or e.at}


def _noted(case: Case, e: Event) -> Changes:
    return {"notes": case.notes + 1}


def _replied(case: Case, e: Event) -> Changes:
    changes: Changes = {"replies": case.replies + 1, "first_reply_at": case.first_reply_at or e.at}
    if case.status is Status.NEW:
        changes.update(_acknowledged(case, e))  # a public answer acknowledges
    return changes


def _resolved(case: Case, e: Event) -> Changes:
    # A merged case can't be resolved; resolving twice is a no-op (the first time stands).
    if not case.status.is_open:
        return NOTHING
    return {"status": Status.RESOLVED, "resolved_at": e.at}


def _closed(case: Case, e: Event) -> Changes:
    if case.status in (Status.MERGED, Status.CLOSED):
        return NOTHING
    return {"status": Status.CLOSED, "resolved_at": case.resolved_at or e.at}


def _rejected(case: Case, e: Event) -> Changes:
    if not case.status.is_open:
        return NOTHING
    return {"status": Status.REJECTED}


def _reopened(case: Case, e: Event) -> Changes:
    # Reopening goes back to acknowledged: somebody has already looked at it.
    if not case.status.is_finished:
        return NOTHING
    return {
        "status": Status.ACKNOWLEDGED,
        "resolved_at": None,
        "acknowledged_at": case.acknowledged_at or e.at,
    }


def _merged(case: Case, e: Event) -> Changes:
    into = e.payload.get("into")
    if case.status is Status.MERGED or not isinstance(into, str) or not into or into == case.id:
        return NOTHING
    return {"status": Status.MERGED, "merged_into": into}


_STEPS: dict[EventKind, Callable[[Case, Event], Changes]] = {
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
