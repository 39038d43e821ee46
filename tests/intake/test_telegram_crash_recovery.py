"""`kill -9` of `jundesk collect` in the middle of the town's bot's backlog: the next run
finds every message once (the offset that confirms a page on Telegram's side is only asked
with after the page is committed)."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from jundesk.core.model import EventKind
from jundesk.localserver.telegram import TelegramServer
from jundesk.store.event_kinds import kind_sql

from .telegram_collector_process import start_collector
from .test_crash_recovery import count, source_ids

BACKLOG = 4_000
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.mark.slow
def test_kill_minus_nine_during_the_telegram_backlog_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    with TelegramServer() as server:
        ids = []
        for i in range(BACKLOG):
            who = f"vecino{i % 300}"
            if i % 10 == 0:
                ids.append(server.add_citizen_post(who, "Vecino", f"foto {i}", photo=JPEG))
            else:
                ids.append(
                    server.add_citizen_post(who, "Vecino", f"farola {i} rota", private=i % 2 == 1)
                )
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
        assert b"stored" in out, out.decode()

    assert count(db, "SELECT count(*) FROM posts WHERE source = 'telegram'") == BACKLOG
    assert count(db, "SELECT count(DISTINCT source_id) FROM posts") == BACKLOG
    with sqlite3.connect(db) as conn:
        assert set(source_ids(conn)) == set(ids)
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
        assert conn.execute("SELECT count(*) FROM case_posts").fetchone()[0] == BACKLOG
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
