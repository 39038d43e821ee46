"""`kill -9` of a Bluesky collector in the middle of its backlog: the next run finds every
mention once."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from jundesk.core.model import EventKind
from jundesk.localserver.bluesky import BlueskyServer, load_backlog
from jundesk.store.event_kinds import kind_sql

from .bluesky_collector_process import start_collector
from .test_crash_recovery import count, source_ids

BACKLOG = 4_000


@pytest.mark.slow
def test_kill_minus_nine_during_the_bluesky_backlog_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    with BlueskyServer(rate_limit=100_000) as server:
        uris = load_backlog(server, BACKLOG, seed=4)
        first = start_collector(server, db, tmp_path / "home")
        deadline = time.monotonic() + 120
        while count(db, "SELECT count(*) FROM posts") < 800:
            assert first.poll() is None, first.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the collector stored nothing in time"
            time.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        stored_at_kill = count(db, "SELECT count(*) FROM posts")
        assert 0 < stored_at_kill < BACKLOG
        # Citizens go on writing while the collector is down.
        later = [server.add_citizen_post("tarde", "Tarde", f"bache {i}") for i in range(5)]

        second = start_collector(server, db, tmp_path / "home")
        _out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()

    expected = set(uris) | set(later)
    assert count(db, "SELECT count(*) FROM posts WHERE source = 'bluesky'") == len(expected)
    assert count(db, "SELECT count(DISTINCT source_id) FROM posts") == len(expected)
    with sqlite3.connect(db) as conn:
        assert set(source_ids(conn)) == expected
        unlinked = (
            "SELECT count(*) FROM posts p "
            "WHERE NOT EXISTS (SELECT 1 FROM case_posts cp WHERE cp.post_pk = p.pk)"
        )
        assert conn.execute(unlinked).fetchone()[0] == 0
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        opened = conn.execute(
            f"SELECT count(*) FROM events WHERE kind = {kind_sql(EventKind.INGESTED)}"
        ).fetchone()[0]
        assert cases == opened
        cursor = conn.execute(
            "SELECT since_id, sweep_top, sweep_bottom FROM intake_cursors WHERE source = 'bluesky'"
        ).fetchone()
        assert cursor[1:] == ("", "") and cursor[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
