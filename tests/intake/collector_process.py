"""`jundesk collect --once` as a separate process, for tests that kill it or starve its disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.xserver import XServer


def collector_command(server: XServer, db: Path, home: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(
        os.environ,
        JUNDESK_HOME=str(home),
        JUNDESK_X_BEARER_TOKEN=server.bearer_token,
        JUNDESK_X_USER_ID=server.town_user_id,
    )
    command = [
        sys.executable,
        "-m",
        "jundesk.cli.main",
        "collect",
        "--once",
        "--quiet",
        "--db",
        str(db),
        "--x-api-base",
        server.base_url,
    ]
    return command, env


def start_collector(server: XServer, db: Path, home: Path) -> subprocess.Popen[bytes]:
    command, env = collector_command(server, db, home)
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_collector(server: XServer, db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    command, env = collector_command(server, db, home)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
