"""One desk at work, as the console sees it: the engine and its bridge to Qt, the intake
task, the reader threads, and every task the console starts.

Reads for the views go to a small pool of reader threads (SQLite in WAL lets them run
beside the writer); writes go to the engine's single writer thread; the network to
intake's own thread. The GUI thread only awaits them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jundesk.app.actions import CaseActions
from jundesk.app.engine import Engine
from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, UNROUTED
from jundesk.gui.bridge import EngineBridge
from jundesk.gui.tasks import TaskSet
from jundesk.intake.x_credentials import XCredentials
from jundesk.store.repository import Store

if TYPE_CHECKING:
    from jundesk.app.demo import DemoTown

log = logging.getLogger(__name__)

T = TypeVar("T")


class DeskSession:
    def __init__(
        self,
        db_path: Path,
        settings: Settings,
        credentials: XCredentials | None = None,
        *,
        demo: DemoTown | None = None,
        settings_path: Path | None = None,
    ) -> None:
        self.settings = settings
        self.settings_path = settings_path
        self.demo = demo
        self.bridge = EngineBridge()
        # The demo's channels open on its local servers' made-up credentials, never the
        # keyring's (app/demo.py).
        self.engine = Engine(
            db_path,
            settings,
            credentials,
            events=self.bridge,
            channel_values=demo.channel_values() if demo is not None else None,
        )
        # The list and the case on show read on their own threads, so they never wait
        # behind the inbox counts (tens of ms each on a million cases).
        self.reader = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jundesk-read")
        self.counter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-count")
        self.tasks = TaskSet()
        self._service_tasks: list[asyncio.Task[None]] = []
        self._closed = False
        self._finished = False

    # -- what the desk is ----------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self.engine.store

    @property
    def actions(self) -> CaseActions:
        return self.engine.actions

    @property
    def person(self) -> str:
        return self.settings.person

    @property
    def known_roles(self) -> tuple[str, ...]:
        """The town's roles, as its triage rules define them (the usual ones first)."""
        roles = self.engine.triage.roles
        return (
            *(r for r in DEFAULT_ROLES if r in roles),
            *(r for r in roles if r not in DEFAULT_ROLES),
        )

    @property
    def is_front_desk(self) -> bool:
        """The front desk handles every role and what no rule could route."""
        return UNROUTED in self.settings.desk_roles

    @property
    def desk_roles(self) -> tuple[str, ...]:
        """The roles this desk handles (every role for the front desk)."""
        if self.is_front_desk:
            return self.known_roles
        return tuple(r for r in self.known_roles if r in self.settings.desk_roles)

    @property
    def has_intake(self) -> bool:
        """Whether this desk reads X: alone, or by taking the town's intake when free."""
        return bool(self.engine.intakes or self.engine.collectors)

    @property
    def in_town(self) -> bool:
        """Whether this desk shares cases through the town's hub."""
        return self.engine.sync is not None

    # -- threads -------------------------------------------------------------------------

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store read on a reader thread."""
        return await asyncio.get_running_loop().run_in_executor(self.reader, fn, *args)

    async def count(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a slow store read (the inbox counts) on its own thread."""
        return await asyncio.get_running_loop().run_in_executor(self.counter, fn, *args)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store write on the engine's writer thread (one writer for the database)."""
        return await asyncio.get_running_loop().run_in_executor(self.engine.writer, fn, *args)

    # -- life ----------------------------------------------------------------------------

    def start_intake(self) -> None:
        """Start the engine's services on the running loop: intake (alone, or the town's
        when this desk wins it) and, in a town, the sync with the hub."""
        if self._service_tasks:
            return
        for service in self.engine.services():
            task = self.tasks.spawn(service, getattr(service, "__qualname__", "service"))
            if task is not None:
                self._service_tasks.append(task)

    def poll_now(self) -> None:
        self.engine.poll_now()

    async def aclose(self) -> None:
        """Stop intake and the tasks, then close the engine (waits for pending writes)."""
        if self._closed:
            return
        self._closed = True
        self.engine.stop_intake()
        self.tasks.cancel_all()
        await self.tasks.settle(timeout=3.0)
        self.close()

    def close(self) -> None:
        """Synchronous close (no running loop needed); closing twice does nothing."""
        self._closed = True
        if self._finished:
            return
        self._finished = True
        for task in self._service_tasks:
            if not task.done():
                task.cancel()
        self.reader.shutdown(wait=True, cancel_futures=True)
        self.counter.shutdown(wait=True, cancel_futures=True)
        self.engine.close()
        if self.demo is not None:
            self.demo.stop()
