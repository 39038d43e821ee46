"""A hand-made week of cases whose measures are known (tests/app/test_records.py works
them out): shared by the record's tests through tests/app/conftest.py."""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from jundesk.app.records import RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Post, Priority
from jundesk.store import Store

MON = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday
NOW = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)  # the next Monday, noon
LUIS = Actor("lighting-1", "Luis")
ANA = Actor("police-1", "Ana")

# Lighting works weekdays 08:00-16:00 with a break 12:00-12:30; Wednesday 4 March is a
# holiday. Police work around the clock (the default).
LIGHTING = {
    "week": {d: [["08:00", "16:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "breaks": {d: [["12:00", "12:30"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": ["2026-03-04"],
}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Day 0 = Monday 2 March 2026, UTC."""
    return MON + timedelta(days=day, hours=hour, minutes=minute)


@pytest.fixture
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Periods and hours are the desk's local time: make it UTC for known answers.
    monkeypatch.setenv("TZ", "UTC")
    time_module.tzset()
    yield
    monkeypatch.undo()
    time_module.tzset()


def make_post(source: str, when: datetime, text: str) -> Post:
    sid = uuid7()
    return Post(
        id=uuid7(),
        source=source,
        source_id=sid,
        author_id="u1",
        author_handle="vecina",
        author_name="Vecina",
        text=text,
        created_at=when,
        received_at=when,
    )


def add_case(
    store: Store,
    role: str,
    priority: Priority,
    arrived: datetime,
    steps: list[tuple[EventKind, Actor, datetime]],
    *,
    source: str = "x",
    text: str = "La farola de la calle Real está rota",
    location: str = "",
) -> str:
    case_id = uuid7()
    post = make_post(source, arrived, text)
    events = opening_events(
        case_id, post.id, arrived, role, priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=arrived
    )
    if location:
        events[0] = make_event(
            case_id,
            EventKind.INGESTED,
            INTAKE_ACTOR,
            arrived,
            post_id=post.id,
            posted_at=arrived.isoformat(),
            location=location,
        )
    events += [make_event(case_id, kind, actor, when, text="ok") for kind, actor, when in steps]
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


@pytest.fixture
def week(tmp_path: Path, utc_local_time: None) -> Iterator[tuple[Store, dict[str, str]]]:
    """Five cases over one week, whose measures are worked out by hand below."""
    store = Store(tmp_path / "records.db")
    ack, reply, resolve = EventKind.ACKNOWLEDGED, EventKind.REPLIED, EventKind.RESOLVED
    ids = {
        # A: lighting, Monday 11:50; acknowledged in 5 min; answered at 12:40 (50 min, of
        # which 20 working: the break); resolved at 15:50 (4 h; 3 h 30 min working).
        "A": add_case(
            store,
            "lighting",
            Priority.NORMAL,
            at(0, 11, 50),
            [
                (ack, LUIS, at(0, 11, 55)),
                (reply, LUIS, at(0, 12, 40)),
                (resolve, LUIS, at(0, 15, 50)),
            ],
            location="Calle Real",
        ),
        # B: lighting, Tuesday 15:00; acknowledged in 10 min; resolved Thursday 09:00,
        # reopened 10:00, resolved again 11:00: 44 h, of which 4 working (Tue 15-16,
        # the Wednesday holiday, Thu 8-11).
        "B": add_case(
            store,
            "lighting",
            Priority.NORMAL,
            at(1, 15),
            [
                (ack, LUIS, at(1, 15, 10)),
                (resolve, LUIS, at(3, 9)),
                (EventKind.REOPENED, LUIS, at(3, 10)),
                (resolve, LUIS, at(3, 11)),
            ],
        ),
        # C: lighting by phone, Friday 18:00 (after hours), acknowledged Saturday 10:00:
        # 16 h, none of it working time; still open.
        "C": add_case(
            store,
            "lighting",
            Priority.NORMAL,
            at(4, 18),
            [(ack, LUIS, at(5, 10))],
            source="manual",
        ),
        # D: police, urgent, Monday 09:00: acknowledged in 4 min, answered in 10, resolved
        # in 30 (police work around the clock).
        "D": add_case(
            store,
            "police",
            Priority.URGENT,
            at(0, 9),
            [(ack, ANA, at(0, 9, 4)), (reply, ANA, at(0, 9, 10)), (resolve, ANA, at(0, 9, 30))],
            text="@AytoJun Accidente en la rotonda",  # as citizens write to the town
            location="Rotonda norte",
        ),
        # E: police, urgent, Tuesday 22:00, acknowledged in 10 min (past the 5 min target).
        "E": add_case(store, "police", Priority.URGENT, at(1, 22), [(ack, ANA, at(1, 22, 10))]),
    }
    yield store, ids
    store.close()


def records_of(store: Store, **settings: object) -> Records:
    values = Settings(work_calendars={"lighting": LIGHTING})
    for name, value in settings.items():
        setattr(values, name, value)
    records = Records(store, values, tz=UTC, clock=lambda: NOW)
    records.prepare(until=date(2027, 1, 1))
    return records


WEEK = RecordQuery(start=MON, end=MON + timedelta(days=7))
