"""The inboxes' indexes hold the open cases alone (migration 0022): a case that closes
leaves them, one reopened comes back, and every list and count stays right."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post, Priority, Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored
from jundesk.store.database import downgrade, upgrade

DESK = Actor("front_desk", "Lola")
Ingest = Callable[..., tuple[str, Post]]
_OPEN_INDEXES = ("ix_cases_open_rank", "ix_cases_role_open_rank")
_BEFORE_0022 = {
    "ix_cases_role_open_rank": (
        "CREATE INDEX ix_cases_role_open_rank ON cases (role, is_open, priority_rank, created_at)"
    ),
    "ix_cases_open_rank": (
        "CREATE INDEX ix_cases_open_rank ON cases (is_open, priority_rank, created_at)"
    ),
}


def _indexed(db_path: Path, index: str, where: str = "is_open = 1") -> set[str]:
    """The ids of the cases `index` holds among those `where` keeps."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(f"SELECT id FROM cases INDEXED BY {index} WHERE {where}")
        return {id_from_stored(case_id) for (case_id,) in rows}


def _definitions(db_path: Path) -> dict[str, str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
            _OPEN_INDEXES,
        )
        return dict(rows)


def _ids(store: Store, where: CaseFilter) -> list[str]:
    return [s.case.id for s in store.list_cases(where)]


def _event(case_id: str, kind: EventKind, minute: int) -> Event:
    return make_event(case_id, kind, DESK, datetime(2026, 3, 3, 9, minute, tzinfo=UTC))


def test_a_closed_case_leaves_the_open_indexes_and_a_reopened_one_comes_back(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    lamp, _ = ingest("farola apagada", role="lighting")
    crash, _ = ingest("accidente", role="police", priority=Priority.URGENT)
    noise, _ = ingest("música alta", role="police")
    done = CaseFilter(statuses=Status.done())
    police = CaseFilter(roles=("police",))

    store.append_events([_event(crash, EventKind.RESOLVED, 1)])
    assert _indexed(db_path, "ix_cases_open_rank") == {lamp, noise}
    assert _indexed(db_path, "ix_cases_role_open_rank", "role = 'police' AND is_open = 1") == {
        noise
    }
    assert _ids(store, CaseFilter()) == [lamp, noise]
    assert _ids(store, police) == [noise]
    assert _ids(store, done) == [crash]
    assert _ids(store, CaseFilter(statuses=Status.done(), roles=("police",))) == [crash]
    assert _ids(store, CaseFilter(statuses=tuple(Status))) == [crash, lamp, noise]
    assert store.count_cases() == 2
    assert store.count_cases(police) == 1
    assert store.count_cases(done) == 1
    assert store.count_cases(CaseFilter(statuses=Status.done(), roles=("lighting",))) == 0
    assert store.count_cases(CaseFilter(statuses=Status.done(), priorities=(Priority.URGENT,)))
    assert store.count_unread(done) == 1

    store.append_events([_event(crash, EventKind.REOPENED, 2)])
    assert _indexed(db_path, "ix_cases_open_rank") == {lamp, crash, noise}
    assert _indexed(db_path, "ix_cases_role_open_rank", "role = 'police' AND is_open = 1") == {
        crash,
        noise,
    }
    assert _ids(store, CaseFilter()) == [crash, lamp, noise]  # urgent first
    assert _ids(store, police) == [crash, noise]
    assert _ids(store, done) == []
    assert store.count_cases() == 3
    assert store.count_cases(police) == 2
    assert store.count_cases(done) == 0


def test_the_open_indexes_come_and_go_with_their_migration(db_path: Path, ingest: Ingest) -> None:
    with Store(db_path) as store:
        lamp, _ = ingest("farola apagada", role="lighting")
        crash, _ = ingest("accidente", role="police", priority=Priority.URGENT)
        noise, _ = ingest("música alta", role="police")
        store.append_events([_event(lamp, EventKind.RESOLVED, 1)])
    partial = _definitions(db_path)
    assert all(sql.endswith("WHERE is_open = 1") for sql in partial.values())
    for index in _OPEN_INDEXES:
        assert _indexed(db_path, index) == {crash, noise}

    downgrade(db_path, "0021")
    assert _definitions(db_path) == _BEFORE_0022  # as they were, over every case
    for index in _OPEN_INDEXES:
        assert _indexed(db_path, index, "is_open IN (0, 1)") == {lamp, crash, noise}

    upgrade(db_path)
    assert _definitions(db_path) == partial
    with Store(db_path) as store:
        for index in _OPEN_INDEXES:
            assert _indexed(db_path, index) == {crash, noise}
        assert _ids(store, CaseFilter()) == [crash, noise]
        assert _ids(store, CaseFilter(roles=("police",))) == [crash, noise]
        assert _ids(store, CaseFilter(statuses=Status.done())) == [lamp]
        assert store.count_cases(CaseFilter(statuses=Status.done())) == 1
