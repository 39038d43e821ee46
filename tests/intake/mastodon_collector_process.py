"""A Mastodon collector as a separate process, for the test that kills it with `kill -9`:
the channel read through the Ingestor page by page until the backlog is in, as the intake
loop does (`jundesk collect` reads the other channels through the same two)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jundesk.localserver.mastodon import MastodonServer

ROOT = Path(__file__).resolve().parents[2]


def start_collector(server: MastodonServer, db: Path) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        JUNDESK_MASTODON_API_BASE_URL=server.base_url,
        JUNDESK_MASTODON_ACCESS_TOKEN=server.secrets()["access_token"],
    )
    command = [sys.executable, str(Path(__file__)), str(db)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main(db: str) -> int:
    from jundesk.app.ingest import Ingestor
    from jundesk.intake.mastodon_channel import CHANNEL, open_channel
    from jundesk.store.repository import Store
    from jundesk.triage import Triage

    channel = open_channel(
        {"api_base_url": os.environ["JUNDESK_MASTODON_API_BASE_URL"]},
        {"access_token": os.environ["JUNDESK_MASTODON_ACCESS_TOKEN"]},
    )
    channel.page_size = 80
    store = Store(Path(db))
    ingestor = Ingestor(store, Triage.from_resources())
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            ingestor.ingest(CHANNEL, page)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
