"""`jundesk collect --once --channel telegram` as a separate process, for the test that
kills it with `kill -9` in the middle of the bot's backlog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.telegram import TelegramServer

ROOT = Path(__file__).resolve().parents[2]


def start_collector(server: TelegramServer, db: Path, home: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_HOME=str(home),
        JUNDESK_TELEGRAM_API_BASE=server.base_url,
        JUNDESK_TELEGRAM_BOT_TOKEN=server.secrets()["bot_token"],
        JUNDESK_TELEGRAM_LONG_POLL="0",  # --once: no wait for a message once the queue is read
    )
    command = [
        sys.executable,
        "-m",
        "jundesk.cli.main",
        "collect",
        "--once",
        "--quiet",
        "--channel",
        "telegram",
        "--db",
        str(db),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
