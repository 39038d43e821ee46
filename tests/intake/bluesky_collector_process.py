"""`jundesk collect --once --channel bluesky` as a separate process, for the test that
kills it with `kill -9` in the middle of the account's backlog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.bluesky import BlueskyServer

ROOT = Path(__file__).resolve().parents[2]


def start_collector(server: BlueskyServer, db: Path, home: Path) -> subprocess.Popen[bytes]:
    settings = server.settings()
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_HOME=str(home),
        JUNDESK_BLUESKY_HANDLE=settings["handle"],
        JUNDESK_BLUESKY_SERVICE=settings["service"],
        JUNDESK_BLUESKY_MEDIA_BASE=settings["media_base"],
        JUNDESK_BLUESKY_APP_PASSWORD=server.secrets()["app_password"],
        # No keyring in the collector: the session is not kept, each run logs in.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    command = [
        sys.executable,
        "-m",
        "jundesk.cli.main",
        "collect",
        "--once",
        "--quiet",
        "--channel",
        "bluesky",
        "--db",
        str(db),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
