"""The intake loop reads any channel through the Source interface: its posts stored under
the channel's name (private ones marked), its cursor its own, its health naming the channel
with the rate limit the channel shows and its notice."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.core.model import Cursor
from jundesk.store import Store
from jundesk.triage import Triage
from tests.fake_channel import FakeChannel, FakeService


def test_a_channel_is_read_through_its_interface(tmp_path: Path) -> None:
    service = FakeService(notice="away more than 24 h: updates older than that are lost")
    for n in range(7):
        service.add(f"La farola {n} de la calle Real no luce", handle=f"v{n}")
    secret = service.add("Me amenaza mi vecino", handle="ana", private=True)
    channel = FakeChannel(service, "town")
    store = Store(tmp_path / "desk.db")
    writer = ThreadPoolExecutor(max_workers=1)
    healths: list[IntakeHealth] = []
    loop = IntakeLoop(
        channel, Ingestor(store, Triage.from_resources()), store, writer,
        read_budget=0, on_health=healths.append,
    )  # fmt: skip
    try:
        report = asyncio.run(loop.poll_once())
        assert report.stored == 8
        assert store.get_cursor("fake", "notifications") == Cursor("fake", "notifications", "8")
        stored = store.post_by_source("fake", secret)
        assert stored is not None and stored.private and stored.source == "fake"
        health = loop.health
        assert health.channel == "fake" and health.last_error == ""
        assert (health.rate_remaining, health.rate_limit) == (299, 300)
        assert health.notice.startswith("away more than 24 h")
        assert all(h.channel == "fake" for h in healths)
        # Nothing new: nothing stored again.
        assert asyncio.run(loop.poll_once()).stored == 0
    finally:
        loop.stop()
        writer.shutdown()
        store.close()


def test_a_failing_notice_never_breaks_the_health_line(tmp_path: Path) -> None:
    class Broken(FakeChannel):
        def notice(self) -> str:
            raise RuntimeError("boom")

    store = Store(tmp_path / "desk.db")
    writer = ThreadPoolExecutor(max_workers=1)
    service = FakeService()
    service.add("Basura en la plaza")
    loop = IntakeLoop(
        Broken(service, "town"), Ingestor(store, Triage.from_resources()), store, writer,
        read_budget=0,
    )  # fmt: skip
    try:
        assert asyncio.run(loop.poll_once()).stored == 1
        assert loop.health.notice == "" and loop.health.last_good_poll is not None
    finally:
        loop.stop()
        writer.shutdown()
        store.close()
