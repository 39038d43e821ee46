"""Push and pull between desks through the hub: idempotent, complete, and tolerant."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from jundesk.core.ids import uuid7
from jundesk.core.model import EventKind, Status
from jundesk.sync.hub_connection import Purpose
from jundesk.sync.replicator import Replicator
from tests.sync.town import TestDesk, TestHub


def test_an_action_on_one_desk_reaches_the_others(desks: dict[str, TestDesk]):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police", "Accidente en la rotonda")
    assert front.sync().pushed == 4  # three opening events and the post
    police.sync()
    police.act(case_id, EventKind.ACKNOWLEDGED)
    police.act(case_id, EventKind.ASSIGNED, assignee="Agente Ruiz")
    police.sync()
    front.sync()
    case = front.case(case_id)
    assert case is not None and case.status is Status.ACKNOWLEDGED
    assert case.assignee == "Agente Ruiz"
    assert front.case(case_id) == police.case(case_id)
    assert front.store.list_cases()[0].excerpt == police.store.list_cases()[0].excerpt


@pytest.mark.slow
def test_pushing_again_stores_nothing_twice(desks: dict[str, TestDesk], fresh_hub: TestHub):
    front = desks["front"]
    case_id = front.open_case("lighting")
    front.sync()
    # As if the push cursors were lost after the hub committed: push everything again.
    with front.store._engine.begin() as conn:
        conn.exec_driver_sql("UPDATE events SET hub_seq = NULL")
        conn.exec_driver_sql("UPDATE posts SET hub_seq = NULL")
        conn.exec_driver_sql("DELETE FROM sync_state WHERE key LIKE 'push.%'")
    report = front.sync()
    assert report.pushed == 4 and report.refused == 0
    assert fresh_hub.count("events") == 3 and fresh_hub.count("posts") == 1
    assert front.sync().pushed == 0
    assert len(front.store.case_events(case_id)) == 3


@pytest.mark.slow
def test_a_push_whose_connection_is_killed_loses_nothing(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front, other = desks["front"], desks["front2"]
    case_id = front.open_case("police")
    start = datetime.now(UTC)
    for n in range(3000):
        front.act(case_id, EventKind.NOTED, at=start + timedelta(milliseconds=n), text=f"n{n}")
    front.replicator = Replicator(front.store, "front", push_batch=100)
    conn = front.connection()
    pid = conn.info.backend_pid
    killed: list[bool] = []

    def killer() -> None:
        # Wait until some batches are in, then cut the desk's session mid-push.
        deadline = time.monotonic() + 10
        with fresh_hub.admin_conn() as admin:
            while time.monotonic() < deadline:
                row = admin.execute("SELECT count(*) FROM events").fetchone()
                if row and row[0] >= 500:
                    killed.append(
                        bool(admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone())
                    )
                    return
                time.sleep(0.002)

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        front.sync()
        raise AssertionError("the push should have been cut off")
    except Exception as exc:
        assert "terminat" in str(exc) or "closed" in str(exc) or "server" in str(exc), exc
    thread.join()
    assert killed == [True]
    partial = fresh_hub.count("events")
    assert 0 < partial < 3003

    front.sync()  # a new connection; pushes the rest
    assert fresh_hub.count("events") == 3003
    assert len(set(fresh_hub.event_ids())) == 3003
    other.sync()
    assert other.event_ids() == front.event_ids()
    assert other.case(case_id) == front.case(case_id)


def test_events_of_a_kind_this_version_does_not_know_are_kept_aside(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.act(case_id, EventKind.ACKNOWLEDGED)
    front.sync()
    future_id = uuid7()
    body = json.dumps({"desk": "front2", "person": "", "payload": {"level": 3}})
    with fresh_hub.connector("front2").connect(Purpose.SYNC, autocommit=True) as newer:
        newer.execute(
            "INSERT INTO events (hub_seq, id, case_id, kind, at, body) "
            "VALUES (0, %s, %s, 'escalated', now(), %s)",
            (future_id, case_id, body),
        )
    report = police.sync()
    assert report.held == 1 and report.pulled == 4
    case = police.case(case_id)
    assert case is not None and case.status is Status.ACKNOWLEDGED  # the fold went on
    held = police.store.held_events()
    assert [h["id"] for h in held] == [future_id] and held[0]["kind"] == "escalated"
    assert json.loads(held[0]["body"]) == {"desk": "front2", "person": "", "payload": {"level": 3}}
    # Syncing on is fine, and the held event is not pushed back.
    police.act(case_id, EventKind.NOTED, text="visto")
    assert police.sync().pushed == 1
    assert fresh_hub.count("events") == 6


def test_held_events_are_applied_once_this_version_reads_them(desks: dict[str, TestDesk]):
    """After an upgrade the kind is known: retry_held folds what was kept."""
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    police.sync()
    # A row held by an older version whose kind this one knows.
    with police.store.unit() as uow:
        uow.hold_events(
            [
                {
                    "id": uuid7(),
                    "hub_seq": 99,
                    "case_id": case_id,
                    "kind": "resolved",
                    "at": datetime.now(UTC).isoformat(),
                    "body": json.dumps({"desk": "front", "person": "", "payload": {}}),
                }
            ]
        )
    applied = police.replicator.retry_held()
    assert len(applied.new_events) == 1
    case = police.case(case_id)
    assert case is not None and case.status is Status.RESOLVED
    assert police.store.held_events() == []


def test_hostile_text_travels_exactly(desks: dict[str, TestDesk]):
    front, police = desks["front"], desks["police"]
    text = "Nul\x00 byte, <b>markup</b> and \u202e bidi — ¡ñ!"
    case_id = front.open_case("police", text)
    front.act(case_id, EventKind.NOTED, text="nota\x00con nul y \ud800 suelto")
    report = front.sync()
    assert report.refused == 0
    police.sync()
    posts = police.store.case_posts(case_id)
    assert [p.text for p in posts] == [front.store.case_posts(case_id)[0].text]
    notes = [e for e in police.store.case_events(case_id) if e.kind is EventKind.NOTED]
    assert notes[0].payload["text"] == "nota\x00con nul y \ud800 suelto"
