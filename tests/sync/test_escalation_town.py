"""An escalation reaches the front desk through the hub: the police desk notices an urgent
case nobody acknowledged in time and records it; the front desk gets the event, and the
town holds one escalation per case, whichever desks notice it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jundesk.app.escalation import (
    ESCALATED,
    escalation_event,
    escalation_id,
    overdue_urgent,
    record_escalations,
)
from jundesk.app.sla import SlaTargets
from jundesk.core.model import EventKind
from tests.sync.town import TestDesk, TestHub


def escalations(desk: TestDesk, case_id: str) -> list[str]:
    return [
        e.id
        for e in desk.store.case_events(case_id)
        if e.kind is EventKind.NOTED and e.payload.get("flag") == ESCALATED
    ]


def test_the_front_desk_is_told_of_an_escalation_through_the_hub(
    fresh_hub: TestHub, desks: dict[str, TestDesk]
) -> None:
    front, police = desks["front"], desks["police"]
    # It came in seven minutes ago (the hub refuses events from the future, so the clock
    # is not moved on: the case is made in the past).
    arrived = datetime.now(UTC) - timedelta(minutes=7)
    case_id = front.open_case("police", "Accidente en la rotonda, hay un herido", at=arrived)
    front.act(case_id, EventKind.PRIORITISED, at=arrived, priority="urgent")
    front.sync()
    police.sync()
    assert police.case(case_id) is not None

    targets = SlaTargets.from_settings({})
    later = datetime.now(UTC)
    overdue = overdue_urgent(police.store, targets, ["police"], later)
    assert [s.case.id for s in overdue] == [case_id]
    stored = record_escalations(police.store, [escalation_event(overdue[0], targets, later)])
    assert [e.id for e in stored] == [escalation_id(case_id)]
    police.sync()  # the event goes up: the hub takes a duty-policy event from any desk
    assert escalation_id(case_id) in fresh_hub.event_ids()

    front.sync()
    assert escalations(front, case_id) == [escalation_id(case_id)]
    # The front desk, watching every role, notices the same case: still one escalation.
    noticed = overdue_urgent(front.store, targets, None, datetime.now(UTC))
    again = escalation_event(noticed[0], targets, datetime.now(UTC))
    assert record_escalations(front.store, [again]) == []
    front.sync()
    assert fresh_hub.event_ids().count(escalation_id(case_id)) == 1
