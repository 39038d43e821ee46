"""Missed targets in each case's history: when a case goes past its target to be
acknowledged, answered or resolved, a TARGET_MISSED event says so, once per case and
target, whichever desk notices first (its id is derived from the case and the target, so
two desks that both notice write the same event, and sync keeps one).

The measures say which cases are past a target (store/measures.py, one SQL read over the
recent arrivals); this module makes the events and stores them on the writer thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from jundesk.app.records import Records
from jundesk.core.ids import derived_uuid7
from jundesk.core.model import Actor, Event, EventKind
from jundesk.store import measures as sql

TARGETS_ACTOR = Actor("targets")
# Only cases that arrived this recently are watched: older ones were judged when they
# were live (their figures are in the record whether or not an event was written).
WATCH_DAYS = 30


def missed_target_id(case_id: str, target: str) -> str:
    """Every desk makes the same id for the same case and target."""
    return derived_uuid7(case_id, f"{EventKind.TARGET_MISSED.value}:{target}")


def missed_target_events(records: Records, now: datetime) -> list[Event]:
    """The TARGET_MISSED events not written yet for cases past a target now. Payload:
    target ("ack", "reply" or "resolve"), minutes (the target; resolve in working time),
    working (whether the target counts working time), role, priority."""
    found = records.store.read_measures(
        lambda conn: sql.missed_targets(
            conn, records.targets, now, now - timedelta(days=WATCH_DAYS)
        )
    )
    events = []
    for case_id, role, priority, target in found:
        seconds = _target_seconds(records, role, priority, target)
        events.append(
            Event(
                id=missed_target_id(case_id, target),
                case_id=case_id,
                kind=EventKind.TARGET_MISSED,
                actor=TARGETS_ACTOR,
                at=now,
                payload={
                    "target": target,
                    "minutes": round(seconds / 60),
                    "working": target == "resolve",
                    "role": role,
                    "priority": priority,
                },
            )
        )
    return events


def _target_seconds(records: Records, role: str, priority: str, target: str) -> float:
    line = records.targets.get((role, priority)) or records.targets.get(("*", priority))
    if line is None:
        return 0.0
    return line[sql.TARGET_NAMES.index(target)]


def record_missed_targets(records: Records, now: datetime) -> list[Event]:
    """Write the missed-target events this desk notices now (on the writer thread);
    returns those that were new here."""
    events: Sequence[Event] = missed_target_events(records, now)
    return records.store.append_events(list(events)) if events else []
