"""The intake service: budget, health reporting, backing off and recovering."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.intake.source import BudgetExhausted
from jundesk.store import Store
from jundesk.triage import Triage
from jundesk.xserver import Fault, XServer
from tests.intake.conftest import make_source


def make_loop(server: XServer, tmp_path: Path, **kwargs) -> tuple[IntakeLoop, Store, list]:
    store = Store(tmp_path / "desk.db")
    health: list[IntakeHealth] = []
    loop = IntakeLoop(
        make_source(server, max_rate_wait=2.0),
        Ingestor(store, Triage.from_resources()),
        store,
        ThreadPoolExecutor(max_workers=1),
        on_health=health.append,
        **kwargs,
    )
    return loop, store, health


def test_the_monthly_read_budget_stops_polling(tmp_path: Path) -> None:
    with XServer() as server:
        for i in range(12):
            server.add_post(f"v{i}", f"@{server.town_handle} farola {i}")
        loop, store, _ = make_loop(server, tmp_path, read_budget=10)
        report = asyncio.run(loop.poll_once())
        assert report.stored == 12
        assert loop.health.reads_this_month == 12
        server.add_post("tarde", f"@{server.town_handle} una más")
        reads_before = server.post_reads
        with pytest.raises(BudgetExhausted, match="budget"):
            asyncio.run(loop.poll_once())
        assert server.post_reads == reads_before  # nothing was read (nor billed)
        store.close()


def test_failures_are_reported_then_recovery_clears_them(tmp_path: Path) -> None:
    with XServer() as server:
        server.add_post("ana", f"@{server.town_handle} contenedor lleno")
        loop, store, health = make_loop(server, tmp_path, interval=0.05)
        server.faults.push(Fault.server_error(503, endpoint="/2/users/", times=6 * 3))

        async def scenario() -> None:
            task = asyncio.create_task(loop.run())
            for _ in range(400):
                await asyncio.sleep(0.05)
                if loop.health.last_good_poll is not None:
                    break
            loop.stop()
            task.cancel()

        asyncio.run(scenario())
        failures = [h for h in health if h.last_error]
        assert len(failures) >= 3
        assert any(h.failing for h in failures)
        assert "server error (503)" in failures[0].last_error
        # It recovered by itself: a good poll, the error gone, the post stored.
        assert loop.health.last_good_poll is not None and loop.health.last_error == ""
        assert len(store.list_cases()) == 1
        store.close()


def test_the_interval_stretches_to_last_the_rate_limit_window(tmp_path: Path) -> None:
    with XServer(rate_limit=20, rate_window=900) as server:
        loop, store, _ = make_loop(server, tmp_path, interval=1.0, read_budget=0)
        asyncio.run(loop.poll_once())
        # 19 requests left for ~900 s: polling every second would run dry in 19 s.
        assert loop._next_interval() >= 900 / 20
        store.close()
