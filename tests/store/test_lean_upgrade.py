"""A desk's database written by the 0006 schema upgrades to the lean store with nothing lost:
its cases list as before (header from the first post), their posts, history, search, and
what the hub hasn't got yet."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store import Store
from jundesk.store.column_types import to_micros
from jundesk.store.database import downgrade, upgrade

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OPEN = "01950000-0000-7000-8000-00000000000a"
DONE = "01950000-0000-7000-8000-00000000000b"
POST_A = "01950000-0000-7000-8000-0000000000a1"
POST_B = "01950000-0000-7000-8000-0000000000a2"
POST_C = "01950000-0000-7000-8000-0000000000b1"


def _at(minutes: int) -> int:
    return to_micros(T0 + timedelta(minutes=minutes))


def _post(pk: int, post_id: str, case_id: str, text: str, handle: str, minutes: int) -> tuple:
    return (
        pk, post_id, "x", str(100 + pk), "u" + str(pk), handle, handle.title(), text, "es",
        _at(minutes), _at(minutes) + 5_000_000, str(100 + pk), "", "[]", "", 0,
        '{"id":"' + str(100 + pk) + '"}', case_id, None,
    )  # fmt: skip


def _event(seq: int, case_id: str, kind: str, minutes: int, payload: dict[str, object]) -> tuple:
    event_id = f"01950000-0000-7000-9000-{seq:012d}"
    hub_seq = None if seq == 6 else 100 + seq  # the last one is not on the hub yet
    return (
        event_id, seq, case_id, kind, "intake", "", _at(minutes), json.dumps(payload),
        "local", hub_seq,
    )  # fmt: skip


def _case(case_id: str, status: str, is_open: int, minutes: int, last: int, excerpt: str) -> tuple:
    return (
        case_id, "lighting", "high" if is_open else "normal", 1 if is_open else 2, status,
        is_open, "", "", _at(minutes), _at(minutes + 1), None, None,
        None if is_open else _at(minutes + 1), "", 0, 0, 0.9,
        f"01950000-0000-7000-9000-{last:012d}", "old copy", excerpt, _at(minutes),
    )  # fmt: skip


def _populate_0006(path: Path) -> None:
    """Rows as JunDesk at schema 0006 wrote them (its own header copy in each case)."""
    posts = [
        _post(1, POST_A, OPEN, "La farola de la calle Real está rota", "vecina", 0),
        _post(2, POST_B, OPEN, "Sigue apagada esta noche", "vecino", 30),
        _post(3, POST_C, DONE, "Basura en la plaza Mayor", "otra", 10),
    ]
    events = [
        _event(1, OPEN, "ingested", 0, {"post_id": POST_A, "posted_at": T0.isoformat()}),
        _event(2, OPEN, "routed", 0, {"role": "lighting", "confidence": 0.9}),
        _event(3, DONE, "ingested", 10, {"post_id": POST_C, "posted_at": T0.isoformat()}),
        _event(4, DONE, "routed", 10, {"role": "lighting", "confidence": 0.9}),
        _event(5, DONE, "resolved", 11, {}),
        _event(6, OPEN, "ingested", 30, {"post_id": POST_B, "posted_at": T0.isoformat()}),
    ]
    cases = [
        _case(OPEN, "new", 1, 0, 6, "stale excerpt"),
        _case(DONE, "resolved", 0, 10, 5, "stale excerpt"),
    ]
    links = [(OPEN, POST_A, 0), (OPEN, POST_B, 1), (DONE, POST_C, 0)]
    conn = sqlite3.connect(path)
    try:
        conn.executemany(f"INSERT INTO posts VALUES ({', '.join('?' * 19)})", posts)
        conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 10)})", events)
        conn.executemany(
            "INSERT INTO cases (id, role, priority, priority_rank, status, is_open, assignee, "
            "location, created_at, updated_at, acknowledged_at, first_reply_at, resolved_at, "
            "merged_into, notes, replies, confidence, last_event_id, author_handle, excerpt, "
            f"arrived_at) VALUES ({', '.join('?' * 21)})",
            cases,
        )
        conn.executemany("INSERT INTO case_posts VALUES (?, ?, ?)", links)
        conn.commit()
    finally:
        conn.close()


def test_a_populated_0006_database_upgrades_with_nothing_lost(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0006")
    _populate_0006(db_path)

    with Store(db_path) as store:
        listed = store.list_cases(CaseFilter(statuses=tuple(Status)))
        assert [s.case.id for s in listed] == [OPEN, DONE]
        # The header is the first post's, as it is now (not the copy 0006 kept).
        assert [(s.author_handle, s.excerpt) for s in listed] == [
            ("vecina", "La farola de la calle Real está rota"),
            ("otra", "Basura en la plaza Mayor"),
        ]
        case = store.get_case(OPEN)
        assert case is not None and case.post_ids == (POST_A, POST_B)
        assert case.status is Status.NEW
        assert [e.kind for e in store.case_events(DONE)] == [
            EventKind.INGESTED,
            EventKind.ROUTED,
            EventKind.RESOLVED,
        ]
        assert [p.raw for p in store.case_posts(OPEN)] == ['{"id":"101"}', '{"id":"102"}']
        assert [s.case.id for s in store.list_cases(CaseFilter(search="apagada"))] == [OPEN]
        assert [s.case.id for s in store.list_cases(CaseFilter(search="basura"))] == []
        assert [e.id for e in store.unpushed_events(10)] == ["01950000-0000-7000-9000-000000000006"]
        # A new event follows the old ones in push order and updates the case.
        ack = make_event(
            OPEN, EventKind.ACKNOWLEDGED, Actor("lighting", "Ana"), T0 + timedelta(hours=1)
        )
        store.append_events([ack])
        assert [e.id for e in store.unpushed_events(10)][-1] == ack.id
        updated = store.get_case(OPEN)
        assert updated is not None and updated.status is Status.ACKNOWLEDGED


def test_down_to_0006_keeps_the_cases_and_their_headers(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0006")
    _populate_0006(db_path)
    upgrade(db_path)
    downgrade(db_path, "0006")
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, author_handle, excerpt FROM cases ORDER BY id").fetchall()
        seqs = conn.execute("SELECT seq FROM events ORDER BY seq").fetchall()
    assert rows == [
        (OPEN, "vecina", "La farola de la calle Real está rota"),
        (DONE, "otra", "Basura en la plaza Mayor"),
    ]
    assert [s for (s,) in seqs] == [1, 2, 3, 4, 5, 6]
    with Store(db_path) as store:
        assert [s.case.id for s in store.list_cases(CaseFilter(statuses=tuple(Status)))] == [
            OPEN,
            DONE,
        ]
