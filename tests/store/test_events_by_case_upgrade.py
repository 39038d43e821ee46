"""A desk's database written by the 0013 schema (a case's events found by its text id)
upgrades to events found by the case's rowid and back, with nothing lost: each case's
history, what the hub hasn't got yet, a late event that makes its case refold, and the
town's record of who resolved a case."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored, id_to_stored
from jundesk.store.database import downgrade, upgrade
from tests.store.test_lean_upgrade import DONE, OPEN, T0, _populate_0006


def _populate_0013(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()
    upgrade(path, "0006")
    _populate_0006(path)
    upgrade(path, "0013")


def _events(path: Path) -> list[tuple[int, str, str]]:
    """(seq, id, case id) of every event, whichever way the schema names an event's case."""
    with sqlite3.connect(path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
        if "case_id" in columns:
            return conn.execute("SELECT seq, id, case_id FROM events ORDER BY seq").fetchall()
        rows = conn.execute(
            "SELECT e.seq, e.id, c.id FROM events e JOIN cases c ON c.pk = e.case_pk ORDER BY e.seq"
        )
        return [
            (seq, id_from_stored(event_id), id_from_stored(case_id))
            for seq, event_id, case_id in rows
        ]


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[1] for r in conn.execute("PRAGMA index_list(events)")}


def test_a_populated_0013_database_finds_each_case_s_events_by_its_rowid(
    db_path: Path,
) -> None:
    _populate_0013(db_path)
    before = _events(db_path)
    upgrade(db_path, "0014")
    with sqlite3.connect(db_path) as conn:  # 0014 kept the text id beside the rowid
        mismatched = conn.execute(
            "SELECT count(*) FROM events e JOIN cases c ON c.pk = e.case_pk WHERE c.id != e.case_id"
        ).fetchone()[0]
    assert mismatched == 0

    with Store(db_path) as store:
        assert [e.kind for e in store.case_events(DONE)] == [
            EventKind.INGESTED,
            EventKind.ROUTED,
            EventKind.RESOLVED,
        ]
        assert [e.kind for e in store.case_events(OPEN)] == [
            EventKind.INGESTED,
            EventKind.ROUTED,
            EventKind.INGESTED,
        ]
        assert [e.id for e in store.unpushed_events(10)] == [before[-1][1]]
        # An event that sorts before the case's last one makes the case refold from all
        # of its events, old and new.
        early = make_event(
            OPEN, EventKind.ACKNOWLEDGED, Actor("lighting", "Ana"), T0 + timedelta(minutes=5)
        )
        store.append_events([early])
        case = store.get_case(OPEN)
        assert case is not None and case.status is Status.ACKNOWLEDGED
        assert len(store.case_events(OPEN)) == 4
        desk = store.read_measures(
            lambda conn: conn.exec_driver_sql(
                "SELECT m.desk FROM case_measures m JOIN cases c ON c.pk = m.case_pk "
                "WHERE c.id = ?",
                (id_to_stored(OPEN),),
            ).scalar_one()
        )
        assert desk == "lighting"
    assert _events(db_path)[: len(before)] == before
    assert "ix_events_case_pk" in _indexes(db_path)
    assert "ix_events_case_id" not in _indexes(db_path)


def test_down_to_0013_keeps_every_event(db_path: Path) -> None:
    _populate_0013(db_path)
    before = _events(db_path)
    upgrade(db_path)
    downgrade(db_path, "0013")
    assert _events(db_path) == before
    assert {"ix_events_case_id", "ix_events_unpushed", "ix_events_rerouted"} <= _indexes(db_path)
    with sqlite3.connect(db_path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
    assert "case_pk" not in columns
    with Store(db_path) as store:  # and up again
        assert len(store.case_events(DONE)) == 3
