"""The case state machine: rules, and the same case for every arrival order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jundesk.core.events import make_event, opening_events
from jundesk.core.fold import FoldError, fold
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    EventKind,
    Priority,
    Status,
)

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
OFFICER = Actor("police-station", "Ana")


def opened(case_id: str = "", role: str = "lighting") -> list:
    cid = case_id or uuid7()
    return opening_events(
        cid,
        "post-1",
        T0 - timedelta(minutes=3),
        role,
        Priority.NORMAL,
        0.8,
        INTAKE_ACTOR,
        TRIAGE_ACTOR,
        at=T0,
    )


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_opening_events_make_a_new_routed_case() -> None:
    events = opened(role="police")
    case = fold(events)
    assert case.status is Status.NEW
    assert case.role == "police"
    assert case.priority is Priority.NORMAL
    assert case.post_ids == ("post-1",)
    assert case.created_at == T0 - timedelta(minutes=3)  # when the citizen posted


def test_acknowledge_then_resolve_sets_the_times() -> None:
    events = opened()
    cid = events[0].case_id
    events += [
        make_event(cid, EventKind.ACKNOWLEDGED, OFFICER, at(1)),
        make_event(cid, EventKind.RESOLVED, OFFICER, at(4)),
    ]
    case = fold(events)
    assert case.status is Status.RESOLVED
    assert case.acknowledged_at == at(1)
    assert case.resolved_at == at(4)


def test_resolving_twice_is_a_no_op() -> None:
    events = opened()
    cid = events[0].case_id
    events += [
        make_event(cid, EventKind.RESOLVED, OFFICER, at(4)),
        make_event(cid, EventKind.RESOLVED, OFFICER, at(9)),
    ]
    case = fold(events)
    assert case.status is Status.RESOLVED
    assert case.resolved_at == at(4)


def test_a_merged_case_cannot_be_resolved() -> None:
    events = opened()
    cid = events[0].case_id
    events += [
        make_event(cid, EventKind.MERGED, OFFICER, at(2), into="other-case"),
        make_event(cid, EventKind.RESOLVED, OFFICER, at(3)),
    ]
    case = fold(events)
    assert case.status is Status.MERGED
    assert case.merged_into == "other-case"
    assert case.resolved_at is None


def test_reopening_goes_back_to_acknowledged() -> None:
    events = opened()
    cid = events[0].case_id
    events += [
        make_event(cid, EventKind.RESOLVED, OFFICER, at(4)),
        make_event(cid, EventKind.REOPENED, OFFICER, at(6)),
    ]
    case = fold(events)
    assert case.status is Status.ACKNOWLEDGED
    assert case.resolved_at is None


def test_reopening_an_open_case_changes_nothing() -> None:
    events = opened()
    cid = events[0].case_id
    events.append(make_event(cid, EventKind.REOPENED, OFFICER, at(6)))
    assert fold(events).status is Status.NEW


def test_reroute_is_a_persons_decision() -> None:
    events = opened(role="lighting")
    cid = events[0].case_id
    events.append(make_event(cid, EventKind.REROUTED, OFFICER, at(1), role="street_cleaning"))
    case = fold(events)
    assert case.role == "street_cleaning"
    assert case.confidence == 1.0


def test_a_reply_acknowledges_a_new_case() -> None:
    events = opened()
    cid = events[0].case_id
    events.append(make_event(cid, EventKind.REPLIED, OFFICER, at(2), text="Vamos para allá"))
    case = fold(events)
    assert case.status is Status.ACKNOWLEDGED
    assert case.first_reply_at == at(2)
    assert case.replies == 1


def test_absorbing_a_duplicate_adds_its_posts() -> None:
    events = opened()
    cid = events[0].case_id
    events.append(
        make_event(cid, EventKind.ABSORBED, OFFICER, at(2), post_ids=["post-2", "post-1"])
    )
    assert fold(events).post_ids == ("post-1", "post-2")


def test_no_events_is_an_error() -> None:
    with pytest.raises(FoldError):
        fold([])


def test_events_of_two_cases_are_an_error() -> None:
    with pytest.raises(FoldError):
        fold(opened() + opened())


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        make_event("c", EventKind.NOTED, OFFICER, datetime(2026, 1, 1))


_ACTION_KINDS = [
    EventKind.ACKNOWLEDGED,
    EventKind.ASSIGNED,
    EventKind.STARTED,
    EventKind.NOTED,
    EventKind.REPLIED,
    EventKind.RESOLVED,
    EventKind.CLOSED,
    EventKind.REJECTED,
    EventKind.REOPENED,
    EventKind.MERGED,
    EventKind.REROUTED,
    EventKind.PRIORITISED,
    EventKind.POST_ADDED,
]


@st.composite
def histories(draw: st.DrawFn) -> list:
    events = opened()
    cid = events[0].case_id
    n = draw(st.integers(min_value=0, max_value=25))
    for _ in range(n):
        kind = draw(st.sampled_from(_ACTION_KINDS))
        # Several events may share a time: the id breaks the tie.
        minute = draw(st.integers(min_value=0, max_value=10))
        payload = {
            EventKind.ASSIGNED: {"assignee": draw(st.sampled_from(["Ana", "Luis", ""]))},
            EventKind.MERGED: {"into": "case-x"},
            EventKind.REROUTED: {"role": draw(st.sampled_from(["police", "lighting"]))},
            EventKind.PRIORITISED: {"priority": draw(st.sampled_from(list(Priority))).value},
            EventKind.POST_ADDED: {"post_id": f"post-{draw(st.integers(2, 5))}"},
        }.get(kind, {})
        events.append(make_event(cid, kind, OFFICER, at(minute), **payload))
    return events


@pytest.mark.slow
@given(histories(), st.randoms(use_true_random=False), st.integers(min_value=0, max_value=3))
def test_fold_is_the_same_for_every_arrival_order(events: list, rnd, dupes: int) -> None:
    expected = fold(events)
    shuffled = list(events) + [rnd.choice(events) for _ in range(dupes)]  # redelivered
    rnd.shuffle(shuffled)
    assert fold(shuffled) == expected
