"""A desk cut off from the hub keeps working, says since when, and catches up by itself."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jundesk.app.sync_runner import SyncRunner
from jundesk.app.town_status import SyncHealth
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store.repository import Store
from jundesk.sync.hub_connection import HubConnector
from tests.sync.tcp_proxy import TcpProxy
from tests.sync.town import TestDesk, TestHub


async def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


@pytest.mark.slow
def test_offline_then_catch_up_both_ways(
    fresh_hub: TestHub, desks: dict[str, TestDesk], tmp_path: Path
):
    front = desks["front"]
    invite = fresh_hub.invites["police"]
    store = Store(tmp_path / "police-runner.db")
    writer = ThreadPoolExecutor(max_workers=1)
    healths: list[SyncHealth] = []
    changed: list[str] = []

    async def scenario() -> None:
        with TcpProxy() as proxy:
            connector = HubConnector(proxy.url(invite.url), invite.password)
            runner = SyncRunner(
                store,
                connector,
                writer,
                "police",
                poll_interval=5.0,
                backoff_base=0.1,
                backoff_cap=0.4,
                on_health=healths.append,
                on_changed=changed.extend,
            )
            task = asyncio.create_task(runner.run())
            try:
                await wait_for(lambda: runner.health.online)
                case_id = front.open_case("police", "Coche mal aparcado en el vado")
                front.sync()
                # A notification wakes the runner well before its 5 s poll.
                await wait_for(lambda: store.get_case(case_id) is not None, timeout=3)
                # The desk is told after the pull's write commits: wait for that too.
                await wait_for(lambda: case_id in changed, timeout=3)

                proxy.cut()
                await wait_for(lambda: not runner.health.online)
                offline = runner.health
                assert offline.offline_since is not None and offline.last_error
                assert offline.status.startswith("offline since ")

                # Both sides go on working meanwhile.
                mine = make_event(case_id, EventKind.ACKNOWLEDGED, Actor("police", "Ruiz"))
                await asyncio.get_running_loop().run_in_executor(
                    writer, store.append_events, [mine]
                )
                runner.poke()
                front.act(case_id, EventKind.NOTED, text="Grúa avisada")
                front.sync()
                await asyncio.sleep(0.5)  # a few reconnection attempts fail
                assert not runner.health.online
                assert runner.health.pending == 1
                assert runner.health.offline_since == offline.offline_since

                proxy.restore()
                await wait_for(lambda: runner.health.online and runner.health.pending == 0)
                await wait_for(lambda: _notes(store, case_id) == 1)
                front.sync()
                assert front.case(case_id) == store.get_case(case_id)
                case = store.get_case(case_id)
                assert case is not None and case.status is Status.ACKNOWLEDGED
                assert runner.health.offline_since is None
            finally:
                runner.stop()
                await asyncio.wait_for(task, timeout=5)
                runner.close()

    try:
        asyncio.run(scenario())
    finally:
        writer.shutdown(wait=True)
        store.close()
    states = [h.online for h in healths]
    assert True in states and False in states and states[-1] is True


def _notes(store: Store, case_id: str) -> int:
    case = store.get_case(case_id)
    return -1 if case is None else case.notes
