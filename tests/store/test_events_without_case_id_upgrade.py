"""A desk's database written by the 0014 schema (each event holding its case's text id and
rowid) upgrades to events that hold the rowid alone and back, with nothing lost: each
case's history, a merged case's included, and what the desk pushes to the hub name the
same events with the same case ids."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.sync.wire import event_columns
from tests.store.test_events_by_case_upgrade import _populate_0013
from tests.store.test_lean_upgrade import DONE, OPEN, T0, _at

MERGED = "01950000-0000-7000-8000-00000000000c"
POST_M = "01950000-0000-7000-8000-0000000000c1"
MERGED_PK = 9  # not the next rowid: an event given the wrong case's rowid names another case
ANA = Actor("lighting", "Ana")


def _event(seq: int, case_id: str, kind: str, minutes: int, payload: dict[str, object]) -> tuple:
    hub_seq = None if kind in ("merged", "absorbed") else 100 + seq  # the merge isn't pushed
    return (
        seq, f"01950000-0000-7000-9000-{seq:012d}", case_id, kind, "lighting", "Ana",
        _at(minutes), json.dumps(payload), "local", hub_seq,
    )  # fmt: skip


def _populate_0014(path: Path) -> None:
    """Two cases from 0006 upgraded to 0014, and rows as JunDesk at 0014 wrote them: a third
    case merged into the open one."""
    _populate_0013(path)
    upgrade(path, "0014")
    events = [
        _event(7, MERGED, "ingested", 20, {"post_id": POST_M, "posted_at": T0.isoformat()}),
        _event(8, MERGED, "routed", 20, {"role": "lighting", "confidence": 0.9}),
        _event(9, MERGED, "merged", 40, {"into": OPEN}),
        _event(10, OPEN, "absorbed", 40, {"source_case": MERGED, "post_ids": [POST_M]}),
    ]
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "INSERT INTO posts (pk, id, source, source_id, author_id, author_handle, "
            "author_name, text, lang, created_at, received_at, conversation_id, "
            "in_reply_to_id, media, place, is_own, raw, case_id, hub_seq) "
            "VALUES (4, ?, 'x', '104', 'u4', 'vecino', 'Vecino', 'La farola sigue rota', 'es', "
            "?, ?, '104', '', '[]', '', 0, '{}', ?, 4)",
            (POST_M, _at(20), _at(20), MERGED),
        )
        conn.execute(
            "INSERT INTO cases (pk, id, role, priority, priority_rank, status, is_open, "
            "assignee, location, created_at, updated_at, acknowledged_at, first_reply_at, "
            "resolved_at, merged_into, notes, replies, confidence, last_event_id, arrived_at) "
            "VALUES (?, ?, 'lighting', 'normal', 2, 'merged', 0, '', '', ?, ?, NULL, NULL, "
            "NULL, ?, 0, 0, 0.9, ?, ?)",
            (MERGED_PK, MERGED, _at(20), _at(40), OPEN, events[2][1], _at(20)),
        )
        conn.executemany(
            "INSERT INTO events (seq, id, case_id, kind, actor_desk, actor_person, at, payload, "
            "origin, hub_seq, case_pk) "
            "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, pk FROM cases WHERE id = ?",
            [(*e, e[2]) for e in events],
        )
        conn.execute(
            "UPDATE cases SET updated_at = ?, last_event_id = ? WHERE id = ?",
            (_at(40), events[3][1], OPEN),
        )
        conn.execute(
            "INSERT INTO case_posts (case_pk, post_pk, position) VALUES (?, 4, 0)", (MERGED_PK,)
        )
        conn.execute(
            "INSERT INTO case_posts (case_pk, post_pk, position) "
            "SELECT pk, 4, 2 FROM cases WHERE id = ?",
            (OPEN,),
        )
        conn.commit()
    finally:
        conn.close()


def _rows_0014(path: Path, where: str = "1") -> list[tuple[object, ...]]:
    """Every column of the events, as the 0014 schema holds them."""
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM events WHERE {where} ORDER BY seq").fetchall()


def _schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'events'"))


def _columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(events)")]


def _history_0014(path: Path, case_id: str) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT id, case_id, kind FROM events WHERE case_id = ? ORDER BY at, id", (case_id,)
        ).fetchall()


def test_a_populated_0014_database_reads_each_event_s_case_from_its_row(db_path: Path) -> None:
    _populate_0014(db_path)
    histories = {c: _history_0014(db_path, c) for c in (OPEN, DONE, MERGED)}
    assert [kind for _, _, kind in histories[MERGED]] == ["ingested", "routed", "merged"]
    unpushed = [(r[1], r[2]) for r in _rows_0014(db_path, "hub_seq IS NULL")]
    assert {case_id for _, case_id in unpushed} == {OPEN, MERGED}

    with Store(db_path) as store:
        for case_id, history in histories.items():
            events = store.case_events(case_id)
            assert [(e.id, e.case_id, e.kind.value) for e in events] == history
        # What the desk sends the hub: each event names its case by the case's id.
        pushed = [event_columns(e) for e in store.unpushed_events(10)]
        assert [(c[0], c[1]) for c in pushed] == unpushed
        merged = store.get_case(MERGED)
        assert merged is not None and merged.status is Status.MERGED
        assert merged.merged_into == OPEN
        # An event before the merged case's last makes it refold from its stored events.
        seen = T0 + timedelta(minutes=30)
        store.append_events([make_event(MERGED, EventKind.ACKNOWLEDGED, ANA, seen)])
        refolded = store.get_case(MERGED)
        assert refolded is not None and refolded.status is Status.MERGED
        assert refolded.merged_into == OPEN and refolded.acknowledged_at == seen
        assert refolded.post_ids == (POST_M,)
        assert [e.case_id for e in store.case_events(MERGED)] == [MERGED] * 4
    assert "case_id" not in _columns(db_path)
    assert "ix_events_case_pk" in _schema(db_path)


def test_down_to_0014_gives_every_event_its_case_id_again(db_path: Path) -> None:
    _populate_0014(db_path)
    before = _rows_0014(db_path)
    schema = _schema(db_path)
    upgrade(db_path)
    # An event stored without the text id: going down, it is read from its case.
    late = make_event(DONE, EventKind.NOTED, ANA, T0 + timedelta(hours=2), text="hecho")
    with Store(db_path) as store:
        store.append_events([late])
    downgrade(db_path, "0014")

    assert _schema(db_path) == schema  # the table and indexes as 0014 made them
    after = _rows_0014(db_path)
    assert after[: len(before)] == before
    assert [(r[1], r[2]) for r in after[len(before) :]] == [(late.id, DONE)]
    with sqlite3.connect(db_path) as conn:
        mismatched = conn.execute(
            "SELECT count(*) FROM events e JOIN cases c ON c.pk = e.case_pk WHERE c.id != e.case_id"
        ).fetchone()[0]
    assert mismatched == 0
    with Store(db_path) as store:  # and up again
        assert [e.case_id for e in store.case_events(MERGED)] == [MERGED] * 3
        assert len(store.case_events(DONE)) == 4
