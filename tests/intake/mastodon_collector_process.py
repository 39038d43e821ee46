"""`jundesk collect --once --channel mastodon` as a separate process, for the test that kills
it with `kill -9`: the server's address and token come from the environment, as a headless
collector's do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.mastodon import MastodonServer


def start_collector(server: MastodonServer, db: Path, home: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        JUNDESK_HOME=str(home),
        JUNDESK_MASTODON_API_BASE_URL=server.base_url,
        JUNDESK_MASTODON_ACCESS_TOKEN=server.secrets()["access_token"],
    )
    command = [
        sys.executable,
        "-m",
        "jundesk.cli.main",
        "collect",
        "--once",
        "--quiet",
        "--channel",
        "mastodon",
        "--db",
        str(db),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
