"""The hub's sequence never lets a puller skip a row whose transaction commits late.

PostgreSQL hands out sequence numbers at insert time but shows rows at commit time: with a
plain sequence, a reader that saw number 2 (committed) moves its cursor past 1 (still
open), and when 1 commits the reader never pulls it. The hub numbers rows under a lock.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind
from jundesk.sync.hub_connection import Purpose
from jundesk.sync.hub_writes import write
from tests.sync.town import TestDesk, TestHub


def _event(case_id: str, desk: str) -> Event:
    return make_event(case_id, EventKind.NOTED, Actor(desk), datetime.now(UTC), text="x")


def _waiting_on_lock(conn: psycopg.Connection[Any], pid: int, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)
        ).fetchone()
        if row and row[0] == "Lock":
            return True
        time.sleep(0.02)
    return False


def test_a_plain_sequence_does_skip_a_late_commit(fresh_hub: TestHub):
    """The race itself, with a bare bigserial: why the hub can't use one."""
    with fresh_hub.admin_conn() as setup:
        setup.execute("CREATE TABLE IF NOT EXISTS race_demo (seq bigserial, v text)")
        setup.execute("TRUNCATE race_demo")
    first = fresh_hub.admin.connect(Purpose.ADMIN)
    second = fresh_hub.admin.connect(Purpose.ADMIN)
    reader = fresh_hub.admin_conn()
    try:
        first.execute("INSERT INTO race_demo (v) VALUES ('first')")  # takes 1, stays open
        second.execute("INSERT INTO race_demo (v) VALUES ('second')")  # takes 2
        second.commit()
        cursor = reader.execute("SELECT max(seq) FROM race_demo").fetchone()[0]
        first.commit()
        after = reader.execute(
            "SELECT v FROM race_demo WHERE seq > %s ORDER BY seq", (cursor,)
        ).fetchall()
        assert cursor == 2 and after == []  # 'first' is never pulled
    finally:
        for conn in (first, second, reader):
            conn.close()
        with fresh_hub.admin_conn() as cleanup:
            cleanup.execute("DROP TABLE race_demo")


def test_the_first_to_take_a_number_commits_last_and_nothing_is_skipped(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    police.sync()
    start = police.replicator.cursor()

    one = fresh_hub.connector("front").connect(Purpose.SYNC, autocommit=True)
    two = fresh_hub.connector("front2").connect(Purpose.SYNC, autocommit=True)
    early, late = _event(case_id, "front"), _event(case_id, "front2")
    failures: list[BaseException] = []
    try:
        tx_one = one.transaction()
        tx_one.__enter__()
        write(one, [early], [])  # number taken; transaction left open
        second_pid = two.info.backend_pid

        def second_writer() -> None:
            try:
                with two.transaction():
                    write(two, [late], [])  # would take the next number and commit first
            except BaseException as exc:
                failures.append(exc)

        thread = threading.Thread(target=second_writer)
        thread.start()
        with fresh_hub.admin_conn() as watcher:
            # The second writer can't get a number while the first is open...
            assert _waiting_on_lock(watcher, second_pid)
        # ...so a pull now sees neither, and its cursor can't pass the first.
        assert police.sync().pulled == 0
        assert police.replicator.cursor() == start
        tx_one.__exit__(None, None, None)  # the first commits; the second follows
        thread.join(timeout=10)
        assert not thread.is_alive() and not failures
    finally:
        one.close()
        two.close()

    police.sync()
    ids = {e.id for e in police.store.case_events(case_id)}
    assert {early.id, late.id} <= ids
    with fresh_hub.admin_conn() as conn:
        seqs = dict(conn.execute("SELECT id, hub_seq FROM events").fetchall())
    assert seqs[early.id] < seqs[late.id]


@pytest.mark.slow
def test_concurrent_writers_with_slow_commits_never_make_a_puller_skip(
    desks: dict[str, TestDesk], fresh_hub: TestHub
):
    """Eight writers commit after random delays while a desk pulls as fast as it can."""
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    written: list[str] = []
    lock = threading.Lock()
    rng = random.Random(7)

    def writer(n: int) -> None:
        desk = "front" if n % 2 else "front2"
        conn = fresh_hub.connector(desk).connect(Purpose.SYNC, autocommit=True)
        delays = [rng.uniform(0, 0.02) for _ in range(15)]
        try:
            for delay in delays:
                event = _event(case_id, desk)
                with conn.transaction():
                    write(conn, [event], [])
                    time.sleep(delay)  # hold the transaction open a while
                with lock:
                    written.append(event.id)
        finally:
            conn.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    pulls = 0
    while any(t.is_alive() for t in threads):
        police.sync()
        pulls += 1
    for thread in threads:
        thread.join()
    police.sync()
    have = {e.id for e in police.store.case_events(case_id)}
    assert set(written) <= have
    assert len(written) == 120 and pulls > 5
    # Nothing came twice: each event stored once.
    assert len(police.store.case_events(case_id)) == len(have) == 123
