"""SLA targets (defaults, per role, bad entries), timers counted from arrival, and the
escalation event: one per case, whichever desk notices it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.app.escalation import (
    ESCALATED,
    escalation_event,
    escalation_id,
    overdue_urgent,
    record_escalations,
)
from jundesk.app.settings import Settings
from jundesk.app.sla import SlaTargets
from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Case,
    CaseSummary,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_defaults_are_5_min_1_h_1_day_3_days() -> None:
    targets = SlaTargets.from_settings(Settings().sla_minutes)
    assert targets.target("police", Priority.URGENT) == timedelta(minutes=5)
    assert targets.target("lighting", Priority.HIGH) == timedelta(hours=1)
    assert targets.target("parks", Priority.NORMAL) == timedelta(days=1)
    assert targets.target("waste", Priority.LOW) == timedelta(days=3)


def test_a_role_has_its_own_targets_and_bad_entries_keep_the_default() -> None:
    targets = SlaTargets.from_settings(
        {"police": {"urgent": 2, "high": -1}, "*": {"normal": 90, "low": "soon"}, "x": 3}
    )
    assert targets.target("police", Priority.URGENT) == timedelta(minutes=2)
    assert targets.target("police", Priority.HIGH) == timedelta(hours=1)  # -1: ignored
    assert targets.target("lighting", Priority.URGENT) == timedelta(minutes=5)
    assert targets.target("lighting", Priority.NORMAL) == timedelta(minutes=90)
    assert targets.target("lighting", Priority.LOW) == timedelta(days=3)
    assert targets.shortest(Priority.URGENT) == timedelta(minutes=2)


def test_the_timer_counts_from_arrival_and_stops_when_acknowledged() -> None:
    targets = SlaTargets.from_settings({})
    written, arrived = T0, T0 + timedelta(minutes=10)
    case = Case("c", "police", Priority.URGENT, created_at=written, arrived_at=arrived)
    assert targets.due(case) == arrived + timedelta(minutes=5)
    assert targets.left(case, arrived + timedelta(minutes=4)) == timedelta(minutes=1)
    assert not targets.escalated(case, arrived + timedelta(minutes=4))
    assert targets.escalated(case, arrived + timedelta(minutes=5))
    acknowledged = Case(
        "c", "police", Priority.URGENT, Status.ACKNOWLEDGED, created_at=written, arrived_at=arrived
    )
    assert targets.left(acknowledged, arrived + timedelta(hours=1)) is None
    assert not targets.escalated(acknowledged, arrived + timedelta(hours=1))
    high = Case("h", "police", Priority.HIGH, created_at=written, arrived_at=arrived)
    assert not targets.escalated(high, arrived + timedelta(days=2))  # overdue, not urgent


def _store_case(store: Store, priority: Priority, arrived: datetime) -> str:
    post = Post(uuid7(), "x", uuid7(), "u", "marta", "", "accidente", T0, arrived)
    case_id = uuid7()
    events = opening_events(
        case_id, post.id, T0, "police", priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, arrived
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


def test_overdue_urgent_and_one_escalation_per_case_whoever_notices(tmp_path: Path) -> None:
    targets = SlaTargets.from_settings({})
    now = T0 + timedelta(minutes=30)
    with Store(tmp_path / "police.db") as police:
        late = _store_case(police, Priority.URGENT, now - timedelta(minutes=6))
        _store_case(police, Priority.URGENT, now - timedelta(minutes=4))  # still in time
        _store_case(police, Priority.HIGH, now - timedelta(hours=2))  # not urgent
        overdue = overdue_urgent(police, targets, ["police"], now)
        assert [s.case.id for s in overdue] == [late]
        assert overdue_urgent(police, targets, ["lighting"], now) == []

        event = escalation_event(overdue[0], targets, now)
        assert event.id == escalation_id(late) and event.kind is EventKind.NOTED
        assert event.payload["flag"] == ESCALATED and event.payload["minutes"] == 5
        assert len(record_escalations(police, [event])) == 1
        # Noticed again later, here or at another desk: the same id, stored once.
        again = escalation_event(CaseSummary(overdue[0].case), targets, now + timedelta(1))
        assert again.id == event.id
        assert record_escalations(police, [again]) == []
        noted = [e for e in police.case_events(late) if e.kind is EventKind.NOTED]
        assert len(noted) == 1
        # The id is a UUIDv7 with the case's own time, unlike any other case's.
        assert escalation_id(late)[14] == "7" and escalation_id(late)[:13] == late[:13]
