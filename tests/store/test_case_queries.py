"""Case lists, counts, search, export, corrections, cursors, reads."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, CaseSummary, Cursor, EventKind, Post, Priority, Status
from jundesk.store import Store, repository

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DESK = Actor("front_desk", "Lola")
Ingest = Callable[..., tuple[str, Post]]


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def town(store: Store, ingest: Ingest) -> dict[str, str]:
    """Six cases; returns name -> case id."""
    cases = {
        "old_normal_light": ingest("farola apagada", role="lighting", created_at=_at(1))[0],
        "urgent_police": ingest(
            "accidente en la rotonda", role="police", priority=Priority.URGENT, created_at=_at(5)
        )[0],
        "new_normal_light": ingest("farola rota", role="lighting", created_at=_at(3))[0],
        "high_cleaning": ingest(
            "basura en la plaza", role="street_cleaning", priority=Priority.HIGH, created_at=_at(4)
        )[0],
        "resolved_light": ingest("farola parpadea", role="lighting", created_at=_at(2))[0],
        "low_police": ingest(
            "música alta", role="police", priority=Priority.LOW, created_at=_at(6)
        )[0],
    }
    store.append_events(
        [
            make_event(cases["resolved_light"], EventKind.RESOLVED, DESK, _at(30)),
            make_event(cases["high_cleaning"], EventKind.ASSIGNED, DESK, _at(31), assignee="Paco"),
            make_event(cases["urgent_police"], EventKind.ACKNOWLEDGED, DESK, _at(32)),
        ]
    )
    return cases


def _names(town: dict[str, str], summaries: Sequence[CaseSummary]) -> list[str]:
    by_id = {v: k for k, v in town.items()}
    return [by_id[s.case.id] for s in summaries]


def test_open_cases_urgent_first_then_oldest(store: Store, town: dict[str, str]) -> None:
    assert _names(town, store.list_cases()) == [
        "urgent_police",
        "high_cleaning",
        "old_normal_light",
        "new_normal_light",
        "low_police",
    ]
    assert store.count_cases() == 5


def test_filters(store: Store, town: dict[str, str]) -> None:
    assert _names(town, store.list_cases(CaseFilter(roles=("lighting",)))) == [
        "old_normal_light",
        "new_normal_light",
    ]
    assert _names(
        town, store.list_cases(CaseFilter(roles=("lighting", "police")), limit=2, offset=1)
    ) == [
        "old_normal_light",
        "new_normal_light",
    ]
    assert store.list_cases(CaseFilter(roles=())) == []
    assert _names(town, store.list_cases(CaseFilter(statuses=(Status.RESOLVED,)))) == [
        "resolved_light"
    ]
    assert len(store.list_cases(CaseFilter(statuses=tuple(Status)))) == 6
    assert _names(
        town, store.list_cases(CaseFilter(statuses=(Status.ACKNOWLEDGED, Status.RESOLVED)))
    ) == [
        "urgent_police",
        "resolved_light",
    ]
    assert _names(town, store.list_cases(CaseFilter(priorities=(Priority.LOW, Priority.HIGH)))) == [
        "high_cleaning",
        "low_police",
    ]
    assert _names(town, store.list_cases(CaseFilter(assignee="Paco"))) == ["high_cleaning"]
    assert _names(town, store.list_cases(CaseFilter(since=_at(4), until=_at(6)))) == [
        "urgent_police",
        "high_cleaning",
    ]
    assert store.count_cases(CaseFilter(roles=("police",), statuses=tuple(Status))) == 2


def test_search_keeps_cases_with_a_matching_post(store: Store, town: dict[str, str]) -> None:
    assert _names(town, store.list_cases(CaseFilter(search="FAROLA"))) == [
        "old_normal_light",
        "new_normal_light",
    ]
    assert store.count_cases(CaseFilter(search="farola", statuses=tuple(Status))) == 3
    assert _names(town, store.list_cases(CaseFilter(search="farola rota"))) == ["new_normal_light"]
    assert store.list_cases(CaseFilter(search="farola", roles=("police",))) == []
    assert store.list_cases(CaseFilter(search="nada parecido")) == []


def test_export_streams_every_case_oldest_first(
    store: Store, town: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "EXPORT_BATCH", 2)
    assert inspect.isgenerator(store.iter_cases_for_export())  # streamed, not a list
    rows = list(store.iter_cases_for_export())
    created = [case.created_at for case, _ in rows]
    assert created == sorted(created, key=lambda at: at or T0)
    assert {case.id for case, _ in rows} == set(town.values())
    for case, posts in rows:
        assert case == store.get_case(case.id)
        assert posts == store.case_posts(case.id)


def test_corrections_pair_the_first_post_with_the_new_role(store: Store, ingest: Ingest) -> None:
    wrong, post = ingest("Hay un árbol caído en el parque", role="police")
    later = post.received_at + timedelta(minutes=5)
    store.append_events([make_event(wrong, EventKind.REROUTED, DESK, later, role="parks")])
    store.append_events(
        [
            make_event(
                wrong,
                EventKind.REROUTED,
                DESK,
                later + timedelta(minutes=1),
                role="street_cleaning",
            )
        ]
    )
    assert store.corrections() == [
        ("Hay un árbol caído en el parque", "parks"),
        ("Hay un árbol caído en el parque", "street_cleaning"),
    ]
    case = store.get_case(wrong)
    assert case is not None
    assert case.role == "street_cleaning"
    assert case.confidence == 1.0


def test_cursors(store: Store) -> None:
    assert store.get_cursor("x", "mentions") == Cursor("x", "mentions")
    cursor = Cursor("x", "mentions", since_id="190", sweep_top="200", sweep_bottom="195")
    with store.unit() as uow:
        uow.save_cursor(cursor)
        assert uow.get_cursor("x", "mentions") == cursor
    assert store.get_cursor("x", "mentions") == cursor
    store.save_cursor(Cursor("x", "mentions", since_id="200"))
    assert store.get_cursor("x", "mentions") == Cursor("x", "mentions", since_id="200")
    assert store.get_cursor("x", "search:#Jun") == Cursor("x", "search:#Jun")


def test_cursor_rolls_back_with_its_posts(store: Store, make_post: Callable[..., Post]) -> None:
    post = make_post()
    with pytest.raises(RuntimeError), store.unit() as uow:
        uow.add_posts([post], [None])
        uow.save_cursor(Cursor("x", "mentions", since_id="999"))
        raise RuntimeError("network gone mid-poll")
    assert store.get_cursor("x", "mentions") == Cursor("x", "mentions")
    assert store.get_post(post.id) is None


def test_reads_are_counted_per_utc_month(store: Store) -> None:
    with store.unit() as uow:
        uow.add_reads("x", 40, datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
        uow.add_reads("x", 2, datetime(2026, 3, 1, 0, 0, tzinfo=UTC))
        uow.add_reads("x", 7, datetime(2026, 4, 1, 0, 30, tzinfo=UTC))
    assert store.reads_this_month("x", datetime(2026, 3, 15, tzinfo=UTC)) == 42
    # 01:30 in Madrid on 1 April is still March in UTC.
    madrid = datetime(2026, 4, 1, 1, 30, tzinfo=UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Madrid")
    )
    assert store.reads_this_month("x", madrid) == 7
    assert store.reads_this_month("manual", madrid) == 0


def test_arrival_is_kept_apart_from_the_post_time_and_filters_by_it(
    store: Store, make_post: Callable[..., Post], open_case: Callable[..., tuple]
) -> None:
    """A post written at 9:00 and ingested at 9:10 arrived at 9:10: the duty summary and
    the SLA timers count from arrival, so a filter on it must see the difference."""
    post = make_post("accidente", created_at=_at(0))
    case_id, events = open_case(post, role="police", at=_at(10))
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    case = store.get_case(case_id)
    assert case is not None
    assert case.created_at == _at(0) and case.arrived_at == _at(10) and case.arrival == _at(10)
    off_at = _at(5)
    assert store.count_cases(CaseFilter(since=off_at)) == 0  # by post time: before going off
    assert store.count_cases(CaseFilter(arrived_since=off_at)) == 1  # by arrival: while off
    assert store.count_cases(CaseFilter(arrived_since=off_at, arrived_until=_at(10))) == 0
    listed = store.list_cases(CaseFilter(arrived_since=off_at, arrived_until=_at(11)))
    assert [s.case.id for s in listed] == [case_id]
