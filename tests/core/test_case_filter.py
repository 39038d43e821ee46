"""One filter for every case list, and the status groups it is made of."""

from __future__ import annotations

from datetime import UTC, datetime

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Priority, Status
from jundesk.core.text_match import is_searchable, search_words

MORNING = datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_status_groups() -> None:
    assert Status.open() == (Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
    assert Status.finished() == (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
    assert set(Status.done()) == set(Status) - set(Status.open())
    assert [s for s in Status if s.is_open] == list(Status.open())
    assert [s for s in Status if s.is_finished] == list(Status.finished())
    assert not Status.MERGED.is_open and not Status.MERGED.is_finished


def test_a_filter_is_a_value() -> None:
    police = CaseFilter(roles=("police",), priorities=(Priority.URGENT,))
    assert police == CaseFilter(roles=("police",), priorities=(Priority.URGENT,))
    assert len({police, CaseFilter(roles=("police",), priorities=(Priority.URGENT,))}) == 1
    assert CaseFilter().statuses is None  # the open cases


def test_narrowed_keeps_what_the_bar_leaves_alone() -> None:
    inbox = CaseFilter(roles=("police", "lighting"), assignee="Paco")
    assert inbox.narrowed(CaseFilter()) == inbox
    by_bar = inbox.narrowed(
        CaseFilter(
            roles=("lighting", "parks"),
            statuses=(Status.RESOLVED,),
            priorities=(Priority.HIGH,),
            since=MORNING,
        )
    )
    assert by_bar == CaseFilter(
        roles=("lighting",),  # the bar's roles narrow the inbox's
        statuses=(Status.RESOLVED,),  # its statuses, priorities and dates replace them
        priorities=(Priority.HIGH,),
        assignee="Paco",
        since=MORNING,
    )


def test_words_search_every_case() -> None:
    inbox = CaseFilter(roles=("police",), assignee="Paco")
    assert inbox.narrowed(CaseFilter(search="farola")) == CaseFilter(
        statuses=tuple(Status), search="farola"
    )
    urgent = inbox.narrowed(CaseFilter(search="farola", priorities=(Priority.URGENT,)))
    assert urgent.priorities == (Priority.URGENT,) and urgent.roles is None


def test_the_letters_a_search_needs() -> None:
    assert search_words("¿La farola AND rota?") == ["La", "farola", "rota"]
    assert search_words("uno dos tres cuatro", most=2) == ["uno", "dos"]
    assert not is_searchable("a.b")  # three characters, two letters
    assert not is_searchable("OR ab")
    assert is_searchable("a b c")
    assert is_searchable("e\u0301x")
