"""Who is on duty travels through the hub: the front desk sees when nobody covers police."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from jundesk.app.duty_board import TownDuty
from jundesk.app.sync_runner import SyncRunner
from jundesk.store.repository import Store
from jundesk.sync.hub_duty import DutyBoard
from tests.sync.test_offline import wait_for
from tests.sync.town import TestHub


class FakePolicy:
    """What a desk's DutyPolicy offers the board (jundesk.app.duty)."""

    def __init__(self) -> None:
        self.on = True
        self.others_cover: Callable[[str], bool] | None = None
        self.listeners: list[Callable[[Any], None]] = []

    def is_on_duty(self) -> bool:
        return self.on

    def add_listener(self, listener: Callable[[Any], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def toggle(self) -> None:
        self.on = not self.on

        class Change:
            on_duty = self.on

        for listener in self.listeners:
            listener(Change())


def test_the_front_desk_sees_when_nobody_covers_police(fresh_hub: TestHub, tmp_path: Path):
    writer = ThreadPoolExecutor(max_workers=1)
    stores = {name: Store(tmp_path / f"{name}.db") for name in ("police", "front")}
    boards: list[DutyBoard] = []

    async def scenario() -> None:
        runners = {
            name: SyncRunner(store, fresh_hub.connector(name), writer, name, poll_interval=5.0)
            for name, store in stores.items()
        }
        police = TownDuty(runners["police"], "Agente Ruiz")
        front = TownDuty(runners["front"], "Marta", on_board=boards.append)
        tasks = [asyncio.create_task(r.run()) for r in runners.values()]
        try:
            policy = FakePolicy()
            police.attach(policy)  # publishes "on duty" at once
            front.publish_duty(True)
            await wait_for(
                lambda: front.board is not None and "police" not in front.board.uncovered()
            )
            board = await front.duty_board()
            assert board["police"] == ["police"]
            assert "police" not in await front.uncovered_roles()
            assert "unrouted" not in await front.uncovered_roles()  # the front desk is on
            assert front.others_cover("police") and not police.others_cover("police")
            assert policy.others_cover is not None and not policy.others_cover("police")

            policy.toggle()  # the officer goes home
            # The hub notifies the front desk, whose board updates by itself.
            await wait_for(lambda: front.board is not None and "police" in front.board.uncovered())
            assert (await front.duty_board())["police"] == []
            assert "police" in await front.uncovered_roles()
            assert not front.others_cover("police")
            assert boards and "police" in boards[-1].uncovered()
        finally:
            for runner in runners.values():
                runner.stop()
            await asyncio.gather(*tasks)
            for runner in runners.values():
                runner.close()

    try:
        asyncio.run(scenario())
    finally:
        writer.shutdown(wait=True)
        for store in stores.values():
            store.close()


def test_a_desk_not_seen_for_a_while_does_not_cover(fresh_hub: TestHub):
    from jundesk.sync.hub_duty import publish, read_board

    with fresh_hub.connector("police").connect() as conn:
        conn.autocommit = True
        publish(conn, True, "Ruiz")
        assert read_board(conn).by_role()["police"] == ["police"]
    with fresh_hub.admin_conn() as admin:
        admin.execute("UPDATE duty SET seen_at = now() - interval '1 hour'")
    with fresh_hub.connector("front").connect() as conn:
        conn.autocommit = True
        board = read_board(conn)
    assert board.by_role()["police"] == []
    entry = next(d for d in board.desks if d.desk == "police")
    assert entry.on_duty and not entry.fresh and not entry.covering
