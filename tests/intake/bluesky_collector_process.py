"""A Bluesky collector as a separate process, for the test that kills it with `kill -9`:
the channel read through the Ingestor page by page until the backlog is in, as the intake
loop does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.bluesky import BlueskyServer

ROOT = Path(__file__).resolve().parents[2]


def start_collector(server: BlueskyServer, db: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_BLUESKY_SETTINGS=json.dumps(server.settings()),
        JUNDESK_BLUESKY_APP_PASSWORD=server.secrets()["app_password"],
        # No keyring in the collector: the session is not kept, each run logs in.
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    command = [sys.executable, str(Path(__file__)), str(db)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main(db: str) -> int:
    from jundesk.app.ingest import Ingestor
    from jundesk.intake.bluesky_channel import CHANNEL, open_channel
    from jundesk.store.repository import Store
    from jundesk.triage import Triage

    channel = open_channel(
        json.loads(os.environ["JUNDESK_BLUESKY_SETTINGS"]),
        {"app_password": os.environ["JUNDESK_BLUESKY_APP_PASSWORD"]},
    )
    channel.page_size = 100
    store = Store(Path(db))
    ingestor = Ingestor(store, Triage.from_resources())
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            ingestor.ingest(CHANNEL, page)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
