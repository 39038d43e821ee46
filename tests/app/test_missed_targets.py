"""Missed targets in the case history: one event per case and target, the same id on
every desk that notices, nothing for cases within their targets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.app.missed_targets import (
    missed_target_events,
    missed_target_id,
    record_missed_targets,
)
from jundesk.app.records import Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7, uuid7_time_ms
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Priority
from jundesk.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ANA = Actor("police-1", "Ana")


def _case(store: Store, priority: Priority, ack_after: timedelta | None) -> str:
    case_id = uuid7()
    events = opening_events(
        case_id, uuid7(), T0, "police", priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=T0
    )
    if ack_after is not None:
        events.append(make_event(case_id, EventKind.ACKNOWLEDGED, ANA, T0 + ack_after))
        events.append(make_event(case_id, EventKind.REPLIED, ANA, T0 + ack_after, text="ok"))
        events.append(make_event(case_id, EventKind.RESOLVED, ANA, T0 + ack_after))
    store.append_events(events)
    return case_id


def test_one_event_per_case_and_target_whoever_notices(tmp_path: Path) -> None:
    store = Store(tmp_path / "desk.db")
    late = _case(store, Priority.URGENT, timedelta(minutes=10))  # target: 5 min
    on_time = _case(store, Priority.URGENT, timedelta(minutes=3))
    now = T0 + timedelta(hours=1)
    records = Records(store, Settings(), tz=UTC, clock=lambda: now)
    records.prepare()

    # Two desks notice the same thing: the events are the same, id for id.
    first = missed_target_events(records, now)
    second = missed_target_events(records, now + timedelta(minutes=1))
    assert [e.id for e in first] == [e.id for e in second]
    assert [(e.case_id, e.payload["target"], e.payload["minutes"]) for e in first] == [
        (late, "ack", 5)
    ]
    event = first[0]
    assert event.kind is EventKind.TARGET_MISSED
    assert event.id == missed_target_id(late, "ack")
    assert uuid7_time_ms(event.id) == uuid7_time_ms(late)  # sorts with its case
    assert "author" not in str(event.payload)

    assert [e.id for e in record_missed_targets(records, now)] == [event.id]
    assert record_missed_targets(records, now + timedelta(minutes=5)) == []
    # The other desk's copy of the same event, arriving by sync, is not stored twice.
    assert store.append_events(second) == []
    kinds = [e.kind for e in store.case_events(late)]
    assert kinds.count(EventKind.TARGET_MISSED) == 1
    assert EventKind.TARGET_MISSED not in [e.kind for e in store.case_events(on_time)]
    store.close()


def test_an_open_case_misses_its_target_as_time_passes(tmp_path: Path) -> None:
    store = Store(tmp_path / "desk.db")
    waiting = _case(store, Priority.HIGH, None)  # acknowledge within an hour
    records = Records(store, Settings(), tz=UTC, clock=lambda: T0)
    records.prepare()
    assert missed_target_events(records, T0 + timedelta(minutes=59)) == []
    found = missed_target_events(records, T0 + timedelta(minutes=61))
    assert [(e.case_id, e.payload["target"]) for e in found] == [(waiting, "ack")]
    # Two hours on, the public reply is late too (high: 2 h).
    later = missed_target_events(records, T0 + timedelta(hours=2, minutes=1))
    assert sorted(e.payload["target"] for e in later) == ["ack", "reply"]
    store.close()
