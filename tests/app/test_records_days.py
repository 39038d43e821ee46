"""The record read from the days' packs gives the very figures of the SQL aggregates over
every case's row (store/measures.py defines them): on a random history across a change
of summer time, whatever the filter, with days packed, days waiting to be packed again
after new events, and a calendar change counted in steps."""

from __future__ import annotations

import random
import time as time_module
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from jundesk.app.records import RESOLVE_EDGES, RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Event,
    EventKind,
    Post,
    Priority,
)
from jundesk.store import Store
from jundesk.store import measure_days as days
from jundesk.store import measures as sql
from jundesk.store.measures import MeasureFilter

START = datetime(2026, 3, 9, tzinfo=UTC)  # three weeks before Spain's clocks go forward
NOW = START + timedelta(days=42)
ROLES = ("police", "lighting", "parks")
PEOPLE = [Actor("police-1", "Ana"), Actor("lighting-1", "Luis"), Actor("front", "Eva")]
SHIFTS = {
    "week": {d: [["08:00", "15:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "breaks": {d: [["11:00", "11:30"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": ["2026-03-19"],
}


@pytest.fixture
def madrid_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time_module.tzset()
    yield
    monkeypatch.undo()
    time_module.tzset()


def history(store: Store, cases: int, seed: int) -> list[str]:
    """Random cases over six weeks: some acknowledged, answered, resolved (now and then
    reopened and resolved again), rejected, or left open."""
    rng = random.Random(seed)
    posts: list[Post] = []
    ids: list[str] = []
    events: list[Event] = []
    for n in range(cases):
        came = START + timedelta(seconds=rng.randrange(42 * 86400))
        post = Post(
            id=uuid7(), source=rng.choice(["x", "x", "manual"]), source_id=str(n),
            author_id="u", author_handle="vecina", author_name="Vecina", text="farola rota",
            created_at=came, received_at=came, lang="es", conversation_id=str(n),
        )  # fmt: skip
        case_id = uuid7()
        posts.append(post)
        ids.append(case_id)
        role, priority = rng.choice(ROLES), rng.choice(list(Priority))
        events += opening_events(
            case_id, post.id, came, role, priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=came
        )
        who = rng.choice(PEOPLE)
        moment = came
        for kind, chance in ((EventKind.ACKNOWLEDGED, 0.8), (EventKind.REPLIED, 0.6)):
            if rng.random() < chance:
                moment += timedelta(seconds=rng.expovariate(1 / 3000))
                if moment < NOW:
                    events.append(make_event(case_id, kind, who, moment, text="ok"))
        end = rng.random()
        moment += timedelta(seconds=rng.lognormvariate(9, 1.5))
        if moment < NOW and end < 0.7:
            events.append(make_event(case_id, EventKind.RESOLVED, who, moment))
            if rng.random() < 0.1:
                again = moment + timedelta(hours=rng.uniform(1, 30))
                if again + timedelta(hours=1) < NOW:
                    events.append(make_event(case_id, EventKind.REOPENED, who, again))
                    events.append(
                        make_event(case_id, EventKind.RESOLVED, who, again + timedelta(hours=1))
                    )
        elif moment < NOW and end < 0.8:
            events.append(make_event(case_id, EventKind.REJECTED, who, moment))
    with store.unit() as uow:
        uow.add_posts(posts, ids)
        uow.append_events(events, dict(zip(ids, posts, strict=True)))
    return ids


def records_of(store: Store, calendars: dict[str, object]) -> Records:
    settings = Settings(work_calendars=calendars, sla_resolve_minutes={"lighting": {"normal": 300}})
    return Records(store, settings, clock=lambda: NOW)


FILTERS = [
    MeasureFilter(),
    MeasureFilter(start=START + timedelta(days=3, hours=7), end=START + timedelta(days=30)),
    MeasureFilter(roles=("lighting", "parks")),
    MeasureFilter(priorities=("urgent", "low"), channels=("manual",)),
    MeasureFilter(desks=("police-1",), persons=("Ana", "Luis")),
    MeasureFilter(start=START + timedelta(days=20), roles=("police", "nobody")),
    MeasureFilter(end=START - timedelta(days=1)),  # no case at all
]


def assert_same_figures(records: Records) -> None:
    store = records.store
    cache = days.ColumnsCache()  # kept across filters (and read again after new events)
    for where in FILTERS:
        for group in sql.GROUPS:
            expected = store.read_measures(
                lambda c, g=group, w=where: sql.group_rows(c, g, w, records.targets, NOW)
            )
            found = store.read_measures(
                lambda c, g=group, w=where: days.group_rows(c, g, w, records.targets, NOW)
            )
            assert found == expected, (group, where)
        for keys in (("day", "role"), ("role", "weekday", "hour"), ("week",), ("month", "desk")):
            expected_counts = store.read_measures(lambda c, k=keys, w=where: sql.counts_by(c, k, w))
            assert store.read_measures(lambda c, k=keys, w=where: days.counts_by(c, k, w)) == (
                sorted(expected_counts)
            ), keys
        for name in sql.DURATIONS:
            expected_bins = store.read_measures(
                lambda c, n=name, w=where: sql.duration_histogram(c, n, RESOLVE_EDGES, w)
            )
            found_bins = store.read_measures(
                lambda c, n=name, w=where: days.duration_histogram(c, n, RESOLVE_EDGES, w)
            )
            assert found_bins == expected_bins, name
        expected_weeks = store.read_measures(
            lambda c, w=where: sql.within_by(c, "week", w, records.targets, NOW)
        )
        found_weeks = store.read_measures(
            lambda c, w=where: days.within_by(c, "week", w, records.targets, NOW)
        )
        assert found_weeks == expected_weeks
        for start, end in (
            (START + timedelta(days=10), START + timedelta(days=24, hours=5)),
            (START - timedelta(days=2), NOW),
        ):
            expected_backlog = store.read_measures(
                lambda c, w=where, s=start, e=end: sql.backlog_series(c, w, s, e)
            )
            found_backlog = store.read_measures(
                lambda c, w=where, s=start, e=end: days.backlog_series(c, w, s, e, cache)
            )
            assert found_backlog == expected_backlog


@pytest.mark.slow
def test_packed_days_give_the_figures_of_every_cases_row(tmp_path: Path, madrid_time: None) -> None:
    store = Store(tmp_path / "town.db")
    ids = history(store, 400, seed=7)
    records = records_of(store, {"lighting": SHIFTS})
    # Before any pack: every day is read from its rows.
    assert store.read_measures(days.days_to_pack) > 40
    assert_same_figures(records)
    assert records.prepare(until=date(2027, 1, 1)) is True
    assert store.read_measures(days.days_to_pack) == 0
    light = {m.key: m for m in records.measures(RecordQuery(start=START, end=NOW), by="role")}[
        "lighting"
    ]
    assert light.resolve_work.count > 0
    assert_same_figures(records)

    # New events: their days wait to be packed again, and read from their rows meanwhile.
    rng = random.Random(3)
    store.append_events(
        [make_event(i, EventKind.NOTED, PEOPLE[0], NOW - timedelta(hours=1), text="x")
         for i in rng.sample(ids, 5)]
        + [make_event(i, EventKind.RESOLVED, PEOPLE[1], NOW - timedelta(minutes=5))
           for i in rng.sample(ids, 30)]
    )  # fmt: skip
    assert 0 < store.read_measures(days.days_to_pack) <= 35
    assert_same_figures(records)

    # A calendar change is counted in steps, each its own transaction; the figures are
    # those of the new calendar once it says done.
    changed = records_of(store, {"lighting": {**SHIFTS, "holidays": []}, "parks": SHIFTS})
    steps = []
    while not (step := changed.prepare_step(until=date(2027, 1, 1))).done:
        steps.append(step)
    assert steps[0].calendars_changed and all(s.counting for s in steps)
    assert [s.share for s in steps] == sorted(s.share for s in steps)
    assert store.read_measures(sql.recount_state) is None
    assert_same_figures(changed)
    store.close()


def new_case(store: Store, came: datetime, role: str) -> str:
    post = Post(
        id=uuid7(), source="x", source_id=uuid7(), author_id="u", author_handle="vecina",
        author_name="Vecina", text="farola rota", created_at=came, received_at=came, lang="es",
    )  # fmt: skip
    case_id = uuid7()
    events = opening_events(
        case_id, post.id, came, role, Priority.HIGH, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=came
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


@pytest.mark.slow
def test_a_kept_read_follows_every_new_event(tmp_path: Path, madrid_time: None) -> None:
    """One cache kept while events come in (as a desk's view is): after each, its figures
    are those of every case's row, whether the changed days were packed or not."""
    store = Store(tmp_path / "town.db")
    ids = history(store, 300, seed=11)
    records = records_of(store, {"lighting": SHIFTS})
    records.prepare(until=date(2027, 1, 1))
    cache = days.ColumnsCache()
    quarter = MeasureFilter(start=START - timedelta(days=3), end=NOW + timedelta(days=3))
    roles = MeasureFilter(start=quarter.start, end=quarter.end, roles=("lighting",))

    def assert_same() -> None:
        for where in (quarter, roles):
            for group in ("day", "role", "person"):
                expected = store.read_measures(
                    lambda c, g=group, w=where: sql.group_rows(c, g, w, records.targets, NOW)
                )
                found = store.read_measures(
                    lambda c, g=group, w=where: days.group_rows(
                        c, g, w, records.targets, NOW, cache
                    )
                )
                assert found == expected, (group, where)

    assert_same()
    rng = random.Random(5)
    # A case on a day that had none (today's first), then more on it.
    today = new_case(store, NOW - timedelta(minutes=30), "lighting")
    assert_same()
    new_case(store, NOW - timedelta(minutes=20), "parks")
    store.append_events([make_event(today, EventKind.ACKNOWLEDGED, PEOPLE[1], NOW)])
    assert_same()
    # Old cases resolved or noted: their days (packed, then waiting) read again.
    for _ in range(3):
        store.append_events(
            [make_event(i, EventKind.RESOLVED, PEOPLE[rng.randrange(3)], NOW)
             for i in rng.sample(ids, 4)]
        )  # fmt: skip
        assert_same()
    records.prepare(until=date(2027, 1, 1))  # the waiting days packed again
    assert_same()
    store.append_events(
        [make_event(i, EventKind.REJECTED, PEOPLE[2], NOW) for i in rng.sample(ids, 70)]
    )  # more days than a catch-up reads one by one
    assert_same()
    store.close()
