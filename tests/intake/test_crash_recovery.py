"""`kill -9` in the middle of a 20,000-post backlog: the next run finds every post once."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from jundesk.core.model import EventKind
from jundesk.store.column_types import source_id_from_stored
from jundesk.store.event_kinds import kind_sql
from jundesk.xserver import XServer
from jundesk.xserver.town import backlog, load_backlog

from .collector_process import start_collector

BACKLOG = 20_000


def count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet


def source_ids(conn: sqlite3.Connection, source: str | None = None) -> list[str]:
    """The stored posts' source ids (of one source if given), as the store reads them: a
    number's are kept as its bytes."""
    sql = "SELECT source_id FROM posts" + ("" if source is None else " WHERE source = ?")
    rows = conn.execute(sql, () if source is None else (source,))
    return [source_id_from_stored(r[0]) for r in rows]


@pytest.mark.slow
def test_kill_minus_nine_while_ingesting_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with XServer(seed=9, mentions_reach=BACKLOG + 1000) as server:
        ids = load_backlog(server, backlog(BACKLOG, seed=9))
        assert len(ids) == BACKLOG
        first = start_collector(server, db, tmp_path / "home")
        deadline = time.monotonic() + 120
        while count(db, "SELECT count(*) FROM posts") < 3_000:
            assert first.poll() is None, first.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the collector stored nothing in time"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        stored_at_kill = count(db, "SELECT count(*) FROM posts")
        assert 0 < stored_at_kill < BACKLOG

        second = start_collector(server, db, tmp_path / "home")
        _out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()

    assert count(db, "SELECT count(*) FROM posts") == BACKLOG
    assert count(db, "SELECT count(DISTINCT source_id) FROM posts") == BACKLOG
    with sqlite3.connect(db) as conn:
        stored_ids = set(source_ids(conn))
        assert stored_ids == set(ids)
        # Every post belongs to a case; every case was opened once and has its events.
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
        orphans = conn.execute(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.case_pk = c.pk)"
        ).fetchone()[0]
        assert orphans == 0
        linked = conn.execute("SELECT count(*) FROM case_posts").fetchone()[0]
        assert linked == BACKLOG
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
