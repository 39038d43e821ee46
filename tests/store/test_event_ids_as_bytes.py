"""An event's id is stored as its UUID's 16 bytes and read back as the id it was; an id that
is no canonical UUID is kept as its text. Either is found again (an event stored twice
counts once), and a database of 0022 (ids as text) upgrades and downgrades with every row
as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store.database import downgrade

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
ODD_IDS = ("nota-antigua-1", "01A2507F-F907-72B6-ADBD-8E87C89E6AE9")  # not canonical


def _stored_ids(path: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT typeof(id), length(id) FROM events ORDER BY seq").fetchall()


def _odd_notes(case_id: str, post: Post) -> list[object]:
    """Two notes whose ids a desk would not make (an old import, capitals)."""
    return [
        dataclasses.replace(
            make_event(case_id, EventKind.NOTED, ANA, post.created_at + timedelta(hours=n + 1)),
            id=odd,
        )
        for n, odd in enumerate(ODD_IDS)
    ]


def test_ids_are_stored_as_16_bytes_and_read_back_as_they_were(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    made = store.case_events(case_id)
    assert _stored_ids(db_path) == [("blob", 16)] * 3
    odd = _odd_notes(case_id, post)
    assert store.append_events(odd) == odd  # type: ignore[arg-type]
    assert _stored_ids(db_path)[3:] == [("text", len(i)) for i in ODD_IDS]

    events = store.case_events(case_id)
    assert [e.id for e in events] == [e.id for e in made] + list(ODD_IDS)
    assert events[:3] == made
    # Stored twice, they count once, whichever way their id is kept.
    assert store.append_events([*made, *odd]) == []  # type: ignore[list-item]
    assert len(store.case_events(case_id)) == 5
    # And the push finds them by their ids.
    assert [e.id for e in store.unpushed_events(10)] == [e.id for e in events]
    store.mark_pushed({e.id: 0 for e in events[:4]}, {})
    assert [e.id for e in store.unpushed_events(10)] == [ODD_IDS[1]]


def test_a_populated_0022_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    first, post = ingest("La farola de la calle Real está rota")
    second, _ = ingest("Un bache en la plaza", role="streets")
    store.append_events(_odd_notes(first, post))  # type: ignore[arg-type]
    history = {case_id: store.case_events(case_id) for case_id in (first, second)}
    store.close()
    downgrade(db_path, "0022")
    with sqlite3.connect(db_path) as conn:
        rows_0022 = conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
    assert {type(row[1]) for row in rows_0022} == {str}

    with Store(db_path) as upgraded:
        assert [t for t, _ in _stored_ids(db_path)] == ["blob"] * 6 + ["text"] * 2
        assert {c: upgraded.case_events(c) for c in history} == history
        assert upgraded.append_events(history[second]) == []

    downgrade(db_path, "0022")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT * FROM events ORDER BY seq").fetchall() == rows_0022
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"sqlite_autoindex_events_1", "ix_events_case_pk", "ix_events_rerouted"} <= names


def test_a_pulled_event_whose_id_is_no_uuid_keeps_its_hub_number(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    odd = _odd_notes(case_id, post)
    assert store.apply_pulled([(e, n) for n, e in enumerate(odd, start=5)]) == odd  # type: ignore[misc]
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, hub_seq FROM events WHERE hub_seq IS NOT NULL").fetchall()
    assert rows == [(ODD_IDS[0], 5), (ODD_IDS[1], 6)]
