"""The sync service: keeps a desk's database and the town's hub in step, offline or not.

It pushes what this desk made and pulls what others made whenever the hub notifies a
change (LISTEN/NOTIFY), when this desk acts (`poke`), and every `poll_interval` seconds in
case a notification was lost. When the hub can't be reached the desk goes on working on its
own database; the runner says "offline since ..." through SyncHealth and reconnects by
itself with exponential backoff, then catches up both ways.

Hub I/O runs on a thread of its own and local writes on the store's writer thread, so the
event loop the console runs on never waits on either.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import psycopg

from jundesk.app.town_status import SyncHealth
from jundesk.core.model import Event
from jundesk.store.repository import Store
from jundesk.sync.claims import ClaimLost
from jundesk.sync.hub_admin import DeskInfo, my_desk
from jundesk.sync.hub_clock import CLOCK_WARNING, clock_skew, skew_text
from jundesk.sync.hub_connection import (
    HubConnector,
    HubUnavailable,
    Purpose,
    busy_hub,
    is_connection_error,
)
from jundesk.sync.hub_listener import DUTY, HubListener
from jundesk.sync.replicator import Applied, PulledBatch, Replicator

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_INTERVAL = 15.0  # seconds between pulls when no notification came
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
LAST_CONTACT_KEY = "hub.last_contact"
LAST_CONTACT_EVERY = timedelta(minutes=1)  # how often the time of contact is saved
CLOCK_CHECK_EVERY = 60.0  # seconds between measures of this desk's clock against the hub's


class NotADesk(RuntimeError):
    """The hub knows no desk by this database role (removed, or the wrong URL)."""


@dataclass(frozen=True, slots=True)
class RoundInfo:
    """What a round hook is told: whether the duty board changed, and whether this is the
    first round on a new connection (published state may need saying again)."""

    duty_changed: bool
    reconnected: bool


RoundHook = Callable[[psycopg.Connection[Any], RoundInfo], None]


class SyncRunner:
    """Replicates `store` with the hub `connector` reaches. Start `run()` as a task.

    Callbacks: `on_health(SyncHealth)`, `on_changed(case ids)` and `on_claim_lost(
    ClaimLost)` on the event loop's thread; `on_rerouted(events)` on the store's writer
    thread, since it is where triage may be taught (triage is not thread-safe).
    """

    def __init__(
        self,
        store: Store,
        connector: HubConnector,
        writer: ThreadPoolExecutor,
        desk: str,
        *,
        poll_interval: float = POLL_INTERVAL,
        backoff_base: float = BACKOFF_BASE,
        backoff_cap: float = BACKOFF_CAP,
        on_health: Callable[[SyncHealth], None] | None = None,
        on_changed: Callable[[list[str]], None] | None = None,
        on_claim_lost: Callable[[ClaimLost], None] | None = None,
        on_rerouted: Callable[[list[Event]], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.connector = connector
        self.writer = writer
        self.replicator = Replicator(store, desk)
        self.poll_interval = poll_interval
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.on_health = on_health
        self.on_changed = on_changed
        self.on_claim_lost = on_claim_lost
        self.on_rerouted = on_rerouted
        self.clock = clock
        self.health = SyncHealth()
        self.desk_info: DeskInfo | None = None
        self._hooks: list[RoundHook] = []
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-hub")
        self._conn: psycopg.Connection[Any] | None = None
        self._listener: HubListener | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._retry: asyncio.Event | None = None
        self._duty_changed = False
        self._reconnected = False
        self._stopped = False
        self._saved_contact: datetime | None = None
        self._held_retried = False
        self._clock_checked: float | None = None

    # -- for the GUI and the app ---------------------------------------------------------

    def poke(self) -> None:
        """Something changed on this desk: push it soon. Safe from any thread."""
        self._signal(self._wake)

    def call_soon(self, fn: Callable[..., Any], *args: Any) -> None:
        """Call `fn(*args)` on the event loop's thread (from any thread)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(fn, *args)

    def add_round_hook(self, hook: RoundHook) -> None:
        """Run `hook(connection, info)` on the hub thread after every sync round."""
        self._hooks.append(hook)

    async def call_hub(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """Run `fn(connection)` on the hub thread; raises HubUnavailable when offline."""
        if self._conn is None:
            raise HubUnavailable(self.health.last_error or "The desk is not connected to the hub.")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._net, self._with_connection, fn)

    def _with_connection(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        if self._conn is None:
            raise HubUnavailable("The desk is not connected to the hub.")
        with busy_hub(self._conn):
            return fn(self._conn)

    def stop(self) -> None:
        self._stopped = True
        self._signal(self._retry)
        self._signal(self._wake)
        if self._listener is not None:
            self._listener.request_stop()  # joined on the hub thread, not here

    def close(self) -> None:
        """Stop and let go of the hub (blocking; call after the run task ended)."""
        self.stop()
        with contextlib.suppress(Exception):
            self._net.submit(self._disconnect_now).result(timeout=5)
        self._net.shutdown(wait=False, cancel_futures=True)

    # -- the loop ---------------------------------------------------------------------

    async def run(self) -> None:
        """Sync until stop(); never raises for hub failures, it reports them."""
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._retry = asyncio.Event()
        failures = 0
        while not self._stopped:
            delay = 0.0
            try:
                await self._connect()
                failures = 0
                await self._serve()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if self._stopped:
                    break
                if not is_connection_error(error) and not isinstance(error, NotADesk):
                    log.exception("Sync with the hub failed")
                failures += 1
                delay = self._backoff(failures)
                await self._went_offline(error, delay)
            finally:
                await self._disconnect()
            if not self._stopped and delay:
                self._retry.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._retry.wait(), timeout=delay)

    def _backoff(self, failures: int) -> float:
        delay = min(self.backoff_cap, self.backoff_base * 2.0 ** min(failures - 1, 16))
        return delay * random.uniform(0.75, 1.25)

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        self._clock_checked = None  # measured again on every new connection
        conn = await loop.run_in_executor(self._net, self._open)
        self._conn = conn
        hub_id = await loop.run_in_executor(self._net, Replicator.hub_id, conn)
        await loop.run_in_executor(self.writer, self.replicator.adopt_hub, hub_id)
        listener = HubListener(self.connector, self._notified, self._listener_lost)
        await loop.run_in_executor(self._net, listener.start)
        self._listener = listener
        self._reconnected = True
        if not self._held_retried:
            # This version may read events an older one held: try them once per start.
            applied = await loop.run_in_executor(self.writer, self._apply_held)
            self._held_retried = True
            self._report(applied)

    def _open(self) -> psycopg.Connection[Any]:
        conn = self.connector.connect(Purpose.SYNC, autocommit=True)
        try:
            desk = my_desk(conn)
        except BaseException:
            conn.close()
            raise
        if desk is None or not desk.active:
            conn.close()
            raise NotADesk(
                f"The hub at {self.connector.public_url} knows no desk by this role: ask the "
                "town's administrator ('jundesk hub add-desk'), then 'jundesk hub join'."
            )
        self.desk_info = desk
        self.replicator.front_desk = desk.front_desk
        return conn

    async def _serve(self) -> None:
        assert self._wake is not None
        while not self._stopped:
            self._wake.clear()
            await self._round()
            if self._listener is None or not self._listener.alive:
                raise HubUnavailable("The hub's notifications stopped; reconnecting.")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval)

    async def _round(self) -> None:
        """Push everything this desk made, then pull everything there is."""
        loop = asyncio.get_running_loop()
        refused = 0
        while not self._stopped:
            outgoing = await loop.run_in_executor(self.writer, self.replicator.outgoing)
            if outgoing.empty:
                break
            rejected = await self._hub(self.replicator.send, outgoing)
            await loop.run_in_executor(self.writer, self.replicator.record_push, outgoing, rejected)
            refused += len(rejected)
        held = 0
        while not self._stopped:
            batch: PulledBatch = await self._hub(self.replicator.fetch, self.replicator.cursor())
            applied = await loop.run_in_executor(self.writer, self._apply, batch)
            held += applied.held
            self._report(applied)
            if not batch.more:
                break
        info = RoundInfo(self._duty_changed, self._reconnected)
        self._duty_changed = self._reconnected = False
        for hook in self._hooks:
            await self._hub(hook, info)
        pending = await loop.run_in_executor(self.writer, self.store.count_unpushed)
        skew = self.health.clock_skew
        if self._clock_checked is None or loop.time() - self._clock_checked >= CLOCK_CHECK_EVERY:
            skew = await self._hub(clock_skew, self.clock)
            self._clock_checked = loop.time()
            if abs(skew) > CLOCK_WARNING:
                log.warning("This desk's clock is %s the hub's", skew_text(skew))
        now = self.clock()
        if self._saved_contact is None or now - self._saved_contact >= LAST_CONTACT_EVERY:
            await loop.run_in_executor(
                self.writer, self.store.set_sync_values, {LAST_CONTACT_KEY: now.isoformat()}
            )
            self._saved_contact = now
        self._set_health(
            online=True,
            offline_since=None,
            last_sync=now,
            last_error="",
            pending=pending,
            refused=self.health.refused + refused,
            held=self.health.held + held,
            cursor=self.replicator.cursor(),
            next_attempt=None,
            desk=self.desk_info.name if self.desk_info else "",
            clock_skew=skew,
        )

    async def _hub(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._net, self._with_connection_args, fn, args)

    def _with_connection_args(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._conn is None:
            raise HubUnavailable("The desk is not connected to the hub.")
        with busy_hub(self._conn):
            return fn(self._conn, *args)

    # -- on the writer thread ---------------------------------------------------------

    def _apply(self, batch: PulledBatch) -> Applied:
        applied = self.replicator.apply(batch)
        self._teach(applied.rerouted)
        return applied

    def _apply_held(self) -> Applied:
        applied = self.replicator.retry_held()
        self._teach(applied.rerouted)
        return applied

    def _teach(self, rerouted: list[Event]) -> None:
        if rerouted and self.on_rerouted:
            try:
                self.on_rerouted(rerouted)
            except Exception:
                log.exception("Learning from the town's corrections failed")

    # -- reporting -----------------------------------------------------------------------

    def _report(self, applied: Applied) -> None:
        if applied.case_ids and self.on_changed:
            self.on_changed(applied.case_ids)
        if self.on_claim_lost:
            for claim in applied.claims_lost:
                self.on_claim_lost(claim)

    async def _went_offline(self, error: BaseException, delay: float) -> None:
        now = self.clock()
        since = self.health.offline_since
        if since is None:
            since = now if self.health.online else await self._last_contact(now)
        message = str(error) if isinstance(error, HubUnavailable | NotADesk) else ""
        if not message:
            message = self.connector.explain(error)
        log.info("Hub: %s", message)
        loop = asyncio.get_running_loop()
        pending = await loop.run_in_executor(self.writer, self.store.count_unpushed)
        self._set_health(
            online=False,
            offline_since=since,
            last_error=message,
            pending=pending,
            next_attempt=now + timedelta(seconds=delay),
        )

    async def _last_contact(self, now: datetime) -> datetime:
        loop = asyncio.get_running_loop()
        saved = await loop.run_in_executor(self.writer, self.store.sync_value, LAST_CONTACT_KEY)
        if saved:
            with contextlib.suppress(ValueError):
                return datetime.fromisoformat(saved)
        return now

    def _set_health(self, **changes: Any) -> None:
        health = replace(self.health, **changes)
        if health == self.health:
            return
        self.health = health
        if self.on_health:
            try:
                self.on_health(health)
            except Exception:
                log.exception("Sync health listener failed")

    # -- notifications and connections ---------------------------------------------------

    def _notified(self, channel: str) -> None:
        if channel == DUTY:
            self._duty_changed = True
        self._signal(self._wake)

    def _listener_lost(self, error: BaseException) -> None:
        self._signal(self._wake)

    def _signal(self, event: asyncio.Event | None) -> None:
        loop = self._loop
        if event is None or loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(event.set)

    async def _disconnect(self) -> None:
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):
            await loop.run_in_executor(self._net, self._disconnect_now)

    def _disconnect_now(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
