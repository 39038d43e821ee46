"""A case's row keeps its status as a small number and its priority as "" when its rank
says it (store/case_codes.py, migration 0040): every status and priority still reads back,
filters and measures as before, and a populated 0039 database upgrades and downgrades
with every case as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post, Priority, Status
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.case_codes import (
    STATUS_CODES,
    priority_from_stored,
    priority_to_stored,
    status_of_code,
)
from jundesk.store.column_types import id_from_stored
from jundesk.store.database import downgrade, upgrade
from jundesk.store.measures import MeasureFilter
from tests.store.conftest import T0
from tests.store.schema_snapshot import every_row, indexes_and_statistics

# The revision that brought the numbers, and the one before it.
REVISION = "0040"
BEFORE = "0039"

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
EVERY_CASE = CaseFilter(statuses=tuple(Status))
LATER = T0 + timedelta(days=1)
# The priority the case of each status opens with: round urgent, high, normal, low.
PRIORITY_OF = {status: list(Priority)[n % len(Priority)] for n, status in enumerate(Status)}
# The event that brings a new case to each status (none for new, merged apart).
_TO_STATUS = {
    Status.ACKNOWLEDGED: EventKind.ACKNOWLEDGED,
    Status.IN_PROGRESS: EventKind.STARTED,
    Status.RESOLVED: EventKind.RESOLVED,
    Status.CLOSED: EventKind.CLOSED,
    Status.REJECTED: EventKind.REJECTED,
}


def _a_case_of_each_status(store: Store, ingest: Ingest) -> dict[Status, str]:
    """One case of each status, opened with its PRIORITY_OF."""
    cases = {
        status: ingest(f"La farola {n} de la calle Real está rota", priority=PRIORITY_OF[status])[0]
        for n, status in enumerate(Status)
    }
    store.append_events(
        [make_event(cases[s], kind, ANA, LATER) for s, kind in _TO_STATUS.items()]
        + [make_event(cases[Status.MERGED], EventKind.MERGED, ANA, LATER, into=cases[Status.NEW])]
    )
    return cases


def _stored(db_path: Path) -> dict[str, tuple[object, ...]]:
    """Case id -> (status's storage class, status, priority, rank) as stored."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, typeof(status), status, priority, priority_rank FROM cases")
        return {id_from_stored(row[0]): row[1:] for row in rows}


def _declared_status(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        columns = conn.execute("PRAGMA table_info(cases)").fetchall()
    return next(str(c[2]) for c in columns if c[1] == "status")


def test_every_status_and_priority_reads_back_and_filters_the_lists(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    cases = _a_case_of_each_status(store, ingest)
    for status, case_id in cases.items():
        case = store.get_case(case_id)
        assert case is not None
        assert (case.status, case.priority) == (status, PRIORITY_OF[status])
        listed = store.list_cases(CaseFilter(statuses=(status,)))
        assert [s.case.id for s in listed] == [case_id]
        assert listed[0].case == case
        assert store.count_cases(CaseFilter(statuses=(status,))) == 1
    for priority in Priority:
        having = {c for s, c in cases.items() if PRIORITY_OF[s] is priority}
        assert having  # seven cases go round the four priorities
        listed = store.list_cases(CaseFilter(statuses=tuple(Status), priorities=(priority,)))
        assert {s.case.id for s in listed} == having
        assert {s.case.priority for s in listed} == {priority}
        assert store.count_cases(CaseFilter(statuses=tuple(Status), priorities=(priority,))) == (
            len(having)
        )
    # The open ones, the finished ones, and every case, as the lists group them.
    assert {s.case.status for s in store.list_cases()} == set(Status.open())
    assert {s.case.status for s in store.list_cases(CaseFilter(statuses=Status.done()))} == set(
        Status.done()
    )
    assert store.count_cases(EVERY_CASE) == len(Status)
    exported = {case.id: case for case, _ in store.iter_cases_for_export()}
    assert exported == {c: store.get_case(c) for c in cases.values()}
    with store.unit() as uow:
        assert uow.case_statuses(cases.values()) == {c: s for s, c in cases.items()}
    finished = store.finished_cases_before({"*": LATER + timedelta(days=1)})
    assert set(finished) == {cases[s] for s in Status.finished()}

    # Stored as numbers, resolved and closed in no byte; no priority's text repeated.
    stored = _stored(db_path)
    assert {s: stored[c][:3] for s, c in cases.items()} == {
        s: ("integer", STATUS_CODES[s], "") for s in Status
    }
    assert STATUS_CODES[Status.RESOLVED] in (0, 1) and STATUS_CODES[Status.CLOSED] in (0, 1)
    assert _declared_status(db_path) == "INTEGER"


def test_the_measures_and_a_report_read_texts(store: Store, ingest: Ingest) -> None:
    cases = _a_case_of_each_status(store, ingest)
    rows = store.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
    status = sql.CASE_COLUMNS.index("status")
    priority = sql.CASE_COLUMNS.index("priority")
    measured = {r[0]: (r[status], r[priority]) for r in rows}
    # A merged case counts in the case it went into.
    assert measured == {
        c: (s.value, PRIORITY_OF[s].value) for s, c in cases.items() if s is not Status.MERGED
    }
    assert all(type(s) is str and type(p) is str for s, p in measured.values())
    # Finished: resolved and closed have a resolution, rejected only an end.
    resolved_at = sql.CASE_COLUMNS.index("resolved_at")
    finished_at = sql.CASE_COLUMNS.index("finished_at")
    ends = {r[0]: (r[resolved_at] is not None, r[finished_at] is not None) for r in rows}
    assert ends[cases[Status.RESOLVED]] == ends[cases[Status.CLOSED]] == (True, True)
    assert ends[cases[Status.REJECTED]] == (False, True)
    assert ends[cases[Status.NEW]] == (False, False)


@pytest.mark.parametrize("priority", list(Priority))
@pytest.mark.parametrize("rank", [0, 1, 2, 3, 7])
def test_a_priority_is_kept_as_text_only_when_its_rank_disagrees(
    priority: Priority, rank: int
) -> None:
    stored = priority_to_stored(priority, rank)
    assert (stored == "") == (priority.rank == rank)
    assert priority_from_stored(stored, rank) is priority


def test_a_stored_status_reads_as_its_status_and_an_unknown_number_is_refused() -> None:
    assert {status_of_code(n) for n in STATUS_CODES.values()} == set(Status)
    assert len(set(STATUS_CODES.values())) == len(Status)
    assert status_of_code("resolved") is Status.RESOLVED  # as stored before 0040
    with pytest.raises(ValueError, match="status number 99"):
        status_of_code(99)


def test_a_populated_0039_database_upgrades_and_downgrades_with_every_case(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    cases = _a_case_of_each_status(store, ingest)
    projected = {c: store.get_case(c) for c in cases.values()}
    listed = store.list_cases(EVERY_CASE)
    store.close()

    downgrade(db_path, BEFORE)
    assert _declared_status(db_path) == "VARCHAR"
    stored = _stored(db_path)
    assert {stored[c][:2] for c in cases.values()} == {("text", s.value) for s in Status}
    assert {s: stored[c][2:] for s, c in cases.items()} == {
        s: (p.value, p.rank) for s, p in PRIORITY_OF.items()
    }
    # A priority an older version wrote apart from its rank (no JunDesk does): kept.
    odd = cases[Status.IN_PROGRESS]
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE cases SET priority = 'urgent', priority_rank = 3 WHERE status = 'in_progress'"
        )
    rows_before = every_row(db_path)
    with sqlite3.connect(db_path) as conn:
        schema_before = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'cases'"
        ).fetchone()
    indexes_before = indexes_and_statistics(db_path, ("cases",))

    upgrade(db_path, REVISION)
    assert _declared_status(db_path) == "INTEGER"
    stored = _stored(db_path)
    assert {s: stored[c][:3] for s, c in cases.items()} == {
        s: ("integer", STATUS_CODES[s], "urgent" if s is Status.IN_PROGRESS else "") for s in Status
    }
    assert indexes_and_statistics(db_path, ("cases",)) == indexes_before
    upgraded = every_row(db_path)
    assert {n: r for n, r in upgraded.items() if n != "cases"} == {
        n: r for n, r in rows_before.items() if n != "cases"
    }
    with Store(db_path) as reopened:
        read = {c: reopened.get_case(c) for c in cases.values()}
        odd_case = read[odd]
        assert odd_case is not None and odd_case.priority is Priority.URGENT
        assert {c: v for c, v in read.items() if c != odd} == {
            c: v for c, v in projected.items() if c != odd
        }
        assert [s for s in reopened.list_cases(EVERY_CASE) if s.case.id != odd] == [
            s for s in listed if s.case.id != odd
        ]
        assert [
            s.case.id for s in reopened.list_cases(CaseFilter(statuses=(Status.RESOLVED,)))
        ] == [cases[Status.RESOLVED]]

    downgrade(db_path, BEFORE)
    assert every_row(db_path) == rows_before
    with sqlite3.connect(db_path) as conn:
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'cases'").fetchone()
    assert schema == schema_before
    with Store(db_path) as again:
        assert {c: again.get_case(c) for c in cases.values() if c != odd} == {
            c: v for c, v in projected.items() if c != odd
        }
