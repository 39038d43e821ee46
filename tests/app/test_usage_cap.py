"""X's monthly usage cap: intake stops at once, says so, and asks X nothing more this month
unless its settings change; the next UTC month it polls again."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.app.usage_cap import UsageCap, next_month
from jundesk.intake.source import UsageCapped
from jundesk.store import Store
from jundesk.triage import Triage
from jundesk.xserver import Fault, XServer
from tests.intake.conftest import make_source

MENTIONS = "/2/users/"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_loop(
    server: XServer, store: Store, clock: Clock, setup: str = "setup-1"
) -> tuple[IntakeLoop, list[IntakeHealth]]:
    source = make_source(server)

    def never_wait(seconds: float) -> None:
        raise AssertionError(f"intake waited {seconds:.0f} s for a cap that lasts the month")

    source._sleep = never_wait  # type: ignore[method-assign]
    health: list[IntakeHealth] = []
    loop = IntakeLoop(
        source,
        Ingestor(store, Triage.from_resources()),
        store,
        ThreadPoolExecutor(max_workers=1),
        on_health=health.append,
        clock=clock,
        usage_cap=UsageCap(store, setup),
    )
    return loop, health


def capped_requests(server: XServer) -> int:
    return sum(1 for kind, _, _ in server.faults.fired if kind == "usage_capped")


def test_the_cap_stops_a_poll_at_once_and_marks_intake_failing(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    with XServer() as server, Store(tmp_path / "desk.db") as store:
        server.add_post("ana", f"@{server.town_handle} farola apagada")
        server.faults.push(Fault.usage_capped(endpoint=MENTIONS, times=1000))
        loop, health = make_loop(server, store, clock)
        with pytest.raises(UsageCapped, match="the X app's monthly cap is reached"):
            asyncio.run(loop.poll_once())
        assert capped_requests(server) == 1  # asked once, never waited nor retried
        assert health[-1].failing
        assert health[-1].capped_until == datetime(2027, 1, 1, tzinfo=UTC)
        loop.stop()


@pytest.mark.slow
def test_no_request_until_the_next_month_or_a_settings_change(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    with XServer() as server, Store(tmp_path / "desk.db") as store:
        server.add_post("ana", f"@{server.town_handle} farola apagada")
        server.faults.push(Fault.usage_capped(endpoint=MENTIONS, times=1))
        first, _ = make_loop(server, store, clock)
        with pytest.raises(UsageCapped):
            asyncio.run(first.poll_once())
        first.stop()
        # A restart (a new loop, the same database and set-up) doesn't ask X again.
        again, health = make_loop(server, store, clock)
        requests = server.post_reads, len(server.faults.fired)
        with pytest.raises(UsageCapped, match="until 2027-01-01 00:00 UTC"):
            asyncio.run(again.poll_once())
        assert (server.post_reads, len(server.faults.fired)) == requests
        assert health[-1].failing and health[-1].capped_until is not None
        again.stop()
        # Changed settings (a new plan's keys, a new budget) try again, and it works.
        changed, _ = make_loop(server, store, clock, setup="setup-2")
        assert asyncio.run(changed.poll_once()).stored == 1
        assert changed.health.capped_until is None and not changed.health.failing
        changed.stop()


def test_a_running_desk_sees_its_settings_change(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    setup = ["plan-basic"]
    with XServer() as server, Store(tmp_path / "desk.db") as store:
        server.add_post("ana", f"@{server.town_handle} farola apagada")
        server.faults.push(Fault.usage_capped(endpoint=MENTIONS, times=1))
        loop, _ = make_loop(server, store, clock)
        object.__setattr__(loop.usage_cap, "setup", lambda: setup[0])
        with pytest.raises(UsageCapped):
            asyncio.run(loop.poll_once())
        with pytest.raises(UsageCapped):
            asyncio.run(loop.poll_once())  # F5 with nothing changed: X is not asked
        assert capped_requests(server) == 1
        setup[0] = "plan-pro"  # the settings dialog saved new keys or a new budget
        assert asyncio.run(loop.poll_once()).stored == 1
        loop.stop()


def test_the_next_utc_month_polls_again(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 31, 23, 59, tzinfo=UTC))
    with XServer() as server, Store(tmp_path / "desk.db") as store:
        server.add_post("ana", f"@{server.town_handle} farola apagada")
        server.faults.push(Fault.usage_capped(endpoint=MENTIONS, times=1))
        loop, _ = make_loop(server, store, clock)
        with pytest.raises(UsageCapped):
            asyncio.run(loop.poll_once())
        clock.now = datetime(2027, 1, 1, 0, 0, 1, tzinfo=UTC)
        assert asyncio.run(loop.poll_once()).stored == 1
        loop.stop()


def test_the_running_loop_sleeps_until_the_month_turns(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    with XServer() as server, Store(tmp_path / "desk.db") as store:
        server.faults.push(Fault.usage_capped(endpoint=MENTIONS, times=1000))
        loop, _ = make_loop(server, store, clock)

        async def scenario() -> None:
            task = asyncio.create_task(loop.run())
            while loop.health.next_poll is None:
                await asyncio.sleep(0.01)
            loop.stop()
            await asyncio.wait_for(task, 5)

        asyncio.run(scenario())
        assert loop.health.next_poll is not None
        assert loop.health.next_poll >= datetime(2027, 1, 1, tzinfo=UTC)
        assert capped_requests(server) == 1


def test_next_month_turns_the_year() -> None:
    assert next_month(datetime(2026, 12, 31, 23, 59, tzinfo=UTC)) == datetime(
        2027, 1, 1, tzinfo=UTC
    )
    assert next_month(datetime(2027, 2, 10, tzinfo=UTC)) == datetime(2027, 3, 1, tzinfo=UTC)
