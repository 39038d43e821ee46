"""The hub trusts no desk's word: locks, authorship, dates and posts are the hub's to decide.

Every check here runs as a desk's own database role (not the superuser), as a desk that
wanted to harm the town would.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from jundesk.app.ingest import X_ACCOUNT_ACTOR
from jundesk.app.missed_targets import TARGETS_ACTOR
from jundesk.app.sync_runner import SyncRunner
from jundesk.app.uncovered_urgent import DUTY_ACTOR
from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind
from jundesk.store.repository import Store
from jundesk.sync.collector_lock import CollectorLock
from jundesk.sync.hub_admin import DESK_CONNECTION_LIMIT
from jundesk.sync.hub_clock import CLOCK_WARNING, clock_skew
from jundesk.sync.hub_connection import HubUnavailable, Purpose
from jundesk.sync.hub_migrations.versions import h0002_trust, h0005_targets_actor
from jundesk.sync.wire import SYSTEM_DESKS
from tests.sync.test_offline import wait_for
from tests.sync.town import TestDesk, TestHub

LOCK_CALLS = [
    "pg_advisory_lock(4871502, 1)",
    "pg_try_advisory_lock(4871502, 2)",
    "pg_advisory_xact_lock(4871502, 1)",
    "pg_advisory_lock_shared(4871502, 1)",
    "pg_try_advisory_xact_lock(4871502::bigint)",
]


def set_hub(hub: TestHub, **settings: float) -> None:
    with hub.admin_conn() as conn:
        for key, value in settings.items():
            conn.execute(
                "INSERT INTO hub_info (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )


@pytest.fixture
def hub_settings(fresh_hub: TestHub):
    """Set hub_info values for one test; the defaults come back after it."""
    yield lambda **values: set_hub(fresh_hub, **values)
    set_hub(fresh_hub, **{k: float(v) for k, v in h0002_trust.SETTINGS.items()})


def desk_conn(hub: TestHub, desk: str, autocommit: bool = True) -> psycopg.Connection[Any]:
    return hub.connector(desk).connect(Purpose.SYNC, autocommit=autocommit)


# -- 1. no desk holds a lever over the others ----------------------------------------------


@pytest.mark.parametrize("call", LOCK_CALLS)
@pytest.mark.parametrize("desk", ["police", "front"])
def test_no_desk_can_take_the_hubs_advisory_locks(fresh_hub: TestHub, desk: str, call: str):
    with desk_conn(fresh_hub, desk) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"SELECT {call}")


@pytest.mark.slow
def test_a_desk_keeping_the_numbering_loses_its_session_and_pushes_go_on(
    desks: dict[str, TestDesk], fresh_hub: TestHub, hub_settings
):
    hub_settings(seq_hold_seconds=1)
    front = desks["front"]
    # The police desk starts a push and keeps its transaction open, as long as it likes.
    stuck = desk_conn(fresh_hub, "police", autocommit=False)
    stuck.execute("SET idle_in_transaction_session_timeout = 0")
    event = make_event(uuid7(), EventKind.NOTED, Actor("police"), text="x")
    stuck.execute(
        "INSERT INTO events (hub_seq, id, case_id, kind, at, body) "
        "VALUES (0, %s, %s, 'noted', now(), %s)",
        (event.id, event.case_id, '{"desk": "police", "person": "", "payload": {}}'),
    )
    try:
        case_id = front.open_case("lighting")
        report = front.sync()  # waits about a second, then the holder's session is ended
        assert report.pushed == 4 and report.refused == 0
        assert case_id in {c.case.id for c in front.store.list_cases()}
        with pytest.raises(psycopg.OperationalError):
            stuck.execute("SELECT 1")
    finally:
        stuck.close()
    assert event.id not in fresh_hub.event_ids()


@pytest.mark.parametrize("table", ["duty", "intake_cursors", "read_usage", "events", "desks"])
def test_no_desk_can_lock_a_hub_table_against_the_others(fresh_hub: TestHub, table: str):
    conn = desk_conn(fresh_hub, "front", autocommit=False)
    with conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE NOWAIT")


@pytest.mark.slow
def test_a_push_that_waits_too_long_times_out_with_a_clear_message(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front = desks["front"]
    # The hub's administrator (no desk: never ended) holds the numbering for a while.
    with fresh_hub.admin_conn() as admin, admin.transaction():
        admin.execute("SELECT pg_advisory_xact_lock(4871502, 1)")
        front.open_case("lighting")
        front.connection().execute("SET lock_timeout = '1s'")
        with pytest.raises(HubUnavailable, match="busy") as refused:
            front.sync()
        assert "kept on this desk" in str(refused.value)
    assert front.sync().pushed == 4


def test_no_desk_can_take_the_servers_connections(fresh_hub: TestHub):
    roles = [invite.desk.db_role for invite in fresh_hub.invites.values()]
    with fresh_hub.admin_conn() as conn:
        limits = conn.execute(
            "SELECT DISTINCT rolconnlimit FROM pg_roles WHERE rolname = ANY(%s)", (roles,)
        ).fetchall()
    assert limits == [(DESK_CONNECTION_LIMIT,)]


def test_only_a_front_desk_may_take_the_towns_intake_and_the_server_checks_it(
    fresh_hub: TestHub,
):
    police = desk_conn(fresh_hub, "police")
    with police, pytest.raises(psycopg.errors.InsufficientPrivilege):
        police.execute("SELECT hub_intake_acquire()")
    # A front desk that does not hold the intake can't move the town's cursor.
    front3 = desk_conn(fresh_hub, "front3")
    with front3, pytest.raises(psycopg.errors.InsufficientPrivilege):
        front3.execute("SELECT hub_save_cursor('x', 'mentions', '9', '', '')")
    front3 = desk_conn(fresh_hub, "front3")
    with front3, pytest.raises(psycopg.errors.InsufficientPrivilege):
        front3.execute(
            "INSERT INTO intake_cursors (source, key, since_id) VALUES ('x', 'mentions', '9')"
        )


@pytest.mark.slow
def test_a_stale_lease_is_taken_over_and_its_holder_fenced_off(fresh_hub: TestHub, hub_settings):
    hub_settings(intake_lease_seconds=1)
    first, second = (CollectorLock(fresh_hub.connector(d)) for d in ("front", "front2"))
    try:
        assert first.try_acquire()
        assert not second.try_acquire()
        # The holder stops renewing (frozen): after the lease's time the standby takes over.
        assert _eventually(second.try_acquire, 10)
        assert not first.alive()  # its session was ended: it knows it lost the intake
        with pytest.raises(RuntimeError):
            first.connection  # noqa: B018 - nothing can be written through it any more
        with second.mutex, second.connection.transaction():
            second.fence()
            second.connection.execute("SELECT hub_save_cursor('x', 'm', '1', '', '')")
        assert fresh_hub.count("intake_cursors") == 1
    finally:
        first.release()
        second.release()


def _eventually(check, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


# -- 3. the hub says who wrote what ---------------------------------------------------------


@pytest.mark.slow
def test_an_event_claiming_another_desk_is_refused(desks: dict[str, TestDesk], fresh_hub: TestHub):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    police.sync()
    forged = make_event(case_id, EventKind.NOTED, Actor("town_hall", "The Mayor"), text="ok")
    as_triage = make_event(case_id, EventKind.NOTED, Actor("triage", "The Mayor"), text="ok")
    police.store.append_events([forged, as_triage])
    own = police.act(case_id, EventKind.NOTED, text="Patrulla enviada")
    report = police.sync()
    assert report.refused == 2 and report.pushed == 1
    assert forged.id not in fresh_hub.event_ids() and as_triage.id not in fresh_hub.event_ids()
    front.sync()
    shown = [e for e in front.store.case_events(case_id) if e.id == own.id]
    assert [str(e.actor) for e in shown] == ["person at police (police)"]


def test_desks_show_the_desk_the_hub_stamped(desks: dict[str, TestDesk], fresh_hub: TestHub):
    front = desks["front"]
    case_id = front.open_case("police")
    front.sync()
    # An event already on the hub whose body names another desk than the one that pushed
    # it (as a desk could write before the hub checked).
    event = make_event(case_id, EventKind.NOTED, Actor("town_hall", "The Mayor"), text="x")
    with fresh_hub.admin_conn() as conn:
        conn.execute(
            "INSERT INTO events (hub_seq, id, case_id, kind, at, body) "
            "VALUES (0, %s, %s, 'noted', now(), %s)",
            (event.id, case_id, '{"desk": "town_hall", "person": "The Mayor", "payload": {}}'),
        )
        conn.execute(
            "UPDATE events SET pushed_by = %s WHERE id = %s",
            (fresh_hub.invites["police"].desk.db_role, event.id),
        )
    desks["front2"].sync()
    [shown] = [e for e in desks["front2"].store.case_events(case_id) if e.id == event.id]
    assert shown.actor == Actor("police", "The Mayor")


def test_only_a_front_desk_writes_posts(desks: dict[str, TestDesk], fresh_hub: TestHub):
    police = desks["police"]
    case_id = police.open_case("police", "Denuncia en comisaría")
    with desk_conn(fresh_hub, "police") as conn:
        [(post_id,)] = [(p.id,) for p in police.store.case_posts(case_id)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO posts (hub_seq, id, source, source_id, case_id, created_at, body) "
                "VALUES (0, %s, 'x', '1', %s, now(), '{\"is_own\": true}')",
                (post_id, case_id),
            )
    # The desk knows it: its post stays here (not pushed, not counted as refused), and the
    # case's events get in.
    report = police.sync()
    assert report.refused == 0 and report.pushed == 3
    assert fresh_hub.count("posts") == 0
    assert police.sync().pushed == 0
    with fresh_hub.admin_conn() as conn:
        stamped = conn.execute("SELECT DISTINCT pushed_by FROM events").fetchall()
    assert stamped == [(fresh_hub.invites["police"].desk.db_role,)]


def test_the_hub_knows_every_system_actor():
    assert set(SYSTEM_DESKS) == set(h0005_targets_actor.SYSTEM_DESKS)
    assert set(h0002_trust.SYSTEM_DESKS) == set(h0005_targets_actor._BEFORE)
    actors = (INTAKE_ACTOR, TRIAGE_ACTOR, DUTY_ACTOR, X_ACCOUNT_ACTOR, TARGETS_ACTOR)
    assert {a.desk for a in actors} == set(SYSTEM_DESKS)


def test_a_missed_target_is_pushed_and_keeps_its_actor(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    police, front = desks["police"], desks["front"]
    case_id = police.open_case("police")
    police.sync()
    missed = make_event(case_id, EventKind.TARGET_MISSED, TARGETS_ACTOR, target="ack")
    police.store.append_events([missed])
    report = police.sync()
    assert (report.pushed, report.refused) == (1, 0)
    front.sync()
    pulled = [e for e in front.store.case_events(case_id) if e.kind is EventKind.TARGET_MISSED]
    assert [e.actor for e in pulled] == [TARGETS_ACTOR]  # not relabelled as police's
    # With a person's name, the same actor is refused: it is no desk anyone works at.
    named = make_event(case_id, EventKind.TARGET_MISSED, Actor("targets", "Ana"), target="reply")
    police.store.append_events([named])
    assert police.sync().refused == 1


# -- 4. dates from a desk's clock --------------------------------------------------------------


def test_an_event_dated_in_the_hubs_future_is_refused(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    police.sync()
    police.act(
        case_id,
        EventKind.REROUTED,
        at=datetime(2099, 1, 1, tzinfo=UTC),
        role="lighting",
        previous="police",
    )
    soon = police.act(case_id, EventKind.NOTED, at=datetime.now(UTC) + timedelta(minutes=2))
    report = police.sync()
    assert report.refused == 1 and report.pushed == 1
    assert soon.id in fresh_hub.event_ids()  # a little skew is fine
    # The front desk's later re-route is not beaten by the forged date.
    front.act(case_id, EventKind.REROUTED, role="street_cleaning", previous="police")
    front.sync()
    desks["front2"].sync()
    case = desks["front2"].case(case_id)
    assert case is not None and case.role == "street_cleaning"


def test_a_desk_with_a_wrong_clock_is_told(fresh_hub: TestHub, tmp_path: Path):
    with desk_conn(fresh_hub, "police") as conn:
        assert abs(clock_skew(conn)) < 5
        ahead = clock_skew(conn, lambda: datetime.now(UTC) + timedelta(minutes=7))
    assert ahead == pytest.approx(420, abs=5)

    store = Store(tmp_path / "police.db")
    writer = ThreadPoolExecutor(max_workers=1)
    healths = []

    async def scenario() -> None:
        runner = SyncRunner(
            store,
            fresh_hub.connector("police"),
            writer,
            "police",
            on_health=healths.append,
            clock=lambda: datetime.now(UTC) + timedelta(minutes=7),
        )
        task = asyncio.create_task(runner.run())
        try:
            await wait_for(lambda: runner.health.online)
        finally:
            runner.stop()
            await task
            runner.close()

    try:
        asyncio.run(scenario())
    finally:
        writer.shutdown(wait=True)
        store.close()
    health = healths[-1]
    assert health.clock_skew == pytest.approx(420, abs=5)
    assert abs(health.clock_skew) > CLOCK_WARNING
    assert "clock is 7 min ahead" in health.status
