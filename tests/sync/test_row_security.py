"""Row-level security: each desk's own database role reads only the cases of its roles."""

from __future__ import annotations

import psycopg
import pytest

from jundesk.core.ids import uuid7
from jundesk.core.model import EventKind
from jundesk.sync.hub_connection import Purpose
from tests.sync.town import TestDesk, TestHub


def _visible(hub: TestHub, desk: str, table: str, case_id: str) -> int:
    with hub.connector(desk).connect(Purpose.SYNC, autocommit=True) as conn:
        column = "id" if table == "cases" else "case_id"
        row = conn.execute(
            f"SELECT count(*) FROM {table} WHERE {column} = %s", (case_id,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_the_street_crew_sees_no_police_case(desks: dict[str, TestDesk], fresh_hub: TestHub):
    front = desks["front"]
    police_case = front.open_case("police", "Robo en la plaza mayor")
    street_case = front.open_case("street_cleaning", "Basura junto al contenedor")
    front.sync()

    for table in ("cases", "events", "posts"):
        assert _visible(fresh_hub, "street", table, police_case) == 0
        assert _visible(fresh_hub, "street", table, street_case) > 0
        assert _visible(fresh_hub, "police", table, police_case) > 0
        assert _visible(fresh_hub, "front2", table, police_case) > 0  # the front desk: all

    street = desks["street"]
    street.sync()
    assert street.case(police_case) is None
    assert street.case(street_case) is not None
    assert {p.text for p in street.store.case_posts(street_case)} == {"Basura junto al contenedor"}


def test_a_forged_event_for_a_police_case_is_refused(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front = desks["front"]
    police_case = front.open_case("police")
    front.sync()
    with fresh_hub.connector("street").connect(Purpose.SYNC, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO events (hub_seq, id, case_id, kind, at, body) "
                "VALUES (0, %s, %s, 'closed', now(), '{}')",
                (uuid7(), police_case),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO posts (hub_seq, id, source, source_id, case_id, created_at, body) "
                "VALUES (0, %s, 'manual', %s, %s, now(), '{}')",
                (uuid7(), uuid7(), police_case),
            )
        # Nor can it touch the case's role or the town's intake.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE cases SET role = 'street_cleaning'")
        assert conn.execute("SELECT count(*) FROM intake_cursors").fetchone() == (0,)

    # Through the replicator, the forged event is refused, reported, and not retried.
    street = desks["street"]
    forged = street.act(police_case, EventKind.CLOSED)  # (the street desk never had the case)
    report = street.sync()
    assert report.refused == 1 and report.pushed == 0
    assert forged.id not in fresh_hub.event_ids()
    assert street.sync().refused == 0
    assert fresh_hub.count("events") == 3


def test_rerouting_moves_visibility_with_the_case_history(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front, police, lighting = desks["front"], desks["police"], desks["lighting"]
    case_id = front.open_case("police", "Farola caída en la rotonda")
    front.act(case_id, EventKind.ACKNOWLEDGED)
    front.sync()
    police.sync()
    lighting.sync()
    assert police.case(case_id) is not None and lighting.case(case_id) is None

    # The police desk sees it is a lighting matter.
    police.act(case_id, EventKind.REROUTED, role="lighting", previous="police")
    police.sync()
    lighting.sync()
    moved = lighting.case(case_id)
    assert moved is not None and moved.role == "lighting"
    assert moved.acknowledged_at is not None  # the earlier events came along
    assert len(lighting.store.case_events(case_id)) == 5
    assert [p.text for p in lighting.store.case_posts(case_id)] == ["Farola caída en la rotonda"]
    assert _visible(fresh_hub, "lighting", "posts", case_id) == 1

    # The police desk learns where it went, then sees no more of it.
    lighting.act(case_id, EventKind.NOTED, text="Brigada avisada")
    lighting.sync()
    police.sync()
    held = police.case(case_id)
    assert held is not None and held.role == "lighting" and held.notes == 0
    assert _visible(fresh_hub, "police", "cases", case_id) == 0
