"""`kill -9` of one `jundesk collect` reading X, Mastodon, Bluesky and Telegram at once (a loop
each, in one process) while every channel's backlog is being read: the next run stores every
post of every channel exactly once, each under its channel."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jundesk.core.model import EventKind
from jundesk.localserver.bluesky import BlueskyServer
from jundesk.localserver.mastodon import MastodonServer
from jundesk.localserver.telegram import TelegramServer
from jundesk.store.event_kinds import kind_sql
from jundesk.xserver import XServer

from .test_crash_recovery import count, source_ids

ROOT = Path(__file__).resolve().parents[2]
BACKLOG = {
    "x": 700,
    "mastodon": 1_200,
    "bluesky": 1_200,
    "telegram": 1_500,
}  # X reaches its newest 800 only


def collect(
    x: XServer,
    mastodon: MastodonServer,
    bluesky: BlueskyServer,
    telegram: TelegramServer,
    db: Path,
    home: Path,
    *extra: str,
) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_HOME=str(home),
        JUNDESK_X_BEARER_TOKEN=x.bearer_token,
        JUNDESK_X_USER_ID=x.town_user_id,
        JUNDESK_MASTODON_API_BASE_URL=mastodon.base_url,
        JUNDESK_MASTODON_ACCESS_TOKEN=mastodon.secrets()["access_token"],
        JUNDESK_BLUESKY_HANDLE=bluesky.town_handle,
        JUNDESK_BLUESKY_SERVICE=bluesky.base_url,
        JUNDESK_BLUESKY_APP_PASSWORD=bluesky.app_password,
        # No keyring: the Bluesky session is not kept between the two runs (each logs in).
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        JUNDESK_TELEGRAM_API_BASE=telegram.base_url,
        JUNDESK_TELEGRAM_BOT_TOKEN=telegram.secrets()["bot_token"],
        JUNDESK_TELEGRAM_LONG_POLL="0",
    )
    command = [sys.executable, "-m", "jundesk.cli.main", "collect", "--quiet", "--db", str(db)]
    command += ["--x-api-base", x.base_url, "--interval", "2"]
    for channel in BACKLOG:
        command += ["--channel", channel]
    return subprocess.Popen(
        [*command, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_kill_9_while_four_channels_are_read_at_once_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    home = tmp_path / "home"
    with (
        XServer(seed=4, rate_limit=100_000) as x,
        MastodonServer(rate_limit=100_000) as mastodon,
        BlueskyServer(rate_limit=100_000) as bluesky,
        TelegramServer() as telegram,
    ):
        ids = {
            "x": [x.add_post(f"v{i % 90}", f"@{x.town_handle} farola {i}") for i in range(700)],
            "mastodon": [
                mastodon.add_citizen_post(f"v{i % 90}", "Vecina", f"bache {i}")
                for i in range(BACKLOG["mastodon"])
            ],
            "bluesky": [
                bluesky.add_citizen_post(f"v{i % 90}", "Vecino", f"papelera {i}")
                for i in range(BACKLOG["bluesky"])
            ],
            "telegram": [
                telegram.add_citizen_post(f"v{i % 90}", "Vecino", f"basura {i}", private=i % 3 == 0)
                for i in range(BACKLOG["telegram"])
            ],
        }
        first = collect(x, mastodon, bluesky, telegram, db, home)
        deadline = time.monotonic() + 240

        def stored(channel: str) -> int:
            return count(db, f"SELECT count(*) FROM posts WHERE source = '{channel}'")

        # Killed once every channel has stored some of its backlog, before all have all of it.
        while not all(stored(c) > 0 for c in BACKLOG):
            assert first.poll() is None, first.stderr.read().decode()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, {c: stored(c) for c in BACKLOG}
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        at_kill = {c: stored(c) for c in BACKLOG}
        assert sum(at_kill.values()) < sum(BACKLOG.values()), at_kill

        second = collect(x, mastodon, bluesky, telegram, db, home, "--once")
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err.decode()
        assert out.decode().count("stored") == len(BACKLOG)  # a line for each channel

    with sqlite3.connect(db) as conn:
        for channel, sent in ids.items():
            got = source_ids(conn, channel)
            assert sorted(got) == sorted(sent), channel  # every post, once
        unlinked = (
            "SELECT count(*) FROM posts p "
            "WHERE NOT EXISTS (SELECT 1 FROM case_posts cp WHERE cp.post_pk = p.pk)"
        )
        assert conn.execute(unlinked).fetchone()[0] == 0
        private = conn.execute("SELECT count(*) FROM posts WHERE private").fetchone()[0]
        assert private == len(range(0, BACKLOG["telegram"], 3))
        cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        opened = conn.execute(
            f"SELECT count(*) FROM events WHERE kind = {kind_sql(EventKind.INGESTED)}"
        ).fetchone()[0]
        assert cases == opened
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
