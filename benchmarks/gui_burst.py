"""100 posts arriving in one poll: the longest the GUI thread stalls while the window takes
them in (intake, triage and store on their threads; list refresh, counts, the case on show
and the notifications on the GUI thread), measured with a 5 ms QTimer heartbeat.

By default on a fresh database; --db runs it on a copy-free existing one (the million-case
database: the posts are added to it). Offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_burst.py [--rounds 3] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QTimer

from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, UNROUTED
from jundesk.gui.app import application
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer
from jundesk.xserver.town import backlog, to_new_posts

BEAT_MS = 5


class Heartbeat:
    """A timer that should fire every BEAT_MS: the longest gap is the longest stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        self._beat()
        return self.longest


async def burst(db: Path, rounds: int, size: int) -> None:
    server = XServer(seed=5, rate_limit=100_000).start()
    settings = Settings(
        x_api_base=server.base_url,
        x_user_id=server.town_user_id,
        poll_interval=3600,  # polls only when told: one burst, one poll
        desk_roles=[*DEFAULT_ROLES, UNROUTED],
        person="Ana",
    )
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    session = DeskSession(db, settings, creds)
    window = MainWindow(session)
    window.resize(1366, 768)
    window.show()
    window.start()
    intake = session.engine.intake
    assert intake is not None
    await asyncio.sleep(1.0)
    window.ui.caseTable.select_row(0)
    heart = Heartbeat()
    stalls = []
    schedule = backlog(size * rounds, seed=11, days=0.02, town_handle=server.town_handle)
    start = datetime.now(UTC) - timedelta(hours=1)
    posted: dict[int, str] = {}
    for n in range(rounds):
        before = window.cases.rowCount()
        polls = intake.health.last_good_poll
        batch = schedule[n * size : (n + 1) * size]
        ids = server.add_posts_bulk(to_new_posts(batch, start, posted=posted))
        posted.update({post.index: post_id for post, post_id in zip(batch, ids, strict=True)})
        heart.start()
        began = time.perf_counter()
        session.poll_now()
        while intake.health.last_good_poll == polls:
            await asyncio.sleep(0.005)
        while window.cases.is_loading() or window.cases.rowCount() < before + 1:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.5)  # counts, the case on show, notifications settle
        took = time.perf_counter() - began
        stalls.append(heart.stop())
        print(
            f"round {n + 1}: {size} posts -> {window.cases.rowCount() - before} new rows in "
            f"{took:.2f} s; longest GUI stall {stalls[-1] * 1000:.1f} ms",
            flush=True,
        )
    print(
        f"longest GUI thread stall over {rounds} bursts of {size} posts: "
        f"max {max(stalls) * 1000:.1f} ms, median {statistics.median(stalls) * 1000:.1f} ms "
        f"(heartbeat every {BEAT_MS} ms)"
    )
    window.close()
    await session.aclose()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    home = tempfile.TemporaryDirectory()
    os.environ["JUNDESK_HOME"] = home.name
    app = application(Settings())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    db = args.db or Path(home.name) / "burst.db"
    with loop:
        loop.run_until_complete(burst(db, args.rounds, args.posts))
    home.cleanup()


if __name__ == "__main__":
    main()
