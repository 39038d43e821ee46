"""Duty across the town: this desk says on the hub whether it is on duty, and reads who
covers each role, so the front desk sees when nobody covers police.

What the GUI calls: `publish_duty(on_duty)` (never blocks; said on the next sync round,
and again after a reconnection, so going off duty while offline still reaches the town),
`await duty_board()` (role -> desks on duty) and `await uncovered_roles()`.
`attach(policy)` wires a desk's DutyPolicy (jundesk.app.duty): its duty changes are
published and its `others_cover` asks this board.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

import psycopg

from jundesk.app.sync_runner import RoundInfo, SyncRunner
from jundesk.sync.hub_connection import HubUnavailable
from jundesk.sync.hub_duty import HEARTBEAT_S, DutyBoard, heartbeat, publish, read_board

log = logging.getLogger(__name__)

BOARD_REFRESH_S = 60.0  # re-read the board this often even without a notification


class DutyChangeLike(Protocol):
    """What TownDuty reads of jundesk.app.duty.DutyChange."""

    @property
    def on_duty(self) -> bool: ...


class DutyPolicyLike(Protocol):
    """What `attach` needs of jundesk.app.duty.DutyPolicy."""

    others_cover: Callable[[str], bool] | None

    def add_listener(self, listener: Callable[[DutyChangeLike], None]) -> Callable[[], None]: ...

    def is_on_duty(self) -> bool: ...


class TownDuty:
    """This desk's line on the town's duty board, kept through the sync runner."""

    def __init__(
        self,
        runner: SyncRunner,
        person: str = "",
        *,
        on_board: Callable[[DutyBoard], None] | None = None,
    ) -> None:
        self.runner = runner
        self.person = person
        self.on_board = on_board
        self.board: DutyBoard | None = None  # the last one read (may be old when offline)
        self._wanted: bool | None = None
        self._published: bool | None = None
        self._beat = 0.0
        self._read = 0.0
        runner.add_round_hook(self._exchange)

    # -- for the GUI -------------------------------------------------------------------

    def publish_duty(self, on_duty: bool) -> None:
        """Say on the hub whether this desk is on duty (soon; offline: when back)."""
        self._wanted = on_duty
        self.runner.poke()

    async def duty_board(self) -> dict[str, list[str]]:
        """Role -> names of the desks on duty for it; an empty list: nobody covers it.

        Offline, the board last read (empty if none was)."""
        board = await self._fresh_board()
        return board.by_role() if board else {}

    async def uncovered_roles(self) -> list[str]:
        board = await self._fresh_board()
        return board.uncovered() if board else []

    def others_cover(self, role: str) -> bool:
        """Whether another desk on duty covers `role` (from the last board read)."""
        board = self.board
        me = self.runner.desk_info.name if self.runner.desk_info else ""
        return bool(board and board.covered_by_others(role, me))

    def attach(self, policy: DutyPolicyLike) -> Callable[[], None]:
        """Publish `policy`'s duty now and on every change; let it ask who else covers."""
        policy.others_cover = self.others_cover
        self.publish_duty(policy.is_on_duty())
        return policy.add_listener(lambda change: self.publish_duty(change.on_duty))

    # -- on the hub thread, after each sync round -----------------------------------------

    def _exchange(self, conn: psycopg.Connection[Any], info: RoundInfo) -> None:
        now = time.monotonic()
        if info.reconnected:
            self._published = None  # the hub may have missed the last change
        wanted = self._wanted
        changed = False
        if wanted is not None and wanted != self._published:
            publish(conn, wanted, self.person)
            self._published = wanted
            self._beat = now
            changed = True
        elif self._published is not None and now - self._beat >= HEARTBEAT_S:
            heartbeat(conn)
            self._beat = now
        if (
            changed
            or info.duty_changed
            or self.board is None
            or now - self._read >= BOARD_REFRESH_S
        ):
            self._set_board(read_board(conn))
            self._read = now

    async def _fresh_board(self) -> DutyBoard | None:
        try:
            board = await self.runner.call_hub(read_board)
        except HubUnavailable:
            return self.board
        self._read = time.monotonic()
        self._set_board(board)
        return board

    def _set_board(self, board: DutyBoard) -> None:
        self.board = board
        if self.on_board is not None:
            self.runner.call_soon(self._tell, board)

    def _tell(self, board: DutyBoard) -> None:
        try:
            if self.on_board is not None:
                self.on_board(board)
        except Exception:
            log.exception("Duty board listener failed")
