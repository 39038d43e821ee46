"""Events are found by id through an index of their ids' first 8 bytes (migration 0041):
an event is still stored once, found, marked pushed and numbered by the hub as itself
when others share its prefix, every lookup walks that index, and a populated 0040
database upgrades and downgrades with every row as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import Actor, Event, EventKind, Post
from jundesk.store import Store
from jundesk.store.column_types import ids_in, stored_id_lists
from jundesk.store.database import downgrade, upgrade
from jundesk.store.models import EVENTS
from jundesk.store.unit_of_work import _SET_EVENT_HUB_SEQ
from tests.store.schema_snapshot import every_row, indexes_and_statistics

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
REVISION = "0041"
BEFORE = "0040"


def _namesakes(case_id: str, at: object, n: int) -> list[Event]:
    """n notes whose canonical ids share their first 8 bytes (the same millisecond and
    count within it) and differ after them."""
    first = uuid7()
    notes = []
    for k in range(n):
        same_start = first[:19] + f"{0x8000 + k:04x}" + first[23:]
        note = make_event(case_id, EventKind.NOTED, ANA, at, text=f"Nota {k}")  # type: ignore[arg-type]
        notes.append(dataclasses.replace(note, id=same_start))
    return notes


def _hub_seqs(db_path: Path) -> dict[bytes | str, int | None]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT id, hub_seq FROM events"))


def test_events_sharing_a_prefix_are_each_stored_once_and_found_as_themselves(
    store: Store, ingest: Ingest, db_path: Path
) -> None:
    case_id, post = ingest()
    notes = _namesakes(case_id, post.received_at, 3)
    assert len({n.id[:18] for n in notes}) == 1 and len({n.id for n in notes}) == 3
    assert store.append_events(notes[:2]) == notes[:2]
    # Again, with a third namesake: only the new one is stored.
    assert store.append_events(notes) == notes[2:]
    # From the hub, the same three and one more: only the new one.
    pulled = make_event(case_id, EventKind.NOTED, ANA, post.received_at, text="Del hub")
    assert store.append_events([*notes, pulled], origin="hub") == [pulled]
    events = store.case_events(case_id)
    assert [e.id for e in events].count(notes[1].id) == 1
    assert {n.id for n in notes} | {pulled.id} <= {e.id for e in events}

    # The hub numbers one of them: that one alone gets its number.
    with store.unit() as uow:
        uow.set_hub_seqs({notes[1].id: 41})
    numbered = {k: v for k, v in _hub_seqs(db_path).items() if v is not None}
    assert numbered == {bytes.fromhex(notes[1].id.replace("-", "")): 41}

    # Pushing: the hub refuses one of the namesakes; only it keeps the refusal.
    unpushed = store.unpushed_events(100)
    assert notes[1].id not in {e.id for e in unpushed}
    answers = {e.id: 0 for e in unpushed}
    answers[notes[2].id] = -1
    store.mark_pushed(answers, {})
    refused = [k for k, v in _hub_seqs(db_path).items() if v == -1]
    assert refused == [bytes.fromhex(notes[2].id.replace("-", ""))]
    assert store.unpushed_events(100) == []


def test_ids_kept_as_text_that_share_their_first_characters_are_told_apart(
    store: Store, ingest: Ingest
) -> None:
    case_id, post = ingest()
    note = make_event(case_id, EventKind.NOTED, ANA, post.received_at, text="Uno")
    first, second = (dataclasses.replace(note, id=i) for i in ("evento-1", "evento-10"))
    assert store.append_events([first]) == [first]
    assert store.append_events([second, first]) == [second]
    assert [e.id for e in store.case_events(case_id)].count("evento-1") == 1


@pytest.mark.parametrize("ids", [1, 2, 5000])
def test_every_lookup_of_an_event_by_id_walks_the_prefix_index(
    store: Store, db_path: Path, ids: int
) -> None:
    part = next(stored_id_lists(uuid7() for _ in range(ids)))[1]
    condition, params = ids_in(part)
    with sqlite3.connect(db_path) as conn:
        plans = [
            conn.execute(
                f"EXPLAIN QUERY PLAN SELECT seq, id FROM events WHERE {condition}", params
            ),
            conn.execute(f"EXPLAIN QUERY PLAN {_SET_EVENT_HUB_SEQ}", (1, part[0], part[0])),
        ]
        for plan in plans:
            details = " ".join(row[3] for row in plan)
            assert "USING INDEX ix_events_id_prefix" in details, details


def test_a_populated_0040_database_upgrades_and_downgrades_with_every_event(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    cases = [ingest(text)[0] for text in ("Farola apagada", "Bache en la plaza")]
    case_id, post = ingest("Ruido en la calle Mayor")
    store.append_events(_namesakes(case_id, post.received_at, 2))
    history = {c: store.case_events(c) for c in [*cases, case_id]}
    store.close()

    downgrade(db_path, BEFORE)
    rows_before = every_row(db_path)
    indexes_before, _ = indexes_and_statistics(db_path, ("events",))
    assert "ix_events_id_prefix" not in {name for name, _ in indexes_before}
    assert "sqlite_autoindex_events_1" in {name for name, _ in indexes_before}

    upgrade(db_path, REVISION)
    assert every_row(db_path) == rows_before
    indexes, _ = indexes_and_statistics(db_path, ("events",))
    assert (
        "ix_events_id_prefix",
        "CREATE INDEX ix_events_id_prefix ON events (substr(id, 1, 8))",
    ) in indexes
    assert "sqlite_autoindex_events_1" not in {name for name, _ in indexes}
    with Store(db_path) as upgraded:
        assert {c: upgraded.case_events(c) for c in history} == history

    downgrade(db_path, BEFORE)
    assert every_row(db_path) == rows_before
    assert indexes_and_statistics(db_path, ("events",))[0] == indexes_before
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(
            "INSERT INTO events SELECT seq + 1000, id, kind, actor_desk, actor_person, "
            "at, payload, origin, hub_seq, case_pk FROM events LIMIT 1"
        )


def test_a_new_database_has_the_prefix_index_the_models_declare(db_path: Path) -> None:
    # (Alembic's comparison of models and schema skips indexes on expressions.)
    declared = {i.name: i for i in EVENTS.indexes}["ix_events_id_prefix"]
    assert [str(e) for e in declared.expressions] == ["substr(id, 1, 8)"]
    with Store(db_path):
        pass
    indexes, _ = indexes_and_statistics(db_path, ("events",))
    assert (
        "ix_events_id_prefix",
        "CREATE INDEX ix_events_id_prefix ON events (substr(id, 1, 8))",
    ) in indexes
