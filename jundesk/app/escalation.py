"""Escalation of urgent cases nobody acknowledged in time: which ones are past their SLA
target now, and the escalation event in each case's history.

The event goes through the store and, in a town, the hub like every event, so the front
desk hears of it. Its id is made from the case's, so however many desks notice the same
case, the town's history holds one escalation per case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jundesk.app.sla import SlaTargets
from jundesk.core.case_filter import CaseFilter
from jundesk.core.ids import derived_uuid7
from jundesk.core.model import Actor, CaseSummary, Event, EventKind, Priority, Status
from jundesk.store.repository import Store

ESCALATED = "escalated"  # the NOTED payload flag of an escalation
ESCALATION_ACTOR = Actor("duty-policy")
OVERDUE_LIMIT = 200  # urgent cases past their target read at once (more wait their turn)


def overdue_urgent(
    store: Store, targets: SlaTargets, roles: Sequence[str] | None, now: datetime
) -> list[CaseSummary]:
    """Urgent cases of `roles` (None: every role) not acknowledged within their target.

    One indexed read of unacknowledged urgent cases that arrived before the shortest
    urgent target; the per-role targets are then checked here.
    """
    candidates = store.list_cases(
        CaseFilter(
            roles=tuple(roles) if roles is not None else None,
            statuses=(Status.NEW,),
            priorities=(Priority.URGENT,),
            arrived_until=now - targets.shortest(Priority.URGENT),
        ),
        limit=OVERDUE_LIMIT,
    )
    return [s for s in candidates if targets.escalated(s.case, now)]


def escalation_id(case_id: str) -> str:
    """The id of a case's escalation event: every desk makes the same one."""
    return derived_uuid7(case_id, ESCALATED)


def escalation_event(summary: CaseSummary, targets: SlaTargets, now: datetime) -> Event:
    """The event recording that an urgent case escalated (a note by the duty policy)."""
    case = summary.case
    minutes = int(targets.target(case.role, case.priority).total_seconds() // 60)
    return Event(
        id=escalation_id(case.id),
        case_id=case.id,
        kind=EventKind.NOTED,
        actor=ESCALATION_ACTOR,
        at=now,
        payload={
            "flag": ESCALATED,
            "role": case.role,
            "minutes": minutes,
            "text": (
                f"Urgent and not acknowledged within {minutes} min: escalated, the front "
                "desk is told."
            ),
        },
    )


def record_escalations(store: Store, events: Sequence[Event]) -> list[Event]:
    """Store the escalation events not stored yet (on the writer thread); returns those
    that were new here."""
    return store.append_events(list(events)) if events else []
