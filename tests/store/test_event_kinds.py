"""An event's kind is stored as its number and read back as the kind it was; every kind
has a number of its own; a database of 0025 (kinds as names) upgrades and downgrades with
every row as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store.database import downgrade
from jundesk.store.event_kinds import KIND_CODES, kind_of_code, kind_sql

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")


def test_every_kind_has_a_number_of_its_own() -> None:
    assert set(KIND_CODES) == set(EventKind)
    assert len(set(KIND_CODES.values())) == len(EventKind)
    assert all(kind_of_code(code) is kind for kind, code in KIND_CODES.items())
    assert kind_sql(EventKind.INGESTED) == "1"
    assert kind_sql(EventKind.RESOLVED, EventKind.CLOSED) == "(11, 12)"
    with pytest.raises(ValueError, match="kind number 99"):
        kind_of_code(99)


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM events ORDER BY seq").fetchall()


def test_kinds_are_stored_as_numbers_and_read_back_as_kinds(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    later = post.received_at + timedelta(hours=1)
    store.append_events(
        [
            make_event(case_id, EventKind.ACKNOWLEDGED, ANA, later),
            make_event(case_id, EventKind.REROUTED, ANA, later, role="parks"),
            make_event(case_id, EventKind.RESOLVED, ANA, later + timedelta(hours=1)),
        ]
    )
    kinds = [e.kind for e in store.case_events(case_id)]
    assert kinds == [
        EventKind.INGESTED,
        EventKind.ROUTED,
        EventKind.PRIORITISED,
        EventKind.ACKNOWLEDGED,
        EventKind.REROUTED,
        EventKind.RESOLVED,
    ]
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute("SELECT typeof(kind), kind FROM events ORDER BY seq").fetchall()
    assert stored == [("integer", KIND_CODES[k]) for k in kinds]
    # The reroute is a correction triage learns from, found through its partial index.
    assert store.corrections() == [(post.text, "parks")]


def test_a_populated_0025_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    later = post.received_at + timedelta(hours=1)
    store.append_events(
        [
            make_event(case_id, EventKind.REROUTED, ANA, later, role="parks"),
            make_event(case_id, EventKind.TARGET_MISSED, ANA, later, target="ack"),
        ]
    )
    history = store.case_events(case_id)
    store.close()
    downgrade(db_path, "0025")
    rows_0025 = _rows(db_path)
    assert [r[2] for r in rows_0025] == [e.kind.value for e in history]

    with Store(db_path) as upgraded:
        assert [r[2] for r in _rows(db_path)] == [KIND_CODES[e.kind] for e in history]
        assert upgraded.case_events(case_id) == history
        assert upgraded.corrections() == [(post.text, "parks")]

    downgrade(db_path, "0025")
    assert _rows(db_path) == rows_0025
    with sqlite3.connect(db_path) as conn:
        index = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_events_rerouted'"
        ).fetchone()[0]
    assert "kind = 'rerouted'" in index
