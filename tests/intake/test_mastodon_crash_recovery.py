"""`kill -9` of `jundesk collect` in the middle of the Mastodon backlog: the next run finds
every mention once."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from jundesk.core.model import EventKind
from jundesk.localserver.mastodon import MastodonServer
from jundesk.store.event_kinds import kind_sql

from .mastodon_collector_process import start_collector
from .test_crash_recovery import count, source_ids

BACKLOG = 4_000


@pytest.mark.slow
def test_kill_minus_nine_during_the_mastodon_backlog_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    with MastodonServer() as server:
        ids = [
            server.add_citizen_post(f"vecino{i % 300}", f"Vecino {i % 300}", f"farola {i} rota")
            for i in range(BACKLOG)
        ]
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

        second = start_collector(server, db, tmp_path / "home")
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()
        assert f"stored {BACKLOG - stored_at_kill} posts" in out.decode()  # the rest, once

    assert count(db, "SELECT count(*) FROM posts WHERE source = 'mastodon'") == BACKLOG
    assert count(db, "SELECT count(DISTINCT source_id) FROM posts") == BACKLOG
    with sqlite3.connect(db) as conn:
        assert set(source_ids(conn)) == set(ids)
        in_no_case = conn.execute(
            "SELECT count(*) FROM posts p WHERE NOT EXISTS "
            "(SELECT 1 FROM case_posts cp WHERE cp.post_pk = p.pk)"
        ).fetchone()[0]
        assert in_no_case == 0
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        opened = conn.execute(
            f"SELECT count(*) FROM events WHERE kind = {kind_sql(EventKind.INGESTED)}"
        ).fetchone()[0]
        assert cases == opened == BACKLOG
        cursor = conn.execute(
            "SELECT since_id, sweep_top, sweep_bottom FROM intake_cursors WHERE source = 'mastodon'"
        ).fetchone()
        assert cursor[1:] == ("", "") and cursor[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
