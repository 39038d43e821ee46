"""A Telegram collector as a separate process, for the test that kills it with `kill -9`:
the bot's updates read through the Ingestor page by page until none is waiting, as the
intake loop does (`jundesk collect` reads the other channels through the same two)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.telegram import TelegramServer

ROOT = Path(__file__).resolve().parents[2]


def start_collector(server: TelegramServer, db: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_TELEGRAM_API_BASE=server.base_url,
        JUNDESK_TELEGRAM_BOT_TOKEN=server.secrets()["bot_token"],
    )
    command = [sys.executable, str(Path(__file__)), str(db)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main(db: str) -> int:
    from jundesk.app.ingest import Ingestor
    from jundesk.intake.telegram_channel import CHANNEL, open_channel
    from jundesk.store.repository import Store
    from jundesk.triage import Triage

    channel = open_channel(
        {"api_base": os.environ["JUNDESK_TELEGRAM_API_BASE"], "long_poll": "0"},
        {"bot_token": os.environ["JUNDESK_TELEGRAM_BOT_TOKEN"]},
    )
    store = Store(Path(db))
    ingestor = Ingestor(store, Triage.from_resources())
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            ingestor.ingest(CHANNEL, page)
    store.close()
    channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
