"""Intake once per town and channel: the desk holding a channel's lease on the hub reads that
channel (X, Mastodon...) for everyone; each channel's lease may be at a different desk.

Every desk (or headless `jundesk collect --hub`) that may collect runs this: it tries the
lock every couple of seconds and stands by while another holds it. The holder runs the
ordinary intake loop, but over the hub (jundesk.sync.hub_intake) on the lock's own
session, checking once a second that the session still stands; the moment it doesn't,
the holder stops polling, and the server has freed the lock for the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.app.town_status import CollectorRole
from jundesk.core.model import Cursor
from jundesk.intake.source import Source, TransientError
from jundesk.sync.collector_lock import CollectorLock, LeaseLost, NotAllowedToCollect
from jundesk.sync.hub_connection import HubConnector, is_connection_error
from jundesk.sync.hub_intake import HubIntake, HubIntakeUnit
from jundesk.triage import Triage

log = logging.getLogger(__name__)

STANDBY_INTERVAL = 2.0  # seconds between attempts at the lock
HEARTBEAT = 1.0  # seconds between checks that the lock's session stands
OFFLINE_RETRY = 5.0


class IntakeHandedOver(TransientError):
    """The town's intake lease was lost (taken over, or the hub ended this session): the
    poll stops with this line, and the collector's heartbeat stands it by."""


@contextlib.contextmanager
def _handed_over() -> Iterator[None]:
    try:
        yield
    except LeaseLost as exc:
        raise IntakeHandedOver(str(exc)) from exc
    except Exception as exc:
        if not is_connection_error(exc):
            raise
        raise IntakeHandedOver(
            "The town's intake was handed over (this desk's hub session ended): this desk "
            "stands by."
        ) from exc


class _LeaseGuardedIntake(HubIntake):
    """HubIntake whose lost lease (or session) ends the poll with one line, not a trace."""

    @contextlib.contextmanager
    def unit(self) -> Iterator[HubIntakeUnit]:
        with _handed_over(), super().unit() as unit:
            yield unit

    def get_cursor(self, source: str, key: str) -> Cursor:
        with _handed_over():
            return super().get_cursor(source, key)

    def reads_this_month(self, source: str, now: datetime) -> int:
        with _handed_over():
            return super().reads_this_month(source, now)


class TownCollector:
    """Competes for the town's intake and collects while it holds it. Start `run()`.

    `on_role(role, message)` is called on the event loop's thread when the role changes.
    The triage is used on `writer` only (it is not thread-safe): pass the store's writer.
    """

    def __init__(
        self,
        connector: HubConnector,
        source: Source,
        triage: Triage,
        writer: ThreadPoolExecutor,
        *,
        interval: float = 60.0,
        read_budget: int = 10_000,
        standby_interval: float = STANDBY_INTERVAL,
        heartbeat: float = HEARTBEAT,
        offline_retry: float = OFFLINE_RETRY,
        on_report: Callable[[IngestReport], None] | None = None,
        on_health: Callable[[IntakeHealth], None] | None = None,
        on_role: Callable[[CollectorRole, str], None] | None = None,
    ) -> None:
        self.connector = connector
        self.source = source
        self.triage = triage
        self.writer = writer
        self.interval = interval
        self.read_budget = read_budget
        self.standby_interval = standby_interval
        self.heartbeat = heartbeat
        self.offline_retry = offline_retry
        self.on_report = on_report
        self.on_health = on_health
        self.on_role = on_role
        self.role = CollectorRole.STARTING
        self.intake: IntakeLoop | None = None  # while collecting
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-collector")
        self._stopped = False
        self._wake: asyncio.Event | None = None

    def stop(self) -> None:
        self._stopped = True
        if self.intake is not None:
            self.intake.stop()
        if self._wake is not None:
            self._wake.set()

    def close(self) -> None:
        self.stop()
        self._net.shutdown(wait=False, cancel_futures=True)

    async def run(self) -> None:
        """Stand by or collect until stop(); hub failures are reported, never raised."""
        self._wake = asyncio.Event()
        loop = asyncio.get_running_loop()
        lock: CollectorLock | None = None
        try:
            while not self._stopped:
                # A standby keeps its session and tries again on it; after collecting, or a
                # failure, the session is closed (freeing the lock) and a new one is made.
                lock = lock or CollectorLock(self.connector, self.source.name)
                delay = self.standby_interval
                try:
                    if await loop.run_in_executor(self._net, lock.try_acquire):
                        try:
                            await self._collect(lock)
                        finally:
                            await loop.run_in_executor(self._net, lock.release)
                            lock = None
                    else:
                        self._set_role(
                            CollectorRole.STANDBY,
                            f"Another desk collects {self.source.name} for the town.",
                        )
                except NotAllowedToCollect as exc:
                    self._set_role(CollectorRole.NOT_ALLOWED, str(exc))
                    return
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    if not is_connection_error(exc):
                        log.exception("Town intake failed")
                    self._set_role(CollectorRole.OFFLINE, self.connector.explain(exc))
                    if lock is not None:
                        await loop.run_in_executor(self._net, lock.release)
                        lock = None
                    delay = self.offline_retry
                await self._sleep(delay)
        finally:
            if lock is not None:
                lock.release()

    async def collect_once(self, wait: float = 30.0) -> IngestReport | None:
        """One full poll for the town if the lock comes within `wait` seconds (else None)."""
        loop = asyncio.get_running_loop()
        lock = CollectorLock(self.connector, self.source.name)
        try:
            deadline = loop.time() + wait
            while not await loop.run_in_executor(self._net, lock.try_acquire):
                if loop.time() >= deadline:
                    return None
                await asyncio.sleep(min(self.standby_interval, max(0.0, deadline - loop.time())))
            self._set_role(
                CollectorRole.COLLECTING, f"This desk collects {self.source.name} for the town."
            )
            intake = self._intake_loop(lock)
            try:
                return await intake.poll_once()
            finally:
                intake.stop()
        finally:
            await loop.run_in_executor(self._net, lock.release)

    async def _collect(self, lock: CollectorLock) -> None:
        loop = asyncio.get_running_loop()
        self._set_role(
            CollectorRole.COLLECTING, f"This desk collects {self.source.name} for the town."
        )
        intake = self._intake_loop(lock)
        self.intake = intake
        task = asyncio.create_task(intake.run())
        try:
            while not self._stopped and not task.done():
                if not await loop.run_in_executor(self._net, lock.alive):
                    log.warning("The town's intake lock is lost: this desk stops collecting")
                    break
                await asyncio.wait({task}, timeout=self.heartbeat)
        finally:
            self.intake = None
            intake.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def _intake_loop(self, lock: CollectorLock) -> IntakeLoop:
        # The town's intake runs the ordinary loop and ingestor, written into the hub.
        hub = _LeaseGuardedIntake(lock)
        self.source.stop_event.clear()
        return IntakeLoop(
            self.source,
            Ingestor(hub, self.triage),
            hub,
            self.writer,
            interval=self.interval,
            read_budget=self.read_budget,
            on_report=self.on_report,
            on_health=self.on_health,
        )

    async def _sleep(self, seconds: float) -> None:
        assert self._wake is not None
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    def _set_role(self, role: CollectorRole, message: str) -> None:
        if role is self.role:
            return
        self.role = role
        log.info("Town intake: %s", message)
        if self.on_role is not None:
            try:
                self.on_role(role, message)
            except Exception:
                log.exception("Collector role listener failed")
